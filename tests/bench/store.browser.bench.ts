/**
 * Store benchmark, in Chromium (run by tests/bench/run-browser-bench.js): appends 10,000 events
 * (1,000 enquiries, one batch of 10 each) and lists 1,000 enquiry summaries through the IndexedDB
 * adapter, and does the same work with raw `idb` calls in the same run: the same events and
 * precomputed summaries put in one transaction per batch, and `getAll` of the summaries. Also how
 * listing grows from 1,000 to 10,000 enquiries. Prints `bench <name>: <value> <unit>` lines.
 */
import { deleteDB, openDB, type IDBPDatabase } from 'idb';
import type { DomainEvent } from '../../src/lifecycle/events.js';
import { lifecycleInputFor } from '../../src/lifecycle/input.js';
import { defaultLifecycle } from '../../src/lifecycle/lifecycle.js';
import { createBackup } from '../../src/store/backup.js';
import { createIndexedDbStore } from '../../src/store/indexeddb.js';
import type { EnquirySummary } from '../../src/store/store.js';
import { summarizeEnquiry } from '../../src/store/summary.js';
import { checkBatch } from '../../src/store/validate.js';
import { COMMUNITY, CYCLE, PEOPLE, eventWriter, groupDetails, observation, seedDirectory } from '../support/store-fixtures.js';

const ENQUIRIES = 1_000;
const ROUNDS = 2;
const LIST_RUNS = 15;

const line = (text: string) => console.log(text);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => value.toFixed(1);
const ratio = (value: number) => value.toFixed(2);
let dbCounter = 0;
const dbName = (label: string) => `plc-bench-${label}-${Date.now().toString(36)}-${(dbCounter += 1)}`;

/** 1,000 enquiries of 10 events each: create, draft, submit, approve, five observations, evidence.start. */
function workload(count: number, prefix = 'e') {
  const write = eventWriter({ prefix, stepMs: 1_000 });
  const batches: Array<{ enquiryId: string; events: DomainEvent[] }> = [];
  for (let n = 0; n < count; n += 1) {
    const enquiryId = `enq-${prefix}-${n}`;
    const events = [
      ...write.walk(enquiryId, 'observation', groupDetails({ title: `Enquiry ${n}` })),
      ...Array.from({ length: 5 }, (_, i) => write.event(enquiryId, 'observation.record', { ...observation(i), id: `obs-${i}` }, PEOPLE.ben.id)),
      write.event(enquiryId, 'evidence.start'),
    ];
    batches.push({ enquiryId, events });
  }
  return batches;
}

const input = lifecycleInputFor(groupDetails(), { cycle: CYCLE, community: COMMUNITY, cpdLeaders: [PEOPLE.cpd] });

async function openRaw(name: string) {
  return openDB(name, 1, {
    upgrade(db) {
      db.createObjectStore('events', { keyPath: 'id' }).createIndex('byEnquiry', ['enquiryId', 'hlc', 'id']);
      const summaries = db.createObjectStore('summaries', { keyPath: 'enquiryId' });
      summaries.createIndex('cycleId', 'cycleId');
      summaries.createIndex('communityId', 'communityId');
      summaries.createIndex('ownerIds', 'ownerIds', { multiEntry: true });
      summaries.createIndex('updatedAt', 'updatedAt');
    },
  });
}

/** The same puts as an append, with the summary already computed: one transaction per batch. */
async function rawAppend(db: IDBPDatabase, events: DomainEvent[], summary: EnquirySummary) {
  const tx = db.transaction(['events', 'summaries'], 'readwrite');
  for (const event of events) void tx.objectStore('events').put(event);
  void tx.objectStore('summaries').put(summary);
  await tx.done;
}

/** Times one call. */
async function timed(action: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await action();
  return performance.now() - start;
}

async function timeList(list: () => Promise<unknown[]>, expected: number, runs = LIST_RUNS) {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    const found = await list();
    times.push(performance.now() - start);
    if (found.length !== expected) throw new Error(`listed ${found.length}, expected ${expected}`);
  }
  return median(times);
}

