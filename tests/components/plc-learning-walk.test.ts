import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { setViewport } from '@web/test-runner-commands';
import '../../components/plc-learning-walk/index.js';
import type { PlcLearningWalk } from '../../components/plc-learning-walk/plc-learning-walk.js';
import { createMemoryStore } from '../../src/store/memory.js';
import { learningWalks as demoWalks, seedDemo } from '../../examples/demo/seed.js';
import type { LearningWalk } from '../../src/schema/directory.js';
import type { Store } from '../../src/store/store.js';
import { button, click, deepActiveElement, field, hasButton, queryAllDeep, queryDeep, renderWithSession, settle, textOf, typeInto } from '../support/component-harness.js';
import { waitForText } from '../support/log-harness.js';
import { failingStore, walkRecord } from '../support/leaders-harness.js';

const render = (options: { personId?: string; theme?: 'light' | 'dark'; walkId?: string; store?: Store } = {}) =>
  renderWithSession<PlcLearningWalk>(
    options.walkId
      ? html`<plc-learning-walk walk-id=${options.walkId}></plc-learning-walk>`
      : html`<plc-learning-walk></plc-learning-walk>`,
    { personId: options.personId ?? 'p-clare', theme: options.theme, store: options.store, seed: !options.store },
  );

async function seededStore(...walks: LearningWalk[]): Promise<Store> {
  const store = createMemoryStore();
  await seedDemo(store);
  for (const walk of walks) await store.put('learningWalks', walk, 0);
  return store;
}

/** The walks a test saved (the demo school's own completed walk left out). */
const walks = async (store: Store) =>
  (await store.list('learningWalks')).map((w) => w.record).filter((w) => !demoWalks.some((d) => d.id === w.id));

async function tap(element: PlcLearningWalk, name: string | RegExp): Promise<void> {
  await click(button(element, name));
  await settle(element);
}

async function startWalk(element: PlcLearningWalk, focus = 'elements of strategic learning'): Promise<void> {
  await typeInto(field(element, 'What are you looking for?'), focus);
  // A day within the demo's 2026-27 cycle, whatever today is: a walk outside its cycle is refused.
  await typeInto(field(element, 'Date'), '11122026');
  await tap(element, 'Start the walk');
}

const status = (element: PlcLearningWalk) => queryDeep(element, '[role="status"][aria-live="polite"]').textContent!.trim();

