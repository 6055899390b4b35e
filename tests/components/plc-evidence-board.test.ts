import { expect } from '@open-wc/testing';
import { html } from 'lit';
import * as z from 'zod/mini';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import '../../components/plc-evidence-board/index.js';
import type { PlcEvidenceBoard } from '../../components/plc-evidence-board/plc-evidence-board.js';
import {
  button,
  click,
  deepActiveElement,
  field,
  hasButton,
  queryAllDeep,
  renderWithSession,
  settle,
  tabTo,
  press,
  textOf,
  typeInto,
} from '../support/component-harness.js';
import { ENQUIRY, evidenceStageEvents, feedbackSurvey, tableRows, waitFor } from '../support/survey-harness.js';
import { createEvidenceKinds, evidenceBase, type AnyEvidence } from '../../src/schema/evidence.js';
import { createLifecycle } from '../../src/lifecycle/lifecycle.js';
import { studentVoiceEvidence } from '../../src/analysis/survey.js';
import type { DomainEvent } from '../../src/lifecycle/events.js';
import type { Store } from '../../src/store/store.js';

type Options = Parameters<typeof renderWithSession>[1];

const render = (options: Options = {}) =>
  renderWithSession<PlcEvidenceBoard>(html`<plc-evidence-board enquiry-id=${ENQUIRY}></plc-evidence-board>`, options);

const added = async (store: Store) => (await store.readLog(ENQUIRY)).filter((e) => e.type === 'evidence.add').map((e) => e.payload);

/** Ten answer sheets' worth of student voice (enough to show the comments too), as the builder stores it. */
function studentVoicePayload(id = 'ev-voice') {
  const sheets = [5, 4, 4, 3, 2, 4, 3, 4, 5, 4].map((agree, i) => ({ surveyId: 'sv-feedback', answers: { 'q-know': agree, 'q-often': i % 3, 'q-help': `Comment ${i}` } }));
  return studentVoiceEvidence(feedbackSurvey(), sheets, { id, collectedOn: '2026-11-10' }) as unknown as Record<string, unknown>;
}

const withEvidence = (...items: Array<Record<string, unknown>>): DomainEvent[] =>
  evidenceStageEvents(items.map((payload) => ({ type: 'evidence.add', payload })));

