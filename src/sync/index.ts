/**
 * The sync protocol both ends import: its codes (plain constants) and its messages (zod schemas
 * and their types). The note-redaction rules it relies on are src/policy's.
 * @module
 */
export * from './codes.js';
export * from './wire.js';
export { FILTERED_EVENT_TYPES } from '../policy/redact.js';
