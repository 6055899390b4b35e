/**
 * The Store: where plc-kit keeps enquiry logs and directory records. Every adapter (memory,
 * IndexedDB, HTTP sync) implements this one async interface and passes one conformance suite.
 */
import type { StoreErrorCode } from '../sync/codes.js';
import type { Collection, DirectoryRecord } from '../schema/directory.js';
import type { FieldProblem } from '../schema/errors.js';
import type { EnquiryKind, EnquiryDetails } from '../schema/enquiry.js';
import type { DomainEvent } from '../lifecycle/events.js';
import type { EnquiryStatus } from '../lifecycle/enquiryMachine.js';

/** The largest event a store accepts, in characters of its JSON. */
export const MAX_EVENT_JSON = 256 * 1024;
/** The most events one `append` call accepts. */
export const MAX_BATCH = 1_000;
/** The largest directory record a store accepts, in characters of its JSON. */
export const MAX_RECORD_JSON = 1024 * 1024;

/** What a list of enquiries shows without replaying every log. */
export interface EnquirySummary {
  enquiryId: string;
  title: string;
  kind: EnquiryKind;
  cycleId: string;
  themeId: string | undefined;
  communityId: string | undefined;
  ownerIds: string[];
  track: string;
  stage: string;
  /** `question.review` while the lead reviews, else the stage. */
  step: string;
  status: EnquiryStatus;
  questionText: string;
  counts: { events: number; observations: number; evidence: number; refusals: number };
  contributorIds: string[];
  createdAt: string | undefined;
  updatedAt: string | undefined;
  publishedAt: string | undefined;
}

/** Filters for {@link Store.listEnquiries}; every given field must match. */
export interface EnquiryFilter {
  cycleId?: string;
  communityId?: string;
  themeId?: string;
  stage?: string;
  /** Enquiries this person owns. */
  ownerId?: string;
}

/** The result of appending one event. */
export interface AppendResult {
  eventId: string;
  /** `appended` the first time, `duplicate` when the id was already in the log (nothing changed). */
  status: 'appended' | 'duplicate';
  /**
   * Set when the event is kept in memory but not yet durable (for example the browser's storage
   * quota is full): the store has reported a `quota` error change and keeps retrying. Reads
   * already include it.
   */
  pending?: true;
}

/** A directory record with its version for optimistic concurrency. */
export interface Versioned<T> {
  record: T;
  /** Starts at 1 and grows by one with each write. */
  version: number;
}

/** A change a store tells its subscribers about (including changes from other tabs or devices). */
export type StoreChange =
  | { kind: 'events'; enquiryId: string; eventIds: string[]; origin: 'local' | 'remote' }
  | { kind: 'record'; collection: Collection; id: string; version: number | undefined; origin: 'local' | 'remote' }
  | { kind: 'reset'; origin: 'local' | 'remote' }
  | { kind: 'error'; error: StoreError; origin: 'local' };

/** A complete backup: every log and every directory record, versioned and validated on import. */
export interface Backup {
  format: 'plc-kit-backup';
  schemaVersion: number;
  exportedAt: string;
  /**
   * `false` when the export holds only what its reader may read (an administrator's export from
   * the server, docs/privacy.md): such an export is never importable. Absent on a complete backup.
   */
  complete?: false;
  events: DomainEvent[];
  records: { [C in Collection]?: Array<Versioned<DirectoryRecord<C>>> };
}

