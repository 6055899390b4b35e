import { expect } from '@open-wc/testing';
import { html } from 'lit';
import '../../components/plc-notifications/index.js';
import type { PlcNotifications } from '../../components/plc-notifications/plc-notifications.js';
import type { PlcProvider } from '../../components/plc-provider/plc-provider.js';
import type { PlcEnquiryOpenEvent } from '../../components/events/enquiry-open.js';
import { button, click, field, queryAllDeep, renderWithSession, settle, textOf } from '../support/component-harness.js';
import { waitForText } from '../support/log-harness.js';

const SERVER = 'https://plc.test';

/** A plc-kit server double for the notification routes, recording what it was asked. */
function notificationServer() {
  const state = {
    down: false,
    digest: true,
    asked: [] as string[],
    tokens: [] as string[],
    items: [
      { key: 'review:e1', kind: 'review-waiting', enquiryId: 'enq-feedback', data: { title: 'Feedback that moves learning' }, createdAt: '2026-11-10T09:00:00.000Z', read: false },
      { key: 'meeting:m1', kind: 'meeting-tomorrow', data: { title: 'Talk for learning', date: '2026-11-11' }, createdAt: '2026-11-10T08:00:00.000Z', read: false },
      { key: 'stuck:e2', kind: 'enquiry-stuck', enquiryId: 'enq-oracy', data: { title: 'Structured talk', weeks: 4, stage: 'question' }, createdAt: '2026-11-01T08:00:00.000Z', read: true },
    ],
  };
  const original = window.fetch;
  window.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    if (url.origin !== SERVER) return original(input, init);
    if (state.down) throw new TypeError('Failed to fetch');
    state.asked.push(`${init?.method ?? 'GET'} ${url.pathname}`);
    state.tokens.push(new Headers(init?.headers).get('authorization') ?? '');
    const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    if (url.pathname === '/v1/notifications') return json({ notifications: state.items, unread: state.items.filter((i) => !i.read).length });
    if (url.pathname === '/v1/notifications/read') {
      for (const item of state.items) if (body.all || body.keys.includes(item.key)) item.read = true;
      return json({ marked: 1 });
    }
    if (url.pathname === '/v1/notifications/settings') {
      if (init?.method === 'PUT') state.digest = body.emailDigest;
      return json({ emailDigest: state.digest });
    }
    return json({ error: 'not-found', message: 'no' }, 404);
  }) as typeof fetch;
  return { state, restore: () => (window.fetch = original) };
}

async function withServer(provider: PlcProvider) {
  provider.session = { ...provider.session!, server: { url: SERVER, token: async () => 'token-for-amir', request: (path, init) => fetch(new URL(path, SERVER), init) } };
  await provider.updateComplete;
}

describe('plc-notifications', () => {
  let server: ReturnType<typeof notificationServer>;
  beforeEach(() => (server = notificationServer()));
  afterEach(() => server.restore());

  it('says notifications need the server on the embedded default', async () => {
    const { element } = await renderWithSession<PlcNotifications>(html`<plc-notifications></plc-notifications>`, { personId: 'p-amir' });
    expect(textOf(element)).to.contain('Notifications come from the plc-kit server');
    expect(server.state.asked).to.deep.equal([]);
    await expect(element).to.be.accessible();
  });

  it("lists the person's notifications, opens one, marks read with real clicks, and turns the digest off", async () => {
    const { element, provider } = await renderWithSession<PlcNotifications>(html`<plc-notifications></plc-notifications>`, { personId: 'p-amir' });
    await withServer(provider);
    await waitForText(element, 'A driving question waits for your review: Feedback that moves learning.');
    expect(textOf(element)).to.contain('2 unread');
    expect(textOf(element)).to.contain('Structured talk has been at the Driving question stage for 4 weeks or more.');
    expect(server.state.tokens.every((t) => t === 'Bearer token-for-amir')).to.equal(true);
    await expect(element).to.be.accessible();

    const opened: string[] = [];
    element.addEventListener('plc-enquiry-open', (e) => opened.push((e as PlcEnquiryOpenEvent).enquiryId));
    const [first] = queryAllDeep(element, '[part="item"]');
    await click(button(first!, 'Open'));
    expect(opened).to.deep.equal(['enq-feedback']);

    await click(button(first!, 'Mark read'));
    await waitForText(element, '1 unread');
    await click(button(element, 'Mark all as read'));
    await waitForText(element, '0 unread');
    expect(server.state.asked).to.include.members(['POST /v1/notifications/read']);

    const digest = field<HTMLInputElement>(element, 'Email me a daily digest');
    expect(digest.checked).to.equal(true);
    await click(digest);
    await settle(element);
    expect(server.state.digest).to.equal(false);
    expect(digest.checked).to.equal(false);
  });

  it('says when the server cannot be reached, and tries again', async () => {
    server.state.down = true;
    const { element, provider } = await renderWithSession<PlcNotifications>(html`<plc-notifications></plc-notifications>`, { personId: 'p-amir' });
    await withServer(provider);
    await waitForText(element, /could not be loaded|You are offline/);
    server.state.down = false;
    await click(button(element, 'Try again'));
    await waitForText(element, 'Feedback that moves learning');
  });
});
