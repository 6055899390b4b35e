/**
 * The reflection and the outcome take the same path as the driving question (StepFormController):
 * when a colleague's version of what a person is writing arrives, nothing is saved over it
 * unseen. Live (Chen saves while Beth types), after a reload (Beth's kept draft started before
 * Chen's save) and after an offline save (Chen's version, written without seeing Beth's, sorts
 * after it), Beth sees both versions with the differences marked and chooses keep mine, take
 * theirs, or field by field. Real clicks and keys in Chromium.
 */
import { expect } from '@open-wc/testing';
import { html } from 'lit';
import '../../components/plc-outcome-editor/index.js';
import { seedDemo } from '../../examples/demo/seed.js';
import { createMemoryDrafts, type DraftStore } from '../../src/store/drafts.js';
import type { Outcome, Reflection } from '../../src/schema/enquiry.js';
import type { Store } from '../../src/store/store.js';
import { button, click, deepActiveElement, field, queryAllDeep, renderWithSession, settle, textOf, typeInto } from '../support/component-harness.js';
import { feedbackToSharing, logBuilder, OUTCOME, REFLECTION, waitForText } from '../support/log-harness.js';
import { syncingStore } from '../support/syncing-store.js';
import { waitFor } from '../support/app-harness.js';

const ENQUIRY = 'enq-feedback';

/** The payload of the step of `type` that stands now (the last in merge order). */
async function standing<T>(store: Store, type: string): Promise<T> {
  return (await store.readLog(ENQUIRY)).filter((e) => e.type === type).at(-1)!.payload as unknown as T;
}

/** Chen, on another device, saves `type` a minute from now, so it sorts after anything Beth writes. */
async function chenSaves(store: Store, type: 'reflection.save' | 'outcome.save', payload: Reflection | Outcome): Promise<void> {
  const log = logBuilder(new Date(Date.now() + 60_000).toISOString(), 'chen');
  await store.append(ENQUIRY, [log.add(ENQUIRY, type, 'p-chen', { ...payload } as unknown as Record<string, unknown>)]);
}

/** A store with the feedback enquiry at the sharing stage, its reflection and outcome written. */
async function atSharing(store: Store = syncingStore({ status: 'synced', waiting: 0, rejected: 0 })): Promise<Store> {
  await seedDemo(store);
  const log = logBuilder();
  feedbackToSharing(log);
  log.add(ENQUIRY, 'reflection.save', 'p-beth', { ...REFLECTION });
  log.add(ENQUIRY, 'outcome.save', 'p-beth', { ...OUTCOME });
  await store.append(ENQUIRY, log.events);
  return store;
}

async function page(store: Store, drafts: DraftStore = createMemoryDrafts()) {
  return renderWithSession(html`<plc-outcome-editor enquiry-id=${ENQUIRY}></plc-outcome-editor>`, { store, seed: false, personId: 'p-beth', drafts });
}

const conflictText = (element: Element, part: string) => textOf(queryAllDeep(element, `#${part}-conflict`)[0]!);

