/**
 * Enquiry view benchmark, in Chromium (run by tests/bench/run-browser-bench.js): how long
 * `<plc-provider><plc-enquiry></plc-enquiry></plc-provider>` takes to show an enquiry in the
 * evidence stage with 200 observations and 50 evidence items, from being rendered into the page
 * to the rows of its embedded `<plc-observation-list>` (200 cards) and `<plc-evidence-board>`
 * (50 items) rendered and laid out, against a bare lit-html template of the same rows (date,
 * observer → observed, class, focus, notes; evidence title, kind and summary) rendered into a
 * div in the same run. The element's time includes the provider loading the directory, each
 * embedded element's controller reading the log from a memory store and replaying it (255
 * events), the stepper, history and forms around the rows; the bare template is handed the
 * observations and evidence already in memory.
 *
 * The cards of both lists are drawn with `content-visibility: auto`, so the forced layout skips the
 * cards off screen (their height is an estimate until they are near the viewport). So that this
 * deferred work is not hidden, the next frame's rendering work (style, layout of the cards that
 * came into view, paint) is measured too for both, as `enquiry-render-first-frame`.
 *
 * Also where the element's time goes, from runs with a store and lifecycle that time their own
 * calls: `store.readLog` + `lifecycle.replay` (once per controller on the page), the lifecycle
 * checks the elements make while rendering, and the rest (templates, custom elements, styles,
 * layout). Prints `bench <name>: ...` lines.
 */
import { html, nothing, render } from 'lit';
import '../../components/plc-provider/index.js';
import '../../components/plc-enquiry/index.js';
import type { PlcProvider } from '../../components/plc-provider/plc-provider.js';
import type { PlcEnquiry } from '../../components/plc-enquiry/plc-enquiry.js';
import { formatDate, formatNumber, formatPercent } from '../../components/localization.js';
import { evidenceKindLabel } from '../../components/strings.js';
import { createEventFactory, type DomainEvent } from '../../src/lifecycle/events.js';
import { createHybridClock } from '../../src/lifecycle/hlc.js';
import { lifecycleInputFor } from '../../src/lifecycle/input.js';
import { defaultLifecycle, type Lifecycle } from '../../src/lifecycle/lifecycle.js';
import type { EnquiryDetails, Observation } from '../../src/schema/enquiry.js';
import type { AnyEvidence } from '../../src/schema/evidence.js';
import { createMemoryStore } from '../../src/store/memory.js';
import type { Store } from '../../src/store/store.js';
import { communities, cycles, people, seedDemo } from '../../examples/demo/seed.js';

const OBSERVATIONS = 200;
const EVIDENCE = 50;
const WARMUP = 3;
const RUNS = 15;
/** The seed's feedback enquiry (Amir's community: Amir, Beth, Chen), waiting in observation. */
const ENQUIRY = 'enq-feedback';
const PERSON = 'p-beth';
const MEMBERS = ['p-amir', 'p-beth', 'p-chen'] as const;

const line = (text: string) => console.log(text);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => value.toFixed(1);
const ratio = (value: number) => value.toFixed(2);
const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
/** Yields one task, without setTimeout's clamping: for polling without rounding the time up. */
const task = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(undefined);
  });
const names = new Map(people.map((p) => [p.id, p.name]));
const personName = (id: string) => names.get(id) ?? id;

// ---------------------------------------------------------------------------------------------
// The workload.

const FOCUS = ['How students respond to written feedback', 'Questioning after marking', 'Use of DIRT time', 'Peer feedback with success criteria'];
const CLASSES = ['9C science', '9E2 English', '10B maths', '8A geography', '11S science'];

function observation(n: number): Observation {
  const observer = MEMBERS[n % 3]!;
  const observed = MEMBERS[(n + 1 + (n % 2)) % 3]!;
  const day = new Date(Date.UTC(2026, 9, 7) + (n % 28) * 86_400_000).toISOString().slice(0, 10);
  return {
    id: `obs-${String(n).padStart(3, '0')}`,
    observerId: observer,
    observedId: observed,
    className: CLASSES[n % CLASSES.length]!,
    date: day,
    focus: FOCUS[n % FOCUS.length]!,
    strengths: `Students used the green-pen time well (visit ${n}); most responded to at least one comment.`,
    wonderings: 'Would feedback written as questions get longer answers?',
    nextSteps: n % 5 === 0 ? '' : 'Try sentence starters for the weaker writers.',
    sharedWith: [],
  };
}

