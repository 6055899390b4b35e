import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { setViewport } from '@web/test-runner-commands';
import '../../components/plc-survey-response/index.js';
import '../../components/plc-survey-results/index.js';
import type { PlcSurveyResponse } from '../../components/plc-survey-response/plc-survey-response.js';
import { button, click, field, press, queryAllDeep, renderWithSession, settle, tabTo, textOf, typeInto, deepActiveElement } from '../support/component-harness.js';
import { feedbackSurvey, questionFieldsets, radio, tableRows, waitFor } from '../support/survey-harness.js';
import { createMemoryStore } from '../../src/store/memory.js';
import { seedDemo } from '../../examples/demo/seed.js';
import type { Store } from '../../src/store/store.js';
import type { Survey } from '../../src/schema/directory.js';

/** A seeded store with the feedback survey in it. */
async function storeWith(survey: Survey = feedbackSurvey()): Promise<Store> {
  const store = createMemoryStore();
  await seedDemo(store);
  await store.put('surveys', survey, 0);
  return store;
}

/** Renders the form for a student: nobody signed in. */
/** The store's student answer sheets: the demo school also holds its staff feedback sheets (surveys `staff-…`) in the same collection. */
async function studentSheets(store: Store) {
  return (await store.list('surveyResponses')).filter((r) => !r.record.surveyId.startsWith('staff-'));
}

async function renderForm(store: Store, surveyId = 'sv-feedback', options: { theme?: 'light' | 'dark'; lang?: string } = {}) {
  return renderWithSession<PlcSurveyResponse>(html`<plc-survey-response survey-id=${surveyId}></plc-survey-response>`, {
    store,
    seed: false,
    personId: '',
    ...options,
  });
}

/** Answers the three questions with real clicks and typing, then sends. */
async function answerAndSend(element: Element, agree: string, often: string, comment: string): Promise<void> {
  const [agreeSet, oftenSet] = questionFieldsets(element);
  await click(radio(agreeSet!, agree));
  await click(radio(oftenSet!, often));
  if (comment) await typeInto(field(element, /What would make feedback more useful/), comment);
  await click(button(element, 'Send my answers'));
  await settle(element);
  await waitFor(() => textOf(element).includes('Thank you!'), 'the thank-you message');
}

