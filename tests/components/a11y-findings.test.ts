/**
 * The seven findings of issue 22's walk-through, each as a test that failed before its fix.
 * Test names carry the WCAG success criteria they check, in brackets: scripts/conformance.js
 * reads them to mark the conformance report (docs/accessibility.md).
 */
import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import { setViewport } from '@web/test-runner-commands';
import '../../components/define.js';
import type { PlcEnquiry } from '../../components/plc-enquiry/plc-enquiry.js';
import { button, click, field, press, queryAllDeep, queryDeep, renderWithSession, settle, tabTo, textOf } from '../support/component-harness.js';
import { addResponses, ENQUIRY, evidenceStageEvents, feedbackSurvey } from '../support/survey-harness.js';
import { logBuilder, observation, ORACY_QUESTION } from '../support/log-harness.js';
import { waitFor, waitForText, waitForViewHeadingFocus } from '../support/app-harness.js';
import type { PlcApp } from '../../components/plc-app/plc-app.js';
import { mountEmbed } from '../../components/embed/embed.js';
import { axeViolations, focusedElement, horizontalOverflow, isWithin, labelNameMismatches, overflowingElements, shiftTab } from '../support/a11y-harness.js';
import { createMemoryStore } from '../../src/store/memory.js';
import { seedDemo } from '../../examples/demo/seed.js';

const SHEETS = [5, 4, 4, 3, 2, 1].map((n, i) => ({ 'q-know': n, 'q-often': i % 3 }));

async function surveyStore() {
  const store = createMemoryStore();
  await seedDemo(store);
  await store.put('surveys', feedbackSurvey(), 0);
  await addResponses(store, 'sv-feedback', SHEETS);
  return store;
}

async function narrow<T>(width: number, body: () => Promise<T>): Promise<T> {
  await setViewport({ width, height: 800 });
  try {
    return await body();
  } finally {
    await setViewport({ width: 1280, height: 800 });
  }
}

