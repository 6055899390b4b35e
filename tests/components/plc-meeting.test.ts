import { expect, fixture, oneEvent } from '@open-wc/testing';
import { html } from 'lit';
import '../../components/plc-meeting/index.js';
import type { PlcMeeting } from '../../components/plc-meeting/plc-meeting.js';
import type { PlcMeetingSaveEvent } from '../../components/plc-meeting/meeting-save-event.js';
import { createMemoryStore } from '../../src/store/memory.js';
import type { Store } from '../../src/store/store.js';
import type { Meeting } from '../../src/schema/directory.js';
import { defaultLifecycle } from '../../src/lifecycle/lifecycle.js';
import { seedDemo } from '../../examples/demo/seed.js';
import { button, click, deepActiveElement, field, hasButton, press, queryAllDeep, queryDeep, renderWithSession, settle, textOf, typeInto, type SessionOptions } from '../support/component-harness.js';
import { waitFor, waitForText } from '../support/app-harness.js';
import { storeFailingOn, storeHangingOn } from '../support/store-faults.js';

const PAST: Meeting = {
  schemaVersion: 1,
  id: 'mtg-october',
  communityId: 'com-feedback',
  date: '2026-10-08',
  protocol: 'data-analysis',
  agenda: [
    { title: 'Look at the Year 9 books', minutes: 20 },
    { title: 'Agree next steps', minutes: 10 },
  ],
  notes: 'Feedback is written but rarely acted on.',
  decisions: ['Try feedback as questions', 'DIRT time every fortnight'],
  attendance: [
    { personId: 'p-amir', present: true },
    { personId: 'p-beth', present: true },
    { personId: 'p-chen', present: false },
    { personId: 'p-dana', present: false },
  ],
  enquiryIds: ['enq-feedback'],
};

async function render(options: SessionOptions & { meetingId?: string; past?: Meeting[] } = {}) {
  const store = options.store ?? createMemoryStore({ lifecycle: defaultLifecycle });
  await seedDemo(store);
  for (const meeting of options.past ?? []) await store.put('meetings', meeting, 0);
  const template = options.meetingId
    ? html`<plc-meeting community-id="com-feedback" meeting-id=${options.meetingId}></plc-meeting>`
    : html`<plc-meeting community-id="com-feedback"></plc-meeting>`;
  const result = await renderWithSession<PlcMeeting>(template, { personId: 'p-amir', ...options, store });
  await result.element.loaded;
  await settle(result.element);
  return result;
}

const agendaValues = (element: Element) =>
  queryAllDeep<HTMLLIElement>(element, '.agenda-row').map((row) => {
    const [title, minutes] = [...row.querySelectorAll('input')];
    return [title!.value, minutes!.value];
  });

const stored = async (store: Store, id: string) => (await store.get('meetings', id))!;

