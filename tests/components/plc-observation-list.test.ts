import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import { emulateMedia } from '@web/test-runner-commands';
import '../../components/plc-observation-list/index.js';
import '../../components/plc-observation-form/index.js';
import type { PlcObservationList } from '../../components/plc-observation-list/plc-observation-list.js';
import { button, click, deepActiveElement, field, hasButton, press, renderWithSession, settle, tabTo, textOf, type SessionOptions } from '../support/component-harness.js';
import { logBuilder, observation, waitForText } from '../support/log-harness.js';

/**
 * Two observations of the feedback enquiry: Beth observed Chen (obs-1), and Chen observed Amir
 * (obs-2), whose notes Amir shared with Dana.
 */
function twoObservations() {
  const log = logBuilder();
  log.add('enq-feedback', 'observation.record', 'p-beth', observation() as never);
  log.add(
    'enq-feedback',
    'observation.record',
    'p-chen',
    observation({
      id: 'obs-2',
      observerId: 'p-chen',
      observedId: 'p-amir',
      className: '10B English',
      date: '2026-11-06',
      strengths: 'A clear routine for improvement time.',
      wonderings: 'Do students read the comments before acting on them?',
      nextSteps: '',
    }) as never,
  );
  log.add('enq-feedback', 'observation.share', 'p-amir', { observationId: 'obs-2', personIds: ['p-dana'] });
  return log.events;
}

/**
 * Sixty observations, one a day, Beth and Amir observing each other; the oldest is Chen's lesson
 * observed by Beth, so its card, the last of the list, is the only one with Chen's share button.
 */
function manyObservations() {
  const log = logBuilder();
  log.add('enq-feedback', 'observation.record', 'p-beth', observation({ id: 'obs-oldest', date: '2026-09-07' }) as never);
  for (let i = 0; i < 59; i += 1) {
    const date = new Date(Date.UTC(2026, 8, 8) + i * 86_400_000).toISOString().slice(0, 10);
    const [observerId, observedId] = i % 2 ? ['p-beth', 'p-amir'] : ['p-amir', 'p-beth'];
    log.add('enq-feedback', 'observation.record', observerId, observation({ id: `obs-${i}`, observerId, observedId, date, strengths: `Visit ${i}: students redrafted.` }) as never);
  }
  return log.events;
}

async function render(options: SessionOptions = {}, enquiryId = 'enq-feedback') {
  return renderWithSession<PlcObservationList>(html`<plc-observation-list enquiry-id=${enquiryId}></plc-observation-list>`, options);
}

const cards = (element: Element) => [...element.shadowRoot!.querySelectorAll('article')];

