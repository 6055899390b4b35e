/**
 * Two people change the driving question from the same starting point: nobody's words are lost.
 * Live (a colleague's version arrives while Eli types) and after an offline save (Fern's version,
 * written without seeing Eli's, sorts after it once both arrive), Eli sees both versions with the
 * differences marked and chooses keep mine, take theirs, or field by field.
 */
import { expect } from '@open-wc/testing';
import { html } from 'lit';
import '../../components/plc-question-editor/index.js';
import { seedDemo } from '../../examples/demo/seed.js';
import { createMemoryDrafts } from '../../src/store/drafts.js';
import type { DrivingQuestion } from '../../src/schema/enquiry.js';
import type { Store } from '../../src/store/store.js';
import { button, click, deepActiveElement, field, queryAllDeep, renderWithSession, settle, textOf, typeInto } from '../support/component-harness.js';
import { logBuilder, waitForText } from '../support/log-harness.js';
import { syncingStore } from '../support/syncing-store.js';
import { waitFor } from '../support/app-harness.js';

/** The question that stands in the log now. */
async function standing(store: Store): Promise<DrivingQuestion> {
  const drafts = (await store.readLog('enq-oracy')).filter((e) => e.type === 'question.draft');
  return drafts.at(-1)!.payload as unknown as DrivingQuestion;
}

/** Fern's version from another device, written a minute from now so it sorts after Eli's. */
async function fernSaves(store: Store, change: Partial<DrivingQuestion>): Promise<void> {
  const base = await standing(store);
  const log = logBuilder(new Date(Date.now() + 60_000).toISOString(), 'fern');
  await store.append('enq-oracy', [log.add('enq-oracy', 'question.draft', 'p-fern', { ...base, ...change } as unknown as Record<string, unknown>)]);
}

const conflictText = (element: Element) => textOf(queryAllDeep(element, '[part="conflict"]')[0]!);

describe('plc-question-editor: two versions from the same start', () => {
  it('saving over a colleague’s version that arrived while typing shows both; field by field keeps my rationale and their question', async () => {
    const store = syncingStore({ status: 'synced', waiting: 0, rejected: 0 });
    await seedDemo(store);
    const { element } = await renderWithSession(html`<plc-question-editor enquiry-id="enq-oracy" today="2026-11-10"></plc-question-editor>`, {
      store,
      seed: false,
      personId: 'p-eli',
      drafts: createMemoryDrafts(),
    });
    await typeInto(field(element, 'Why this question?'), 'Group work answers are single words; sentence stems help.');
    await fernSaves(store, { text: 'How do talk roles change the way Year 7 explain their reasoning?', rationale: 'Fern noticed silence in groups.' });
    await settle(element);
    // Eli's words stay in the form while Fern's version arrives.
    expect(field<HTMLTextAreaElement>(element, 'Why this question?').value).to.equal('Group work answers are single words; sentence stems help.');
    await click(button(element, 'Save draft'));
    await waitForText(element, 'Someone else saved this while you were editing it.');
    expect(deepActiveElement()?.id).to.equal('question-conflict');
    expect(conflictText(element)).to.contain('Why this question? Yours Group work answers are single words; sentence stems help. Theirs Fern noticed silence in groups.');
    expect(conflictText(element)).to.contain('Use theirs for “The question”');
    expect((await standing(store)).rationale).to.equal('Fern noticed silence in groups.');
    await expect(element).to.be.accessible();

    await click(button(element, 'Use theirs for “The question”'));
    await settle(element);
    await click(button(element, 'Keep mine (save over theirs)'));
    await waitForText(element, 'Draft saved.');
    const saved = await standing(store);
    expect(saved.rationale).to.equal('Group work answers are single words; sentence stems help.');
    expect(saved.text).to.equal('How do talk roles change the way Year 7 explain their reasoning?');
    expect(textOf(element)).not.to.contain('Someone else saved');
  });

  it('a version saved offline and replaced once a colleague’s arrives is offered back beside theirs; take theirs drops it', async () => {
    const store = syncingStore({ status: 'offline', waiting: 0, rejected: 0 });
    await seedDemo(store);
    const drafts = createMemoryDrafts();
    const { element } = await renderWithSession(html`<plc-question-editor enquiry-id="enq-oracy" today="2026-11-10"></plc-question-editor>`, {
      store,
      seed: false,
      personId: 'p-eli',
      drafts,
    });
    await typeInto(field(element, 'Which students?'), 'Year 7 and Year 8 mixed groups');
    await click(button(element, 'Save draft'));
    await waitForText(element, 'Saved on this device, not sent yet');
    // Back online: the exchange brings Fern's version, written from the same start without
    // Eli's, which sorts after it; then the store is synced.
    await fernSaves(store, { targetStudents: 'Year 7 only', rationale: 'Fern’s reason' });
    store.set({ status: 'synced', waiting: 0, rejected: 0 });
    await waitForText(element, 'Someone else saved this while you were editing it.');
    expect(field<HTMLInputElement>(element, 'Which students?').value).to.equal('Year 7 and Year 8 mixed groups');
    expect(conflictText(element)).to.contain('Which students? Yours Year 7 and Year 8 mixed groups Theirs Year 7 only');
    // Fern's rationale replaced nothing Eli wrote, so it is not in question.
    expect(conflictText(element)).not.to.contain('Why this question?');
    expect(queryAllDeep(element, '.conflict-field[data-field="targetStudents"] mark').map((m) => textOf(m))).to.deep.equal(['and Year 8 mixed groups', 'only']);
    await expect(element).to.be.accessible();

    await click(button(element, 'Take theirs (discard mine)'));
    await settle(element);
    expect(field<HTMLInputElement>(element, 'Which students?').value).to.equal('Year 7 only');
    expect(textOf(element)).not.to.contain('Someone else saved');
    await waitFor(async () => (await drafts.list('p-eli')).length === 0, 2000, 'the remembered version forgotten');
  });

  it('a colleague’s version written after mine reached the server is not a conflict, and mine is then forgotten', async () => {
    const store = syncingStore({ status: 'saved-locally', waiting: 1, rejected: 0 });
    await seedDemo(store);
    const drafts = createMemoryDrafts();
    const { element } = await renderWithSession(html`<plc-question-editor enquiry-id="enq-oracy" today="2026-11-10"></plc-question-editor>`, {
      store,
      seed: false,
      personId: 'p-eli',
      drafts,
    });
    await typeInto(field(element, 'Which students?'), 'Year 9');
    await click(button(element, 'Save draft'));
    await settle(element);
    expect((await drafts.list('p-eli')).map((e) => e.key)).to.deep.equal(['question/enq-oracy/sent']);
    store.set({ status: 'synced', waiting: 0, rejected: 0 });
    await waitFor(async () => (await drafts.list('p-eli'))[0]?.value !== undefined && 'confirmedAt' in ((await drafts.list('p-eli'))[0]!.value as object), 2000, 'the version confirmed');
    // Fern, a minute later, changes it having seen it.
    await fernSaves(store, { targetStudents: 'Year 9 and Year 10' });
    await settle(element);
    expect(field<HTMLInputElement>(element, 'Which students?').value).to.equal('Year 9 and Year 10');
    expect(textOf(element)).not.to.contain('Someone else saved');
    await waitFor(async () => (await drafts.list('p-eli')).length === 0, 2000, 'the remembered version forgotten');
  });
});
