import { expect } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { html } from 'lit';
import '../../components/plc-vle-post/index.js';
import type { PlcVlePost } from '../../components/plc-vle-post/plc-vle-post.js';
import type { PlcProvider } from '../../components/plc-provider/plc-provider.js';
import { iframeCode, outcomeSnippet } from '../../src/export/vlePost.js';
import { button, click, deepActiveElement, field, press, queryDeep, renderWithSession, tabTo, textOf } from '../support/component-harness.js';
import { waitForText } from '../support/log-harness.js';
import { accessibleInBothThemes } from '../support/badge-server.js';

/** The button named `name` once it is there. */
async function waitForButton(element: HTMLElement, name: string): Promise<HTMLButtonElement> {
  await waitForText(element, name);
  return button(element, name);
}

const SERVER = 'https://plc.test';
const PAGE = `${SERVER}/vle/0123456789abcdef0123456789abcdef?lang=en-GB`;

/** A plc-kit server double for `POST /v1/vle/posts`, answering as the server does (its snippet made by the same function). */
function vleServer() {
  const state = { down: false, refuse: false, refuseStop: false, asked: [] as unknown[], stopped: [] as string[] };
  const original = window.fetch;
  window.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    if (url.origin !== SERVER) return original(input, init);
    if (state.down) throw new TypeError('Failed to fetch');
    const json = (value: unknown, status = 200) => new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
    if (init?.method === 'DELETE') {
      const token = url.pathname.split('/').pop()!;
      if (state.refuseStop) return json({ error: 'forbidden', reason: 'not-vle-revoker', field: 'token', message: 'no' }, 403);
      state.stopped.push(token);
      return json({ token, kind: 'outcome', targetId: 'enq-feedback', revokedAt: '2026-12-07T10:00:00.000Z' });
    }
    const body = JSON.parse(String(init?.body ?? '{}'));
    state.asked.push(body);
    if (state.refuse) return json({ error: 'forbidden', reason: 'outcome-not-for-vle', field: 'enquiryId', message: 'not for the VLE' }, 403);
    const outcome = { title: 'Feedback that lands', question: 'How?', authors: ['Beth Evans'], summary: 'It worked.', findings: [], recommendations: [] };
    // A stopped link is never given again: the next post is a new one.
    const page = state.stopped.length ? PAGE.replace('0123456789abcdef', 'fedcba9876543210') : PAGE;
    return json({ kind: 'outcome', targetId: body.enquiryId, title: outcome.title, url: page, snippet: outcomeSnippet({ outcome, pageUrl: page, lang: body.lang }), iframe: iframeCode(page, outcome.title), lang: body.lang });
  }) as typeof fetch;
  return { state, restore: () => (window.fetch = original) };
}

async function withServer(provider: PlcProvider) {
  provider.session = { ...provider.session!, server: { url: SERVER, token: async () => 'token', request: (path, init) => fetch(new URL(path, SERVER), init) } };
  await provider.updateComplete;
}

