// The AST walk the bundle's transforms share (minify-templates.js, short-message-ids.js).

/**
 * Calls `visit` on `node` and every node below it, parents first, in source order.
 * @param {{ type: string } | null | undefined} node an ESTree node (rollup's `this.parse(code)`)
 * @param {(node: any) => void} visit
 */
export function walk(node, visit) {
  if (!node || typeof node.type !== 'string') return;
  visit(node);
  for (const key in node) {
    const value = node[key];
    if (Array.isArray(value)) for (const child of value) walk(child, visit);
    else if (value && typeof value === 'object' && key !== 'loc') walk(value, visit);
  }
}