describe('plc-evidence-board', () => {
  it('shows what the cycle asks for and why evidence cannot be added before the evidence stage', async () => {
    const { element } = await render();
    const text = textOf(element);
    expect(text).to.contain('Student voice: required — not yet added');
    expect(text).to.contain('Evidence: 0 of 2 needed');
    expect(text).to.contain('Evidence is added in the Evidence stage; this enquiry is at the Observation stage.');
    expect(text).to.contain('No evidence yet');
    expect(hasButton(element, 'Note')).to.equal(false);
    // Surveys can be prepared early: students' answers take time to gather.
    expect(hasButton(element, 'Create a student-voice survey')).to.equal(true);
    const progress = queryAllDeep<HTMLProgressElement>(element, 'progress')[0]!;
    expect([progress.value, progress.max]).to.deep.equal([0, 2]);
    await expect(element).to.be.accessible();
  });

  it('adds a note in the evidence stage with real typing, and counts it towards the minimum', async () => {
    const { element, store } = await render({ events: evidenceStageEvents() });
    await click(button(element, 'Note'));
    await settle(element);
    expect(deepActiveElement()).to.equal(field(element, 'Title'));
    await typeInto(field(element, 'Title'), 'Book look, Year 9');
    await typeInto(field(element, 'Note'), 'Most books show a response to feedback.\nDIRT time is used.');
    await click(button(element, 'Add to the evidence'));
    await settle(element);
    await waitFor(() => textOf(element).includes('Evidence: 1 of 2 needed'), 'the new count');
    const [note] = await added(store);
    expect(note).to.deep.include({ kind: 'note', title: 'Book look, Year 9', text: 'Most books show a response to feedback.\nDIRT time is used.' });
    expect(String(note!['id'])).to.match(/^ev-/);
    const card = queryAllDeep(element, '[part="item"]')[0]!;
    expect(textOf(card)).to.contain('Most books show a response to feedback.');
    expect(deepActiveElement()?.textContent?.trim()).to.equal('Book look, Year 9');
    await expect(element).to.be.accessible();
  });

  it('adds assessment data and shows before, after and the change', async () => {
    const { element, store } = await render({ events: evidenceStageEvents() });
    await click(button(element, 'Assessment data'));
    await settle(element);
    await typeInto(field(element, 'Title'), 'Reading ages');
    await typeInto(field(element, 'What was measured'), 'Average reading age');
    await typeInto(field(element, 'Unit'), 'months');
    await typeInto(field(element, 'Average before'), '120');
    await typeInto(field(element, 'Students before'), '28');
    await typeInto(field(element, 'Average after'), '126');
    await typeInto(field(element, 'Students after'), '27');
    await typeInto(field(element, 'Date collected'), '11032026');
    await click(button(element, 'Add to the evidence'));
    await settle(element);
    await waitFor(() => textOf(element).includes('Change:'), 'the assessment');
    const [item] = await added(store);
    expect(item).to.deep.include({ kind: 'assessment', measure: 'Average reading age', unit: 'months', collectedOn: '2026-11-03' });
    expect(item!['before']).to.deep.equal({ value: 120, students: 28 });
    expect(item!['after']).to.deep.equal({ value: 126, students: 27 });
    const card = queryAllDeep(element, '[part="item"]')[0]!;
    expect(textOf(card)).to.contain('Change: +6 months (+5%)');
    expect(tableRows(card)).to.deep.equal([
      ['Average', '120 months', '126 months'],
      ['Students', '28', '27'],
    ]);
  });

  it('adds a learning walk as "n of m lessons (x%)", refusing more lessons showing the focus than visited', async () => {
    const { element, store } = await render({ events: evidenceStageEvents() });
    await click(button(element, 'Learning walk'));
    await settle(element);
    await typeInto(field(element, 'Title'), 'Feedback walk');
    await typeInto(field(element, 'Focus of the walk'), 'Students acting on feedback');
    await typeInto(field(element, 'Lessons visited'), '11');
    await typeInto(field(element, 'Lessons showing the focus'), '12');
    await click(button(element, 'Add to the evidence'));
    await settle(element);
    expect(textOf(element)).to.contain('This cannot be more than the lessons visited.');
    expect(field(element, 'Lessons showing the focus').getAttribute('aria-invalid')).to.equal('true');
    expect(deepActiveElement()).to.equal(field(element, 'Lessons showing the focus'));
    expect(await added(store)).to.have.length(0);
    await typeInto(field(element, 'Lessons showing the focus'), '8');
    await click(button(element, 'Add to the evidence'));
    await settle(element);
    await waitFor(() => textOf(element).includes('8 of 11 lessons (73%)'), 'the walk');
    expect((await added(store))[0]).to.deep.include({ kind: 'learning-walk', lessonsVisited: 11, lessonsShowingFocus: 8 });
  });

  it('accepts only http(s) links for artefacts and makes only those clickable', async () => {
    const { element, store } = await render({ events: evidenceStageEvents() });
    await click(button(element, 'Artefact'));
    await settle(element);
    await typeInto(field(element, 'Title'), 'Book samples');
    await typeInto(field(element, 'Link'), 'javascript:alert(1)');
    await typeInto(field(element, 'Caption'), 'Before and after');
    await click(button(element, 'Add to the evidence'));
    await settle(element);
    expect(textOf(element)).to.contain('Enter a web address that starts with http:// or https://.');
    expect(await added(store)).to.have.length(0);
    await typeInto(field(element, 'Link'), 'https://example.org/books?y=9');
    await click(button(element, 'Add to the evidence'));
    await settle(element);
    await waitFor(() => queryAllDeep(element, 'a.artefact-link').length === 1, 'the link');
    const link = queryAllDeep<HTMLAnchorElement>(element, 'a.artefact-link')[0]!;
    expect(link.href).to.equal('https://example.org/books?y=9');
    expect(link.rel).to.contain('noopener');
    expect(textOf(element)).to.contain('Before and after');
  });

  it('shows user text as text, never as HTML', async () => {
    const evil = '<img src=x onerror="window.__pwned=1"><b>bold</b>';
    const { element } = await render({ events: withEvidence({ id: 'ev-x', kind: 'note', title: evil, text: evil }) });
    expect(queryAllDeep(element, 'img, b')).to.have.length(0);
    expect(textOf(element)).to.contain('<b>bold</b>');
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('in a long board, lets the real mouse remove the last item and prints every item in full', async () => {
    const notes = Array.from({ length: 40 }, (_, i) => ({ id: `ev-${i}`, kind: 'note', title: `Meeting ${i}`, text: `Colleagues saw more redrafting (${i}).` }));
    const { element } = await render({ events: withEvidence(...notes) });
    const items = [...element.shadowRoot!.querySelectorAll<HTMLElement>('li[part="item"]')];
    expect(items).to.have.length(40);
    expect(textOf(items[39]!)).to.contain('Colleagues saw more redrafting (39).');
    await click(button(element, 'Remove Meeting 39'));
    await settle(element);
    expect(textOf(items[39]!)).to.contain('Remove “Meeting 39” from the evidence?');
    expect(deepActiveElement()?.textContent?.trim()).to.equal('Keep it');
    await press('Enter');
    await settle(element);
    expect(deepActiveElement()?.getAttribute('aria-label')).to.equal('Remove Meeting 39');

    expect(getComputedStyle(items[39]!).contentVisibility).to.equal('auto');
    await emulateMedia({ media: 'print' });
    try {
      expect(items.map((li) => getComputedStyle(li).contentVisibility)).to.deep.equal(items.map(() => 'visible'));
    } finally {
      await emulateMedia({ media: 'screen' });
    }
  });

  it('removes evidence only after a confirmation, recording the removal', async () => {
    const { element, store } = await render({
      events: withEvidence({ id: 'ev-note', kind: 'note', title: 'Book look', text: 'Notes' }, { id: 'ev-note-2', kind: 'note', title: 'Pupil talk', text: 'More' }),
    });
    expect(textOf(element)).to.contain('Evidence: 2 added (at least 2 needed) — met');
    await click(button(element, 'Remove Book look'));
    await settle(element);
    expect(textOf(element)).to.contain('Remove “Book look” from the evidence?');
    expect(deepActiveElement()?.textContent?.trim()).to.equal('Keep it');
    await expect(element).to.be.accessible();
    await press('Enter');
    await settle(element);
    expect(deepActiveElement()?.getAttribute('aria-label')).to.equal('Remove Book look');
    expect((await store.readLog(ENQUIRY)).some((e) => e.type === 'evidence.remove')).to.equal(false);
    await click(button(element, 'Remove Book look'));
    await settle(element);
    await click(button(element, 'Yes, remove it'));
    await settle(element);
    await waitFor(() => queryAllDeep(element, '[data-evidence-id="ev-note"]').length === 0, 'the item to go');
    const removal = (await store.readLog(ENQUIRY)).filter((e) => e.type === 'evidence.remove');
    expect(removal.map((e) => e.payload)).to.deep.equal([{ evidenceId: 'ev-note' }]);
    expect(textOf(element)).to.contain('Evidence: 1 of 2 needed');
  });

  it('does not count a survey too small to show as student voice (trust #10)', async () => {
    const three = studentVoiceEvidence(
      feedbackSurvey(),
      [5, 4, 2].map((agree) => ({ surveyId: 'sv-feedback', answers: { 'q-know': agree } })),
      { id: 'ev-small', collectedOn: '2026-11-10' },
    ) as unknown as Record<string, unknown>;
    const { element } = await render({ events: withEvidence(three) });
    const text = textOf(element);
    expect(text).not.to.contain('Student voice: required — added');
    expect(text).to.contain('a survey is added, but too few students answered to show it (5 needed)');
    await expect(element).to.be.accessible();
  });

  it('shows student voice as charts with data tables and marks the requirement met', async () => {
    const { element } = await render({ events: withEvidence(studentVoicePayload()) });
    const text = textOf(element);
    expect(text).to.contain('Student voice: required — added');
    expect(text).to.match(/Student voice survey \( 1 \)/);
    const results = queryAllDeep(element, 'plc-survey-results');
    expect(results).to.have.length(1);
    await settle(results[0]!);
    expect(queryAllDeep(results[0]!, 'svg[role="img"]')).to.have.length(2);
    expect(queryAllDeep(results[0]!, 'table caption').map((c) => c.textContent!.trim())).to.include('I know what to do when I get written feedback.');
    expect(textOf(results[0]!)).to.contain('Comment 0');
    await expect(element).to.be.accessible();
  });

  it('shows stored student voice from fewer than 5 students as hidden', async () => {
    const small = studentVoiceEvidence(feedbackSurvey(), [1, 2, 3].map((n) => ({ surveyId: 'sv-feedback', answers: { 'q-know': n } })), { id: 'ev-small' });
    const { element } = await render({ events: withEvidence(small as unknown as Record<string, unknown>) });
    expect(textOf(element)).to.contain('Fewer than 5 responses: hidden to keep answers anonymous');
    expect(queryAllDeep(element, 'svg[role="img"]')).to.have.length(0);
  });

  it("renders integrators' kinds with their renderer, and others as their fields", async () => {
    const lifecycle = createLifecycle({
      evidenceKinds: createEvidenceKinds({
        homework: z.object({ ...evidenceBase, kind: z.literal('homework'), before: z.number(), after: z.number() }),
        'reading-log': z.object({ ...evidenceBase, kind: z.literal('reading-log'), booksRead: z.int(), readers: z.array(z.string()) }),
      }),
    });
    const events = withEvidence(
      { id: 'ev-hw', kind: 'homework', title: 'Homework, Year 9', before: 91.5, after: 94 },
      { id: 'ev-read', kind: 'reading-log', title: 'Reading log', booksRead: 42, readers: ['9A', '9C'] },
      { id: 'ev-note', kind: 'note', title: 'Note', text: 'A note' },
    );
    const renderers = {
      homework: (item: AnyEvidence) => html`<p class="homework">Homework handed in rose from ${String(item['before'])}% to ${String(item['after'])}%.</p>`,
    };
    const { element } = await renderWithSession<PlcEvidenceBoard>(
      html`<plc-evidence-board enquiry-id=${ENQUIRY} .renderers=${renderers}></plc-evidence-board>`,
      { lifecycle, events },
    );
    const groups = queryAllDeep(element, '[part="group"]').map((g) => g.querySelector('h3')!.textContent!.replace(/\s+/g, ' ').trim());
    expect(groups).to.deep.equal(['Note (1)', 'Homework (1)', 'Reading log (1)']);
    expect(queryAllDeep(element, '.homework')[0]!.textContent).to.equal('Homework handed in rose from 91.5% to 94%.');
    const generic = queryAllDeep(element, '[data-kind="reading-log"] dl')[0]!;
    expect([...generic.querySelectorAll('dt')].map((dt) => dt.textContent)).to.deep.equal(['Books read', 'Readers']);
    expect([...generic.querySelectorAll('dd')].map((dd) => dd.textContent)).to.deep.equal(['42', '["9A","9C"]']);
    expect(textOf(element)).to.contain('Evidence: 3 added');
    await expect(element).to.be.accessible();
  });

  it('opens the survey builder from the board', async () => {
    const { element } = await render({ events: evidenceStageEvents() });
    await tabTo(button(element, 'Create a student-voice survey'));
    await press('Enter');
    await settle(element);
    const builder = queryAllDeep(element, 'plc-survey-builder')[0]!;
    expect(builder.getAttribute('enquiry-id')).to.equal(ENQUIRY);
    await settle(builder);
    expect(button(element, 'Create a student-voice survey').getAttribute('aria-pressed')).to.equal('true');
    await waitFor(() => hasButton(builder, 'Create a new survey'), 'the builder');
    expect(builder.shadowRoot!.querySelector('h4')!.textContent).to.contain('Student-voice surveys');
    await expect(element).to.be.accessible();
  });

  it('lets non-members read the evidence but not change it, and asks who you are when nobody is signed in', async () => {
    const events = withEvidence({ id: 'ev-note', kind: 'note', title: 'Book look', text: 'Notes' });
    const outsider = await render({ personId: 'p-eli', events });
    expect(textOf(outsider.element)).to.contain("Only the enquiry's members can add or remove evidence.");
    expect(textOf(outsider.element)).to.contain('Book look');
    expect(hasButton(outsider.element, 'Remove Book look')).to.equal(false);
    expect(hasButton(outsider.element, 'Note')).to.equal(false);
    await expect(outsider.element).to.be.accessible();
    const nobody = await render({ personId: '', events });
    expect(textOf(nobody.element)).to.contain("Choose who you are to see this enquiry's evidence.");
    expect(textOf(nobody.element)).not.to.contain('Book look');
    await expect(nobody.element).to.be.accessible();
    const missing = await renderWithSession(html`<plc-evidence-board enquiry-id="enq-nope"></plc-evidence-board>`);
    expect(textOf(missing.element)).to.contain('This enquiry could not be found.');
    await expect(missing.element).to.be.accessible();
  });

  it('is accessible in dark mode and fits 320px with every kind shown', async () => {
    await setViewport({ width: 320, height: 800 });
    try {
      const { element } = await render({
        theme: 'dark',
        events: withEvidence(
          studentVoicePayload(),
          { id: 'ev-a', kind: 'assessment', title: 'Quiz', measure: 'Quiz score', unit: '%', before: { value: 54, students: 28 }, after: { value: 61, students: 27 } },
          { id: 'ev-w', kind: 'learning-walk', title: 'Walk', focus: 'Feedback used', lessonsVisited: 11, lessonsShowingFocus: 8 },
          { id: 'ev-l', kind: 'artefact', title: 'Books', url: 'https://example.org/a/very/long/path/that/should/wrap/on/a/phone', caption: 'Samples' },
          { id: 'ev-n', kind: 'note', title: 'Note', text: 'Text' },
        ),
      });
      await click(button(element, 'Assessment data'));
      await settle(element);
      expect(document.documentElement.scrollWidth).to.be.at.most(320);
      await expect(element).to.be.accessible();
    } finally {
      await setViewport({ width: 1280, height: 800 });
    }
  });

  it('switches language at runtime', async () => {
    const { element, provider } = await render({ events: evidenceStageEvents() });
    provider.lang = 'es';
    await provider.updateComplete;
    await waitFor(() => textOf(element).includes('Voz del alumnado: obligatoria — aún no añadida'), 'Spanish');
    expect(textOf(element)).to.contain('Añadir evidencias');
    provider.lang = 'en-US';
    await provider.updateComplete;
    await waitFor(() => textOf(element).includes('Student voice: required — not yet added'), 'English');
    expect(textOf(element)).to.contain('Artifact');
    provider.lang = 'en-GB';
    await provider.updateComplete;
  });
});
