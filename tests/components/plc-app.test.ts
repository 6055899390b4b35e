import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import '../../components/plc-app/index.js';
import type { PlcApp } from '../../components/plc-app/plc-app.js';
import { hashOf, routeFromHash } from '../../components/plc-app/plc-app.js';
import { appAccess, resolveRoute } from '../../components/plc-app/routes.js';
import { mayLeadWalks } from '../../components/plc-learning-walk/plc-learning-walk.js';
import { createMemoryStore } from '../../src/store/memory.js';
import { seedDemo } from '../../examples/demo/seed.js';
import { defaultLifecycle } from '../../src/lifecycle/lifecycle.js';
import { logBuilder } from '../support/log-harness.js';
import { button, click, deepActiveElement, field, hasButton, press, queryAllDeep, queryDeep, tabTo, textOf } from '../support/component-harness.js';
import {
  appNav,
  chooseOption,
  currentNav,
  navLink,
  navNames,
  viewElement,
  waitFor,
  waitForElement,
  waitForText,
  waitForViewHeadingFocus,
} from '../support/app-harness.js';

/** Renders the app on its own memory store (so tests never share data) and waits for `wait`. */
async function renderApp(template = html`<plc-app demo storage="memory" theme="light" lang="en-GB"></plc-app>`, wait = 'My enquiries') {
  const app = await fixture<PlcApp>(template);
  await app.ready;
  await waitForText(app, wait);
  return app;
}

/** The demo app signed in as `personId` (its own memory store), waiting for the navigation to show their sections. */
async function renderAs(personId: string, theme: 'light' | 'dark' = 'light') {
  const app = await renderApp(html`<plc-app demo storage="memory" theme=${theme} lang="en-GB" person-id=${personId}></plc-app>`);
  await waitFor(() => navNames(app).length > 1, 4000, 'the navigation for the person');
  return app;
}

const view = (app: PlcApp) => app.shadowRoot!.querySelector('[part="view"]')!;

/** What each demo role finds in the navigation. */
const NAV = {
  'p-beth': ['My enquiries', 'Communities', 'Meetings', 'Peer coaching', 'Sharing sessions', 'Booklet'],
  'p-amir': ['My enquiries', 'Waiting for my review', 'Communities', 'Meetings', 'Peer coaching', 'Learning walks', 'Sharing sessions', 'Booklet'],
  'p-clare': ['My enquiries', 'Waiting for my review', 'Communities', 'Meetings', 'Peer coaching', 'Learning walks', 'Impact', 'Sharing sessions', 'Booklet', 'Admin'],
  'p-kit': ['My enquiries', 'Communities', 'Meetings', 'Peer coaching', 'Learning walks', 'Sharing sessions', 'Booklet', 'Admin'],
  // New staff: their Building Learning Habits group's sessions are their meetings.
  'p-ivo': ['My enquiries', 'Communities', 'Meetings', 'Peer coaching', 'Sharing sessions', 'Booklet'],
};

