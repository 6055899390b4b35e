/**
 * The built-in attendance and exam-results evidence kinds on the evidence board: added by
 * typing, refused with the field named, drawn beside the rest of the school's figures, small
 * groups never shown, in every language, accessible in light and dark at 320px.
 */
import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { setViewport } from '@web/test-runner-commands';
import '../../components/plc-evidence-board/index.js';
import type { PlcEvidenceBoard } from '../../components/plc-evidence-board/plc-evidence-board.js';
import { button, click, deepActiveElement, field, hasButton, queryAllDeep, renderWithSession, settle, textOf, typeInto } from '../support/component-harness.js';
import { ENQUIRY, evidenceStageEvents, tableRows, waitFor } from '../support/survey-harness.js';
import { evidence } from '../support/lifecycle-fixtures.js';
import type { DomainEvent } from '../../src/lifecycle/events.js';
import type { Store } from '../../src/store/store.js';

type Options = Parameters<typeof renderWithSession>[1];

const render = (options: Options = {}) =>
  renderWithSession<PlcEvidenceBoard>(html`<plc-evidence-board enquiry-id=${ENQUIRY}></plc-evidence-board>`, options);

const added = async (store: Store) => (await store.readLog(ENQUIRY)).filter((e) => e.type === 'evidence.add').map((e) => e.payload);

const withEvidence = (...items: Array<Record<string, unknown>>): DomainEvent[] =>
  evidenceStageEvents(items.map((payload) => ({ type: 'evidence.add', payload })));

describe('attendance evidence', () => {
  it('is added by typing, refuses a percentage over 100 at its field, and shows the change beside the school', async () => {
    const { element, store } = await render({ events: evidenceStageEvents() });
    await click(button(element, 'Attendance'));
    await settle(element);
    expect(deepActiveElement()).to.equal(field(element, 'Title'));
    await typeInto(field(element, 'Title'), 'Period 1 attendance');
    await typeInto(field(element, 'Class or group'), '9E2');
    await typeInto(field(element, 'Students'), '28');
    await typeInto(field(element, 'Attendance before (%)'), '91.2');
    await typeInto(field(element, 'Attendance after (%)'), '104');
    await click(button(element, 'Add to the evidence'));
    await settle(element);
    expect(textOf(element)).to.contain('Enter a percentage from 0 to 100.');
    expect(field(element, 'Attendance after (%)').getAttribute('aria-invalid')).to.equal('true');
    expect(await added(store)).to.have.length(0);
    await expect(element).to.be.accessible();

    await typeInto(field(element, 'Attendance after (%)'), '94.6');
    await typeInto(field(element, 'Students in other classes'), '840');
    await typeInto(field(element, 'Their attendance before (%)'), '92');
    await typeInto(field(element, 'Their attendance after (%)'), '92.5');
    await click(button(element, 'Add to the evidence'));
    await settle(element);
    await waitFor(() => textOf(element).includes('Attendance 91.2% → 94.6%'), 'the attendance item');
    const [item] = await added(store);
    expect(item).to.deep.include({ kind: 'attendance', group: '9E2', students: 28, before: 91.2, after: 94.6 });
    expect(item!['others']).to.deep.equal({ students: 840, before: 92, after: 92.5 });
    const card = queryAllDeep(element, '[part="item"]')[0]!;
    expect(tableRows(card)).to.deep.equal([
      ['This group', '91.2%', '94.6%', '+3.4 points', '28'],
      ['Rest of the school', '92%', '92.5%', '+0.5 points', '840'],
    ]);
    expect(textOf(card)).to.contain('+2.9 points against the rest of the school.');
  });

  it('leaves out the other classes when none are given, and asks for all three figures when some are', async () => {
    const { element, store } = await render({ events: evidenceStageEvents() });
    await click(button(element, 'Attendance'));
    await settle(element);
    await typeInto(field(element, 'Title'), 'Form time');
    await typeInto(field(element, 'Class or group'), '8R');
    await typeInto(field(element, 'Students'), '25');
    await typeInto(field(element, 'Attendance before (%)'), '90');
    await typeInto(field(element, 'Attendance after (%)'), '93');
    await typeInto(field(element, 'Their attendance before (%)'), '92');
    await click(button(element, 'Add to the evidence'));
    await settle(element);
    expect(await added(store)).to.have.length(0);
    expect(field(element, 'Students in other classes').getAttribute('aria-invalid')).to.equal('true');
    await typeInto(field(element, 'Their attendance before (%)'), '');
    await click(button(element, 'Add to the evidence'));
    await settle(element);
    await waitFor(() => textOf(element).includes('Attendance 90% → 93%'), 'the item');
    const items = await added(store);
    expect(items).to.have.length(1);
    expect(items[0]!['others']).to.equal(undefined);
  });

  it('never shows the figures of a group under five students', async () => {
    const { element } = await render({ events: withEvidence(evidence.attendance('ev-small', { students: 4, others: { students: 3, before: 80, after: 90 } })) });
    const card = queryAllDeep(element, '[part="item"]')[0]!;
    expect(tableRows(card)).to.deep.equal([
      ['This group', 'Fewer than 5 students: not shown', '4'],
      ['Rest of the school', 'Fewer than 5 students: not shown', '3'],
    ]);
    expect(textOf(card)).not.to.contain('91.2');
    expect(textOf(card)).not.to.contain('against the rest');
  });
});

