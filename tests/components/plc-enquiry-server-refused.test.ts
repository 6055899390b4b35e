/**
 * Issue 16: steps the SERVER refused on push show in the enquiry's history with the reason. The
 * HTTP sync store runs for real (its outbox, its push, its sync state) against a `fetch` double
 * that refuses some steps, as the HTTP store's other browser tests do (tests/store/http.browser.test.ts);
 * the real server's refusals are covered in Node by tests/server/http-store-faults.test.ts.
 */
import { expect } from '@open-wc/testing';
import { html } from 'lit';
import '../../components/plc-enquiry/index.js';
import type { PlcEnquiry } from '../../components/plc-enquiry/plc-enquiry.js';
import type { DomainEvent } from '../../src/lifecycle/events.js';
import { seedDemo } from '../../examples/demo/seed.js';
import { createHttpSyncStore, type HttpSyncStore } from '../../src/store/http.js';
import { createMemoryStore } from '../../src/store/memory.js';
import { createMemoryOutbox } from '../../src/store/syncOutbox.js';
import { eventually } from '../support/assert.js';
import { renderWithSession, settle, textOf } from '../support/component-harness.js';
import { logBuilder } from '../support/log-harness.js';

const LONG = `title: ${'this title is far longer than the server allows. '.repeat(12)}`;

/** A server double that stores every pushed event except those it was told to refuse, and answers them as the real server does. */
function refusingServer(refuse: Map<string, { status: 'forbidden'; reason: string } | { status: 'invalid'; message: string }>) {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    const url = new URL(String(input));
    if (init?.method === 'POST' && /^\/v1\/enquiries\/[^/]+\/events$/.test(url.pathname)) {
      const { events } = JSON.parse(String(init.body)) as { events: DomainEvent[] };
      const results = events.map((event, index) => {
        const refusal = refuse.get(event.id);
        if (refusal?.status === 'forbidden') return { index, eventId: event.id, status: 'forbidden', reason: refusal.reason, message: 'The policy does not allow this.' };
        if (refusal?.status === 'invalid') return { index, eventId: event.id, status: 'invalid', field: 'events.0.payload.title', message: refusal.message, problems: [] };
        return { index, eventId: event.id, status: 'appended' };
      });
      return json(200, { results });
    }
    if (url.pathname === '/v1/changes') return json(200, { changes: [], checkpoint: '1.0', hasMore: false, reset: false });
    return json(404, { error: 'not-found', message: `No ${url.pathname}` });
  }) as typeof fetch;
}

describe('plc-enquiry: steps the server refused', () => {
  let store: HttpSyncStore | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });

  it('shows each in the history in time order, marked "Refused by the server" with the reason, folded when long', async () => {
    const local = createMemoryStore();
    await seedDemo(local);
    const log = logBuilder('2026-12-01T09:00:00.000Z', 'srv');
    log.add('enq-feedback', 'enquiry.rename', 'p-beth', { title: 'Written feedback that students act on' });
    const forbidden = log.add('enq-feedback', 'enquiry.rename', 'p-beth', { title: 'Feedback, renamed without permission' });
    const invalid = log.add('enq-feedback', 'enquiry.rename', 'p-beth', { title: 'Feedback, renamed once more' });
    const refuse = new Map([
      [forbidden.id, { status: 'forbidden' as const, reason: 'not-a-member' }],
      [invalid.id, { status: 'invalid' as const, message: LONG }],
    ]);
    store = await createHttpSyncStore({ server: 'https://plc.test', token: () => 'dev-token', local, outbox: createMemoryOutbox(), fetch: refusingServer(refuse), tabs: false, pullIntervalMs: 0, retry: { baseMs: 20, maxMs: 100 } });
    const { element } = await renderWithSession<PlcEnquiry>(html`<plc-enquiry enquiry-id="enq-feedback"></plc-enquiry>`, { store, seed: false });
    await store.append('enq-feedback', log.events);
    const state = await store.sync();
    expect([state.status, state.rejected]).to.deep.equal(['error', 2]);

    const root = element.shadowRoot!;
    const entries = () => [...root.querySelectorAll('.timeline li')];
    await eventually(() => entries().filter((li) => li.classList.contains('refused')).length === 2, 'two steps marked refused');
    await settle(element);
    const [newest, middle, older] = entries();
    expect(textOf(newest!)).to.contain('Refused by the server');
    expect(textOf(newest!)).to.contain('renamed the enquiry “Feedback, renamed once more”');
    expect(textOf(newest!)).to.contain('The server could not accept this step: title:');
    expect(newest!.querySelector('.why .fold') !== null, 'the long reason folds').to.equal(true);
    expect(textOf(newest!)).to.contain('Kept on this device only');
    expect(textOf(middle!)).to.contain('Refused by the server');
    expect(textOf(middle!)).to.contain('You do not have permission to do this.');
    expect(textOf(older!)).to.contain('“Written feedback that students act on”');
    expect(older!.classList.contains('refused'), 'the accepted step is not marked').to.equal(false);
    await expect(element).to.be.accessible();

    // Sent again and accepted this time: no longer marked.
    refuse.clear();
    await store.retryRejected();
    await eventually(() => store!.syncState.status === 'synced', 'synced');
    await eventually(() => !root.querySelector('.timeline li.refused'), 'no step marked refused');
  });

  it('shows no server refusals for a store that does not sync', async () => {
    const { element } = await renderWithSession<PlcEnquiry>(html`<plc-enquiry enquiry-id="enq-feedback"></plc-enquiry>`);
    await settle(element);
    expect(textOf(element.shadowRoot!.querySelector('.history')!)).to.not.contain('Refused by the server');
  });
});
