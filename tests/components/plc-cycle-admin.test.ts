import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../components/plc-cycle-admin/index.js';
import type { PlcCycleAdmin } from '../../components/plc-cycle-admin/plc-cycle-admin.js';
import {
  button,
  click,
  deepActiveElement,
  field,
  hasButton,
  press,
  queryAllDeep,
  queryDeep,
  renderWithSession,
  settle,
  tabTo,
  textOf,
  typeInto,
} from '../support/component-harness.js';
import { accessibleInBothThemes } from '../support/badge-server.js';
import { tableRows, waitFor } from '../support/survey-harness.js';
import { createMemoryStore } from '../../src/store/memory.js';
import type { Store } from '../../src/store/store.js';
import type { PlcDownloadEvent } from '../../components/events/download.js';
import type { PlcProvider } from '../../components/plc-provider/plc-provider.js';
import { seedDemo } from '../../examples/demo/seed.js';

type Options = Parameters<typeof renderWithSession>[1];

/** Clare Berry is the demo school's CPD leader. */
const render = (options: Options = {}, section = 'cycles') =>
  renderWithSession<PlcCycleAdmin>(html`<plc-cycle-admin section=${section}></plc-cycle-admin>`, { personId: 'p-clare', ...options });

async function openTab(element: PlcCycleAdmin, name: string): Promise<void> {
  await click(button(element, name));
  await settle(element);
}

/** Clicks a button and waits for the element to settle. */
async function clickButton(element: PlcCycleAdmin, name: string | RegExp): Promise<void> {
  await click(button(element, name));
  await settle(element);
}

/** Chooses an option of a select by typing the start of its text, as a keyboard user does. */
async function choose(element: PlcCycleAdmin, label: string, typed: string): Promise<void> {
  field<HTMLSelectElement>(element, label).focus();
  await sendKeys({ type: typed });
  await settle(element);
}

const people = async (store: Store) => (await store.list('people')).map((p) => p.record);

