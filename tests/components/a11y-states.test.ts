/**
 * axe-core (WCAG 2.0, 2.1 and 2.2, levels A and AA) over every state of every element, in light
 * and dark at 1280 px and 320 px, with no sideways scrolling at 320 px (WCAG 1.4.10). The states
 * are generated, not listed by hand, so a new view is checked without anyone remembering to add it:
 * - the app's routes for each role of the demo school (`appAccess` decides the sections each
 *   person has; every enquiry of the demo school is opened too), in each language at 320 px;
 * - the enquiry at each stage the stage descriptions know (`BUILT_IN_STAGE_VIEWS`), as a member
 *   and as the lead, with each confirmation dialog its buttons open;
 * - every element the bundle registers (`plc-*` in the custom element registry) loading, signed
 *   out, empty, and failing to load;
 * - the app offline with changes waiting.
 * A stage or an element the tables below cannot set up fails its test, naming what to add.
 * Test names carry the WCAG criteria they check: scripts/conformance.js reads them.
 */
import { expect, fixture } from '@open-wc/testing';
import { html, type TemplateResult } from 'lit';
import { unsafeStatic, html as staticHtml } from 'lit/static-html.js';
import { emulateMedia, resetMouse, setViewport } from '@web/test-runner-commands';
import '../../components/define.js';
import type { PlcApp } from '../../components/plc-app/plc-app.js';
import type { PlcProvider } from '../../components/plc-provider/plc-provider.js';
import { appAccess, type AppRoute } from '../../components/plc-app/routes.js';
import { BUILT_IN_STAGE_VIEWS } from '../../components/stages/built-in.js';
import { manageActions, stageActions } from '../../components/plc-enquiry/actions.js';
import type { EnquiryState } from '../../src/lifecycle/lifecycle.js';
import { communities, cycles, people, seedDemo } from '../../examples/demo/seed.js';
import { createMemoryStore } from '../../src/store/memory.js';
import type { Store } from '../../src/store/store.js';
import type { SyncState } from '../../src/store/sync.js';
import type { DomainEvent } from '../../src/lifecycle/events.js';
import { button, click, field, queryAllDeep, renderWithSession, settle, typeInto } from '../support/component-harness.js';
import { waitFor } from '../support/app-harness.js';
import { axeViolations, horizontalOverflow, overflowingElements, showRoute } from '../support/a11y-harness.js';
import { logBuilder, feedbackToSharing } from '../support/log-harness.js';
import { publishFeedback } from '../support/leaders-harness.js';
import { evidenceStageEvents, feedbackSurvey, addResponses } from '../support/survey-harness.js';
import { storeFailingOn, storeHangingOn } from '../support/store-faults.js';

const frames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

/** How many states were checked, for the closing line the conformance script reads. */
let checked = 0;

/** One look at a state: a colour scheme, a width, and the axe rules (all WCAG A/AA when absent). */
interface Look {
  theme: 'light' | 'dark';
  width: number;
  rules?: string[];
}
/** The rules a change of colour scheme alone can break. */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];
/**
 * Every rule at both widths in light; the colour rules again in dark (the DOM is the same, only
 * colours change), which keeps the sweep within the browser suite's time.
 */
const EVERY: readonly Look[] = [
  { theme: 'light', width: 1280 },
  { theme: 'light', width: 320 },
  { theme: 'dark', width: 320, rules: COLOUR_RULES },
  { theme: 'dark', width: 1280, rules: COLOUR_RULES },
];
/** For small states (a notice, a loading line): both schemes at the narrow width. */
const NARROW: readonly Look[] = [
  { theme: 'light', width: 320 },
  { theme: 'dark', width: 320, rules: COLOUR_RULES },
];

/**
 * Checks `root` in each look: axe, and at 320 px no sideways scrolling. Problems are collected in
 * `problems`, each prefixed with the state's name.
 */
