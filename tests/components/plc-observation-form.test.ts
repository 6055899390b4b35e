import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/plc-observation-form/index.js';
import type { PlcObservationForm } from '../../components/plc-observation-form/plc-observation-form.js';
import {
  button,
  click,
  deepActiveElement,
  field,
  hasButton,
  renderWithSession,
  settle,
  textOf,
  typeInto,
  type SessionOptions,
} from '../support/component-harness.js';
import { feedbackToSharing, logBuilder, waitForText } from '../support/log-harness.js';

const TODAY = '2026-11-10';
const QUESTION = 'How can we encourage students to engage more actively with written feedback?';

async function render(enquiryId = 'enq-feedback', options: SessionOptions = {}) {
  return renderWithSession<PlcObservationForm>(
    html`<plc-observation-form enquiry-id=${enquiryId} today=${TODAY}></plc-observation-form>`,
    options,
  );
}

/** Chooses an option of a select the way a keyboard user does: focus it and type the start of the name. */
async function chooseByTyping(select: HTMLSelectElement, text: string): Promise<void> {
  select.focus();
  await sendKeys({ type: text });
}

describe('plc-observation-form', () => {
  it('shows a loading state without a session, and designed signed-out and missing states', async () => {
    const loading = await fixture<PlcObservationForm>(html`<plc-observation-form enquiry-id="enq-feedback"></plc-observation-form>`);
    expect(textOf(loading)).to.contain('Loading the observation form');
    await expect(loading).to.be.accessible();
    const signedOut = await render('enq-feedback', { personId: '' });
    expect(textOf(signedOut.element)).to.contain('Choose who you are');
    const missing = await render('enq-nowhere');
    expect(textOf(missing.element)).to.contain('could not be found');
    await expect(missing.element).to.be.accessible();
  });

  it('shows the observer, pre-fills the focus from the question and says who will see the notes (light and dark)', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const { element } = await render('enq-feedback', { theme });
      expect(textOf(element)).to.contain('Observer: Beth Evans (you)');
      expect(field<HTMLTextAreaElement>(element, 'Focus').value).to.equal(QUESTION);
      expect(field<HTMLInputElement>(element, 'Date of the lesson').value).to.equal(TODAY);
      const colleague = field<HTMLSelectElement>(element, 'Colleague observed');
      const options = [...colleague.options].map((o) => o.value);
      expect(options).to.include('p-chen');
      expect(options).not.to.include('p-beth');
      expect(textOf(element)).to.contain('not by line managers or appraisal');
      await expect(element).to.be.accessible();
    }
  });

  it('names the observed colleague in the privacy statement once chosen', async () => {
    const { element } = await render();
    await chooseByTyping(field<HTMLSelectElement>(element, 'Colleague observed'), 'Chen');
    await settle(element);
    expect(field<HTMLSelectElement>(element, 'Colleague observed').value).to.equal('p-chen');
    expect(textOf(element)).to.contain(
      "Seen by the enquiry's members and Chen Li only — not by line managers or appraisal, unless Chen Li chooses to share them.",
    );
  });

  it('names the missing fields before saving, and saves nothing', async () => {
    const { element, store } = await render();
    const before = (await store.readLog('enq-feedback')).length;
    await typeInto(field(element, 'Focus'), '');
    await click(button(element, 'Save observation'));
    await settle(element);
    const summary = element.shadowRoot!.querySelector('[part="error-summary"]')!;
    expect(textOf(summary)).to.contain('Choose the colleague you observed.');
    expect(textOf(summary)).to.contain('Write what the observation focused on.');
    expect(deepActiveElement()).to.equal(summary);
    const colleague = field(element, 'Colleague observed');
    expect(colleague.getAttribute('aria-invalid')).to.equal('true');
    expect(colleague.getAttribute('aria-describedby')).to.equal('obs-observedId-error');
    expect((await store.readLog('enq-feedback')).length).to.equal(before);
    await expect(element).to.be.accessible();

    await click(button(element, 'Choose the colleague you observed.'));
    expect(deepActiveElement()).to.equal(colleague);
  });

  it('records the observation, announces it and clears the form for the next one', async () => {
    const { element, store } = await render();
    await chooseByTyping(field<HTMLSelectElement>(element, 'Colleague observed'), 'Chen');
    await typeInto(field(element, 'Class'), '9X2 science');
    await typeInto(field(element, 'Strengths'), 'Students acted on comments straight away.');
    await typeInto(field(element, 'Wonderings'), 'Would margin questions work better?');
    await typeInto(field(element, 'Next steps'), 'Try margin questions.');
    await settle(element);
    expect(textOf(element)).to.contain('Not saved yet');
    await click(button(element, 'Save observation'));
    await settle(element);
    const recorded = (await store.readLog('enq-feedback')).at(-1)!;
    expect(recorded.type).to.equal('observation.record');
    expect(recorded.authorId).to.equal('p-beth');
    const { id, ...payload } = recorded.payload as Record<string, unknown>;
    expect(String(id)).to.match(/^obs-/);
    expect(payload).to.deep.equal({
      observerId: 'p-beth',
      observedId: 'p-chen',
      className: '9X2 science',
      date: TODAY,
      focus: QUESTION,
      strengths: 'Students acted on comments straight away.',
      wonderings: 'Would margin questions work better?',
      nextSteps: 'Try margin questions.',
      sharedWith: [],
    });
    expect(textOf(element)).to.contain('Observation of Chen Li on 10 Nov 2026 saved.');
    expect(field<HTMLSelectElement>(element, 'Colleague observed').value).to.equal('');
    expect(field<HTMLInputElement>(element, 'Class').value).to.equal('');
    expect(field<HTMLTextAreaElement>(element, 'Strengths').value).to.equal('');
    expect(field<HTMLTextAreaElement>(element, 'Focus').value).to.equal(QUESTION);
    expect(textOf(element)).not.to.contain('Not saved yet');
    await expect(element).to.be.accessible();
  });

  it('refuses a date in the future', async () => {
    const { element, store } = await render();
    await chooseByTyping(field<HTMLSelectElement>(element, 'Colleague observed'), 'Chen');
    const date = field<HTMLInputElement>(element, 'Date of the lesson');
    date.focus();
    await sendKeys({ type: '12122030' });
    await click(button(element, 'Save observation'));
    await settle(element);
    expect(textOf(element)).to.contain('The date cannot be in the future.');
    expect((await store.readLog('enq-feedback')).at(-1)!.type).not.to.equal('observation.record');
  });

  it('explains why an enquiry still drafting its question takes no observations', async () => {
    const { element } = await render('enq-oracy', { personId: 'p-eli', theme: 'dark' });
    expect(textOf(element)).to.contain('Observations are recorded from the Observation stage, once the driving question is agreed.');
    expect(hasButton(element, 'Save observation')).to.equal(false);
    await expect(element).to.be.accessible();
  });

  it('explains that an enquiry at the sharing stage takes no more observations', async () => {
    const log = logBuilder();
    feedbackToSharing(log);
    const { element } = await render('enq-feedback', { events: log.events });
    expect(textOf(element)).to.contain('This enquiry is at the Sharing stage: it takes no more observations.');
    expect(hasButton(element, 'Save observation')).to.equal(false);
  });

  it('is not offered to colleagues outside the enquiry', async () => {
    const { element } = await render('enq-feedback', { personId: 'p-eli' });
    expect(textOf(element)).to.contain("Only the enquiry's members record observations for it.");
    expect(hasButton(element, 'Save observation')).to.equal(false);
    await expect(element).to.be.accessible();
  });

  it('keeps everything typed when the save fails', async () => {
    const { element, store } = await render();
    store.append = async () => {
      throw new Error('offline and the disk is full');
    };
    await chooseByTyping(field<HTMLSelectElement>(element, 'Colleague observed'), 'Chen');
    await typeInto(field(element, 'Strengths'), 'Calm start to the lesson.');
    await click(button(element, 'Save observation'));
    await settle(element);
    expect(textOf(element)).to.contain('could not be saved (offline and the disk is full)');
    expect(field<HTMLTextAreaElement>(element, 'Strengths').value).to.equal('Calm start to the lesson.');
    expect(field<HTMLSelectElement>(element, 'Colleague observed').value).to.equal('p-chen');
    await expect(element).to.be.accessible();
  });

  it('follows the language at runtime', async () => {
    const { element, provider } = await render();
    provider.lang = 'es';
    await provider.updateComplete;
    await waitForText(element, 'Registrar una observación');
    expect(textOf(element)).to.contain('Guardar observación');
    provider.lang = 'en-US';
    await provider.updateComplete;
    await waitForText(element, "Seen by the inquiry's members");
    expect(textOf(element)).to.contain('not by supervisors or evaluations');
  });
});
