/**
 * Where plc-kit keeps its data: one async {@link Store} interface with a memory adapter and an
 * IndexedDB adapter (the embedded default), enquiry summaries kept next to the logs, and
 * versioned, validated backups.
 * @example
 * ```ts
 * import { createIndexedDbStore, createMemoryStore } from 'plc-kit';
 *
 * let store;
 * try {
 *   store = await createIndexedDbStore();
 * } catch {
 *   store = createMemoryStore(); // private mode: nothing is kept after the page closes
 * }
 * const results = await store.append('enq-1', [event]);  // idempotent by event id
 * const board = await store.listEnquiries({ cycleId: '2025-26' });
 * ```
 */
export {
  MAX_BATCH,
  MAX_EVENT_JSON,
  MAX_RECORD_JSON,
  StaleWriteError,
  StoreError,
  type AppendResult,
  type Backup,
  type EnquiryFilter,
  type EnquirySummary,
  type Store,
  type StoreChange,
  type SummaryDetails,
  type Versioned,
} from './store.js';
export { summarizeEnquiry, enquiryDetailsOf, isCpdLeader, type InputSources } from './summary.js';
export { createMemoryStore, type MemoryStore, type MemoryStoreOptions } from './memory.js';
export {
  createIndexedDbStore,
  INDEXEDDB_VERSION,
  type IndexedDbStore,
  type IndexedDbStoreOptions,
  type CommitProbe,
} from './indexeddb.js';
export { createHttpSyncStore, type HttpSyncStore, type HttpSyncStoreOptions } from './http.js';
export { isSyncingStore, backoffDelay, type SyncState, type SyncStatus, type SyncErrorCode, type SyncingStore, type ServerRefusal, type RetryOptions } from './sync.js';
export { createMemoryOutbox, openIndexedDbOutbox, type SyncOutbox, type OutboxEntry, type RejectedEntry } from './syncOutbox.js';
export { BACKUP_FORMAT, BACKUP_SCHEMA_VERSION, BackupDocument, createBackup, emptyBackup, readBackup } from './backup.js';
