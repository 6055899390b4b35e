import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/plc-sharing-session/index.js';
import type { PlcSharingSession } from '../../components/plc-sharing-session/plc-sharing-session.js';
import type { SharingSession } from '../../src/schema/sharing.js';
import type { Store } from '../../src/store/store.js';
import { waitForText } from '../support/log-harness.js';
import { button, click, deepActiveElement, field, hasButton, press, queryAllDeep, queryDeep, renderWithSession, settle, textOf, typeInto } from '../support/component-harness.js';

const render = (options: { personId?: string; sessionId?: string; cycleId?: string; theme?: 'light' | 'dark'; lang?: string } = {}) =>
  renderWithSession<PlcSharingSession>(
    html`<plc-sharing-session session-id=${options.sessionId ?? ''} cycle-id=${options.cycleId ?? ''}></plc-sharing-session>`,
    { personId: options.personId ?? 'p-clare', theme: options.theme, lang: options.lang },
  );

async function tap(element: PlcSharingSession, name: string | RegExp): Promise<void> {
  await click(button(element, name));
  await settle(element);
}

/** Sessions a test planned (the demo's own left out). */
const planned = async (store: Store): Promise<SharingSession[]> =>
  (await store.list('sharingSessions')).map((row) => row.record).filter((s) => s.id !== 'ss-2026-autumn');

const order = (element: PlcSharingSession) => queryAllDeep<HTMLInputElement>(element, '.slot input[id$="-title"]').map((input) => input.value);

