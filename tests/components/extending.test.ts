/**
 * The extension examples (examples/extending) in the components: an integrator's evidence kind
 * gets an add form in "Add evidence" and its words in the active language; a kind given only as
 * a schema gets a form made from it; an integrator's stage gets its name, guidance, the step that
 * moves on (with the guard's reason while it would be refused) and a panel whose form takes
 * steps. Real typing and clicks in Chromium, axe on every screen.
 */
import { expect } from '@open-wc/testing';
import { html } from 'lit';
import * as z from 'zod/mini';
import '../../components/plc-evidence-board/index.js';
import '../../components/plc-enquiry/index.js';
import type { PlcEvidenceBoard } from '../../components/plc-evidence-board/plc-evidence-board.js';
import type { PlcEnquiry } from '../../components/plc-enquiry/plc-enquiry.js';
import { createEvidenceKinds, evidenceBase } from '../../src/schema/evidence.js';
import { createLifecycle } from '../../src/lifecycle/lifecycle.js';
import { homeworkLifecycle } from '../../examples/extending/homework-evidence.js';
import { homeworkView } from '../../examples/extending/homework-view.js';
import { coachingLifecycle } from '../../examples/extending/coaching-stage.js';
import { coachingView } from '../../examples/extending/coaching-view.js';
import { question } from '../../examples/extending/sample.js';
import { button, click, deepActiveElement, field, hasButton, queryAllDeep, renderWithSession, settle, textOf, typeInto } from '../support/component-harness.js';
import { ENQUIRY, evidenceStageEvents, testEventFactory, waitFor } from '../support/survey-harness.js';
import type { Store } from '../../src/store/store.js';

const added = async (store: Store) => (await store.readLog(ENQUIRY)).filter((e) => e.type === 'evidence.add').map((e) => e.payload);

