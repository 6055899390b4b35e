/**
 * Journeys with the keyboard alone, no clicks (tests/e2e/keyboard.test.ts has the enquiry's stages
 * inside the app): the driving question from draft to agreed by its author and its reviewer, the
 * survey as a student, the learning walk on a tablet, and the impact report's tables, reached and
 * scrolled at 320 px. Every control is reached with Tab, Shift+Tab and the arrow keys and pressed
 * with Enter or Space. Test names carry the WCAG criteria (scripts/conformance.js reads them).
 */
import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../components/define.js';
import { button, field, press, queryAllDeep, renderWithSession, settle, tabTo, textOf } from '../support/component-harness.js';
import { waitFor } from '../support/app-harness.js';
import { focusedElement } from '../support/a11y-harness.js';
import { feedbackSurvey, questionFieldsets, radio } from '../support/survey-harness.js';
import { logBuilder, ORACY_QUESTION } from '../support/log-harness.js';
import { createMemoryStore } from '../../src/store/memory.js';
import { seedDemo } from '../../examples/demo/seed.js';

/** Types with real key presses into whatever has focus. */
const type = (text: string) => sendKeys({ type: text });

describe('keyboard-only journeys [2.1.1, 2.1.2, 2.4.3, 2.4.7]', () => {
  afterEach(async () => {
    await setViewport({ width: 1280, height: 800 });
  });

  it('the driving question: the author submits it and the lead approves it, moving the enquiry on', async function () {
    this.timeout(60_000);
    const log = logBuilder();
    log.add('enq-oracy', 'question.draft', 'p-eli', ORACY_QUESTION as unknown as Record<string, unknown>);
    const author = await renderWithSession(html`<plc-enquiry enquiry-id="enq-oracy"></plc-enquiry>`, { personId: 'p-eli', events: log.events });
    const editor = queryAllDeep(author.element, 'plc-question-editor')[0]!;
    await settle(editor);
    // Change the rationale with the keyboard, then submit.
    await tabTo(field(editor, 'Why this question?'));
    await press('End');
    await type(' Most answers are one word.');
    await tabTo(button(editor, 'Submit for review'));
    await press('Enter');
    await waitFor(() => textOf(editor).includes('Waiting for review by Dana Okafor'), 4000, 'submitted');
    expect(textOf(focusedElement())).to.contain('Waiting for review');
    const saved = (await author.store.readLog('enq-oracy')).map((e) => e.type);
    expect(saved.slice(-2)).to.deep.equal(['question.draft', 'question.submit']);

    // The lead, on her own device (the same store), approves with a comment.
    const lead = await renderWithSession(html`<plc-enquiry enquiry-id="enq-oracy"></plc-enquiry>`, { personId: 'p-dana', store: author.store, seed: false });
    const review = queryAllDeep(lead.element, 'plc-question-editor')[0]!;
    await settle(review);
    await tabTo(field(review, 'Comment for the group'));
    await type('Clear and open.');
    await tabTo(button(review, 'Approve the question'));
    await press('Space');
    await waitFor(() => textOf(lead.element.shadowRoot!.querySelector('#stage-heading')!).includes('Observation'), 4000, 'the observation stage');
    await waitFor(() => focusedElement().id === 'stage-heading', 4000, 'focus on the new stage heading');
    expect((await author.store.readLog('enq-oracy')).at(-1)!.type).to.equal('question.approve');
  });

  it('a student answers the survey: arrow keys through each scale, typing a comment, Enter sends, and focus lands on the thanks', async () => {
    const store = createMemoryStore();
    await seedDemo(store);
    await store.put('surveys', feedbackSurvey(), 0);
    await setViewport({ width: 320, height: 700 });
    const { element } = await renderWithSession(html`<plc-survey-response survey-id="sv-feedback"></plc-survey-response>`, { store, seed: false, personId: '' });
    const [agree, often] = questionFieldsets(element);
    await tabTo(radio(agree!, 'Strongly disagree'));
    await press('ArrowRight');
    await press('ArrowRight');
    await press('ArrowRight');
    expect(radio(agree!, 'Agree').checked).to.equal(true);
    // On to the next question (past the "Clear my answer" button the first answer brought).
    await tabTo(radio(often!, 'Every time'));
    await press('ArrowDown');
    expect(radio(often!, 'Sometimes').checked).to.equal(true);
    await tabTo(field(element, /What would make feedback more useful/));
    await type('Examples of good answers');
    await tabTo(button(element, 'Send my answers'));
    await press('Enter');
    await waitFor(() => textOf(element).includes('Thank you'), 4000, 'the thanks');
    const sheets = (await store.list('surveyResponses')).map((r) => r.record).filter((r) => r.surveyId === 'sv-feedback');
    expect(sheets).to.have.length(1);
    expect(sheets[0]!.answers['q-know']).to.equal(4);
    expect(sheets[0]!.answers['q-help']).to.equal('Examples of good answers');
    expect(textOf(focusedElement())).to.match(/Thank you/);
    expect(document.documentElement.scrollWidth).to.be.at.most(320);
  });

  it('a CPD leader walks: starts a walk, tallies four lessons and undoes one, with the keyboard on a tablet', async () => {
    await setViewport({ width: 768, height: 1024 });
    const { element, store } = await renderWithSession(html`<plc-learning-walk></plc-learning-walk>`, { personId: 'p-clare' });
    await tabTo(field(element, 'What are you looking for?'));
    await type('students explaining their thinking');
    await tabTo(button(element, 'Start the walk'));
    await press('Enter');
    await waitFor(() => textOf(element).includes('Learning walk: students explaining their thinking'), 4000, 'the walk');
    await settle(element);
    for (const verdict of ['Shows the focus', 'Shows the focus', 'Not seen', 'Shows the focus']) {
      await tabTo(button(element, verdict));
      await press('Enter');
      await settle(element);
    }
    await waitFor(() => textOf(element).includes('3 of 4 lessons'), 4000, 'four lessons');
    await tabTo(button(element, /^Undo lesson 4/));
    await press('Enter');
    await settle(element);
    await waitFor(() => textOf(element).includes('2 of 3 lessons'), 4000, 'three lessons');
    const walk = (await store.list('learningWalks')).map((w) => w.record).find((w) => w.focus === 'students explaining their thinking');
    expect(walk!.lessons.map((l) => l.showsFocus)).to.deep.equal([true, true, false]);
  });

  it("the impact report's tables: shown with Enter, reached with Tab and scrolled with the arrow keys at 320 px", async () => {
    await setViewport({ width: 320, height: 800 });
    const { element } = await renderWithSession(html`<plc-impact-report></plc-impact-report>`, { personId: 'p-clare' });
    const toggles = queryAllDeep<HTMLButtonElement>(element, 'button').filter((b) => b.textContent!.includes('Show the figures as a table'));
    expect(toggles.length).to.be.greaterThan(0);
    for (const toggle of toggles) {
      await tabTo(toggle);
      await press('Enter');
      await settle(element);
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    }
    const wraps = queryAllDeep<HTMLElement>(element, '.table-wrap').filter((wrap) => !wrap.hidden);
    const scrolling = wraps.filter((wrap) => wrap.scrollWidth > wrap.clientWidth);
    expect(scrolling.length, 'a table wider than the phone scrolls in its own region').to.be.greaterThan(0);
    for (const wrap of scrolling) {
      await tabTo(wrap);
      expect(wrap.getAttribute('aria-label')).to.not.equal('');
      await press('ArrowRight');
      await press('ArrowRight');
      await waitFor(() => wrap.scrollLeft > 0, 2000, 'the table to scroll');
    }
    expect(document.documentElement.scrollWidth, 'the page itself does not scroll sideways').to.be.at.most(320);
  });
});
