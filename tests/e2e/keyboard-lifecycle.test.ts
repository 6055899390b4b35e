/**
 * The whole lifecycle with the keyboard alone, in `<plc-app>`: an individual project from its
 * creation to a published outcome (theme, driving question, the lead's approval, an observation,
 * a student-voice survey and a note as evidence, reflection and outcome), every control reached
 * with Tab, Shift+Tab and the arrow keys and pressed with Enter or Space; no clicks. Only the
 * students' answers are stored directly: answering as a student is keyboard-journeys.test.ts's.
 */
import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/define.js';
import type { PlcApp } from '../../components/plc-app/plc-app.js';
import type { PlcProvider } from '../../components/plc-provider/plc-provider.js';
import { button, deepActiveElement, field, press, queryAllDeep, queryDeep, tabTo } from '../support/component-harness.js';
import { shiftTabTo, waitFor, waitForElement, waitForText } from '../support/app-harness.js';
import { addResponses } from '../support/survey-harness.js';

/** Moves focus to `target` with Tab, or with Shift+Tab when it is behind. */
async function reach(target: Element): Promise<void> {
  if (deepActiveElement() === target) return;
  try {
    await tabTo(target, 80);
  } catch {
    await shiftTabTo(target, 120);
  }
}

/** Reaches `target` and presses `key` on it. */
async function pressOn(target: Element, key = 'Enter'): Promise<void> {
  await reach(target);
  await press(key);
}

/** Reaches an empty field and types into it. */
async function fill(target: Element, text: string): Promise<void> {
  await reach(target);
  await sendKeys({ type: text });
}

/** Reaches a radio group and moves through it with the arrow keys until `target` is checked. */
async function chooseRadio(target: HTMLInputElement): Promise<void> {
  const root = target.getRootNode() as ShadowRoot;
  const group = [...root.querySelectorAll<HTMLInputElement>(`input[type="radio"][name="${target.name}"]`)];
  await reach(group.find((r) => r.checked) ?? group[0]!);
  for (let i = 0; i < group.length + 1 && !target.checked; i += 1) await press('ArrowDown');
  if (!target.checked) throw new Error(`Could not choose ${target.value} with the arrow keys`);
}

/** Reaches a select and moves with the arrow keys to the option starting with `label`. */
async function chooseWithKeys(select: HTMLSelectElement, label: string): Promise<void> {
  await reach(select);
  const index = [...select.options].findIndex((o) => o.text.trim().startsWith(label));
  if (index < 0) throw new Error(`No option ${label}`);
  for (let i = 0; i < select.options.length + 1 && select.selectedIndex !== index; i += 1) await press(select.selectedIndex < index ? 'ArrowDown' : 'ArrowUp');
}

const stageNow = (app: Element) => {
  const step = queryAllDeep(app, 'plc-enquiry')[0]?.shadowRoot?.querySelector('li.step[aria-current="step"]');
  return step?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
};
const waitForStage = (app: Element, label: string) => waitFor(() => stageNow(app).includes(label), 8000, `stage ${label} (now ${stageNow(app)})`);
/** The button named `name` once it is there. */
async function buttonWhenReady(root: Element, name: string | RegExp): Promise<HTMLButtonElement> {
  let found: HTMLButtonElement | undefined;
  await waitFor(() => {
    try {
      found = button(root, name);
      return !found.disabled && found.getAttribute('aria-disabled') !== 'true';
    } catch {
      return false;
    }
  }, 8000, `button ${String(name)}`);
  return found!;
}

