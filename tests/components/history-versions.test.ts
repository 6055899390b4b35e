/**
 * The history lets people allowed to read it see each version that was written (issue 16): two
 * colleagues' versions of the reflection and of the outcome stay reachable, each with who wrote
 * it, when, and what it said; a reader the privacy contract keeps from unpublished work sees that
 * a version was saved, not its words, until the outcome is published. Real clicks in Chromium.
 */
import { expect } from '@open-wc/testing';
import { html } from 'lit';
import '../../components/plc-enquiry/index.js';
import type { PlcEnquiry } from '../../components/plc-enquiry/plc-enquiry.js';
import type { DomainEvent } from '../../src/lifecycle/events.js';
import { click, renderWithSession, settle, textOf } from '../support/component-harness.js';
import { feedbackToSharing, logBuilder, OUTCOME, REFLECTION } from '../support/log-harness.js';

/** The feedback enquiry at sharing, where Beth and then Chen each saved a reflection and an outcome. */
function twoVersions(publish = false): DomainEvent[] {
  const log = logBuilder();
  feedbackToSharing(log);
  log.add('enq-feedback', 'reflection.save', 'p-beth', { ...REFLECTION });
  log.add('enq-feedback', 'reflection.save', 'p-chen', { ...REFLECTION, whatDidNot: 'Chen: marking as questions took an hour a set.' });
  log.add('enq-feedback', 'outcome.save', 'p-beth', { ...OUTCOME });
  log.add('enq-feedback', 'outcome.save', 'p-chen', { ...OUTCOME, summary: 'Chen: protected improvement time, every fortnight.' });
  if (publish) log.add('enq-feedback', 'outcome.publish', 'p-chen');
  return log.events;
}

async function render(personId: string, events: DomainEvent[]) {
  const result = await renderWithSession<PlcEnquiry>(html`<plc-enquiry enquiry-id="enq-feedback"></plc-enquiry>`, { personId, events });
  await result.element.loaded;
  await settle(result.element);
  return result.element;
}

/** The history entries whose sentence matches `what`, newest first. */
const entries = (element: PlcEnquiry, what: RegExp) =>
  [...element.shadowRoot!.querySelectorAll<HTMLLIElement>('.history .timeline > li')].filter((li) => what.test(textOf(li.querySelector('.what')!)));

/** Opens an entry's "What was written" with the mouse and returns its words. */
async function written(element: PlcEnquiry, entry: HTMLLIElement): Promise<string> {
  const details = entry.querySelector<HTMLDetailsElement>('details.version')!;
  await click(details.querySelector('summary')!);
  await settle(element);
  expect(details.open, 'opened by a click').to.equal(true);
  return textOf(details);
}

describe('the history keeps each version that was written', () => {
  it('a member sees both colleagues’ reflections and outcomes: who, when and what', async () => {
    const events = twoVersions();
    const element = await render('p-beth', events);
    const reflections = entries(element, /saved the reflection/);
    expect(reflections.map((li) => textOf(li.querySelector('.what')!))).to.deep.equal(['Chen Li saved the reflection', 'Beth Evans saved the reflection']);
    const [chens, beths] = reflections;
    expect(await written(element, chens!)).to.contain('What did not Chen: marking as questions took an hour a set.');
    expect(await written(element, beths!)).to.contain(`What did not ${REFLECTION.whatDidNot}`);
    // When: each entry carries its own time.
    const at = (type: string, authorId: string) => events.find((e) => e.type === type && e.authorId === authorId)!.at;
    expect(chens!.querySelector('time')!.getAttribute('datetime')).to.equal(at('reflection.save', 'p-chen'));
    expect(beths!.querySelector('time')!.getAttribute('datetime')).to.equal(at('reflection.save', 'p-beth'));

    const outcomes = entries(element, /saved the outcome for colleagues/);
    expect(outcomes).to.have.length(2);
    expect(await written(element, outcomes[0]!)).to.contain('Summary for colleagues Chen: protected improvement time, every fortnight.');
    expect(await written(element, outcomes[1]!)).to.contain(`Summary for colleagues ${OUTCOME.summary}`);
    await expect(element).to.be.accessible();
  });

  it('a colleague outside the enquiry sees that versions were saved, and their words only once published', async () => {
    const unpublished = await render('p-eli', twoVersions());
    const hidden = entries(unpublished, /saved the reflection|saved the outcome/);
    expect(hidden).to.have.length(4);
    for (const entry of hidden) expect(entry.querySelector('details.version'), textOf(entry)).to.equal(null);
    expect(textOf(unpublished)).not.to.contain('Chen: marking as questions');

    const published = await render('p-eli', twoVersions(true));
    const shown = entries(published, /saved the reflection/);
    expect(await written(published, shown[0]!)).to.contain('Chen: marking as questions took an hour a set.');
    expect(await written(published, shown[1]!)).to.contain(REFLECTION.whatDidNot);
  });
});