describe('plc-observation-list', () => {
  it('shows a loading state without a session, and designed signed-out and missing states', async () => {
    const loading = await fixture<PlcObservationList>(html`<plc-observation-list enquiry-id="enq-feedback"></plc-observation-list>`);
    expect(textOf(loading)).to.contain('Loading observations');
    const signedOut = await render({ personId: '' });
    expect(textOf(signedOut.element)).to.contain('Choose who you are');
    const missing = await render({}, 'enq-nowhere');
    expect(textOf(missing.element)).to.contain('could not be found');
    await expect(missing.element).to.be.accessible();
  });

  it('has an empty state (light and dark)', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const { element } = await render({ theme });
      expect(textOf(element)).to.contain('No observations yet.');
      await expect(element).to.be.accessible();
    }
  });

  it('lists observations newest first, with notes for the enquiry members (light and dark)', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const { element } = await render({ events: twoObservations(), theme });
      const [first, second] = cards(element);
      expect(textOf(first!)).to.contain('Chen Li observed Amir Khan');
      expect(textOf(first!)).to.contain('6 Nov 2026');
      expect(textOf(first!)).to.contain('Class: 10B English');
      expect(textOf(first!)).to.contain('A clear routine for improvement time.');
      expect(textOf(first!)).to.contain('Amir Khan shared these notes with Dana Okafor.');
      expect(textOf(second!)).to.contain('Beth Evans observed Chen Li');
      expect(textOf(second!)).to.contain('Students used the first ten minutes');
      await expect(element).to.be.accessible();
    }
  });

  it('hides the observation itself from colleagues outside the enquiry, line managers included: not only the notes', async () => {
    // Clare is Amir's line manager and the CPD leader, not a member of the feedback PLC.
    const { element } = await render({ personId: 'p-clare', events: twoObservations() });
    const text = textOf(element);
    expect(cards(element)).to.have.length(2, 'she sees how many observations there are (the stage depends on it)');
    for (const hidden of ['Chen Li', 'Amir Khan', 'Dana Okafor', 'How students respond to written feedback', 'A clear routine for improvement time.', 'Students used the first ten minutes']) {
      expect(text).not.to.contain(hidden);
    }
    expect(text).to.contain('A private observation');
    expect(hasButton(element, 'Share my observation notes')).to.equal(false);
    await expect(element).to.be.accessible();
  });

  it('shows a shared observation to the person it was shared with, and only that one', async () => {
    const { element } = await render({ personId: 'p-dana', events: twoObservations() });
    const [shared, other] = cards(element);
    expect(textOf(shared!)).to.contain('A clear routine for improvement time.');
    expect(textOf(shared!)).to.contain('Amir Khan shared these notes with Dana Okafor.');
    expect(textOf(other!)).not.to.contain('Students used the first ten minutes');
    expect(textOf(other!)).to.contain('A private observation');
  });

  it('lets the observed colleague share their notes with people they pick', async () => {
    const { element, store } = await render({ personId: 'p-chen', events: twoObservations() });
    const [observer, observed] = cards(element);
    expect(hasButton(observer!, 'Share my observation notes')).to.equal(false);
    const toggle = button(observed!, 'Share my observation notes');
    await click(toggle);
    await settle(element);
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    await expect(element).to.be.accessible();

    await click(button(observed!, 'Share the notes'));
    await settle(element);
    expect(textOf(observed!)).to.contain('Choose at least one colleague.');

    const clare = field<HTMLInputElement>(observed!, 'Clare Berry');
    await click(clare);
    await click(button(observed!, 'Share the notes'));
    await settle(element);
    const shared = (await store.readLog('enq-feedback')).at(-1)!;
    expect(shared.type).to.equal('observation.share');
    expect(shared.authorId).to.equal('p-chen');
    expect(shared.payload).to.deep.equal({ observationId: 'obs-1', personIds: ['p-clare'] });
    expect(textOf(element)).to.contain('Chen Li shared these notes with Clare Berry.');
    expect(textOf(element)).to.contain('Your notes are now shared with Clare Berry.');
    expect(deepActiveElement()).to.equal(button(cards(element)[1]!, 'Share my observation notes'));

    const clareView = await render({ personId: 'p-clare', store, seed: false });
    expect(textOf(cards(clareView.element)[1]!)).to.contain('Students used the first ten minutes');
  });

  it('in a long list, keeps every card in the page and lets the mouse and keyboard reach the last one', async () => {
    const { element } = await render({ personId: 'p-chen', events: manyObservations() });
    const all = cards(element);
    expect(all).to.have.length(60);
    // Cards off screen are not laid out until they come near it, but their content is there for
    // find-in-page and assistive technology.
    expect(textOf(all[59]!)).to.contain('Beth Evans observed Chen Li');
    expect(textOf(all[59]!)).to.contain('Students used the first ten minutes');
    const toggle = button(all[59]!, 'Share my observation notes');
    // A real click in the middle of a card that was never laid out: the card above it must not
    // change height between the scroll and the click.
    await click(toggle);
    await settle(element);
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(element.shadowRoot!.activeElement?.closest('[part="share"]')).to.not.equal(null);
    await click(button(all[59]!, 'Cancel'));
    await settle(element);
    expect(deepActiveElement()).to.equal(toggle);

    // From the top of the page, Tab reaches the same button, scrolled into view.
    window.scrollTo(0, 0);
    (document.activeElement as HTMLElement | null)?.blur();
    await tabTo(toggle);
    await press('Enter');
    await settle(element);
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    const box = toggle.getBoundingClientRect();
    expect(box.height).to.be.greaterThan(0);
    expect(box.top).to.be.at.least(0);
    expect(box.bottom).to.be.at.most(window.innerHeight);
    await expect(element).to.be.accessible();
  });

  it('prints every card in full, not just those that were on screen', async () => {
    const { element } = await render({ events: manyObservations() });
    const items = [...element.shadowRoot!.querySelectorAll('ol.observations > li')];
    expect(getComputedStyle(items[59]!).contentVisibility).to.equal('auto');
    await emulateMedia({ media: 'print' });
    try {
      expect(items.map((li) => getComputedStyle(li).contentVisibility)).to.deep.equal(items.map(() => 'visible'));
      expect(items[59]!.getBoundingClientRect().height).to.be.greaterThan(0);
    } finally {
      await emulateMedia({ media: 'screen' });
    }
  });

  it('shows an observation recorded by the form on the same page', async () => {
    const { element, store } = await renderWithSession<HTMLElement>(
      html`<div>
        <plc-observation-form enquiry-id="enq-feedback" today="2026-11-10"></plc-observation-form>
        <plc-observation-list enquiry-id="enq-feedback"></plc-observation-list>
      </div>`,
    );
    const form = element.querySelector('plc-observation-form')!;
    const list = element.querySelector('plc-observation-list')!;
    await settle(form);
    const select = field<HTMLSelectElement>(form, 'Colleague observed');
    select.focus();
    const { sendKeys } = await import('@web/test-runner-commands');
    await sendKeys({ type: 'Chen' });
    await click(button(form, 'Save observation'));
    await settle(form);
    await waitForText(list, 'Beth Evans observed Chen Li');
    expect((await store.readLog('enq-feedback')).at(-1)!.type).to.equal('observation.record');
  });

  it('follows the language at runtime', async () => {
    const { element, provider } = await render({ personId: 'p-eli', events: twoObservations() });
    provider.lang = 'es';
    await provider.updateComplete;
    await waitForText(element, 'Una observación privada');
    expect(textOf(element)).to.contain('solo lo ven las personas de la investigación');
    provider.lang = 'en-US';
    await provider.updateComplete;
    await waitForText(element, "for the inquiry's members");
  });
});