describe('plc-meeting', () => {
  it('starts a new meeting whose agenda a protocol fills in, with timings', async () => {
    const { element } = await render();
    expect(textOf(element)).to.contain('Meetings of Feedback that moves learning');
    expect(textOf(element)).to.contain('Meeting time: Wednesday 15:30, 60 minutes, Library');
    expect(textOf(element)).to.contain('New meeting');
    expect(agendaValues(element)).to.deep.equal([]);
    await expect(element).to.be.accessible();

    await click(field(element, 'Looking at student data'));
    await settle(element);
    expect(agendaValues(element)).to.deep.equal([
      ['Check in: which data, and which question it speaks to', '5'],
      ['What do we notice? Describe only, no explanations yet', '15'],
      ['What might explain it?', '15'],
      ['What does it mean for our teaching?', '15'],
      ['Next steps: who does what by when', '10'],
    ]);
    expect(textOf(element)).to.contain('Total: 60 of the 60 minutes set aside');

    // An untouched agenda follows the protocol.
    await click(field(element, 'A lesson that didn’t go to plan'));
    await settle(element);
    expect(agendaValues(element).map(([title]) => title)).to.deep.equal([
      'Agree the norms: curious, developmental, confidential',
      'The lesson: what was planned and what happened',
      'Clarifying questions',
      'Why might it not have worked? The group discusses, the teacher listens',
      'The teacher reflects on what they heard',
      'What we will try next time',
    ]);
    expect(textOf(element)).to.contain('Total: 55 of the 60 minutes set aside');
    await click(field(element, 'Sharing an observation'));
    await settle(element);
    expect(agendaValues(element)[0]).to.deep.equal(['The focus of the observation and our driving question', '5']);
    await expect(element).to.be.accessible();
  });

  it('edits the agenda by keyboard and asks before a protocol replaces an edited agenda', async () => {
    const { element } = await render({ theme: 'dark' });
    await click(field(element, 'Planning'));
    await settle(element);
    await typeInto(field(element, 'Item 2'), 'Where each enquiry is');
    await typeInto(field(element, 'Minutes for item 3'), '25');
    await settle(element);
    expect(textOf(element)).to.contain('Total: 55 of the 60 minutes set aside');
    // Move item 3 up: focus follows it.
    await click(button(element, 'Move item 3 up'));
    await settle(element);
    expect(agendaValues(element).map(([, minutes]) => minutes)).to.deep.equal(['10', '25', '10', '10']);
    expect(deepActiveElement()?.id).to.equal('agenda-up-1');
    await press('Enter');
    await settle(element);
    expect(agendaValues(element)[0]).to.deep.equal(['Plan observations and evidence, student voice first', '25']);
    expect(deepActiveElement()?.id).to.equal('agenda-down-0');
    await click(button(element, 'Add an item'));
    await settle(element);
    expect(deepActiveElement()).to.equal(field(element, 'Item 5'));
    await typeInto(field(element, 'Item 5'), 'Celebrate a success');
    await settle(element);
    expect(textOf(element)).to.contain('Total: 65 of the 60 minutes set aside');
    expect(textOf(element)).to.contain('The agenda is longer than the meeting time');
    await click(button(element, /^Remove Item 4$/));
    await settle(element);
    expect(agendaValues(element)).to.have.length(4);
    expect(deepActiveElement()).to.equal(field(element, 'Item 4'));

    // Another protocol now asks first.
    await click(field(element, 'Open meeting'));
    await settle(element);
    expect(textOf(element)).to.contain('You have changed the agenda. Replace it with the agenda of “Open meeting”?');
    await expect(element).to.be.accessible();
    await click(button(element, 'Keep my agenda'));
    await settle(element);
    expect(agendaValues(element)[3]).to.deep.equal(['Celebrate a success', '10']);
    expect(field<HTMLInputElement>(element, 'Open meeting').checked).to.equal(true);
    await click(field(element, 'Looking at student data'));
    await settle(element);
    await click(button(element, 'Replace the agenda'));
    await settle(element);
    expect(agendaValues(element)).to.have.length(5);
    expect(deepActiveElement()).to.equal(field(element, 'Item 1'));
  });

  it('saves a meeting with attendance, decisions, notes and linked enquiries', async () => {
    const { element, store } = await render();
    await typeInto(field(element, 'Date'), '11032026');
    await click(field(element, 'Looking at student data'));
    await click(field(element, 'Amir Khan'));
    await click(field(element, 'Beth Evans'));
    await typeInto(field(element, 'Notes'), 'Books from 9C and 9F.\nMost feedback is unanswered.');
    await click(button(element, 'Add a decision'));
    await settle(element);
    await typeInto(deepActiveElement() as HTMLInputElement, 'Feedback as questions in Year 9');
    await press('Enter');
    await settle(element);
    await typeInto(deepActiveElement() as HTMLInputElement, 'Survey students before half term');
    await click(field(element, 'Engaging with written feedback'));
    await settle(element);
    expect(textOf(element)).to.contain('2 of 4 present');
    const saved = oneEvent(element, 'plc-meeting-save') as Promise<PlcMeetingSaveEvent>;
    await click(button(element, 'Save the meeting'));
    const event = await saved;
    await settle(element);
    expect(event.version).to.equal(1);
    expect(element.getAttribute('meeting-id')).to.equal(event.meetingId);
    const { record, version } = await stored(store, event.meetingId);
    expect(version).to.equal(1);
    expect(record).to.deep.include({
      communityId: 'com-feedback',
      date: '2026-11-03',
      protocol: 'data-analysis',
      notes: 'Books from 9C and 9F.\nMost feedback is unanswered.',
      decisions: ['Feedback as questions in Year 9', 'Survey students before half term'],
      enquiryIds: ['enq-feedback'],
    });
    expect(record.agenda).to.have.length(5);
    expect(record.agenda[1]).to.deep.equal({ title: 'What do we notice? Describe only, no explanations yet', minutes: 15 });
    expect(record.attendance).to.deep.equal([
      { personId: 'p-amir', present: true },
      { personId: 'p-beth', present: true },
      { personId: 'p-chen', present: false },
      { personId: 'p-dana', present: false },
    ]);
    await waitForText(element, 'Meeting saved.');
    expect(textOf(element)).to.contain('Meeting on 3 Nov 2026');
    await waitFor(() => textOf(queryAllDeep(element, '.past')[0]!).includes('3 Nov 2026 · Looking at student data'), 2000, 'the past list');
    expect(textOf(queryAllDeep(element, '.past')[0]!)).to.contain('2 decisions, 2 present');
    await expect(element).to.be.accessible();

    // A second save of the same meeting updates it.
    await click(field(element, 'Chen Li'));
    await click(button(element, 'Save the meeting'));
    await waitFor(async () => (await stored(store, event.meetingId)).version === 2, 2000, 'version 2');
    expect((await stored(store, event.meetingId)).record.attendance.filter((a) => a.present)).to.have.length(3);
    expect((await store.list('meetings')).filter((m) => m.record.communityId === 'com-feedback')).to.have.length(1);
  });

  it('flags missing details, focuses the first, and saves nothing', async () => {
    const { element, store } = await render();
    await click(button(element, 'Save the meeting'));
    await settle(element);
    expect(textOf(element)).to.contain('Choose the protocol the meeting follows.');
    expect(deepActiveElement()).to.equal(field(element, 'Looking at student data'));
    await click(field(element, 'Open meeting'));
    await typeInto(field(element, 'Item 2'), '');
    await typeInto(field(element, 'Minutes for item 3'), '0');
    await click(button(element, 'Save the meeting'));
    await settle(element);
    expect(textOf(element)).to.contain('Some fields need attention before the meeting can be saved.');
    expect(textOf(element)).to.contain('Say what this item is about, or remove it.');
    expect(textOf(element)).to.contain('Whole minutes, 1 to 240.');
    expect(field(element, 'Item 2').getAttribute('aria-invalid')).to.equal('true');
    expect(field(element, 'Item 2').getAttribute('aria-describedby')).to.equal('agenda-title-1-error');
    expect(deepActiveElement()).to.equal(field(element, 'Item 2'));
    await expect(element).to.be.accessible();
    // Nothing saved: the only meetings are the demo's (the new-staff group's sessions).
    expect((await store.list('meetings')).filter((m) => m.record.communityId === 'com-feedback')).to.deep.equal([]);
  });

  it('keeps everything typed when someone else saved first, names what they changed, then keeps mine or takes theirs', async () => {
    const { element, store } = await render({ meetingId: PAST.id, past: [PAST] });
    await waitForText(element, 'Meeting on 8 Oct 2026');
    expect(field<HTMLTextAreaElement>(element, 'Notes').value).to.equal(PAST.notes);
    await typeInto(field(element, 'Notes'), 'My notes, typed carefully.');
    await click(field(element, 'Chen Li'));
    // Meanwhile, on another device, Beth saves the same meeting.
    await store.put('meetings', { ...PAST, notes: 'Beth’s notes.' }, 1);
    await new Promise((resolve) => setTimeout(resolve, 120));
    await settle(element);
    expect(field<HTMLTextAreaElement>(element, 'Notes').value).to.equal('My notes, typed carefully.');
    await click(button(element, 'Save the meeting'));
    await waitForText(element, 'Someone else saved this while you were editing it.');
    expect(deepActiveElement()?.id).to.equal('conflict');
    const conflict = textOf(queryDeep(element, '[part="conflict"]'));
    expect(conflict).to.contain('They changed these');
    expect(conflict).to.contain('Notes Yours My notes, typed carefully. Theirs Beth’s notes. Use theirs for “Notes”');
    expect(conflict).to.contain('Nothing was saved. What you typed is still here.');
    expect(field<HTMLTextAreaElement>(element, 'Notes').value).to.equal('My notes, typed carefully.');
    expect(field<HTMLInputElement>(element, 'Chen Li').checked).to.equal(true);
    expect((await stored(store, PAST.id)).record.notes).to.equal('Beth’s notes.');
    await expect(element).to.be.accessible();

    await click(button(element, 'Keep mine (save over theirs)'));
    await waitFor(async () => (await stored(store, PAST.id)).version === 3, 2000, 'version 3');
    expect((await stored(store, PAST.id)).record.notes).to.equal('My notes, typed carefully.');
    await waitForText(element, 'Meeting saved.');

    // Stale again, and this time take theirs.
    await typeInto(field(element, 'Notes'), 'Another draft.');
    await store.put('meetings', { ...PAST, notes: 'Chen’s notes.' }, 3);
    await click(button(element, 'Save the meeting'));
    await waitForText(element, 'Take theirs (discard mine)');
    await click(button(element, 'Take theirs (discard mine)'));
    await waitFor(() => field<HTMLTextAreaElement>(element, 'Notes').value === 'Chen’s notes.', 2000, 'their notes');
    expect(textOf(element)).not.to.contain('Someone else saved');
    expect(deepActiveElement()?.id).to.equal('meeting-title');
  });

  it('opens past meetings from the list, asking before leaving unsaved changes', async () => {
    const november: Meeting = { ...PAST, id: 'mtg-november', date: '2026-11-12', protocol: 'failed-lesson', decisions: ['Re-teach with a model'] };
    const { element } = await render({ past: [PAST, november] });
    const past = queryAllDeep<HTMLButtonElement>(element, '.past button');
    expect(past.map((b) => textOf(b))).to.deep.equal(['12 Nov 2026 · A lesson that didn’t go to plan', '8 Oct 2026 · Looking at student data']);
    await click(past[1]!);
    await waitForText(element, 'Meeting on 8 Oct 2026');
    expect(element.getAttribute('meeting-id')).to.equal('mtg-october');
    expect(queryAllDeep(element, '.past button[aria-current="true"]').map((b) => textOf(b))).to.deep.equal(['8 Oct 2026 · Looking at student data']);
    expect(deepActiveElement()?.id).to.equal('meeting-title');
    await typeInto(field(element, 'Notes'), 'Unsaved words');
    await click(button(element, '12 Nov 2026'));
    await settle(element);
    expect(textOf(element)).to.contain('This meeting has changes that are not saved.');
    await click(button(element, 'Keep editing'));
    await settle(element);
    expect(field<HTMLTextAreaElement>(element, 'Notes').value).to.equal('Unsaved words');
    await click(button(element, '12 Nov 2026'));
    await settle(element);
    await click(button(element, 'Leave my changes'));
    await waitForText(element, 'Meeting on 12 Nov 2026');
    expect(field<HTMLInputElement>(element, 'A lesson that didn’t go to plan').checked).to.equal(true);
    await click(button(element, 'Start a new meeting'));
    await waitForText(element, 'New meeting');
    expect(element.hasAttribute('meeting-id')).to.equal(false);
  });

  it('shows a meeting that arrives after it was asked for (a sync)', async () => {
    const { element, store } = await render({ meetingId: PAST.id });
    expect(textOf(element)).to.contain('This meeting could not be found.');
    await store.put('meetings', PAST, 0);
    await waitForText(element, 'Meeting on 8 Oct 2026');
    expect(field<HTMLTextAreaElement>(element, 'Notes').value).to.equal(PAST.notes);
  });

  it('shows staff outside the community none of its meetings (docs/privacy.md, meeting: members, lead, coaches, CPD leaders, admins)', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const { element } = await render({ personId: 'p-eli', meetingId: PAST.id, past: [PAST], theme });
      await waitForText(element, 'This community’s meetings are read by its lead, members and coaches, CPD leaders and administrators.');
      const text = textOf(element);
      for (const secret of ['Look at the Year 9 books', 'Try feedback as questions', 'Amir Khan', 'Meeting on 8 Oct 2026']) expect(text).not.to.contain(secret);
      expect(hasButton(element, 'Save the meeting')).to.equal(false);
      expect(queryAllDeep(element, 'input, textarea')).to.have.length(0);
      await expect(element).to.be.accessible();
    }
    // The coach and the CPD leader write.
    for (const personId of ['p-dana', 'p-clare']) {
      const { element } = await render({ personId });
      expect(hasButton(element, 'Save the meeting')).to.equal(true);
    }
  });

  it('shows loading, error, missing, no-person, no-community and no-provider states', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const never = storeHangingOn('list', (collection) => collection === 'meetings');
      const { element: loading } = await renderWithSession<PlcMeeting>(html`<plc-meeting community-id="com-feedback"></plc-meeting>`, { store: never, personId: 'p-amir', theme, untilLoaded: false });
      expect(textOf(loading)).to.match(/Loading the meetings…/);
      await expect(loading).to.be.accessible();

      const { element: missing } = await render({ meetingId: 'mtg-gone', theme });
      expect(textOf(missing)).to.contain('This meeting could not be found.');
      await expect(missing).to.be.accessible();

      const { element: nobody } = await render({ personId: '', theme });
      expect(textOf(nobody)).to.contain('Choose who you are to see this community’s meetings.');
      await expect(nobody).to.be.accessible();

      const { element: unknown } = await renderWithSession<PlcMeeting>(html`<plc-meeting community-id="com-nowhere"></plc-meeting>`, { personId: 'p-amir', theme });
      expect(textOf(unknown)).to.contain('This community could not be found.');
      await expect(unknown).to.be.accessible();

      const { element: unset } = await renderWithSession<PlcMeeting>(html`<plc-meeting></plc-meeting>`, { personId: 'p-amir', theme });
      expect(textOf(unset)).to.contain('No community chosen: set the community-id attribute.');
      await expect(unset).to.be.accessible();
    }

    const failing = storeFailingOn('listEnquiries');
    const { element: broken } = await render({ store: failing.store, theme: 'dark' });
    expect(textOf(broken)).to.contain('The meetings could not be loaded. disk on fire');
    await expect(broken).to.be.accessible();
    failing.failing = false;
    await click(button(broken, 'Try again'));
    await waitForText(broken, 'New meeting');

    const bare = await fixture<PlcMeeting>(html`<plc-meeting community-id="com-feedback"></plc-meeting>`);
    expect(textOf(bare)).to.contain('plc-provider');
    await expect(bare).to.be.accessible();
  });

  it('re-renders in en-US and Spanish when the language changes', async () => {
    const { element, provider } = await render({ meetingId: PAST.id, past: [PAST] });
    provider.lang = 'en-US';
    await provider.updateComplete;
    await waitForText(element, 'Inquiries discussed');
    provider.lang = 'es';
    await provider.updateComplete;
    await waitForText(element, 'Reuniones de Feedback that moves learning');
    expect(textOf(element)).to.contain('Analizar datos del alumnado');
    expect(textOf(element)).to.contain('Reunión del 8 oct 2026');
    expect(textOf(element)).to.contain('miércoles 15:30, 60 minutos, Library');
    provider.lang = 'en-GB';
    await provider.updateComplete;
    await waitForText(element, 'Enquiries discussed');
  });
});