describe('plc-survey-response', () => {
  it('shows an anonymous form to a student with nobody signed in, stating plainly that no name is recorded', async () => {
    const store = await storeWith();
    const { element, provider } = await renderForm(store);
    expect(provider.session?.person).to.equal(undefined);
    const text = textOf(element);
    expect(text).to.contain('How you use written feedback');
    expect(text).to.contain('Your answers are anonymous: no name or account is recorded');
    expect(queryAllDeep(element, 'input[type="text"], input[type="email"], input[name*="name" i]')).to.have.length(0);
    const [agreeSet, oftenSet] = questionFieldsets(element);
    expect(agreeSet!.querySelector('legend')!.textContent).to.contain('I know what to do when I get written feedback.');
    expect(queryAllDeep(agreeSet!, 'input[type="radio"]')).to.have.length(5);
    expect(queryAllDeep(oftenSet!, 'input[type="radio"]')).to.have.length(3);
    const comment = field<HTMLTextAreaElement>(element, /What would make feedback more useful/);
    const hint = element.shadowRoot!.getElementById(comment.getAttribute('aria-describedby')!)!;
    expect(hint.textContent).to.contain('Please do not write names');
    const target = radio(agreeSet!, 'Agree').closest('label')!.getBoundingClientRect();
    expect(target.height).to.be.at.least(44);
    await expect(element).to.be.accessible();
  });

  it('stores only the answers, with real clicks and typing, then thanks the student', async () => {
    const store = await storeWith();
    const { element } = await renderForm(store);
    await answerAndSend(element, 'Strongly agree', 'Sometimes', 'Questions instead of comments');
    const saved = (await studentSheets(store)).map((r) => r.record);
    expect(saved).to.have.length(1);
    const [response] = saved;
    expect(Object.keys(response!).sort()).to.deep.equal(['answers', 'id', 'schemaVersion', 'surveyId']);
    expect(response!.surveyId).to.equal('sv-feedback');
    expect(response!.answers).to.deep.equal({ 'q-know': 5, 'q-often': 1, 'q-help': 'Questions instead of comments' });
    expect(textOf(element)).to.contain('No name or account was recorded');
    expect(deepActiveElement()?.textContent).to.contain('Thank you!');
    await expect(element).to.be.accessible();
  });

  it('lets a shared class device take the next student, and 5 answer sheets make the results appear', async () => {
    const store = await storeWith();
    const { element } = await renderForm(store);
    const answers: Array<[string, string, string]> = [
      ['Strongly agree', 'Every time', 'Questions instead of comments'],
      ['Agree', 'Every time', 'More time in lessons'],
      ['Agree', 'Sometimes', 'Examples of good work'],
      ['Disagree', 'Never', 'Shorter comments'],
      ['Neither agree nor disagree', 'Sometimes', 'Talking it through'],
    ];
    for (const [i, [agree, often, comment]] of answers.entries()) {
      await answerAndSend(element, agree, often, comment);
      expect((await studentSheets(store)).length).to.equal(i + 1);
      await click(button(element, 'Start a new response for the next person'));
      await settle(element);
      expect(queryAllDeep<HTMLInputElement>(element, 'input[type="radio"]').some((r) => r.checked)).to.equal(false);
    }
    // A member of the enquiry looks at the results on another page.
    const { element: results } = await renderWithSession(html`<plc-survey-results survey-id="sv-feedback"></plc-survey-results>`, {
      store,
      seed: false,
      personId: 'p-beth',
    });
    const text = textOf(results);
    expect(text).to.contain('5 responses');
    expect(text).not.to.contain('Fewer than 5 responses');
    const rows = tableRows(results);
    expect(rows).to.deep.include(['Strongly agree', '1', '20%']);
    expect(rows).to.deep.include(['Agree', '2', '40%']);
    expect(rows).to.deep.include(['Every time', '2', '40%']);
    expect(text).not.to.contain('Talking it through');
    expect(text).to.contain('Fewer than 10 comments: hidden to keep answers anonymous');
    const charts = queryAllDeep<SVGElement>(results, 'svg[role="img"]');
    expect(charts).to.have.length(2);
    expect(charts[0]!.getAttribute('aria-label')).to.contain('3 of 5 agree');
    await expect(results).to.be.accessible();
  });

  it('keeps the results hidden below 5 answer sheets', async () => {
    const store = await storeWith();
    const { element } = await renderForm(store);
    for (let i = 0; i < 4; i += 1) {
      await answerAndSend(element, 'Agree', 'Sometimes', '');
      await click(button(element, 'Start a new response for the next person'));
      await settle(element);
    }
    const { element: results } = await renderWithSession(html`<plc-survey-results survey-id="sv-feedback"></plc-survey-results>`, {
      store,
      seed: false,
      personId: 'p-beth',
    });
    const text = textOf(results);
    expect(text).to.contain('4 responses');
    expect(text).to.contain('Fewer than 5 responses: hidden to keep answers anonymous');
    expect(queryAllDeep(results, 'svg[role="img"]')).to.have.length(0);
    expect(queryAllDeep(results, 'table')).to.have.length(0);
  });

  it('can be answered with the keyboard alone: arrow keys move through the scale, Enter sends', async () => {
    const store = await storeWith();
    const { element } = await renderForm(store);
    const [agreeSet] = questionFieldsets(element);
    await tabTo(radio(agreeSet!, 'Strongly disagree'));
    await press('Space');
    await press('ArrowRight');
    await press('ArrowRight');
    await settle(element);
    expect(radio(agreeSet!, 'Neither agree nor disagree').checked).to.equal(true);
    await tabTo(field(element, /What would make feedback more useful/));
    await typeInto(field(element, /What would make feedback more useful/), 'Clearer handwriting');
    await tabTo(button(element, 'Send my answers'));
    await press('Enter');
    await settle(element);
    await waitFor(() => textOf(element).includes('Thank you!'), 'the thank-you message');
    const [response] = (await studentSheets(store)).map((r) => r.record);
    expect(response!.answers).to.deep.equal({ 'q-know': 3, 'q-help': 'Clearer handwriting' });
  });

  it('lets a student clear an answer and refuses an empty sheet', async () => {
    const store = await storeWith();
    const { element } = await renderForm(store);
    const [agreeSet] = questionFieldsets(element);
    await click(radio(agreeSet!, 'Agree'));
    await settle(element);
    await click(button(element, 'Clear my answer to question 1'));
    await settle(element);
    expect(radio(agreeSet!, 'Agree').checked).to.equal(false);
    await click(button(element, 'Send my answers'));
    await settle(element);
    expect(textOf(element)).to.contain('Answer at least one question before sending.');
    expect(await studentSheets(store)).to.have.length(0);
    await expect(element).to.be.accessible();
  });

  it('says when a survey is not open yet, closed, or unknown, and saves nothing', async () => {
    const store = await storeWith(feedbackSurvey({ status: 'draft' }));
    await store.put('surveys', feedbackSurvey({ id: 'sv-closed', status: 'closed' }), 0);
    const draft = await renderForm(store);
    expect(textOf(draft.element)).to.contain('This survey is not open yet');
    expect(queryAllDeep(draft.element, 'form')).to.have.length(0);
    await expect(draft.element).to.be.accessible();
    const closed = await renderForm(store, 'sv-closed');
    expect(textOf(closed.element)).to.contain('This survey has closed');
    await expect(closed.element).to.be.accessible();
    const unknown = await renderForm(store, 'sv-nope');
    expect(textOf(unknown.element)).to.contain('This survey could not be found');
    await expect(unknown.element).to.be.accessible();
  });

  it('turns into the closed message when the teacher closes the survey while a student is answering', async () => {
    const store = await storeWith();
    const { element } = await renderForm(store);
    const [agreeSet] = questionFieldsets(element);
    await click(radio(agreeSet!, 'Agree'));
    const stored = await store.get('surveys', 'sv-feedback');
    await store.put('surveys', { ...stored!.record, status: 'closed' }, stored!.version);
    await waitFor(() => textOf(element).includes('This survey has closed'), 'the closed message');
    expect(queryAllDeep(element, 'form')).to.have.length(0);
    expect(await studentSheets(store)).to.have.length(0);
  });

  it('reads the survey from the page address when survey-id is not set', async () => {
    const store = await storeWith();
    const before = window.location.href;
    history.replaceState(null, '', `${window.location.pathname}?survey=sv-feedback`);
    try {
      const { element } = await renderWithSession(html`<plc-survey-response></plc-survey-response>`, { store, seed: false, personId: '' });
      expect(textOf(element)).to.contain('How you use written feedback');
    } finally {
      history.replaceState(null, '', before);
    }
    const { element: none } = await renderWithSession(html`<plc-survey-response></plc-survey-response>`, { store, seed: false, personId: '' });
    expect(textOf(none)).to.contain('This page has no survey link');
  });

  it('is accessible in dark mode and on a phone, with no sideways scrolling', async () => {
    const store = await storeWith();
    await setViewport({ width: 320, height: 640 });
    try {
      const { element } = await renderForm(store, 'sv-feedback', { theme: 'dark' });
      await expect(element).to.be.accessible();
      expect(document.documentElement.scrollWidth).to.be.at.most(320);
      const [agreeSet] = questionFieldsets(element);
      await click(radio(agreeSet!, 'Agree'));
      await click(button(element, 'Send my answers'));
      await waitFor(() => textOf(element).includes('Thank you!'), 'the thank-you message');
      await expect(element).to.be.accessible();
    } finally {
      await setViewport({ width: 1280, height: 800 });
    }
  });

  it('switches language at runtime', async () => {
    const store = await storeWith();
    const { element, provider } = await renderForm(store);
    provider.lang = 'es';
    await provider.updateComplete;
    await waitFor(() => textOf(element).includes('Tus respuestas son anónimas'), 'Spanish');
    expect(textOf(element)).to.contain('Totalmente de acuerdo');
    provider.lang = 'en-US';
    await provider.updateComplete;
    await waitFor(() => textOf(element).includes('Your answers are anonymous'), 'English');
    provider.lang = 'en-GB';
    await provider.updateComplete;
  });
});