describe("an integrator's evidence kind on the evidence board", () => {
  it('gets an add form from its description, checked field by field, and its words in Spanish', async () => {
    const { element, store, provider } = await renderWithSession<PlcEvidenceBoard>(html`<plc-evidence-board enquiry-id=${ENQUIRY}></plc-evidence-board>`, {
      lifecycle: homeworkLifecycle,
      evidenceViews: [homeworkView],
      events: evidenceStageEvents(),
    });
    await click(button(element, 'Homework'));
    await settle(element);
    expect(deepActiveElement()).to.equal(field(element, 'Title'));
    expect(textOf(queryAllDeep(element, 'legend')[0]!)).to.equal('New evidence: Homework');
    await typeInto(field(element, 'Title'), 'Autumn homework');
    await typeInto(field(element, 'Class'), '9E2');
    await typeInto(field(element, 'Students'), '28');
    await typeInto(field(element, 'Homework handed in before (%)'), '91.2');
    await typeInto(field(element, 'Homework handed in after (%)'), '120');
    await click(button(element, 'Add to the evidence'));
    await settle(element);
    // The description's own check, under its field, with focus there; nothing saved.
    expect(textOf(element)).to.contain('Homework handed in after cannot be above 100%.');
    expect(deepActiveElement()).to.equal(field(element, 'Homework handed in after (%)'));
    expect(await added(store)).to.deep.equal([]);
    await expect(element).to.be.accessible();

    await typeInto(field(element, 'Homework handed in after (%)'), '94.6');
    await click(button(element, 'Add to the evidence'));
    await waitFor(() => queryAllDeep(element, '.homework').length === 1, 'the homework item');
    expect(textOf(queryAllDeep(element, '.homework')[0]!)).to.equal('9E2: homework completion went from 91.2% to 94.6% (28 students).');
    const [item] = await added(store);
    expect(item).to.deep.include({ kind: 'homework', title: 'Autumn homework', group: '9E2', students: 28, before: 91.2, after: 94.6 });

    provider.lang = 'es';
    await waitFor(() => hasButton(element, 'Deberes'), 'the Spanish add button');
    const heading = queryAllDeep(element, '[part="group"] h3').find((h) => textOf(h).startsWith('Deberes'))!;
    expect(heading.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Deberes (1)');
    expect(textOf(queryAllDeep(element, '.homework')[0]!)).to.contain('la entrega de deberes pasó del 91.2% al 94.6%');
    provider.lang = 'en-GB';
    await waitFor(() => hasButton(element, 'Homework'), 'English again');
  });

  it('without a description, gets a form made from its schema; a kind a form cannot ask for gets no button', async () => {
    const lifecycle = createLifecycle({
      evidenceKinds: createEvidenceKinds({
        'reading-log': z.strictObject({ ...evidenceBase, kind: z.literal('reading-log'), booksRead: z.int().check(z.minimum(0)), shelf: z.optional(z.string()) }),
        'pupil-list': z.strictObject({ ...evidenceBase, kind: z.literal('pupil-list'), groups: z.array(z.string()) }),
      }),
    });
    const { element, store } = await renderWithSession<PlcEvidenceBoard>(html`<plc-evidence-board enquiry-id=${ENQUIRY}></plc-evidence-board>`, {
      lifecycle,
      events: evidenceStageEvents(),
    });
    expect(hasButton(element, 'Pupil list')).to.equal(false);
    await click(button(element, 'Reading log'));
    await settle(element);
    await typeInto(field(element, 'Title'), 'Autumn reading');
    await typeInto(field(element, 'Books read'), '4.5');
    await click(button(element, 'Add to the evidence'));
    await settle(element);
    expect(field(element, 'Books read').getAttribute('aria-invalid')).to.equal('true');
    expect(textOf(element)).to.contain('Enter a whole number, 0 or more.');
    await typeInto(field(element, 'Books read'), '42');
    expect(textOf(field(element, 'Shelf').labels![0]!)).to.contain('(optional)');
    await click(button(element, 'Add to the evidence'));
    await waitFor(() => textOf(element).includes('Saved: “Autumn reading” added to the evidence.'), 'saved');
    expect((await added(store))[0]).to.deep.include({ kind: 'reading-log', booksRead: 42 });
    expect((await added(store))[0]).to.not.have.property('shelf');
    await expect(element).to.be.accessible();
  });
});

/** A group enquiry of the feedback community, created when its lifecycle had the coaching stage, with its question approved. */
function coachedEnquiry() {
  const make = testEventFactory('coached');
  const id = 'enq-coached';
  return [
    make(id, 'enquiry.create', 'p-amir', {
      title: 'Feedback with a coach',
      kind: 'group',
      cycleId: 'cy-2026',
      themeId: 'th-afl',
      communityId: 'com-feedback',
      ownerIds: ['p-amir', 'p-beth', 'p-chen'],
      track: 'plc',
      stages: [...coachingLifecycle.stages],
    }),
    // The examples' question, whose planned actions let the enquiry into coaching.
    make(id, 'question.draft', 'p-beth', question()),
    make(id, 'question.submit', 'p-beth', {}),
    make(id, 'question.approve', 'p-amir', {}),
  ];
}

describe("an integrator's stage in the enquiry view", () => {
  it('shows its name, guidance and panel; its step waits for the guard, then moves on', async () => {
    const { element, provider } = await renderWithSession<PlcEnquiry>(html`<plc-enquiry enquiry-id="enq-coached"></plc-enquiry>`, {
      lifecycle: coachingLifecycle,
      stageViews: [coachingView],
      events: coachedEnquiry(),
    });
    const steps = queryAllDeep(element, '[part="step"] .step-name').map((s) => textOf(s).replace(' ( show this stage )', ''));
    expect(steps).to.deep.equal(['Theme', 'Driving question', 'Coaching', 'Observation', 'Evidence', 'Sharing', 'Shared']);
    expect(textOf(queryAllDeep(element, '#stage-heading')[0]!)).to.equal('Coaching');
    expect(textOf(element)).to.contain('Meet your coach to plan the actions before anyone is observed.');
    const done = button(element, 'Coaching done: move to observation');
    expect(done.getAttribute('aria-disabled')).to.equal('true');
    expect(textOf(element)).to.contain('Record at least one coaching session before moving on to observation.');
    expect(textOf(element)).to.contain('No coaching session recorded yet.');
    await expect(element).to.be.accessible();

    // The panel's own check, shown in the enquiry view's problem notice.
    await click(button(element, 'Record the session'));
    await waitFor(() => textOf(element).includes('Give the date and what was planned.'), 'the problem');
    await typeInto(field(element, 'Date of the session'), '09092025');
    await typeInto(field(element, 'What was planned'), 'Planned the green-pen routine.');
    await click(button(element, 'Record the session'));
    await waitFor(() => textOf(element).includes('2025-09-09 : Planned the green-pen routine.'), 'the session listed');
    await settle(element);
    expect(button(element, 'Coaching done: move to observation').getAttribute('aria-disabled')).to.equal('false');

    await click(button(element, 'Coaching done: move to observation'));
    await waitFor(() => textOf(queryAllDeep(element, '#stage-heading')[0]!) === 'Observation', 'observation');
    expect(deepActiveElement()?.id).to.equal('stage-heading');
    // The history tells the stage's own events as its description says.
    const history = textOf(queryAllDeep(element, '[part="history"]')[0]!);
    expect(history).to.contain('Beth Evans finished coaching');
    expect(history).to.contain('Beth Evans recorded a coaching session');

    provider.lang = 'es';
    await waitFor(() => queryAllDeep(element, '[part="step"] .step-name').some((s) => textOf(s).startsWith('Acompañamiento')), 'the Spanish stage name');
    provider.lang = 'en-GB';
    await waitFor(() => queryAllDeep(element, '[part="step"] .step-name').some((s) => textOf(s).startsWith('Coaching')), 'English again');
  });

  it('without a description, is named from its id and shows the host’s slot', async () => {
    const { element } = await renderWithSession<PlcEnquiry>(html`<plc-enquiry enquiry-id="enq-coached"><p slot="stage-coaching">The coaching log lives in the school portal.</p></plc-enquiry>`, {
      lifecycle: coachingLifecycle,
      events: coachedEnquiry(),
    });
    expect(textOf(queryAllDeep(element, '#stage-heading')[0]!)).to.equal('Coaching');
    expect(textOf(element)).to.contain('The coaching log lives in the school portal.');
    await expect(element).to.be.accessible();
  });
});