describe('the reflection and the outcome: two versions from the same start', () => {
  it('saving the reflection over Chen’s version that arrived while typing shows both; field by field keeps my words and his', async () => {
    const store = await atSharing();
    const { element } = await page(store);
    await typeInto(field(element, 'What worked'), 'Peer marking too.');
    await chenSaves(store, 'reflection.save', { ...REFLECTION, whatDidNot: 'Chen: the questions took too long.', nextSteps: 'Chen: try it in maths.' });
    await settle(element);
    // Beth's words stay in the form while Chen's version arrives.
    expect(field<HTMLTextAreaElement>(element, 'What worked').value).to.equal('Peer marking too.');
    await click(button(element, 'Save reflection'));
    await waitForText(element, 'Someone else saved this while you were editing it.');
    expect(deepActiveElement()?.id).to.equal('reflection-conflict');
    const text = conflictText(element, 'reflection');
    expect(text).to.contain(`What did not Yours ${REFLECTION.whatDidNot} Theirs Chen: the questions took too long.`);
    expect(text).to.contain('Use theirs for “Next steps”');
    // Nothing was written over Chen's version.
    expect((await standing<Reflection>(store, 'reflection.save')).whatDidNot).to.equal('Chen: the questions took too long.');
    await expect(element).to.be.accessible();

    await click(button(element, 'Use theirs for “What did not”'));
    await settle(element);
    expect(textOf(queryAllDeep(element, '.conflict-field[data-field="whatDidNot"]')[0]!)).to.contain('Yours now reads the same as theirs.');
    await click(button(element, 'Keep mine (save over theirs)'));
    await waitForText(element, 'Reflection saved.');
    expect(await standing<Reflection>(store, 'reflection.save')).to.deep.equal({
      whatWorked: 'Peer marking too.',
      whatDidNot: 'Chen: the questions took too long.',
      nextSteps: REFLECTION.nextSteps,
    });
    expect(textOf(element)).not.to.contain('Someone else saved');
  });

  it('restoring an outcome kept before a reload over Chen’s later save shows both; take theirs drops mine', async () => {
    const store = await atSharing();
    const drafts = createMemoryDrafts();
    const first = await page(store, drafts);
    await typeInto(field(first.element, 'Summary for colleagues'), 'Beth’s summary, from the bus.');
    await settle(first.element);
    first.provider.remove();
    await chenSaves(store, 'outcome.save', { ...OUTCOME, summary: 'Chen’s summary.', findings: ['Chen’s finding'] });

    const second = await page(store, drafts);
    await waitFor(() => queryAllDeep(second.element, '[part="draft-prompt"]').length > 0, 3000, 'the restore prompt');
    await click(button(second.element, 'Restore'));
    await waitForText(second.element, 'Someone else saved this while you were editing it.');
    expect(field<HTMLTextAreaElement>(second.element, 'Summary for colleagues').value).to.equal('Beth’s summary, from the bus.');
    const text = conflictText(second.element, 'outcome');
    expect(text).to.contain('Summary for colleagues Yours');
    expect(text).to.contain('Findings');
    expect(queryAllDeep(second.element, '.conflict-field[data-field="summary"] mark').map((m) => textOf(m))).to.deep.equal(['Beth’s summary, from the bus.', 'Chen’s summary.']);
    await expect(second.element).to.be.accessible();

    await click(button(second.element, 'Take theirs (discard mine)'));
    await settle(second.element);
    expect(field<HTMLTextAreaElement>(second.element, 'Summary for colleagues').value).to.equal('Chen’s summary.');
    expect(textOf(second.element)).not.to.contain('Someone else saved');
    expect(textOf(second.element)).not.to.contain('Unsaved changes');
    await waitFor(async () => (await drafts.list('p-beth')).length === 0, 2000, 'the draft forgotten');
  });

  it('an outcome saved offline and replaced once Chen’s arrives is offered back; keep mine saves it over his', async () => {
    const store = syncingStore({ status: 'offline', waiting: 0, rejected: 0 });
    await atSharing(store);
    const drafts = createMemoryDrafts();
    const { element } = await page(store, drafts);
    await typeInto(field(element, 'Summary for colleagues'), 'Written in the staffroom with no signal.');
    await click(button(element, 'Save outcome'));
    await waitForText(element, 'Saved on this device, not sent yet');
    // Back online: the exchange brings Chen's version, written from the same start without Beth's.
    await chenSaves(store, 'outcome.save', { ...OUTCOME, summary: 'Chen’s summary.' });
    store.set({ status: 'synced', waiting: 0, rejected: 0 });
    await waitForText(element, 'Someone else saved this while you were editing it.');
    expect(field<HTMLTextAreaElement>(element, 'Summary for colleagues').value).to.equal('Written in the staffroom with no signal.');
    expect(conflictText(element, 'outcome')).to.contain('Theirs Chen’s summary.');
    await click(button(element, 'Keep mine (save over theirs)'));
    await waitForText(element, 'Outcome saved.');
    expect((await standing<Outcome>(store, 'outcome.save')).summary).to.equal('Written in the staffroom with no signal.');
    expect(textOf(element)).not.to.contain('Someone else saved');
  });
});
