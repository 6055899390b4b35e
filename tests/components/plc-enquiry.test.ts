import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import '../../components/plc-enquiry/index.js';
import type { PlcEnquiry } from '../../components/plc-enquiry/plc-enquiry.js';
import type { PlcStageChangeEvent } from '../../components/events/stage-change.js';
import { createMemoryStore } from '../../src/store/memory.js';
import type { Store } from '../../src/store/store.js';
import { createLifecycle, defaultLifecycle } from '../../src/lifecycle/lifecycle.js';
import * as z from 'zod/mini';
import { seedDemo } from '../../examples/demo/seed.js';
import type { PlcProvider } from '../../components/plc-provider/plc-provider.js';
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
  type SessionOptions,
} from '../support/component-harness.js';
import { feedbackToSharing, logBuilder, observation } from '../support/log-harness.js';
import { waitFor, waitForText } from '../support/app-harness.js';

async function render(enquiryId: string, options: SessionOptions = {}) {
  const result = await renderWithSession<PlcEnquiry>(html`<plc-enquiry enquiry-id=${enquiryId}></plc-enquiry>`, options);
  await result.element.loaded;
  await settle(result.element);
  return result;
}

const root = (element: PlcEnquiry) => element.shadowRoot!;
const stepOf = (element: PlcEnquiry, stage: string) =>
  [...root(element).querySelectorAll('li.step')].find((li) => li.querySelector('.step-name')?.textContent?.includes(stage))!;
const current = (element: PlcEnquiry) => root(element).querySelector('li.step[aria-current="step"]')!;
const stageHeading = (element: PlcEnquiry) => root(element).querySelector<HTMLElement>('#stage-heading')!;
const live = (element: PlcEnquiry) => root(element).querySelector('[aria-live]')!;
const types = async (store: Store, id: string) => (await store.readLog(id)).map((e) => e.type);

/** The feedback enquiry with one observation recorded: ready to start gathering evidence. */
function observed() {
  const log = logBuilder();
  log.add('enq-feedback', 'observation.record', 'p-beth', observation() as unknown as Record<string, unknown>);
  return log.events;
}

/** An individual project with no theme yet: it waits at the theme stage. */
function themeless() {
  const log = logBuilder('2026-11-03T09:00:00.000Z', 'own');
  log.add('enq-own', 'enquiry.create', 'p-chen', {
    title: 'Retrieval starters',
    kind: 'individual',
    cycleId: 'cy-2026',
    ownerIds: ['p-chen'],
    track: 'plc',
    stages: [...defaultLifecycle.stages],
  });
  return log.events;
}