function evidence(n: number): AnyEvidence {
  const id = `ev-${String(n).padStart(2, '0')}`;
  const collectedOn = new Date(Date.UTC(2026, 10, 3) + (n % 20) * 86_400_000).toISOString().slice(0, 10);
  // A realistic mix: two student-voice surveys (each a chart element), the rest spread over the other kinds.
  if (n < 2) {
    return {
      id,
      kind: 'student-voice',
      title: `Feedback survey ${n + 1}`,
      collectedOn,
      questions: [
        { id: 'q1', text: 'I read the comments on my work', type: 'agree' },
        { id: 'q2', text: 'What helps you use feedback?', type: 'text' },
      ],
      responseCount: 27,
      results: [
        { questionId: 'q1', counts: [1, 2, 5, 12, 7] },
        { questionId: 'q2', counts: [], comments: ['Time in lesson', 'Sentence starters'] },
      ],
    };
  }
  switch (n % 4) {
    case 0:
      return { id, kind: 'assessment', title: `Redrafting quality ${n}`, collectedOn, measure: 'Mean redraft score', unit: 'points', before: { value: 4.1, students: 28 }, after: { value: 5.3, students: 27 } };
    case 1:
      return { id, kind: 'learning-walk', title: `Feedback walk ${n}`, collectedOn, focus: 'Students acting on feedback', lessonsVisited: 15, lessonsShowingFocus: 11 };
    case 2:
      return { id, kind: 'artefact', title: `Green-pen response ${n}`, collectedOn, url: `https://vle.example.org/files/green-pen-${n}.jpg`, caption: 'A student responds to two comments' };
    default:
      return { id, kind: 'note', title: `Department meeting ${n}`, collectedOn, text: 'Colleagues saw more redrafting in Year 9.' };
  }
}

/** 200 observations, evidence started, 50 evidence items: events after the seed's, by its members. */
function workloadEvents(): DomainEvent[] {
  let time = Date.parse('2026-11-03T09:00:00.000Z');
  let n = 0;
  const make = createEventFactory({
    clock: createHybridClock('bench-device', () => time),
    newId: () => `bench-${String((n += 1)).padStart(4, '0')}`,
    now: () => new Date(time),
  });
  const event = (type: string, authorId: string, payload: object) => {
    time += 600_000;
    return make({ enquiryId: ENQUIRY, type, authorId, payload: payload as Record<string, unknown> });
  };
  return [
    ...Array.from({ length: OBSERVATIONS }, (_, i) => {
      const o = observation(i);
      return event('observation.record', o.observerId, o);
    }),
    event('evidence.start', PERSON, {}),
    ...Array.from({ length: EVIDENCE }, (_, i) => event('evidence.add', MEMBERS[i % 3]!, evidence(i))),
  ];
}

// ---------------------------------------------------------------------------------------------
// The bare baseline: the same rows as plain lit-html, newest observation first as the list shows them.

function evidenceSummary(item: AnyEvidence): string {
  const get = (key: string) => (item as Record<string, unknown>)[key];
  switch (item.kind) {
    case 'student-voice':
      return `${formatNumber(Number(get('responseCount')))} responses`;
    case 'assessment': {
      const before = get('before') as { value: number };
      const after = get('after') as { value: number };
      return `${String(get('measure'))}: ${formatNumber(before.value)} → ${formatNumber(after.value)} ${String(get('unit') ?? '')}`;
    }
    case 'learning-walk': {
      const visited = Number(get('lessonsVisited'));
      const showing = Number(get('lessonsShowingFocus'));
      return `${formatNumber(showing)} of ${formatNumber(visited)} lessons (${formatPercent(showing / visited)})`;
    }
    case 'artefact':
      return `${String(get('url'))} ${String(get('caption'))}`;
    default:
      return String(get('text') ?? '');
  }
}

