import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import '../../components/plc-impact-report/index.js';
import type { PlcImpactReport } from '../../components/plc-impact-report/plc-impact-report.js';
import { createMemoryStore } from '../../src/store/memory.js';
import { parseCsv } from '../../src/export/csv.js';
import { seedDemo } from '../../examples/demo/seed.js';
import type { LearningWalk } from '../../src/schema/directory.js';
import type { Store } from '../../src/store/store.js';
import { button, click, field, hasButton, press, queryAllDeep, queryDeep, renderWithSession, settle, textOf } from '../support/component-harness.js';
import { people } from '../../examples/demo/seed.js';
import { waitForText } from '../support/log-harness.js';
import { catchDownload, literacyImpactStore, walkRecord } from '../support/leaders-harness.js';

const render = (store: Store | undefined, options: { personId?: string; theme?: 'light' | 'dark'; cycleId?: string } = {}) =>
  renderWithSession<PlcImpactReport>(
    options.cycleId
      ? html`<plc-impact-report cycle-id=${options.cycleId}></plc-impact-report>`
      : html`<plc-impact-report></plc-impact-report>`,
    { personId: options.personId ?? 'p-clare', theme: options.theme, store, seed: !store },
  );

async function seededWith(...walks: LearningWalk[]): Promise<Store> {
  const store = createMemoryStore();
  await seedDemo(store);
  for (const walk of walks) await store.put('learningWalks', walk, 0);
  return store;
}

const sentences = (element: Element) => queryAllDeep(element, '[part="sentence"]').map((p) => p.textContent!.replace(/\s+/g, ' ').trim());
const rowsOf = (table: Element) =>
  [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((cell) => cell.textContent!.replace(/\s+/g, ' ').trim()));

