/**
 * The HTTP sync store's downstream: pulls the server's change feed page by page from the
 * checkpoint kept with the outbox, and applies it to the store on this device: records brought
 * to the server's version, events appended (one the local store refuses is skipped, not the
 * page), copies the server now sends with a different payload replaced, and a `reset` (the
 * server's data replaced from a backup) applied as a new local content that keeps what waits in
 * the outbox. It also labels what the local store then announces, `remote` or `local`. Nothing
 * here calls `fetch`: it reads pages through a {@link Request}.
 * @module
 */
import type { DomainEvent } from '../lifecycle/events.js';
import type { ReplayLifecycle } from '../lifecycle/replayLifecycle.js';
import { FILTERED_EVENT_TYPES } from '../policy/redact.js';
import { COLLECTIONS, type Collection } from '../schema/directory.js';
import { expandChange, type CompactChange } from '../sync/compactChange.js';
import type { Change, ChangesPage } from '../sync/wire.js';
import { HttpFailure, type ErrorReply, type Request } from './httpTransport.js';
import { StoreError, type AppendResult, type Backup, type Store, type StoreChange, type Versioned } from './store.js';
import type { SyncOutbox } from './syncOutbox.js';
import { checkCollection, checkRecord } from './validate.js';

/** Event types whose payload the server may send blanked, and again in full (or the reverse). */
const FILTERED: ReadonlySet<string> = new Set(FILTERED_EVENT_TYPES);

/** JSON with object keys sorted, to compare values whatever order their keys came in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What the downstream needs. */
export interface DownstreamOptions {
  local: Store;
  outbox: SyncOutbox;
  lifecycle: ReplayLifecycle;
  request: Request;
  /** Changes per page asked for. */
  pullPage: number;
  now: () => Date;
  /** Stop between pages (the store is closing). */
  stopped: () => boolean;
}

/** The downstream of an HTTP sync store. */
export interface Downstream {
  /**
   * Pulls every page from the checkpoint. A `reset` replaces the local content with the
   * server's, keeping what waits in the outbox; `applyResetAsChanges` applies it change by
   * change instead (right after this store imported that backup itself, when the two are
   * already the same).
   */
  pull(applyResetAsChanges?: boolean): Promise<void>;
  /** Brings the local copy of a record to a version (undefined: deleted), its change announced as `origin`. */
  applyRecord(collection: Collection, id: string, record: unknown, version: number | undefined, origin: 'local' | 'remote'): Promise<void>;
  /** Makes sure every event of the outbox is in the local store too. */
  restoreOutbox(): Promise<void>;
  /** A change the local store announced, as subscribers see it: labelled by where it came from, split, or dropped. */
  label(change: StoreChange): StoreChange[];
}

