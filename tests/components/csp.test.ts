/**
 * plc-kit under a strict Content-Security-Policy (examples/csp/index.html: script-src 'self',
 * style-src 'self', no 'unsafe-inline', no 'unsafe-eval'), loaded in an iframe so the test page's
 * own inline scripts stay outside the policy. The elements render and are styled (Lit's
 * constructable stylesheets are not blocked by style-src), zod validates (jitless), a real click
 * opens an enquiry, and no securitypolicyviolation event fires; a deliberate inline style shows
 * the listener does catch violations.
 */
import { expect } from '@open-wc/testing';
import { clickInFrame, frame, frameQueryAll, frameText, waitFor } from '../support/embed-harness.js';

type CspWindow = Window & typeof globalThis & { plcCspViolations: Array<{ directive: string; blocked: string; sample: string }> };

describe('a strict Content-Security-Policy', function () {
  // A fresh page compiles every element on first load: give it time.
  this.timeout(30000);
  let iframe: HTMLIFrameElement;
  let win: CspWindow;
  const app = () => win.document.querySelector('plc-app')!;
  const violations = () => win.plcCspViolations.map((v) => `${v.directive} ${v.blocked} ${v.sample}`);

  before(async () => {
    iframe = await frame('/examples/csp/index.html', { plain: true, width: 1000, height: 700 });
    win = iframe.contentWindow as CspWindow;
  });
  after(() => iframe.remove());

  it('is the policy the page runs under', () => {
    const policy = win.document.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')!;
    expect(policy).to.contain("script-src 'self';");
    expect(policy).to.contain("style-src 'self';");
    expect(policy).to.not.contain('unsafe');
  });

  it('renders plc-app, styled through adopted stylesheets, with no violation', async () => {
    await waitFor(() => Boolean(app()?.shadowRoot) && frameText(app()).includes('Engaging with written feedback'), 'the demo list', 25000);
    const root = app().shadowRoot!;
    expect(root.adoptedStyleSheets.length).to.be.greaterThan(0);
    expect(frameQueryAll(app(), 'style')).to.have.length(0);
    // The shared styles apply: 44px targets on buttons inside the shadow roots.
    const buttons = frameQueryAll<HTMLButtonElement>(app(), 'button').filter((b) => b.getBoundingClientRect().height > 0);
    expect(buttons.length).to.be.greaterThan(0);
    for (const b of buttons) expect(parseFloat(win.getComputedStyle(b).minHeight), frameText(b)).to.be.at.least(44);
    expect(violations()).to.deep.equal([]);
  });

  it('validates with zod (jitless) under the policy', async () => {
    const output = win.document.getElementById('validation')!;
    await waitFor(() => output.textContent !== 'checking…', 'the validation check', 25000);
    expect(output.textContent).to.match(/^works/);
    expect(output.textContent).to.contain('title must not be empty');
    expect(violations()).to.deep.equal([]);
  });

  it('opens an enquiry with a real click, replaying and validating its log, with no violation', async () => {
    const open = frameQueryAll<HTMLButtonElement>(app(), 'button').find((b) => frameText(b).includes('Engaging with written feedback'))!;
    await clickInFrame(iframe, open);
    await waitFor(() => {
      const enquiry = frameQueryAll(app(), 'plc-enquiry')[0];
      return Boolean(enquiry && /Observation|observation/.test(frameText(enquiry)));
    }, 'the enquiry view');
    expect(violations()).to.deep.equal([]);
    expect(win.document.getElementById('violations')!.textContent).to.equal('0');
  });

  it('lays out the windowed community board (positions through CSSOM, not style attributes), with no violation', async () => {
    const nav = frameQueryAll<HTMLAnchorElement>(app(), 'a').find((a) => frameText(a).trim() === 'Communities')!;
    await clickInFrame(iframe, nav);
    const rowsOf = () => {
      const board = frameQueryAll(app(), 'plc-community-board')[0];
      return board ? frameQueryAll<HTMLElement>(board, '.row') : [];
    };
    await waitFor(() => rowsOf().length > 1, 'the board rows', 25000);
    const rows = rowsOf();
    // Each row is placed below the one before it: the top and height set through styleMap apply.
    const tops = rows.map((row) => row.getBoundingClientRect().top);
    expect(new Set(tops).size).to.equal(rows.length);
    expect(rows[1]!.style.top).to.match(/px$/);
    expect(violations()).to.deep.equal([]);
  });

  it('does catch a violation when one happens (an inline style attribute)', async () => {
    const div = win.document.createElement('div');
    div.innerHTML = '<span style="color: red">inline</span>';
    win.document.body.append(div);
    await waitFor(() => win.plcCspViolations.length > 0, 'the violation to be reported');
    expect(win.plcCspViolations[0]!.directive).to.equal('style-src-attr');
    div.remove();
  });
});
