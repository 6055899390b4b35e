export * from './common.js';
export * from './directory.js';
export * from './coaching.js';
export * from './enquiry.js';
export * from './evidence.js';
export * from './errors.js';
export * from './migrate.js';
export * from './sharing.js';