describe('plc-impact-report', () => {
  it('reports the demo school: last year\'s PLC members against all staff, the learning walk, participation and how far enquiries got', async () => {
    const { element } = await render(undefined);
    const text = textOf(element);
    expect(text).to.contain('Impact report: 2026-27');
    expect(text).to.contain('Compared with the PLCs of 2025-26.');
    const literacy = "Staff in last year's Literacy PLC were 1.6 times as likely to show strength in Literacy across the curriculum (7 of 10) as staff as a whole (18 of 42).";
    expect(sentences(element)).to.deep.equal([
      literacy,
      "Staff in last year's Strategic learning PLC were 1.5 times as likely to show strength in Strategic learning (7 of 10) as staff as a whole (19 of 42).",
      'On the learning walk of 12 Nov 2026, 22 of 30 lessons (73%) showed elements of strategic learning; across all lessons the share is likely between 56% and 86%.',
      '8 of 42 staff (19%) were in a group PLC, 0 on an individual project and 2 on the new-staff track; 32 took no part.',
      '0 of 2 enquiries (0%) have reached the Shared stage.',
      'No student-voice surveys in this cycle yet.',
    ]);
    expect(text).not.to.contain('too few staff to compare');
    // Every chart is an image with its summary; groups large enough to read have error bars.
    const charts = queryAllDeep<SVGSVGElement>(element, 'svg[role="img"]');
    expect(charts).to.have.length(5);
    expect(charts[0]!.getAttribute('aria-label')).to.equal(literacy);
    expect(charts[0]!.querySelectorAll('.row')).to.have.length(3);
    expect(charts[0]!.querySelectorAll('.row.small .whisker')).to.have.length(0);
    expect(charts[0]!.querySelectorAll('.row:nth-of-type(2) .whisker')).to.have.length(1);
    await expect(element).to.be.accessible();
  });

  it("a trust's CPD leader chooses the trust or a school, and a small school's groups read as too few, never a count", async () => {
    const { element } = await render(undefined);
    const picker = field<HTMLSelectElement>(element, 'Figures for');
    expect([...picker.options].map((o) => o.textContent!.trim())).to.deep.equal(['The whole trust', 'Brookside School', 'Oakfield Academy']);
    picker.focus();
    await press('ArrowDown');
    await settle(element);
    expect(picker.value).to.equal('school:sch-brookside');
    const text = textOf(element);
    expect(sentences(element).slice(0, 2)).to.deep.equal([
      'Literacy across the curriculum: too few staff to compare.',
      'Strategic learning: too few staff to compare.',
    ]);
    const finding = queryAllDeep(element, '[part="finding"]')[0]!;
    await click(button(finding, 'Show the figures as a table'));
    await settle(element);
    const rows = rowsOf(queryDeep(finding, 'table'));
    expect(rows[0]).to.deep.equal(["In last year's PLC", '–', '–', '–', 'too few to read']);
    expect(text).not.to.contain('(7 of 10)');
    await expect(element).to.be.accessible();
  });

  it("a school's CPD leader sees their own school, with no picker", async () => {
    const store = createMemoryStore();
    await seedDemo(store);
    const clare = people.find((p) => p.id === 'p-clare')!;
    const { trustWide: _trustWide, ...schoolLeader } = clare;
    const version = (await store.get('people', 'p-clare'))!.version;
    await store.put('people', schoolLeader, version);
    const { element } = await render(store);
    expect(() => field(element, 'Figures for')).to.throw();
    expect(textOf(element)).to.contain('Oakfield Academy');
    expect(sentences(element).at(-3)).to.contain('of 40 staff');
  });

  it('says the case-study sentence for 14 of 20 against 24 of 60, with a data table of each group and its interval', async () => {
    const store = await literacyImpactStore();
    const { element } = await render(store, { personId: 'p-lead' });
    expect(sentences(element)[0]).to.equal(
      "Staff in last year's Literacy PLC were 1.8 times as likely to show strength in literacy (14 of 20) as staff as a whole (24 of 60).",
    );
    const finding = queryAllDeep(element, '[part="finding"]')[0]!;
    expect(textOf(finding)).to.contain('Ratio to all staff: 1.75.');
    expect(textOf(finding)).to.contain('Difference: +30 percentage points.');
    const chart = queryDeep<SVGSVGElement>(finding, 'svg[role="img"]');
    expect(chart.querySelectorAll('.whisker')).to.have.length(3);
    expect([...chart.querySelectorAll('.value')].map((t) => t.textContent!.trim())).to.deep.equal(['70% (14 of 20)', '40% (24 of 60)', '25% (10 of 40)']);

    const toggle = button(finding, 'Show the figures as a table');
    const table = element.shadowRoot!.getElementById(toggle.getAttribute('aria-controls')!)!;
    expect(table.hidden).to.equal(true);
    await click(toggle);
    await settle(element);
    expect(table.hidden).to.equal(false);
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(table.querySelector('caption')!.textContent!.trim()).to.equal('literacy');
    expect(table.querySelectorAll('th[scope="col"]')).to.have.length(5);
    expect(rowsOf(table)).to.deep.equal([
      ["In last year's PLC", '14', '20', '70%', '48% to 85%'],
      ['All staff', '24', '60', '40%', '29% to 53%'],
      ["Not in last year's PLC", '10', '40', '25%', '14% to 40%'],
    ]);
    await expect(element).to.be.accessible();
  });

  it('downloads the figures as CSV', async () => {
    const store = await literacyImpactStore();
    await store.put('learningWalks', { ...walkRecord(30, 22), cycleId: 'y2', leaderIds: ['p-lead'] }, 0);
    const { element } = await render(store, { personId: 'p-lead' });
    const file = await catchDownload(element, async () => click(button(element, 'Download the figures (CSV)')));
    expect(file.fileName).to.equal('impact-2026-27.csv');
    expect(file.mediaType).to.equal('text/csv;charset=utf-8');
    const { rows, errors } = parseCsv(file.content);
    expect(errors).to.deep.equal([]);
    const records = rows.map((r) => r.fields);
    expect(records[0]).to.deep.equal([
      'Analysis',
      'Finding',
      'Group',
      'Count',
      'Out of',
      'Percentage',
      'Lower bound (95%)',
      'Upper bound (95%)',
      'Too small to read',
      'Ratio to all staff',
      'Difference (percentage points)',
    ]);
    const members = records[1]!;
    expect(members.slice(0, 6)).to.deep.equal(['Impact of PLC membership', 'literacy', "In last year's PLC", '14', '20', '70']);
    expect(Number(members[6])).to.be.closeTo(48.1, 0.051);
    expect(Number(members[7])).to.be.closeTo(85.45, 0.051);
    expect(members.slice(8)).to.deep.equal(['no', '1.75', '30']);
    expect(records[2]!.slice(2, 6)).to.deep.equal(['All staff', '24', '60', '40']);
    expect(records[3]!.slice(2, 6)).to.deep.equal(["Not in last year's PLC", '10', '40', '25']);
    const walk = records.find((r) => r[0] === 'Learning walks')!;
    expect(walk.slice(1, 6)).to.deep.equal(['elements of strategic learning (2027-03-04)', 'Lessons showing the focus', '22', '30', '73.3']);
    expect(records.filter((r) => r[0] === 'Participation').map((r) => r[2])).to.include.members(['In a group PLC', 'Shared']);
  });

  it('saves the CSV through a Blob link when no one takes the file', async () => {
    const store = await literacyImpactStore();
    const { element } = await render(store, { personId: 'p-lead' });
    const blobs: Blob[] = [];
    const original = URL.createObjectURL;
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      blobs.push(blob as Blob);
      return original.call(URL, blob);
    };
    try {
      await click(button(element, 'Download the figures (CSV)'));
    } finally {
      URL.createObjectURL = original;
    }
    expect(blobs).to.have.length(1);
    expect(blobs[0]!.type).to.equal('text/csv;charset=utf-8');
    expect(await blobs[0]!.text()).to.contain("Impact of PLC membership,literacy,In last year's PLC,14,20,70,");
  });

  it("shows the cycle's learning walks with an interval, and never anyone's notes", async () => {
    const secret = walkRecord(30, 22);
    secret.lessons[0]!.note = 'Mr Novak shouted at 9X — private note';
    const store = await seededWith(secret, walkRecord(3, 1, { id: 'walk-small', date: '2027-05-10', focus: 'students asking questions' }));
    const { element } = await render(store);
    const walkSentences = sentences(element).filter((s) => /learning walk/i.test(s));
    expect(walkSentences).to.deep.equal([
      'On the learning walk of 12 Nov 2026, 22 of 30 lessons (73%) showed elements of strategic learning; across all lessons the share is likely between 56% and 86%.',
      'On the learning walk of 4 Mar 2027, 22 of 30 lessons (73%) showed elements of strategic learning; across all lessons the share is likely between 56% and 86%.',
      'Learning walk of 10 May 2027 (students asking questions): too few lessons to read a share (3).',
    ]);
    const text = textOf(element);
    expect(text).not.to.contain('private note');
    expect(text).not.to.contain('Beth Evans');
    expect(text).not.to.contain('Clare Berry');
  });

  it('is for CPD leaders: a teacher or a PLC lead sees why not, and nothing is loaded for them', async () => {
    for (const personId of ['p-beth', 'p-amir']) {
      const { element } = await render(undefined, { personId });
      expect(textOf(element)).to.contain('Impact and participation figures are for CPD leaders, and for PLC leads about their own community.');
      expect(queryAllDeep(element, 'svg[role="img"], table')).to.have.length(0);
      expect(hasButton(element, 'Download the figures (CSV)')).to.equal(false);
      await expect(element).to.be.accessible();
    }
    const nobody = await renderWithSession<PlcImpactReport>(html`<plc-impact-report></plc-impact-report>`, { personId: '' });
    expect(textOf(nobody.element)).to.contain('Choose who you are to see the impact report.');
  });

  it('says when there is no earlier cycle to compare with', async () => {
    const { element } = await render(undefined, { cycleId: 'cy-2024' });
    expect(textOf(element)).to.contain('Impact report: 2024-25');
    expect(textOf(element)).to.contain('There is no earlier cycle to compare with.');
    await expect(element).to.be.accessible();
  });

  it('follows new records: a walk saved elsewhere appears without reloading', async () => {
    const store = await seededWith();
    const { element } = await render(store);
    expect(textOf(element)).not.to.contain('8 of 10 lessons (80%)');
    await store.put('learningWalks', walkRecord(10, 8), 0);
    await waitForText(element, '8 of 10 lessons (80%)');
  });

  it('prints every table and no buttons', async () => {
    const store = await literacyImpactStore();
    const { element } = await render(store, { personId: 'p-lead' });
    await emulateMedia({ media: 'print' });
    try {
      for (const wrap of queryAllDeep<HTMLElement>(element, '.table-wrap')) expect(getComputedStyle(wrap).display).to.equal('block');
      expect(getComputedStyle(button(element, 'Download the figures (CSV)')).display).to.equal('none');
      expect(getComputedStyle(button(element, 'Show the figures as a table')).display).to.equal('none');
    } finally {
      await emulateMedia({ media: 'screen' });
    }
  });

  it('is accessible in dark mode and fits a 320px phone', async () => {
    const store = await literacyImpactStore();
    await setViewport({ width: 320, height: 640 });
    try {
      const { element } = await render(store, { personId: 'p-lead', theme: 'dark' });
      await settle(element);
      await click(button(element, 'Show the figures as a table'));
      await settle(element);
      await expect(element).to.be.accessible();
      expect(document.documentElement.scrollWidth).to.be.at.most(320);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('switches language at runtime', async () => {
    const store = await literacyImpactStore();
    const { element, provider } = await render(store, { personId: 'p-lead' });
    provider.lang = 'es';
    await provider.updateComplete;
    await waitForText(element, 'Informe de impacto: 2026-27');
    expect(sentences(element)[0]).to.equal(
      'El personal de la comunidad de Literacy del año pasado tenía 1,8 veces más probabilidades de mostrar fortaleza en literacy (14 de 20) que el personal en su conjunto (24 de 60).',
    );
    provider.lang = 'en-US';
    await provider.updateComplete;
    await waitForText(element, 'No inquiries in this cycle yet.');
    provider.lang = 'en-GB';
    await provider.updateComplete;
    await waitForText(element, 'Impact report: 2026-27');
  });
});