/** Why a store refused a call. Every store error names the field or id at fault. */
export class StoreError extends Error {
  override readonly name: string = 'StoreError';
  /** `invalid` input, `not-found`, `stale` write, `conflict` (already exists), `quota`, `closed`, `corrupt` backup. */
  readonly code: StoreErrorCode;
  /** The field, collection or id at fault. */
  readonly field: string | undefined;
  /** Every field at fault with what was expected, when there are several (validation, backups). */
  readonly problems: FieldProblem[];
  constructor(code: StoreError['code'], message: string, field?: string, options: { problems?: FieldProblem[]; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.field = field;
    this.problems = options.problems ?? (field === undefined ? [] : [{ path: field, message }]);
  }
}

/** Thrown by a write whose expected version is not the stored one: someone else wrote first. */
export class StaleWriteError extends StoreError {
  override readonly name = 'StaleWriteError';
  readonly expectedVersion: number;
  readonly actualVersion: number | undefined;
  constructor(collection: string, id: string, expectedVersion: number, actualVersion: number | undefined) {
    super(
      'stale',
      `${collection}/${id} has changed since you loaded it (you had version ${expectedVersion}, it is now ${actualVersion ?? 'deleted'}). Reload it and apply your change again.`,
      `${collection}/${id}`,
    );
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }
}

/**
 * The async storage interface. Logs are append-only and idempotent by event id; directory
 * records carry versions; every change is announced to subscribers.
 *
 * Every method refuses bad input (wrong types, unknown collections, malformed ids, text or
 * events over the limits) with a {@link StoreError} of code `invalid` whose `field` names the
 * argument or the path at fault (`enquiryId`, `events.3.payload.title`, `record.name`,
 * `filter.cycleId`) and whose `problems` list every field at fault. Schema and lifecycle
 * validation errors are never thrown as they are: callers only ever catch `StoreError`.
 */
export interface Store {
  /** `memory`, `indexeddb`, `http`, ... */
  readonly kind: string;
  /**
   * Appends a batch of events to an enquiry's log, atomically: all or none. Every event is
   * validated (envelope and payload); an event the lifecycle refuses is still appended and shows
   * as refused. An id already in the log is a `duplicate` and changes nothing.
   */
  append(enquiryId: string, events: readonly DomainEvent[]): Promise<AppendResult[]>;
  /** The enquiry's log in merge order (empty when the enquiry is unknown). */
  readLog(enquiryId: string): Promise<DomainEvent[]>;
  /** Summaries of enquiries, kept up to date on every append, newest change first. */
  listEnquiries(filter?: EnquiryFilter): Promise<EnquirySummary[]>;
  /** One enquiry's summary, or undefined. */
  getSummary(enquiryId: string): Promise<EnquirySummary | undefined>;
  /** A directory record with its version, or undefined. */
  get<C extends Collection>(collection: C, id: string): Promise<Versioned<DirectoryRecord<C>> | undefined>;
  /** Every record of a collection, ordered by id. */
  list<C extends Collection>(collection: C): Promise<Array<Versioned<DirectoryRecord<C>>>>;
  /**
   * Writes a record. `expectedVersion` is the version you read (0 to create a new record);
   * when it is not the stored one a {@link StaleWriteError} is thrown and nothing is written.
   * @returns the stored record with its new version.
   */
  put<C extends Collection>(collection: C, record: DirectoryRecord<C>, expectedVersion: number): Promise<Versioned<DirectoryRecord<C>>>;
  /** Deletes a record at the version you read; stale versions are refused like `put`. */
  delete(collection: Collection, id: string, expectedVersion: number): Promise<void>;
  /** Tells `listener` about every change, local or from elsewhere. Returns an unsubscribe function. */
  subscribe(listener: (change: StoreChange) => void): () => void;
  /** Every log and record as one backup document. */
  exportBackup(): Promise<Backup>;
  /**
   * Replaces everything with a backup's content, atomically. A corrupt or wrong-version backup
   * is refused with the reason and nothing changes.
   */
  importBackup(backup: unknown): Promise<void>;
  /** Releases connections and channels. */
  close(): Promise<void>;
}

/** The summary fields that come from the enquiry's details. */
export type SummaryDetails = Pick<EnquiryDetails, 'title' | 'kind' | 'cycleId' | 'themeId' | 'communityId' | 'ownerIds' | 'track'>;
