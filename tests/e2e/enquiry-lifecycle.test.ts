/**
 * One enquiry from creation to a published outcome, through the UI only: real clicks, typing and
 * key presses in `<plc-app>` (and a student's anonymous survey form on "another page"), stored in
 * IndexedDB, then read back by a fresh provider on the same database to check it survives a reload.
 */
import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import '../../components/define.js';
import type { PlcApp } from '../../components/plc-app/plc-app.js';
import type { PlcProvider } from '../../components/plc-provider/plc-provider.js';
import { button, click, field, queryAllDeep, queryDeep, settle, textOf, typeInto } from '../support/component-harness.js';
import { chooseOption, waitFor, waitForElement, waitForText } from '../support/app-harness.js';

/** The current stage's entry in the stepper ('' while the enquiry loads). */
const stageNow = (root: Element) => {
  const step = queryAllDeep(root, 'plc-enquiry')[0]?.shadowRoot?.querySelector('li.step[aria-current="step"]');
  return step ? textOf(step) : '';
};
const stageHeading = (root: Element) => queryDeep(root, 'plc-enquiry').shadowRoot!.querySelector<HTMLElement>('#stage-heading')!;

/** Waits until the enquiry's current stage is `label` (as the stepper names it). */
async function waitForStage(root: Element, label: string, timeout = 6000): Promise<void> {
  try {
    await waitFor(() => stageNow(root).includes(label), timeout, `stage ${label}`);
  } catch {
    throw new Error(`Stage never became ${label}; the stepper says: ${stageNow(root)}`);
  }
}

/** Clicks a button once it is there (elements render after their own loads). */
async function clickWhenReady(root: Element, name: string | RegExp, timeout = 6000): Promise<void> {
  await waitFor(() => queryAllDeep<HTMLButtonElement>(root, 'button').some((b) => (typeof name === 'string' ? b.textContent?.trim() === name : name.test(b.textContent?.trim() ?? ''))), timeout, `button ${String(name)}`);
  const target = queryAllDeep<HTMLButtonElement>(root, 'button').find((b) => (typeof name === 'string' ? b.textContent?.trim() === name : name.test(b.textContent?.trim() ?? '')))!;
  await click(target);
}

/** One student answers every question of the survey on a class device, then hands it on. */
async function answerSurvey(form: Element, sheet: number): Promise<void> {
  const fieldsets = queryAllDeep<HTMLFieldSetElement>(form, 'fieldset');
  for (const fieldset of fieldsets) {
    const radios = queryAllDeep<HTMLInputElement>(fieldset, 'input[type="radio"]');
    if (radios.length > 0) await click(radios[(sheet * 2 + 1) % radios.length]!);
  }
  for (const text of queryAllDeep<HTMLTextAreaElement>(form, 'textarea')) await typeInto(text, `Idea ${sheet + 1}`);
  await click(button(form, 'Send my answers'));
  await waitForText(form, 'Thank you!');
  await click(button(form, 'Start a new response for the next person'));
  await settle(form);
}