describe('plc-vle-post', () => {
  let server: ReturnType<typeof vleServer>;
  beforeEach(() => (server = vleServer()));
  afterEach(() => server.restore());

  it('says a VLE post needs the server on the embedded default', async () => {
    const { element } = await renderWithSession<PlcVlePost>(html`<plc-vle-post enquiry-id="enq-feedback"></plc-vle-post>`);
    expect(textOf(element)).to.contain('A VLE post needs the plc-kit server');
    expect(server.state.asked).to.deep.equal([]);
    await expect(element).to.be.accessible();
  });

  it('makes the post with the keyboard, shows the link, the snippet and the iframe code, and copies with a real click', async () => {
    const { element, provider } = await renderWithSession<PlcVlePost>(html`<plc-vle-post enquiry-id="enq-feedback"></plc-vle-post>`);
    await withServer(provider);
    await expect(element).to.be.accessible();
    const make = button(element, 'Get the VLE post');
    await tabTo(make);
    await press('Enter');
    await waitForText(element, 'The page:');
    expect(server.state.asked).to.deep.equal([{ enquiryId: 'enq-feedback', lang: 'en-GB' }]);
    expect(queryDeep<HTMLAnchorElement>(element, '[part="link"] a').href).to.equal(PAGE);
    const snippet = field<HTMLTextAreaElement>(element, /HTML snippet/);
    expect(snippet.value).to.contain('<h3>Feedback that lands</h3>');
    expect(field<HTMLTextAreaElement>(element, /Iframe code/).value).to.match(/^<iframe src="https:\/\/plc\.test\/vle\//);
    await click(button(element, 'Copy the snippet'));
    await waitForText(element, /Snippet copied\.|The text is selected/);
    if (textOf(element).includes('The text is selected')) expect(deepActiveElement()).to.equal(snippet);
    expect(element.value?.url).to.equal(PAGE);
    await expect(element).to.be.accessible();
  });

  it('says why the server refused an outcome not published for the VLE', async () => {
    server.state.refuse = true;
    const { element, provider } = await renderWithSession<PlcVlePost>(html`<plc-vle-post enquiry-id="enq-feedback"></plc-vle-post>`);
    await withServer(provider);
    await click(button(element, 'Get the VLE post'));
    await waitForText(element, 'This outcome was not published for the VLE');
    await expect(element).to.be.accessible();
  });

  it('says when the server cannot be reached, and tries again', async () => {
    server.state.down = true;
    const { element, provider } = await renderWithSession<PlcVlePost>(html`<plc-vle-post cycle-id="cycle-2025"></plc-vle-post>`);
    await withServer(provider);
    await click(button(element, 'Get the VLE post'));
    await waitForText(element, /could not be made|You are offline/);
    server.state.down = false;
    await click(button(element, 'Try again'));
    await waitForText(element, 'The page:');
    expect(server.state.asked.at(-1)).to.deep.equal({ cycleId: 'cycle-2025', lang: 'en-GB' });
  });

  it('speaks Spanish', async () => {
    const { element, provider } = await renderWithSession<PlcVlePost>(html`<plc-vle-post enquiry-id="enq-feedback"></plc-vle-post>`, { lang: 'es' });
    await withServer(provider);
    await waitForText(element, 'Publicar en tu aula virtual');
    await click(button(element, 'Obtener la publicación'));
    await waitForText(element, 'La página:');
    expect(server.state.asked.at(-1)).to.deep.equal({ enquiryId: 'enq-feedback', lang: 'es' });
  });

  it('stops sharing with the keyboard after a confirmation, axe-clean in light and dark; the next post is a new link', async () => {
    const { element, provider } = await renderWithSession<PlcVlePost>(html`<plc-vle-post enquiry-id="enq-feedback"></plc-vle-post>`);
    await withServer(provider);
    await click(button(element, 'Get the VLE post'));
    await waitForText(element, 'The page:');
    await tabTo(button(element, 'Stop sharing'));
    await press('Enter');
    await waitForText(element, 'Stop sharing through this link?');
    expect(deepActiveElement()).to.equal(button(element, 'Keep sharing'), 'the safe choice has the focus');
    await accessibleInBothThemes(element, provider);
    for (const width of [360, 768, 1280]) {
      await setViewport({ width, height: 800 });
      const box = element.getBoundingClientRect();
      for (const name of ['Yes, stop sharing', 'Keep sharing']) expect(button(element, name).getBoundingClientRect().right, `${name} at ${width} px`).to.be.at.most(box.right);
      expect(document.documentElement.scrollWidth, `nothing scrolls sideways at ${width} px`).to.be.at.most(window.innerWidth);
    }
    await setViewport({ width: 1280, height: 800 });
    await press('Enter');
    await waitForText(element, 'The page:');
    expect(deepActiveElement()).to.equal(button(element, 'Stop sharing'), 'kept: the focus goes back');
    expect(server.state.stopped).to.deep.equal([]);
    await press('Enter');
    await tabTo(button(element, 'Yes, stop sharing'));
    await press('Enter');
    await waitForText(element, 'Sharing through that link has stopped');
    expect(server.state.stopped).to.deep.equal(['0123456789abcdef0123456789abcdef']);
    expect(deepActiveElement()?.id).to.equal('vle-heading');
    expect(textOf(element)).to.not.contain(PAGE);
    await accessibleInBothThemes(element, provider);
    await click(button(element, 'Get the VLE post'));
    await waitForText(element, 'The page:');
    expect(element.value?.url).to.not.equal(PAGE);
  });

  it('says why sharing could not be stopped, and keeps the link', async () => {
    server.state.refuseStop = true;
    const { element, provider } = await renderWithSession<PlcVlePost>(html`<plc-vle-post enquiry-id="enq-feedback"></plc-vle-post>`);
    await withServer(provider);
    await click(button(element, 'Get the VLE post'));
    await waitForText(element, 'The page:');
    await click(button(element, 'Stop sharing'));
    await click(button(element, 'Yes, stop sharing'));
    await waitForText(element, 'You cannot stop sharing this link');
    expect(element.value?.url).to.equal(PAGE);
    server.state.refuseStop = false;
    server.state.down = true;
    await click(button(element, 'Yes, stop sharing'));
    await waitForText(element, /Sharing could not be stopped|You are offline/);
    await expect(element).to.be.accessible();
  });

  it('stops sharing in Spanish', async () => {
    const { element, provider } = await renderWithSession<PlcVlePost>(html`<plc-vle-post enquiry-id="enq-feedback"></plc-vle-post>`, { lang: 'es' });
    await withServer(provider);
    await click(await waitForButton(element, 'Obtener la publicación'));
    await click(await waitForButton(element, 'Dejar de compartir'));
    await click(button(element, 'Sí, dejar de compartir'));
    await waitForText(element, 'Se ha dejado de compartir a través de ese enlace');
  });
});
