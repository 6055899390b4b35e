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
import { openIndexedDbDrafts, type DraftStore } from '../../src/store/drafts.js';
import { createMemoryStore } from '../../src/store/memory.js';
import type { Store } from '../../src/store/store.js';
import { hasUnsavedDrafts } from '../../components/controllers/draft-controller.js';
import { button, click, field, queryAllDeep, renderWithSession, settle, textOf, typeInto } from '../support/component-harness.js';
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
});
