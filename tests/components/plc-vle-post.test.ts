import { expect } from '@open-wc/testing';
import { html } from 'lit';
import '../../components/plc-vle-post/index.js';
import type { PlcVlePost } from '../../components/plc-vle-post/plc-vle-post.js';
import type { PlcProvider } from '../../components/plc-provider/plc-provider.js';
import { iframeCode, outcomeSnippet } from '../../src/export/vlePost.js';
import { button, click, deepActiveElement, field, press, queryDeep, renderWithSession, tabTo, textOf } from '../support/component-harness.js';
import { waitForText } from '../support/log-harness.js';

const SERVER = 'https://plc.test';
const PAGE = `${SERVER}/vle/0123456789abcdef0123456789abcdef?lang=en-GB`;

/** A plc-kit server double for `POST /v1/vle/posts`, answering as the server does (its snippet made by the same function). */
function vleServer() {
  const state = { down: false, refuse: false, asked: [] as unknown[] };
  const original = window.fetch;
  window.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    if (url.origin !== SERVER) return original(input, init);
    if (state.down) throw new TypeError('Failed to fetch');
    const body = JSON.parse(String(init?.body ?? '{}'));
    state.asked.push(body);
    const json = (value: unknown, status = 200) => new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
    if (state.refuse) return json({ error: 'forbidden', reason: 'outcome-not-for-vle', field: 'enquiryId', message: 'not for the VLE' }, 403);
    const outcome = { title: 'Feedback that lands', question: 'How?', authors: ['Beth Evans'], summary: 'It worked.', findings: [], recommendations: [] };
    return json({ kind: 'outcome', targetId: body.enquiryId, title: outcome.title, url: PAGE, snippet: outcomeSnippet({ outcome, pageUrl: PAGE, lang: body.lang }), iframe: iframeCode(PAGE, outcome.title), lang: body.lang });
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
});