/** Creates the downstream of an HTTP sync store. */
export function createDownstream(options: DownstreamOptions): Downstream {
  const { local, outbox, lifecycle, request, pullPage, now } = options;

  // How changes the local store announces are labelled: events and records applied from the
  // server are `remote`; the intermediate steps of catching a record up are not announced.
  const remoteEvents = new Set<string>();
  const recordLabels = new Map<string, 'remote' | 'local' | 'drop'>();
  let remoteResets = 0;

  function label(change: StoreChange): StoreChange[] {
    if (change.origin === 'remote' || change.kind === 'error') return [change];
    if (change.kind === 'events') {
      const remote = change.eventIds.filter((id) => remoteEvents.has(id));
      const mine = change.eventIds.filter((id) => !remoteEvents.has(id));
      return [...(mine.length ? [{ ...change, eventIds: mine, origin: 'local' as const }] : []), ...(remote.length ? [{ ...change, eventIds: remote, origin: 'remote' as const }] : [])];
    }
    if (change.kind === 'record') {
      const key = `${change.collection}/${change.id}@${change.version ?? 'deleted'}`;
      const labelled = recordLabels.get(key);
      recordLabels.delete(key);
      return labelled === 'drop' ? [] : [{ ...change, origin: labelled ?? 'local' }];
    }
    return [{ ...change, origin: remoteResets > 0 ? 'remote' : 'local' }];
  }


  /**
   * Brings the local copy of a record to the server's version: one local write when it is the
   * next version; when the local copy is further behind (or ahead, or different at the same
   * version) the intermediate writes are made without announcing them.
   */
  async function applyRecord(collection: Collection, id: string, record: unknown, version: number | undefined, origin: 'local' | 'remote'): Promise<void> {
    /** One local write, announced as `label` (or not at all). */
    const step = async <T>(v: number | undefined, label: 'remote' | 'local' | 'drop', write: () => Promise<T>): Promise<T> => {
      const key = `${collection}/${id}@${v ?? 'deleted'}`;
      recordLabels.set(key, label);
      try {
        return await write();
      } finally {
        recordLabels.delete(key); // announced during the write, or never
      }
    };
    const current = await local.get(collection, id);
    if (record === undefined || version === undefined) {
      if (current) await step(undefined, origin, () => local.delete(collection, id, current.version));
      return;
    }
    const valid = checkRecord(collection, record);
    if (current && current.version === version && canonical(current.record) === canonical(valid)) return;
    let at = current?.version ?? 0;
    if (at >= version) {
      await step(undefined, 'drop', () => local.delete(collection, id, at));
      at = 0;
    }
    while (at < version - 1) {
      const from = at;
      at = (await step(from + 1, 'drop', () => local.put(collection, valid, from))).version;
    }
    const from = at;
    await step(version, origin, () => local.put(collection, valid, from));
  }

  /** Appends events from the server; one the local store refuses is skipped, not the batch. */
  async function applyEvents(enquiryId: string, events: DomainEvent[]): Promise<{ duplicates: DomainEvent[]; skipped: number }> {
    for (const event of events) remoteEvents.add(event.id);
    try {
      let results: AppendResult[];
      let skipped = 0;
      try {
        results = await local.append(enquiryId, events);
      } catch (error) {
        if (!(error instanceof StoreError) || (error.code !== 'invalid' && error.code !== 'conflict')) throw error;
        results = [];
        for (const event of events) {
          try {
            results.push(...(await local.append(enquiryId, [event])));
          } catch (single) {
            if (!(single instanceof StoreError) || (single.code !== 'invalid' && single.code !== 'conflict')) throw single;
            skipped += 1;
          }
        }
      }
      const duplicate = new Set(results.filter((r) => r.status === 'duplicate').map((r) => r.eventId));
      return { duplicates: events.filter((e) => duplicate.has(e.id)), skipped };
    } finally {
      for (const event of events) remoteEvents.delete(event.id);
    }
  }

  /** Makes sure every event of the outbox is in the local store too (after a tab closed between the two writes, or a reset). */
  async function restoreOutbox(): Promise<void> {
    const byEnquiry = new Map<string, DomainEvent[]>();
    for (const event of await outbox.all()) byEnquiry.set(event.enquiryId, [...(byEnquiry.get(event.enquiryId) ?? []), event]);
    for (const [enquiryId, events] of byEnquiry) {
      for (let i = 0; i < events.length; i += 1_000) {
        try {
          await local.append(enquiryId, events.slice(i, i + 1_000));
        } catch {
          // An event the local store now refuses stays in the outbox; the server decides.
        }
      }
    }
  }

  /** Replaces the local content, announced as one remote reset. */
  async function replaceLocal(backup: Backup): Promise<void> {
    remoteResets += 1;
    try {
      await local.importBackup(backup);
    } finally {
      remoteResets -= 1;
    }
    await restoreOutbox();
  }

  /** Events the server now sends with a different payload (shared, published, or no longer visible). */
  async function changedCopies(duplicates: DomainEvent[]): Promise<DomainEvent[]> {
    const filtered = duplicates.filter((e) => FILTERED.has(e.type));
    if (!filtered.length) return [];
    const log = new Map((await local.readLog(filtered[0]!.enquiryId)).map((e) => [e.id, e]));
    return filtered.filter((e) => {
      const mine = log.get(e.id);
      if (mine === undefined) return false;
      try {
        return canonical(mine.payload) !== canonical(lifecycle.validate(e).payload);
      } catch {
        return false; // not valid here: applyEvents skipped it too
      }
    });
  }

  async function applyPage(changes: Change[]): Promise<void> {
    const events = new Map<string, DomainEvent[]>();
    for (const change of changes) {
      if (change.kind === 'record') {
        let collection: Collection;
        try {
          collection = checkCollection(change.collection);
        } catch {
          continue; // a collection a newer server has and this plc-kit does not
        }
        const gone = 'deleted' in change;
        await applyRecord(collection, change.id, gone ? undefined : change.record, gone ? undefined : change.version, 'remote');
      } else if (change.kind === 'event') {
        const list = events.get(change.event.enquiryId) ?? [];
        list.push(change.event);
        events.set(change.event.enquiryId, list);
      }
    }
    const replaced: DomainEvent[] = [];
    for (const [enquiryId, list] of events) {
      for (let i = 0; i < list.length; i += 1_000) {
        const { duplicates } = await applyEvents(enquiryId, list.slice(i, i + 1_000));
        replaced.push(...(await changedCopies(duplicates)));
      }
    }
    if (replaced.length) {
      // The local store is append-only: a new copy of an event replaces the old one through a
      // backup of the local content with the new copies in it.
      const fresh = new Map(replaced.map((e) => [e.id, e]));
      const backup = await local.exportBackup();
      await replaceLocal({ ...backup, events: backup.events.map((e) => fresh.get(e.id) ?? e) });
    }
  }

  /** A page in the compact form (a server that does not know the form sends objects: both are read). */
  async function getPage(since: string | undefined): Promise<ChangesPage> {
    const query = new URLSearchParams({ limit: String(pullPage), form: 'compact' });
    if (since) query.set('since', since);
    const reply = await request<Omit<ChangesPage, 'changes'> & { changes: Array<Change | CompactChange> }>('GET', `/v1/changes?${query}`);
    if (reply.status !== 200 || !reply.body || !Array.isArray(reply.body.changes)) throw new HttpFailure(reply.status, reply.body as ErrorReply);
    return { ...reply.body, changes: reply.body.changes.flatMap((change) => expandChange(change) ?? []) };
  }

  /**
   * Pulls every page from the checkpoint. A `reset` (the server's data was replaced from a
   * backup) replaces the local content with the server's, keeping what waits in the outbox;
   * `applyResetAsChanges` applies it change by change instead (right after this store imported
   * that backup itself, when the two are already the same).
   */
  async function pull(applyResetAsChanges = false): Promise<void> {
    let since = await outbox.getMeta('checkpoint');
    let page = await getPage(since);
    if (page.reset && !applyResetAsChanges) {
      const all = [...page.changes];
      while (page.hasMore) {
        page = await getPage(page.checkpoint);
        all.push(...page.changes);
      }
      const events = new Map<string, DomainEvent>();
      const records = new Map<string, { collection: Collection; entry: Versioned<unknown> | undefined }>();
      for (const change of all) {
        if (change.kind === 'event') events.set(change.event.id, change.event);
        else if (change.kind === 'record' && (COLLECTIONS as readonly string[]).includes(change.collection)) {
          records.set(`${change.collection}/${change.id}`, {
            collection: change.collection as Collection,
            entry: 'deleted' in change ? undefined : { record: change.record, version: change.version },
          });
        }
      }
      const waiting = (await outbox.all()).filter((e) => !events.has(e.id));
      const grouped: Partial<Record<Collection, Array<Versioned<unknown>>>> = {};
      for (const { collection, entry } of records.values()) if (entry) (grouped[collection] ??= []).push(entry);
      // A reset is rare (the server's data was replaced): backup.ts loads only then.
      const { createBackup } = await import('./backup.js');
      await replaceLocal(createBackup({ events: [...events.values(), ...waiting], records: grouped }, now()));
      await outbox.setMeta('checkpoint', page.checkpoint);
      return;
    }
    for (;;) {
      await applyPage(page.changes);
      since = page.checkpoint;
      await outbox.setMeta('checkpoint', since);
      if (!page.hasMore || options.stopped()) return;
      page = await getPage(since);
    }
  }

  return { pull, applyRecord, restoreOutbox, label };
}
