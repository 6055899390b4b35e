/**
 * How the elements hold up when a person changes how text and colours look: Windows high
 * contrast (forced colours), where only system colours remain and focus must still be seen; and
 * WCAG 1.4.12 text spacing (line height 1.5, paragraph spacing 2em, letter spacing 0.12em, word
 * spacing 0.16em) set in every shadow root, where no text may be cut off. Each view of the app is
 * opened as a CPD leader, who can open every section. Test names carry the WCAG criteria
 * (scripts/conformance.js reads them).
 */
import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import { executeServerCommand, setViewport } from '@web/test-runner-commands';
import '../../components/define.js';
import type { PlcApp } from '../../components/plc-app/plc-app.js';
import type { AppRoute } from '../../components/plc-app/routes.js';
import { deepActiveElement, press, queryAllDeep } from '../support/component-harness.js';
import { focusedElement, horizontalOverflow, showRoute } from '../support/a11y-harness.js';

const ROUTES: AppRoute[] = [
  { section: 'enquiries' },
  { section: 'enquiries', enquiryId: 'enq-feedback' },
  { section: 'communities' },
  { section: 'meetings', communityId: 'com-feedback' },
  { section: 'walks' },
  { section: 'impact' },
  { section: 'booklet' },
  { section: 'admin' },
];

async function openApp(): Promise<PlcApp> {
  const app = await fixture<PlcApp>(html`<plc-app demo storage="memory" person-id="p-clare" routing="none"></plc-app>`);
  await app.ready;
  return app;
}

/**
 * The community board's rows: one line each, fixed height (it draws only the rows in sight), with
 * an ellipsis by design; the enquiry it opens shows everything. Listed as a known gap in
 * docs/accessibility.md; any other element cutting text off fails.
 */
const BOARD_ROW = /^plc-community-board span\.(name|title|question|meta) /;

/** The WCAG 1.4.12 spacing, with !important as a person's user style sheet would set it. */
const SPACING = `* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
  p { margin-block-end: 2em !important; }`;

/** Adds the spacing to the page and to every shadow root under `root`; returns a function that takes it away. */
function applySpacing(root: Element): () => void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(SPACING);
  const roots: Array<Document | ShadowRoot> = [document, ...queryAllDeep(root, '*').filter((el) => el.shadowRoot).map((el) => el.shadowRoot!)];
  if (root.shadowRoot) roots.push(root.shadowRoot);
  for (const target of roots) target.adoptedStyleSheets = [...target.adoptedStyleSheets, sheet];
  return () => {
    for (const target of roots) target.adoptedStyleSheets = target.adoptedStyleSheets.filter((s) => s !== sheet);
  };
}

/** Elements whose text is cut off: content larger than a box that hides its overflow. */
function clippedText(root: Element): string[] {
  return queryAllDeep<HTMLElement>(root, '*')
    .filter((el) => {
      if (el.closest('.visually-hidden') || el.classList.contains('visually-hidden') || !el.textContent?.trim()) return false;
      // Text hidden on purpose for screen readers (a 1 px clipped box) is not cut off.
      if (el.getBoundingClientRect().width <= 1 || getComputedStyle(el).clip === 'rect(0px, 0px, 0px, 0px)') return false;
      if (el.namespaceURI !== 'http://www.w3.org/1999/xhtml' || el.localName === 'select' || el.localName === 'option' || el.localName === 'textarea' || el.localName === 'input') return false;
      const style = getComputedStyle(el);
      const hidesX = style.overflowX === 'hidden' || style.overflowX === 'clip';
      const hidesY = style.overflowY === 'hidden' || style.overflowY === 'clip';
      return (hidesX && el.scrollWidth > el.clientWidth + 1) || (hidesY && el.scrollHeight > el.clientHeight + 1) || (style.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1);
    })
    .map((el) => `${(el.getRootNode() as ShadowRoot).host?.localName ?? 'document'} ${el.localName}.${[...el.classList].join('.')} "${el.textContent!.trim().slice(0, 40)}"`);
}