describe('plc-app', () => {
  beforeEach(() => {
    localStorage.removeItem('plc-kit-demo');
    history.replaceState(null, '', location.pathname + location.search);
  });
  afterEach(async () => {
    history.replaceState(null, '', location.pathname + location.search);
    await setViewport({ width: 800, height: 600 });
    await emulateMedia({ media: 'screen', colorScheme: 'light' });
  });

  it('reads and writes routes as URL hashes', () => {
    expect(routeFromHash('')).to.deep.equal({ section: 'enquiries' });
    expect(routeFromHash('#/')).to.deep.equal({ section: 'enquiries' });
    expect(routeFromHash('#/enquiry/enq-feedback')).to.deep.equal({ section: 'enquiries', enquiryId: 'enq-feedback' });
    expect(routeFromHash('#/enquiry/<script>')).to.deep.equal({ section: 'enquiries' });
    expect(routeFromHash('#/nowhere')).to.deep.equal({ section: 'enquiries' });
    expect(routeFromHash('#/communities')).to.deep.equal({ section: 'communities' });
    expect(routeFromHash('#/meetings')).to.deep.equal({ section: 'meetings' });
    expect(routeFromHash('#/meetings/com-oracy')).to.deep.equal({ section: 'meetings', communityId: 'com-oracy' });
    expect(routeFromHash('#/meetings/a/b')).to.deep.equal({ section: 'enquiries' });
    for (const section of ['walks', 'impact', 'sharing', 'booklet', 'admin'] as const) expect(routeFromHash(`#/${section}`)).to.deep.equal({ section });
    expect(hashOf({ section: 'enquiries', enquiryId: 'enq-1' })).to.equal('#/enquiry/enq-1');
    expect(hashOf({ section: 'communities', enquiryId: 'enq-1' })).to.equal('#/enquiry/enq-1');
    expect(hashOf({ section: 'meetings', communityId: 'com-oracy' })).to.equal('#/meetings/com-oracy');
    expect(hashOf({ section: 'impact' })).to.equal('#/impact');
    expect(hashOf({ section: 'enquiries' })).to.equal('#/');
  });

  it('opens every valid id from a saved or shared address, ":" included (trust #13)', () => {
    for (const id of ['a:b', 'enq.2026:x_1-y', 'com:oracy']) {
      expect(routeFromHash(hashOf({ section: 'enquiries', enquiryId: id }))).to.deep.equal({ section: 'enquiries', enquiryId: id });
      expect(routeFromHash(hashOf({ section: 'meetings', communityId: id }))).to.deep.equal({ section: 'meetings', communityId: id });
    }
    expect(hashOf({ section: 'enquiries', enquiryId: 'a:b' })).to.equal('#/enquiry/a%3Ab');
    expect(routeFromHash('#/enquiry/a:b')).to.deep.equal({ section: 'enquiries', enquiryId: 'a:b' }, 'typed without encoding');
    expect(routeFromHash('#/enquiry/%E0%A4%A')).to.deep.equal({ section: 'enquiries' }, 'a broken escape is not an id');
    expect(routeFromHash('#/enquiry/a%20b')).to.deep.equal({ section: 'enquiries' }, 'a space is not in an id');
  });

  it('gives each role its sections, as the policy and the learning walk decide', async () => {
    const store = createMemoryStore();
    await seedDemo(store);
    const people = new Map((await store.list('people')).map((row) => [row.record.id, row.record]));
    const communities = (await store.list('communities')).map((row) => row.record);
    const names = {
      enquiries: 'My enquiries',
      reviews: 'Waiting for my review',
      notifications: 'Notifications',
      badges: 'My badges',
      communities: 'Communities',
      meetings: 'Meetings',
      coaching: 'Peer coaching',
      walks: 'Learning walks',
      impact: 'Impact',
      sharing: 'Sharing sessions',
      booklet: 'Booklet',
      feedback: 'Staff feedback',
      celebrate: 'Celebrate',
      admin: 'Admin',
    };
    for (const [id, expected] of Object.entries(NAV)) {
      expect(appAccess(people.get(id), communities, 'cy-2026').sections.map((s) => names[s]), id).to.deep.equal(expected);
    }
    for (const person of people.values()) {
      const access = appAccess(person, communities, 'cy-2026');
      expect(access.sections.includes('walks'), person.id).to.equal(mayLeadWalks(person, communities, 'cy-2026'));
    }
    expect(appAccess(undefined, communities, 'cy-2026').sections).to.deep.equal(['enquiries']);
    // Notifications and badges are made only by a plc-kit server: their entries (and the celebrate screen and staff feedback) are there for everyone signed in when the app syncs with one.
    expect(appAccess(people.get('p-beth'), communities, 'cy-2026', { server: true }).sections.map((s) => names[s])).to.deep.equal(['My enquiries', 'Notifications', 'My badges', ...NAV['p-beth']!.slice(1), 'Staff feedback', 'Celebrate']);
    expect(appAccess(undefined, communities, 'cy-2026', { server: true }).sections).to.deep.equal(['enquiries']);
    // Members pick from their own communities; leads, CPD leaders and admins from all of the cycle's.
    const meetingIds = (id: string) => appAccess(people.get(id), communities, 'cy-2026').meetingCommunities.map((c) => c.id);
    expect(meetingIds('p-beth')).to.deep.equal(['com-feedback']);
    expect(meetingIds('p-gus')).to.have.members(['com-oracy', 'com-wellbeing']);
    expect(meetingIds('p-amir')).to.have.members(['com-feedback', 'com-oracy', 'com-wellbeing', 'com-habits-26']);
    expect(meetingIds('p-kit')).to.have.length(4);
    // New staff meet in their Building Learning Habits group, not a PLC.
    expect(meetingIds('p-ivo')).to.deep.equal(['com-habits-26']);
    const beth = appAccess(people.get('p-beth'), communities, 'cy-2026');
    expect(resolveRoute({ section: 'meetings' }, beth)).to.deep.equal({ route: { section: 'meetings', communityId: 'com-feedback' }, refused: false });
    expect(resolveRoute({ section: 'meetings', communityId: 'com-oracy' }, beth).refused).to.equal(true);
    expect(resolveRoute({ section: 'impact' }, beth)).to.deep.equal({ route: { section: 'enquiries' }, refused: true });
    expect(resolveRoute({ section: 'communities', enquiryId: 'enq-oracy' }, beth).refused).to.equal(false);
  });

  it('seeds the demo school into an empty store and shows the header, person, language and navigation', async () => {
    const app = await renderApp();
    await waitForText(app, 'Oakfield Academy');
    const text = textOf(app);
    expect(text).to.contain('Professional learning communities · 2026-27');
    const person = field<HTMLSelectElement>(app, 'Signed in as');
    expect(person.value).to.equal('p-beth');
    expect(person.selectedOptions[0]!.text).to.equal('Beth Evans · Member, Feedback that moves learning');
    expect([...person.options].map((o) => o.text)).to.include('Amir Khan · Lead, Feedback that moves learning');
    expect(field<HTMLSelectElement>(app, 'Language').value).to.equal('en-GB');
    expect(appNav(app).getAttribute('aria-label')).to.equal('Sections');
    await waitFor(() => navNames(app).length === NAV['p-beth'].length, 4000, "Beth's sections");
    expect(navNames(app)).to.deep.equal(NAV['p-beth']);
    expect(currentNav(app)).to.equal('My enquiries');
    await waitForText(view(app), 'Engaging with written feedback');
    await expect(app).to.be.accessible();
  });

  it('shows each role exactly the sections it may open', async () => {
    for (const [personId, expected] of Object.entries(NAV)) {
      const app = await renderAs(personId);
      await waitFor(() => navNames(app).length === expected.length, 4000, `${personId}'s sections`);
      expect(navNames(app), personId).to.deep.equal(expected);
      app.remove();
    }
  });

  it('is accessible in dark mode', async () => {
    const app = await renderApp(html`<plc-app demo storage="memory" theme="dark"></plc-app>`);
    await waitForText(view(app), 'Engaging with written feedback');
    await expect(app).to.be.accessible();
  });

  it("counts the questions waiting for a lead's review in the navigation, and opens the queue from it", async () => {
    const store = createMemoryStore();
    await seedDemo(store);
    const log = logBuilder('2026-11-10T09:00:00.000Z', 'nav');
    log.add('enq-nav', 'enquiry.create', 'p-beth', { title: 'Comments that get read', kind: 'group', cycleId: 'cy-2026', themeId: 'th-afl', communityId: 'com-feedback', ownerIds: ['p-beth'], track: 'plc', stages: [...defaultLifecycle.stages] });
    log.add('enq-nav', 'question.draft', 'p-beth', { text: 'How do students use written comments?', rationale: '', targetStudents: 'Year 9', plannedActions: ['Redrafting'], successCriteria: ['They redraft'], plannedEvidence: [] });
    log.add('enq-nav', 'question.submit', 'p-beth');
    await store.append('enq-nav', log.events);
    const app = await renderApp(html`<plc-app .store=${store} person-id="p-amir"></plc-app>`, 'Signed in as Amir Khan');
    await waitFor(() => navNames(app).includes('Waiting for my review 1'), 4000, 'the count in the navigation');
    await click(navLink(app, 'Waiting for my review 1'));
    await waitForText(view(app), 'Comments that get read');
    expect(currentNav(app)).to.equal('Waiting for my review 1');
  });

  it('does not seed without demo, and takes the person from the host', async () => {
    const store = createMemoryStore();
    await seedDemo(store);
    const app = await renderApp(html`<plc-app .store=${store} person-id="p-dana"></plc-app>`);
    await waitForText(app, 'Signed in as Dana Okafor');
    expect(queryAllDeep(app, 'select#person')).to.have.length(0);
    await waitForText(view(app), 'Structured talk in mixed-attainment groups');
    expect(navNames(app)).to.deep.equal(['My enquiries', 'Waiting for my review', 'Communities', 'Meetings', 'Peer coaching', 'Learning walks', 'Sharing sessions', 'Booklet']);
    const empty = await renderApp(html`<plc-app storage="memory"></plc-app>`, 'Not signed in');
    // Nothing seeded without demo: an empty store shows the first-run view (plc-app-first-run.test.ts).
    await waitForText(view(empty), 'Set up plc-kit');
    expect(navNames(empty)).to.deep.equal(['My enquiries']);
    await expect(empty).to.be.accessible();
  });

  it('opens an enquiry from the list, keeps it in the URL hash, and goes back', async () => {
    const app = await renderApp();
    await waitForText(view(app), 'Engaging with written feedback');
    await click(button(app, 'Engaging with written feedback'));
    await waitForText(view(app), 'Start gathering evidence');
    expect(location.hash).to.equal('#/enquiry/enq-feedback');
    expect(queryAllDeep(app, 'plc-enquiry')).to.have.length(1);
    expect(currentNav(app)).to.equal('My enquiries');
    await waitFor(() => deepActiveElement()?.id === 'title', 4000, 'focus on the enquiry title');
    await expect(app).to.be.accessible();

    await click(button(app, 'Back to my enquiries'));
    await waitFor(() => queryAllDeep(app, 'plc-my-enquiries').length === 1);
    expect(location.hash).to.equal('#/');
    await waitFor(() => deepActiveElement()?.id === 'heading', 4000, 'focus on the list heading');

    // The browser's back button returns to the enquiry.
    history.back();
    await waitFor(() => queryAllDeep(app, 'plc-enquiry').length === 1, 4000, 'the enquiry after history.back()');
  });

  it('opens the enquiry in the hash when it loads, as after a reload', async () => {
    history.replaceState(null, '', '#/enquiry/enq-oracy');
    const app = await renderApp(html`<plc-app demo storage="memory"></plc-app>`, 'Structured talk in mixed-attainment groups');
    expect(queryAllDeep(app, 'plc-enquiry')).to.have.length(1);
  });

  it('goes through the sections by clicks: communities, an enquiry from the board and back, the booklet', async () => {
    const app = await renderAs('p-clare');
    await click(navLink(app, 'Communities'));
    const board = await waitForElement(app, 'plc-community-board');
    expect(location.hash).to.equal('#/communities');
    expect(currentNav(app)).to.equal('Communities');
    const heading = await waitForViewHeadingFocus(app);
    expect(heading.textContent).to.contain('Community board');
    await waitForText(board, 'Engaging with written feedback');

    // Opening an enquiry on the board shows it, still under Communities, with a way back to the board.
    const row = queryAllDeep<HTMLElement>(board, '[role="treeitem"]').find((r) => textOf(r).includes('Engaging with written feedback'))!;
    await click(row);
    await waitForElement(app, 'plc-enquiry');
    expect(location.hash).to.equal('#/enquiry/enq-feedback');
    expect(currentNav(app)).to.equal('Communities');
    await waitFor(() => deepActiveElement()?.id === 'title', 4000, 'focus on the enquiry title');
    await click(button(app, 'Back to the communities'));
    await waitForElement(app, 'plc-community-board');
    expect(location.hash).to.equal('#/communities');

    await click(navLink(app, 'Booklet'));
    await waitForElement(app, 'plc-booklet');
    expect(location.hash).to.equal('#/booklet');
    expect(currentNav(app)).to.equal('Booklet');
    await waitForViewHeadingFocus(app);
    expect(queryAllDeep(app, 'plc-community-board')).to.have.length(0);
  });

  it('goes through the sections with the keyboard, focus landing on each view heading', async () => {
    const app = await renderAs('p-clare');
    const expectations: Array<[string, string, string]> = [
      ['Impact', 'plc-impact-report', 'Impact report'],
      ['Learning walks', 'plc-learning-walk', 'Learning walk'],
      ['Sharing sessions', 'plc-sharing-session', 'Sharing sessions'],
      ['Admin', 'plc-cycle-admin', 'Programme administration'],
      ['My enquiries', 'plc-my-enquiries', 'My enquiries'],
    ];
    for (const [name, tag, title] of expectations) {
      await tabTo(navLink(app, name));
      await press('Enter');
      await waitForElement(app, tag, 6000);
      expect(currentNav(app)).to.equal(name);
      expect(navLink(app, name).getAttribute('aria-current')).to.equal('page');
      const heading = await waitForViewHeadingFocus(app);
      expect(heading.textContent, name).to.contain(title);
    }
    expect(location.hash).to.equal('#/');
  });

  it('meetings: a member goes straight to their community, a lead chooses among all of them', async () => {
    const beth = await renderAs('p-beth');
    await click(navLink(beth, 'Meetings'));
    const meeting = await waitForElement(beth, 'plc-meeting');
    expect(meeting.getAttribute('community-id')).to.equal('com-feedback');
    expect(location.hash).to.equal('#/meetings/com-feedback');
    expect(currentNav(beth)).to.equal('Meetings');
    expect((await waitForViewHeadingFocus(beth)).textContent).to.contain('Meetings of Feedback that moves learning');
    expect(hasButton(beth, 'All communities’ meetings')).to.equal(false);
    beth.remove();

    const amir = await renderAs('p-amir');
    await click(navLink(amir, 'Meetings'));
    const choose = await waitForViewHeadingFocus(amir);
    expect(choose.textContent).to.equal('Meetings');
    expect(location.hash).to.equal('#/meetings');
    const list = queryDeep(amir, '[part="community-list"]');
    expect(textOf(list)).to.contain('Feedback that moves learning');
    expect(textOf(list)).to.contain('You lead it');
    expect(textOf(list)).to.contain('Calm classrooms');
    await expect(amir).to.be.accessible();
    await click(button(list, 'Talk for learning'));
    await waitFor(() => queryAllDeep(amir, 'plc-meeting')[0]?.getAttribute('community-id') === 'com-oracy', 4000, 'the oracy meetings');
    expect(location.hash).to.equal('#/meetings/com-oracy');
    expect((await waitForViewHeadingFocus(amir)).textContent).to.contain('Meetings of Talk for learning');
    await click(button(amir, 'All communities’ meetings'));
    await waitForText(view(amir), 'Choose a community to see and record its meetings.');
    expect(location.hash).to.equal('#/meetings');
  });

  it('restores the view in the hash on reload', async () => {
    const cases: Array<[string, string, string, string]> = [
      ['#/impact', 'p-clare', 'plc-impact-report', 'Impact'],
      ['#/walks', 'p-amir', 'plc-learning-walk', 'Learning walks'],
      ['#/meetings/com-feedback', 'p-beth', 'plc-meeting', 'Meetings'],
      ['#/communities', 'p-beth', 'plc-community-board', 'Communities'],
      ['#/booklet', 'p-ivo', 'plc-booklet', 'Booklet'],
      ['#/sharing', 'p-beth', 'plc-sharing-session', 'Sharing sessions'],
      ['#/admin', 'p-kit', 'plc-cycle-admin', 'Admin'],
    ];
    for (const [hash, personId, tag, nav] of cases) {
      history.replaceState(null, '', hash);
      const app = await renderAs(personId);
      await waitForElement(app, tag, 6000);
      expect(location.hash, hash).to.equal(hash);
      expect(currentNav(app), hash).to.equal(nav);
      expect(textOf(view(app))).to.not.contain('is not open to you');
      app.remove();
    }
  });

  it('falls back to My enquiries with a notice for a place the person may not see', async () => {
    history.replaceState(null, '', '#/impact');
    const beth = await renderAs('p-beth');
    await waitForText(view(beth), '“Impact” is not open to you, so here are your enquiries.');
    expect(location.hash).to.equal('#/');
    expect(currentNav(beth)).to.equal('My enquiries');
    expect(queryAllDeep(beth, 'plc-impact-report')).to.have.length(0);
    await waitForText(view(beth), 'Engaging with written feedback');
    await expect(beth).to.be.accessible();
    // The notice goes once the person navigates on.
    await click(navLink(beth, 'Booklet'));
    await waitForElement(beth, 'plc-booklet');
    expect(textOf(view(beth))).to.not.contain('is not open to you');
    beth.remove();

    history.replaceState(null, '', '#/meetings/com-oracy');
    const again = await renderAs('p-beth');
    await waitForText(view(again), '“Meetings” is not open to you');
    expect(location.hash).to.equal('#/');
    again.remove();

    // Switching person in the demo while on a leader's view.
    history.replaceState(null, '', '#/admin');
    const clare = await renderAs('p-clare');
    await waitForElement(clare, 'plc-cycle-admin', 6000);
    await chooseOption(field<HTMLSelectElement>(clare, 'Signed in as'), 'Beth Evans');
    await waitForText(view(clare), '“Admin” is not open to you');
    expect(location.hash).to.equal('#/');
    expect(navNames(clare)).to.deep.equal(NAV['p-beth']);
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`every view is accessible in ${theme} mode`, async function () {
      this.timeout(30_000);
      const app = await renderAs('p-clare', theme);
      const views: Array<[string, string, string]> = [
        ['Communities', 'plc-community-board', 'Engaging with written feedback'],
        ['Meetings', '', 'Choose a community'],
        ['Learning walks', 'plc-learning-walk', 'Start a walk'],
        ['Impact', 'plc-impact-report', 'Impact report: 2026-27'],
        ['Sharing sessions', 'plc-sharing-session', 'Sessions in 2026-27'],
        ['Booklet', 'plc-booklet', '2026-27'],
        ['Admin', 'plc-cycle-admin', 'Programme administration'],
      ];
      for (const [name, tag, text] of views) {
        await click(navLink(app, name));
        if (tag) await waitForElement(app, tag, 6000);
        await waitForViewHeadingFocus(app);
        await waitForText(view(app), text, 6000);
        await expect(app, name).to.be.accessible();
      }
      await click(navLink(app, 'Meetings'));
      await click(button(queryDeep(app, '[part="community-list"]'), 'Feedback that moves learning'));
      await waitForElement(app, 'plc-meeting');
      await waitForViewHeadingFocus(app);
      await expect(app, 'a meeting').to.be.accessible();
    });
  }

  it('switches person with the demo picker, and remembers the choice', async () => {
    const app = await renderApp();
    await waitForText(view(app), 'Engaging with written feedback');
    await chooseOption(field<HTMLSelectElement>(app, 'Signed in as'), 'Ivo Rossi');
    await waitForText(view(app), 'You have no enquiries in 2026-27 yet.');
    expect(JSON.parse(localStorage.getItem('plc-kit-demo')!).personId).to.equal('p-ivo');
    expect(navNames(app)).to.deep.equal(NAV['p-ivo']);
    const again = await renderApp();
    expect(field<HTMLSelectElement>(again, 'Signed in as').value).to.equal('p-ivo');
  });

  it('starts a new enquiry from the list and lands on it', async () => {
    const app = await renderApp();
    await waitForText(view(app), 'Engaging with written feedback');
    await click(button(app, 'Start a new enquiry'));
    await waitFor(() => hasButton(app, 'Start the enquiry'));
    field(app, 'Title').focus();
    await press('KeyA');
    await click(button(app, 'Start the enquiry'));
    await waitFor(() => queryAllDeep(app, 'plc-enquiry').length === 1, 4000, 'the new enquiry');
    expect(location.hash).to.match(/^#\/enquiry\/enq-/);
    await waitForText(view(app), 'Driving question');
  });

  it('switches language with the picker', async () => {
    const app = await renderAs('p-clare');
    await waitForText(view(app), 'You have no enquiries in 2026-27 yet.');
    await chooseOption(field<HTMLSelectElement>(app, 'Language'), 'Español');
    await waitForText(app, 'Mis indagaciones');
    expect(textOf(app)).to.contain('Has iniciado sesión como');
    expect(navNames(app)).to.deep.equal(['Mis indagaciones', 'Pendiente de mi revisión', 'Comunidades', 'Reuniones', 'Mentoría entre iguales', 'Rondas de observación', 'Impacto', 'Sesiones para compartir', 'Cuadernillo', 'Administración']);
    expect(app.getAttribute('lang')).to.equal('es');
    await chooseOption(field<HTMLSelectElement>(app, /Idioma/), 'English (US)');
    await waitForText(app, 'My inquiries');
    await chooseOption(field<HTMLSelectElement>(app, 'Language'), 'English (UK)');
    await waitForText(app, 'My enquiries');
  });

  it('folds the navigation into a menu on a phone, with no sideways scrolling at 320px', async () => {
    await setViewport({ width: 320, height: 640 });
    const app = await renderApp();
    await waitForText(view(app), 'Engaging with written feedback');
    const menu = button(app, 'Menu');
    expect(getComputedStyle(menu).display).to.not.equal('none');
    expect(menu.getAttribute('aria-expanded')).to.equal('false');
    const nav = appNav(app);
    expect(nav.getClientRects().length).to.equal(0);
    await tabTo(menu);
    await press('Enter');
    await waitFor(() => nav.getClientRects().length > 0, 2000, 'the open menu');
    expect(menu.getAttribute('aria-expanded')).to.equal('true');
    expect(document.documentElement.scrollWidth).to.be.at.most(320);
    await expect(app).to.be.accessible();
    await press('Tab');
    await press('Escape');
    await waitFor(() => nav.getClientRects().length === 0, 2000, 'the menu to close');
    expect(deepActiveElement()).to.equal(menu);

    // Choosing a section from the open menu goes there and folds the menu again.
    await click(menu);
    await waitFor(() => nav.getClientRects().length > 0, 2000, 'the open menu');
    await click(navLink(app, 'Communities'));
    await waitForElement(app, 'plc-community-board');
    await waitFor(() => nav.getClientRects().length === 0, 2000, 'the menu to fold');
    await waitForViewHeadingFocus(app);
    expect(document.documentElement.scrollWidth).to.be.at.most(320);

    await click(menu);
    await click(navLink(app, 'My enquiries'));
    await waitForText(view(app), 'Engaging with written feedback');
    await click(button(app, 'Engaging with written feedback'));
    await waitForText(view(app), 'Start gathering evidence');
    expect(document.documentElement.scrollWidth).to.be.at.most(320);
  });

  it('keeps the sync state in sight when the menu folds, shown once at every width', async () => {
    // A store that syncs (as with server=...): the memory store with a sync state to show.
    const local = createMemoryStore();
    await seedDemo(local);
    const syncing = Object.assign(local, {
      syncState: { status: 'offline' as const, waiting: 3, rejected: 0 },
      subscribeSync: () => () => undefined,
      sync: async () => ({ status: 'offline' as const, waiting: 3, rejected: 0 }),
    });
    const shown = (app: PlcApp) => [...app.shadowRoot!.querySelectorAll<HTMLElement>('plc-sync-status')].filter((el) => el.getClientRects().length > 0);
    for (const width of [1280, 768, 320]) {
      await setViewport({ width, height: 800 });
      const app = await renderApp(html`<plc-app storage="memory" person-id="p-beth" theme="light" lang="en-GB" .store=${syncing}></plc-app>`);
      await waitFor(() => shown(app).length === 1 && textOf(shown(app)[0]!).includes('3'), 4000, `the sync state at ${width}px`);
      // On a phone it sits in the top row, outside the folded menu.
      if (width === 320) expect(shown(app)[0]!.closest('.menu'), 'not inside the folded menu').to.equal(null);
      expect(document.documentElement.scrollWidth).to.be.at.most(width);
    }
  });

  it('keeps the count of unsent work in sight on a phone while a long view scrolls, said apart from "Synced"', async () => {
    const local = createMemoryStore();
    await seedDemo(local);
    const syncing = Object.assign(local, {
      syncState: { status: 'saved-locally' as const, waiting: 2, rejected: 0 },
      subscribeSync: () => () => undefined,
      sync: async () => ({ status: 'saved-locally' as const, waiting: 2, rejected: 0 }),
    });
    await setViewport({ width: 360, height: 640 });
    const app = await renderApp(html`<plc-app storage="memory" person-id="p-beth" theme="light" lang="en-GB" .store=${syncing}></plc-app>`);
    const status = () => [...app.shadowRoot!.querySelectorAll<HTMLElement>('plc-sync-status')].find((el) => el.getClientRects().length > 0)!;
    await waitFor(() => status() !== undefined && textOf(status()).includes('2'), 4000, 'the sync state');
    expect(textOf(status())).to.contain('Saved on this device: 2 not sent yet');
    expect(textOf(status())).not.to.contain('Synced');
    // A long view (a 5,000-word reflection, a long list): the page scrolls well past the header.
    app.shadowRoot!.querySelector<HTMLElement>('.view')!.style.minHeight = '4000px';
    window.scrollTo(0, 2000);
    await waitFor(() => window.scrollY > 1000, 2000, 'the page scrolled');
    const box = status().getBoundingClientRect();
    expect(box.top, 'the status at the top of the screen').to.be.at.least(0);
    expect(box.bottom, 'the status on screen').to.be.at.most(window.innerHeight);
    // A control that takes focus under the stuck header is scrolled out from under it.
    const bar = app.shadowRoot!.querySelector<HTMLElement>('.bar')!;
    const view = app.shadowRoot!.querySelector<HTMLElement>('.view')!;
    const target = document.createElement('button');
    target.textContent = 'Somewhere in a long view';
    target.style.cssText = 'position: absolute; top: 2010px;';
    view.append(target);
    expect(target.getBoundingClientRect().top, 'under the header before').to.be.below(bar.getBoundingClientRect().bottom);
    target.focus();
    await waitFor(() => target.getBoundingClientRect().top >= bar.getBoundingClientRect().bottom, 2000, 'the focused control out from under the header');
    target.remove();
    // With the menu open (it may be taller than the screen) the bar scrolls with the page.
    await click(button(app, 'Menu'));
    expect(getComputedStyle(app.shadowRoot!.querySelector('.bar')!).position).to.equal('static');
    window.scrollTo(0, 0);
  });

  it('shows the bar stacked, not folded, on a tablet', async () => {
    await setViewport({ width: 768, height: 1024 });
    const app = await renderAs('p-clare');
    expect(getComputedStyle(button(app, 'Menu')).display).to.equal('none');
    expect(appNav(app).getClientRects().length).to.be.greaterThan(0);
    expect(document.documentElement.scrollWidth).to.be.at.most(768);
  });

  it('prints only the view: no header or navigation', async () => {
    history.replaceState(null, '', '#/booklet');
    const app = await renderAs('p-clare');
    await waitForElement(app, 'plc-booklet');
    const bar = app.shadowRoot!.querySelector<HTMLElement>('[part="header"]')!;
    expect(getComputedStyle(bar).display).to.not.equal('none');
    await emulateMedia({ media: 'print' });
    expect(getComputedStyle(bar).display).to.equal('none');
    expect(getComputedStyle(viewElement(app)!).display).to.not.equal('none');
  });
});
