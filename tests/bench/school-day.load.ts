/**
 * Load benchmark (`npm run bench:load`; not part of `npm test` or `npm run bench`): a school
 * day's mix for 200 staff across three `plc-kit serve` processes on PostgreSQL, compressed into
 * LOAD_SECONDS (60 by default), with 600 students answering surveys in the same window.
 *
 * - 200 staff in 20 communities of 10, each community with one group enquiry; every member
 *   signs in through one of the three processes (as a load balancer would spread them) and,
 *   with a think time of 0.5 to 2.5 s, pulls the change feed from their checkpoint (40%),
 *   lists enquiries (20%), opens their enquiry (15%), or pushes 1 to 5 events to it (25%),
 *   stamped with a real hybrid clock, as a browser does.
 * - 600 students: 30 per community's survey, through one link per survey, spread evenly over
 *   the window and over the processes.
 * Afterwards every event a push was answered 200 for is looked for in the database (lost), and
 * a full pull of the feed counts events sent twice (duplicated). Prints throughput, p50, p95 and
 * p99 per kind of request, errors, lost and duplicated events and each process's memory (RSS).
 * A `/healthz` request once a second per process calibrates the figures: on a machine shared
 * with other work, its latency is what waiting for a CPU costs every request.
 * Where the time went, during the day only: each server's CPU time, garbage collection and
 * event-loop delay (tests/bench/load-probe.mjs, preloaded), the load generator's own CPU time and
 * that of the PostgreSQL backends serving the day, each also per request. CPU milliseconds per
 * request hardly move with the machine's other work, so they compare runs taken at different
 * loads; the latencies do not.
 * Needs DATABASE_URL (a PostgreSQL server it may create a database on). LOAD_CPU_PROF=<folder>
 * writes a CPU profile of each server process's day there.
 */
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import pg from 'pg';
import { fileURLToPath } from 'node:url';
import { createEventFactory, type DomainEvent } from '../../src/lifecycle/events.js';
import { createHybridClock } from '../../src/lifecycle/hlc.js';
import type { Community, Person, Survey } from '../../src/schema/directory.js';
import { CYCLE, QUESTION, SCHOOL, THEME, groupDetails } from '../support/store-fixtures.js';
import { client, startChild, tokenFor, type Child } from '../server/helpers.js';
import { NEEDS_POSTGRES, createScratchDb } from '../server/scale-support.js';

const BIN = fileURLToPath(new URL('../../bin/plc-kit.js', import.meta.url));
const SECONDS = Number(process.env['LOAD_SECONDS'] ?? 60);
const PROCESSES = 3;
const STAFF = 200;
const PER_COMMUNITY = 10;
const STUDENTS = 600;
const trust = 'trust-load';

