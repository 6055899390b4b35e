/**
 * Signing the embed page in through its host, in real iframes: the host's resizer.js answers a
 * token request only from a `data-plc-embed` iframe's own window at its own origin, and only to
 * it; the framed page believes an answer only from its parent window at the parent origin and
 * for the request it made; requests made before the host set a provider wait for it; the page's
 * settings (`<meta>`) and the parent's origin are checked against one list. The whole path, on a
 * real server framed by another site, is tests/server/embed-frame.test.ts.
 */
import { expect } from '@open-wc/testing';
import { chooseParentOrigin, readEmbedPageConfig } from '../../components/embed/embed.js';
import { checkHostAnswer, createHostTokenSource, subjectOf } from '../../components/embed/host-token.js';
import { handleTokenRequest, setTokenProvider } from '../../components/embed/resizer.js';
import { frame, waitFor } from '../support/embed-harness.js';

type TokenFrame = Window & { answers: Array<{ token?: string; personId?: string; error?: string }>; ask: () => void; stop: () => void };

/** A JWT-shaped token (unsigned: the frame only reads `sub`; the server verifies). */
const jwt = (claims: object) => `eyJhbGciOiJIUzI1NiJ9.${btoa(JSON.stringify(claims)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}.c2lnbmF0dXJl`;
const TOKEN = jwt({ sub: 'p-beth', plc_trust: 'trust-1' });

const FRAME = '/tests/support/embed-token-frame.html';
const frames: HTMLIFrameElement[] = [];
const tokenFrame = async (query = '') => {
  const iframe = await frame(`${FRAME}?parent=${encodeURIComponent(location.origin)}${query}`);
  frames.push(iframe);
  const win = iframe.contentWindow as TokenFrame;
  await waitFor(() => typeof win.ask === 'function', 'the frame script');
  return { iframe, win };
};
const quiet = () => new Promise((resolve) => setTimeout(resolve, 200));

