import { expect, fixture, oneEvent } from '@open-wc/testing';
import { html } from 'lit';
import '../../components/plc-outcome-editor/index.js';
import type { PlcOutcomeEditor } from '../../components/plc-outcome-editor/plc-outcome-editor.js';
import type { PlcPublishEvent } from '../../components/events/publish.js';
import {
  button,
  click,
  deepActiveElement,
  field,
  hasButton,
  press,
  renderWithSession,
  settle,
  textOf,
  typeInto,
  type SessionOptions,
} from '../support/component-harness.js';
import { feedbackToSharing, logBuilder, observation, OUTCOME, REFLECTION, waitForText } from '../support/log-harness.js';

async function render(options: SessionOptions = {}, enquiryId = 'enq-feedback') {
  return renderWithSession<PlcOutcomeEditor>(html`<plc-outcome-editor enquiry-id=${enquiryId}></plc-outcome-editor>`, options);
}

/** The feedback enquiry gathering evidence. */
function atEvidence() {
  const log = logBuilder();
  log.add('enq-feedback', 'observation.record', 'p-beth', observation() as never);
  log.add('enq-feedback', 'evidence.start', 'p-beth');
  return log.events;
}

/** The feedback enquiry at the sharing stage, with or without a reflection. */
function atSharing(withReflection = false) {
  const log = logBuilder();
  feedbackToSharing(log);
  if (withReflection) log.add('enq-feedback', 'reflection.save', 'p-beth', { ...REFLECTION });
  return log;
}

/** The feedback enquiry with its outcome published. */
function published() {
  const log = atSharing(true);
  log.add('enq-feedback', 'outcome.save', 'p-beth', { ...OUTCOME });
  log.add('enq-feedback', 'outcome.publish', 'p-beth');
  return log.events;
}

const types = async (store: { readLog(id: string): Promise<Array<{ type: string }>> }) => (await store.readLog('enq-feedback')).map((e) => e.type);