describe('the whole lifecycle with the keyboard alone [2.1.1, 2.1.2, 2.4.3]', () => {
  it('an individual project from creation to a published outcome, no clicks', async function () {
    this.timeout(180_000);
    const app = await fixture<PlcApp>(html`<plc-app demo storage="memory" person-id="p-beth" routing="none" lang="en-GB"></plc-app>`);
    await app.ready;
    await waitForText(app, 'Engaging with written feedback', 10_000);

    // 1. Start it: an individual project supported by Amir's community.
    await pressOn(await buttonWhenReady(app, 'Start a new enquiry'));
    await waitForElement(app, 'form[part="form"]');
    await chooseRadio(field<HTMLInputElement>(app, 'Individual project'));
    await waitFor(() => {
      try {
        return !!field(app, 'Supporting community');
      } catch {
        return false;
      }
    }, 4000, 'the community picker');
    await chooseWithKeys(field<HTMLSelectElement>(app, 'Supporting community'), 'Feedback that moves learning');
    await fill(field(app, 'Title'), 'Questions in the margin');
    await pressOn(button(app, 'Start the enquiry'));
    await waitForElement(app, 'plc-enquiry');
    await waitForStage(app, 'Theme');

    // 2. Theme.
    await chooseRadio(field<HTMLInputElement>(app, 'Assessment for learning'));
    await pressOn(button(app, 'Choose this theme'));
    await waitForStage(app, 'Driving question');

    // 3. The driving question, submitted for review.
    const editor = await waitForElement(app, 'plc-question-editor');
    await waitFor(() => queryAllDeep(editor, 'textarea').length > 0, 6000, 'the question editor');
    await fill(field(editor, 'The question'), 'How can margin questions help Year 9 students act on written feedback?');
    await pressOn(button(editor, 'Add a success criterion'));
    await waitFor(() => queryAllDeep(editor, 'input').some((i) => i.id.startsWith('q-criteria')), 4000, 'the criterion field');
    await fill(field(editor, 'Success criterion 1'), 'Most students answer the margin questions');
    await pressOn(button(editor, 'Submit for review'));
    await waitForText(app, 'Waiting for the lead to approve the driving question.');

    // 4. Amir approves it: the demo's person picker, with the keyboard too.
    await chooseWithKeys(field<HTMLSelectElement>(app, 'Signed in as'), 'Amir Khan');
    await pressOn(await buttonWhenReady(app, 'Approve the question'));
    await waitForStage(app, 'Observation');
    await chooseWithKeys(field<HTMLSelectElement>(app, 'Signed in as'), 'Beth Evans');

    // 5. An observation, then on to evidence.
    const form = await waitForElement(app, 'plc-observation-form');
    await waitFor(() => queryAllDeep(form, 'select').length > 0, 6000, 'the observation form');
    await chooseWithKeys(field<HTMLSelectElement>(form, 'Colleague observed'), 'Chen Li');
    await fill(field(form, 'Class'), '9X2 science');
    await fill(field(form, 'Strengths'), 'Students answered the questions before starting new work.');
    await pressOn(button(form, 'Save observation'));
    await waitForText(app, 'Beth Evans recorded an observation of Chen Li');
    await pressOn(await buttonWhenReady(app, 'Start gathering evidence'), 'Space');
    await waitForStage(app, 'Evidence');

    // 6. A student-voice survey (five students answer on a class device) and a note.
    const board = await waitForElement(app, 'plc-evidence-board');
    await pressOn(await buttonWhenReady(board, 'Create a student-voice survey'));
    const builder = await waitForElement(board, 'plc-survey-builder');
    await pressOn(await buttonWhenReady(builder, 'Create a new survey'));
    for (let i = 0; i < 2; i += 1) {
      await waitFor(() => queryAllDeep(builder, '.suggestions button').length > 0, 4000, 'a suggested question');
      await pressOn(queryAllDeep<HTMLButtonElement>(builder, '.suggestions button')[0]!);
    }
    await pressOn(button(builder, 'Save and open for answers'));
    await waitFor(() => queryAllDeep<HTMLInputElement>(builder, 'input').some((f) => /survey=/.test(f.value)), 6000, 'the survey link');
    const surveyId = new URL(queryAllDeep<HTMLInputElement>(builder, 'input').find((f) => /survey=/.test(f.value))!.value).searchParams.get('survey')!;
    const provider = app.shadowRoot!.querySelector<PlcProvider>('plc-provider')!;
    const survey = (await provider.session!.store.get('surveys', surveyId))!.record as { questions: Array<{ id: string; type: string }> };
    await addResponses(provider.session!.store, surveyId, [5, 4, 4, 3, 2].map((n) => Object.fromEntries(survey.questions.filter((q) => q.type === 'agree').map((q) => [q.id, n]))));
    await pressOn(await buttonWhenReady(builder, 'Add results as evidence'));
    await waitForText(builder, 'These results are on the evidence board.');
    await pressOn(await buttonWhenReady(board, 'Note'));
    await fill(field(board, 'Title'), 'Book look, Year 9');
    await fill(field(board, 'Note'), 'Most books show answers to the margin questions.');
    await pressOn(button(board, 'Add to the evidence'));
    await waitForText(app, 'Beth Evans added evidence: Note, “Book look, Year 9”');

    // 7. Sharing: reflection and outcome, published.
    await pressOn(await buttonWhenReady(app, 'Move to sharing'), 'Space');
    await waitForStage(app, 'Sharing');
    const outcome = await waitForElement(app, 'plc-outcome-editor');
    await waitFor(() => queryAllDeep(outcome, 'textarea').length > 0, 6000, 'the outcome editor');
    await fill(field(outcome, 'What worked'), 'Margin questions got a written answer from most students.');
    await fill(field(outcome, 'Summary for colleagues'), 'Write feedback as one question in the margin and give ten minutes to answer it.');
    await pressOn(field(outcome, "The cycle's booklet"), 'Space');
    await pressOn(button(outcome, 'Publish'));
    await waitForStage(app, 'Shared');
    await waitForText(app, 'Beth Evans published the outcome');
    expect(queryDeep(app, 'plc-enquiry').shadowRoot!.querySelectorAll('.timeline li.refused')).to.have.length(0);
  });
});
