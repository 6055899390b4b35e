import type { Plugin } from 'rollup';
/** The rollup plugin that keeps one copy of each tsc helper (see share-ts-helpers.js). */
export function shareTsHelpers(): Plugin;