describe('embed sign-in: the host page and the framed page', function () {
  this.timeout(30000);
  const asked: string[] = [];
  before(async () => {
    await import('../../components/embed/resizer.js');
  });
  afterEach(() => {
    setTokenProvider(undefined);
    asked.length = 0;
    for (const f of frames.splice(0)) {
      (f.contentWindow as TokenFrame | null)?.stop?.();
      f.remove();
    }
  });

  it('gets the host’s token, and the person from its sub, by postMessage only between the frame and its host', async () => {
    setTokenProvider((origin) => {
      asked.push(origin);
      return TOKEN;
    });
    const { win } = await tokenFrame();
    win.ask();
    await waitFor(() => win.answers.length === 1, 'the answer');
    expect(win.answers[0]).to.deep.equal({ token: TOKEN, personId: 'p-beth' });
    expect(asked).to.deep.equal([location.origin]);
  });

  it('lets the host name the person, and says what failed when the host’s provider fails', async () => {
    let fail = false;
    setTokenProvider(async () => {
      if (fail) throw new Error('the portal is down');
      return { token: 'opaque-token', personId: 'p-amir' };
    });
    const { win } = await tokenFrame();
    win.ask();
    await waitFor(() => win.answers.length === 1, 'the first answer');
    expect(win.answers[0]).to.deep.equal({ token: 'opaque-token', personId: 'p-amir' });
    fail = true;
    win.ask();
    await waitFor(() => win.answers.length === 2, 'the second answer');
    expect(win.answers[1]!.error).to.include('the token provider failed: the portal is down');
  });

  it('keeps a request made before the host set a provider, and answers it when one is set', async () => {
    const { win } = await tokenFrame();
    win.ask();
    await quiet();
    expect(win.answers).to.deep.equal([]);
    setTokenProvider(() => TOKEN);
    await waitFor(() => win.answers.length === 1, 'the answer once a provider is set');
    expect(win.answers[0]!.token).to.equal(TOKEN);
  });

  it('gives up after its timeout, naming what the host must do', async () => {
    const { win } = await tokenFrame('&timeout=300');
    win.ask();
    await waitFor(() => win.answers.length === 1, 'the timeout');
    expect(win.answers[0]!.error).to.match(/gave no sign-in token within .* setTokenProvider\(\)/);
  });

  it('the host answers no request from another origin, another window, or a frame not marked data-plc-embed', async () => {
    const calls: string[] = [];
    setTokenProvider((origin) => {
      calls.push(origin);
      return TOKEN;
    });
    const { iframe } = await tokenFrame();
    const unmarked = await frame(`${FRAME}?parent=${encodeURIComponent(location.origin)}`, { plain: true });
    frames.push(unmarked);
    const request = (origin: string, source: Window | null, data: unknown = { type: 'plc-kit:token-request', id: 't1' }) => new MessageEvent('message', { data, origin, source });
    const other = `${location.protocol}//${location.hostname === 'localhost' ? '127.0.0.1' : 'localhost'}:${location.port}`;
    for (const event of [
      request('https://evil.example', iframe.contentWindow),
      request(other, iframe.contentWindow),
      request(location.origin, window),
      request(location.origin, unmarked.contentWindow),
      request(location.origin, iframe.contentWindow, { type: 'plc-kit:token-request' }),
      request(location.origin, iframe.contentWindow, { type: 'plc-kit:token-request', id: 'x'.repeat(65) }),
    ]) {
      expect(handleTokenRequest(event), `${event.origin} ${JSON.stringify(event.data)}`).to.equal(false);
    }
    await quiet();
    expect(calls).to.deep.equal([]);
    expect(handleTokenRequest(request(location.origin, iframe.contentWindow))).to.equal(true);
    await waitFor(() => calls.length === 1, 'the provider call');
  });

  it('gives a token only to frames of the plc-kit server the script came from, or of the origins named', async () => {
    const calls: string[] = [];
    const provider = (origin: string) => {
      calls.push(origin);
      return TOKEN;
    };
    // Tokens for another plc-kit server only: this frame (of the server the script came from) is told no.
    const other = `${location.protocol}//${location.hostname === 'localhost' ? '127.0.0.1' : 'localhost'}:${location.port}`;
    setTokenProvider(provider, { origins: [other] });
    const { win } = await tokenFrame();
    win.ask();
    await waitFor(() => win.answers.length === 1, 'the refusal');
    expect(win.answers[0]!.token).to.equal(undefined);
    expect(win.answers[0]!.error).to.contain(`only to ${other}, not to ${location.origin}`);
    expect(calls, 'the provider is never asked for a site not allowed').to.deep.equal([]);

    // By default, the origin resizer.js was loaded from (here, this test server).
    setTokenProvider(provider);
    const second = await tokenFrame();
    second.win.ask();
    await waitFor(() => second.win.answers.length === 1, 'the answer');
    expect(second.win.answers[0]!.token).to.equal(TOKEN);
    expect(calls).to.deep.equal([location.origin]);
    expect(() => setTokenProvider(provider, { origins: ['https://plc.example/embed'] })).to.throw(TypeError, /not an origin/);
  });

  it('the frame believes no answer from another origin, another window, or to another request', async () => {
    const { win } = await tokenFrame();
    const frameWindow = win as unknown as Window & typeof globalThis;
    const requests: string[] = [];
    // Catch the frame's request here, without a provider, to learn its id.
    const listener = (event: MessageEvent) => {
      const data = event.data as { type?: string; id?: string };
      if (event.source === win && data?.type === 'plc-kit:token-request') requests.push(data.id!);
    };
    addEventListener('message', listener);
    try {
      win.ask();
      // (Sent again when the host's script announces itself on the frame's load: same id.)
      await waitFor(() => requests.length >= 1, 'the request');
      const id = requests[0]!;
      const answer = (origin: string, source: Window, data: object) => frameWindow.dispatchEvent(new frameWindow.MessageEvent('message', { data: { type: 'plc-kit:token', ...data }, origin, source }));
      answer('https://evil.example', window, { id, token: 'evil' });
      answer(location.origin, win, { id, token: 'from-itself' });
      answer(location.origin, window, { id: 'another-request', token: 'stale' });
      await quiet();
      expect(win.answers).to.deep.equal([]);
      answer(location.origin, window, { id, token: 'from-the-host' });
      await waitFor(() => win.answers.length === 1, 'the answer');
      expect(win.answers[0]).to.deep.equal({ token: 'from-the-host', personId: undefined });
    } finally {
      removeEventListener('message', listener);
    }
  });

  it('refuses at once when the page is not framed', async () => {
    const source = createHostTokenSource(location.origin);
    try {
      await source.token();
      expect.fail('a page that is not framed has no host to ask');
    } catch (error) {
      expect((error as Error).message).to.include('not inside another page');
    } finally {
      source.stop();
    }
  });

  it('checks the host’s answer and reads sub only when it is an id', () => {
    expect(subjectOf(TOKEN)).to.equal('p-beth');
    expect(subjectOf(jwt({ sub: 'a b' }))).to.equal(undefined);
    expect(subjectOf(jwt({ sub: 42 }))).to.equal(undefined);
    expect(subjectOf('not-a-jwt')).to.equal(undefined);
    expect(subjectOf('a.%%%.c')).to.equal(undefined);
    expect(() => checkHostAnswer({ token: 'has space' })).to.throw(/without spaces/);
    expect(() => checkHostAnswer({ token: '' })).to.throw(/not one/);
    expect(() => checkHostAnswer({ token: 42 })).to.throw(/not one/);
    expect(() => checkHostAnswer({ token: 'x'.repeat(20000) })).to.throw(/up to 16384/);
    expect(() => checkHostAnswer({ token: TOKEN, personId: '<script>' })).to.throw(/personId/);
    expect(checkHostAnswer({ token: TOKEN, personId: 'p-amir' })).to.deep.equal({ token: TOKEN, personId: 'p-amir' });
  });
});

