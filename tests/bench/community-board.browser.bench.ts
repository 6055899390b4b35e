/**
 * Community board benchmark, in Chromium (run by tests/bench/run-browser-bench.js): how long
 * `<plc-community-board>` takes to show a cycle of 1,000 and of 10,000 enquiries, from being
 * added to the page to its rows laid out, against a bare lit-html list of the same rows rendered
 * in the same run. The board reads the summaries from a memory store (`listEnquiries`, included in
 * its time), filters, groups and sorts them, and renders only the rows on screen; the bare list
 * is handed the summaries already in memory and renders EVERY row (one `<li>` each, no grouping,
 * no windowing). Also how the board grows from 1,000 to 10,000, and the board's own share: the
 * same measure with a store that hands over summaries it has already listed (no copying), since
 * the memory store's `listEnquiries` copies every summary it returns. Prints `bench <name>: ...`.
 */
import { html, render } from 'lit';
import '../../components/plc-provider/index.js';
import '../../components/plc-community-board/index.js';
import type { PlcProvider } from '../../components/plc-provider/plc-provider.js';
import type { PlcCommunityBoard } from '../../components/plc-community-board/plc-community-board.js';
import { stageLabel } from '../../components/strings.js';
import { createMemoryStore } from '../../src/store/memory.js';
import type { EnquirySummary, Store } from '../../src/store/store.js';
import { communities, people, seedDemo, themes } from '../../examples/demo/seed.js';
import { appendAll, generatedEnquiries } from '../support/board-harness.js';

const RUNS = 7;
const line = (text: string) => console.log(text);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => value.toFixed(1);
const ratio = (value: number) => value.toFixed(2);
const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

const names = {
  people: new Map(people.map((p) => [p.id, p.name])),
  themes: new Map(themes.map((t) => [t.id, t.name])),
  communities: new Map(communities.map((c) => [c.id, c.name])),
};

/** The same facts the board's flat list shows per row, as a plain list of every row. */
function bareList(summaries: readonly EnquirySummary[]) {
  return html`<ul>
    ${summaries.map(
      (s) => html`<li>
        <strong>${s.title}</strong>
        <span>${s.questionText || 'No driving question yet.'}</span>
        <span>${stageLabel(s.stage)}</span>
        <span
          >${names.themes.get(s.themeId ?? '') ?? ''} · ${names.communities.get(s.communityId ?? '') ?? ''} ·
          ${s.ownerIds.map((id) => names.people.get(id) ?? id).join(', ')}</span
        >
      </li>`,
    )}
  </ul>`;
}

async function storeWith(count: number): Promise<Store> {
  const store = createMemoryStore();
  await seedDemo(store);
  await appendAll(store, generatedEnquiries(count));
  return store;
}

async function providerFor(store: Store): Promise<PlcProvider> {
  const provider = document.createElement('plc-provider');
  provider.store = store;
  provider.setAttribute('person-id', 'p-clare');
  provider.style.display = 'block';
  provider.style.width = '1024px';
  document.body.append(provider);
  await provider.ready;
  return provider;
}

/** Adds a board to the provider and waits until its rows are rendered and laid out. */
async function timeBoard(provider: PlcProvider, expected: number): Promise<number> {
  const start = performance.now();
  const board = document.createElement('plc-community-board') as PlcCommunityBoard;
  provider.append(board);
  await board.updateComplete;
  await board.loaded;
  await board.updateComplete;
  const rows = board.shadowRoot!.querySelectorAll('.row');
  void document.body.offsetHeight;
  const elapsed = performance.now() - start;
  if (rows.length === 0 || rows.length > 100) throw new Error(`the board rendered ${rows.length} rows`);
  if (!board.shadowRoot!.textContent!.includes(`${expected.toLocaleString('en-GB')} enquiries`)) throw new Error('the board did not count every enquiry');
  board.remove();
  return elapsed;
}

function timeBare(host: HTMLElement, summaries: readonly EnquirySummary[]): number {
  const start = performance.now();
  render(bareList(summaries), host);
  void document.body.offsetHeight;
  const elapsed = performance.now() - start;
  if (host.querySelectorAll('li').length !== summaries.length) throw new Error('the bare list is short');
  render(html``, host);
  return elapsed;
}

/** The store, except that listing the cycle hands over `summaries` as they are. */
function prelisted(store: Store, summaries: EnquirySummary[]): Store {
  return new Proxy(store, {
    get: (target, key) => (key === 'listEnquiries' ? async () => summaries : Reflect.get(target, key, target)),
  });
}

async function measure(count: number) {
  const store = await storeWith(count);
  const summaries = await store.listEnquiries({ cycleId: 'cy-2026' });
  const total = summaries.length;
  const provider = await providerFor(store);
  const ownProvider = await providerFor(prelisted(store, summaries));
  const bareHost = document.createElement('div');
  bareHost.style.width = '1024px';
  document.body.append(bareHost);
  const board: number[] = [];
  const bare: number[] = [];
  const listing: number[] = [];
  const own: number[] = [];
  // One warm-up of each, then all alternately, so all see the same machine.
  await timeBoard(provider, total);
  await timeBoard(ownProvider, total);
  timeBare(bareHost, summaries);
  for (let run = 0; run < RUNS; run += 1) {
    await frame();
    board.push(await timeBoard(provider, total));
    await frame();
    own.push(await timeBoard(ownProvider, total));
    await frame();
    bare.push(timeBare(bareHost, summaries));
    await frame();
    const start = performance.now();
    await store.listEnquiries({ cycleId: 'cy-2026' });
    listing.push(performance.now() - start);
  }
  provider.remove();
  ownProvider.remove();
  bareHost.remove();
  await store.close();
  return { board: median(board), bare: median(bare), listing: median(listing), own: median(own) };
}

async function run() {
  const small = await measure(1_000);
  const large = await measure(10_000);
  for (const [name, m] of [
    ['1k', small],
    ['10k', large],
  ] as const) {
    line(`bench board-${name}: ${ms(m.board)} ms`);
    line(`bench board-${name}: ${ratio(m.board / m.bare)}x vs bare lit-html list (the bare list renders all ${name} rows: ${ms(m.bare)} ms)`);
    line(`bench board-${name}-store-list: ${ms(m.listing)} ms (store.listEnquiries alone, part of the board's time)`);
    line(`bench board-${name}-own: ${ms(m.own)} ms (the board with the summaries already listed: filter, group, sort, window, render)`);
  }
  line(`bench board-growth: ${ratio(large.board / small.board)}x (10k/1k)`);
  line(`bench board-growth-own: ${ratio(large.own / small.own)}x (10k/1k, the board's own work)`);
  line(`bench board-growth-bare: ${ratio(large.bare / small.bare)}x (10k/1k, bare lit-html list in the same run)`);
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
