/**
 * Drafts: what a person is typing in an editor, kept on their device as they type so that a
 * reload or a crash loses nothing. One entry per person and per thing edited (`question/enq-1`,
 * `records/meetings/m-3`), with when it was last written and what it started from, so an editor
 * can offer it back ("Unsaved changes from 10:42: restore or discard") and tell whether someone
 * else saved in between.
 *
 * A draft never leaves the device: no store, no sync and no export reads this database. In the
 * browser it is an IndexedDB database of its own (`<name>:drafts`, apart from the event store);
 * elsewhere, or beside a memory store, it lives in memory. Signing out removes the person's
 * drafts ({@link DraftStore.clearPerson}).
 * @example
 * ```ts
 * const drafts = await openIndexedDbDrafts('plc-kit:drafts');
 * await drafts.put({ personId: 'p-ana', key: 'question/enq-1', value: form, base: savedKey, savedAt: new Date().toISOString() });
 * const entry = await drafts.get('p-ana', 'question/enq-1'); // offered back after a reload
 * await drafts.remove('p-ana', 'question/enq-1');             // once saved
 * ```
 * @module
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { StoreError } from './store.js';

/** One person's draft of one thing. */
export interface DraftEntry<V = unknown> {
  personId: string;
  /** What is edited, as the editor names it: `question/enq-1`, `records/meetings/m-3`. */
  key: string;
  /** The form as typed (structured-cloneable). */
  value: V;
  /**
   * What the draft started from, as the editor tells it (a version, the saved form): compared
   * with what is stored now to tell whether someone else saved since.
   */
  base: unknown;
  /** When it was last written (ISO 8601). */
  savedAt: string;
}

/** Where drafts are kept on this device. */
export interface DraftStore {
  /** `indexeddb` or `memory`. */
  readonly kind: 'indexeddb' | 'memory';
  get<V = unknown>(personId: string, key: string): Promise<DraftEntry<V> | undefined>;
  /** Writes (or replaces) the person's draft of `entry.key`. */
  put(entry: DraftEntry): Promise<void>;
  remove(personId: string, key: string): Promise<void>;
  /** Every draft of a person, oldest first. */
  list(personId: string): Promise<DraftEntry[]>;
  /** Removes every draft of a person (on sign-out). Returns how many. */
  clearPerson(personId: string): Promise<number>;
  close(): Promise<void>;
}

function checkKey(personId: string, key: string): void {
  if (typeof personId !== 'string' || personId === '') throw new StoreError('invalid', 'A draft needs the id of the person typing it.', 'personId');
  if (typeof key !== 'string' || key === '') throw new StoreError('invalid', 'A draft needs the key of what is edited (such as "question/enq-1").', 'key');
}

const byTime = (a: DraftEntry, b: DraftEntry) => a.savedAt.localeCompare(b.savedAt);

/** Drafts kept in memory: beside a memory store, or where IndexedDB cannot open. */
export function createMemoryDrafts(): DraftStore {
  const entries = new Map<string, DraftEntry>();
  const id = (personId: string, key: string) => JSON.stringify([personId, key]);
  return {
    kind: 'memory',
    async get<V>(personId: string, key: string) {
      checkKey(personId, key);
      const entry = entries.get(id(personId, key));
      return entry ? (structuredClone(entry) as DraftEntry<V>) : undefined;
    },
    async put(entry) {
      checkKey(entry.personId, entry.key);
      entries.set(id(entry.personId, entry.key), structuredClone(entry));
    },
    async remove(personId, key) {
      checkKey(personId, key);
      entries.delete(id(personId, key));
    },
    async list(personId) {
      return [...entries.values()].filter((e) => e.personId === personId).map((e) => structuredClone(e)).sort(byTime);
    },
    async clearPerson(personId) {
      let count = 0;
      for (const [k, entry] of entries) {
        if (entry.personId !== personId) continue;
        entries.delete(k);
        count += 1;
      }
      return count;
    },
    async close() {},
  };
}

interface DraftDatabase extends DBSchema {
  drafts: { key: [string, string]; value: DraftEntry; indexes: { person: string } };
}

/**
 * Drafts in an IndexedDB database of their own, shared by the site's tabs.
 * @param name the database name; `<plc-provider>` uses `<database-name>:drafts`.
 */
export async function openIndexedDbDrafts(name: string): Promise<DraftStore> {
  let db: IDBPDatabase<DraftDatabase>;
  try {
    db = await openDB<DraftDatabase>(name, 1, {
      upgrade(database) {
        database.createObjectStore('drafts', { keyPath: ['personId', 'key'] }).createIndex('person', 'personId');
      },
      blocking() {
        db.close();
      },
    });
  } catch (error) {
    throw new StoreError('unavailable', `plc-kit could not open its drafts database "${name}": ${error instanceof Error ? error.message : String(error)}`, undefined, { cause: error });
  }
  return {
    kind: 'indexeddb',
    async get<V>(personId: string, key: string) {
      checkKey(personId, key);
      return (await db.get('drafts', [personId, key])) as DraftEntry<V> | undefined;
    },
    async put(entry) {
      checkKey(entry.personId, entry.key);
      await db.put('drafts', entry);
    },
    async remove(personId, key) {
      checkKey(personId, key);
      await db.delete('drafts', [personId, key]);
    },
    async list(personId) {
      return (await db.getAllFromIndex('drafts', 'person', personId)).sort(byTime);
    },
    async clearPerson(personId) {
      const tx = db.transaction('drafts', 'readwrite');
      const keys = await tx.store.index('person').getAllKeys(personId);
      await Promise.all([...keys.map((key) => tx.store.delete(key)), tx.done]);
      return keys.length;
    },
    async close() {
      db.close();
    },
  };
}
