import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { setViewport } from '@web/test-runner-commands';
import '../../components/plc-survey-builder/index.js';
import type { PlcSurveyBuilder } from '../../components/plc-survey-builder/plc-survey-builder.js';
import {
  button,
  click,
  deepActiveElement,
  field,
  hasButton,
  press,
  queryAllDeep,
  renderWithSession,
  settle,
  tabTo,
  textOf,
  typeInto,
} from '../support/component-harness.js';
import { ENQUIRY, addResponses, evidenceStageEvents, feedbackSurvey, waitFor } from '../support/survey-harness.js';
import type { Survey } from '../../src/schema/directory.js';
import type { Store } from '../../src/store/store.js';
import { StudentVoiceEvidence } from '../../src/schema/evidence.js';
import { createIndexedDbStore } from '../../src/store/indexeddb.js';

type Options = Parameters<typeof renderWithSession>[1];

const render = (options: Options = {}, attrs = html`<plc-survey-builder enquiry-id=${ENQUIRY}></plc-survey-builder>`) =>
  renderWithSession<PlcSurveyBuilder>(attrs, options);

async function surveys(store: Store): Promise<Survey[]> {
  return (await store.list('surveys')).map((s) => s.record).filter((s) => s.enquiryId === ENQUIRY);
}

/** Starts a new survey and adds the first `n` suggestions with real clicks. */
async function startWithSuggestions(element: Element, n: number): Promise<void> {
  await click(button(element, 'Create a new survey'));
  await settle(element);
  for (let i = 0; i < n; i += 1) {
    const add = queryAllDeep<HTMLButtonElement>(element, '.suggestions button')[0]!;
    await click(add);
    await settle(element);
  }
}

