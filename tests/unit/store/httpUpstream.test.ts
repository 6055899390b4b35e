/**
 * The HTTP store's upstream and transport without a server or a network: the upstream sends
 * through a stand-in request and settles the outbox by each answer; the transport is given a
 * stand-in fetch.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTransport, HttpFailure, NetworkFailure, storeErrorOf, TokenFailure, type Reply } from '../../../src/store/httpTransport.js';
import { createUpstream } from '../../../src/store/httpUpstream.js';
import { createMemoryOutbox } from '../../../src/store/syncOutbox.js';
import { eventWriter, groupDetails } from '../../support/store-fixtures.js';

const write = eventWriter({ prefix: 'up' });
const events = (enquiryId: string, n: number) => Array.from({ length: n }, (_, i) => write.event(enquiryId, i === 0 ? 'enquiry.create' : 'enquiry.rename', i === 0 ? groupDetails() : { title: `T${i}` }));

/** A stand-in server: answers each push with `answer(enquiryId, events)` and records what it got. */
function server(answer: (enquiryId: string, sent: Array<{ id: string }>) => Reply) {
  const calls: Array<{ path: string; ids: string[] }> = [];
  const request = async <T>(_method: string, path: string, body?: unknown): Promise<Reply<T>> => {
    const sent = (body as { events: Array<{ id: string }> }).events;
    calls.push({ path, ids: sent.map((e) => e.id) });
    return answer(decodeURIComponent(path.split('/')[3]!), sent) as Reply<T>;
  };
  return { calls, request };
}

const results = (sent: Array<{ id: string }>, status = 'appended') => ({ status: 200, body: { results: sent.map((e, index) => ({ index, eventId: e.id, status })) } });

describe('store: the HTTP upstream', () => {
  it('sends each enquiry\'s events and empties the outbox, reporting progress per answer', async () => {
    const outbox = createMemoryOutbox();
    await outbox.add([...events('e1', 3), ...events('e2', 2)]);
    const { calls, request } = server((_id, sent) => results(sent));
    let progress = 0;
    const upstream = createUpstream({ outbox, request, batch: 500, stopped: () => false, progress: async () => void (progress += 1) });
    await upstream.push();
    assert.deepEqual(calls.map((c) => [c.path, c.ids.length]), [['/v1/enquiries/e1/events', 3], ['/v1/enquiries/e2/events', 2]]);
    assert.deepEqual(await outbox.counts(), { waiting: 0, rejected: 0, firstReason: undefined });
    assert.equal(progress, 2);
  });

  it('keeps invalid and forbidden events aside with the server\'s reason, and sends the rest', async () => {
    const outbox = createMemoryOutbox();
    const sent = events('e1', 3);
    await outbox.add(sent);
    const { request } = server(() => ({
      status: 200,
      body: {
        results: [
          { index: 0, eventId: sent[0]!.id, status: 'appended' },
          { index: 1, eventId: null, status: 'invalid', field: 'events.1.payload.title', message: 'title must not be empty', problems: [] },
          { index: 2, eventId: sent[2]!.id, status: 'forbidden', reason: 'not-a-member', message: '' },
        ],
      },
    }));
    await createUpstream({ outbox, request, batch: 500, stopped: () => false, progress: async () => {} }).push();
    const counts = await outbox.counts();
    assert.deepEqual([counts.waiting, counts.rejected], [0, 2]);
    assert.equal(counts.firstReason, `event ${sent[1]!.id}: title must not be empty`);
    assert.deepEqual((await outbox.all()).map((e) => e.id).sort(), [sent[1]!.id, sent[2]!.id].sort());
    assert.deepEqual(
      (await outbox.rejectedOf('e1')).map((e) => [e.event.id, e.code, e.reason, e.because]),
      [
        [sent[1]!.id, 'invalid', `event ${sent[1]!.id}: title must not be empty`, undefined],
        [sent[2]!.id, 'forbidden', `event ${sent[2]!.id}: refused (not-a-member)`, 'not-a-member'],
      ],
      'each refusal of the enquiry, in the order written, with the code, the reason and the policy\'s code',
    );
    assert.deepEqual(await outbox.rejectedOf('e2'), [], 'another enquiry has none');
    await outbox.requeue();
    assert.deepEqual(await outbox.rejectedOf('e1'), [], 'sent again: no longer listed as refused');
  });

  it('halves the batch on 413 until it fits, and keeps a single event that never fits aside', async () => {
    const outbox = createMemoryOutbox();
    await outbox.add(events('e1', 8));
    const huge = (await outbox.pending(1))[0]!.event.id;
    const { calls, request } = server((_id, sent) => (sent.length > 2 || sent.some((e) => e.id === huge) ? { status: 413, body: { error: 'too-large', message: 'Too large.' } } : results(sent)));
    const upstream = createUpstream({ outbox, request, batch: 8, stopped: () => false, progress: async () => {} });
    await upstream.push();
    assert.equal(upstream.batch, 1);
    assert.deepEqual(calls.map((c) => c.ids.length).slice(0, 3), [8, 4, 2]);
    const counts = await outbox.counts();
    assert.deepEqual([counts.waiting, counts.rejected, counts.firstReason], [0, 1, 'Too large.']);
  });

  it('sets a whole batch aside when the server refuses the request (400), and throws other failures to be retried', async () => {
    const outbox = createMemoryOutbox();
    await outbox.add([...events('e1', 2), ...events('e2', 1)]);
    const refusing = server((id, sent) => (id === 'e1' ? { status: 400, body: { error: 'invalid', message: 'No.' } } : results(sent)));
    await createUpstream({ outbox, request: refusing.request, batch: 500, stopped: () => false, progress: async () => {} }).push();
    assert.deepEqual(await outbox.counts(), { waiting: 0, rejected: 2, firstReason: 'No.' });

    const later = createMemoryOutbox();
    await later.add(events('e3', 1));
    const down = server(() => ({ status: 503, body: { error: 'unavailable', message: 'Busy.' } }));
    await assert.rejects(createUpstream({ outbox: later, request: down.request, batch: 500, stopped: () => false, progress: async () => {} }).push(), (error: unknown) => error instanceof HttpFailure && error.status === 503);
    assert.equal((await later.counts()).waiting, 1, 'still waiting');
  });

  it('stops between requests when the store closes', async () => {
    const outbox = createMemoryOutbox();
    await outbox.add(events('e1', 1));
    const { calls, request } = server((_id, sent) => results(sent));
    await createUpstream({ outbox, request, batch: 500, stopped: () => true, progress: async () => {} }).push();
    assert.equal(calls.length, 0);
  });
});

