/**
 * Drafts kept on the device as people type, in real Chromium with IndexedDB: a "reload" (a new
 * provider and a new drafts database connection on the same store) in the middle of typing
 * offers the words back; restoring fills the form, discarding forgets them; a page with unsaved
 * changes asks before it is left; saving clears the draft; signing out removes it.
 */
import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { deleteDB } from 'idb';
import '../../components/plc-question-editor/index.js';
import '../../components/plc-meeting/index.js';
import '../../components/plc-observation-form/index.js';
import '../../components/plc-outcome-editor/index.js';
import '../../components/plc-evidence-board/index.js';
import type { TemplateResult } from 'lit';
import type { DomainEvent } from '../../src/lifecycle/events.js';
import { evidenceStageEvents, feedbackSurvey } from '../support/survey-harness.js';
import { feedbackToSharing, logBuilder } from '../support/log-harness.js';
import { walkRecord } from '../support/leaders-harness.js';
import '../../components/plc-learning-walk/index.js';
import '../../components/plc-sharing-session/index.js';
import '../../components/plc-survey-builder/index.js';
import '../../components/plc-cycle-admin/index.js';
import type { Meeting } from '../../src/schema/directory.js';
import { openIndexedDbDrafts, type DraftStore } from '../../src/store/drafts.js';
import { createMemoryStore } from '../../src/store/memory.js';
import type { Store } from '../../src/store/store.js';
import { hasUnsavedDrafts } from '../../components/controllers/draft-controller.js';
import { button, click, field, press, queryAllDeep, renderWithSession, settle, textOf, typeInto } from '../support/component-harness.js';
import { waitFor } from '../support/app-harness.js';

let counter = 0;
const opened: DraftStore[] = [];
let name = '';

async function drafts(): Promise<DraftStore> {
  const store = await openIndexedDbDrafts(name);
  opened.push(store);
  return store;
}

/** Renders the question editor for `personId` on `store` with drafts in this test's database: one page load. */
async function page(store: Store, personId = 'p-eli') {
  return renderWithSession(html`<plc-question-editor enquiry-id="enq-oracy" today="2026-11-10"></plc-question-editor>`, {
    store,
    seed: false,
    personId,
    drafts: await drafts(),
  });
}

async function seeded(): Promise<Store> {
  const { seedDemo } = await import('../../examples/demo/seed.js');
  const store = createMemoryStore();
  await seedDemo(store);
  return store;
}

const MEETING: Meeting = {
  schemaVersion: 1,
  id: 'mtg-october',
  communityId: 'com-feedback',
  date: '2026-10-08',
  protocol: 'data-analysis',
  agenda: [{ title: 'Look at the Year 9 books', minutes: 20 }],
  notes: 'Feedback is written but rarely acted on.',
  decisions: ['Try feedback as questions'],
  attendance: [
    { personId: 'p-amir', present: true },
    { personId: 'p-beth', present: true },
  ],
  enquiryIds: [],
};

/** The October meeting open in the meeting editor for Amir (its lead): one page load. */
async function meetingPage(store: Store) {
  const result = await renderWithSession(html`<plc-meeting community-id="com-feedback" meeting-id="mtg-october"></plc-meeting>`, {
    store,
    seed: false,
    personId: 'p-amir',
    drafts: await drafts(),
  });
  await settle(result.element);
  return result;
}

/**
 * Types `text` into the field labelled `label` of `template` (after `open`, on the first page),
 * "reloads", restores the prompt's offer and checks the words are back in the field.
 */
