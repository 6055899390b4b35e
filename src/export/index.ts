/**
 * Export and import: CSV (RFC 4180, with formula-injection guards) and the directory's staff and
 * appraisal imports with their row-by-row reports.
 * @module
 */
export * from './csv.js';
export * from './directoryCsv.js';
export * from './booklet.js';
export * from './xapi.js';
export * from './evidenceFindings.js';
export * from './vlePost.js';
