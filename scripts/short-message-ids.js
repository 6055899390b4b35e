// For the minified builds only: every message id (`msg('Save', { id: 'meeting.form.save' })`) is
// replaced by a short one of one or two characters, in the calls and in the locale catalogues
// alike. @lit/localize uses an id only to look its translation up in the catalogue, so the two
// sides need only agree; the readable ids stay in the sources, the catalogues and the modules of
// dist/components/. The 1,600 ids averaged 25 characters, and each stood once in the calls and
// once in each catalogue.
// The short ids are given in the order of the sorted ids of the catalogues (every part of
// components/locales/parts/ as tsc compiled it), so the bundle and the embed build, two runs of
// rollup, give every id the same short one. An id no catalogue has is kept (its message shows in
// en-GB, as before); one that is not a string literal fails the build, since its catalogue key
// would no longer be found.
// In a module that imports msg() from @lit/localize, a call with the id as its only option,
// `msg(text, { id: 'x' })`, also becomes `msgById('s', text)` (one shared function, see HELPER):
// the 1,760 `,{id:"s"}` of the drop-in build's calls weighed about 4 KB gzip.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { walk } from './estree-walk.js';

const DIGITS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$';

/** The n-th short id: a, b, ..., $, aa, ab, ... */
export function shortId(n) {
  let id = '';
  let rest = n;
  do {
    id = DIGITS[rest % DIGITS.length] + id;
    rest = Math.floor(rest / DIGITS.length) - 1;
  } while (rest >= 0);
  return id;
}

/**
 * Short ids for the given message ids, in sorted order.
 * @param {Iterable<string>} ids
 * @returns {Map<string, string>}
 */
export function shortIds(ids) {
  return new Map([...new Set(ids)].sort().map((id, n) => [id, shortId(n)]));
}

/** The keys of the object literals in a catalogue part's code (its ESTree program). */
export function catalogueKeys(ast) {
  const keys = [];
  walk(ast, (node) => {
    if (node.type === 'Property' && !node.computed && node.key.type === 'Literal' && typeof node.key.value === 'string') keys.push(node.key.value);
  });
  return keys;
}

const keyName = (key) => (key.type === 'Identifier' ? key.name : key.value);

/** The module of the shared function `msgById(id, text)`, the same as `msg(text, { id })`. */
export const HELPER = 'plc-kit:msg-by-id';
const HELPER_NAME = '__plcMsgById';
const HELPER_CODE = 'import{msg}from"@lit/localize";export const msgById=(id,text)=>msg(text,{id});';

/** The local name of @lit/localize's msg() in a module, if it imports it. */
function localizeMsg(ast) {
  for (const node of ast.body ?? []) {
    if (node.type !== 'ImportDeclaration' || node.source.value !== '@lit/localize') continue;
    const specifier = node.specifiers.find((s) => s.type === 'ImportSpecifier' && keyName(s.imported) === 'msg');
    if (specifier) return specifier.local.name;
  }
  return undefined;
}

/**
 * The edits that give one module's message ids their short ones: the `id` of each `msg()` call's
 * options, and, in a catalogue part, its keys.
 * @param {{ type: string }} ast
 * @param {Map<string, string>} ids
 * @param {{ catalogue: boolean }} options
 * @returns {{ start: number, end: number, text: string }[]}
 */
export function messageIdEdits(ast, ids, { catalogue }) {
  const edits = [];
  const shorts = new Set(ids.values());
  const shortOf = (node) => {
    const short = ids.get(node.value);
    // An id no catalogue has is kept as written, so it must not read as another message's short id.
    if (short === undefined && shorts.has(node.value)) throw new Error(`the message id "${node.value}" is in no catalogue and is also a short id; give it a longer one`);
    return short;
  };
  const literal = (node) => {
    const short = shortOf(node);
    if (short !== undefined) edits.push({ start: node.start, end: node.end, text: JSON.stringify(short) });
  };
  const localMsg = localizeMsg(ast);
  let helperUsed = false;
  walk(ast, (node) => {
    if (catalogue && node.type === 'Property' && !node.computed && node.key.type === 'Literal' && typeof node.key.value === 'string') {
      literal(node.key);
      return;
    }
    if (node.type !== 'CallExpression' || node.callee.type !== 'Identifier' || (node.callee.name !== 'msg' && node.callee.name !== localMsg)) return;
    const [text, options] = node.arguments;
    if (options?.type !== 'ObjectExpression') return;
    for (const property of options.properties) {
      if (property.type !== 'Property' || property.computed || keyName(property.key) !== 'id') continue;
      if (property.value.type !== 'Literal' || typeof property.value.value !== 'string') {
        throw new Error(`a msg() id that is not a string literal, at offset ${property.value.start}: its catalogue key would no longer match; write the id out`);
      }
      if (node.callee.name === localMsg && node.arguments.length === 2 && options.properties.length === 1 && text.type !== 'SpreadElement') {
        // Two edits around the text, not one over the call: the text may hold msg() calls of its own.
        const id = shortOf(property.value) ?? property.value.value;
        edits.push({ start: node.start, end: text.start, text: `${HELPER_NAME}(${JSON.stringify(id)},` }, { start: text.end, end: node.end, text: ')' });
        helperUsed = true;
      } else literal(property.value);
    }
  });
  if (helperUsed) edits.push({ start: 0, end: 0, text: `import{msgById as ${HELPER_NAME}}from${JSON.stringify(HELPER)};` });
  return edits;
}

const PARTS = /[\\/]components[\\/]locales[\\/]parts[\\/][\w.-]+\.js$/;

/**
 * The rollup plugin.
 * @param {{ parts: string }} options the folder of the compiled catalogue parts (dist/components/locales/parts)
 * @returns {import('rollup').Plugin}
 */
export function shortMessageIds({ parts }) {
  let ids = new Map();
  return {
    name: 'plc-kit-short-message-ids',
    resolveId: (id) => (id === HELPER ? `\0${HELPER}` : null),
    load: (id) => (id === `\0${HELPER}` ? HELPER_CODE : null),
    buildStart() {
      const keys = readdirSync(parts)
        .filter((name) => name.endsWith('.js'))
        .flatMap((name) => catalogueKeys(this.parse(readFileSync(join(parts, name), 'utf8'))));
      ids = shortIds(keys);
    },
    transform(code, id) {
      if (id.includes('/node_modules/') || id.startsWith('\0')) return null;
      const catalogue = PARTS.test(id);
      if (!catalogue && !/\bmsg\b/.test(code)) return null;
      let edits;
      try {
        edits = messageIdEdits(this.parse(code), ids, { catalogue });
      } catch (error) {
        this.error(`${id}: ${error.message}`);
      }
      if (edits.length === 0) return null;
      edits.sort((a, b) => b.start - a.start);
      let out = code;
      for (const { start, end, text } of edits) out = out.slice(0, start) + text + out.slice(end);
      return { code: out, map: null };
    },
  };
}