function bareRows(observations: readonly Observation[], items: readonly AnyEvidence[]) {
  return html`<ul class="evidence">
      ${items.map(
        (item) => html`<li data-evidence-id=${item.id}>
          <h6>${item.title}</h6>
          <span>${evidenceKindLabel(item.kind)}</span>
          <span>${item.collectedOn ? formatDate(item.collectedOn) : ''}</span>
          <p>${evidenceSummary(item)}</p>
        </li>`,
      )}
    </ul>
    <ol class="observations">
      ${observations.map(
        (o) => html`<li>
          <article>
            <h5>${personName(o.observerId)} → ${personName(o.observedId)}</h5>
            <p><span>${formatDate(o.date)}</span> <span>Class: ${o.className}</span></p>
            <p><strong>Focus:</strong> ${o.focus}</p>
            <dl>
              <dt>Strengths</dt>
              <dd>${o.strengths || '—'}</dd>
              <dt>Wonderings</dt>
              <dd>${o.wonderings || '—'}</dd>
              <dt>Next steps</dt>
              <dd>${o.nextSteps || '—'}</dd>
            </dl>
          </article>
        </li>`,
      )}
    </ol>`;
}

// ---------------------------------------------------------------------------------------------
// Timing.

/**
 * The rendering work of the next frame: from its animation-frame callback to the first task
 * after it, which runs once the frame's style, layout and paint are done.
 */
function nextFrameWork(): Promise<number> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const start = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now() - start);
      channel.port2.postMessage(undefined);
    }),
  );
}

interface Split {
  /** Style and layout forced at the end (what was not laid out in a frame while waiting). */
  layout: number;
  readLog: number;
  replay: number;
  replays: number;
  check: number;
  checks: number;
}
const newSplit = (): Split => ({ layout: 0, readLog: 0, replay: 0, replays: 0, check: 0, checks: 0 });

/** The store, with `readLog` timed (the memory store does its work before its promise is returned). */
function timedStore(store: Store, split: () => Split): Store {
  return new Proxy(store, {
    get: (target, key) => {
      const value = Reflect.get(target, key, target);
      if (key !== 'readLog') return typeof value === 'function' ? value.bind(target) : value;
      return (...args: Parameters<Store['readLog']>) => {
        const start = performance.now();
        const result = target.readLog(...args);
        split().readLog += performance.now() - start;
        return result;
      };
    },
  });
}

