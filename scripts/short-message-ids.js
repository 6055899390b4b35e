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
  const literal = (node) => {
    const short = ids.get(node.value);
    if (short !== undefined) edits.push({ start: node.start, end: node.end, text: JSON.stringify(short) });
    // An id no catalogue has is kept as written, so it must not read as another message's short id.
    else if (shorts.has(node.value)) throw new Error(`the message id "${node.value}" is in no catalogue and is also a short id; give it a longer one`);
  };
  walk(ast, (node) => {
    if (catalogue && node.type === 'Property' && !node.computed && node.key.type === 'Literal' && typeof node.key.value === 'string') {
      literal(node.key);
      return;
    }
    if (node.type !== 'CallExpression' || node.callee.type !== 'Identifier' || node.callee.name !== 'msg') return;
    const options = node.arguments[1];
    if (options?.type !== 'ObjectExpression') return;
    for (const property of options.properties) {
      if (property.type !== 'Property' || property.computed || keyName(property.key) !== 'id') continue;
      if (property.value.type !== 'Literal' || typeof property.value.value !== 'string') {
        throw new Error(`a msg() id that is not a string literal, at offset ${property.value.start}: its catalogue key would no longer match; write the id out`);
      }
      literal(property.value);
    }
  });
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
    buildStart() {
      const keys = readdirSync(parts)
        .filter((name) => name.endsWith('.js'))
        .flatMap((name) => catalogueKeys(this.parse(readFileSync(join(parts, name), 'utf8'))));
      ids = shortIds(keys);
    },
    transform(code, id) {
      if (id.includes('/node_modules/') || id.startsWith('\0')) return null;
      const catalogue = PARTS.test(id);
      if (!catalogue && !/\bmsg\s*\(/.test(code)) return null;
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