describe('plc-cycle-admin', () => {
  it('tells people without the CPD leader or admin role that they need it, and asks who you are when nobody is signed in', async () => {
    const { element } = await render({ personId: 'p-beth' });
    expect(textOf(element)).to.contain('You need the CPD leader or admin role');
    expect(queryAllDeep(element, '[role="tab"]')).to.have.length(0);
    expect(hasButton(element, 'New cycle')).to.equal(false);
    await expect(element).to.be.accessible();
    const nobody = await render({ personId: '' });
    expect(textOf(nobody.element)).to.contain('Choose who you are to manage the programme.');
    await expect(nobody.element).to.be.accessible();
  });

  it('lets an administrator in, lists the cycles, and moves between tabs with the arrow keys (roving tabindex)', async () => {
    const { element } = await render({ personId: 'p-kit' });
    const rows = tableRows(element);
    expect(rows.map((r) => r[0])).to.deep.equal(['2026-27', '2025-26', '2024-25']);
    expect(rows[0]!.join(' ')).to.contain('Active');
    const tabs = queryAllDeep<HTMLElement>(element, '[role="tab"]');
    expect(tabs.map((t) => t.getAttribute('tabindex'))).to.deep.equal(['0', '-1', '-1', '-1', '-1', '-1']);
    tabs[0]!.focus();
    await press('ArrowRight');
    await settle(element);
    expect(deepActiveElement()?.textContent?.trim()).to.equal('Themes');
    expect(element.section).to.equal('themes');
    expect(textOf(element)).to.contain('Assessment for learning');
    await press('End');
    await settle(element);
    expect(deepActiveElement()?.textContent?.trim()).to.equal('Import and export');
    await press('ArrowRight');
    await settle(element);
    expect(deepActiveElement()?.textContent?.trim()).to.equal('Cycles');
    await press('ArrowLeft');
    await press('Home');
    await settle(element);
    expect(element.section).to.equal('cycles');
    await expect(element).to.be.accessible();
  });

  it('says it is loading until the records are in', async () => {
    const store = createMemoryStore();
    await seedDemo(store);
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: Store = new Proxy(store, {
      get(target, key, receiver) {
        if (key === 'list') return async (collection: string) => (collection === 'schools' ? gate.then(() => target.list('schools')) : target.list(collection as never));
        const value = Reflect.get(target, key, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    // Not through the harness: it waits for the element to finish loading.
    const provider = await fixture<PlcProvider>(html`<plc-provider .store=${slow} person-id="p-clare"><plc-cycle-admin></plc-cycle-admin></plc-provider>`);
    await provider.ready;
    const element = provider.querySelector('plc-cycle-admin')!;
    await waitFor(() => textOf(element).includes('Loading the programme’s records…'), 'the loading message');
    expect(queryDeep(element, '[role="status"]').textContent).to.contain('Loading');
    await expect(element).to.be.accessible();
    release();
    await waitFor(() => textOf(element).includes('2026-27'), 'the cycles');
  });

  it('shows an error with a retry when the records cannot be loaded', async () => {
    const store = createMemoryStore();
    let fail = true;
    const failing: Store = new Proxy(store, {
      get(target, key, receiver) {
        // Schools: only this element lists them, so the provider still signs Clare in.
        if (key === 'list') return (collection: string) => (fail && collection === 'schools' ? Promise.reject(new Error('disk on fire')) : target.list(collection as never));
        const value = Reflect.get(target, key, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    await seedDemo(store);
    const { element } = await render({ store: failing, seed: false });
    await waitFor(() => textOf(element).includes('The programme records could not be loaded.'), 'the error');
    expect(textOf(element)).to.contain('disk on fire');
    await expect(element).to.be.accessible();
    fail = false;
    await clickButton(element, 'Try again');
    await waitFor(() => textOf(element).includes('2026-27'), 'the cycles');
  });

  it('creates a cycle with its policy and themes, after showing what is missing', async () => {
    const { element, store } = await render();
    await clickButton(element, 'New cycle');
    expect(deepActiveElement()?.textContent?.trim()).to.equal('New cycle');
    await clickButton(element, 'Save');
    expect(textOf(element)).to.contain('Some values need checking');
    expect(deepActiveElement()).to.equal(field(element, 'Name'));
    expect(field(element, 'Name').getAttribute('aria-invalid')).to.equal('true');
    expect(await store.get('cycles', 'cy-2027-28')).to.equal(undefined);

    await typeInto(field(element, 'Name'), '2027-28');
    await typeInto(field(element, 'Starts on'), '09012027');
    await typeInto(field(element, 'Ends on'), '07162028');
    await typeInto(field(element, 'Observations needed before evidence'), '2');
    await typeInto(field(element, 'Evidence items needed before sharing'), '3');
    await click(field(element, 'Student voice is required'));
    await click(field(element, 'Numeracy'));
    await click(field(element, 'Rewards'));
    await clickButton(element, 'Add a track');
    await typeInto(field(element, 'Track 1'), 'Building Learning Habits');
    await expect(element).to.be.accessible();
    await clickButton(element, 'Save');

    await waitFor(() => textOf(element).includes('Saved “2027-28”.'), 'the saved notice');
    const saved = await store.get('cycles', 'cy-2027-28');
    expect(saved?.version).to.equal(1);
    expect(saved!.record).to.deep.include({ name: '2027-28', startsOn: '2027-09-01', endsOn: '2028-07-16', status: 'planning' });
    expect(saved!.record.policy).to.deep.equal({ minObservations: 2, minEvidence: 3, studentVoiceRequired: false, questionReviewRequired: true });
    // New cycles start from the current cycle's themes: Rewards was offered and is now unticked.
    expect(saved!.record.themeIds).to.include('th-numeracy').and.not.include('th-rewards');
    expect(saved!.record.tracks).to.deep.equal([{ id: 'track-building-learning-habits', name: 'Building Learning Habits' }]);
    expect(tableRows(element).map((r) => r[0])).to.include('2027-28');
    expect(deepActiveElement()?.getAttribute('data-edit')).to.equal('cy-2027-28');
  });

  it('refuses a cycle that ends before it starts at the “Ends on” field, and stores nothing', async () => {
    const { element, store } = await render();
    await clickButton(element, 'New cycle');
    await typeInto(field(element, 'Name'), '2027-28');
    await typeInto(field(element, 'Starts on'), '09012027');
    await typeInto(field(element, 'Ends on'), '07162027');
    await clickButton(element, 'Save');
    await waitFor(() => field(element, 'Ends on').getAttribute('aria-invalid') === 'true', 'the end date marked');
    expect(textOf(element)).to.contain('The cycle must end after it starts.');
    expect(await store.get('cycles', 'cy-2027-28')).to.equal(undefined);
    await expect(element).to.be.accessible();
  });

  it("edits a community's members and writes at the version read", async () => {
    const { element, store } = await render({}, 'communities');
    expect(textOf(element)).to.contain('Feedback that moves learning');
    await clickButton(element, 'Edit Feedback that moves learning');
    expect(deepActiveElement()?.textContent?.trim()).to.equal('Edit community “Feedback that moves learning”');
    expect(field<HTMLInputElement>(element, 'Beth Evans').checked).to.equal(true);
    await click(field(element, 'Eli Novak'));
    await click(field(element, 'Chen Li'));
    await settle(element);
    expect(textOf(element)).to.match(/Members \( ?3 chosen ?\)/);
    await expect(element).to.be.accessible();
    await clickButton(element, 'Save');
    await waitFor(() => textOf(element).includes('Saved “Feedback that moves learning”.'), 'saved');
    const saved = await store.get('communities', 'com-feedback');
    expect(saved!.version).to.equal(2);
    expect(saved!.record.memberIds).to.deep.equal(['p-amir', 'p-beth', 'p-eli']);
    expect(saved!.record.coachIds).to.deep.equal(['p-dana']);
    const row = tableRows(element).find((r) => r[0] === 'Feedback that moves learning')!;
    expect(row[4]).to.equal('Amir Khan, Beth Evans, Eli Novak');
  });

  it('says when someone else saved first, names what they changed, keeps what was typed, and saves it over theirs', async () => {
    const { element, store } = await render({}, 'communities');
    await clickButton(element, 'Edit Feedback that moves learning');
    await typeInto(field(element, 'Name'), 'Feedback that sticks');
    await click(field(element, 'Fern Walsh'));
    // Someone else saves the same community in between (another tab, another leader).
    const current = await store.get('communities', 'com-feedback');
    await store.put('communities', { ...current!.record, name: 'Feedback in every lesson', coachIds: [] }, current!.version);
    await clickButton(element, 'Save');

    await waitFor(() => textOf(element).includes('Someone else saved this while you were editing it.'), 'the conflict notice');
    expect(deepActiveElement()?.id).to.equal('ca-conflict');
    const notice = queryDeep(element, '[part="conflict"]');
    expect(textOf(notice)).to.contain('Name Yours Feedback that sticks Theirs Feedback in every lesson Use theirs for “Name” Coaches They changed this. Use theirs for “Coaches”');
    expect(field<HTMLInputElement>(element, 'Name').value).to.equal('Feedback that sticks');
    expect(field<HTMLInputElement>(element, 'Fern Walsh').checked).to.equal(true);
    expect((await store.get('communities', 'com-feedback'))!.record.name).to.equal('Feedback in every lesson');
    await expect(element).to.be.accessible();

    await clickButton(element, 'Keep mine (save over theirs)');
    await waitFor(() => textOf(element).includes('Saved “Feedback that sticks”.'), 'saved');
    const saved = await store.get('communities', 'com-feedback');
    expect(saved!.version).to.equal(3);
    expect(saved!.record.name).to.equal('Feedback that sticks');
    expect(saved!.record.memberIds).to.include('p-fern');
  });

  it('records when someone joined and left, refusing a leaving day before the joining day at its field', async () => {
    const { element, store } = await render({}, 'people');
    await clickButton(element, 'Edit Chen Li');
    await typeInto(field(element, 'Joined on'), '09012020');
    await typeInto(field(element, 'Left on'), '08312019');
    await clickButton(element, 'Save');
    await waitFor(() => field(element, 'Left on').getAttribute('aria-invalid') === 'true', 'the leaving day marked');
    expect(textOf(element)).to.contain('The leaving day must be on or after the joining day.');
    expect((await store.get('people', 'p-chen'))!.record.leftOn).to.equal(undefined);
    await expect(element).to.be.accessible();
    await clickButton(element, 'Cancel');
    await clickButton(element, 'Edit Chen Li');
    await typeInto(field(element, 'Joined on'), '09012020');
    await typeInto(field(element, 'Left on'), '12182026');
    await clickButton(element, 'Save');
    await waitFor(() => textOf(element).includes('Saved “Chen Li”.'), 'saved');
    expect((await store.get('people', 'p-chen'))!.record).to.deep.include({ joinedOn: '2020-09-01', leftOn: '2026-12-18' });
    await clickButton(element, 'Edit Chen Li');
    expect(field<HTMLInputElement>(element, 'Left on').value).to.equal('2026-12-18', 'the form shows the dates it keeps');
  });

  it('can take the other version instead', async () => {
    const { element, store } = await render({}, 'people');
    await clickButton(element, 'Edit Beth Evans');
    await typeInto(field(element, 'Email'), 'beth@oakfield.example');
    const current = await store.get('people', 'p-beth');
    await store.put('people', { ...current!.record, name: 'Beth Evans-Hall' }, current!.version);
    await clickButton(element, 'Save');
    await waitFor(() => textOf(element).includes('Someone else saved this'), 'conflict');
    await clickButton(element, 'Take theirs (discard mine)');
    expect(field<HTMLInputElement>(element, 'Name').value).to.equal('Beth Evans-Hall');
    expect(field<HTMLInputElement>(element, 'Email').value).to.equal('');
    await clickButton(element, 'Cancel');
    expect(deepActiveElement()?.getAttribute('data-edit')).to.equal('p-beth');
  });

  it('imports staff from pasted CSV: a report by line, field and problem, and only the valid rows after accepting', async () => {
    const { element, store } = await render({}, 'csv');
    const before = await people(store);
    const text = [
      'Name,Email,School,Roles,New staff,Line manager',
      'Lena Ortiz,lena@oakfield.example,Oakfield Academy,teacher,yes,p-amir',
      '"Berry, Clare",,Oakfield Academy,"teacher; cpd-leader",no,',
      'Nobody Here,bad-email,Oakfield Academy,teacher,no,',
      'Sam Tan,sam@x.example,Atlantis High,wizard,maybe,p-ghost',
    ].join('\n');
    await typeInto(field(element, 'Or paste the CSV text'), text);
    await clickButton(element, 'Check the rows');

    expect(deepActiveElement()?.textContent).to.contain('Check result');
    const report = queryDeep(element, '[part="report"]');
    expect(textOf(report)).to.contain('Rows read: 4');
    expect(textOf(report)).to.contain('Can be imported: 2');
    expect(textOf(report)).to.contain('Rows with problems: 2');
    const problems = tableRows(queryDeep(element, 'table.problems'));
    expect(problems).to.deep.equal([
      ['4', 'Email', '“bad-email” is not an email address.'],
      ['5', 'School', 'There is no school “Atlantis High”.'],
      ['5', 'Roles', 'Unknown role “wizard”: use teacher, cpd-leader, coach or admin.'],
      ['5', 'New staff', '“maybe” is not yes or no (use yes/no, true/false or 1/0).'],
      ['5', 'Line manager', 'Nobody with the id or email “p-ghost” is in the directory or the file.'],
    ]);
    expect(textOf(report)).to.contain('Nothing has been imported yet.');
    expect(await people(store)).to.deep.equal(before);
    await expect(element).to.be.accessible();

    await clickButton(element, 'Import 2 valid rows');
    await waitFor(() => textOf(element).includes('Imported 2 rows: 2 new, 0 updated.'), 'the result');
    const after = await people(store);
    expect(after).to.have.length(before.length + 2);
    expect(after.find((p) => p.id === 'p-lena-ortiz')).to.deep.include({ name: 'Lena Ortiz', newStaff: true, lineManagerId: 'p-amir', schoolId: 'sch-oakfield' });
    expect(after.find((p) => p.name === 'Berry, Clare')?.roles).to.deep.equal(['teacher', 'cpd-leader']);
    expect(after.some((p) => p.name === 'Nobody Here' || p.name === 'Sam Tan')).to.equal(false);
  });

  it('reads Excel’s sep=; line, and asks before a names-only file imported again adds a second Ann Lee', async () => {
    const { element, store } = await render({}, 'csv');
    const text = ['sep=;', 'Name;School', 'Ann Lee;Oakfield Academy', 'Bo Tran;Oakfield Academy'].join('\n');
    const importText = async () => {
      await typeInto(field(element, 'Or paste the CSV text'), text);
      await clickButton(element, 'Check the rows');
    };
    await importText();
    expect(textOf(queryDeep(element, '[part="report"]'))).to.contain('Can be imported: 2');
    await clickButton(element, 'Import 2 valid rows');
    await waitFor(() => textOf(element).includes('Imported 2 rows: 2 new, 0 updated.'), 'the first import');
    const once = await people(store);

    await importText();
    const report = queryDeep(element, '[part="report"]');
    expect(textOf(report)).to.contain('Can be imported: 0');
    expect(textOf(report)).to.contain('importing them adds a second person with the same name');
    expect(tableRows(queryDeep(element, 'table.same-names'))).to.deep.equal([
      ['3', 'Ann Lee', 'p-ann-lee'],
      ['4', 'Bo Tran', 'p-bo-tran'],
    ]);
    expect(hasButton(element, /^Import \d+ valid rows?$/)).to.equal(false);
    await expect(element).to.be.accessible();
    // Cancelling leaves the directory as it was.
    await clickButton(element, 'Cancel');
    expect(await people(store)).to.deep.equal(once);

    await clickButton(element, 'Check the rows');
    const confirm = field(element, 'They are other people: import these rows too');
    confirm.focus();
    await press('Space');
    await settle(element);
    expect(textOf(queryDeep(element, '[part="report"]'))).to.contain('Can be imported: 2');
    await clickButton(element, 'Import 2 valid rows');
    await waitFor(() => textOf(element).includes('Imported 2 rows: 2 new, 0 updated.'), 'the confirmed import');
    expect((await people(store)).filter((p) => p.name === 'Ann Lee')).to.have.length(2);
  });

  it('creates a group on the cycle’s new-staff track instead of a PLC', async () => {
    const { element, store } = await render({}, 'communities');
    await clickButton(element, 'New community');
    await typeInto(field(element, 'Name'), 'Building Learning Habits 2026-27');
    await choose(element, 'Cycle', '2026');
    await choose(element, 'Theme', 'Student');
    await choose(element, 'Track', 'Building');
    expect(field<HTMLSelectElement>(element, 'Track').value).to.equal('new-staff');
    await choose(element, 'Lead', 'Dana');
    await click(field(element, 'Ivo Rossi'));
    await click(field(element, 'Jade Morris'));
    await click(field(element, 'Oakfield Academy'));
    await expect(element).to.be.accessible();
    await clickButton(element, 'Save');
    await waitFor(() => textOf(element).includes('Building Learning Habits 2026-27') && !hasButton(element, 'Save'), `the saved group: ${queryAllDeep(element, '.field-error').map((e) => textOf(e)).join('; ')}`);
    const saved = (await store.list('communities')).map((c) => c.record).find((c) => c.name === 'Building Learning Habits 2026-27');
    expect(saved).to.deep.include({ trackId: 'new-staff', cycleId: 'cy-2026', leadId: 'p-dana' });
    expect(saved!.memberIds).to.include.members(['p-ivo', 'p-jade']);
  });

  it('hands a PLC over mid-year as a screen: the new lead leads, the old one is kept as a past lead and a member', async () => {
    const { element, store } = await render({}, 'handover');
    expect(textOf(element)).to.contain('the past stays as it was');
    await click(button(element, 'Hand over'));
    await settle(element);
    expect(textOf(element)).to.contain('Choose who takes over.');
    await choose(element, 'Community', 'Calm');
    expect(textOf(element)).to.contain('Led now by Hana Sato.');
    const to = field<HTMLSelectElement>(element, 'Who takes over');
    expect([...to.options].map((o) => o.value)).not.to.include('p-hana');
    await choose(element, 'Who takes over', 'Gus');
    expect(to.value).to.equal('p-gus');
    await expect(element).to.be.accessible();
    await click(button(element, 'Hand over'));
    await waitFor(() => textOf(element).includes('Calm classrooms is now led by Gus Patel.'), 'the handover');
    const stored = (await store.get('communities', 'com-wellbeing'))!.record;
    expect(stored.leadId).to.equal('p-gus');
    expect(stored.memberIds).to.include.members(['p-hana', 'p-gus']);
    expect(stored.pastLeads?.map((p) => p.personId)).to.deep.equal(['p-hana']);
    await waitFor(() => textOf(element).includes('Earlier leads: Hana Sato'), 'the past lead listed');
  });

  it('hands a PLC over by keyboard alone, axe-clean in light and dark, on a 320px screen', async () => {
    await setViewport({ width: 320, height: 800 });
    try {
      const { element, provider } = await render({}, 'handover');
      await tabTo(button(element, 'Hand over'));
      await press('Enter');
      await settle(element);
      await choose(element, 'Community', 'Calm');
      await choose(element, 'Who takes over', 'Gus');
      await accessibleInBothThemes(element, provider);
      expect(document.documentElement.scrollWidth).to.be.at.most(320);
      await tabTo(button(element, 'Hand over'));
      await press('Enter');
      await waitFor(() => textOf(element).includes('Calm classrooms is now led by Gus Patel.'), 'the handover, by keyboard');
    } finally {
      await setViewport({ width: 1280, height: 800 });
    }
  });

  it('hands the CPD leader role over: roles move, the past role is kept', async () => {
    const { element, store } = await render({ personId: 'p-kit' }, 'handover');
    await click(field(element, 'The CPD leader role'));
    await settle(element);
    await choose(element, 'Who hands over', 'Clare');
    await choose(element, 'Who takes over', 'Dana');
    // The keyboard alone: Tab from the last choice to the button, and Enter.
    await press('Tab');
    expect(deepActiveElement()?.textContent?.trim()).to.equal('Hand over');
    await press('Enter');
    await waitFor(() => textOf(element).includes('Dana Okafor is now a CPD leader.'), 'the handover');
    const clare = (await store.get('people', 'p-clare'))!.record;
    const dana = (await store.get('people', 'p-dana'))!.record;
    expect(clare.roles).to.deep.equal(['teacher']);
    expect(clare.pastRoles?.map((r) => r.role)).to.deep.equal(['cpd-leader']);
    expect(dana.roles).to.include('cpd-leader');
    await expect(element).to.be.accessible();
  });

  it('imports appraisal records from a chosen file without showing anyone’s record, and nothing when cancelled', async () => {
    const { element, store } = await render({}, 'csv');
    await click(field(element, 'Appraisal records'));
    await settle(element);
    const text = '\uFEFFperson;cycle;aspect;strength\r\np-beth;2026-27;Talk for learning;yes\r\np-ghost;2026-27;asp-oracy;no\r\np-chen;cy-2026;asp-oracy;0\r\n';
    const input = field<HTMLInputElement>(element, 'Choose a CSV file');
    const files = new DataTransfer();
    files.items.add(new File([text], 'appraisals.csv', { type: 'text/csv' }));
    input.files = files.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await waitFor(() => textOf(element).includes('Import 2 valid rows'), 'the report');
    expect(textOf(element)).to.match(/Check result \( ?appraisals\.csv ?\)/);
    expect(tableRows(queryDeep(element, 'table.problems'))).to.deep.equal([['3', 'Person', 'Nobody with the id or email “p-ghost” is in the directory.']]);
    expect(textOf(element)).to.contain('Individual appraisal records are not shown here');
    expect(textOf(element)).not.to.contain('Beth Evans');
    const count = (await store.list('appraisals')).length;
    await clickButton(element, 'Cancel');
    expect(hasButton(element, 'Import 2 valid rows')).to.equal(false);
    expect(await store.list('appraisals')).to.have.length(count);

    await clickButton(element, 'Check the rows');
    await clickButton(element, 'Import 2 valid rows');
    await waitFor(() => textOf(element).includes('Imported 2 rows'), 'the result');
    const records = (await store.list('appraisals')).map((a) => a.record).filter((a) => a.aspectId === 'asp-oracy');
    expect(records.map((r) => [r.personId, r.strength])).to.deep.equal([
      ['p-beth', true],
      ['p-chen', false],
    ]);
  });

  it('exports people and communities as CSV files that contain the rows', async () => {
    const { element } = await render({}, 'csv');
    const files: Array<{ name: string; content: string }> = [];
    const listener = (event: PlcDownloadEvent) => files.push({ name: event.fileName, content: event.content });
    element.addEventListener('plc-download', listener);
    const original = URL.createObjectURL;
    const blobs: Blob[] = [];
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      blobs.push(blob as Blob);
      return original.call(URL, blob);
    };
    try {
      await clickButton(element, 'Download staff (CSV)');
      await clickButton(element, 'Download communities (CSV)');
      await clickButton(element, 'Download appraisal figures (CSV)');
    } finally {
      URL.createObjectURL = original;
      element.removeEventListener('plc-download', listener);
    }
    expect(files.map((f) => f.name.replace(/\d{4}-\d{2}-\d{2}/, 'DATE'))).to.deep.equal(['plc-staff-DATE.csv', 'plc-communities-DATE.csv', 'plc-appraisal-figures-DATE.csv']);
    // A byte order mark first, so spreadsheet programs read accents right (Blob.text() drops it).
    expect([...new Uint8Array(await blobs[0]!.arrayBuffer()).slice(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    expect(blobs[0]!.type).to.equal('text/csv;charset=utf-8');
    const staff = await blobs[0]!.text();
    expect(staff.startsWith('id,name,email,school,roles,new staff,line manager\r\n')).to.equal(true);
    expect(files[0]!.content.startsWith('\uFEFF')).to.equal(true);
    expect(staff).to.contain('p-clare,Clare Berry,,sch-oakfield,cpd-leader; teacher,no,\r\n');
    expect(staff.trim().split('\r\n')).to.have.length(43);
    expect(files[1]!.content).to.contain('com-feedback,Feedback that moves learning,2026-27,Assessment for learning,Amir Khan,Amir Khan; Beth Evans; Chen Li,Dana Okafor,Oakfield Academy,"Wed 15:30, 60 min, Library"\r\n');
    expect(files[2]!.content).to.contain('2026-27,Literacy across the curriculum,42,');
    expect(files[2]!.content).not.to.contain('p-');
    expect(textOf(element)).to.contain('Downloaded plc-appraisal-figures-');
  });

  it('is accessible in dark mode and fits a 320px screen', async () => {
    await setViewport({ width: 320, height: 800 });
    try {
      const { element } = await render({ theme: 'dark' }, 'communities');
      expect(document.documentElement.scrollWidth).to.be.at.most(320);
      await expect(element).to.be.accessible();
      await clickButton(element, 'Edit Talk for learning');
      expect(document.documentElement.scrollWidth).to.be.at.most(320);
      await expect(element).to.be.accessible();
      await openTab(element, 'Import and export');
      await typeInto(field(element, 'Or paste the CSV text'), 'name,school\nAnn,Nowhere');
      await clickButton(element, 'Check the rows');
      expect(document.documentElement.scrollWidth).to.be.at.most(320);
      await expect(element).to.be.accessible();
    } finally {
      await setViewport({ width: 1280, height: 800 });
    }
  });

  it('switches language at runtime', async () => {
    const { element, provider } = await render({}, 'people');
    provider.lang = 'es';
    await provider.updateComplete;
    await waitFor(() => textOf(element).includes('Administración del programa'), 'Spanish');
    expect(textOf(element)).to.contain('Nueva persona');
    expect(textOf(element)).to.contain('Responsable de formación');
    provider.lang = 'en-US';
    await provider.updateComplete;
    await waitFor(() => textOf(element).includes('Program administration'), 'US English');
    expect(textOf(element)).to.contain('PD leader');
    provider.lang = 'en-GB';
    await provider.updateComplete;
    await waitFor(() => textOf(element).includes('Programme administration'), 'British English');
  });
});