describe('embed sign-in: the page’s settings and its parent’s origin', function () {
  this.timeout(30000);
  let iframe: HTMLIFrameElement;
  beforeEach(async () => {
    iframe = await frame(`${FRAME}?parent=${encodeURIComponent(location.origin)}`);
  });
  afterEach(() => iframe.remove());

  const setMeta = (name: string, content: string) => {
    const doc = iframe.contentDocument!;
    const meta = doc.createElement('meta');
    meta.name = name;
    meta.content = content;
    doc.head.append(meta);
  };

  it('reads no settings from a page without them (data stays in the browser)', () => {
    expect(readEmbedPageConfig(iframe.contentDocument!)).to.deep.equal({ problems: [] });
    setMeta('plc-kit-server', '');
    setMeta('plc-kit-parent-origins', ' ');
    expect(readEmbedPageConfig(iframe.contentDocument!)).to.deep.equal({ problems: [] });
  });

  it('resolves the server against the page and makes self the page’s own origin', () => {
    setMeta('plc-kit-server', '../../');
    setMeta('plc-kit-parent-origins', "https://vle.school.example 'self', https://vle.school.example/");
    expect(readEmbedPageConfig(iframe.contentDocument!)).to.deep.equal({
      server: location.origin,
      parentOrigins: ['https://vle.school.example', location.origin],
      problems: [],
    });
  });

  it('names a setting that is not an address or an origin', () => {
    setMeta('plc-kit-server', 'javascript:alert(1)');
    setMeta('plc-kit-parent-origins', 'https://vle.school.example/course *');
    const problems = readEmbedPageConfig(iframe.contentDocument!).problems.map((p) => `${p.param}:${p.code}:${p.value}`);
    expect(problems).to.deep.equal([
      'plc-kit-server:invalid-setting:javascript:alert(1)',
      'plc-kit-parent-origins:invalid-setting:https://vle.school.example/course',
      'plc-kit-parent-origins:invalid-setting:*',
    ]);
  });

  it('talks only to a parent whose origin is in the list: the one asked for, else the one the browser reports', () => {
    const win = iframe.contentWindow!;
    const vle = 'https://vle.school.example';
    expect(chooseParentOrigin(vle, undefined, win), 'no list: parent-origin as given').to.deep.equal({ origin: vle });
    expect(chooseParentOrigin(undefined, undefined, win)).to.deep.equal({});
    expect(chooseParentOrigin(vle, [vle, location.origin], win)).to.deep.equal({ origin: vle });
    expect(chooseParentOrigin('https://evil.example', [vle], win)).to.deep.equal({ problem: { param: 'parent-origin', code: 'origin-not-allowed', value: 'https://evil.example' } });
    // Framed by this page: Chromium reports its origin.
    expect(chooseParentOrigin(undefined, [vle, location.origin], win)).to.deep.equal({ origin: location.origin });
    expect(chooseParentOrigin(undefined, [vle], win)).to.deep.equal({ problem: { param: 'parent-origin', code: 'origin-not-allowed', value: location.origin } });
    expect(chooseParentOrigin(undefined, [location.origin], window), 'not framed: no parent').to.deep.equal({});
  });
});
