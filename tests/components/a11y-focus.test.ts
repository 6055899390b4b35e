/**
 * Where focus goes after every step of every element, with real keys: never to the page body.
 * The rule (components/shared/focus.ts): when the step leaves the control a person pressed in
 * place (a form that stays, ready for the next one), focus stays and a status line says what
 * happened; when the step replaces it, focus moves to the new heading or to the message that
 * explains what happened. Either way the news is said once: a focused message is not repeated by
 * a status line. Test names carry the WCAG criteria (scripts/conformance.js reads them).
 */
import { expect } from '@open-wc/testing';
import { html } from 'lit';
import '../../components/define.js';
import { button, click, field, press, queryAllDeep, queryDeep, renderWithSession, settle, tabTo, textOf, typeInto } from '../support/component-harness.js';
import { waitFor } from '../support/app-harness.js';
import { focusedElement, isWithin } from '../support/a11y-harness.js';
import { addResponses, ENQUIRY, evidenceStageEvents } from '../support/survey-harness.js';
import { feedbackToSharing, logBuilder, ORACY_QUESTION, REFLECTION } from '../support/log-harness.js';

/** What the live regions under `element` say, joined. */
function statusText(element: Element): string {
  return queryAllDeep(element, '[role="status"], [aria-live]')
    .map((region) => textOf(region))
    .filter(Boolean)
    .join(' | ');
}

/**
 * Checks focus after a step inside `element`: in it, not on the body; on a heading or a message
 * when `moved`, else on `stays`; and `news` said once, by the focused element or by a status line.
 */
function expectFocusAfterStep(element: Element, expected: { moved?: RegExp; stays?: Element; news: RegExp }): void {
  const focused = focusedElement();
  expect(isWithin(focused, element), `focus is in ${element.localName}, not on ${focused.localName}`).to.equal(true);
  if (expected.stays) expect(focused, 'focus stays on the control pressed').to.equal(expected.stays);
  if (expected.moved) {
    expect(/^H[1-6]$/.test(focused.tagName) || focused.tabIndex === -1, `focus on a heading or message, not ${focused.localName}`).to.equal(true);
    expect(textOf(focused)).to.match(expected.moved);
  }
  const saidByFocus = expected.news.test(textOf(focused));
  const saidByStatus = expected.news.test(statusText(element));
  expect(saidByFocus || saidByStatus, `the news ${expected.news} is said`).to.equal(true);
  expect(saidByFocus && saidByStatus, `the news ${expected.news} is said once, not by both the focused element and a status line`).to.equal(false);
}

async function pressOn(control: HTMLElement, key = 'Enter'): Promise<void> {
  await tabTo(control);
  await press(key);
}

function submitted() {
  const log = logBuilder();
  log.add('enq-oracy', 'question.draft', 'p-eli', ORACY_QUESTION as unknown as Record<string, unknown>);
  log.add('enq-oracy', 'question.submit', 'p-eli');
  return log.events;
}

