import { expect, fixture, oneEvent } from '@open-wc/testing';
import { html } from 'lit';
import '../../components/plc-community-board/index.js';
import type { PlcCommunityBoard } from '../../components/plc-community-board/plc-community-board.js';
import type { PlcEnquiryOpenEvent } from '../../components/events/enquiry-open.js';
import { createMemoryStore } from '../../src/store/memory.js';
import { defaultLifecycle } from '../../src/lifecycle/lifecycle.js';
import { seedDemo } from '../../examples/demo/seed.js';
import { setViewport } from '@web/test-runner-commands';
import { button, click, deepActiveElement, field, press, queryAllDeep, renderWithSession, settle, tabTo, textOf, typeInto, type SessionOptions } from '../support/component-harness.js';
import { chooseOption, waitFor, waitForText } from '../support/app-harness.js';
import { testEventFactory } from '../support/survey-harness.js';
import { appendAll, generatedEnquiries } from '../support/board-harness.js';
import { storeFailingOn, storeHangingOn } from '../support/store-faults.js';

/**
 * Three enquiries besides the seed's two (enq-feedback: assessment for learning, observation;
 * enq-oracy: oracy, driving question): Hana and Gus's wellbeing enquiry at Brookside, Ivo's
 * individual literacy project, Chen's second feedback enquiry; and one from last year.
 */
function extraEnquiries() {
  const make = testEventFactory('board');
  const stages = [...defaultLifecycle.stages];
  const create = (enquiryId: string, authorId: string, details: Record<string, unknown>) =>
    make(enquiryId, 'enquiry.create', authorId, { kind: 'group', cycleId: 'cy-2026', track: 'plc', stages, ...details });
  return [
    create('enq-calm', 'p-hana', { title: 'Calm starts to lessons', themeId: 'th-wellbeing', communityId: 'com-wellbeing', ownerIds: ['p-hana', 'p-gus'] }),
    create('enq-reading', 'p-ivo', { title: 'Reading aloud in tutor time', kind: 'individual', themeId: 'th-literacy', ownerIds: ['p-ivo'] }),
    create('enq-quiz', 'p-chen', { title: 'Low-stakes quizzes', themeId: 'th-afl', communityId: 'com-feedback', ownerIds: ['p-chen'] }),
    create('enq-last-year', 'p-amir', { title: 'Strategic learners, last year', cycleId: 'cy-2025', themeId: 'th-strategic', communityId: 'com-strategic-25', ownerIds: ['p-amir'] }),
  ];
}

/** Renders the board on the seeded school with the extra enquiries; `tall` makes the list hold every row of this small fixture. */
async function render(options: SessionOptions = {}, view: 'grouped' | 'list' = 'grouped', tall = false) {
  const height = tall ? '1600px' : '';
  const result = await renderWithSession<PlcCommunityBoard>(
    html`<plc-community-board view=${view} style=${tall ? `--plc-board-height: ${height}` : ''}></plc-community-board>`,
    { events: extraEnquiries(), ...options },
  );
  await result.element.loaded;
  await settle(result.element);
  if (tall) await waitFor(() => queryAllDeep(result.element, '.row').length >= 18, 2000, 'every row');
  return result;
}

const rows = (element: Element) => queryAllDeep<HTMLElement>(element, '.row').sort((a, b) => Number(a.dataset['index']) - Number(b.dataset['index']));
/** What a screen reader reads of a row: its text without the parts hidden from it (chevrons, short counts). */
function spoken(row: Element): string {
  const copy = row.cloneNode(true) as Element;
  for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
  return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
}
const rowTexts = (element: Element) => rows(element).map(spoken);
const enquiryTitles = (element: Element) => queryAllDeep(element, '.row.enquiry .title').map((t) => textOf(t));
const countLine = (element: Element) => textOf(queryAllDeep(element, '[part="summary"]')[0]!);
const active = () => deepActiveElement() as HTMLElement;

