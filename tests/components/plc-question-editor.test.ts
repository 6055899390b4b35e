import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import '../../components/plc-question-editor/index.js';
import type { PlcQuestionEditor } from '../../components/plc-question-editor/plc-question-editor.js';
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
  textOf,
  typeInto,
} from '../support/component-harness.js';
import { logBuilder, ORACY_QUESTION, waitForText } from '../support/log-harness.js';
import type { SessionOptions } from '../support/component-harness.js';

const TODAY = '2026-11-10';

async function render(enquiryId: string, options: SessionOptions = {}) {
  return renderWithSession<PlcQuestionEditor>(html`<plc-question-editor enquiry-id=${enquiryId} today=${TODAY}></plc-question-editor>`, options);
}

/** The oracy enquiry with a complete question, submitted for review. */
function oracySubmitted() {
  const log = logBuilder();
  log.add('enq-oracy', 'question.draft', 'p-eli', ORACY_QUESTION as unknown as Record<string, unknown>);
  log.add('enq-oracy', 'question.submit', 'p-eli');
  return log;
}

const types = async (store: { readLog(id: string): Promise<Array<{ type: string }>> }, id: string) => (await store.readLog(id)).map((e) => e.type);

const check = (element: Element, id: string) => element.shadowRoot!.querySelector(`[data-check="${id}"]`)!;

