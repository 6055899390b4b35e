/**
 * The embed page and the host's resizer, in real iframes on the test server: the iframe's height
 * follows its content; the host ignores height messages from any other window or origin; the
 * embed page posts only to the parent origin it was given and answers only its parent.
 */
import { expect } from '@open-wc/testing';
import { applyHeightMessage, requestHeights } from '../../components/embed/resizer.js';
import { frame, waitFor } from '../support/embed-harness.js';

const EMBED = '/examples/embed/index.html';
const embedUrl = (parentOrigin: string, extra = '') =>
  `${EMBED}?view=my-enquiries&person=p-beth&storage=memory&demo&parent-origin=${encodeURIComponent(parentOrigin)}${extra}`;

const contentHeight = (iframe: HTMLIFrameElement) => Math.ceil(iframe.contentDocument!.documentElement.getBoundingClientRect().height);
const frameHeight = (iframe: HTMLIFrameElement) => Math.round(iframe.getBoundingClientRect().height);

/** Waits until the embed's list has rendered (its text is there). */
const listShown = (iframe: HTMLIFrameElement) =>
  waitFor(() => {
    const list = iframe.contentDocument?.querySelector('plc-my-enquiries');
    return Boolean(list?.shadowRoot?.textContent?.includes('Engaging with written feedback'));
  }, 'the embedded list');

/**
 * Waits until the iframe's height meets `condition`. The embed page reports size changes through
 * a ResizeObserver, which (like all rendering) is paused while the test runner keeps this page in
 * a background tab; then the host's own height requests (what the resizer sends when a frame
 * loads) stand in for it, so the messages and origin checks are still exercised.
 */
const sized = (condition: () => boolean, what: string) =>
  waitFor(() => {
    if (document.visibilityState === 'hidden') requestHeights();
    return condition();
  }, what);

/** Lets messages already on their way arrive. */
const quiet = () => new Promise((resolve) => setTimeout(resolve, 300));

/** Counts height messages that reach this window from `iframe`. */
function countMessages(iframe: HTMLIFrameElement) {
  const counter = { count: 0, stop: () => removeEventListener('message', listener) };
  const listener = (event: MessageEvent) => {
    if (event.source === iframe.contentWindow && (event.data as { type?: string })?.type === 'plc-kit:height') counter.count += 1;
  };
  addEventListener('message', listener);
  return counter;
}

describe('embed page and resizer', function () {
  // In a background tab, timers fire about once a second: give the waits room.
  this.timeout(30000);
  const frames: HTMLIFrameElement[] = [];
  before(async () => {
    await import('../../components/embed/resizer.js');
  });
  afterEach(() => {
    for (const f of frames.splice(0)) f.remove();
  });

  it('keeps the iframe as tall as its content, growing and shrinking with it', async () => {
    const iframe = await frame(embedUrl(location.origin));
    frames.push(iframe);
    await listShown(iframe);
    await sized(() => frameHeight(iframe) === contentHeight(iframe) && frameHeight(iframe) > 150, 'the iframe to take its content height');

    const filler = iframe.contentDocument!.createElement('div');
    filler.style.height = '600px';
    const before = frameHeight(iframe);
    iframe.contentDocument!.getElementById('plc-embed')!.append(filler);
    await sized(() => frameHeight(iframe) === before + 600, 'the iframe to grow by 600px');
    filler.remove();
    await sized(() => frameHeight(iframe) === before, 'the iframe to shrink back');
    expect(frameHeight(iframe)).to.equal(contentHeight(iframe));
  });

  it('ignores height messages from another origin, another window, or a frame not marked data-plc-embed', async () => {
    const iframe = await frame(embedUrl(location.origin));
    const unmarked = await frame(embedUrl(location.origin), { plain: true });
    frames.push(iframe, unmarked);
    await listShown(iframe);
    await sized(() => frameHeight(iframe) === contentHeight(iframe), 'the first sizing');
    await quiet();
    const settled = frameHeight(iframe);
    const message = (origin: string, source: Window | null, data: unknown = { type: 'plc-kit:height', height: 42 }) => new MessageEvent('message', { data, origin, source });

    const ignored = [
      message('https://evil.example', iframe.contentWindow),
      // The same server under another name is another origin.
      message(`${location.protocol}//${location.hostname === 'localhost' ? '127.0.0.1' : 'localhost'}:${location.port}`, iframe.contentWindow),
      message(location.origin, window),
      message(location.origin, unmarked.contentWindow),
      message(location.origin, iframe.contentWindow, { type: 'plc-kit:height', height: '42px' }),
      message(location.origin, iframe.contentWindow, { type: 'plc-kit:height', height: -5 }),
      message(location.origin, iframe.contentWindow, { type: 'other', height: 42 }),
    ];
    for (const event of ignored) {
      expect(applyHeightMessage(event), `${event.origin} ${JSON.stringify(event.data)}`).to.equal(undefined);
      dispatchEvent(event);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(frameHeight(iframe)).to.equal(settled);
    expect(frameHeight(unmarked)).to.equal(150);

    // The same message from the iframe's own window and origin is believed.
    expect(applyHeightMessage(message(location.origin, iframe.contentWindow))).to.equal(iframe);
    expect(frameHeight(iframe)).to.equal(42);
  });

  it('posts nothing when the parent origin it was given is not this page, and keeps its height to itself', async () => {
    const iframe = await frame(embedUrl('https://vle.school.example'));
    frames.push(iframe);
    const messages = countMessages(iframe);
    try {
      await listShown(iframe);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(messages.count).to.equal(0);
      expect(frameHeight(iframe)).to.equal(150);
      expect(contentHeight(iframe)).to.be.greaterThan(150);
    } finally {
      messages.stop();
    }
  });

  it('answers a height request only from its parent window at the parent origin', async () => {
    const iframe = await frame(embedUrl(location.origin));
    frames.push(iframe);
    await listShown(iframe);
    await sized(() => frameHeight(iframe) === contentHeight(iframe), 'the first sizing');
    await quiet();
    const messages = countMessages(iframe);
    try {
      const win = iframe.contentWindow! as Window & typeof globalThis;
      const request = (origin: string, source: Window) => win.dispatchEvent(new win.MessageEvent('message', { data: { type: 'plc-kit:height-request' }, origin, source }));
      request('https://evil.example', window);
      request(location.origin, win);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(messages.count).to.equal(0);
      request(location.origin, window);
      await waitFor(() => messages.count === 1, 'the answer to its parent');
    } finally {
      messages.stop();
    }
  });
});