describe('plc-enquiry', () => {
  it('shows the header, the stepper with the current stage and why the next is locked, and the history', async () => {
    const { element } = await render('enq-feedback');
    const header = textOf(root(element).querySelector('header')!);
    expect(header).to.contain('Engaging with written feedback');
    expect(header).to.contain('Assessment for learning');
    expect(header).to.contain('Feedback that moves learning');
    expect(header).to.contain('Amir Khan, Beth Evans and Chen Li');
    expect(header).to.contain('In progress');

    expect(textOf(current(element))).to.contain('Observation');
    expect(textOf(current(element))).to.contain('Current stage');
    expect(textOf(stepOf(element, 'Theme'))).to.contain('Done');
    expect(textOf(stepOf(element, 'Driving question'))).to.contain('Done');
    const evidence = textOf(stepOf(element, 'Evidence'));
    expect(evidence).to.contain('Locked');
    expect(evidence).to.contain('Record at least 1 observation(s) before gathering evidence (0 so far).');
    expect(textOf(stepOf(element, 'Sharing'))).to.contain('Not yet');

    expect(stageHeading(element).textContent).to.contain('Observation');
    const start = button(element, 'Start gathering evidence');
    expect(start.getAttribute('aria-disabled')).to.equal('true');
    const why = root(element).getElementById(start.getAttribute('aria-describedby')!)!;
    expect(why.textContent).to.contain('Record at least 1 observation');
    expect(queryAllDeep(element, 'plc-observation-form')).to.have.length(1);
    expect(queryAllDeep(element, 'plc-observation-list')).to.have.length(1);

    const history = textOf(root(element).querySelector('.history')!);
    expect(history).to.contain('Amir Khan started the enquiry “Engaging with written feedback”');
    expect(history).to.contain('Beth Evans submitted the driving question');
    expect(history).to.contain('Amir Khan approved the driving question');
    expect(history).to.contain('A clear, open question.');
    await expect(element).to.be.accessible();
  });

  it('is accessible in dark mode', async () => {
    const { element } = await render('enq-feedback', { theme: 'dark', events: observed() });
    await expect(element).to.be.accessible();
  });

  it('starts gathering evidence: the stage moves, focus lands on the new heading and the live region says so', async () => {
    const { element, store } = await render('enq-feedback', { events: observed() });
    expect(textOf(stepOf(element, 'Evidence'))).to.contain('Ready to start.');
    const changes: PlcStageChangeEvent[] = [];
    element.addEventListener('plc-stage-change', (e) => changes.push(e));
    const start = button(element, 'Start gathering evidence');
    expect(start.getAttribute('aria-disabled')).to.equal('false');
    await click(start);
    await waitFor(() => stageHeading(element).textContent!.includes('Evidence'));
    await settle(element);
    expect(deepActiveElement()).to.equal(stageHeading(element));
    expect(live(element).textContent).to.contain('Stage now: Evidence');
    expect(textOf(current(element))).to.contain('Evidence');
    expect(changes.map((c) => c.to)).to.include('evidence');
    expect((await types(store, 'enq-feedback')).at(-1)).to.equal('evidence.start');
    expect(queryAllDeep(element, 'plc-evidence-board')).to.have.length(1);
    const sharing = textOf(stepOf(element, 'Sharing'));
    expect(sharing).to.contain('Add at least 2 piece(s) of evidence before sharing (0 so far).');
    await expect(element).to.be.accessible();
  });

  it('follows a change another element makes to the same enquiry', async () => {
    const { element, store, provider } = await render('enq-feedback');
    const session = provider.session!;
    const event = session.newEvent('enq-feedback', 'observation.record', observation() as unknown as Record<string, unknown>);
    await store.append('enq-feedback', [event]);
    await waitForText(element, 'Beth Evans recorded an observation of Chen Li');
    expect(button(element, 'Start gathering evidence').getAttribute('aria-disabled')).to.equal('false');
  });

  it('pauses and resumes, moving focus to the action that replaced the pressed one', async () => {
    const { element, store } = await render('enq-feedback');
    await click(button(element, 'Pause'));
    await waitForText(element, 'This enquiry is paused. Resume it to carry on.');
    await settle(element);
    expect(deepActiveElement()?.textContent?.trim()).to.equal('Resume');
    expect(live(element).textContent).to.contain('Enquiry paused.');
    expect(hasButton(element, 'Start gathering evidence')).to.equal(false);
    expect(textOf(stepOf(element, 'Evidence'))).to.contain('This enquiry is paused: resume it first.');
    await expect(element).to.be.accessible();
    await press('Enter');
    await waitFor(() => hasButton(element, 'Pause'));
    expect((await types(store, 'enq-feedback')).slice(-2)).to.deep.equal(['enquiry.pause', 'enquiry.resume']);
  });

  it('withdraws only after a confirm step with a reason, then offers to archive', async () => {
    const { element, store } = await render('enq-feedback');
    await click(button(element, 'Withdraw'));
    await settle(element);
    expect(deepActiveElement()?.id).to.equal('confirm-heading');
    expect(textOf(element)).to.contain('Withdraw this enquiry?');
    await click(button(element, 'Withdraw the enquiry'));
    await settle(element);
    expect(textOf(element)).to.contain('Give a reason so the people in the enquiry know why.');
    const reason = field<HTMLTextAreaElement>(element, 'Why is it being withdrawn?');
    expect(deepActiveElement()).to.equal(reason);
    expect(reason.getAttribute('aria-describedby')).to.equal('reason-error');
    await expect(element).to.be.accessible();
    expect(await types(store, 'enq-feedback')).to.not.include('enquiry.withdraw');

    await typeInto(reason, 'Amir is leaving at Christmas.');
    await click(button(element, 'Withdraw the enquiry'));
    await waitForText(element, 'This enquiry was withdrawn.');
    const log = await store.readLog('enq-feedback');
    expect(log.at(-1)).to.deep.include({ type: 'enquiry.withdraw', authorId: 'p-beth' });
    expect(log.at(-1)!.payload).to.deep.equal({ reason: 'Amir is leaving at Christmas.' });
    expect(textOf(root(element).querySelector('.history')!)).to.contain('Beth Evans withdrew the enquiry');
    expect(textOf(root(element).querySelector('.history')!)).to.contain('Amir is leaving at Christmas.');
    expect(textOf(root(element).querySelector('header')!)).to.contain('Withdrawn');

    await click(button(element, 'Archive'));
    await settle(element);
    expect(textOf(element)).to.contain('Archive this enquiry?');
    await click(root(element).querySelector<HTMLButtonElement>('form.confirm button[type="submit"]')!);
    await waitForText(element, 'This enquiry is archived: it can be read but no longer changed.');
    expect((await types(store, 'enq-feedback')).at(-1)).to.equal('enquiry.archive');
    expect(root(element).querySelectorAll('[data-action]')).to.have.length(0);
    expect(live(element).textContent).to.contain('Enquiry archived.');
    await expect(element).to.be.accessible();
  });

  it('shows the latest history first and all of it on request', async () => {
    const log = logBuilder();
    for (let i = 0; i < 30; i += 1) log.add('enq-feedback', 'enquiry.rename', 'p-beth', { title: `Title ${i}` });
    const { element } = await render('enq-feedback', { events: log.events });
    const entries = () => root(element).querySelectorAll('.timeline li');
    expect(entries()).to.have.length(25);
    expect(textOf(entries()[0]!)).to.contain('Beth Evans renamed the enquiry “Title 29”');
    const more = button(element, 'Show all 34 events');
    expect(more.getAttribute('aria-expanded')).to.equal('false');
    await click(more);
    await settle(element);
    expect(entries()).to.have.length(34);
    expect(button(element, 'Show only the latest').getAttribute('aria-expanded')).to.equal('true');
  });

  it("shows an integrator's stage in the stepper, with its panel from a slot, and passes it over for older enquiries", async () => {
    const lifecycle = createLifecycle({
      stages: [{ id: 'coaching', after: 'question', on: { 'coaching.complete': { advances: true } } }],
      events: { 'coaching.complete': z.object({}) },
    });
    const log = logBuilder('2026-11-03T09:00:00.000Z', 'coach');
    log.add('enq-coached', 'enquiry.create', 'p-chen', {
      title: 'Coached questioning',
      kind: 'individual',
      cycleId: 'cy-2026',
      themeId: 'th-afl',
      ownerIds: ['p-chen'],
      track: 'plc',
      stages: [...lifecycle.stages],
    });
    log.add('enq-coached', 'question.draft', 'p-chen', { text: 'How can hinge questions show who needs help?', rationale: '', targetStudents: 'Year 8', plannedActions: [], successCriteria: ['Fewer surprises in tests'], plannedEvidence: [] });
    log.add('enq-coached', 'question.submit', 'p-chen');
    log.add('enq-coached', 'question.approve', 'p-clare');
    const { element } = await renderWithSession<PlcEnquiry>(
      html`<plc-enquiry enquiry-id="enq-coached"><p slot="stage-coaching">Book a session with your coach.</p></plc-enquiry>`,
      { lifecycle, personId: 'p-chen', events: log.events },
    );
    await element.loaded;
    await settle(element);
    expect(textOf(current(element))).to.contain('Coaching');
    expect(root(element).querySelectorAll('li.step')).to.have.length(7);
    expect(stageHeading(element).textContent).to.contain('Coaching');
    const slot = root(element).querySelector<HTMLSlotElement>('slot[name="stage-coaching"]')!;
    expect(slot.assignedElements()[0]!.textContent).to.equal('Book a session with your coach.');
    await expect(element).to.be.accessible();

    const older = await render('enq-feedback', { lifecycle });
    expect(root(older.element).querySelectorAll('li.step')).to.have.length(6);
    expect(textOf(root(older.element).querySelector('.stepper')!)).to.not.contain('Coaching');
  });

  it('cancels a confirm step and returns focus to the button that opened it', async () => {
    const { element, store } = await render('enq-feedback', { events: observed() });
    await click(button(element, 'Back to the question'));
    await settle(element);
    await click(button(element, 'Cancel'));
    await settle(element);
    expect(deepActiveElement()?.textContent?.trim()).to.equal('Back to the question');
    expect(await types(store, 'enq-feedback')).to.not.include('question.refine');
  });

  it('chooses a theme at the theme stage with the keyboard', async () => {
    const { element, store } = await render('enq-own', { personId: 'p-chen', events: themeless() });
    expect(textOf(current(element))).to.contain('Theme');
    expect(textOf(stepOf(element, 'Driving question'))).to.contain('Choose a theme first.');
    await expect(element).to.be.accessible();
    const first = field<HTMLInputElement>(element, 'Strategic learning');
    first.focus();
    await press('ArrowDown');
    await settle(element);
    expect(field<HTMLInputElement>(element, 'Literacy').checked).to.equal(true);
    await tabTo(button(element, 'Choose this theme'));
    await press('Enter');
    await waitFor(() => stageHeading(element).textContent!.includes('Driving question'));
    await settle(element);
    expect(deepActiveElement()).to.equal(stageHeading(element));
    const log = await store.readLog('enq-own');
    expect(log.at(-1)).to.deep.include({ type: 'theme.choose', payload: { themeId: 'th-literacy' } });
    expect(queryAllDeep(element, 'plc-question-editor')).to.have.length(1);
    expect(textOf(root(element).querySelector('header')!)).to.contain('Literacy');
  });

  it('lets a person look at an earlier stage and come back', async () => {
    const { element } = await render('enq-feedback');
    await click(button(element, /Driving question/));
    await settle(element);
    expect(stageHeading(element).textContent).to.contain('(earlier stage)');
    expect(deepActiveElement()).to.equal(stageHeading(element));
    expect(queryAllDeep(element, 'plc-question-editor')).to.have.length(1);
    expect(hasButton(element, 'Start gathering evidence')).to.equal(false);
    await expect(element).to.be.accessible();
    await click(button(element, 'Back to the current stage: Observation'));
    await settle(element);
    expect(stageHeading(element).textContent).to.not.contain('(earlier stage)');
  });

  it('shows refused events in the history with their reason', async () => {
    const log = logBuilder();
    log.add('enq-feedback', 'sharing.start', 'p-beth');
    const { element } = await render('enq-feedback', { events: log.events });
    const refused = root(element).querySelector('.timeline li.refused')!;
    expect(textOf(refused)).to.contain('Refused');
    expect(textOf(refused)).to.contain('Beth Evans moved the enquiry to sharing');
    expect(textOf(refused)).to.contain('This cannot be done at the Observation stage.');
    await expect(element).to.be.accessible();
  });

  it('in sharing offers to gather more evidence, with an optional reason', async () => {
    const log = logBuilder();
    feedbackToSharing(log);
    const { element, store } = await render('enq-feedback', { events: log.events });
    expect(textOf(current(element))).to.contain('Sharing');
    expect(textOf(stepOf(element, 'Shared'))).to.contain('Write your reflection');
    expect(queryAllDeep(element, 'plc-outcome-editor')).to.have.length(1);
    await click(button(element, 'Gather more evidence'));
    await settle(element);
    await click(root(element).querySelector<HTMLButtonElement>('form.confirm button[type="submit"]')!);
    await waitFor(() => stageHeading(element).textContent!.includes('Evidence'));
    expect((await store.readLog('enq-feedback')).at(-1)).to.deep.include({ type: 'evidence.reopen', payload: {} });
  });

  it('hides the actions from someone who is not a member, and says why', async () => {
    const { element } = await render('enq-feedback', { personId: 'p-eli', events: observed() });
    expect(hasButton(element, 'Start gathering evidence')).to.equal(false);
    expect(hasButton(element, 'Pause')).to.equal(false);
    expect(hasButton(element, 'Withdraw')).to.equal(false);
    expect(textOf(element)).to.contain('You are following this enquiry. Only its members can change it.');
    await expect(element).to.be.accessible();
  });

  it('shows states for nobody signed in, a missing enquiry, a failed load and no provider', async () => {
    const signedOut = await render('enq-feedback', { personId: '' });
    expect(textOf(signedOut.element)).to.contain('Choose who you are to take part in this enquiry.');
    expect(hasButton(signedOut.element, 'Pause')).to.equal(false);
    await expect(signedOut.element).to.be.accessible();

    const missing = await render('enq-nowhere');
    expect(textOf(missing.element)).to.contain('This enquiry could not be found');
    await expect(missing.element).to.be.accessible();

    let fail = true;
    const real = createMemoryStore({ lifecycle: defaultLifecycle });
    const store = new Proxy(real, {
      get: (target, key) =>
        key === 'readLog' ? (id: string) => (fail ? Promise.reject(new Error('disk on fire')) : target.readLog(id)) : Reflect.get(target, key, target),
    });
    const broken = await render('enq-feedback', { store, theme: 'dark' });
    expect(textOf(broken.element)).to.contain('This enquiry could not be loaded');
    expect(textOf(broken.element)).to.contain('disk on fire');
    await expect(broken.element).to.be.accessible();
    fail = false;
    await click(button(broken.element, 'Try again'));
    await waitForText(broken.element, 'Engaging with written feedback');

    const bare = await fixture<PlcEnquiry>(html`<plc-enquiry enquiry-id="enq-feedback"></plc-enquiry>`);
    expect(textOf(bare)).to.contain('plc-provider');
    await expect(bare).to.be.accessible();
  });

  it('shows a loading state while the log is read', async () => {
    const real = createMemoryStore({ lifecycle: defaultLifecycle });
    await seedDemo(real);
    const store = new Proxy(real, {
      get: (target, key) => (key === 'readLog' ? () => new Promise(() => {}) : Reflect.get(target, key, target)),
    });
    const provider = await fixture<PlcProvider>(
      html`<plc-provider .store=${store} person-id="p-beth"><plc-enquiry enquiry-id="enq-feedback"></plc-enquiry></plc-provider>`,
    );
    await provider.ready;
    const element = provider.querySelector('plc-enquiry')!;
    await element.updateComplete;
    expect(textOf(element)).to.contain('Loading the enquiry');
    await expect(element).to.be.accessible();
  });

  it('is driven by the keyboard alone: Tab to the action, Space/Enter, focus on the new stage heading', async () => {
    const { element, store } = await render('enq-feedback', { events: observed() });
    const start = button(element, 'Start gathering evidence');
    await tabTo(start);
    await press('Space');
    await waitFor(() => stageHeading(element).textContent!.includes('Evidence'));
    await settle(element);
    expect(deepActiveElement()).to.equal(stageHeading(element));
    expect(live(element).textContent).to.contain('Stage now: Evidence');

    // Back to the question, through the confirm step, all with keys.
    await tabTo(button(element, 'Back to the question'));
    await press('Enter');
    await settle(element);
    expect(deepActiveElement()?.id).to.equal('confirm-heading');
    await press('Tab');
    expect(deepActiveElement()?.id).to.equal('reason');
    await typeInto(deepActiveElement() as HTMLTextAreaElement, 'Sharpen the success criteria');
    await press('Tab');
    await press('Enter');
    await waitFor(() => stageHeading(element).textContent!.includes('Driving question'));
    await settle(element);
    expect(deepActiveElement()).to.equal(stageHeading(element));
    expect(live(element).textContent).to.contain('Stage now: Driving question');
    const log = await store.readLog('enq-feedback');
    expect(log.at(-1)).to.deep.include({ type: 'question.refine', payload: { reason: 'Sharpen the success criteria' } });
  });

  it('re-renders in en-US and Spanish when the language changes', async () => {
    const { element, provider } = await render('enq-feedback');
    provider.lang = 'en-US';
    await provider.updateComplete;
    await waitForText(element, 'Amir Khan started the inquiry');
    provider.lang = 'es';
    await provider.updateComplete;
    await waitForText(element, 'Empezar a reunir evidencias');
    expect(textOf(element)).to.contain('Historial');
    provider.lang = 'en-GB';
    await provider.updateComplete;
    await waitForText(element, 'Start gathering evidence');
  });
});