describe('forced colours and text spacing', () => {
  afterEach(async () => {
    await executeServerCommand('emulate-forced-colors', { active: false });
    await setViewport({ width: 1280, height: 800 });
  });

  it('in forced colours (Windows high contrast) focus is drawn as an outline on every control Tab reaches, in every view [1.4.11, 2.4.7]', async function () {
    this.timeout(120_000);
    const app = await openApp();
    await executeServerCommand('emulate-forced-colors', { active: true });
    expect(matchMedia('(forced-colors: active)').matches, 'forced colours are on').to.equal(true);
    const problems: string[] = [];
    for (const route of ROUTES) {
      const view = await showRoute(app, route);
      (view as HTMLElement & { focusHeading?: () => void }).focusHeading?.();
      // A box shadow or a background change disappears in forced colours; an outline stays.
      for (let i = 0; i < 12; i += 1) {
        await press('Tab');
        if (!deepActiveElement() || deepActiveElement() === document.body) break; // past the last control of the page
        const focused = focusedElement();
        // A date field reached by Tab inside the app reports neither :focus nor :focus-visible in
        // headless Chromium (its focused segment is inside the browser's own shadow tree), so its
        // ring cannot be measured here: docs/accessibility.md lists it as checked by hand only.
        if (focused.localName === 'input' && (focused as HTMLInputElement).type === 'date' && !focused.matches(':focus')) continue;
        const style = getComputedStyle(focused);
        const width = parseFloat(style.outlineWidth);
        if (style.outlineStyle === 'none' || !(width >= 2)) problems.push(`${route.enquiryId ?? route.section}: ${focused.localName}#${focused.id}[${focused.getAttribute('type') ?? ''}] "${(focused.textContent ?? '').trim().slice(0, 30)}" has no focus outline (${style.outlineStyle} ${style.outlineWidth} focus=${focused.matches(':focus')} fv=${focused.matches(':focus-visible')})`);
        if (style.forcedColorAdjust === 'none' && focused.localName !== 'svg') problems.push(`${route.enquiryId ?? route.section}: ${focused.localName} opts out of forced colours`);
      }
    }
    expect(problems).to.deep.equal([]);
  });

  it('the language of every view is its catalogue\'s, inherited through the shadow roots, and changes with it [3.1.1, 3.1.2]', async function () {
    this.timeout(60_000);
    const app = await openApp();
    /** The language a screen reader uses for `node`: the nearest lang attribute, crossing shadow hosts. */
    const languageOf = (node: Node): string | null => {
      for (let at: Node | null = node; at; at = at instanceof ShadowRoot ? at.host : at.parentNode) {
        if (at instanceof Element && at.hasAttribute('lang')) return at.getAttribute('lang');
      }
      return null;
    };
    for (const lang of ['es', 'en-US', 'en-GB']) {
      app.lang = lang;
      await app.updateComplete;
      for (const route of ROUTES) {
        const view = await showRoute(app, route);
        const heading = view.shadowRoot!.querySelector('h1, h2, h3')!;
        expect(languageOf(heading), `${route.enquiryId ?? route.section} in ${lang}`).to.equal(lang);
      }
    }
    // Each language's name in the picker is marked in its own language.
    const options = [...app.shadowRoot!.querySelectorAll<HTMLOptionElement>('#language option')];
    expect(options.length).to.be.greaterThan(2);
    for (const option of options) expect(option.lang, option.text).to.equal(option.value);
  });

  for (const width of [1280, 320]) {
    it(`with WCAG text spacing at ${width} px no text is cut off and nothing scrolls sideways, in every view [1.4.12]`, async function () {
      this.timeout(120_000);
      await setViewport({ width, height: 800 });
      const app = await openApp();
      const problems: string[] = [];
      for (const route of ROUTES) {
        const view = await showRoute(app, route);
        // What the spacing cuts off: text cut off with it and not without (the board's rows are
        // one line with an ellipsis by design; docs/accessibility.md lists that as a known gap).
        const before = new Set(clippedText(app));
        const remove = applySpacing(app);
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        const where = route.enquiryId ?? route.section;
        expect(getComputedStyle(view.shadowRoot!.querySelector('h1, h2, h3')!).letterSpacing, 'the spacing reaches into shadow roots').not.to.equal('normal');
        for (const clipped of clippedText(app)) if (!before.has(clipped) && !BOARD_ROW.test(clipped)) problems.push(`${where}: cut off: ${clipped}`);
        if (horizontalOverflow() > 0) problems.push(`${where}: scrolls sideways by ${horizontalOverflow()} px`);
        remove();
      }
      expect(problems).to.deep.equal([]);
    });
  }
});