describe('plc-question-editor', () => {
  it('shows a loading state until a provider gives it a session', async () => {
    const element = await fixture<PlcQuestionEditor>(html`<plc-question-editor enquiry-id="enq-oracy"></plc-question-editor>`);
    expect(textOf(element)).to.contain('Loading the driving question');
    await expect(element).to.be.accessible();
  });

  it('asks who you are when nobody is signed in, and says when the enquiry is missing', async () => {
    const signedOut = await render('enq-oracy', { personId: '' });
    expect(textOf(signedOut.element)).to.contain('Choose who you are');
    await expect(signedOut.element).to.be.accessible();
    const missing = await render('enq-nowhere');
    expect(textOf(missing.element)).to.contain('could not be found');
    await expect(missing.element).to.be.accessible();
  });

  it('edits the draft with a live checklist and saves it as question.draft', async () => {
    const { element, store } = await render('enq-oracy', { personId: 'p-eli' });
    const text = field<HTMLTextAreaElement>(element, 'The question');
    expect(text.value).to.contain('talk roles');
    expect(check(element, 'open').className).to.contain('met');
    expect(check(element, 'success-criteria').className).to.contain('not-met');
    expect(textOf(element)).not.to.contain('Unsaved changes');

    await typeInto(text, 'Do talk roles help');
    await settle(element);
    expect(check(element, 'open').className).to.contain('not-met');
    expect(textOf(check(element, 'open'))).to.contain('can be answered with yes or no');
    expect(textOf(element)).to.contain('Unsaved changes');

    await typeInto(text, 'How do talk roles help Year 7 reason?');
    await settle(element);
    expect(check(element, 'open').className).to.contain('met');

    await click(button(element, 'Add a success criterion'));
    await settle(element);
    const criterion = field(element, 'Success criterion 1');
    expect(deepActiveElement()).to.equal(criterion);
    await typeInto(criterion, 'Pupils give reasons');
    await settle(element);
    expect(check(element, 'success-criteria').className).to.match(/\bmet\b/);

    await click(button(element, 'Save draft'));
    await settle(element);
    const log = await store.readLog('enq-oracy');
    const draft = log.at(-1)!;
    expect(draft.type).to.equal('question.draft');
    expect(draft.authorId).to.equal('p-eli');
    expect(draft.payload['text']).to.equal('How do talk roles help Year 7 reason?');
    expect(draft.payload['successCriteria']).to.deep.equal(['Pupils give reasons']);
    expect(draft.payload['plannedActions']).to.deep.equal(['Introduce talk roles in maths and geography']);
    expect(textOf(element)).to.contain('Draft saved');
    expect(textOf(element)).not.to.contain('Unsaved changes');
    await expect(element).to.be.accessible();
  });

  it('builds the lists with the keyboard: Enter adds a row, Remove takes one away', async () => {
    const { element, store } = await render('enq-oracy', { personId: 'p-eli' });
    const first = field(element, 'Action 1');
    await typeInto(first, 'Talk roles cards');
    await press('Enter');
    await settle(element);
    const second = field(element, 'Action 2');
    expect(deepActiveElement()).to.equal(second);
    await typeInto(second, 'Sentence stems');
    await press('Enter');
    await settle(element);
    await typeInto(field(element, 'Action 3'), 'Something to drop');
    await click(button(element, 'Remove Action 3'));
    await settle(element);
    expect(queryAllDeep(element, 'input[id^="q-actions-"]').length).to.equal(2);

    await click(button(element, 'Add evidence'));
    await settle(element);
    const kind = field<HTMLSelectElement>(element, 'Kind of evidence 1');
    expect(kind.value).to.equal('student-voice');
    await click(button(element, 'Save draft'));
    await settle(element);
    expect(textOf(element)).to.contain('Say what evidence 1 will show, or remove it.');
    const description = field(element, 'What evidence 1 will show');
    expect(description.getAttribute('aria-invalid')).to.equal('true');
    expect(deepActiveElement()).to.equal(description);
    await typeInto(description, 'Survey on group talk');
    await click(button(element, 'Save draft'));
    await settle(element);
    const draft = (await store.readLog('enq-oracy')).at(-1)!;
    expect(draft.payload['plannedActions']).to.deep.equal(['Talk roles cards', 'Sentence stems']);
    expect(draft.payload['plannedEvidence']).to.deep.equal([{ kind: 'student-voice', description: 'Survey on group talk' }]);
    expect(check(element, 'student-voice-planned').className).to.match(/\bmet\b/);
  });

  it('refuses to submit an incomplete question and says why, saving nothing but the draft', async () => {
    const { element, store } = await render('enq-oracy', { personId: 'p-eli' });
    const before = await types(store, 'enq-oracy');
    await click(button(element, 'Submit for review'));
    await settle(element);
    expect(textOf(element)).to.contain('at least one success criterion');
    expect(await types(store, 'enq-oracy')).to.deep.equal(before);
    await expect(element).to.be.accessible();
  });

  it('submits a complete question, saving unsaved changes first, then waits for the reviewer', async () => {
    const { element, store } = await render('enq-oracy', { personId: 'p-eli' });
    await click(button(element, 'Add a success criterion'));
    await settle(element);
    await typeInto(field(element, 'Success criterion 1'), 'Uses because');
    await click(button(element, 'Submit for review'));
    await settle(element);
    expect((await types(store, 'enq-oracy')).slice(-2)).to.deep.equal(['question.draft', 'question.submit']);
    // The form is gone: focus is on the message saying who reviews it, and the status line is
    // left empty so the news is read once.
    expect(textOf(element.shadowRoot!.activeElement!)).to.contain('Waiting for review by Dana Okafor');
    expect(textOf(element.shadowRoot!.querySelector('[role="status"]')!)).to.equal('');
    expect(hasButton(element, 'Save draft')).to.equal(false);
    await expect(element).to.be.accessible();
  });

  it('lets the community lead approve with a comment', async () => {
    const { element, store } = await render('enq-oracy', { personId: 'p-dana', events: oracySubmitted().events });
    expect(textOf(element)).to.contain('Review the question');
    expect(check(element, 'open').className).to.match(/\bmet\b/);
    await expect(element).to.be.accessible();
    await typeInto(field(element, 'Comment for the group'), 'Clear and open.');
    await click(button(element, 'Approve the question'));
    await settle(element);
    const approve = (await store.readLog('enq-oracy')).at(-1)!;
    expect(approve.type).to.equal('question.approve');
    expect(approve.payload).to.deep.equal({ comment: 'Clear and open.' });
    expect(textOf(element)).to.contain('Approved by Dana Okafor');
    expect(textOf(element)).to.contain('Clear and open.');
    expect(textOf(element)).to.contain('To refine the agreed question');
  });

  it('needs a comment to request changes, and the group sees it at the top of the draft', async () => {
    const log = oracySubmitted();
    const { element, store } = await render('enq-oracy', { personId: 'p-dana', events: log.events });
    await click(button(element, 'Request changes'));
    await settle(element);
    const comment = field<HTMLTextAreaElement>(element, 'Comment for the group');
    expect(textOf(element)).to.contain('Write what the group should change.');
    expect(comment.getAttribute('aria-invalid')).to.equal('true');
    expect(deepActiveElement()).to.equal(comment);
    expect((await types(store, 'enq-oracy')).at(-1)).to.equal('question.submit');
    await typeInto(comment, 'Name the subject.');
    await click(button(element, 'Request changes'));
    await settle(element);
    expect((await store.readLog('enq-oracy')).at(-1)!.payload).to.deep.equal({ comment: 'Name the subject.' });

    const author = await render('enq-oracy', { personId: 'p-eli', store, seed: false });
    expect(textOf(author.element)).to.contain('Dana Okafor asked for changes');
    expect(textOf(author.element)).to.contain('Name the subject.');
    expect(hasButton(author.element, 'Save draft')).to.equal(true);
    await expect(author.element).to.be.accessible();
  });

  it('shows other colleagues, a CPD leader included, who the question waits for', async () => {
    const { element } = await render('enq-oracy', { personId: 'p-clare', events: oracySubmitted().events });
    expect(textOf(element)).to.contain('Waiting for review by Dana Okafor');
    expect(hasButton(element, 'Approve the question')).to.equal(false);
    expect(hasButton(element, 'Request changes')).to.equal(false);
    await expect(element).to.be.accessible();
  });

  it('shows the agreed question read-only after approval, in light and dark', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const { element } = await render('enq-feedback', { theme });
      expect(textOf(element)).to.contain('engage more actively with written feedback');
      expect(textOf(element)).to.contain('Approved by Amir Khan');
      expect(textOf(element)).to.contain('To refine the agreed question');
      expect(hasButton(element, 'Save draft')).to.equal(false);
      await expect(element).to.be.accessible();
    }
  });

  it('is read-only for colleagues outside the enquiry', async () => {
    const { element } = await render('enq-oracy', { personId: 'p-hana' });
    expect(textOf(element)).to.contain("Only the enquiry's members can edit the driving question.");
    expect(hasButton(element, 'Save draft')).to.equal(false);
    await expect(element).to.be.accessible();
  });

  it('explains a missing theme and a paused enquiry instead of offering the form', async () => {
    const log = logBuilder();
    log.add('enq-solo', 'enquiry.create', 'p-beth', { title: 'My own project', kind: 'individual', cycleId: 'cy-2026', ownerIds: ['p-beth'], track: 'plc' });
    log.add('enq-oracy', 'enquiry.pause', 'p-dana', { reason: 'Exam season' });
    const noTheme = await render('enq-solo', { events: log.events });
    expect(textOf(noTheme.element)).to.contain('Choose a theme first.');
    expect(hasButton(noTheme.element, 'Save draft')).to.equal(false);
    await expect(noTheme.element).to.be.accessible();
    const paused = await render('enq-oracy', { personId: 'p-eli', store: noTheme.store, seed: false });
    expect(textOf(paused.element)).to.contain('This enquiry is paused: resume it first.');
    expect(hasButton(paused.element, 'Save draft')).to.equal(false);
    await expect(paused.element).to.be.accessible();
  });

  it('keeps what was typed when a save fails, with the error shown', async () => {
    const { element, store } = await render('enq-oracy', { personId: 'p-eli', theme: 'dark' });
    store.append = async () => {
      throw new Error('the disk is full');
    };
    const text = field<HTMLTextAreaElement>(element, 'The question');
    await typeInto(text, 'How do Year 7 explain?');
    await click(button(element, 'Save draft'));
    await settle(element);
    expect(textOf(element)).to.contain('could not be saved');
    expect(textOf(element)).to.contain('the disk is full');
    expect(field<HTMLTextAreaElement>(element, 'The question').value).to.equal('How do Year 7 explain?');
    expect(textOf(element)).to.contain('Unsaved changes');
    await expect(element).to.be.accessible();
  });

  it('puts its headings at the level the page asks for', async () => {
    const { element } = await renderWithSession<PlcQuestionEditor>(
      html`<plc-question-editor enquiry-id="enq-oracy" heading-level="4" today=${TODAY}></plc-question-editor>`,
      { personId: 'p-eli' },
    );
    expect(textOf(element.shadowRoot!.querySelector('h4')!)).to.equal('Driving question');
    expect(textOf(element.shadowRoot!.querySelector('h5')!)).to.equal('Quality checklist');
    expect(element.shadowRoot!.querySelector('h2, h3')).to.equal(null);
  });

  it('follows the language at runtime', async () => {
    const { element, provider } = await render('enq-oracy', { personId: 'p-eli' });
    provider.lang = 'es';
    await provider.updateComplete;
    await waitForText(element, 'Pregunta guía');
    expect(textOf(element)).to.contain('Guardar borrador');
    provider.lang = 'en-US';
    await provider.updateComplete;
    await waitForText(element, 'Save draft');
    expect(textOf(element)).to.contain('inquiry');
    provider.lang = 'en-GB';
    await provider.updateComplete;
    await waitForText(element, 'enquiry');
  });
});
