/**
 * plc-kit core: schemas, the enquiry lifecycle, policy, stores, analysis and export.
 * Framework-free: it never imports lit or touches the DOM, and runs the same in Node and the
 * browser. Time, ids and I/O are injected.
 * @packageDocumentation
 */
export { VERSION } from './version.js';
export * from './schema/index.js';
export * from './lifecycle/index.js';
export * from './policy/index.js';
export * from './quality/index.js';
export * from './analysis/index.js';
export * from './export/index.js';
export * from './store/index.js';