/** The lifecycle, with `replay` and `check` timed. */
function timedLifecycle(lifecycle: Lifecycle, split: () => Split): Lifecycle {
  return new Proxy(lifecycle, {
    get: (target, key) => {
      const value = Reflect.get(target, key, target);
      if (key === 'replay') {
        return (...args: Parameters<Lifecycle['replay']>) => {
          const start = performance.now();
          const result = target.replay(...args);
          split().replay += performance.now() - start;
          split().replays += 1;
          return result;
        };
      }
      if (key === 'check') {
        return (...args: Parameters<Lifecycle['check']>) => {
          const start = performance.now();
          const result = target.check(...args);
          split().check += performance.now() - start;
          split().checks += 1;
          return result;
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Waits for an element's pending load and render. */
async function settle(element: Element | null | undefined): Promise<void> {
  if (!element) return;
  const target = element as unknown as { loaded?: Promise<void>; updateComplete?: Promise<unknown> };
  await (target.loaded ?? target.updateComplete);
}

/**
 * Renders the provider with the enquiry into `host` and waits until the observation list's 200
 * cards and the evidence board's 50 items exist in their shadow roots, then lays the page out.
 */
async function timeElement(host: HTMLElement, store: Store, lifecycle: Lifecycle, split?: Split, frames?: number[]): Promise<number> {
  const start = performance.now();
  render(
    html`<plc-provider .store=${store} .lifecycle=${lifecycle} person-id=${PERSON}><plc-enquiry enquiry-id=${ENQUIRY}></plc-enquiry></plc-provider>`,
    host,
  );
  const provider = host.querySelector('plc-provider') as PlcProvider;
  const enquiry = host.querySelector('plc-enquiry') as PlcEnquiry;
  await provider.ready;
  let observations = 0;
  let items = 0;
  for (let spin = 0; ; spin += 1) {
    await settle(enquiry);
    const root = enquiry.shadowRoot;
    const list = root?.querySelector('plc-observation-list');
    const board = root?.querySelector('plc-evidence-board');
    await settle(list);
    await settle(board);
    for (const chart of board?.shadowRoot?.querySelectorAll('plc-survey-results') ?? []) await settle(chart);
    observations = list?.shadowRoot?.querySelectorAll('article[part="observation"]').length ?? 0;
    items = board?.shadowRoot?.querySelectorAll('li[part="item"]').length ?? 0;
    if (observations === OBSERVATIONS && items === EVIDENCE) break;
    if (spin > 10_000) throw new Error(`the enquiry showed ${observations} observations and ${items} evidence items`);
    await task();
  }
  const layoutStart = performance.now();
  void document.body.offsetHeight;
  const elapsed = performance.now() - start;
  if (split) split.layout += elapsed - (layoutStart - start);
  // Beth is a member: she reads every observation's notes.
  const notes = enquiry.shadowRoot!.querySelector('plc-observation-list')!.shadowRoot!.querySelectorAll('dl[part="notes"]').length;
  if (notes !== OBSERVATIONS) throw new Error(`the list showed the notes of ${notes} observations`);
  if (frames) frames.push(await nextFrameWork());
  render(nothing, host);
  return elapsed;
}

async function timeBare(host: HTMLElement, observations: readonly Observation[], items: readonly AnyEvidence[], split?: Split, frames?: number[]): Promise<number> {
  const start = performance.now();
  render(bareRows(observations, items), host);
  const layoutStart = performance.now();
  void document.body.offsetHeight;
  const elapsed = performance.now() - start;
  if (split) split.layout += elapsed - (layoutStart - start);
  if (host.querySelectorAll('article').length !== OBSERVATIONS || host.querySelectorAll('li[data-evidence-id]').length !== EVIDENCE) throw new Error('the bare rows are short');
  if (frames) frames.push(await nextFrameWork());
  render(nothing, host);
  return elapsed;
}

async function run() {
  const store = createMemoryStore();
  await seedDemo(store);
  await store.append(ENQUIRY, workloadEvents());

  // The state the elements will show, checked once: every event accepted, in the evidence stage.
  const log = await store.readLog(ENQUIRY);
  const creation = log.find((e) => e.type === 'enquiry.create');
  if (!creation) throw new Error('no enquiry.create in the log');
  const details = creation.payload as unknown as EnquiryDetails;
  const input = lifecycleInputFor(details, {
    cycle: cycles.find((c) => c.id === details.cycleId),
    community: communities.find((c) => c.id === details.communityId),
    cpdLeaders: people.filter((p) => p.roles.includes('cpd-leader')),
  });
  const state = defaultLifecycle.replay(log, input);
  if (state.stage !== 'evidence' || state.refusals.length > 0 || state.data.observations.length !== OBSERVATIONS || state.data.evidence.length !== EVIDENCE) {
    throw new Error(`unexpected state: ${state.stage}, ${state.refusals.length} refusals (${state.refusals[0]?.message ?? ''}), ${state.data.observations.length} observations, ${state.data.evidence.length} evidence`);
  }
  const observations = state.data.observations
    .map((o, index) => ({ o, index }))
    .sort((a, b) => b.o.date.localeCompare(a.o.date) || b.index - a.index)
    .map(({ o }) => o);
  const items = state.data.evidence;

  let split = newSplit();
  const timed = { store: timedStore(store, () => split), lifecycle: timedLifecycle(defaultLifecycle, () => split) };
  const host = document.createElement('div');
  host.style.width = '1024px';
  document.body.append(host);

  const element: number[] = [];
  const bare: number[] = [];
  const instrumented: number[] = [];
  const splits: Split[] = [];
  const bareSplits: Split[] = [];
  const loadAlone: number[] = [];
  const elementFrames: number[] = [];
  const bareFrames: number[] = [];
  // Warm-up of each, then all alternately, so all see the same machine.
  for (let i = 0; i < WARMUP; i += 1) {
    await timeElement(host, store, defaultLifecycle);
    await timeBare(host, observations, items);
    await timeElement(host, timed.store, timed.lifecycle);
  }
  for (let i = 0; i < RUNS; i += 1) {
    await frame();
    element.push(await timeElement(host, store, defaultLifecycle, undefined, elementFrames));
    await frame();
    const bareSplit = newSplit();
    bare.push(await timeBare(host, observations, items, bareSplit, bareFrames));
    bareSplits.push(bareSplit);
    await frame();
    split = newSplit();
    instrumented.push(await timeElement(host, timed.store, timed.lifecycle, split));
    splits.push(split);
    await frame();
    const start = performance.now();
    const read = await store.readLog(ENQUIRY);
    defaultLifecycle.replay(read, input);
    loadAlone.push(performance.now() - start);
  }
  host.remove();
  await store.close();

  const m = {
    element: median(element),
    bare: median(bare),
    instrumented: median(instrumented),
    readLog: median(splits.map((s) => s.readLog)),
    replay: median(splits.map((s) => s.replay)),
    load: median(splits.map((s) => s.readLog + s.replay)),
    check: median(splits.map((s) => s.check)),
    layout: median(splits.map((s) => s.layout)),
    bareLayout: median(bareSplits.map((s) => s.layout)),
    rest: median(splits.map((s, i) => instrumented[i]! - s.readLog - s.replay - s.check - s.layout)),
    loadAlone: median(loadAlone),
    elementFrame: median(elementFrames),
    bareFrame: median(bareFrames),
  };
  const replays = median(splits.map((s) => s.replays));
  const checks = median(splits.map((s) => s.checks));
  line(`bench enquiry-render: ${ms(m.element)} ms`);
  line(`bench enquiry-render-bare: ${ms(m.bare)} ms`);
  line(`bench enquiry-render: ${ratio(m.element / m.bare)}x vs bare lit-html rows (${OBSERVATIONS} observations + ${EVIDENCE} evidence items)`);
  line(`bench enquiry-render-first-frame: ${ms(m.elementFrame)} ms (the next frame's style, layout and paint; the bare rows' ${ms(m.bareFrame)} ms)`);
  line(`bench enquiry-render-with-first-frame: ${ratio((m.element + m.elementFrame) / (m.bare + m.bareFrame))}x vs bare lit-html rows, each with its next frame`);
  line(`bench enquiry-render-load: ${ms(m.load)} ms (store.readLog ${ms(m.readLog)} + lifecycle.replay ${ms(m.replay)} of ${log.length} events, ${replays} times: once per controller on the page; part of the element's ${ms(m.instrumented)} ms in the timed runs, ${Math.round((100 * m.load) / m.instrumented)}%)`);
  line(`bench enquiry-render-load-once: ${ms(m.loadAlone)} ms (one readLog + replay alone)`);
  line(`bench enquiry-render-checks: ${ms(m.check)} ms (${checks} lifecycle.check calls made while rendering, ${Math.round((100 * m.check) / m.instrumented)}%)`);
  line(`bench enquiry-render-layout: ${ms(m.layout)} ms (style and layout forced once the rows are there, ${Math.round((100 * m.layout) / m.instrumented)}%; the bare rows' ${ms(m.bareLayout)} ms of their ${ms(m.bare)} ms)`);
  line(`bench enquiry-render-rest: ${ms(m.rest)} ms (the rest of rendering: directory, templates, elements, frames while waiting; ${Math.round((100 * m.rest) / m.instrumented)}%)`);
}

const flags = window as unknown as { __benchDone?: boolean; __benchError?: string };
run().then(
  () => {
    flags.__benchDone = true;
  },
  (error: unknown) => {
    flags.__benchError = error instanceof Error ? `${error.message}\n${error.stack}` : String(error);
    flags.__benchDone = true;
  },
);