describe('store: the HTTP transport', () => {
  const respond = (status: number, body?: unknown) => new Response(body === undefined ? null : JSON.stringify(body), { status });

  it('sends JSON with the bearer token, and asks for a new token once after a 401', async () => {
    const seen: Array<{ url: string; auth: string | null; type: string | null }> = [];
    let tokens = 0;
    const answers = [respond(401, { error: 'unauthorized', message: 'Expired.' }), respond(200, { ok: true })];
    const transport = createTransport({
      server: 'https://plc.example',
      token: () => `t${++tokens}`,
      fetch: async (url, init) => {
        const headers = new Headers(init?.headers);
        seen.push({ url: String(url), auth: headers.get('authorization'), type: headers.get('content-type') });
        return answers.shift()!;
      },
      timeoutMs: 1_000,
      signal: new AbortController().signal,
    });
    const reply = await transport.request('POST', '/v1/x', { a: 1 });
    assert.deepEqual(reply, { status: 200, body: { ok: true } });
    assert.deepEqual(seen.map((s) => s.auth), ['Bearer t1', 'Bearer t2']);
    assert.equal(seen[0]!.url, 'https://plc.example/v1/x');
    assert.equal(seen[0]!.type, 'application/json');
  });

  it('tells a network failure from a token failure, and keeps a store error code from the server', async () => {
    const base = { server: 'https://plc.example', timeoutMs: 1_000, signal: new AbortController().signal };
    const offline = createTransport({ ...base, token: () => 't', fetch: async () => Promise.reject(new TypeError('Failed to fetch')) });
    await assert.rejects(offline.request('GET', '/v1/changes'), NetworkFailure);
    const unsigned = createTransport({ ...base, token: () => '', fetch: async () => respond(200) });
    await assert.rejects(unsigned.request('GET', '/v1/changes'), TokenFailure);
    const stale = storeErrorOf({ status: 409, body: { error: 'conflict', message: 'Exists.', field: 'id' } }, 'people/p-1');
    assert.deepEqual([stale.code, stale.field, stale.message], ['conflict', 'id', 'Exists.']);
    assert.equal(storeErrorOf({ status: 403, body: { error: 'forbidden', message: 'No.' } }, 'people/p-1').code, 'invalid');
  });
});
