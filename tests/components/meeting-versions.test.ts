/**
 * Meeting notes keep their versions (issue 16): after "keep mine" in the conflict view, the
 * colleague's notes and the notes before them stay reachable in `<plc-meeting>`, each with who
 * wrote it and when, long ones folded; by keyboard, axe-clean in light and dark; a colleague the
 * privacy contract keeps from the meeting sees no versions. Real keys and clicks in Chromium.
 */
import { expect } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { html } from 'lit';
import '../../components/plc-meeting/index.js';
import type { PlcMeeting } from '../../components/plc-meeting/plc-meeting.js';
import { defaultLifecycle } from '../../src/lifecycle/lifecycle.js';
import type { Meeting } from '../../src/schema/directory.js';
import { createMemoryStore } from '../../src/store/memory.js';
import type { Store } from '../../src/store/store.js';
import { seedDemo } from '../../examples/demo/seed.js';
import { button, click, deepActiveElement, field, press, queryAllDeep, queryDeep, renderWithSession, settle, textOf, typeInto } from '../support/component-harness.js';
import { waitFor, waitForText } from '../support/app-harness.js';

const MEETING: Meeting = {
  schemaVersion: 1,
  id: 'mtg-october',
  communityId: 'com-feedback',
  date: '2026-10-08',
  protocol: 'open',
  agenda: [],
  notes: 'Feedback is written but rarely acted on.',
  decisions: [],
  attendance: [],
  enquiryIds: [],
};

/** Beth's notes: long enough to fold. */
const BETHS = `Beth: ${'Students skim the comments and go straight to the grade. '.repeat(10)}`;

async function render(store: Store, personId: string, theme: 'light' | 'dark' = 'light') {
  const template = html`<plc-meeting community-id="com-feedback" meeting-id=${MEETING.id}></plc-meeting>`;
  const result = await renderWithSession<PlcMeeting>(template, { personId, store, theme });
  await result.element.loaded;
  await settle(result.element);
  return result.element;
}

const versions = (element: Element) => queryAllDeep<HTMLDetailsElement>(element, '.note-versions details.version');

describe('plc-meeting keeps each version of the notes', () => {
  it('after “keep mine”, Beth’s notes and the notes before them are both reachable: who, when, what', async () => {
    const store = createMemoryStore({ lifecycle: defaultLifecycle });
    await seedDemo(store);
    await store.put('meetings', MEETING, 0);
    const element = await render(store, 'p-amir');
    await waitForText(element, 'Meeting on 8 Oct 2026');
    await typeInto(field(element, 'Notes'), 'Amir: we agreed on DIRT time.');
    // Meanwhile, on another device, Beth saves her notes over the same version.
    const beths = await store.put('meetings', { ...MEETING, notes: BETHS, notesBy: 'p-beth' }, 1);
    await click(button(element, 'Save the meeting'));
    await waitForText(element, 'Someone else saved this while you were editing it.');
    await click(button(element, 'Keep mine (save over theirs)'));
    await waitFor(async () => (await store.get('meetings', MEETING.id))!.version === 3, 2000, 'version 3');
    await waitForText(element, 'Meeting saved.');
    await settle(element);

    const section = queryDeep(element, '.note-versions');
    expect(textOf(section)).to.contain('Notes as they are now: written by Amir Khan');
    const [newest, oldest] = versions(element);
    expect(versions(element)).to.have.length(2);
    expect(textOf(newest!.querySelector('summary')!)).to.contain('Beth Evans');
    expect(newest!.querySelector('time')!.getAttribute('datetime')).to.equal(beths.record.notesAt);
    expect(textOf(oldest!.querySelector('summary')!)).to.contain('Writer not recorded');

    // By keyboard: focus Beth's version, open it, unfold her long notes.
    newest!.querySelector('summary')!.focus();
    await press('Enter');
    await settle(element);
    expect(newest!.open, 'opened by Enter').to.equal(true);
    expect(textOf(newest!)).to.contain('Students skim the comments and go straight to the grade.');
    await press('Tab');
    const more = deepActiveElement() as HTMLButtonElement;
    expect(textOf(more)).to.contain('Show more');
    expect(more.getAttribute('aria-expanded')).to.equal('false');
    await press('Enter');
    expect(more.getAttribute('aria-expanded')).to.equal('true');
    await click(oldest!.querySelector('summary')!);
    await settle(element);
    expect(textOf(oldest!)).to.contain(MEETING.notes);
    await expect(element).to.be.accessible();
  });

  it('shows the versions in light and dark, on phone, tablet and desktop widths, to the community, and none to a colleague outside it', async () => {
    const store = createMemoryStore({ lifecycle: defaultLifecycle });
    await seedDemo(store);
    const first = await store.put('meetings', { ...MEETING, notesBy: 'p-amir' }, 0);
    await store.put('meetings', { ...first.record, notes: 'Chen: the codes took too long.', notesBy: 'p-chen' }, first.version);
    for (const [theme, width] of [['light', 1280], ['dark', 320], ['light', 768]] as const) {
      await setViewport({ width, height: 800 });
      const element = await render(store, 'p-beth', theme);
      await waitForText(element, 'Earlier versions of the notes');
      expect(versions(element)).to.have.length(1);
      const section = queryDeep<HTMLElement>(element, '.note-versions');
      expect(textOf(section)).to.contain('written by Chen Li');
      expect(section.scrollWidth, `no sideways scrolling at ${width} px`).to.be.at.most(section.clientWidth + 1);
      await expect(element).to.be.accessible();
    }
    await setViewport({ width: 1280, height: 800 });
    // Eli teaches but is not in the community: the contract gives him neither the meeting nor its versions.
    const outside = await render(store, 'p-eli');
    expect(textOf(outside)).not.to.contain('Earlier versions of the notes');
    expect(versions(outside)).to.have.length(0);
  });
});
