/**
 * The outbox of the HTTP sync store: events written on this device that the server does not have
 * yet, in the order they were written, plus the sync checkpoint. In the browser it is a small
 * IndexedDB database of its own (`<name>:sync`), shared by the tabs, so nothing typed offline is
 * lost when a tab closes; elsewhere it lives in memory.
 *
 * An event goes into the outbox before it goes into the local store, so a tab closed between
 * the two still sends it (and puts it back into the local store when it next opens).
 * @module
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { DomainEvent } from '../lifecycle/events.js';
import { StoreError } from './store.js';

/** An event waiting to be sent. */
export interface OutboxEntry {
  /** Its place in the outbox: entries are sent in this order. */
  seq: number;
  event: DomainEvent;
}

/** An event the server refused, kept with the reason. */
export interface RejectedEntry extends OutboxEntry {
  /** `invalid`, `forbidden`, `too-large`, ... as the server said. */
  code: string;
  reason: string;
  /** The policy's or the lifecycle's own code, when the server gave one (`not-allowed`, ...). */
  because?: string;
}

/** Where a sync store keeps what it has not sent yet. */
export interface SyncOutbox {
  /** Adds events (an id already waiting is kept where it is). Returns the ids newly added. */
  add(events: readonly DomainEvent[]): Promise<Set<string>>;
  /** Up to `limit` waiting events, oldest first. */
  pending(limit: number): Promise<OutboxEntry[]>;
  /** Every waiting and refused event. */
  all(): Promise<DomainEvent[]>;
  /** Forgets events (sent, or never stored locally). */
  remove(ids: readonly string[]): Promise<void>;
  /** Moves events out of the waiting list, keeping them with the server's reason. */
  reject(entries: ReadonlyArray<{ id: string; code: string; reason: string; because?: string }>): Promise<void>;
  /** The refused events of one enquiry, in the order they were written. */
  rejectedOf(enquiryId: string): Promise<RejectedEntry[]>;
  /** Puts every refused event back in the waiting list. Returns how many. */
  requeue(): Promise<number>;
  /** How many are waiting and refused, and the first refusal's reason. */
  counts(): Promise<{ waiting: number; rejected: number; firstReason: string | undefined }>;
  /** Forgets every waiting and refused event (the checkpoint stays). */
  clear(): Promise<void>;
  /** A value kept with the outbox (the pull checkpoint). */
  getMeta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string | undefined): Promise<void>;
  close(): Promise<void>;
}

/** An outbox in memory (Node, tests, or a browser without IndexedDB). */
export function createMemoryOutbox(): SyncOutbox {
  let seq = 0;
  const waiting = new Map<string, OutboxEntry>();
  const rejected = new Map<string, RejectedEntry>();
  const meta = new Map<string, string>();
  const copy = <T>(value: T): T => structuredClone(value);
  return {
    async add(events) {
      const added = new Set<string>();
      for (const event of events) {
        if (waiting.has(event.id) || rejected.has(event.id)) continue;
        waiting.set(event.id, { seq: ++seq, event: copy(event) });
        added.add(event.id);
      }
      return added;
    },
    async pending(limit) {
      // A Map iterates in insertion order, which is seq order.
      const out: OutboxEntry[] = [];
      for (const entry of waiting.values()) {
        if (out.length >= limit) break;
        out.push(copy(entry));
      }
      return out;
    },
    async all() {
      return [...waiting.values(), ...rejected.values()].map((e) => copy(e.event));
    },
    async remove(ids) {
      for (const id of ids) {
        waiting.delete(id);
        rejected.delete(id);
      }
    },
    async reject(entries) {
      for (const { id, code, reason, because } of entries) {
        const entry = waiting.get(id);
        if (!entry) continue;
        waiting.delete(id);
        rejected.set(id, { ...entry, code, reason, ...(because ? { because } : {}) });
      }
    },
    async rejectedOf(enquiryId) {
      return [...rejected.values()].filter((e) => e.event.enquiryId === enquiryId).sort((a, b) => a.seq - b.seq).map(copy);
    },
    async requeue() {
      const count = rejected.size;
      for (const entry of [...rejected.values()].sort((a, b) => a.seq - b.seq)) waiting.set(entry.event.id, { seq: ++seq, event: entry.event });
      rejected.clear();
      return count;
    },
    async counts() {
      return { waiting: waiting.size, rejected: rejected.size, firstReason: rejected.values().next().value?.reason };
    },
    async clear() {
      waiting.clear();
      rejected.clear();
    },
    async getMeta(key) {
      return meta.get(key);
    },
    async setMeta(key, value) {
      if (value === undefined) meta.delete(key);
      else meta.set(key, value);
    },
    async close() {},
  };
}