describe('exam-results evidence', function () {
  // Typing ten-grade lists key by key takes a while on a shared machine.
  this.timeout(30000);
  it('is added by typing grades and counts, refuses a count list of the wrong length, and shows the pass share', async () => {
    const { element, store } = await render({ events: evidenceStageEvents() });
    await click(button(element, 'Exam results'));
    await settle(element);
    await typeInto(field(element, 'Title'), 'English results');
    await typeInto(field(element, 'Exam'), 'GCSE English Language');
    await typeInto(field(element, 'Grades, best first'), '9, 8, 7, 6, 5, 4, 3, 2, 1, U');
    await typeInto(field(element, 'Pass grade'), '4');
    await typeInto(field(element, 'Cohort before'), 'Year 11, 2025');
    await typeInto(field(element, 'Students per grade before'), '1, 2, 3, 4, 5, 5, 4, 3, 2, 1');
    await typeInto(field(element, 'Cohort after'), 'Year 11, 2026');
    await typeInto(field(element, 'Students per grade after'), '2, 3, 4, 5, 5, 4, 3, 2, 1');
    await typeInto(field(element, 'Other classes per grade before'), '5, 10, 15, 20, 25, 25, 20, 15, 10, five');
    await click(button(element, 'Add to the evidence'));
    await settle(element);
    expect(textOf(element)).to.contain('Give one count per grade (10).');
    expect(textOf(element)).to.contain('Enter whole numbers separated by commas, one per grade.');
    expect(field(element, 'Students per grade after').getAttribute('aria-invalid')).to.equal('true');
    expect(await added(store)).to.have.length(0);
    await expect(element).to.be.accessible();

    await typeInto(field(element, 'Students per grade after'), '2, 3, 4, 5, 5, 4, 3, 2, 1, 1');
    await typeInto(field(element, 'Other classes per grade before'), '5, 10, 15, 20, 25, 25, 20, 15, 10, 5');
    await click(button(element, 'Add to the evidence'));
    await settle(element);
    // Both sides of the rest of the school, or neither.
    expect(field(element, 'Other classes per grade after').getAttribute('aria-invalid')).to.equal('true');
    await typeInto(field(element, 'Other classes per grade after'), '5; 11; 15; 21; 25; 24; 20; 14; 10; 5');
    await click(button(element, 'Add to the evidence'));
    await settle(element);
    await waitFor(() => textOf(element).includes('Grade 4 or above'), 'the exam item');
    const [item] = await added(store);
    expect(item).to.deep.include({ kind: 'exam-results', exam: 'GCSE English Language', passFrom: '4' });
    expect(item!['grades']).to.deep.equal(['9', '8', '7', '6', '5', '4', '3', '2', '1', 'U']);
    expect(item!['after']).to.deep.equal({ cohort: 'Year 11, 2026', counts: [2, 3, 4, 5, 5, 4, 3, 2, 1, 1] });
    expect(item!['others']).to.deep.equal({ before: [5, 10, 15, 20, 25, 25, 20, 15, 10, 5], after: [5, 11, 15, 21, 25, 24, 20, 14, 10, 5] });
    const card = queryAllDeep(element, '[part="item"]')[0]!;
    expect(textOf(card)).to.contain('Grade 4 or above: 66.7% → 76.7% (+10 points)');
    expect(textOf(card)).to.contain('Rest of the school: 66.7% → 67.3% (+0.6 points).');
    expect(textOf(card)).to.contain('+9.4 points against the rest of the school.');
    const rows = tableRows(card);
    expect(rows[0]).to.deep.equal(['9', '3.3%', '6.7%', '3.3%', '3.3%']);
    expect(rows.at(-1)).to.deep.equal(['Students', '30', '30', '150', '150']);
  });

  it('hides a cohort under five students and the comparison that needs it', async () => {
    const { element } = await render({ events: withEvidence(evidence.examResults('ev-x', { after: { cohort: 'Year 11, 2026', counts: [1, 1, 0, 0, 0, 0, 0, 0, 0, 2] } })) });
    const card = queryAllDeep(element, '[part="item"]')[0]!;
    expect(textOf(card)).not.to.contain('Grade 4 or above');
    const rows = tableRows(card);
    expect(rows[0]).to.deep.equal(['9', '3.3%', '', '3.3%', '3.3%']);
    expect(rows.at(-1)).to.deep.equal(['Students', '30', 'Fewer than 5 students: not shown', '150', '150']);
  });
});

describe('attendance and exam results in every language, light and dark', function () {
  this.timeout(30000);
  it('speak Spanish and US English', async () => {
    const { element, provider } = await render({ events: withEvidence(evidence.attendance(), evidence.examResults()) });
    provider.lang = 'es';
    await waitFor(() => hasButton(element, 'Resultados de exámenes') && hasButton(element, 'Asistencia'), 'Spanish');
    expect(textOf(element)).to.contain('Resto del centro');
    expect(textOf(element)).to.contain('Calificación 4 o superior');
    provider.lang = 'en-US';
    await waitFor(() => hasButton(element, 'Exam results'), 'US English');
    expect(textOf(element)).to.contain('Rest of the school');
    provider.lang = 'en-GB';
    await provider.updateComplete;
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`fit 320px and are accessible in ${theme} mode, with each add form open`, async () => {
      await setViewport({ width: 320, height: 800 });
      try {
        const { element } = await render({ theme, events: withEvidence(evidence.attendance(), evidence.examResults()) });
        await expect(element).to.be.accessible();
        for (const kind of ['Attendance', 'Exam results']) {
          await click(button(element, kind));
          await settle(element);
          expect(document.documentElement.scrollWidth, kind).to.be.at.most(320);
          await expect(element).to.be.accessible();
        }
      } finally {
        await setViewport({ width: 1280, height: 800 });
      }
    });
  }
});
