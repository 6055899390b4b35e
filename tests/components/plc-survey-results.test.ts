import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import '../../components/plc-survey-results/index.js';
import type { PlcSurveyResults } from '../../components/plc-survey-results/plc-survey-results.js';
import { button, click, queryAllDeep, renderWithSession, settle, textOf } from '../support/component-harness.js';
import { addResponses, feedbackSurvey, tableRows, waitFor } from '../support/survey-harness.js';
import { createMemoryStore } from '../../src/store/memory.js';
import { seedDemo } from '../../examples/demo/seed.js';
import type { Store } from '../../src/store/store.js';
import type { SurveyResponse } from '../../src/schema/directory.js';
import { studentVoiceEvidence } from '../../src/analysis/survey.js';

/** Six answer sheets: agree 5,4,4,3,2,1; choice 0,0,1,1,2,0; five comments (too few to show: comments need 10). */
const SIX: Array<SurveyResponse['answers']> = [
  { 'q-know': 5, 'q-often': 0, 'q-help': 'Questions instead of comments' },
  { 'q-know': 4, 'q-often': 0, 'q-help': 'More time in lessons' },
  { 'q-know': 4, 'q-often': 1, 'q-help': 'Examples of good work' },
  { 'q-know': 3, 'q-often': 1, 'q-help': 'Shorter comments' },
  { 'q-know': 2, 'q-often': 2, 'q-help': 'Talking it through' },
  { 'q-know': 1, 'q-often': 0 },
];

/** Five more sheets, with comments: with {@link SIX}, ten comments, enough to show them. */
const FIVE_MORE: Array<SurveyResponse['answers']> = ['Marking codes', 'Peer feedback', 'A checklist', 'Reading it aloud', 'Time after marking'].map((text) => ({ 'q-know': 4, 'q-help': text }));

async function storeWith(sheets: Array<SurveyResponse['answers']>): Promise<Store> {
  const store = createMemoryStore();
  await seedDemo(store);
  await store.put('surveys', feedbackSurvey(), 0);
  await addResponses(store, 'sv-feedback', sheets);
  return store;
}

const renderLive = (store: Store, options: { personId?: string; theme?: 'light' | 'dark' } = {}) =>
  renderWithSession<PlcSurveyResults>(html`<plc-survey-results survey-id="sv-feedback"></plc-survey-results>`, {
    store,
    seed: false,
    personId: 'p-beth',
    ...options,
  });