describe('issue 22 findings', () => {
  it('1. after "Submit for review" focus moves to the message saying who reviews it, not to the page body [2.4.3]', async () => {
    const log = logBuilder();
    log.add('enq-oracy', 'question.draft', 'p-eli', ORACY_QUESTION as unknown as Record<string, unknown>);
    const { element } = await renderWithSession<PlcEnquiry>(html`<plc-enquiry enquiry-id="enq-oracy"></plc-enquiry>`, { personId: 'p-eli', events: log.events });
    const editor = queryDeep(element, 'plc-question-editor');
    await settle(editor);
    await tabTo(button(editor, 'Submit for review'));
    await press('Enter');
    await waitFor(() => textOf(editor).includes('Waiting for review'), 4000, 'the submitted state');
    await settle(editor);
    const focused = focusedElement();
    expect(focused.getRootNode()).to.equal(editor.shadowRoot);
    expect(textOf(focused)).to.match(/Waiting for review by Dana Okafor/);
    // Announced once: the focused message is read, so the status line does not repeat it.
    const status = editor.shadowRoot!.querySelector('[role="status"]')!;
    expect(textOf(status)).to.equal('');
    // Keyboard travel goes on from there, not from the top of the page.
    await shiftTab();
    expect(isWithin(focusedElement(), element), 'Shift+Tab stays in the enquiry').to.equal(true);
  });

  it('2. the survey results tables scroll at 320 px and can be reached and scrolled with the keyboard [2.1.1]', async () => {
    const store = await surveyStore();
    await narrow(320, async () => {
      const { element } = await renderWithSession(html`<plc-survey-results survey-id="sv-feedback"></plc-survey-results>`, { store, seed: false });
      for (const toggle of queryAllDeep<HTMLButtonElement>(element, 'button').filter((b) => b.textContent!.includes('Show as a table'))) await click(toggle);
      await settle(element);
      const wraps = queryAllDeep<HTMLElement>(element, '.table-wrap');
      expect(wraps.length).to.be.greaterThan(0);
      for (const wrap of wraps) {
        expect(wrap.tabIndex, 'a scrolling table can take focus').to.equal(0);
        expect(wrap.getAttribute('role')).to.equal('region');
        expect(wrap.getAttribute('aria-label') ?? '').not.to.equal('');
      }
      await tabTo(wraps[0]!);
      expect(await axeViolations(element, { rules: ['scrollable-region-focusable'] })).to.deep.equal([]);
    });
  });

  it('3. a skip link comes first in plc-app and takes a member past the bar to her enquiries; the landmarks are named [2.4.1]', async () => {
    const app = await fixture<PlcApp>(html`<plc-app demo storage="memory" person-id="p-beth" routing="none"></plc-app>`);
    await app.ready;
    await waitForText(app, 'Engaging with written feedback');
    document.body.focus();
    await press('Tab');
    const skip = focusedElement();
    expect(textOf(skip)).to.equal('Skip to the content');
    expect(skip.getBoundingClientRect().height, 'shown when focused').to.be.greaterThan(0);
    await press('Enter');
    const heading = await waitForViewHeadingFocus(app);
    expect(textOf(heading)).to.contain('My enquiries');
    // From the heading, her first enquiry is the next few Tabs away (it was Tab 7).
    let tabs = 0;
    while (!textOf(focusedElement()).includes('Engaging with written feedback') && tabs < 6) {
      await press('Tab');
      tabs += 1;
    }
    expect(tabs, 'Tabs from the skip link to her first enquiry').to.be.at.most(3);
    const regions = [...app.shadowRoot!.querySelectorAll('nav, [role="region"], main')].map((l) => `${l.localName}:${l.getAttribute('aria-label') ?? ''}`);
    expect(regions).to.deep.equal(['nav:Sections', 'div:My enquiries']);
  });

  it('3. the embed page has a skip link to the view\'s heading [2.4.1]', async () => {
    const root = document.body.appendChild(document.createElement('main'));
    try {
      const handle = mountEmbed(root, '?view=my-enquiries&person=p-beth&storage=memory&demo');
      await handle.ready;
      const view = root.querySelector<HTMLElement>('plc-my-enquiries')!;
      await waitForText(view, 'Engaging with written feedback');
      await settle(view);
      const skip = root.querySelector<HTMLButtonElement>('button.plc-embed-skip')!;
      expect(root.querySelector('plc-provider')!.firstElementChild, 'first in the page').to.equal(skip);
      skip.focus();
      await press('Enter');
      const focused = focusedElement();
      expect(/^H[1-6]$/.test(focused.tagName) && isWithin(focused, view), `focus on ${focused.localName}`).to.equal(true);
    } finally {
      root.remove();
    }
  });

  it('4. the survey list buttons are named with the words they show [2.5.3]', async () => {
    const store = await surveyStore();
    await store.put('surveys', feedbackSurvey({ id: 'sv-draft', title: 'Retrieval starters: what do you think?', status: 'draft' }), 0);
    for (const personId of ['p-beth', 'p-hana']) {
      const { element } = await renderWithSession(html`<plc-survey-builder enquiry-id=${ENQUIRY}></plc-survey-builder>`, {
        store: personId === 'p-beth' ? store : await surveyStore(),
        seed: false,
        personId,
        events: personId === 'p-beth' ? evidenceStageEvents() : [],
      });
      expect(textOf(element)).to.contain('Results and sharing');
      expect(labelNameMismatches(element), personId).to.deep.equal([]);
      expect(await axeViolations(element, { rules: ['label-content-name-mismatch'] }), personId).to.deep.equal([]);
    }
  });

  it('5. the question editor in Spanish fits 320 px without scrolling sideways [1.4.10]', async () => {
    const log = logBuilder();
    log.add('enq-oracy', 'question.draft', 'p-eli', ORACY_QUESTION as unknown as Record<string, unknown>);
    await narrow(320, async () => {
      const { element } = await renderWithSession(html`<plc-question-editor enquiry-id="enq-oracy"></plc-question-editor>`, { personId: 'p-eli', lang: 'es', events: log.events });
      await waitFor(() => textOf(element).includes('Enviar a revisión') || textOf(element).includes('Pregunta'), 4000, 'Spanish');
      await settle(element);
      expect(element.scrollWidth, 'the editor').to.be.at.most(320);
      expect(horizontalOverflow(), `the page: ${overflowingElements(element).join(', ')}`).to.equal(0);
    });
  });

  it('6. a long observation list narrows with the viewport, cards off screen included [1.4.10]', async () => {
    const log = logBuilder();
    for (let i = 0; i < 30; i += 1) {
      const date = new Date(Date.UTC(2026, 8, 8) + i * 86_400_000).toISOString().slice(0, 10);
      log.add('enq-feedback', 'observation.record', 'p-beth', observation({ id: `obs-${i}`, date, strengths: `Visit ${i}: ${'students redrafted their paragraphs '.repeat(6)}` }) as never);
    }
    const { element } = await renderWithSession(html`<plc-observation-list enquiry-id="enq-feedback"></plc-observation-list>`, { events: log.events });
    const frames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    // Read through wide first (each card shown remembers its size), then back to the top and the
    // window narrows, as when a person zooms in.
    for (const card of element.shadowRoot!.querySelectorAll('li')) {
      card.scrollIntoView();
      await frames();
    }
    window.scrollTo(0, 0);
    await frames();
    await narrow(320, async () => {
      await frames();
      const widest = Math.max(...[...element.shadowRoot!.querySelectorAll('li')].map((li) => li.getBoundingClientRect().width));
      expect(widest, 'the widest card').to.be.at.most(320);
      expect(horizontalOverflow(), 'the page').to.equal(0);
    });
  });

  it('7. each question of a survey has a field named with its number [1.3.1, 2.4.6]', async () => {
    const { element } = await renderWithSession(html`<plc-survey-builder enquiry-id=${ENQUIRY}></plc-survey-builder>`, { events: evidenceStageEvents() });
    await click(button(element, 'Create a new survey'));
    await settle(element);
    for (let i = 0; i < 2; i += 1) {
      await click(queryAllDeep<HTMLButtonElement>(element, '.suggestions button')[0]!);
      await settle(element);
    }
    const first = field<HTMLTextAreaElement>(element, 'Question 1');
    const second = field<HTMLTextAreaElement>(element, 'Question 2');
    expect(first).not.to.equal(second);
    expect(first.classList.contains('question-text')).to.equal(true);
    expect(second.classList.contains('question-text')).to.equal(true);
  });
});
