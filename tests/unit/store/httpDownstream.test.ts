/**
 * The HTTP store's downstream without a server or a network: change pages come from a stand-in
 * request, and what it applies to a memory store (records, events, replaced copies, resets) and
 * how it labels the local store's announcements are checked.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DomainEvent } from '../../../src/lifecycle/events.js';
import { defaultLifecycle } from '../../../src/lifecycle/lifecycle.js';
import { createDownstream } from '../../../src/store/httpDownstream.js';
import type { Reply } from '../../../src/store/httpTransport.js';
import { createMemoryStore } from '../../../src/store/memory.js';
import type { StoreChange } from '../../../src/store/store.js';
import { createMemoryOutbox } from '../../../src/store/syncOutbox.js';
import { compactChange } from '../../../src/sync/compactChange.js';
import type { Change, ChangesPage } from '../../../src/sync/wire.js';
import { QUESTION, eventWriter, groupDetails } from '../../support/store-fixtures.js';

const school = { schemaVersion: 1, id: 'sch-1', name: 'Riverside' };

/** A feed of pages; `since` picks the page after it. */
function feed(pages: Array<Partial<ChangesPage> & { changes: Change[] }>) {
  const asked: string[] = [];
  const request = async <T>(_method: string, path: string): Promise<Reply<T>> => {
    asked.push(path);
    const since = new URL(path, 'http://x').searchParams.get('since');
    const index = since === null ? 0 : Number(since);
    const page = pages[index]!;
    return { status: 200, body: { checkpoint: String(index + 1), hasMore: index + 1 < pages.length, reset: false, ...page } as T };
  };
  return { asked, request };
}

async function setUp(pages: Parameters<typeof feed>[0]) {
  const local = createMemoryStore();
  const outbox = createMemoryOutbox();
  const { asked, request } = feed(pages);
  const downstream = createDownstream({ local, outbox, lifecycle: defaultLifecycle, request, pullPage: 100, now: () => new Date('2025-10-01T00:00:00Z'), stopped: () => false });
  const seen: StoreChange[] = [];
  local.subscribe((change) => seen.push(...downstream.label(change)));
  return { local, outbox, asked, downstream, seen };
}

const eventChange = (event: DomainEvent): Change => ({ kind: 'event', event, refusal: null });