const line = (name: string, value: string | number, unit: string) => console.log(`bench ${name}: ${value} ${unit}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const PROBE = fileURLToPath(new URL('./load-probe.mjs', import.meta.url));
/** A process's CPU time in ms (user + system, from /proc: clock ticks of 10 ms), or 0 once it has gone. */
function cpuMsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}
const rssMb = (pid: number) => Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);

/**
 * The day's requests go through node:http on kept-alive connections and read only what the
 * benchmark uses (the status, and a pull's checkpoint from the end of its page): the load
 * generator shares the CPUs with the servers, and fetch with every body parsed cost it about as
 * much CPU per request as a server's work (4.6 ms). Every body is still received whole.
 */
const agent = new Agent({ keepAlive: true });
interface Raw {
  status: number;
  body: Buffer;
}
function send(base: URL, method: 'GET' | 'POST', path: string, headers: Record<string, string>, body?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request({ agent, hostname: base.hostname, port: base.port, method, path, headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
/** A change page's checkpoint, read from its end (`…,"checkpoint":"1.42","hasMore":…}`: src/server/changes.ts writes it last). */
function checkpointOf(page: Buffer): string {
  const tail = page.subarray(-200).toString('latin1');
  const at = tail.lastIndexOf(',"checkpoint":');
  return (at >= 0 ? JSON.parse(`{${tail.slice(at + 1)}`) : JSON.parse(page.toString('utf8'))).checkpoint;
}

type Kind = 'pull' | 'list' | 'read' | 'push' | 'survey' | 'healthz';
interface Tally {
  ms: number[];
  errors: Map<string, number>;
}
const stats = new Map<Kind, Tally>();
async function timed<T extends { status: number }>(kind: Kind, call: () => Promise<T>): Promise<T | undefined> {
  const entry: Tally = stats.get(kind) ?? { ms: [], errors: new Map() };
  stats.set(kind, entry);
  const started = performance.now();
  try {
    const reply = await call();
    entry.ms.push(performance.now() - started);
    if (reply.status >= 400) entry.errors.set(String(reply.status), (entry.errors.get(String(reply.status)) ?? 0) + 1);
    return reply;
  } catch (error) {
    entry.ms.push(performance.now() - started);
    entry.errors.set('network', (entry.errors.get('network') ?? 0) + 1);
    void error;
    return undefined;
  }
}

async function main() {
  if (NEEDS_POSTGRES) {
    console.log(`bench:load skipped: it ${NEEDS_POSTGRES}`);
    return;
  }
  const scratch = await createScratchDb('load');
  let children: Child[] = [];
  try {
    const nodeOptions = [process.env['NODE_OPTIONS'], `--import=${PROBE}`].filter(Boolean).join(' ');
    const env = { DATABASE_URL: scratch.url, PLC_DB_SCHEMA: 'plc', PLC_PORT: '0', PLC_DB_MAX_CONNECTIONS: '10', NODE_OPTIONS: nodeOptions };
    children = await Promise.all(Array.from({ length: PROCESSES }, () => startChild(BIN, ['serve'], env)));
    console.log(`load bench on PostgreSQL: ${PROCESSES} processes, ${STAFF} staff, ${STUDENTS} students, ${SECONDS} s`);
    const at = (n: number) => children[n % PROCESSES]!.url;

    // The directory: 200 staff in 20 communities of 10 (the first of each leads it).
    const admin = client(at(0), await tokenFor({ sub: 'p-admin', trust, roles: ['admin'], expiresIn: '2h' }));
    const staff: Person[] = Array.from({ length: STAFF }, (_, i) => ({ schemaVersion: 1, id: `p-s${String(i).padStart(3, '0')}`, name: `Staff ${i}`, schoolId: SCHOOL.id, roles: ['teacher'] }));
    const communities: Community[] = Array.from({ length: STAFF / PER_COMMUNITY }, (_, c) => {
      const members = staff.slice(c * PER_COMMUNITY, (c + 1) * PER_COMMUNITY).map((p) => p.id);
      return { schemaVersion: 1, id: `com-${c}`, name: `Community ${c}`, cycleId: CYCLE.id, themeId: THEME.id, leadId: members[0]!, memberIds: members.slice(1), coachIds: [], schoolIds: [SCHOOL.id], meetingSlots: [] };
    });
    const records: Array<[string, { id: string }]> = [['schools', SCHOOL], ['cycles', CYCLE], ['themes', THEME], ...staff.map((p) => ['people', p] as [string, Person]), ...communities.map((c) => ['communities', c] as [string, Community])];
    for (let i = 0; i < records.length; i += 8) {
      await Promise.all(
        records.slice(i, i + 8).map(async ([collection, record]) => {
          const reply = await admin.put(`/v1/records/${collection}/${record.id}`, record, { 'if-none-match': '*' });
          if (reply.status !== 201) throw new Error(`seeding ${collection}/${record.id}: ${reply.status} ${JSON.stringify(reply.body)}`);
        }),
      );
    }

    // Each staff member: a token, a process, a device clock; each community: its enquiry and a survey link.
    const people = await Promise.all(
      staff.map(async (person, i) => {
        const token = await tokenFor({ sub: person.id, trust, roles: ['teacher'], expiresIn: '2h' });
        const api = client(at(i), token);
        const clock = createHybridClock(`dev-${person.id}`);
        let n = 0;
        const make = createEventFactory({ clock, newId: () => `${person.id}-${++n}` });
        const auth = { authorization: `Bearer ${token}` };
        return { person, api, base: new URL(at(i)), auth, make, community: communities[Math.floor(i / PER_COMMUNITY)]!, checkpoint: undefined as string | undefined };
      }),
    );
    const links: string[] = [];
    for (const [c, community] of communities.entries()) {
      const lead = people[c * PER_COMMUNITY]!;
      const enquiryId = `enq-${c}`;
      const details = groupDetails({ title: `Enquiry ${c}`, communityId: community.id, ownerIds: [lead.person.id] });
      const opening = [lead.make({ enquiryId, type: 'enquiry.create', authorId: lead.person.id, payload: details }), lead.make({ enquiryId, type: 'question.draft', authorId: lead.person.id, payload: QUESTION })];
      const pushed = await lead.api.post(`/v1/enquiries/${enquiryId}/events`, { events: opening });
      if (pushed.status !== 200) throw new Error(`enquiry ${enquiryId}: ${pushed.status} ${JSON.stringify(pushed.body)}`);
      const survey: Survey = { schemaVersion: 1, id: `sv-${c}`, enquiryId, title: 'Feedback', questions: [{ id: 'q1', text: 'I read the comments on my work', type: 'agree' }], status: 'open', createdById: lead.person.id };
      if ((await lead.api.put(`/v1/records/surveys/${survey.id}`, survey, { 'if-none-match': '*' })).status !== 201) throw new Error(`survey ${survey.id}`);
      const link = await lead.api.post(`/v1/surveys/${survey.id}/tokens`, {});
      links.push(`/v1/surveys/${survey.id}/responses?token=${encodeURIComponent(link.body.token)}`);
    }

    // The day. What each process, this one and PostgreSQL's backends spend in it is measured
    // from here (the backends' CPU by their pids: one closed during the day is not counted).
    const backendPids = async () => (await scratch.admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [scratch.name])).rows.map((r) => r.pid);
    const backendsAtStart = new Map((await backendPids()).map((pid) => [pid, cpuMsOf(pid)]));
    const backendsSeen = new Map<number, number>();
    const probe = (n: number) =>
      Promise.all(
        children.map((child) => {
          const reply = child.line(`load-probe-${n}`);
          child.process.kill('SIGUSR2');
          return reply;
        }),
      );
    await probe(1);
    const clientCpu = process.cpuUsage();
    const accepted: string[] = [];
    const deadline = performance.now() + SECONDS * 1000;
    const started = performance.now();
    const day = people.map(async (me) => {
      await sleep(Math.random() * 2000);
      const enquiryId = `enq-${me.community.id.slice(4)}`;
      while (performance.now() < deadline) {
        const roll = Math.random();
        if (roll < 0.4) {
          const reply = await timed('pull', () => send(me.base, 'GET', `/v1/changes?${new URLSearchParams({ limit: '500', ...(me.checkpoint ? { since: me.checkpoint } : {}) })}`, me.auth));
          if (reply?.status === 200) me.checkpoint = checkpointOf(reply.body);
        } else if (roll < 0.6) {
          await timed('list', () => send(me.base, 'GET', `/v1/enquiries?cycleId=${CYCLE.id}`, me.auth));
        } else if (roll < 0.75) {
          await timed('read', () => send(me.base, 'GET', `/v1/enquiries/${enquiryId}`, me.auth));
        } else {
          const events: DomainEvent[] = Array.from({ length: 1 + Math.floor(Math.random() * 5) }, (_, k) =>
            k % 3 === 2
              ? me.make({ enquiryId, type: 'enquiry.rename', authorId: me.person.id, payload: { title: `Enquiry by ${me.person.id}` } })
              : me.make({ enquiryId, type: 'question.draft', authorId: me.person.id, payload: { ...QUESTION, text: `${QUESTION.text} (${me.person.id})` } }),
          );
          const body = JSON.stringify({ events });
          for (let attempt = 0; attempt < 5; attempt++) {
            const reply = await timed('push', () => send(me.base, 'POST', `/v1/enquiries/${enquiryId}/events`, me.auth, body));
            if (reply?.status === 200) {
              accepted.push(...events.map((e) => e.id));
              break;
            }
            await sleep(200 * (attempt + 1));
          }
        }
        await sleep(500 + Math.random() * 2000);
      }
    });
    const students = Array.from({ length: STUDENTS }, async (_, s) => {
      await sleep((s / STUDENTS) * SECONDS * 1000 * 0.95);
      await timed('survey', () => send(new URL(at(s)), 'POST', links[s % links.length]!, {}, JSON.stringify({ answers: { q1: 1 + (s % 5) } })));
    });
    // A calibration: the cheapest request there is, once a second on each process. On a
    // machine shared with other work its latency is what waiting for a CPU alone costs.
    const probes = children.map(async (child) => {
      while (performance.now() < deadline) {
        await timed('healthz', () => send(new URL(child.url), 'GET', '/healthz', {}));
        await sleep(1000);
      }
    });
    const memory = children.map(() => 0);
    const sampling = setInterval(() => {
      children.forEach((child, n) => (memory[n] = Math.max(memory[n]!, rssMb(child.process.pid!))));
      void backendPids().then((pids) => pids.forEach((pid) => backendsSeen.set(pid, Math.max(backendsSeen.get(pid) ?? 0, cpuMsOf(pid)))));
    }, 1000);
    await Promise.all([...day, ...students, ...probes]);
    clearInterval(sampling);
    const elapsed = (performance.now() - started) / 1000;
    const clientCpuMs = (({ user, system }) => (user + system) / 1000)(process.cpuUsage(clientCpu));
    const usage = (await probe(2)) as Array<{ cpuUserMs: number; cpuSystemMs: number; gcMs: number; loopDelayP50Ms: number; loopDelayP99Ms: number; loopDelayMaxMs: number }>;
    for (const pid of await backendPids()) backendsSeen.set(pid, Math.max(backendsSeen.get(pid) ?? 0, cpuMsOf(pid)));
    const postgresCpuMs = [...backendsSeen].reduce((sum, [pid, ms]) => sum + ms - (backendsAtStart.get(pid) ?? 0), 0);

    // Lost: accepted events not stored. Duplicated: events sent twice in one full pull of the feed.
    const q = new pg.Client({ connectionString: scratch.url });
    await q.connect();
    const { rows } = await q.query<{ id: string }>('SELECT id FROM plc.events WHERE trust_id = $1 AND id = ANY($2::text[])', [trust, accepted]);
    await q.end();
    const lost = accepted.length - rows.length;
    const reader = people[1]!.api;
    const ids: string[] = [];
    for (let checkpoint: string | undefined, more = true; more; ) {
      const reply: { status: number; body: { changes: Array<{ kind: string; event?: { id: string } }>; checkpoint: string; hasMore: boolean } } = await reader.get(`/v1/changes?${new URLSearchParams({ limit: '2000', ...(checkpoint ? { since: checkpoint } : {}) })}`);
      ids.push(...reply.body.changes.filter((c) => c.kind === 'event').map((c) => c.event!.id));
      ({ checkpoint, hasMore: more } = reply.body);
    }
    const duplicated = ids.length - new Set(ids).size;

    let total = 0;
    for (const [kind, { ms, errors }] of [...stats].sort()) {
      ms.sort((a, b) => a - b);
      total += ms.length;
      line(`load-${kind}-requests`, ms.length, 'requests');
      line(`load-${kind}-p50`, Math.round(quantile(ms, 0.5)), 'ms');
      line(`load-${kind}-p95`, Math.round(quantile(ms, 0.95)), 'ms');
      line(`load-${kind}-p99`, Math.round(quantile(ms, 0.99)), 'ms');
      line(`load-${kind}-errors`, [...errors.values()].reduce((a, b) => a + b, 0), errors.size ? `(${[...errors].map(([k, v]) => `${k}: ${v}`).join(', ')})` : '');
    }
    line('load-throughput', Math.round(total / elapsed), 'requests/s');
    line('load-events-accepted', accepted.length, 'events');
    line('load-lost', lost, 'events');
    line('load-duplicated', duplicated, 'events (in one full pull of the feed)');
    for (const [n, mb] of memory.entries()) line(`load-process-${n}-rss-max`, mb, 'MB');
    const perRequest = (ms: number) => (ms / total).toFixed(2);
    for (const [n, u] of usage.entries()) {
      line(`load-process-${n}-cpu`, perRequest(u.cpuUserMs + u.cpuSystemMs), `ms per request (${Math.round(u.cpuUserMs + u.cpuSystemMs)} ms in all; garbage collection paused it ${u.gcMs} ms by the clock, which counts waiting for a CPU)`);
      line(`load-process-${n}-loop-delay`, `${u.loopDelayP50Ms}/${u.loopDelayP99Ms}/${u.loopDelayMaxMs}`, 'ms (p50/p99/max)');
    }
    const serversCpuMs = usage.reduce((sum, u) => sum + u.cpuUserMs + u.cpuSystemMs, 0);
    line('load-servers-cpu', perRequest(serversCpuMs), 'ms per request');
    line('load-postgres-cpu', perRequest(postgresCpuMs), `ms per request (${backendsSeen.size} backends seen, sampled each second: one that closed between samples is not counted)`);
    line('load-client-cpu', perRequest(clientCpuMs), 'ms per request (this load generator)');
    line('load-cpu', perRequest(serversCpuMs + postgresCpuMs + clientCpuMs), `ms per request, all three (${Math.round((serversCpuMs + postgresCpuMs + clientCpuMs) / elapsed / 10)}% of one core)`);
    if (lost || duplicated) process.exitCode = 1;
  } finally {
    agent.destroy();
    for (const child of children) child.process.kill('SIGTERM');
    await Promise.all(children.map((child) => child.exited));
    await scratch.drop();
  }
}

await main();