interface OutboxDatabase extends DBSchema {
  outbox: { key: number; value: { seq?: number; id: string; event: DomainEvent }; indexes: { id: string } };
  rejected: { key: string; value: { id: string; seq: number; event: DomainEvent; code: string; reason: string; because?: string } };
  meta: { key: string; value: string };
}

/**
 * An outbox in its own IndexedDB database, shared by every tab of the site.
 * @param name the database name (the HTTP sync store uses `<its name>:sync`).
 */
export async function openIndexedDbOutbox(name: string): Promise<SyncOutbox> {
  let db: IDBPDatabase<OutboxDatabase>;
  try {
    db = await openDB<OutboxDatabase>(name, 1, {
      upgrade(database) {
        database.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true }).createIndex('id', 'id', { unique: true });
        database.createObjectStore('rejected', { keyPath: 'id' });
        database.createObjectStore('meta');
      },
      blocking() {
        db.close();
      },
    });
  } catch (error) {
    throw new StoreError('unavailable', `plc-kit could not open its outbox database "${name}": ${error instanceof Error ? error.message : String(error)}`, undefined, { cause: error });
  }
  return {
    async add(events) {
      const tx = db.transaction(['outbox', 'rejected'], 'readwrite');
      const outbox = tx.objectStore('outbox');
      const rejected = tx.objectStore('rejected');
      const added = new Set<string>();
      for (const event of events) {
        if (added.has(event.id)) continue;
        if ((await outbox.index('id').getKey(event.id)) !== undefined || (await rejected.getKey(event.id)) !== undefined) continue;
        await outbox.add({ id: event.id, event });
        added.add(event.id);
      }
      await tx.done;
      return added;
    },
    async pending(limit) {
      const out: OutboxEntry[] = [];
      let cursor = await db.transaction('outbox').store.openCursor();
      while (cursor && out.length < limit) {
        out.push({ seq: cursor.value.seq!, event: cursor.value.event });
        cursor = await cursor.continue();
      }
      return out;
    },
    async all() {
      const tx = db.transaction(['outbox', 'rejected']);
      const [waiting, rejected] = await Promise.all([tx.objectStore('outbox').getAll(), tx.objectStore('rejected').getAll()]);
      return [...waiting, ...rejected].map((e) => e.event);
    },
    async remove(ids) {
      const tx = db.transaction(['outbox', 'rejected'], 'readwrite');
      const outbox = tx.objectStore('outbox');
      for (const id of ids) {
        const key = await outbox.index('id').getKey(id);
        if (key !== undefined) await outbox.delete(key);
        await tx.objectStore('rejected').delete(id);
      }
      await tx.done;
    },
    async reject(entries) {
      const tx = db.transaction(['outbox', 'rejected'], 'readwrite');
      const outbox = tx.objectStore('outbox');
      for (const { id, code, reason, because } of entries) {
        const key = await outbox.index('id').getKey(id);
        if (key === undefined) continue;
        const entry = (await outbox.get(key))!;
        await outbox.delete(key);
        await tx.objectStore('rejected').put({ id, seq: key, event: entry.event, code, reason, ...(because ? { because } : {}) });
      }
      await tx.done;
    },
    async rejectedOf(enquiryId) {
      // Few refusals are ever kept: reading them all and filtering needs no index (and no upgrade).
      const all = await db.getAll('rejected');
      return all
        .filter((e) => e.event.enquiryId === enquiryId)
        .sort((a, b) => a.seq - b.seq)
        .map((e) => ({ seq: e.seq, event: e.event, code: e.code, reason: e.reason, ...(e.because ? { because: e.because } : {}) }));
    },
    async requeue() {
      const tx = db.transaction(['outbox', 'rejected'], 'readwrite');
      const rejected = (await tx.objectStore('rejected').getAll()).sort((a, b) => a.seq - b.seq);
      for (const entry of rejected) await tx.objectStore('outbox').add({ id: entry.id, event: entry.event });
      await tx.objectStore('rejected').clear();
      await tx.done;
      return rejected.length;
    },
    async counts() {
      const tx = db.transaction(['outbox', 'rejected']);
      const rejected = tx.objectStore('rejected');
      const [waiting, refused, first] = await Promise.all([tx.objectStore('outbox').count(), rejected.count(), rejected.openCursor()]);
      return { waiting, rejected: refused, firstReason: first?.value.reason };
    },
    async clear() {
      const tx = db.transaction(['outbox', 'rejected'], 'readwrite');
      await Promise.all([tx.objectStore('outbox').clear(), tx.objectStore('rejected').clear(), tx.done]);
    },
    async getMeta(key) {
      return db.get('meta', key);
    },
    async setMeta(key, value) {
      if (value === undefined) await db.delete('meta', key);
      else await db.put('meta', value, key);
    },
    async close() {
      db.close();
    },
  };
}