async function reloadRestores(
  template: TemplateResult,
  options: {
    personId: string;
    events?: DomainEvent[];
    records?: (store: Store) => Promise<void>;
    label: string;
    text: string;
    /** Opens the form on the first page; `reopen` on the second (a record editor offers its draft once the record is open). */
    open?: (element: Element) => Promise<void>;
    reopen?: (element: Element) => Promise<void>;
  },
): Promise<void> {
  const store = await seeded();
  for (const event of options.events ?? []) await store.append(event.enquiryId, [event]);
  await options.records?.(store);
  const load = async () => {
    const result = await renderWithSession(template, { store, seed: false, personId: options.personId, drafts: await drafts() });
    await settle(result.element);
    return result;
  };
  const first = await load();
  await options.open?.(first.element);
  await typeInto(field(first.element, options.label), options.text);
  await settle(first.element);
  first.provider.remove();
  const second = await load();
  await options.reopen?.(second.element);
  await waitFor(() => prompt(second.element) !== undefined, 3000, 'the restore prompt');
  await settle(second.element);
  // Not filled in before Restore (a form that opens on Restore, the evidence's, is not there yet).
  const before = queryAllDeep<HTMLInputElement>(second.element, 'input, textarea').map((control) => control.value);
  expect(before, 'not filled before Restore').not.to.include(options.text);
  // By keyboard: the mouse would aim at where the button was before a chart resized (the walk's).
  button(second.element, 'Restore').focus();
  await press('Enter');
  await settle(second.element);
  expect(field<HTMLInputElement>(second.element, options.label).value).to.equal(options.text);
}

/** Events that take the feedback enquiry on to sharing, where its outcome is written. */
function sharingStageEvents(): DomainEvent[] {
  const log = logBuilder();
  feedbackToSharing(log);
  return log.events;
}

const prompt = (root: Element) => queryAllDeep(root, '[part="draft-prompt"]')[0];