describe('plc-outcome-editor', () => {
  it('shows a loading state without a session, and designed signed-out and missing states', async () => {
    const loading = await fixture<PlcOutcomeEditor>(html`<plc-outcome-editor enquiry-id="enq-feedback"></plc-outcome-editor>`);
    expect(textOf(loading)).to.contain('Loading the reflection and outcome');
    const signedOut = await render({ personId: '' });
    expect(textOf(signedOut.element)).to.contain('Choose who you are');
    const missing = await render({}, 'enq-nowhere');
    expect(textOf(missing.element)).to.contain('could not be found');
    await expect(missing.element).to.be.accessible();
  });

  it('says when the reflection and the outcome are written, before the evidence stage', async () => {
    const { element } = await render({ theme: 'dark' });
    expect(textOf(element)).to.contain('The reflection is written from the Evidence stage');
    expect(textOf(element)).to.contain('The outcome for colleagues is written at the Sharing stage.');
    expect(hasButton(element, 'Publish')).to.equal(false);
    await expect(element).to.be.accessible();
  });

  it('saves the reflection while gathering evidence', async () => {
    const { element, store } = await render({ events: atEvidence() });
    await typeInto(field(element, 'What worked'), 'Improvement time.');
    await typeInto(field(element, 'What did not'), 'Marking questions took long.');
    await settle(element);
    expect(textOf(element)).to.contain('Unsaved changes');
    await click(button(element, 'Save reflection'));
    await settle(element);
    const saved = (await store.readLog('enq-feedback')).at(-1)!;
    expect(saved.type).to.equal('reflection.save');
    expect(saved.payload).to.deep.equal({ whatWorked: 'Improvement time.', whatDidNot: 'Marking questions took long.', nextSteps: '' });
    expect(textOf(element)).to.contain('Reflection saved.');
    expect(textOf(element)).not.to.contain('Unsaved changes');
    expect(textOf(element)).to.contain('The outcome for colleagues is written at the Sharing stage.');
    await expect(element).to.be.accessible();
  });

  it('refuses to publish without a reflection, saying why, then publishes and fires plc-publish', async () => {
    const { element, store } = await render({ events: atSharing().events });
    await expect(element).to.be.accessible();
    await typeInto(field(element, 'Summary for colleagues'), 'Protected time to act on feedback made the difference.');
    await click(button(element, 'Add a finding'));
    await settle(element);
    await typeInto(field(element, 'Finding 1'), 'Most students acted on feedback');
    await press('Enter');
    await settle(element);
    expect(deepActiveElement()).to.equal(field(element, 'Finding 2'));
    await click(field(element, "The cycle's booklet"));
    await click(field(element, 'A sharing session for all staff'));
    await click(button(element, 'Publish'));
    await settle(element);
    expect(textOf(element)).to.contain('Write your reflection (what worked, what did not) before publishing.');
    let log = await types(store);
    expect(log.at(-1)).to.equal('outcome.save');
    expect(log).not.to.include('outcome.publish');
    const outcome = (await store.readLog('enq-feedback')).at(-1)!.payload;
    expect(outcome).to.deep.equal({
      summary: 'Protected time to act on feedback made the difference.',
      findings: ['Most students acted on feedback'],
      recommendations: [],
      audiences: ['booklet', 'sharing-session'],
    });
    await expect(element).to.be.accessible();

    await typeInto(field(element, 'What worked'), 'Improvement time every fortnight.');
    const fired = oneEvent(element, 'plc-publish') as Promise<PlcPublishEvent>;
    await click(button(element, 'Publish'));
    const event = await fired;
    await settle(element);
    expect(event.enquiryId).to.equal('enq-feedback');
    expect(event.summary).to.equal('Protected time to act on feedback made the difference.');
    expect(event.audiences).to.deep.equal(['booklet', 'sharing-session']);
    log = await types(store);
    expect(log.slice(-2)).to.deep.equal(['reflection.save', 'outcome.publish']);
    expect(textOf(element)).to.contain('Published on');
    expect(textOf(element)).to.contain('Published: colleagues can now read the outcome.');
    expect(deepActiveElement()?.id).to.equal('published-heading');
    expect(hasButton(element, 'Publish')).to.equal(false);
  });

  it('shows the published outcome read-only and lets members correct it (light and dark)', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const { element, store } = await render({ events: published(), theme });
      expect(textOf(element)).to.contain('Published on 3 Nov 2026');
      expect(textOf(element)).to.contain(OUTCOME.summary);
      expect(textOf(element)).to.contain(REFLECTION.whatWorked);
      expect(hasButton(element, 'Save reflection')).to.equal(false);
      await expect(element).to.be.accessible();
      if (theme === 'dark') continue;

      await click(button(element, 'Correct the outcome'));
      await settle(element);
      const summary = field<HTMLTextAreaElement>(element, 'Summary for colleagues');
      expect(deepActiveElement()).to.equal(summary);
      await expect(element).to.be.accessible();
      await typeInto(summary, 'Protected time to act on feedback made the biggest difference in Year 9.');
      await click(button(element, 'Save outcome'));
      await settle(element);
      const saved = (await store.readLog('enq-feedback')).at(-1)!;
      expect(saved.type).to.equal('outcome.save');
      expect(saved.payload['summary']).to.equal('Protected time to act on feedback made the biggest difference in Year 9.');
      expect(textOf(element)).to.contain('made the biggest difference in Year 9.');
      expect(hasButton(element, 'Correct the outcome')).to.equal(true);
    }
  });

  it('shows colleagues outside the enquiry the outcome only once it is published', async () => {
    const before = await render({ personId: 'p-eli', events: atSharing(true).events });
    expect(textOf(before.element)).to.contain('This outcome is not published yet');
    await expect(before.element).to.be.accessible();
    const after = await render({ personId: 'p-eli', events: published() });
    expect(textOf(after.element)).to.contain(OUTCOME.summary);
    expect(hasButton(after.element, 'Correct the outcome')).to.equal(false);
    await expect(after.element).to.be.accessible();
  });

  it('keeps what was typed when a save fails', async () => {
    const { element, store } = await render({ events: atSharing().events });
    store.append = async () => {
      throw new Error('quota exceeded');
    };
    await typeInto(field(element, 'Summary for colleagues'), 'A summary worth keeping.');
    await click(button(element, 'Save outcome'));
    await settle(element);
    expect(textOf(element)).to.contain('The outcome could not be saved (quota exceeded)');
    expect(field<HTMLTextAreaElement>(element, 'Summary for colleagues').value).to.equal('A summary worth keeping.');
    expect(textOf(element)).to.contain('Unsaved changes');
    await expect(element).to.be.accessible();
  });

  it('follows the language at runtime', async () => {
    const { element, provider } = await render({ events: published() });
    provider.lang = 'es';
    await provider.updateComplete;
    await waitForText(element, 'Reflexión y resultado');
    expect(textOf(element)).to.contain('Corregir el resultado');
    provider.lang = 'en-US';
    await provider.updateComplete;
    await waitForText(element, 'The LMS');
  });
});