describe('plc-sharing-session', () => {
  it('everyone on the staff reads the cycle\u2019s sessions and a session\u2019s programme, times per room, and may print it; only a CPD leader plans', async () => {
    const { element } = await render({ personId: 'p-beth' });
    expect(textOf(queryDeep(element, '[part="sessions"]'))).to.contain('What last year\u2019s PLCs learned · 14 Oct 2026 · 15:30 · Main hall');
    expect(hasButton(element, 'Start planning')).to.equal(false);
    await tap(element, 'Open What last year\u2019s PLCs learned');
    const programme = textOf(queryDeep(element, '[part="programme"]'));
    expect(programme).to.contain('14 Oct 2026, 15:30 to 16:00');
    expect(programme).to.contain('15:30 – 15:45 Planning before doing · Aisha Bello');
    expect(programme).to.contain('15:45 – 16:00 Reading aloud in every subject · Harry Lewis');
    expect(programme).to.contain('Library');
    expect(programme).to.contain('15:30 – 15:50 Reading aloud: questions and examples · Harry Lewis, Isla Murphy');
    expect(textOf(queryDeep(element, '[part="attendance-summary"]'))).to.equal('16 of 42 staff came (38%).');
    expect(hasButton(element, 'Print the programme')).to.equal(true);
    expect(queryAllDeep(element, '[part="running-order"], [part="attendance"]')).to.have.length(0);
    await expect(element).to.be.accessible();
    await tap(element, 'All sharing sessions');
    expect(element.getAttribute('session-id')).to.equal(null);
  });

  it('a CPD leader plans a session from last year\u2019s published outcomes with real keys: add, reorder by button and Alt+arrows, save, invite, record who came', async () => {
    const { element, store } = await render();
    await typeInto(field(element, 'Title'), 'Spring sharing');
    // Day and month alike, so the keys mean the same in a day-first or a month-first date field.
    await typeInto(field(element, 'Day'), '03032027');
    expect(field(element, 'Starts at').value).to.equal('15:30');
    await typeInto(field(element, 'Main room'), 'Hall');
    expect(field<HTMLSelectElement>(element, 'Share the outcomes published in').value).to.equal('cy-2025');
    await tap(element, 'Start planning');
    const [saved] = await planned(store);
    expect(saved).to.deep.include({ title: 'Spring sharing', cycleId: 'cy-2026', sourceCycleId: 'cy-2025', date: '2027-03-03', startsAt: '15:30', room: 'Hall', slots: [] });
    expect(element.getAttribute('session-id')).to.equal(saved!.id);
    expect(textOf(queryDeep(element, '[part="programme"]'))).to.contain('Nothing is on the programme yet.');

    const candidates = textOf(queryDeep(element, '[part="candidates"]'));
    expect(candidates).to.contain('Outcomes published in 2025-26');
    expect(candidates).to.contain('Planning before doing · Strategic learning · Aisha Bello');
    await tap(element, 'Add to the running order: Planning before doing');
    await tap(element, 'Add to the running order: Reading aloud in every subject');
    expect(order(element)).to.deep.equal(['Planning before doing', 'Reading aloud in every subject']);
    expect(queryDeep(element, '[role="status"][aria-live="polite"]').textContent).to.contain('Added Reading aloud in every subject as item 2.');

    // Move the second item up by its button: focus stays on the moved item's button.
    await click(queryAllDeep(element, '[data-move="up"]')[1]!);
    await settle(element);
    expect(order(element)).to.deep.equal(['Reading aloud in every subject', 'Planning before doing']);
    expect((deepActiveElement() as HTMLElement).dataset['move']).to.equal('down');
    expect(queryDeep(element, '[role="status"][aria-live="polite"]').textContent).to.contain('Reading aloud in every subject is now item 1 of 2.');
    // And back down with Alt+ArrowDown from its title field.
    queryAllDeep<HTMLInputElement>(element, '.slot input[id$="-title"]')[0]!.focus();
    await sendKeys({ down: 'Alt' });
    await press('ArrowDown');
    await sendKeys({ up: 'Alt' });
    await settle(element);
    expect(order(element)).to.deep.equal(['Planning before doing', 'Reading aloud in every subject']);
    expect((deepActiveElement() as HTMLInputElement).value).to.equal('Reading aloud in every subject');

    // Shorten the first item and send the second to the library.
    await typeInto(queryAllDeep<HTMLInputElement>(element, '.slot input[type="number"]')[0]!, '20');
    await typeInto(queryAllDeep<HTMLInputElement>(element, '.slot input[id$="-room"]')[1]!, 'Library');
    await tap(element, 'Save the plan');
    let [stored] = await planned(store);
    expect(stored!.slots.map((s) => [s.enquiryId, s.minutes, s.room ?? '', s.presenterIds])).to.deep.equal([
      ['enq-strategic-25', 20, '', ['p-s01']],
      ['enq-reading-25', 10, 'Library', ['p-s08']],
    ]);
    const programme = textOf(queryDeep(element, '[part="programme"]'));
    expect(programme).to.contain('15:30 – 15:50 Planning before doing');
    expect(programme).to.contain('15:30 – 15:40 Reading aloud in every subject');

    await tap(element, 'Invite the presenters');
    [stored] = await planned(store);
    expect(stored!.invitedAt).to.match(/^\d{4}-\d{2}-\d{2}T/);
    expect(textOf(element)).to.contain('Presenters invited: each of them gets a notification.');
    expect(hasButton(element, 'Invite the presenters again')).to.equal(true);

    // On the day: tick who came.
    const attendance = queryDeep(element, '[part="attendance"]');
    for (const name of ['Amir Khan', 'Ivo Rossi']) await click(field(attendance, name));
    await tap(element, 'Save who came');
    [stored] = await planned(store);
    expect(stored!.attendance).to.deep.equal([{ personId: 'p-amir', present: true }, { personId: 'p-ivo', present: true }]);
    expect(textOf(queryDeep(element, '[part="attendance-summary"]'))).to.equal('2 of 42 staff came (5%).');
    await expect(element).to.be.accessible();
  });

  it('refuses a plan that does not fit, naming the field and moving focus to it; removing the last presenter is refused too', async () => {
    const { element, store } = await render();
    await tap(element, 'Start planning');
    expect(field(element, 'Title').getAttribute('aria-invalid')).to.equal('true');
    expect(textOf(element)).to.contain('Give the session a title.');
    expect(deepActiveElement()).to.equal(field(element, 'Title'));
    await typeInto(field(element, 'Title'), 'Summer sharing');
    await typeInto(field(element, 'Day'), '08082027');
    await typeInto(field(element, 'Main room'), 'Hall');
    await tap(element, 'Start planning');
    expect(textOf(element)).to.contain('Choose a day within the cycle 2026-27 (1 Sept 2026 to 17 Jul 2027).');
    expect(deepActiveElement()).to.equal(field(element, 'Day'));
    expect(await planned(store)).to.deep.equal([]);
    await expect(element).to.be.accessible();

    await typeInto(field(element, 'Day'), '07072027');
    await tap(element, 'Start planning');
    await tap(element, 'Add to the running order: Reading aloud in every subject');
    await click(field(queryDeep(element, '[part="running-order"]'), 'Harry Lewis'));
    await settle(element);
    await tap(element, 'Save the plan');
    expect(textOf(queryDeep(element, '[part="running-order"]'))).to.contain('Choose at least one presenter.');
    expect((await planned(store))[0]!.slots).to.deep.equal([]);
    // A colleague chosen from the list makes it valid.
    const add = field<HTMLSelectElement>(element, 'Add a presenter');
    add.focus();
    add.value = 'p-s10';
    add.dispatchEvent(new Event('change'));
    await settle(element);
    await tap(element, 'Save the plan');
    expect((await planned(store))[0]!.slots[0]!.presenterIds).to.deep.equal(['p-s10']);
  });

  it('says so when a cycle has no sessions, when a session is missing, and when no one is chosen', async () => {
    const empty = await render({ personId: 'p-beth', cycleId: 'cy-2025' });
    expect(textOf(queryDeep(empty.element, '[part="sessions"]'))).to.contain('No sharing sessions are planned for 2025-26 yet.');
    await expect(empty.element).to.be.accessible();
    const missing = await render({ sessionId: 'ss-gone' });
    expect(textOf(queryDeep(missing.element, '[part="state"]'))).to.equal('This sharing session could not be found.');
    const nobody = await render({ personId: 'p-nobody' });
    expect(textOf(nobody.element)).to.contain('Choose who you are to see the sharing sessions.');
  });

  it('speaks Spanish and US English', async () => {
    const es = await render({ personId: 'p-beth', sessionId: 'ss-2026-autumn', lang: 'es' });
    await waitForText(es.element, 'Imprimir el programa');
    expect(textOf(es.element)).to.contain('Vinieron 16 de 42 miembros del personal');
    const us = await render({ personId: 'p-beth', sessionId: 'ss-2026-autumn', lang: 'en-US' });
    await waitForText(us.element, 'Print the program');
  });
});