describe('an enquiry from creation to a published outcome, through the UI', () => {
  const database = `e2e-${Math.random().toString(36).slice(2, 10)}`;

  after(() => {
    localStorage.removeItem(`plc-kit-demo:${database}`);
    indexedDB.deleteDatabase(database);
  });

  it('creates, chooses a theme, writes and approves the question, observes, gathers evidence, shares, publishes, and survives a reload', async function () {
    this.timeout(120_000);
    const app = await fixture<PlcApp>(html`<plc-app demo storage="indexeddb" database-name=${database} person-id="p-beth" routing="none" lang="en-GB"></plc-app>`);
    await app.ready;
    await waitForText(app, 'Engaging with written feedback', 10_000);

    // 1. Beth starts an individual project, supported by Amir's community, and leaves the theme for later.
    await click(button(app, 'Start a new enquiry'));
    await waitForElement(app, 'form[part="form"]');
    await click(field(app, 'Individual project'));
    await settle(queryDeep(app, 'plc-my-enquiries'));
    await chooseOption(field<HTMLSelectElement>(app, 'Supporting community'), 'Feedback that moves learning');
    await typeInto(field(app, 'Title'), 'Questions in the margin');
    await click(button(app, 'Start the enquiry'));
    await waitForElement(app, 'plc-enquiry');
    await waitForStage(app, 'Theme');

    // 2. Theme.
    await click(field(app, 'Assessment for learning'));
    await click(button(app, 'Choose this theme'));
    await waitForStage(app, 'Driving question');
    expect(document.activeElement === app && app.shadowRoot!.activeElement?.localName === 'plc-enquiry').to.equal(true);

    // 3. The driving question: write it, save, submit for review.
    const editor = await waitForElement(app, 'plc-question-editor');
    await waitFor(() => queryAllDeep(editor, 'textarea, input').length > 0, 6000, 'the question editor form');
    await typeInto(field(editor, 'The question'), 'How can margin questions help Year 9 students act on written feedback?');
    await click(button(editor, 'Add a success criterion'));
    await settle(editor);
    await typeInto(field(editor, 'Success criterion 1'), 'Most students answer the margin questions in their books');
    await click(button(editor, 'Save draft'));
    await waitForText(editor, 'Draft saved');
    await click(button(editor, 'Submit for review'));
    await waitForText(app, 'Waiting for the lead to approve the driving question.');

    // 4. Amir, the community's lead, approves it.
    await chooseOption(field<HTMLSelectElement>(app, 'Signed in as'), 'Amir Khan');
    await clickWhenReady(app, 'Approve the question');
    await waitForStage(app, 'Observation');
    await chooseOption(field<HTMLSelectElement>(app, 'Signed in as'), 'Beth Evans');

    // 5. Observation: Beth records one, then starts gathering evidence.
    const form = await waitForElement(app, 'plc-observation-form');
    await waitFor(() => queryAllDeep(form, 'select').length > 0, 6000, 'the observation form');
    await chooseOption(field<HTMLSelectElement>(form, 'Colleague observed'), 'Chen Li');
    await typeInto(field(form, 'Class'), '9X2 science');
    await typeInto(field(form, 'Strengths'), 'Students answered the questions before starting new work.');
    await click(button(form, 'Save observation'));
    await waitForText(app, 'Beth Evans recorded an observation of Chen Li');
    await clickWhenReady(app, 'Start gathering evidence');
    await waitForStage(app, 'Evidence');

    // 6. Evidence: a student-voice survey, answered anonymously by five students on a class page...
    const board = await waitForElement(app, 'plc-evidence-board');
    await clickWhenReady(board, 'Create a student-voice survey');
    const builder = await waitForElement(board, 'plc-survey-builder');
    await clickWhenReady(builder, 'Create a new survey');
    for (let i = 0; i < 2; i += 1) {
      await waitFor(() => queryAllDeep(builder, '.suggestions button').length > 0, 4000, 'a suggested question');
      await click(queryAllDeep<HTMLButtonElement>(builder, '.suggestions button')[0]!);
      await settle(builder);
    }
    await click(button(builder, 'Save and open for answers'));
    const link = await waitFor(() => queryAllDeep(builder, 'input, textarea').some((f) => /survey=/.test((f as HTMLInputElement).value)), 6000, 'the survey link').then(
      () => queryAllDeep<HTMLInputElement>(builder, 'input, textarea').find((f) => /survey=/.test(f.value))!.value,
    );
    const surveyId = new URL(link).searchParams.get('survey')!;
    const classPage = await fixture<PlcProvider>(html`<plc-provider storage="indexeddb" database-name=${database}>
      <plc-survey-response survey-id=${surveyId}></plc-survey-response>
    </plc-provider>`);
    await classPage.ready;
    const response = classPage.querySelector('plc-survey-response')!;
    await waitFor(() => hasText(response, 'Send my answers'), 6000, 'the response form');
    for (let sheet = 0; sheet < 5; sheet += 1) await answerSurvey(response, sheet);
    await clickWhenReady(builder, 'Add results as evidence', 10_000);
    await waitForText(builder, 'These results are on the evidence board.');

    // ...and a note from a book look.
    await clickWhenReady(board, 'Note');
    await typeInto(field(board, 'Title'), 'Book look, Year 9');
    await typeInto(field(board, 'Note'), 'Most books show answers to the margin questions.');
    await click(button(board, 'Add to the evidence'));
    await waitForText(app, 'Beth Evans added evidence: Note, “Book look, Year 9”');

    // 7. Sharing: reflection and outcome, then publish.
    await clickWhenReady(app, 'Move to sharing');
    await waitForStage(app, 'Sharing');
    const outcome = await waitForElement(app, 'plc-outcome-editor');
    await waitFor(() => queryAllDeep(outcome, 'textarea').length > 0, 6000, 'the outcome editor');
    await typeInto(field(outcome, 'What worked'), 'Margin questions got a written answer from most students.');
    await typeInto(field(outcome, 'What did not'), 'Some questions were too open for weaker readers.');
    await click(button(outcome, 'Save reflection'));
    await waitForText(outcome, 'Reflection saved.');
    await typeInto(field(outcome, 'Summary for colleagues'), 'Write feedback as one question in the margin and give ten minutes to answer it.');
    await click(field(outcome, "The cycle's booklet"));
    await click(button(outcome, 'Publish'));
    await waitForStage(app, 'Shared');
    await waitForText(app, 'Beth Evans published the outcome');

    const enquiryId = queryDeep(app, 'plc-enquiry').getAttribute('enquiry-id')!;
    const history = textOf(queryDeep(app, 'plc-enquiry').shadowRoot!.querySelector('.history')!);
    for (const line of [
      'Beth Evans started the enquiry “Questions in the margin”',
      'Beth Evans chose the theme Assessment for learning',
      'Beth Evans submitted the driving question',
      'Amir Khan approved the driving question',
      'Beth Evans started gathering evidence',
      'Beth Evans added evidence: Student voice survey',
      'Beth Evans moved the enquiry to sharing',
    ]) {
      expect(history).to.contain(line);
    }
    expect(queryDeep(app, 'plc-enquiry').shadowRoot!.querySelectorAll('.timeline li.refused')).to.have.length(0);

    // 8. A reload: a fresh provider on the same IndexedDB database shows the enquiry shared.
    app.remove();
    classPage.remove();
    const reloaded = await fixture<PlcProvider>(html`<plc-provider storage="indexeddb" database-name=${database} person-id="p-beth">
      <plc-enquiry enquiry-id=${enquiryId}></plc-enquiry>
    </plc-provider>`);
    await reloaded.ready;
    await waitForStage(reloaded, 'Shared');
    expect(textOf(queryDeep(reloaded, 'plc-enquiry'))).to.contain('Questions in the margin');
    expect(textOf(queryDeep(reloaded, 'plc-enquiry'))).to.contain('The outcome is published for colleagues.');
    expect(stageHeading(reloaded).textContent).to.contain('Shared');
  });
});

function hasText(element: Element, text: string): boolean {
  return textOf(element).includes(text);
}