describe('drafts kept as people type', () => {
  beforeEach(() => {
    name = `plc-test-drafts-${Date.now().toString(36)}-${(counter += 1)}`;
  });
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    await deleteDB(name);
  });

  it('offers the words typed before a reload back, and restores them', async () => {
    const store = await seeded();
    const first = await page(store);
    await typeInto(field(first.element, 'Why this question?'), 'Students rarely talk in pairs before writing');
    expect(hasUnsavedDrafts()).to.equal(true);
    await settle(first.element);
    first.provider.remove();

    const second = await page(store);
    await waitFor(() => prompt(second.element) !== undefined, 3000, 'the restore prompt');
    expect(textOf(prompt(second.element)!)).to.match(/Unsaved changes from \d{1,2}:\d{2}/);
    expect(field<HTMLTextAreaElement>(second.element, 'Why this question?').value).not.to.contain('rarely talk');
    await expect(second.element).to.be.accessible();
    await click(button(second.element, 'Restore'));
    await settle(second.element);
    expect(field<HTMLTextAreaElement>(second.element, 'Why this question?').value).to.equal('Students rarely talk in pairs before writing');
    expect(prompt(second.element)).to.equal(undefined);
    expect(textOf(second.element)).to.contain('Unsaved changes');
  });

  it('forgets a discarded draft', async () => {
    const store = await seeded();
    const first = await page(store);
    await typeInto(field(first.element, 'Which students?'), 'Year 8 set 3');
    await settle(first.element);
    first.provider.remove();
    const second = await page(store);
    await waitFor(() => prompt(second.element) !== undefined, 3000, 'the restore prompt');
    await click(button(second.element, 'Discard'));
    await settle(second.element);
    expect(prompt(second.element)).to.equal(undefined);
    expect(await (await drafts()).get('p-eli', 'question/enq-oracy')).to.equal(undefined);
    second.provider.remove();
    const third = await page(store);
    expect(prompt(third.element)).to.equal(undefined);
  });

  it('asks before the page is left with unsaved changes, and clears the draft once saved', async () => {
    const store = await seeded();
    const { element } = await page(store);
    await typeInto(field(element, 'Which students?'), 'Year 10 history');
    const leaving = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(leaving);
    expect(leaving.defaultPrevented).to.equal(true);
    await settle(element);
    expect((await (await drafts()).get('p-eli', 'question/enq-oracy'))?.value).to.have.property('targetStudents', 'Year 10 history');
    await click(button(element, 'Save draft'));
    await settle(element);
    expect(textOf(element)).to.contain('Draft saved');
    const after = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(after);
    expect(after.defaultPrevented).to.equal(false);
    expect(await (await drafts()).get('p-eli', 'question/enq-oracy')).to.equal(undefined);
  });

  it("removes a person's drafts when they sign out, and keeps each person's apart", async () => {
    const store = await seeded();
    const { element, provider } = await page(store);
    await typeInto(field(element, 'Which students?'), 'Year 11 geography');
    await settle(element);
    const kept = await drafts();
    expect(await kept.list('p-eli')).to.have.length(1);
    expect(await kept.list('p-beth')).to.have.length(0);
    provider.personId = undefined;
    await waitFor(async () => (await kept.list('p-eli')).length === 0, 3000, 'the drafts removed');
  });

  it('restores meeting notes typed before a reload, and saves them', async () => {
    const store = await seeded();
    await store.put('meetings', MEETING, 0);
    const first = await meetingPage(store);
    await typeInto(field(first.element, 'Notes'), 'Half the group tried DIRT time and');
    await settle(first.element);
    first.provider.remove();

    const second = await meetingPage(store);
    await waitFor(() => prompt(second.element) !== undefined, 3000, 'the restore prompt');
    await expect(second.element).to.be.accessible();
    await click(button(second.element, 'Restore'));
    await settle(second.element);
    expect(field<HTMLTextAreaElement>(second.element, 'Notes').value).to.equal('Half the group tried DIRT time and');
    await click(button(second.element, 'Save the meeting'));
    await waitFor(async () => (await store.get('meetings', 'mtg-october'))?.version === 2, 3000, 'the meeting saved');
    expect((await store.get('meetings', 'mtg-october'))!.record.notes).to.equal('Half the group tried DIRT time and');
    await settle(second.element);
    expect(await (await drafts()).list('p-amir')).to.deep.equal([]);
  });

  it('restoring over a colleague’s later save shows both, and field by field keeps my notes with their decisions', async () => {
    const store = await seeded();
    await store.put('meetings', MEETING, 0);
    const first = await meetingPage(store);
    await typeInto(field(first.element, 'Notes'), 'My notes from the meeting');
    await settle(first.element);
    first.provider.remove();
    // Meanwhile Beth saves the meeting from her laptop.
    await store.put('meetings', { ...MEETING, notes: 'Beth wrote these notes', decisions: ['Try feedback as questions', 'Model DIRT time'] }, 1);

    const second = await meetingPage(store);
    await waitFor(() => prompt(second.element) !== undefined, 3000, 'the restore prompt');
    await click(button(second.element, 'Restore'));
    await settle(second.element);
    const conflict = textOf(queryAllDeep(second.element, '[part="conflict"]')[0]!);
    expect(conflict).to.contain('Someone else saved this while you were editing it.');
    expect(conflict).to.contain('Notes Yours My notes from the meeting Theirs Beth wrote these notes');
    expect(queryAllDeep(second.element, '.conflict-field[data-field="notes"] mark').map((m) => textOf(m))).to.deep.equal(['My notes from the meeting', 'Beth wrote these notes']);
    await expect(second.element).to.be.accessible();
    await click(button(second.element, 'Use theirs for “Decisions”'));
    await settle(second.element);
    expect(textOf(queryAllDeep(second.element, '.conflict-field[data-field="decisions"]')[0]!)).to.contain('Yours now reads the same as theirs.');
    await click(button(second.element, 'Keep mine (save over theirs)'));
    await waitFor(async () => (await store.get('meetings', 'mtg-october'))?.version === 3, 3000, 'the meeting saved');
    const saved = (await store.get('meetings', 'mtg-october'))!.record;
    expect(saved.notes).to.equal('My notes from the meeting');
    expect(saved.decisions).to.deep.equal(['Try feedback as questions', 'Model DIRT time']);
  });

  /** Every editor the issue names, one row each: typed, reloaded mid-sentence, restored. */
  const editSurvey = async (element: Element) => {
    await click(button(element, `Edit: ${feedbackSurvey().title}`));
    await settle(element);
  };
  const editRow = (name: string) => async (element: Element) => {
    await click(button(element, `Edit ${name}`));
    await settle(element);
  };
  const EDITORS: Array<{ editor: string; template: TemplateResult } & Omit<Parameters<typeof reloadRestores>[1], never>> = [
    {
      editor: 'the driving question',
      template: html`<plc-question-editor enquiry-id="enq-oracy" today="2026-11-10"></plc-question-editor>`,
      personId: 'p-eli',
      label: 'Why this question?',
      text: 'Students rarely talk in pairs before',
    },
    {
      editor: 'an observation',
      template: html`<plc-observation-form enquiry-id="enq-feedback" today="2026-11-10"></plc-observation-form>`,
      personId: 'p-beth',
      label: 'Strengths',
      text: 'Students acted on comments straight away.',
    },
    {
      editor: 'evidence (its form opened again)',
      template: html`<plc-evidence-board enquiry-id="enq-feedback"></plc-evidence-board>`,
      personId: 'p-beth',
      events: evidenceStageEvents(),
      label: 'Title',
      text: 'Book look, Year 9',
      open: (element) => click(button(element, 'Note')),
    },
    {
      editor: 'a reflection',
      template: html`<plc-outcome-editor enquiry-id="enq-feedback"></plc-outcome-editor>`,
      personId: 'p-beth',
      events: evidenceStageEvents(),
      label: 'What worked',
      text: 'Improvement time at the start of lessons.',
    },
    {
      editor: 'an outcome for colleagues',
      template: html`<plc-outcome-editor enquiry-id="enq-feedback"></plc-outcome-editor>`,
      personId: 'p-beth',
      events: sharingStageEvents(),
      label: 'Summary for colleagues',
      text: 'Protected time to act on feedback made',
    },
    {
      editor: 'meeting notes',
      template: html`<plc-meeting community-id="com-feedback" meeting-id="mtg-october"></plc-meeting>`,
      personId: 'p-amir',
      records: async (store) => void (await store.put('meetings', MEETING, 0)),
      label: 'Notes',
      text: 'Half the group tried DIRT time and',
    },
    {
      editor: 'a survey (once opened again)',
      template: html`<plc-survey-builder enquiry-id="enq-feedback"></plc-survey-builder>`,
      personId: 'p-beth',
      records: async (store) => void (await store.put('surveys', feedbackSurvey({ status: 'draft' }), 0)),
      label: 'Survey title',
      text: 'How you use feedback, spring term',
      open: editSurvey,
      reopen: editSurvey,
    },
    {
      editor: 'a learning walk lesson not tallied yet',
      template: html`<plc-learning-walk walk-id="walk-strategic"></plc-learning-walk>`,
      personId: 'p-clare',
      records: async (store) => void (await store.put('learningWalks', walkRecord(3, 2), 0)),
      label: 'Note (optional)',
      text: 'Students planned their answer in pairs before',
    },
    {
      editor: 'a learning walk about to start',
      template: html`<plc-learning-walk></plc-learning-walk>`,
      personId: 'p-clare',
      label: 'What are you looking for?',
      text: 'students planning before they write',
    },
    {
      editor: 'a sharing session about to be planned',
      template: html`<plc-sharing-session></plc-sharing-session>`,
      personId: 'p-clare',
      label: 'Main room',
      text: 'Drama studio',
    },
    {
      editor: 'a sharing session’s running order',
      template: html`<plc-sharing-session session-id="ss-2026-autumn"></plc-sharing-session>`,
      personId: 'p-clare',
      label: 'Item 1: title',
      text: 'Planning before doing, with Year 7',
    },
    {
      editor: 'a cycle admin form (a community, once opened again)',
      template: html`<plc-cycle-admin section="communities"></plc-cycle-admin>`,
      personId: 'p-clare',
      label: 'Name',
      text: 'Feedback that sticks',
      open: editRow('Feedback that moves learning'),
      reopen: editRow('Feedback that moves learning'),
    },
    {
      editor: 'a directory record (a person, once opened again)',
      template: html`<plc-cycle-admin section="people"></plc-cycle-admin>`,
      personId: 'p-clare',
      label: 'Email',
      text: 'beth.evans@oakfield.example',
      open: editRow('Beth Evans'),
      reopen: editRow('Beth Evans'),
    },
  ];
  for (const { editor, template, ...row } of EDITORS) {
    it(`restores ${editor} typed before a reload`, async () => {
      await reloadRestores(template, row);
    });
  }
});
