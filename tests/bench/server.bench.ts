/**
 * Benchmarks of the server (not tests: `npm run bench`, or
 * `node --import tsx tests/bench/server.bench.ts`). Runs on embedded PGlite, or on the
 * PostgreSQL server when DATABASE_URL is set (in a fresh schema, dropped afterwards).
 *
 * 1. Push 10,000 events over HTTP (10 enquiries of 1,000 events, batches of 500, one teacher's
 *    token, so every event is validated, decided by the policy and replayed), against inserting
 *    the same rows into a table of the same shape with plain batched SQL, in the same run. Then
 *    the least a push can cost while keeping its guarantees (its floor), from what it cannot do
 *    without, each measured alone: the rows (the baseline itself), the same requests and replies
 *    over HTTP to a bare Fastify route, validating and replaying the events, and writing each
 *    batch's summary with its cached state.
 * 2. Pull the same 10,000 events through the change feed (pages of 1,000, filtered for the
 *    reader) as the HTTP store does (the compact form, each change read back as an object), and
 *    in the objects form older clients get, against selecting the same rows with plain batched
 *    SQL (keyset pages of 1,000); three times over, the ratio taken over all three.
 *    Both comparisons alternate the two sides in small steps (an enquiry, a page), so load from
 *    elsewhere on a shared machine falls on both alike and the ratio stays steady.
 * 3. A load test on loopback, bounded in time: 50 concurrent clients each pushing 200 events
 *    (batches of 20, retried on a dropped connection or a 5xx), then the events lost and
 *    duplicated are counted in the database (both must be 0), with throughput and latency.
 * The client runs in the server's process, so figures include its work too. Besides the time on
 * the clock, both comparisons are also given in CPU time (this process's, and on PostgreSQL the
 * database's backends' from /proc): on a machine shared with other work, the clock also counts
 * the time spent waiting for a CPU, which falls unevenly on a side of many round trips.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import Fastify from 'fastify';
import type { DomainEvent } from '../../src/lifecycle/events.js';
import { defaultLifecycle } from '../../src/lifecycle/lifecycle.js';
import { OLD_CYCLE, PEOPLE, eventWriter, individualDetails, observation, studentVoice } from '../support/store-fixtures.js';
import type { Db } from '../../src/server/db.js';
import { summaryParams } from '../../src/server/pushRepository.js';
import { expandChange } from '../../src/sync/wire.js';
import { client, ON, openTestDb, pullAll, seedTrust, startServer, type Client } from '../server/helpers.js';

const ENQUIRIES = 10;
const PER_ENQUIRY = 1_000;
const BATCH = 500;
const PAGE = 1_000;
const PULL_ROUNDS = 3;
const CLIENTS = 50;
const PER_CLIENT = 200;
const LOAD_BATCH = 20;
const LOAD_DEADLINE_MS = Number(process.env['BENCH_LOAD_SECONDS'] ?? 120) * 1000;

const line = (name: string, value: string | number, unit: string) => console.log(`bench ${name}: ${value} ${unit}`);
const ms = (value: number) => Math.round(value * 10) / 10;

/** One teacher's individual enquiry of `count` events: the walk to observation, then a realistic mix. */
function enquiryLog(enquiryId: string, count: number, author: string): DomainEvent[] {
  const write = eventWriter({ prefix: enquiryId, node: enquiryId });
  const details = individualDetails({ ownerIds: [author], cycleId: 'cycle-2024' });
  const log = write.walk(enquiryId, 'question.review', details).map((e) => ({ ...e, authorId: author }));
  let obs = 0;
  let ev = 0;
  const mix: Array<() => DomainEvent> = [
    () => write.event(enquiryId, 'observation.record', { ...observation(++obs), id: `obs-${obs}`, observedId: author }, author),
    () => write.event(enquiryId, 'enquiry.rename', { title: `Feedback, take ${obs}` }, author),
    () => write.event(enquiryId, 'evidence.start', {}, author),
    () => write.event(enquiryId, 'evidence.add', studentVoice(`ev-${++ev}`), author),
    () => write.event(enquiryId, 'observation.share', { observationId: `obs-${Math.max(1, obs)}`, personIds: ['p-hod'] }, author),
    () => write.event(enquiryId, 'reflection.save', { whatWorked: `Point ${ev}`, whatDidNot: '', nextSteps: '' }, author),
  ];
  for (let i = 0; log.length < count; i++) log.push(mix[i % mix.length]!());
  return log;
}