describe('plc-survey-results', () => {
  it("shows a member a survey's live results: a stacked bar per agree question, a bar per option, comments", async () => {
    const store = await storeWith(SIX);
    const { element } = await renderLive(store);
    const text = textOf(element);
    expect(text).to.contain('How you use written feedback');
    expect(text).to.contain('6 responses');
    const charts = queryAllDeep<SVGSVGElement>(element, 'svg[role="img"]');
    expect(charts).to.have.length(2);
    expect(charts[0]!.getAttribute('aria-label')).to.equal(
      'I know what to do when I get written feedback: 3 of 6 agree, 1 neither, 2 disagree.',
    );
    expect(charts[1]!.getAttribute('aria-label')).to.contain('Every time 3; Sometimes 2; Never 1');
    // Five agree segments drawn with patterns, one per level that has answers.
    expect(charts[0]!.querySelectorAll('rect.segment')).to.have.length(5);
    expect([...charts[0]!.querySelectorAll('rect.segment')].map((r) => r.getAttribute('fill'))).to.deep.equal([
      'url(#plc-sr-lvl0)',
      'url(#plc-sr-lvl1)',
      'url(#plc-sr-lvl2)',
      'url(#plc-sr-lvl3)',
      'url(#plc-sr-lvl4)',
    ]);
    expect(charts[1]!.querySelectorAll('rect.bar')).to.have.length(3);
    // The legend names every level with its count, so nothing relies on colour.
    const legend = queryAllDeep(element, '.legend li').map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
    expect(legend).to.deep.equal([
      'Strongly disagree: 1 (17%)',
      'Disagree: 1 (17%)',
      'Neither agree nor disagree: 1 (17%)',
      'Agree: 2 (33%)',
      'Strongly agree: 1 (17%)',
    ]);
    // Five comments are too few to show: a handful can be told apart by their style.
    expect(queryAllDeep(element, '.comments li')).to.have.length(0);
    expect(text).to.contain('Fewer than 10 comments: hidden to keep answers anonymous');
    await expect(element).to.be.accessible();
  });

  it('shows comments from ten answers, grouped by a shared word and sorted, never in the order they arrived', async () => {
    const store = await storeWith([...SIX, ...FIVE_MORE]);
    const { element } = await renderLive(store);
    const comments = queryAllDeep(element, '.comments li').map((li) => li.textContent!.trim());
    expect(comments).to.deep.equal([
      'Questions instead of comments',
      'Shorter comments',
      'Marking codes',
      'Time after marking',
      'A checklist',
      'Examples of good work',
      'More time in lessons',
      'Peer feedback',
      'Reading it aloud',
      'Talking it through',
    ]);
    const labels = queryAllDeep(element, '.group-label').map((p) => p.textContent!.trim());
    expect(labels).to.deep.equal(['Mentioning “comments” (2)', 'Mentioning “marking” (2)', 'Other comments (6)']);
    expect(textOf(element)).to.contain('Read out a theme from the comments');
    await expect(element).to.be.accessible();
  });

  it('compares with an earlier survey, with an interval, and suggests what to talk over with the class', async () => {
    const sheets = (knows: number[]) => knows.map((k, i) => ({ surveyId: 'sv-feedback', id: `r${i}`, answers: { 'q-know': k, 'q-often': i % 3 } }));
    const before = studentVoiceEvidence(feedbackSurvey(), sheets([1, 2, 2, 3, 2, 1, 2, 4, 2, 2]), { id: 'ev-0', title: 'Autumn' });
    const after = studentVoiceEvidence(feedbackSurvey(), sheets([4, 5, 4, 4, 5, 4, 4, 5, 4, 3]), { id: 'ev-1' });
    const { element } = await renderWithSession<PlcSurveyResults>(html`<plc-survey-results heading-level="3" .results=${after} .earlier=${{ ...before, title: 'Autumn' }}></plc-survey-results>`, {
      personId: 'p-eli',
    });
    const comparison = queryAllDeep(element, '[part="comparison"]')[0]!;
    const text = textOf(comparison);
    expect(text).to.contain('Change since “Autumn”');
    expect(text).to.contain('Agreeing: 10% before, 90% after (+80 points; 95% interval');
    expect(text).to.contain('A real rise.');
    expect(text).to.contain('It may be chance.', 'the options of the choice question did not move');
    const discussion = textOf(queryAllDeep(element, '[part="discussion"]')[0]!);
    expect(discussion).to.contain('Most agreed that “I know what to do when I get written feedback” (9 of 10)');
    expect(discussion).to.contain('one thing you will change');
    await expect(element).to.be.accessible();
  });

  it('gives every chart a data table behind a toggle, with a caption and header cells', async () => {
    const store = await storeWith(SIX);
    const { element } = await renderLive(store);
    const toggle = button(element, 'Show as a table');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    const table = element.shadowRoot!.getElementById(toggle.getAttribute('aria-controls')!)!;
    expect(table.hidden).to.equal(true);
    await click(toggle);
    await settle(element);
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(table.hidden).to.equal(false);
    expect(table.querySelector('caption')!.textContent!.trim()).to.equal('I know what to do when I get written feedback.');
    expect(table.querySelectorAll('th[scope="col"]')).to.have.length(3);
    expect(table.querySelectorAll('th[scope="row"]')).to.have.length(6);
    expect(tableRows(table)).to.deep.equal([
      ['Strongly disagree', '1', '17%'],
      ['Disagree', '1', '17%'],
      ['Neither agree nor disagree', '1', '17%'],
      ['Agree', '2', '33%'],
      ['Strongly agree', '1', '17%'],
      ['Total', '6', '100%'],
    ]);
    expect(toggle.textContent!.trim()).to.equal('Hide the table');
    await expect(element).to.be.accessible();
  });

  it('shows every table when printed, and hides the toggles', async () => {
    const store = await storeWith(SIX);
    const { element } = await renderLive(store);
    await emulateMedia({ media: 'print' });
    try {
      const wraps = queryAllDeep<HTMLElement>(element, '.table-wrap');
      expect(wraps).to.have.length(2);
      for (const wrap of wraps) expect(getComputedStyle(wrap).display).to.equal('block');
      expect(getComputedStyle(button(element, 'Show as a table')).display).to.equal('none');
    } finally {
      await emulateMedia({ media: 'screen' });
    }
  });

  it('hides everything below 5 responses: "Fewer than 5 responses: hidden to keep answers anonymous"', async () => {
    const store = await storeWith(SIX.slice(0, 4));
    const { element } = await renderLive(store);
    const text = textOf(element);
    expect(text).to.contain('4 responses');
    expect(text).to.contain('Fewer than 5 responses: hidden to keep answers anonymous');
    expect(text).not.to.contain('Questions instead of comments');
    expect(queryAllDeep(element, 'svg[role="img"], table')).to.have.length(0);
    expect(text).to.contain('I know what to do when I get written feedback.');
    await expect(element).to.be.accessible();
  });

  it('hides a single question answered by fewer than 5 even when the survey has enough responses', async () => {
    const sheets = SIX.map((answers, i) => (i < 4 ? answers : { 'q-know': answers['q-know']! }));
    // Only the first four sheets answer the choice and the comment questions.
    const store = await storeWith(sheets);
    const { element } = await renderLive(store);
    const questions = queryAllDeep(element, '[part="question"]');
    expect(questions).to.have.length(3);
    expect(textOf(questions[0]!)).not.to.contain('hidden to keep answers anonymous');
    expect(textOf(questions[1]!)).to.contain('Fewer than 5 responses: hidden to keep answers anonymous');
    expect(textOf(questions[2]!)).to.contain('Fewer than 10 comments: hidden to keep answers anonymous');
    expect(textOf(questions[2]!)).not.to.contain('Shorter comments');
    await expect(element).to.be.accessible();
  });

  it('follows new responses as they arrive', async () => {
    const store = await storeWith(SIX.slice(0, 4));
    const { element } = await renderLive(store);
    expect(textOf(element)).to.contain('Fewer than 5 responses');
    await addResponses(store, 'sv-feedback', [SIX[4]!]);
    await waitFor(() => textOf(element).includes('5 responses') && !textOf(element).includes('Fewer than 5'), 'the fifth response');
    expect(queryAllDeep(element, 'svg[role="img"]')).to.have.length(2);
  });

  it('shows stored results given as a property, suppressing again any group below 5', async () => {
    const payload = studentVoiceEvidence(feedbackSurvey(), SIX.map((answers, i) => ({ surveyId: 'sv-feedback', answers, id: `r${i}` })), { id: 'ev-1' });
    payload.results[0] = { questionId: 'q-know', counts: [1, 0, 1, 1, 0] };
    const { element } = await renderWithSession<PlcSurveyResults>(html`<plc-survey-results heading-level="4" .results=${payload}></plc-survey-results>`, {
      personId: 'p-eli',
    });
    const questions = queryAllDeep(element, '[part="question"]');
    expect(textOf(questions[0]!)).to.contain('Fewer than 5 responses');
    expect(questions[1]!.querySelector('h4')).to.not.equal(null);
    expect(tableRows(questions[1]!)).to.deep.include(['Every time', '3', '50%']);
    await expect(element).to.be.accessible();
  });

  it('keeps live results to the enquiry members, and asks who you are when nobody is signed in', async () => {
    const store = await storeWith(SIX);
    const outsider = await renderLive(store, { personId: 'p-eli' });
    expect(textOf(outsider.element)).to.contain("Student-voice results are for the enquiry's members.");
    expect(queryAllDeep(outsider.element, 'svg[role="img"]')).to.have.length(0);
    await expect(outsider.element).to.be.accessible();
    const nobody = await renderLive(store, { personId: '' });
    expect(textOf(nobody.element)).to.contain('Choose who you are to see these results.');
    await expect(nobody.element).to.be.accessible();
  });

  it('says when there are no responses yet, or no such survey', async () => {
    const store = await storeWith([]);
    const { element } = await renderLive(store);
    expect(textOf(element)).to.contain('No responses yet');
    await expect(element).to.be.accessible();
    const missing = await renderWithSession(html`<plc-survey-results survey-id="sv-nope"></plc-survey-results>`, { store, seed: false });
    expect(textOf(missing.element)).to.contain('This survey could not be found.');
    await expect(missing.element).to.be.accessible();
  });

  it('is accessible in dark mode and fits a 320px phone without sideways scrolling', async () => {
    const store = await storeWith(SIX);
    await setViewport({ width: 320, height: 700 });
    try {
      const { element } = await renderLive(store, { theme: 'dark' });
      await settle(element);
      await click(button(element, 'Show as a table'));
      await settle(element);
      expect(document.documentElement.scrollWidth).to.be.at.most(320);
      await expect(element).to.be.accessible();
    } finally {
      await setViewport({ width: 1280, height: 800 });
    }
  });

  it('switches language at runtime', async () => {
    const store = await storeWith(SIX);
    const { element, provider } = await renderLive(store);
    provider.lang = 'es';
    await provider.updateComplete;
    await waitFor(() => textOf(element).includes('Totalmente de acuerdo'), 'Spanish');
    expect(textOf(element)).to.contain('6 respuestas');
    expect(textOf(element)).to.contain('Ver como tabla');
    provider.lang = 'en-US';
    await provider.updateComplete;
    await waitFor(() => textOf(element).includes('Strongly agree'), 'English');
    provider.lang = 'en-GB';
    await provider.updateComplete;
  });
});