describe('plc-community-board', () => {
  it('groups every enquiry of the cycle by theme, community and stage, with counts', async () => {
    const { element } = await render({}, 'grouped', true);
    expect(countLine(element)).to.equal('5 enquiries');
    expect(rowTexts(element)).to.deep.equal([
      'Assessment for learning 2 enquiries',
      'Feedback that moves learning 2 enquiries',
      'Driving question 1 enquiry',
      'Low-stakes quizzes No driving question yet. Chen Li',
      'Observation 1 enquiry',
      'Engaging with written feedback How can we encourage students to engage more actively with written feedback? Amir Khan, Beth Evans, Chen Li',
      'Literacy 1 enquiry',
      'Individual projects (no community) 1 enquiry',
      'Driving question 1 enquiry',
      'Reading aloud in tutor time No driving question yet. Ivo Rossi',
      'Oracy 1 enquiry',
      'Talk for learning 1 enquiry',
      'Driving question 1 enquiry',
      'Structured talk in mixed-attainment groups In what ways do talk roles change how Year 7 students explain their reasoning? Dana Okafor, Eli Novak, Fern Walsh, Gus Patel',
      'Student wellbeing 1 enquiry',
      'Calm classrooms 1 enquiry',
      'Driving question 1 enquiry',
      'Calm starts to lessons No driving question yet. Hana Sato, Gus Patel',
    ]);
    const tree = queryAllDeep(element, '[role="tree"]')[0]!;
    expect(tree.getAttribute('aria-label')).to.equal('Enquiries');
    const first = rows(element)[0]!;
    expect([first.getAttribute('role'), first.getAttribute('aria-level'), first.getAttribute('aria-expanded'), first.getAttribute('aria-setsize')]).to.deep.equal(['treeitem', '1', 'true', '4']);
    const leaf = rows(element)[3]!;
    expect([leaf.getAttribute('aria-level'), leaf.getAttribute('aria-posinset'), leaf.hasAttribute('aria-expanded')]).to.deep.equal(['4', '1', false]);
    expect(textOf(element)).not.to.contain('Strategic learners, last year');
    await expect(element).to.be.accessible();
  });

  it('is accessible in dark mode, grouped and as a flat list', async () => {
    const { element } = await render({ theme: 'dark' });
    await expect(element).to.be.accessible();
    await click(field(element, 'One list, latest first'));
    await settle(element);
    expect(queryAllDeep(element, '[role="listbox"] [role="option"]')).to.have.length(5);
    await expect(element).to.be.accessible();
  });

  it('narrows the board with each filter and the search, and clears them', async () => {
    const { element } = await render();
    await chooseOption(field<HTMLSelectElement>(element, 'Theme'), 'Assessment for learning');
    await settle(element);
    expect(countLine(element)).to.equal('2 of 5 enquiries match');
    expect(enquiryTitles(element)).to.deep.equal(['Low-stakes quizzes', 'Engaging with written feedback']);
    expect(element.getAttribute('filter-theme')).to.equal('th-afl');
    // The community filter offers the chosen theme's communities only.
    expect([...field<HTMLSelectElement>(element, 'Community').options].map((o) => o.text)).to.deep.equal(['All communities', 'Feedback that moves learning']);
    await chooseOption(field<HTMLSelectElement>(element, 'Stage'), 'Observation');
    await settle(element);
    expect(countLine(element)).to.equal('1 of 5 enquiries match');
    expect(enquiryTitles(element)).to.deep.equal(['Engaging with written feedback']);

    await click(button(element, 'Clear the filters'));
    await settle(element);
    expect(countLine(element)).to.equal('5 enquiries');
    expect(deepActiveElement()).to.equal(field(element, 'Search'));

    // A school: where the community meets or an owner works (Brookside: oracy meets in both schools, wellbeing there only).
    await chooseOption(field<HTMLSelectElement>(element, 'School'), 'Brookside School');
    await settle(element);
    expect(countLine(element)).to.equal('2 of 5 enquiries match');
    expect(enquiryTitles(element)).to.deep.equal(['Structured talk in mixed-attainment groups', 'Calm starts to lessons']);
    await chooseOption(field<HTMLSelectElement>(element, 'School'), 'Oakfield Academy');
    await settle(element);
    expect(countLine(element)).to.equal('4 of 5 enquiries match');
    await chooseOption(field<HTMLSelectElement>(element, 'School'), 'All schools');

    // A person: owner or contributor.
    await chooseOption(field<HTMLSelectElement>(element, 'Person'), 'Chen Li');
    await settle(element);
    expect(countLine(element)).to.equal('2 of 5 enquiries match');
    expect(enquiryTitles(element)).to.deep.equal(['Low-stakes quizzes', 'Engaging with written feedback']);
    await chooseOption(field<HTMLSelectElement>(element, 'Person'), 'Anyone');
    await settle(element);

    // The search looks in titles, questions and owners' names, ignoring case and accents.
    await typeInto(field(element, 'Search'), 'talk roles');
    await settle(element);
    expect(enquiryTitles(element)).to.deep.equal(['Structured talk in mixed-attainment groups']);
    await typeInto(field(element, 'Search'), 'OKÁFOR');
    await settle(element);
    expect(enquiryTitles(element)).to.deep.equal(['Structured talk in mixed-attainment groups']);
    await typeInto(field(element, 'Search'), 'reading tutor');
    await settle(element);
    expect(countLine(element)).to.equal('1 of 5 enquiries match');
    expect(enquiryTitles(element)).to.deep.equal(['Reading aloud in tutor time']);
    expect(element.getAttribute('query')).to.equal('reading tutor');
    // The count is announced once the typing stops.
    await waitFor(() => textOf(queryAllDeep(element, '[aria-live="polite"]')[0]!) === '1 of 5 enquiries match', 3000, 'the announcement');

    await typeInto(field(element, 'Search'), 'nothing like this');
    await settle(element);
    expect(textOf(element)).to.contain('No enquiries match these filters.');
    expect(queryAllDeep(element, '.row')).to.have.length(0);
    await expect(element).to.be.accessible();
    await click(button(element, 'Clear the filters'));
    await settle(element);
    expect(countLine(element)).to.equal('5 enquiries');
  });

  it('starts filtered from its attributes, and shows the flat list newest first', async () => {
    const { element } = await render({}, 'list');
    expect(enquiryTitles(element)).to.deep.equal([
      'Low-stakes quizzes',
      'Reading aloud in tutor time',
      'Calm starts to lessons',
      'Structured talk in mixed-attainment groups',
      'Engaging with written feedback',
    ]);
    expect(textOf(rows(element)[4]!)).to.contain('Assessment for learning · Feedback that moves learning · Amir Khan');
    element.filterCommunity = 'com-oracy';
    await settle(element);
    expect(enquiryTitles(element)).to.deep.equal(['Structured talk in mixed-attainment groups']);
  });

  it('moves through the tree with the arrow keys, opens and closes groups, and opens an enquiry with Enter', async () => {
    const { element } = await render({}, 'grouped', true);
    const first = rows(element)[0]!;
    await tabTo(first);
    expect(first.getAttribute('tabindex')).to.equal('0');
    await press('ArrowDown');
    await settle(element);
    expect(spoken(active())).to.equal('Feedback that moves learning 2 enquiries');
    await press('ArrowDown');
    await press('ArrowDown');
    await settle(element);
    expect(textOf(active())).to.contain('Low-stakes quizzes');
    // Only one row is a Tab stop: the one with focus.
    expect(rows(element).filter((row) => row.getAttribute('tabindex') === '0')).to.deep.equal([active()]);
    // Left moves to the parent group, Left again closes it, Right opens it.
    await press('ArrowLeft');
    await settle(element);
    expect(spoken(active())).to.equal('Driving question 1 enquiry');
    await press('ArrowLeft');
    await settle(element);
    expect(active().getAttribute('aria-expanded')).to.equal('false');
    expect(enquiryTitles(element)).not.to.include('Low-stakes quizzes');
    await press('ArrowRight');
    await settle(element);
    expect(active().getAttribute('aria-expanded')).to.equal('true');
    expect(enquiryTitles(element)).to.include('Low-stakes quizzes');
    // Closing a theme hides everything in it; its count stays.
    await press('Home');
    await settle(element);
    await press('Enter');
    await settle(element);
    expect(rowTexts(element)[0]).to.equal('Assessment for learning 2 enquiries');
    expect(rows(element)[0]!.getAttribute('aria-expanded')).to.equal('false');
    expect(rowTexts(element)[1]).to.equal('Literacy 1 enquiry');
    await press('End');
    await settle(element);
    expect(textOf(active())).to.contain('Calm starts to lessons');
    const opened = oneEvent(element, 'plc-enquiry-open') as Promise<PlcEnquiryOpenEvent>;
    await press('Enter');
    const event = await opened;
    expect([event.enquiryId, event.created]).to.deep.equal(['enq-calm', false]);
  });

  it('moves through the flat list with the keyboard and opens an enquiry with a click', async () => {
    const { element } = await render({}, 'list');
    const first = rows(element)[0]!;
    await tabTo(first);
    expect(first.getAttribute('aria-selected')).to.equal('true');
    await press('ArrowDown');
    await press('ArrowDown');
    await settle(element);
    expect(textOf(active())).to.contain('Calm starts to lessons');
    expect(active().getAttribute('aria-selected')).to.equal('true');
    expect(active().getAttribute('aria-posinset')).to.equal('3');
    await press('PageUp');
    await settle(element);
    expect(textOf(active())).to.contain('Low-stakes quizzes');
    const opened = oneEvent(element, 'plc-enquiry-open') as Promise<PlcEnquiryOpenEvent>;
    await click(rows(element)[4]!);
    expect((await opened).enquiryId).to.equal('enq-feedback');
    expect(textOf(active())).to.contain('Engaging with written feedback');
  });

  it('keeps only the rows on screen in the DOM with 10,000 enquiries, and scrolling shows later ones', async function () {
    this.timeout(30_000);
    const store = createMemoryStore({ lifecycle: defaultLifecycle });
    await seedDemo(store);
    await appendAll(store, generatedEnquiries(10_000));
    const { element } = await render({ store, events: [] }, 'list');
    expect(countLine(element)).to.equal('10,002 enquiries');
    const rendered = () => queryAllDeep<HTMLElement>(element, '.row');
    expect(rendered().length).to.be.greaterThan(3).and.lessThan(100);
    const listbox = queryAllDeep<HTMLElement>(element, '[role="listbox"]')[0]!;
    expect(listbox.scrollHeight).to.be.greaterThan(10_000 * 80);
    // Scroll two thirds of the way down.
    listbox.scrollTop = listbox.scrollHeight * (2 / 3);
    // Chromium sends scroll events while drawing frames, which a page behind another test file's never does.
    if (document.visibilityState === 'hidden') listbox.dispatchEvent(new Event('scroll'));
    await waitFor(() => rendered().some((row) => Number(row.dataset['index']) > 6_000), 2000, 'rows further down');
    await settle(element);
    expect(rendered().length).to.be.lessThan(100);
    const shown = rows(element).filter((row) => Number(row.dataset['index']) > 100);
    expect(shown.length).to.be.greaterThan(3);
    const box = listbox.getBoundingClientRect();
    const middle = shown.find((row) => {
      const r = row.getBoundingClientRect();
      return r.top >= box.top && r.bottom <= box.bottom;
    });
    expect(middle, 'a row inside the visible area').to.not.equal(undefined);
    // The keyboard reaches the very end: the oldest generated enquiry, 10,002 of 10,002.
    await click(middle!);
    await press('End');
    await settle(element);
    expect(active().getAttribute('aria-posinset')).to.equal('10002');
    expect(textOf(active())).to.contain('Enquiry 0: questioning');
    expect(rendered().length).to.be.lessThan(100);

    // Grouped, and searched: still a small DOM.
    await click(field(element, 'By theme, community and stage'));
    await settle(element);
    expect(rendered().length).to.be.lessThan(100);
    await typeInto(field(element, 'Search'), 'enquiry 9999');
    await settle(element);
    expect(enquiryTitles(element)).to.deep.equal(['Enquiry 9999: praise']);
  });

  it('folds the filters away on a narrow screen, with no sideways scrolling', async () => {
    await setViewport({ width: 320, height: 640 });
    try {
      const { element } = await render({}, 'list');
      const theme = field<HTMLSelectElement>(element, 'Theme');
      expect(theme.getClientRects().length, 'the theme filter is folded away').to.equal(0);
      const toggle = button(element, 'Filters');
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
      await click(toggle);
      await settle(element);
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      expect(theme.getClientRects().length).to.be.greaterThan(0);
      await chooseOption(theme, 'Oracy');
      await settle(element);
      expect(textOf(button(element, 'Filters'))).to.equal('Filters (1 on)');
      expect(document.documentElement.scrollWidth).to.be.at.most(document.documentElement.clientWidth);
      await expect(element).to.be.accessible();
      await click(field(element, 'By theme, community and stage'));
      await settle(element);
      expect(rowTexts(element)[0]).to.equal('Oracy 1 enquiry');
      expect(document.documentElement.scrollWidth).to.be.at.most(document.documentElement.clientWidth);
      await expect(element).to.be.accessible();
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('follows the store: a new enquiry appears without reloading', async () => {
    const { element, store } = await render();
    await appendAll(store, generatedEnquiries(3, 'late'));
    await settle(element);
    await waitForText(element, '8 enquiries');
  });

  it('shows empty, loading, error, no-person and no-provider states', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const { element: empty } = await renderWithSession<PlcCommunityBoard>(html`<plc-community-board cycle-id="cy-2024"></plc-community-board>`, { theme });
      await empty.loaded;
      await settle(empty);
      expect(textOf(empty)).to.contain('No enquiries in 2024-25 yet.');
      await expect(empty).to.be.accessible();

      const { element: nobody } = await render({ personId: '', theme });
      expect(textOf(nobody)).to.contain('Choose who you are to see the community board.');
      await expect(nobody).to.be.accessible();

      const waiting = storeHangingOn('listEnquiries');
      const { element: loading } = await renderWithSession<PlcCommunityBoard>(html`<plc-community-board></plc-community-board>`, { store: waiting, theme, untilLoaded: false });
      expect(textOf(loading)).to.contain('Loading the community board…');
      await expect(loading).to.be.accessible();
    }

    const failing = storeFailingOn('listEnquiries');
    const { element: broken } = await render({ store: failing.store, theme: 'dark' });
    expect(textOf(broken)).to.contain('The enquiries could not be loaded. disk on fire');
    await expect(broken).to.be.accessible();
    failing.failing = false;
    await click(button(broken, 'Try again'));
    await waitForText(broken, '5 enquiries');

    const bare = await fixture<PlcCommunityBoard>(html`<plc-community-board></plc-community-board>`);
    expect(textOf(bare)).to.contain('plc-provider');
    await expect(bare).to.be.accessible();
  });

  it('re-renders in en-US and Spanish when the language changes', async () => {
    const { element, provider } = await render();
    provider.lang = 'en-US';
    await provider.updateComplete;
    await waitForText(element, '5 inquiries');
    provider.lang = 'es';
    await provider.updateComplete;
    await waitForText(element, 'Tablero de las comunidades');
    expect(textOf(element)).to.contain('5 indagaciones');
    provider.lang = 'en-GB';
    await provider.updateComplete;
    await waitForText(element, 'Community board');
  });
});
