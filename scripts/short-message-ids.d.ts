import type { Plugin } from 'rollup';
/** The n-th short message id: a, b, ..., $, aa, ab, ... (see short-message-ids.js). */
export function shortId(n: number): string;
/** Short ids for the given message ids, given in their sorted order. */
export function shortIds(ids: Iterable<string>): Map<string, string>;
/** The string keys of the object literals in a catalogue part (its ESTree program). */
export function catalogueKeys(ast: unknown): string[];
/** The module of the shared `msgById(id, text)` that @lit/localize msg() calls with only an id become. */
export const HELPER: string;
/**
 * The edits that give one module's message ids their short ones, and turn its @lit/localize
 * `msg(text, { id })` calls into `msgById(id, text)`; throws on an id that is not a string literal.
 */
export function messageIdEdits(ast: unknown, ids: Map<string, string>, options: { catalogue: boolean }): { start: number; end: number; text: string }[];
/** The rollup plugin; `parts` is the folder of the compiled catalogue parts. */
export function shortMessageIds(options: { parts: string }): Plugin;