describe('plc-learning-walk', () => {
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
  });

  it('a CPD leader starts a walk and tallies lessons with real clicks: saved after every lesson, undo takes the last back', async () => {
    const { element, store } = await render();
    expect(textOf(element)).to.contain('Start a walk');
    const date = field(element, 'Date');
    expect(date.value).to.match(/^\d{4}-\d{2}-\d{2}$/);
    await startWalk(element);
    expect(textOf(element)).to.contain('Learning walk: elements of strategic learning');
    expect(element.getAttribute('walk-id')).to.match(/^walk-/);
    // The new walk is saved before the first lesson, so it is never lost.
    let [saved] = await walks(store);
    expect(saved).to.deep.include({ focus: 'elements of strategic learning', cycleId: 'cy-2026', date: date.value, leaderIds: ['p-clare'], lessons: [] });
    expect(textOf(element)).to.contain('No lessons recorded yet.');

    // Lesson 1: Year 9 science, shows the focus, with a note.
    expect(queryDeep(element, 'legend').textContent!.trim()).to.equal('Lesson 1');
    await typeInto(field(element, 'Year group (optional)'), 'Year 9');
    await typeInto(field(element, 'Subject (optional)'), 'Science');
    await typeInto(field(element, 'Note (optional)'), 'Students planned their approach before starting.');
    await tap(element, 'Shows the focus');
    [saved] = await walks(store);
    expect(saved!.lessons).to.have.length(1);
    expect(saved!.lessons[0]).to.deep.include({ showsFocus: true, yearGroup: 'Year 9', subject: 'Science', note: 'Students planned their approach before starting.' });
    expect(status(element)).to.equal('Lesson 1: shows the focus. 1 of 1 lesson (100%).');
    expect(queryDeep(element, '[part="status"]').textContent!.trim()).to.equal('Saved');
    // The form is cleared for the next lesson, and the recent values are one tap away.
    expect(field(element, 'Year group (optional)').value).to.equal('');
    expect(queryDeep(element, 'legend').textContent!.trim()).to.equal('Lesson 2');

    // Lesson 2: Year 9 again by its quick chip, not seen.
    await tap(element, 'Year 9');
    expect(field(element, 'Year group (optional)').value).to.equal('Year 9');
    await tap(element, 'Not seen');
    // Lessons 3 to 5.
    await tap(element, 'Shows the focus');
    await tap(element, 'Shows the focus');
    await tap(element, 'Not seen');
    [saved] = await walks(store);
    expect(saved!.lessons.map((l) => l.showsFocus)).to.deep.equal([true, false, true, true, false]);
    expect(saved!.lessons[1]).to.deep.include({ yearGroup: 'Year 9' });
    expect(textOf(queryDeep(element, '[part="result"]'))).to.contain('3 of 5 lessons (60%)');
    expect(textOf(queryDeep(element, '[part="result"]'))).to.contain('likely between 23% and 88%');

    // Undo takes back lesson 5 and puts nothing wrong in the store.
    const undo = button(element, 'Undo lesson 5 (not seen)');
    await click(undo);
    await settle(element);
    [saved] = await walks(store);
    expect(saved!.lessons).to.have.length(4);
    expect(status(element)).to.equal('Undid lesson 5. 3 of 4 lessons (75%).');
    expect(textOf(queryDeep(element, '[part="result"]'))).to.contain('3 of 4 lessons (75%)');
    expect(textOf(queryDeep(element, '[part="result"]'))).to.contain('Too few lessons to read a share yet (4): visit at least 5.');
    expect(button(element, /^Undo lesson/).textContent!.replace(/\s+/g, ' ').trim()).to.equal('Undo lesson 4 (shows the focus)');
    // The lessons so far, newest first.
    expect(queryAllDeep(element, '.lessons li').map((li) => li.textContent!.replace(/\s+/g, ' ').trim())[3]).to.equal(
      'Shows the focus · Year 9 · Science Students planned their approach before starting.',
    );
    await expect(element).to.be.accessible();
  });

  it('undo puts the lesson back in the form, so the other target records it again', async () => {
    const store = await seededStore(walkRecord(0, 0));
    const { element } = await render({ store, walkId: 'walk-strategic' });
    await typeInto(field(element, 'Year group (optional)'), 'Year 10');
    await typeInto(field(element, 'Note (optional)'), 'Group work, roles clear.');
    await tap(element, 'Not seen');
    await tap(element, 'Undo lesson 1');
    expect(field(element, 'Year group (optional)').value).to.equal('Year 10');
    expect(field<HTMLTextAreaElement>(element, 'Note (optional)').value).to.equal('Group work, roles clear.');
    await tap(element, 'Shows the focus');
    const [saved] = await walks(store);
    expect(saved!.lessons).to.have.length(1);
    expect(saved!.lessons[0]).to.deep.include({ showsFocus: true, yearGroup: 'Year 10', note: 'Group work, roles clear.' });
  });

  it("reaches the case study's 22 of 30 lessons (73%) with the interval in words, then finishes with a breakdown", async () => {
    const store = await seededStore(walkRecord(29, 21));
    const { element } = await render({ store, walkId: 'walk-strategic' });
    expect(textOf(element)).to.contain('21 of 29 lessons (72%)');
    expect(queryDeep(element, 'legend').textContent!.trim()).to.equal('Lesson 30');
    await tap(element, 'Shows the focus');
    const result = textOf(queryDeep(element, '[part="result"]'));
    expect(result).to.contain('22 of 30 lessons (73%)');
    expect(result).to.contain('Across all lessons, the share showing the focus is likely between 56% and 86% (95% confidence).');
    const chart = queryDeep(element, '[part="result"] svg[role="img"]');
    expect(chart.getAttribute('aria-label')).to.contain('22 of 30 lessons (73%)');
    expect(chart.querySelectorAll('.whisker')).to.have.length(1);
    const [saved] = await walks(store);
    expect(saved!.lessons).to.have.length(30);

    await tap(element, 'Finish the walk');
    expect(textOf(element)).to.contain('Walk finished and saved.');
    const tables = queryAllDeep<HTMLTableElement>(element, 'table');
    expect(tables.map((t) => t.caption!.textContent!.trim())).to.deep.equal(['By year group', 'By subject']);
    const rows = [...tables[0]!.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent!.trim()));
    expect(rows.map((r) => r[0])).to.deep.equal(['Year 7', 'Year 8', 'Year 9', 'Year 10', 'Year 11', 'Not recorded']);
    expect(rows[0]!.slice(1, 4)).to.deep.equal(['5', '6', '83%']);
    await expect(element).to.be.accessible();
    await tap(element, 'Continue this walk');
    expect(queryDeep(element, 'legend').textContent!.trim()).to.equal('Lesson 31');
  });

  it('refuses a date outside the cycle at the date field, and starts nothing', async () => {
    const { element, store } = await render();
    await typeInto(field(element, 'What are you looking for?'), 'elements of strategic learning');
    await typeInto(field(element, 'Date'), '09142027');
    expect(field(element, 'Date').value).to.equal('2027-09-14');
    await tap(element, 'Start the walk');
    expect(textOf(element)).to.contain('Choose a date within the cycle 2026-27 (1 Sept 2026 to 17 Jul 2027).');
    expect(field(element, 'Date').getAttribute('aria-invalid')).to.equal('true');
    expect(deepActiveElement()).to.equal(field(element, 'Date'));
    expect(await walks(store)).to.deep.equal([]);
    await expect(element).to.be.accessible();
    await typeInto(field(element, 'Date'), '07172027');
    await tap(element, 'Start the walk');
    expect((await walks(store)).map((w) => w.date)).to.deep.equal(['2027-07-17']);
  });

  it('lists the walks of the cycle to continue one', async () => {
    const store = await seededStore(walkRecord(12, 9));
    const { element } = await render({ store });
    expect(textOf(queryDeep(element, '[part="walks"]'))).to.contain('elements of strategic learning · 4 Mar 2027 · 9 of 12 lessons (75%)');
    await tap(element, 'Continue');
    expect(element.getAttribute('walk-id')).to.equal('walk-strategic');
    expect(queryDeep(element, 'legend').textContent!.trim()).to.equal('Lesson 13');
    expect(deepActiveElement()?.textContent).to.contain('Learning walk: elements of strategic learning');
  });

  it('asks for the focus before starting, with the error tied to the field', async () => {
    const { element, store } = await render();
    await tap(element, 'Start the walk');
    const focus = field(element, 'What are you looking for?');
    expect(focus.getAttribute('aria-invalid')).to.equal('true');
    expect(textOf(element)).to.contain('Say what you are looking for.');
    expect(focus.getAttribute('aria-describedby')).to.contain('walk-focus-error');
    expect(deepActiveElement()).to.equal(focus);
    expect(await walks(store)).to.have.length(0);
    await expect(element).to.be.accessible();
  });

  /** A walk of 3 lessons whose 4th could not be saved (the device's storage was full). */
  async function withUnsavedLesson() {
    const base = await seededStore(walkRecord(3, 2));
    const { store, failing } = failingStore(base);
    const { element } = await render({ store, walkId: 'walk-strategic' });
    failing.on = true;
    await tap(element, 'Shows the focus');
    expect(queryDeep(element, '[part="status"]').textContent!.trim()).to.equal('Not saved');
    return { base, failing, element };
  }

  it('keeps lessons that could not be saved, says so, and saves them on "Try again"', async () => {
    const { base, failing, element } = await withUnsavedLesson();
    expect(textOf(queryDeep(element, '[role="alert"]'))).to.contain('Not saved: The device storage is full.');
    expect(textOf(queryDeep(element, '[part="result"]'))).to.contain('3 of 4 lessons (75%)');
    expect((await walks(base))[0]!.lessons).to.have.length(3);
    failing.on = false;
    await tap(element, 'Try again');
    expect(queryDeep(element, '[part="status"]').textContent!.trim()).to.equal('Saved');
    expect((await walks(base))[0]!.lessons).to.have.length(4);
  });

  it('keeps the lessons when the walk was changed on another device meanwhile, and saves mine over theirs on "Keep mine"', async () => {
    const { base, failing, element } = await withUnsavedLesson();
    // While this tablet's lesson is unsaved, a second leader's tablet adds one to the same walk.
    const theirs = (await base.get('learningWalks', 'walk-strategic'))!;
    await base.put('learningWalks', { ...theirs.record, lessons: [...theirs.record.lessons, { showsFocus: false }] }, theirs.version);
    failing.on = false;
    await tap(element, 'Try again');
    expect(queryDeep(element, '[part="status"]').textContent!.trim()).to.equal('Not saved');
    expect(textOf(queryDeep(element, '[part="conflict"]'))).to.contain('Someone else saved this while you were editing it. They changed these, the words only one version has marked. Choose field by field, or keep one version whole: Lessons so far They changed this. Use theirs for “Lessons so far”');
    expect(textOf(queryDeep(element, '[part="result"]'))).to.contain('3 of 4 lessons (75%)');
    await expect(element).to.be.accessible();
    await tap(element, 'Keep mine (save over theirs)');
    const saved = (await base.get('learningWalks', 'walk-strategic'))!;
    expect([saved.version, saved.record.lessons.map((l) => l.showsFocus).at(-1)]).to.deep.equal([3, true]);
    expect(queryDeep(element, '[part="status"]').textContent!.trim()).to.equal('Saved');
  });

  it('is for leaders only: a teacher sees why, a PLC lead may walk, nobody signed in is asked who they are', async () => {
    const teacher = await render({ personId: 'p-beth' });
    expect(textOf(teacher.element)).to.contain('Learning walks are recorded by CPD leaders, administrators and PLC leads.');
    expect(hasButton(teacher.element, 'Start the walk')).to.equal(false);
    await expect(teacher.element).to.be.accessible();

    const lead = await render({ personId: 'p-amir' });
    expect(hasButton(lead.element, 'Start the walk')).to.equal(true);

    const admin = await render({ personId: 'p-kit' });
    expect(hasButton(admin.element, 'Start the walk')).to.equal(true);

    const nobody = await renderWithSession<PlcLearningWalk>(html`<plc-learning-walk></plc-learning-walk>`, { personId: '' });
    expect(textOf(nobody.element)).to.contain('Choose who you are to record a learning walk.');
  });

  it('is made for a tablet: targets of at least 64px, no sideways scrolling at 768px and 320px', async () => {
    const store = await seededStore(walkRecord(8, 5));
    await setViewport({ width: 768, height: 1024 });
    const { element } = await render({ store, walkId: 'walk-strategic' });
    for (const name of ['Shows the focus', 'Not seen', 'Undo lesson 8', 'Finish the walk']) {
      const box = button(element, name).getBoundingClientRect();
      expect(box.height, name).to.be.at.least(64);
      expect(box.width, name).to.be.at.least(64);
    }
    expect(button(element, 'Shows the focus').getBoundingClientRect().width).to.be.at.least(250);
    expect(document.documentElement.scrollWidth).to.be.at.most(768);
    await setViewport({ width: 320, height: 640 });
    await settle(element);
    expect(document.documentElement.scrollWidth).to.be.at.most(320);
    expect(button(element, 'Shows the focus').getBoundingClientRect().height).to.be.at.least(64);
  });

  it('is accessible in dark mode while walking', async () => {
    const store = await seededStore(walkRecord(8, 5));
    const { element } = await render({ store, walkId: 'walk-strategic', theme: 'dark' });
    await tap(element, 'Year 7');
    await expect(element).to.be.accessible();
    const setup = await render({ theme: 'dark' });
    await expect(setup.element).to.be.accessible();
  });

  it('switches language at runtime', async () => {
    const store = await seededStore(walkRecord(8, 5));
    const { element, provider } = await render({ store, walkId: 'walk-strategic' });
    provider.lang = 'es';
    await provider.updateComplete;
    await waitForText(element, 'Muestra el foco');
    expect(textOf(element)).to.contain('Ronda de observación: elements of strategic learning');
    expect(textOf(element)).to.contain('5 de 8 clases (63');
    provider.lang = 'en-US';
    await provider.updateComplete;
    await waitForText(element, 'Grade (optional)');
    expect(textOf(element)).to.contain('Shows the focus');
    provider.lang = 'en-GB';
    await provider.updateComplete;
    await waitForText(element, 'Year group (optional)');
  });
});