describe('store: the HTTP downstream', () => {
  it('applies every page from the checkpoint, keeps the new checkpoint, and labels what it applied remote', async () => {
    const write = eventWriter({ prefix: 'dn' });
    const events = [write.event('enq-1', 'enquiry.create', groupDetails()), write.event('enq-1', 'question.draft', QUESTION)];
    const { local, outbox, asked, downstream, seen } = await setUp([
      { changes: [{ kind: 'record', collection: 'schools', id: school.id, version: 1, record: school }] },
      { changes: events.map(eventChange) },
    ]);
    await downstream.pull();
    // It asks for the compact form; these pages are objects, as a server before that form sends them.
    assert.deepEqual(asked, ['/v1/changes?limit=100&form=compact', '/v1/changes?limit=100&form=compact&since=1']);
    assert.equal(await outbox.getMeta('checkpoint'), '2');
    assert.deepEqual((await local.get('schools', school.id))?.version, 1);
    assert.deepEqual((await local.readLog('enq-1')).map((e) => e.id), events.map((e) => e.id));
    assert.ok(seen.length >= 2 && seen.every((change) => change.origin === 'remote'), JSON.stringify(seen.map((c) => [c.kind, c.origin])));
    // The local store's own writes stay local.
    seen.length = 0;
    await local.append('enq-1', [write.event('enq-1', 'enquiry.rename', { title: 'Mine' })]);
    assert.deepEqual(seen.map((c) => c.origin), ['local']);
  });

  it('reads pages in the compact form as it reads objects: records, deletions, events and refusals', async () => {
    const write = eventWriter({ prefix: 'cp' });
    const events = [write.event('enq-c', 'enquiry.create', groupDetails()), write.event('enq-c', 'question.draft', QUESTION)];
    const refusal = { code: 'out-of-stage', message: 'Not at this stage.' } as unknown as NonNullable<Extract<Change, { kind: 'event' }>['refusal']>;
    const compact = [
      compactChange({ kind: 'record', collection: 'schools', id: school.id, version: 1, record: school }),
      ...events.map((event) => compactChange(eventChange(event))),
      compactChange({ kind: 'event', event: write.event('enq-c', 'outcome.publish', {}), refusal }),
    ];
    assert.ok(compact.every(Array.isArray));
    const { local, outbox, downstream } = await setUp([
      { changes: compact as unknown as Change[] },
      { changes: [compactChange({ kind: 'record', collection: 'schools', id: school.id, version: 2, deleted: true })] as unknown as Change[] },
    ]);
    await downstream.pull();
    assert.equal(await outbox.getMeta('checkpoint'), '2');
    assert.equal(await local.get('schools', school.id), undefined, 'created, then deleted');
    const log = await local.readLog('enq-c');
    assert.deepEqual(log.slice(0, 2), events, 'events as they were sent, field for field');
    assert.equal(log.length, 3, 'the refused one too (the local replay refuses it again)');
  });

  it('catches a record up several versions at once with one announcement, and deletes it when the feed says so', async () => {
    const { local, downstream, seen } = await setUp([{ changes: [{ kind: 'record', collection: 'schools', id: school.id, version: 3, record: { ...school, name: 'Third' } }] }, { changes: [{ kind: 'record', collection: 'schools', id: school.id, version: 4, deleted: true }] }]);
    await downstream.pull();
    assert.equal(await local.get('schools', school.id), undefined);
    assert.deepEqual(seen.map((c) => [c.kind, c.origin, c.kind === 'record' ? (c.version ?? null) : null]), [['record', 'remote', 3], ['record', 'remote', null]]);
  });

  it('replaces its copy of an event the server now sends with more in it (notes shared)', async () => {
    const write = eventWriter({ prefix: 'sh' });
    const observation = write.event('enq-2', 'observation.record', { id: 'obs-1', observerId: 'p-1', observedId: 'p-2', className: '9X', date: '2025-10-02', focus: 'Drafts', strengths: '', wonderings: '', nextSteps: '', sharedWith: [] });
    const create = write.event('enq-2', 'enquiry.create', groupDetails());
    const shown = { ...observation, payload: { ...observation.payload, strengths: 'Clear modelling' } };
    const { local, downstream } = await setUp([{ changes: [eventChange(create), eventChange(observation)] }, { changes: [eventChange(shown)] }]);
    await downstream.pull();
    const copy = (await local.readLog('enq-2')).find((e) => e.id === observation.id);
    assert.equal(copy?.payload['strengths'], 'Clear modelling');
  });

  it('on a reset, takes the server\'s content and keeps what waits in the outbox', async () => {
    const write = eventWriter({ prefix: 'rs' });
    const mine = write.event('enq-3', 'enquiry.create', groupDetails());
    const theirs = write.event('enq-4', 'enquiry.create', groupDetails());
    const { local, outbox, downstream } = await setUp([{ reset: true, changes: [eventChange(theirs)] }]);
    await local.put('schools', school as never, 0);
    await outbox.add([mine]);
    await downstream.pull();
    assert.equal(await local.get('schools', school.id), undefined, 'what only this device had is gone');
    assert.equal((await local.readLog('enq-4')).length, 1);
    assert.equal((await local.readLog('enq-3')).length, 1, 'the waiting event is kept');
  });

  it('throws an error answer for the sync loop to retry, and moves no checkpoint', async () => {
    const local = createMemoryStore();
    const outbox = createMemoryOutbox();
    const downstream = createDownstream({
      local,
      outbox,
      lifecycle: defaultLifecycle,
      request: async <T>() => ({ status: 503, body: { error: 'unavailable', message: 'Busy.' } }) as Reply<T>,
      pullPage: 100,
      now: () => new Date(),
      stopped: () => false,
    });
    await assert.rejects(downstream.pull(), /Busy/);
    assert.equal(await outbox.getMeta('checkpoint'), undefined);
  });
});