describe('plc-survey-builder', () => {
  it('shows the driving question at the top and starter questions drawn from it', async () => {
    const { element } = await render();
    const text = textOf(element);
    expect(text).to.contain('How can we encourage students to engage more actively with written feedback?');
    expect(text).to.contain('No surveys yet');
    await expect(element).to.be.accessible();
    await click(button(element, 'Create a new survey'));
    await settle(element);
    expect(deepActiveElement()).to.equal(field(element, 'Survey title'));
    expect(field(element, 'Survey title').value).to.equal('Student voice: Engaging with written feedback');
    const suggestions = queryAllDeep(element, '.suggestions li').map((li) => textOf(li));
    expect(suggestions[0]).to.contain('Written feedback helps me to learn.');
    expect(suggestions[1]).to.contain('I understand what I am meant to do with written feedback.');
    expect(suggestions[2]).to.contain('How often do you get time in lessons to use written feedback?');
    expect(suggestions[3]).to.contain('What would make written feedback more useful to you?');
    await expect(element).to.be.accessible();
  });

  it('builds a survey from suggestions and typed questions, and saves it as a draft', async () => {
    const { element, store } = await render();
    await startWithSuggestions(element, 2);
    await typeInto(field(element, 'Survey title'), 'Feedback in Year 9');
    await click(button(element, 'Add a question'));
    await settle(element);
    const text3 = queryAllDeep<HTMLInputElement>(element, '#sv-q2-text')[0]!;
    expect(deepActiveElement()).to.equal(text3);
    await typeInto(text3, 'Which lesson do you act on feedback most in?');
    const type = queryAllDeep<HTMLSelectElement>(element, '#sv-q2-type')[0]!;
    type.focus();
    await press('ArrowDown');
    await settle(element);
    expect(type.value).to.equal('choice');
    await typeInto(queryAllDeep<HTMLInputElement>(element, '#sv-q2-o0')[0]!, 'English');
    await typeInto(queryAllDeep<HTMLInputElement>(element, '#sv-q2-o1')[0]!, 'Science');
    await click(button(element, 'Add an option to question 3'));
    await settle(element);
    expect(deepActiveElement()).to.equal(queryAllDeep(element, '#sv-q2-o2')[0]);
    await typeInto(queryAllDeep<HTMLInputElement>(element, '#sv-q2-o2')[0]!, 'Maths');
    await click(button(element, 'Save draft'));
    await settle(element);
    await waitFor(() => textOf(element).includes('Saved'), 'the saved announcement');
    const [saved] = await surveys(store);
    expect(saved!.status).to.equal('draft');
    expect(saved!.title).to.equal('Feedback in Year 9');
    expect(saved!.createdById).to.equal('p-beth');
    expect(saved!.questions.map((q) => [q.type, q.text, q.options])).to.deep.equal([
      ['agree', 'Written feedback helps me to learn.', undefined],
      ['agree', 'I understand what I am meant to do with written feedback.', undefined],
      ['choice', 'Which lesson do you act on feedback most in?', ['English', 'Science', 'Maths']],
    ]);
    // Saving again writes the next version, not a conflict.
    await typeInto(field(element, 'Survey title'), 'Feedback in Year 9 (v2)');
    await click(button(element, 'Save draft'));
    await settle(element);
    const stored = await store.get('surveys', saved!.id);
    expect(stored!.version).to.equal(2);
    expect(stored!.record.title).to.equal('Feedback in Year 9 (v2)');
    await expect(element).to.be.accessible();
  });

  it('explains what is missing and saves nothing until the survey is complete', async () => {
    const { element, store } = await render();
    await click(button(element, 'Create a new survey'));
    await settle(element);
    await typeInto(field(element, 'Survey title'), '');
    await click(button(element, 'Save draft'));
    await settle(element);
    let text = textOf(element);
    expect(text).to.contain('Give the survey a title.');
    expect(text).to.contain('Add at least one question.');
    expect(field(element, 'Survey title').getAttribute('aria-invalid')).to.equal('true');
    await click(button(element, 'Add a question'));
    await settle(element);
    const type = queryAllDeep<HTMLSelectElement>(element, '#sv-q0-type')[0]!;
    type.focus();
    await press('ArrowDown');
    await settle(element);
    await click(button(element, 'Save draft'));
    await settle(element);
    text = textOf(element);
    expect(text).to.contain('Question 1: write the question.');
    expect(text).to.contain('Question 1: give at least 2 options.');
    const input = queryAllDeep<HTMLInputElement>(element, '#sv-q0-text')[0]!;
    expect(input.getAttribute('aria-describedby')).to.equal('sv-q0-text-error');
    expect(await surveys(store)).to.have.length(0);
    await expect(element).to.be.accessible();
  });

  it('moves and removes questions with the keyboard, keeping focus in place', async () => {
    const { element } = await render();
    await startWithSuggestions(element, 3);
    const first = () => queryAllDeep<HTMLInputElement>(element, '#sv-q0-text')[0]!.value;
    expect(first()).to.equal('Written feedback helps me to learn.');
    await tabTo(button(element, 'Move question 1 down'));
    await press('Enter');
    await settle(element);
    expect(first()).to.equal('I understand what I am meant to do with written feedback.');
    expect(deepActiveElement()?.getAttribute('aria-label')).to.equal('Move question 2 down');
    await tabTo(button(element, 'Remove question 1'));
    await press('Enter');
    await settle(element);
    expect(first()).to.equal('Written feedback helps me to learn.');
    expect(queryAllDeep(element, 'ol.questions > li')).to.have.length(2);
  });

  it('stops at 20 questions', async () => {
    const { element } = await render();
    await click(button(element, 'Create a new survey'));
    await settle(element);
    for (let i = 0; i < 20; i += 1) {
      await click(button(element, 'Add a question'));
      await settle(element, 1);
    }
    expect(queryAllDeep(element, 'ol.questions > li')).to.have.length(20);
    expect(button(element, 'Add a question').disabled).to.equal(true);
    expect(textOf(element)).to.contain('A survey can have up to 20 questions.');
    expect(queryAllDeep(element, '.suggestions')).to.have.length(0);
  });

  it('keeps the questions typed when a colleague saved the survey first, and takes theirs on "Take theirs"', async () => {
    const { element, store } = await render();
    await store.put('surveys', feedbackSurvey({ status: 'draft' }), 0);
    await settle(element);
    await click(button(element, `Edit: ${feedbackSurvey().title}`));
    await settle(element);
    await typeInto(field(element, 'Survey title'), 'My title');
    // A colleague saves the same draft with another title.
    const theirs = (await store.get('surveys', 'sv-feedback'))!;
    await store.put('surveys', { ...theirs.record, title: 'Their title' }, theirs.version);
    await click(button(element, 'Save draft'));
    await waitFor(() => textOf(element).includes('Someone else saved this while you were editing it.'), 'the conflict');
    expect(deepActiveElement()?.id).to.equal('sv-conflict');
    expect(textOf(element)).to.contain('Survey title Yours My title Theirs Their title Use theirs for “Survey title”');
    expect(field<HTMLInputElement>(element, 'Survey title').value).to.equal('My title');
    expect((await surveys(store))[0]!.title).to.equal('Their title');
    await expect(element).to.be.accessible();
    await click(button(element, 'Take theirs (discard mine)'));
    await settle(element);
    expect(field<HTMLInputElement>(element, 'Survey title').value).to.equal('Their title');
    expect(textOf(element)).not.to.contain('Someone else saved');
  });

  it('opens a survey with a link and a snippet for a class page, then closes it', async () => {
    const { element, store } = await render();
    await startWithSuggestions(element, 2);
    await click(button(element, 'Save and open for answers'));
    await settle(element);
    const [open] = await surveys(store);
    expect(open!.status).to.equal('open');
    expect(open!.lang).to.equal('en-GB', 'students answer in the language the teacher wrote it in');
    const link = field(element, 'Link for a class page on this site');
    expect(new URL(link.value).searchParams.get('survey')).to.equal(open!.id);
    const snippet = field<HTMLTextAreaElement>(element, 'To place the survey on a class page');
    expect(snippet.value).to.equal(`<plc-survey-response survey-id="${open!.id}"></plc-survey-response>`);
    expect(textOf(element)).to.contain('answers stay on this device');
    expect(hasButton(element, 'Answer on this device (kiosk mode)')).to.equal(true);
    expect(textOf(element)).to.contain('0 responses');
    expect(textOf(element)).to.contain('once 5 students have answered');
    await expect(element).to.be.accessible();
    await click(button(element, 'Close the survey'));
    await settle(element);
    await waitFor(() => hasButton(element, 'Reopen the survey'), 'the reopen button');
    expect((await surveys(store))[0]!.status).to.equal('closed');
    expect(queryAllDeep(element, '#sv-link')).to.have.length(0);
  });

  /** Kiosk mode as a tablet runs it, on the given store: two students, one after the other. */
  async function kiosk(given?: Store): Promise<void> {
    const { element, store } = await render(given ? { store: given } : {});
    await store.put('surveys', feedbackSurvey(), 0);
    await waitFor(() => hasButton(element, 'Results and sharing: How you use written feedback'), 'the survey in the list');
    await click(button(element, 'Results and sharing: How you use written feedback'));
    await waitFor(() => hasButton(element, 'Answer on this device (kiosk mode)'), 'the kiosk button');
    await click(button(element, 'Answer on this device (kiosk mode)'));
    await settle(element);
    const form = queryAllDeep<HTMLElement>(element, 'plc-survey-response')[0]!;
    expect(form.hasAttribute('kiosk')).to.equal(true);
    for (const [n, comment] of [[1, 'SECRET-ONE more examples'], [2, 'SECRET-TWO time in lessons']] as const) {
      await waitFor(() => queryAllDeep(form, 'textarea').length === 1, 'the form');
      const radios = queryAllDeep<HTMLInputElement>(form, 'input[type="radio"]');
      await click(radios[3]!);
      await typeInto(queryAllDeep<HTMLTextAreaElement>(form, 'textarea')[0]!, comment);
      await click(button(form, 'Send my answers'));
      await waitFor(() => textOf(form).includes('pass the tablet to the next student'), 'the thank-you');
      expect(textOf(form)).to.contain(`Answers on this device so far: ${n}`);
      expect(textOf(form)).not.to.contain(comment);
      await expect(form).to.be.accessible();
      await click(button(form, 'Next student'));
      await settle(form);
      expect(textOf(form)).not.to.contain('SECRET');
      expect(queryAllDeep<HTMLTextAreaElement>(form, 'textarea')[0]!.value).to.equal('');
      expect(queryAllDeep<HTMLInputElement>(form, 'input[type="radio"]').some((r) => r.checked)).to.equal(false);
    }
    const stored = (await store.list('surveyResponses')).map((r) => r.record).filter((r) => r.surveyId === 'sv-feedback');
    expect(stored).to.have.length(2);
    expect(stored.map((r) => r.answers['q-help']).sort()).to.deep.equal(['SECRET-ONE more examples', 'SECRET-TWO time in lessons']);
    await click(button(element, 'End kiosk mode (teacher)'));
    await settle(element);
    expect(textOf(element)).to.contain('2 responses');
  }

  it('runs a kiosk on this device: students answer one after another, and nothing of an answer stays on screen', () => kiosk());

  it('runs the kiosk on IndexedDB, the embedded default, the same way', async () => {
    const name = `plc-kiosk-${Math.random().toString(36).slice(2)}`;
    const store = await createIndexedDbStore({ name });
    try {
      await kiosk(store);
    } finally {
      await store.close();
      indexedDB.deleteDatabase(name);
    }
  });

  it('follows responses as they arrive and adds the aggregated results as evidence in the evidence stage', async () => {
    const { element, store } = await render({ events: evidenceStageEvents() });
    await store.put('surveys', feedbackSurvey(), 0);
    await settle(element);
    await click(button(element, 'Results and sharing: How you use written feedback'));
    await settle(element);
    expect(hasButton(element, 'Add results as evidence')).to.equal(false);
    await addResponses(store, 'sv-feedback', [
      { 'q-know': 5, 'q-often': 0, 'q-help': 'More examples' },
      { 'q-know': 4, 'q-often': 0, 'q-help': 'Time in lessons' },
      { 'q-know': 4, 'q-often': 1, 'q-help': 'Questions' },
      { 'q-know': 2, 'q-often': 2, 'q-help': 'Shorter comments' },
      { 'q-know': 3, 'q-often': 1, 'q-help': 'Talking it through' },
    ]);
    await waitFor(() => hasButton(element, 'Add results as evidence'), 'the add-as-evidence button');
    expect(textOf(element)).to.contain('5 responses');
    await click(button(element, 'Add results as evidence'));
    await settle(element);
    await waitFor(() => textOf(element).includes('These results are on the evidence board.'), 'the added notice');
    const added = (await store.readLog(ENQUIRY)).filter((e) => e.type === 'evidence.add');
    expect(added).to.have.length(1);
    const payload = added[0]!.payload;
    expect(added[0]!.authorId).to.equal('p-beth');
    expect(StudentVoiceEvidence.safeParse(payload).success).to.equal(true);
    expect(payload['kind']).to.equal('student-voice');
    expect(payload['surveyId']).to.equal('sv-feedback');
    expect(payload['responseCount']).to.equal(5);
    expect(payload['results']).to.deep.equal([
      { questionId: 'q-know', counts: [0, 1, 1, 2, 1] },
      { questionId: 'q-often', counts: [2, 2, 1] },
      { questionId: 'q-help', counts: [] },
    ]);
    const ids = (await store.list('surveyResponses')).map((r) => r.record.id);
    for (const id of ids) expect(JSON.stringify(payload)).not.to.contain(id);
    await expect(element).to.be.accessible();
  });

  it('explains why results cannot be added before the evidence stage', async () => {
    const { element, store } = await render();
    await store.put('surveys', feedbackSurvey({ status: 'closed' }), 0);
    await settle(element);
    await click(button(element, 'Results and sharing: How you use written feedback'));
    await settle(element);
    const text = textOf(element);
    expect(text).to.contain('The results cannot be added as evidence yet:');
    expect(text).to.contain('This cannot be done at the Observation stage.');
    expect(text).to.contain('Fewer than 5 students answered');
    expect(hasButton(element, 'Add results as evidence')).to.equal(false);
    await expect(element).to.be.accessible();
  });

  it('shows non-members the surveys without the means to change them, and asks who you are when nobody is signed in', async () => {
    const outsider = await render({ personId: 'p-eli' });
    expect(textOf(outsider.element)).to.contain("Only the enquiry's members can create or change its surveys.");
    expect(hasButton(outsider.element, 'Create a new survey')).to.equal(false);
    await expect(outsider.element).to.be.accessible();
    const nobody = await render({ personId: '' });
    expect(textOf(nobody.element)).to.contain('Choose who you are to create and manage surveys.');
    await expect(nobody.element).to.be.accessible();
    const missing = await render({}, html`<plc-survey-builder enquiry-id="enq-nope"></plc-survey-builder>`);
    expect(textOf(missing.element)).to.contain('This enquiry could not be found.');
  });

  it('is accessible in dark mode, and fits 320px while editing', async () => {
    await setViewport({ width: 320, height: 700 });
    try {
      const { element } = await render({ theme: 'dark' });
      await startWithSuggestions(element, 3);
      expect(document.documentElement.scrollWidth).to.be.at.most(320);
      await expect(element).to.be.accessible();
    } finally {
      await setViewport({ width: 1280, height: 800 });
    }
  });

  it('switches language at runtime', async () => {
    const { element, provider } = await render();
    await click(button(element, 'Create a new survey'));
    await settle(element);
    provider.lang = 'es';
    await provider.updateComplete;
    await waitFor(() => textOf(element).includes('Preguntas sugeridas'), 'Spanish');
    expect(textOf(element)).to.contain('Guardar borrador');
    provider.lang = 'en-US';
    await provider.updateComplete;
    await waitFor(() => textOf(element).includes('Suggested questions'), 'English');
    provider.lang = 'en-GB';
    await provider.updateComplete;
  });
});