/** The rows the server stores for these events, for the plain-SQL baseline. */
const rowsOf = (events: readonly DomainEvent[], trust: string, firstSeq: number) =>
  events.map((e, i) => [trust, e.id, e.enquiryId, e.hlc, e.type, e.authorId, e.at, e.schemaVersion, JSON.stringify(e.payload), false, null, firstSeq + i]);

/** The CPU time of this bench's database backends on PostgreSQL, in ms (Linux /proc; 100 ticks a second). */
function backendCpu(db: Db) {
  const seen = new Map<number, number>();
  let total = 0;
  return async (): Promise<number> => {
    const { rows } = await db.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'`);
    for (const { pid } of rows) {
      let ticks: number;
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        ticks = Number(fields[11]) + Number(fields[12]);
      } catch {
        continue; // ended, or on another machine
      }
      total += ticks - (seen.get(pid) ?? ticks);
      seen.set(pid, ticks);
    }
    return total * 10;
  };
}

/** Clock and CPU time of one side of a comparison, summed over its steps. */
function meter(cpu: () => Promise<number>) {
  const spent = { ms: 0, cpuMs: 0 };
  return {
    spent,
    async time<T>(step: () => Promise<T>): Promise<T> {
      const cpu0 = await cpu();
      const t0 = performance.now();
      try {
        return await step();
      } finally {
        spent.ms += performance.now() - t0;
        spent.cpuMs += (await cpu()) - cpu0;
      }
    },
  };
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

async function main() {
  const testDb = await openTestDb();
  const test = await startServer(testDb.db, { log: () => {} });
  const { db } = testDb;
  try {
    console.log(`server bench on ${ON}`);
    const trust = 'trust-bench';
    await seedTrust(test, trust);
    const ana = await test.as(PEOPLE.ana.id, trust);
    /** Each batch's reply, by its first event's id, for the floor's bare route to answer alike. */
    const replies = new Map<string, unknown>();
    const push = async (api: Client, events: readonly DomainEvent[]) => {
      const reply = await api.post(`/v1/enquiries/${events[0]!.enquiryId}/events`, { events });
      if (reply.status !== 200) throw new Error(`push: ${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`);
      replies.set(events[0]!.id, reply.body);
      return reply.body;
    };

    // The baselines: tables of the same shape as the server's (columns, key, indexes), one per form.
    await db.query(`CREATE TABLE bench_values (LIKE events INCLUDING ALL)`);
    await db.query(`CREATE TABLE bench_json (LIKE events INCLUDING ALL)`);
    const insertValues = async (rows: unknown[][]) => {
      const values = rows.map((_, r) => `(${Array.from({ length: 12 }, (_, c) => `$${r * 12 + c + 1}${c === 8 ? '::jsonb' : ''}`).join(', ')})`).join(', ');
      await db.query(`INSERT INTO bench_values (trust_id, id, enquiry_id, hlc, type, author_id, at, schema_version, payload, refused, refusal, seq) VALUES ${values}`, rows.flat());
    };
    const insertJson = async (rows: unknown[][]) => {
      const objects = rows.map(([trust_id, id, enquiry_id, hlc, type, author_id, at, schema_version, payload, refused, refusal, seq]) => ({
        trust_id, id, enquiry_id, hlc, type, author_id, at, schema_version, payload: JSON.parse(payload as string), refused, refusal, seq,
      }));
      await db.query(
        `INSERT INTO bench_json SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(trust_id text, id text, enquiry_id text, hlc text, type text,
           author_id text, at text, schema_version integer, payload jsonb, refused boolean, refusal jsonb, seq bigint)`,
        [JSON.stringify(objects)],
      );
    };
    const selectPage = async (after: number) => {
      const { rows: page } = await db.query<{ seq: number }>(
        `SELECT id, enquiry_id, hlc, type, author_id, at, schema_version, payload, refused, refusal, seq FROM bench_json
         WHERE trust_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
        [trust, after, PAGE],
      );
      return page;
    };

    // Warm-up, every side: the same work on a small scale.
    const warm = enquiryLog('warm', 300, PEOPLE.ana.id);
    for (let i = 0; i < warm.length; i += 100) await push(ana, warm.slice(i, i + 100));
    await insertValues(rowsOf(warm.slice(0, 100), 'trust-warm', 1));
    await insertJson(rowsOf(warm.slice(100, 200), 'trust-warm', 101));
    await selectPage(0);
    await db.query('DELETE FROM bench_values');
    await db.query('DELETE FROM bench_json');

    // 1. Push 10,000 events. Each enquiry is pushed, then its rows are inserted by both plain
    // forms, so load from elsewhere on the machine falls on every side alike; the baseline is the
    // faster form (multi-row VALUES, or one JSON array per batch).
    const logs = Array.from({ length: ENQUIRIES }, (_, n) => enquiryLog(`enq-${n}`, PER_ENQUIRY, PEOPLE.ana.id));
    const all = logs.flat();
    // CPU time: this process's (PGlite runs in it), and the PostgreSQL backends' when there.
    const databaseCpu = testDb.reopen.databaseUrl ? backendCpu(db) : async () => 0;
    const cpu = async () => {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1000 + (await databaseCpu());
    };
    const pushing = meter(cpu);
    const values = meter(cpu);
    const jsonForm = meter(cpu);
    let appended = 0;
    for (const [n, log] of logs.entries()) {
      await pushing.time(async () => {
        for (let i = 0; i < log.length; i += BATCH) {
          const body = await push(ana, log.slice(i, i + BATCH));
          appended += body.results.filter((r: { status: string }) => r.status === 'appended' || r.status === 'refused').length;
        }
      });
      const rows = rowsOf(log, trust, 1_000_000 + n * PER_ENQUIRY);
      await values.time(async () => {
        for (let i = 0; i < rows.length; i += BATCH) await insertValues(rows.slice(i, i + BATCH));
      });
      await jsonForm.time(async () => {
        for (let i = 0; i < rows.length; i += BATCH) await insertJson(rows.slice(i, i + BATCH));
      });
    }
    if (appended !== all.length) throw new Error(`pushed ${appended} of ${all.length}`);
    const pushed = pushing.spent;
    line('server-push-10k', (pushed.ms / Math.min(values.spent.ms, jsonForm.spent.ms)).toFixed(2), 'x vs batched SQL');
    line('server-push-10k-cpu', (pushed.cpuMs / Math.min(values.spent.cpuMs, jsonForm.spent.cpuMs)).toFixed(2), 'x vs batched SQL (CPU time)');
    line('server-push-10k-ms', ms(pushed.ms), 'ms');
    line('server-push-10k-cpu-ms', ms(pushed.cpuMs), 'ms');
    line('server-push-10k-sql-values-ms', ms(values.spent.ms), 'ms');
    line('server-push-10k-sql-json-ms', ms(jsonForm.spent.ms), 'ms');
    line('server-push-10k-sql-cpu-ms', ms(Math.min(values.spent.cpuMs, jsonForm.spent.cpuMs)), 'ms (the form using less)');
    // What the server cannot skip: validating every event once and replaying it through the lifecycle.
    const input = { policy: OLD_CYCLE.policy, reviewerIds: [] };
    let started = performance.now();
    for (const log of logs) {
      const events = (JSON.parse(JSON.stringify(log)) as unknown[]).map((e) => defaultLifecycle.validate(e));
      defaultLifecycle.replay(events, input, { validated: true });
    }
    line('server-push-10k-lifecycle-ms', ms(performance.now() - started), 'ms (validate and replay alone, no database or HTTP)');

    // The floor: what a push cannot do without, each alone, enquiry by enquiry in turn. Its rows
    // are the baseline; the same bodies go to a bare Fastify route answering each batch's reply
    // (the route stays up for the pull's floor below); the events (parsed objects, as a route has
    // them) are validated and replayed; and each batch's summary and cached state are written to
    // a table of the summaries' shape (the states replayed beforehand, untimed).
    const bare = Fastify({ bodyLimit: 64 * 1024 * 1024 });
    bare.post('/echo', async (request) => replies.get((request.body as { events: DomainEvent[] }).events[0]!.id));
    /** The feed's pages in the compact form, as the server sent them, for the pull's floor. */
    const pageTexts: string[] = [];
    bare.get('/page/:n', async (request, reply) => reply.type('application/json').send(pageTexts[Number((request.params as { n: string }).n)]));
    const echo = client(await bare.listen({ host: '127.0.0.1', port: 0 }));
    await db.query(`CREATE TABLE bench_summaries (LIKE summaries INCLUDING ALL)`);
    const http = meter(cpu);
    const lifecycle = meter(cpu);
    const summaries = meter(cpu);
    for (const log of logs) {
      const batches = Array.from({ length: log.length / BATCH }, (_, b) => log.slice(b * BATCH, (b + 1) * BATCH));
      await http.time(async () => {
        for (const events of batches) if ((await echo.post('/echo', { events })).status !== 200) throw new Error('the bare route failed');
      });
      const parsed = JSON.parse(JSON.stringify(log)) as unknown[];
      await lifecycle.time(async () => defaultLifecycle.replay(parsed.map((e) => defaultLifecycle.validate(e)), input, { validated: true }));
      const states = batches.map((_, b) => defaultLifecycle.replay(log.slice(0, (b + 1) * BATCH), input, { validated: true }));
      await summaries.time(async () => {
        for (const state of states) {
          const { params } = summaryParams(trust, log[0]!.enquiryId, defaultLifecycle, state, 'bench');
          await db.query(
            `INSERT INTO bench_summaries (trust_id, enquiry_id, cycle_id, community_id, summary, cache, input_key) VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7)
             ON CONFLICT (trust_id, enquiry_id) DO UPDATE SET summary = EXCLUDED.summary, cache = EXCLUDED.cache, input_key = EXCLUDED.input_key`,
            params,
          );
        }
      });
    }
    const base = { ms: Math.min(values.spent.ms, jsonForm.spent.ms), cpuMs: Math.min(values.spent.cpuMs, jsonForm.spent.cpuMs) };
    const floor = (k: 'ms' | 'cpuMs') => ((base[k] + http.spent[k] + lifecycle.spent[k] + summaries.spent[k]) / base[k]).toFixed(2);
    line('server-push-10k-floor', floor('ms'), 'x vs batched SQL (the rows, HTTP, validation and replay, the summaries: each alone, summed)');
    line('server-push-10k-floor-cpu', floor('cpuMs'), 'x vs batched SQL (the same, CPU time)');
    line('server-push-10k-floor-http-ms', `${ms(http.spent.ms)} (CPU ${ms(http.spent.cpuMs)})`, 'ms (the same requests and replies to a bare route)');
    line('server-push-10k-floor-lifecycle-ms', `${ms(lifecycle.spent.ms)} (CPU ${ms(lifecycle.spent.cpuMs)})`, 'ms (validation and replay)');
    line('server-push-10k-floor-summaries-ms', `${ms(summaries.spent.ms)} (CPU ${ms(summaries.spent.cpuMs)})`, 'ms (each batch\'s summary and cached state written)');

    // 2. Pull them back: each page of the feed in both forms, then the same number of rows
    // selected with plain SQL (keyset pages), alternately; the whole pull three times, as one
    // pull of 11 pages (a quarter of a second) moved by 0.5x from run to run on this machine.
    const before = await pullAll(ana, undefined, PAGE);
    const count = before.changes.filter((c) => c.kind === 'event' && c.event.id.startsWith('enq-')).length;
    if (count !== all.length) throw new Error(`pulled ${count} of ${all.length}`);
    const pulling = meter(cpu);
    const pullingObjects = meter(cpu);
    const selecting = meter(cpu);
    const rounds: string[] = [];
    let pages = 0;
    for (let round = 0; round < PULL_ROUNDS; round++) {
      const [pulledMs, selectedMs] = [pulling.spent.ms, selecting.spent.ms];
      let pulled = 0;
      let selected = 0;
      pages = 0;
      for (let checkpoint: string | undefined, after = 0, more = true; more; ) {
        const query = new URLSearchParams({ limit: String(PAGE), ...(checkpoint ? { since: checkpoint } : {}) });
        const inObjects = () => pullingObjects.time(() => ana.get(`/v1/changes?${query}`));
        // The form asked first alternates: the second reads a page the database has just read.
        const objectsFirst = pages % 2 === 1 ? await inObjects() : undefined;
        const reply = await pulling.time(async () => {
          const compact = await ana.get(`/v1/changes?${query}&form=compact`);
          if (round === 0) pageTexts.push(JSON.stringify(compact.body));
          if (compact.status === 200) compact.body.changes = compact.body.changes.map(expandChange);
          return compact;
        });
        if (reply.status !== 200) throw new Error(`pull: ${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`);
        const objects = objectsFirst ?? (await inObjects());
        if (objects.body.changes?.length !== reply.body.changes.length) throw new Error(`pull: ${objects.status}, ${objects.body.changes?.length} objects against ${reply.body.changes.length} compact changes`);
        pages += 1;
        pulled += reply.body.changes.length;
        ({ checkpoint, hasMore: more } = reply.body);
        if (selected === all.length) continue;
        const page = await selecting.time(() => selectPage(after));
        selected += page.length;
        if (page.length) after = Number(page[page.length - 1]!.seq);
      }
      if (selected !== all.length) throw new Error(`selected ${selected} of ${all.length}`);
      if (pulled !== before.changes.length) throw new Error(`pulled ${pulled}, then ${before.changes.length}`);
      rounds.push(((pulling.spent.ms - pulledMs) / (selecting.spent.ms - selectedMs)).toFixed(2));
    }
    // The pull's floor: the same pages' text from a bare route, read as the feed's (the HTTP
    // and JSON a pull cannot do without), against the same keyset SELECT.
    const barePulling = meter(cpu);
    for (let round = 0; round < PULL_ROUNDS; round++) {
      for (const n of pageTexts.keys()) {
        await barePulling.time(async () => {
          const reply = await echo.get(`/page/${n}`);
          if (reply.status !== 200) throw new Error('the bare route failed');
          reply.body.changes.map(expandChange);
        });
      }
    }
    await bare.close();
    line('server-pull-10k', (pulling.spent.ms / selecting.spent.ms).toFixed(2), 'x vs batched SQL');
    line('server-pull-10k-cpu', (pulling.spent.cpuMs / selecting.spent.cpuMs).toFixed(2), 'x vs batched SQL (CPU time)');
    line('server-pull-10k-ms', ms(pulling.spent.ms), 'ms');
    line('server-pull-10k-objects', (pullingObjects.spent.ms / selecting.spent.ms).toFixed(2), 'x vs batched SQL (the objects form, for older clients)');
    line('server-pull-10k-objects-cpu', (pullingObjects.spent.cpuMs / selecting.spent.cpuMs).toFixed(2), 'x vs batched SQL (the objects form, CPU time)');
    line('server-pull-10k-objects-ms', ms(pullingObjects.spent.ms), 'ms');
    line('server-pull-10k-sql-ms', ms(selecting.spent.ms), 'ms');
    const pullFloor = (k: 'ms' | 'cpuMs') => ((selecting.spent[k] + barePulling.spent[k]) / selecting.spent[k]).toFixed(2);
    line('server-pull-10k-floor', pullFloor('ms'), 'x vs batched SQL (the SELECT, and the same pages over HTTP from a bare route, summed)');
    line('server-pull-10k-floor-cpu', pullFloor('cpuMs'), 'x vs batched SQL (the same, CPU time)');
    line('server-pull-10k-pages', pages, `pages, pulled ${PULL_ROUNDS} times (each time: ${rounds.join('x, ')}x)`);

    // 3. Load: 50 clients, 200 events each, at once.
    const loadTrust = 'trust-load';
    await seedTrust(test, loadTrust);
    const clients = await Promise.all(
      Array.from({ length: CLIENTS }, async (_, n) => {
        const person = `p-load-${n}`;
        return { api: await test.as(person, loadTrust), log: enquiryLog(`load-${n}`, PER_CLIENT, person) };
      }),
    );
    const latencies: number[] = [];
    let retries = 0;
    const statuses = new Map<string, number>();
    const deadline = performance.now() + LOAD_DEADLINE_MS;
    started = performance.now();
    const outcomes = await Promise.allSettled(
      clients.map(async ({ api, log }) => {
        for (let i = 0; i < log.length; i += LOAD_BATCH) {
          const batch = log.slice(i, i + LOAD_BATCH);
          for (let attempt = 0; ; attempt++) {
            if (performance.now() > deadline) throw new Error('deadline');
            const t0 = performance.now();
            const reply = await api.post(`/v1/enquiries/${batch[0]!.enquiryId}/events`, { events: batch }).catch(() => undefined);
            latencies.push(performance.now() - t0);
            if (reply?.status === 200) {
              for (const result of reply.body.results as Array<{ status: string }>) statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
              break;
            }
            if (attempt >= 5) throw new Error(`push failed: ${reply?.status}`);
            retries += 1;
          }
        }
      }),
    );
    const loadMs = performance.now() - started;
    const failed = outcomes.filter((o) => o.status === 'rejected').length;
    const { rows: stored } = await db.query<{ total: number; distinct_ids: number }>(
      'SELECT count(*)::int AS total, count(DISTINCT id)::int AS distinct_ids FROM events WHERE trust_id = $1',
      [loadTrust],
    );
    const expected = CLIENTS * PER_CLIENT;
    const lost = expected - Number(stored[0]!.distinct_ids);
    const duplicated = Number(stored[0]!.total) - Number(stored[0]!.distinct_ids);
    latencies.sort((a, b) => a - b);
    line('server-load-clients', CLIENTS, `clients x ${PER_CLIENT} events (batches of ${LOAD_BATCH})`);
    line('server-load-lost', lost, 'events');
    line('server-load-duplicated', duplicated, 'events');
    line('server-load-failed-clients', failed, 'clients');
    line('server-load-retries', retries, 'requests');
    line('server-load-not-stored', (statuses.get('forbidden') ?? 0) + (statuses.get('invalid') ?? 0), 'events (forbidden or invalid; must be 0)');
    line('server-load-throughput', Math.round((expected - lost) / (loadMs / 1000)), 'events/s');
    line('server-load-p50', ms(quantile(latencies, 0.5)), 'ms');
    line('server-load-p99', ms(quantile(latencies, 0.99)), 'ms');
    line('server-load-ms', ms(loadMs), 'ms');
    if (lost || duplicated) process.exitCode = 1;
  } finally {
    await test.close();
    await testDb.cleanup();
  }
}

await main();