async function checkEvery(name: string, root: Element, setTheme: (theme: 'light' | 'dark') => Promise<void>, problems: string[], looks: readonly Look[] = EVERY): Promise<void> {
  let theme: string | undefined;
  for (const look of looks) {
    if (look.theme !== theme) await setTheme((theme = look.theme));
    await setViewport({ width: look.width, height: 800 });
    await resetMouse();
    await frames();
    const where = `${name} (${look.theme}, ${look.width} px)`;
    checked += 1;
    for (const found of await axeViolations(root, look.rules ? { rules: look.rules } : {})) problems.push(`${where}: ${found}`);
    if (look.width <= 320 && horizontalOverflow() > 0) problems.push(`${where}: scrolls sideways by ${horizontalOverflow()} px: ${overflowingElements(root).join(', ')}`);
  }
  if (theme !== 'light') await setTheme('light');
  await setViewport({ width: 1280, height: 800 });
}

/** Fails listing every problem found. */
function expectNone(problems: string[]): void {
  if (problems.length) throw new Error(`${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
}

// Colours are measured at rest: no transitions midway between two themes (reduced motion stops
// them) and no pointer left hovering over a button after a click.
before(async () => {
  await emulateMedia({ reducedMotion: 'reduce' });
});
afterEach(async () => {
  await setViewport({ width: 1280, height: 800 });
});
after(async () => {
  await emulateMedia({ reducedMotion: 'no-preference' });
  console.log(`a11y states checked: ${checked}`);
});

// ---- the app's routes, per role ------------------------------------------------------------

const cycleId = cycles.find((c) => c.status === 'active')!.id;
/** One person per distinct set of sections the app gives (a member, a lead, a CPD leader...). */
const ROLES = (() => {
  const seen = new Map<string, { personId: string; name: string; sections: string[] }>();
  for (const person of people) {
    const access = appAccess(person, communities, cycleId);
    const key = `${access.sections.join(',')}|${access.meetingCommunities.length > 1}`;
    if (!seen.has(key)) seen.set(key, { personId: person.id, name: person.name, sections: access.sections });
  }
  return [...seen.values()];
})();

/** Routes already checked in en-US and Spanish. */
const languagesChecked = new Set<string>();

/** The routes a person's navigation offers, and every enquiry of the demo school. */
function routesOf(role: (typeof ROLES)[number]): AppRoute[] {
  const person = people.find((p) => p.id === role.personId)!;
  const access = appAccess(person, communities, cycleId);
  const routes: AppRoute[] = access.sections.map((section) => ({ section }));
  if (access.meetingCommunities.length > 1) routes.push({ section: 'meetings', communityId: access.meetingCommunities[0]!.id });
  for (const enquiryId of ['enq-feedback', 'enq-oracy']) routes.push({ section: 'enquiries', enquiryId });
  return routes;
}

describe('axe over every state: the app, per role and route [1.1.1, 1.3.1, 1.4.3, 1.4.10, 4.1.2]', () => {
  it('generates at least a member, a lead and a CPD leader from the demo school', () => {
    expect(ROLES.length).to.be.at.least(3);
    expect(ROLES.some((r) => r.sections.includes('admin'))).to.equal(true);
  });

  for (const role of ROLES) {
    it(`${role.name}: every route in light and dark, 1280 and 320 px, and at 320 px in en-US and Spanish (routes not yet seen) [1.4.10]`, async function () {
      this.timeout(120_000);
      const app = await fixture<PlcApp>(html`<plc-app demo storage="memory" person-id=${role.personId} routing="none"></plc-app>`);
      await app.ready;
      const problems: string[] = [];
      const setTheme = async (theme: 'light' | 'dark') => {
        app.theme = theme;
        await app.updateComplete;
        await settle(app.shadowRoot!.querySelector('plc-provider')!);
      };
      for (const route of routesOf(role)) {
        await showRoute(app, route);
        const name = `${role.name} ${route.enquiryId ?? route.section}${route.communityId ? `/${route.communityId}` : ''}`;
        await checkEvery(name, app, setTheme, problems);
        // Each route in the other languages once, for the first role that has it: the words
        // change with the language, the roles' differences are checked in en-GB above.
        const key = `${route.section}/${route.enquiryId ?? ''}/${route.communityId ?? ''}`;
        if (languagesChecked.has(key)) continue;
        languagesChecked.add(key);
        for (const lang of ['en-US', 'es']) {
          app.lang = lang;
          await app.updateComplete;
          // The navigation's first entry is "My enquiries" in en-GB only: its change says the catalogue has loaded.
          await waitFor(() => app.shadowRoot!.querySelector('nav a')?.textContent?.trim() !== 'My enquiries', 4000, `the ${lang} catalogue`);
          for (const inner of queryAllDeep(app, '*')) if (inner.localName.startsWith('plc-')) await settle(inner, 1);
          await checkEvery(`${name} [${lang}]`, app, setTheme, problems, [{ theme: 'light', width: 320 }]);
        }
        app.lang = 'en-GB';
        await app.updateComplete;
      }
      expectNone(problems);
    });
  }

  it('the app offline with changes waiting, and with sync failing [1.4.1, 4.1.3]', async function () {
    this.timeout(60_000);
    const problems: string[] = [];
    for (const status of ['offline', 'error'] as const) {
      const store = createMemoryStore();
      await seedDemo(store);
      const state: SyncState = status === 'offline' ? { status, waiting: 3, rejected: 0 } : { status, waiting: 1, rejected: 0, code: 'server', reason: 'Server error' };
      const syncing = Object.assign(Object.create(store) as Store, { syncState: state, subscribeSync: () => () => {}, sync: async () => state });
      const app = await fixture<PlcApp>(html`<plc-app demo storage="memory" person-id="p-beth" routing="none" .store=${syncing}></plc-app>`);
      await app.ready;
      await showRoute(app, { section: 'enquiries' });
      expect(queryAllDeep(app, 'plc-sync-status').length, 'the sync status is shown').to.be.greaterThan(0);
      await checkEvery(`app ${status}`, app, async (theme) => {
        app.theme = theme;
        await app.updateComplete;
      }, problems);
    }
    expectNone(problems);
  });
});

describe('a11y: the history with a step the server refused (issue 16)', () => {
  it('the enquiry\'s history marks it "Refused by the server", light and dark, 1280 and 320 px [1.4.1, 1.4.10]', async function () {
    this.timeout(60_000);
    const problems: string[] = [];
    const store = createMemoryStore();
    await seedDemo(store);
    const log = logBuilder('2026-12-01T09:00:00.000Z', 'a11y-srv');
    const refused = log.add('enq-feedback', 'enquiry.rename', 'p-beth', { title: 'Renamed, then refused by the server' });
    await store.append('enq-feedback', log.events);
    const state: SyncState = { status: 'error', waiting: 0, rejected: 1, code: 'rejected', reason: 'The server refused a change' };
    const syncing = Object.assign(Object.create(store) as Store, {
      syncState: state,
      subscribeSync: () => () => {},
      sync: async () => state,
      serverRefusals: async () => [{ eventId: refused.id, code: 'forbidden', because: 'not-a-member', reason: 'The policy does not allow this.' }],
    });
    const app = await fixture<PlcApp>(html`<plc-app demo storage="memory" person-id="p-beth" routing="none" .store=${syncing}></plc-app>`);
    await app.ready;
    await showRoute(app, { section: 'enquiries', enquiryId: 'enq-feedback' });
    await waitFor(() => queryAllDeep(app, '.timeline li.refused').length > 0, 6000, 'the refused step in the history');
    await checkEvery('history with a server refusal', app, async (theme) => {
      app.theme = theme;
      await app.updateComplete;
    }, problems);
    expectNone(problems);
  });
});

describe('a11y: the shared conflict view in the enquiry editors (issue 16)', () => {
  it('the reflection and the outcome beside a colleague\'s version, field by field, light and dark, 1280 and 320 px [1.4.1, 1.4.10, 4.1.3]', async function () {
    this.timeout(60_000);
    const problems: string[] = [];
    const store = createMemoryStore();
    await seedDemo(store);
    const log = logBuilder();
    feedbackToSharing(log);
    await store.append('enq-feedback', log.events);
    const { element, provider } = await renderWithSession(html`<plc-outcome-editor enquiry-id="enq-feedback"></plc-outcome-editor>`, { store, seed: false, personId: 'p-beth' });
    await typeInto(field(element, 'What worked'), 'Improvement time, every fortnight.');
    await typeInto(field(element, 'Summary for colleagues'), 'Protected time to act on feedback made the difference.');
    // Chen's versions, from another device, sort after anything Beth writes now.
    const chen = logBuilder(new Date(Date.now() + 60_000).toISOString(), 'a11y-chen');
    chen.add('enq-feedback', 'reflection.save', 'p-chen', { whatWorked: 'Chen: peer marking.', whatDidNot: '', nextSteps: 'Try it in maths.' });
    chen.add('enq-feedback', 'outcome.save', 'p-chen', { summary: 'Chen: a summary written on the bus, longer than one line at 320 px.', findings: ['Books show it'], recommendations: [], audiences: ['booklet'] });
    await store.append('enq-feedback', chen.events);
    await settle(element);
    await click(button(element, 'Save reflection'));
    await settle(element);
    await click(button(element, 'Save outcome'));
    await waitFor(() => queryAllDeep(element, '[part="conflict"]').length === 2, 6000, 'both conflict views');
    await checkEvery('outcome editor with two conflicts', element, async (theme) => {
      provider.theme = theme;
      await provider.updateComplete;
    }, problems);
    expectNone(problems);
  });
});

// ---- the enquiry at each stage ---------------------------------------------------------------

/** Events that bring a demo enquiry to each stage; a stage missing here fails its test. */
const STAGE_FIXTURES: Record<string, { enquiryId: string; events: () => DomainEvent[]; member: string; lead: string }> = {
  theme: {
    enquiryId: 'enq-solo',
    events: () => {
      const log = logBuilder();
      log.add('enq-solo', 'enquiry.create', 'p-beth', { title: 'My own project', kind: 'individual', cycleId: 'cy-2026', ownerIds: ['p-beth'], track: 'plc' });
      return log.events;
    },
    member: 'p-beth',
    lead: 'p-clare',
  },
  question: { enquiryId: 'enq-oracy', events: () => [], member: 'p-eli', lead: 'p-dana' },
  observation: { enquiryId: 'enq-feedback', events: () => [], member: 'p-beth', lead: 'p-amir' },
  evidence: { enquiryId: 'enq-feedback', events: () => evidenceStageEvents(), member: 'p-beth', lead: 'p-amir' },
  sharing: {
    enquiryId: 'enq-feedback',
    events: () => {
      const log = logBuilder();
      feedbackToSharing(log);
      return log.events;
    },
    member: 'p-beth',
    lead: 'p-amir',
  },
  shared: {
    enquiryId: 'enq-feedback',
    events: () => {
      const log = logBuilder();
      publishFeedback(log);
      return log.events;
    },
    member: 'p-beth',
    lead: 'p-amir',
  },
};

describe('axe over every state: the enquiry at each stage, its forms and dialogs [1.3.1, 1.4.3, 1.4.10, 2.4.6, 3.3.2, 4.1.2]', () => {
  for (const view of BUILT_IN_STAGE_VIEWS) {
    it(`stage "${view.id}": as a member and as the lead, each dialog open, light and dark, 1280 and 320 px`, async function () {
      this.timeout(90_000);
      const fixtureOf = STAGE_FIXTURES[view.id];
      if (!fixtureOf) throw new Error(`No fixture brings an enquiry to the stage "${view.id}": add one to STAGE_FIXTURES in this file.`);
      const problems: string[] = [];
      for (const personId of [fixtureOf.member, fixtureOf.lead]) {
        const { element, provider } = await renderWithSession(html`<plc-enquiry enquiry-id=${fixtureOf.enquiryId}></plc-enquiry>`, { personId, events: fixtureOf.events() });
        for (const inner of queryAllDeep(element, '*')) if (inner.localName.startsWith('plc-')) await settle(inner);
        const state = (element as unknown as { enquiry: { state?: EnquiryState } }).enquiry.state;
        expect(state?.stage, 'the fixture reaches the stage').to.equal(view.id);
        const setTheme = async (theme: 'light' | 'dark') => {
          provider.theme = theme;
          await provider.updateComplete;
        };
        const name = `${view.id} as ${personId}`;
        await checkEvery(name, provider, setTheme, problems);
        // Each step that asks first: open its dialog, check it, cancel.
        const asking = [...stageActions(view), ...manageActions(state!)].filter((spec) => spec.confirm);
        for (const spec of asking) {
          const trigger = element.shadowRoot!.querySelector<HTMLButtonElement>(`[data-action="${spec.type}"]`);
          if (!trigger || trigger.getAttribute('aria-disabled') === 'true') continue;
          await click(trigger);
          await settle(element);
          await checkEvery(`${name}, dialog "${spec.confirm!.title}"`, provider, setTheme, problems);
          await click(button(element, 'Cancel'));
          await settle(element);
        }
      }
      expectNone(problems);
    });
  }
});

// ---- every element's conditions ------------------------------------------------------------

/** The attributes each element needs to show something; an element missing here fails its test. */
const ATTRIBUTES: Record<string, string> = {
  'plc-my-enquiries': '',
  'plc-enquiry': 'enquiry-id="enq-feedback"',
  'plc-question-editor': 'enquiry-id="enq-oracy"',
  'plc-observation-form': 'enquiry-id="enq-feedback"',
  'plc-observation-list': 'enquiry-id="enq-feedback"',
  'plc-evidence-board': 'enquiry-id="enq-feedback"',
  'plc-survey-builder': 'enquiry-id="enq-feedback"',
  'plc-survey-response': 'survey-id="sv-feedback"',
  'plc-survey-results': 'survey-id="sv-feedback"',
  'plc-outcome-editor': 'enquiry-id="enq-feedback"',
  'plc-learning-walk': '',
  // The demo's year-3 session: the programme, and for its CPD leader the planner.
  'plc-sharing-session': 'session-id="ss-2026-autumn"',
  'plc-impact-report': '',
  'plc-booklet': '',
  'plc-cycle-admin': '',
  'plc-community-board': '',
  'plc-meeting': 'community-id="com-feedback"',
  'plc-sync-status': '',
  'plc-roster-review': '',
  'plc-review-queue': '',
  // Without a server it says where notifications come from (they are made only on the server).
  'plc-notifications': '',
  // Without a server they say where badges come from; their server states are swept in their own tests.
  'plc-credentials': '',
  'plc-celebrate': '',
  // Without a server it says the post needs one; with one, tests/components/plc-vle-post.test.ts checks each state with axe.
  'plc-vle-post': 'enquiry-id="enq-feedback"',
  'plc-coaching-pairs': '',
  // Without a server it says the survey needs one; with one, tests/components/plc-staff-feedback.test.ts checks each state with axe.
  'plc-staff-feedback': '',
};
/** Who sees each element's fullest view. */
const VIEWER: Record<string, string> = { 'plc-coaching-pairs': 'p-beth', 'plc-staff-feedback': 'p-clare', 'plc-review-queue': 'p-amir', 'plc-learning-walk': 'p-clare', 'plc-sharing-session': 'p-clare', 'plc-impact-report': 'p-clare', 'plc-cycle-admin': 'p-clare', 'plc-roster-review': 'p-clare', 'plc-meeting': 'p-amir' };

function template(tag: string): TemplateResult {
  return staticHtml`<${unsafeStatic(tag)} ${unsafeStatic(ATTRIBUTES[tag] ?? '')}></${unsafeStatic(tag)}>`;
}

async function storeWithSurvey(store: Store = createMemoryStore()): Promise<Store> {
  await seedDemo(store);
  await store.put('surveys', feedbackSurvey(), 0);
  await addResponses(store, 'sv-feedback', [5, 4, 4, 3, 2, 1].map((n, i) => ({ 'q-know': n, 'q-often': i % 3 })));
  return store;
}

describe('axe over every state: each element loading, signed out, empty, loaded and failing [1.3.1, 1.4.3, 1.4.10, 4.1.2, 4.1.3]', () => {
  it('every registered plc- element has its attributes here', async () => {
    const { SUPPORTED_LOCALES } = await import('../../components/localization.js');
    expect(SUPPORTED_LOCALES.length).to.be.greaterThan(1);
    const defined = (await import('../../components/define.js')) as Record<string, unknown>;
    const classes = Object.values(defined).filter((value): value is CustomElementConstructor => typeof value === 'function' && customElements.getName(value as CustomElementConstructor) !== null);
    const tags = classes.map((c) => customElements.getName(c)!).filter((tag) => tag !== 'plc-provider' && tag !== 'plc-app');
    expect(tags.length).to.be.greaterThan(10);
    expect(tags.filter((tag) => !(tag in ATTRIBUTES)), 'elements with no entry in ATTRIBUTES').to.deep.equal([]);
    expect(Object.keys(ATTRIBUTES).filter((tag) => !tags.includes(tag)), 'entries for elements no longer registered').to.deep.equal([]);
  });

  for (const tag of Object.keys(ATTRIBUTES)) {
    it(`${tag}: loading, signed out, empty, loaded and failing, light and dark, 1280 and 320 px`, async function () {
      this.timeout(60_000);
      const problems: string[] = [];
      const personId = VIEWER[tag] ?? 'p-beth';
      const states: Array<{ name: string; render: () => Promise<{ provider: PlcProvider | Element }> }> = [
        { name: 'loading', render: async () => ({ provider: await fixture(template(tag)) }) },
        { name: 'still loading from the store', render: async () => renderWithSession(template(tag), { store: storeHangingOn('readLog'), seed: false, untilLoaded: false, personId }) },
        { name: 'signed out', render: async () => renderWithSession(template(tag), { personId: '', store: await storeWithSurvey(), seed: false }) },
        { name: 'empty', render: async () => renderWithSession(template(tag), { seed: false, personId }) },
        { name: 'loaded', render: async () => renderWithSession(template(tag), { personId, store: await storeWithSurvey(), seed: false, events: tag.includes('survey') || tag === 'plc-evidence-board' ? evidenceStageEvents() : [] }) },
        {
          name: 'failing to load',
          render: async () => {
            const failing = storeFailingOn(tag === 'plc-my-enquiries' || tag === 'plc-community-board' ? 'listEnquiries' : tag.includes('enquiry') || tag.includes('question') || tag.includes('observation') || tag.includes('outcome') ? 'readLog' : 'list');
            return renderWithSession(template(tag), { personId, store: failing.store, untilLoaded: false });
          },
        },
      ];
      for (const state of states) {
        const { provider } = await state.render();
        const element = provider.localName === 'plc-provider' ? provider.firstElementChild! : provider;
        await new Promise((resolve) => setTimeout(resolve, 30));
        await (element as unknown as { updateComplete: Promise<unknown> }).updateComplete;
        const setTheme = async (theme: 'light' | 'dark') => {
          if (provider.localName !== 'plc-provider') return;
          (provider as PlcProvider).theme = theme;
          await (provider as PlcProvider).updateComplete;
        };
        await checkEvery(`${tag} ${state.name}`, provider, setTheme, problems, state.name === 'loaded' ? EVERY : NARROW);
      }
      expectNone(problems);
    });
  }
});