async function run() {
  const batches = workload(ENQUIRIES);
  const summaries = new Map(batches.map(({ enquiryId, events }) => [enquiryId, summarizeEnquiry(enquiryId, defaultLifecycle.replay(events, input))]));
  const names: string[] = [];
  const storeAppend: number[] = [];
  const rawAppendTimes: number[] = [];
  const storeList: number[] = [];
  const rawList: number[] = [];
  let lastStoreName = '';

  // The store and the raw baseline run side by side, batch by batch and list by list, so both
  // see the same machine (other work on it slows both alike).
  for (let round = 0; round < ROUNDS; round += 1) {
    const rawName = dbName('raw');
    const storeName = dbName('store');
    names.push(rawName, storeName);
    const raw = await openRaw(rawName);
    const store = await createIndexedDbStore({ name: storeName, broadcast: false, persist: false });
    await seedDirectory(store);
    let storeTime = 0;
    let rawTime = 0;
    for (const { enquiryId, events } of batches) {
      rawTime += await timed(() => rawAppend(raw, events, summaries.get(enquiryId)!));
      storeTime += await timed(() => store.append(enquiryId, events));
    }
    storeAppend.push(storeTime);
    rawAppendTimes.push(rawTime);
    for (let i = 0; i < LIST_RUNS; i += 1) {
      rawList.push(await timeList(() => raw.getAll('summaries'), ENQUIRIES, 1));
      storeList.push(await timeList(() => store.listEnquiries(), ENQUIRIES, 1));
    }
    const check = await store.getSummary(batches[0]!.enquiryId);
    if (check?.stage !== 'evidence' || check.counts.events !== 10) throw new Error(`unexpected summary ${JSON.stringify(check)}`);
    raw.close();
    await store.close();
    lastStoreName = storeName;
  }

  // The lifecycle's share of an append, without any storage: validating and replaying each batch.
  const cpu: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const start = performance.now();
    for (const { enquiryId, events } of batches) {
      checkBatch(enquiryId, events, defaultLifecycle);
      defaultLifecycle.replay(events, input);
    }
    cpu.push(performance.now() - start);
  }

  const append = median(storeAppend);
  const appendRaw = median(rawAppendTimes);
  line(`bench store-append-10k: ${ms(append)} ms`);
  line(`bench store-append-10k: ${ratio(append / appendRaw)}x vs raw idb`);
  line(`bench store-append-10k-lifecycle: ${ms(median(cpu))} ms (validating and replaying the same batches, no storage: part of the append above)`);
  const list = median(storeList);
  const listRaw = median(rawList);
  line(`bench store-list-1k: ${ms(list)} ms`);
  line(`bench store-list-1k: ${ratio(list / listRaw)}x vs raw idb`);

  // Growth: a store of 1,000 enquiries against one of 10,000 (the same 1,000 and 9,000 more, two
  // events each, in nine other cycles), both filled by importing a backup, timed alternately.
  const appended = await createIndexedDbStore({ name: lastStoreName, broadcast: false, persist: false });
  const current = await appended.exportBackup();
  await appended.close();
  const smallName = dbName('store-1k');
  names.push(smallName);
  const small = await createIndexedDbStore({ name: smallName, broadcast: false, persist: false });
  await small.importBackup(current);
  const write = eventWriter({ prefix: 'g', stepMs: 1_000 });
  const extra: DomainEvent[] = [];
  for (let n = 0; n < 9 * ENQUIRIES; n += 1) {
    extra.push(...write.walk(`enq-g-${n}`, 'question.drafting', groupDetails({ title: `Grown ${n}`, cycleId: `cycle-${n % 9}` })));
  }
  const cycles = Array.from({ length: 9 }, (_, i) => ({ record: { ...CYCLE, id: `cycle-${i}` }, version: 1 }));
  const largeName = dbName('store-10k');
  names.push(largeName);
  const large = await createIndexedDbStore({ name: largeName, broadcast: false, persist: false });
  await large.importBackup(
    createBackup({ events: [...current.events, ...extra], records: { ...current.records, cycles: [...(current.records.cycles ?? []), ...cycles] } }),
  );
  const all = await large.listEnquiries();
  const rawSmall = await openRaw(dbName('raw-1k'));
  const rawLarge = await openRaw(dbName('raw-10k'));
  names.push(rawSmall.name, rawLarge.name);
  for (const [raw, size] of [[rawSmall, ENQUIRIES], [rawLarge, 10 * ENQUIRIES]] as const) {
    const tx = raw.transaction('summaries', 'readwrite');
    for (const summary of all.slice(0, size)) void tx.store.put(summary);
    await tx.done;
  }
  const times = { small: [] as number[], large: [] as number[], smallCycle: [] as number[], largeCycle: [] as number[], rawSmall: [] as number[], rawLarge: [] as number[] };
  for (let run = 0; run < LIST_RUNS; run += 1) {
    times.small.push(await timeList(() => small.listEnquiries(), ENQUIRIES, 1));
    times.large.push(await timeList(() => large.listEnquiries(), 10 * ENQUIRIES, 1));
    times.smallCycle.push(await timeList(() => small.listEnquiries({ cycleId: CYCLE.id }), ENQUIRIES, 1));
    times.largeCycle.push(await timeList(() => large.listEnquiries({ cycleId: CYCLE.id }), ENQUIRIES, 1));
    times.rawSmall.push(await timeList(() => rawSmall.getAll('summaries'), ENQUIRIES, 1));
    times.rawLarge.push(await timeList(() => rawLarge.getAll('summaries'), 10 * ENQUIRIES, 1));
  }
  const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)])) as Record<keyof typeof times, number>;
  line(`bench store-list-growth: ${ratio(m.large / m.small)}x (10k/1k)`);
  line(`bench store-list-growth-raw: ${ratio(m.rawLarge / m.rawSmall)}x (10k/1k, raw idb getAll in the same run)`);
  line(`bench store-list-10k: ${ratio(m.large / m.rawLarge)}x vs raw idb`);
  line(`bench store-list-cycle-growth: ${ratio(m.largeCycle / m.smallCycle)}x (one cycle of 1k, in 1k and in 10k enquiries)`);
  await small.close();
  await large.close();
  rawSmall.close();
  rawLarge.close();
  for (const name of names) await deleteDB(name);
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