describe('focus after every step [2.4.3, 3.2.2, 4.1.3]', () => {
  it('submit: to the notice saying who reviews the question', async () => {
    const log = logBuilder();
    log.add('enq-oracy', 'question.draft', 'p-eli', ORACY_QUESTION as unknown as Record<string, unknown>);
    const { element } = await renderWithSession(html`<plc-question-editor enquiry-id="enq-oracy"></plc-question-editor>`, { personId: 'p-eli', events: log.events });
    await pressOn(button(element, 'Submit for review'));
    await waitFor(() => textOf(element).includes('Waiting for review'), 4000, 'submitted');
    await settle(element);
    expectFocusAfterStep(element, { moved: /Waiting for review by Dana Okafor/, news: /Waiting for review/ });
  });

  it('approve: to the notice saying who approved it', async () => {
    const { element } = await renderWithSession(html`<plc-question-editor enquiry-id="enq-oracy"></plc-question-editor>`, { personId: 'p-dana', events: submitted() });
    await pressOn(button(element, 'Approve the question'));
    await waitFor(() => textOf(element).includes('Approved by Dana Okafor'), 4000, 'approved');
    await settle(element);
    expectFocusAfterStep(element, { moved: /Approved by Dana Okafor/, news: /Approved by/ });
  });

  it('return: to the notice saying changes were asked for', async () => {
    const { element } = await renderWithSession(html`<plc-question-editor enquiry-id="enq-oracy"></plc-question-editor>`, { personId: 'p-dana', events: submitted() });
    await typeInto(field(element, 'Comment for the group'), 'Name the subject.');
    await pressOn(button(element, 'Request changes'));
    await waitFor(() => textOf(element).includes('asked for changes'), 4000, 'returned');
    await settle(element);
    expectFocusAfterStep(element, { moved: /Dana Okafor asked for changes/, news: /asked for changes/ });
  });

  it('approve inside the enquiry: the stage moves on and focus goes to the new stage heading', async () => {
    const { element } = await renderWithSession(html`<plc-enquiry enquiry-id="enq-oracy"></plc-enquiry>`, { personId: 'p-dana', events: submitted() });
    const editor = queryDeep(element, 'plc-question-editor');
    await settle(editor);
    await pressOn(button(editor, 'Approve the question'));
    await waitFor(() => textOf(element.shadowRoot!.querySelector('#stage-heading')!).includes('Observation'), 4000, 'the observation stage');
    await waitFor(() => focusedElement().id === 'stage-heading', 4000, 'focus on the stage heading');
    expectFocusAfterStep(element, { moved: /Observation/, news: /Stage now: Observation/ });
  });

  it('record: the form stays for the next observation, focus on its button, the save announced', async () => {
    const { element } = await renderWithSession(html`<plc-observation-form enquiry-id="enq-feedback"></plc-observation-form>`);
    const colleague = field<HTMLSelectElement>(element, 'Colleague observed');
    colleague.value = 'p-chen';
    colleague.dispatchEvent(new Event('change', { bubbles: true }));
    colleague.dispatchEvent(new Event('input', { bubbles: true }));
    await typeInto(field(element, 'Class'), '9C');
    const save = button(element, 'Save observation');
    await pressOn(save);
    await waitFor(() => /saved/.test(statusText(element)), 4000, 'the save');
    expectFocusAfterStep(element, { stays: save, news: /Observation of Chen Li on .* saved/ });
  });

  it('add and remove evidence: to the new item, then to the board heading', async () => {
    const { element } = await renderWithSession(html`<plc-evidence-board enquiry-id=${ENQUIRY}></plc-evidence-board>`, { events: evidenceStageEvents() });
    await pressOn(button(element, /^Note/));
    await settle(element);
    await typeInto(field(element, 'Title'), 'Book look');
    await typeInto(field(element, 'Note'), 'Most books show responses.');
    await pressOn(button(element, 'Add to the evidence'));
    await waitFor(() => /added to the evidence/.test(statusText(element)), 4000, 'the addition');
    expectFocusAfterStep(element, { moved: /Book look/, news: /added to the evidence/ });
    await pressOn(button(element, 'Remove Book look'));
    await settle(element);
    await pressOn(button(element, 'Yes, remove it'));
    await waitFor(() => /Removed/.test(statusText(element)), 4000, 'the removal');
    expectFocusAfterStep(element, { moved: /Evidence/, news: /Removed: “Book look”/ });
  });

  it('publish: to the heading of the published outcome', async () => {
    const log = logBuilder();
    feedbackToSharing(log);
    log.add('enq-feedback', 'reflection.save', 'p-beth', REFLECTION as unknown as Record<string, unknown>);
    const { element } = await renderWithSession(html`<plc-outcome-editor enquiry-id="enq-feedback"></plc-outcome-editor>`, { personId: 'p-amir', events: log.events });
    await typeInto(field(element, 'Summary for colleagues'), 'Protected time to act on feedback made the difference.');
    await pressOn(field(element, "The cycle's booklet"), 'Space');
    await pressOn(button(element, 'Publish'));
    await waitFor(() => textOf(element).includes('Published on'), 4000, 'published');
    await settle(element);
    expectFocusAfterStep(element, { moved: /Published/, news: /colleagues can now read the outcome/ });
  });

  it('survey: open for answers, close, add the results as evidence; add and remove a question', async () => {
    const { element, store } = await renderWithSession(html`<plc-survey-builder enquiry-id=${ENQUIRY}></plc-survey-builder>`, { events: evidenceStageEvents() });
    await pressOn(button(element, 'Create a new survey'));
    await settle(element);
    for (let i = 0; i < 2; i += 1) {
      await pressOn(queryAllDeep<HTMLButtonElement>(element, '.suggestions button')[0]!);
      await settle(element);
    }
    expectFocusAfterStep(element, { news: /Question 2 added/ });
    await pressOn(button(element, 'Remove question 1'));
    await settle(element);
    expectFocusAfterStep(element, { news: /Question 1 removed/ });
    await pressOn(queryAllDeep<HTMLButtonElement>(element, '.suggestions button')[0]!);
    await settle(element);
    await pressOn(button(element, 'Save and open for answers'));
    await waitFor(() => hasText(element, 'Close the survey'), 4000, 'the sharing page');
    await settle(element);
    expectFocusAfterStep(element, { moved: /./, news: /open for answers/ });
    await pressOn(button(element, 'Close the survey'));
    await waitFor(() => hasText(element, 'Reopen the survey'), 4000, 'closed');
    await settle(element);
    expectFocusAfterStep(element, { stays: button(element, 'Reopen the survey'), news: /The survey is closed/ });

    const [survey] = (await store.list('surveys')).map((s) => s.record).filter((s) => s.enquiryId === ENQUIRY);
    await addResponses(store, survey!.id, [5, 4, 4, 3, 2].map((n) => ({ [survey!.questions[0]!.id]: survey!.questions[0]!.type === 'agree' ? n : 0 })));
    await waitFor(() => hasText(element, 'Add results as evidence'), 4000, 'the add-as-evidence button');
    await pressOn(button(element, 'Add results as evidence'));
    await waitFor(() => hasText(element, 'These results are on the evidence board.'), 4000, 'added');
    await settle(element);
    expectFocusAfterStep(element, { moved: /These results are on the evidence board/, news: /evidence board/ });
  });

  it('a step refused by a form check: focus on the field, marked invalid, its message saying what to write [3.3.1, 3.3.3]', async () => {
    const log = logBuilder();
    log.add('enq-oracy', 'question.draft', 'p-eli', ORACY_QUESTION as unknown as Record<string, unknown>);
    const { element } = await renderWithSession(html`<plc-question-editor enquiry-id="enq-oracy"></plc-question-editor>`, { personId: 'p-eli', events: log.events });
    await pressOn(button(element, 'Add evidence'));
    await settle(element);
    await pressOn(button(element, 'Submit for review'));
    await settle(element);
    const focused = focusedElement() as HTMLInputElement;
    expect(focused.getAttribute('aria-invalid')).to.equal('true');
    const described = (focused.getAttribute('aria-describedby') ?? '').split(/\s+/).map((id) => element.shadowRoot!.getElementById(id)?.textContent ?? '').join(' ');
    expect(described).to.match(/Say what evidence 2 will show, or remove it/);
    expect(textOf(element)).not.to.contain('Waiting for review');
  });

  it('close a dialog: Cancel puts focus back on the button that opened it', async () => {
    const { element } = await renderWithSession(html`<plc-enquiry enquiry-id="enq-feedback"></plc-enquiry>`, { personId: 'p-amir' });
    const withdraw = element.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="enquiry.withdraw"]')!;
    await pressOn(withdraw);
    await settle(element);
    expect(textOf(focusedElement())).to.contain('Withdraw this enquiry?');
    await pressOn(button(element, 'Cancel'));
    await settle(element);
    expect(focusedElement()).to.equal(withdraw);
  });

  it('import: to the heading of the import result', async () => {
    const { element } = await renderWithSession(html`<plc-cycle-admin></plc-cycle-admin>`, { personId: 'p-clare' });
    await click(button(element, 'Import and export'));
    await settle(element);
    await typeInto(field(element, 'Or paste the CSV text'), 'Name,Email,School,Roles,New staff,Line manager\nLena Ortiz,lena@oakfield.example,Oakfield Academy,teacher,yes,p-amir');
    await pressOn(button(element, 'Check the rows'));
    await waitFor(() => hasText(element, 'Import 1 valid row'), 4000, 'the report');
    await pressOn(button(element, /^Import 1 valid row/));
    await waitFor(() => hasText(element, 'Imported 1 row'), 4000, 'the result');
    await settle(element);
    expectFocusAfterStep(element, { moved: /./, news: /Imported 1 row/ });
  });
});

function hasText(element: Element, text: string): boolean {
  return textOf(element).includes(text);
}
