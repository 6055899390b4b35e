/**
 * Several server processes on one PostgreSQL, as a trust runs them behind a load balancer:
 * three `plc-kit serve` processes on a database of the test's own, started at once (so their
 * migrations race), clients spread across them. Three members push to the same enquiry through
 * different processes while a reader follows the change feed through whichever process comes
 * next: no event is lost or duplicated, the reader's checkpoints never skip a change, and every
 * process answers the same state. Survey links are rate-limited across the processes, not per
 * process. PostgreSQL only.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { compareEvents } from '../../src/lifecycle/events.js';
import type { Survey } from '../../src/schema/directory.js';
import { PEOPLE, eventWriter, groupDetails } from '../support/store-fixtures.js';
import { client, seedTrust, startChild, tokenFor, type Child, type Json, type TestServer } from './helpers.js';
import { NEEDS_POSTGRES, createScratchDb, newTally, pushWithRetry, storedCounts, type ScratchDb } from './scale-support.js';

const BIN = fileURLToPath(new URL('../../bin/plc-kit.js', import.meta.url));
const PROCESSES = 3;
const BATCHES = 12;
const BATCH = 40;
const RATE = 5;

const SURVEY: Survey = {
  schemaVersion: 1,
  id: 'sv-mp',
  enquiryId: 'enq-shared',
  title: 'Using feedback',
  questions: [{ id: 'q1', text: 'I read the comments on my work', type: 'agree' }],
  status: 'open',
  createdById: PEOPLE.ana.id,
};

describe('server: three processes on one PostgreSQL', { skip: NEEDS_POSTGRES }, () => {
  let scratch: ScratchDb;
  let children: Child[] = [];
  const trust = 'trust-multi';
  const as = async (n: number, sub: string, roles = ['teacher']) => client(children[n % PROCESSES]!.url, await tokenFor({ sub, trust, roles, expiresIn: '1h' }));

  before(async () => {
    scratch = await createScratchDb('multi');
    const env = { DATABASE_URL: scratch.url, PLC_DB_SCHEMA: 'plc', PLC_PORT: '0', PLC_SURVEY_RATE_LIMIT: String(RATE) };
    children = await Promise.all(Array.from({ length: PROCESSES }, () => startChild(BIN, ['serve'], env)));
    const first = { as: async (sub: string, t: string, roles?: string[]) => client(children[0]!.url, await tokenFor({ sub, trust: t, ...(roles ? { roles } : {}) })) };
    await seedTrust(first as unknown as TestServer, trust);
  });
  after(async () => {
    for (const child of children) if (child.process.exitCode === null) child.process.kill('SIGTERM');
    await Promise.all(children.map((child) => child.exited));
    await scratch?.drop();
  });

  it('started together, they migrate the database once', async () => {
    const db = new pg.Client({ connectionString: scratch.url });
    await db.connect();
    try {
      const { rows } = await db.query<{ version: number; n: number }>('SELECT version, count(*)::int AS n FROM plc.migrations GROUP BY version ORDER BY version');
      assert.ok(rows.length >= 4 && rows.every((row) => row.n === 1), JSON.stringify(rows));
    } finally {
      await db.end();
    }
  });

  it('members push to one enquiry through different processes while a reader follows the feed through any: nothing lost, duplicated or skipped, one state', async () => {
    const enquiryId = 'enq-shared';
    const authors = [PEOPLE.ana.id, PEOPLE.ben.id, PEOPLE.lead.id];
    const create = eventWriter({ prefix: 'create', node: 'd0' }).walk(enquiryId, 'question.drafting', groupDetails());
    const tally = newTally();
    await pushWithRetry(children[0]!.url, await tokenFor({ sub: PEOPLE.ana.id, trust }), [create[0]!], tally);
    await pushWithRetry(children[1]!.url, await tokenFor({ sub: PEOPLE.ana.id, trust }), [create[1]!], tally);
    // Each member's device writes on its own clock, all starting at the same moment, so their
    // events interleave in merge order and many arrive "late" relative to the others'.
    const draft = (text: string) => ({ text, rationale: '', targetStudents: '', plannedActions: [], successCriteria: [], plannedEvidence: [] });
    const logs = authors.map((author, a) => {
      const write = eventWriter({ prefix: `m${a}`, node: `dev-${a}`, start: '2025-09-04T09:00:00.000Z', stepMs: 1000 + a * 7 });
      return Array.from({ length: BATCHES * BATCH }, (_, i) =>
        i % 5 === 4 ? write.event(enquiryId, 'enquiry.rename', { title: `Title ${a}.${i}` }, author) : write.event(enquiryId, 'question.draft', draft(`Draft ${a}.${i}`), author),
      );
    });

    let done = false;
    const pulled: Json[] = [];
    let checkpoint: string | undefined;
    let pages = 0;
    const reader = await Promise.all(Array.from({ length: PROCESSES }, (_, n) => as(n, PEOPLE.ben.id)));
    const follow = (async () => {
      let last = -1;
      for (let n = 0; ; n++) {
        const finished = done;
        const reply = await reader[n % PROCESSES]!.get(`/v1/changes?${new URLSearchParams({ limit: '100', ...(checkpoint ? { since: checkpoint } : {}) })}`);
        assert.equal(reply.status, 200, JSON.stringify(reply.body));
        pages += 1;
        pulled.push(...reply.body.changes);
        const seq = Number(String(reply.body.checkpoint).split('.')[1]);
        assert.ok(seq >= last, `checkpoints only move forward (${last} then ${seq})`);
        last = seq;
        checkpoint = reply.body.checkpoint;
        if (finished && !reply.body.hasMore) return;
        if (!reply.body.hasMore) await new Promise((resolve) => setTimeout(resolve, 15));
      }
    })();

    const tokens = await Promise.all(authors.map((author) => tokenFor({ sub: author, trust, expiresIn: '1h' })));
    await Promise.all(
      logs.map(async (log, a) => {
        for (let b = 0; b < BATCHES; b++) {
          // Clients spread over the processes, each batch to the next one.
          const results = await pushWithRetry(children[(a + b) % PROCESSES]!.url, tokens[a]!, log.slice(b * BATCH, (b + 1) * BATCH), tally);
          assert.ok(results.every((r) => r.status === 'appended'), JSON.stringify(results.find((r) => r.status !== 'appended')));
        }
      }),
    );
    done = true;
    await follow;

    const expected = [...create, ...logs.flat()].map((e) => e.id);
    const db = new pg.Client({ connectionString: scratch.url });
    await db.connect();
    try {
      assert.deepEqual(await storedCounts(db, 'plc', trust, expected), { lost: 0, duplicated: 0, extra: 0 });
    } finally {
      await db.end();
    }
    const events = pulled.filter((c) => c.kind === 'event').map((c) => c.event.id as string);
    assert.equal(new Set(events).size, events.length, 'no event twice in the feed');
    assert.deepEqual([...events].sort(), [...expected].sort(), `the reader saw every event, following checkpoints through ${pages} pages on all processes`);

    const summaries = await Promise.all(children.map(async (_, n) => (await as(n, PEOPLE.lead.id)).get(`/v1/enquiries/${enquiryId}`)));
    for (const reply of summaries) assert.equal(reply.status, 200);
    assert.equal(summaries[0]!.body.counts.events, expected.length, 'the summary counts each event once');
    for (const reply of summaries.slice(1)) assert.deepEqual(reply.body, summaries[0]!.body, 'every process answers the same state');
    const lastRename = logs.flat().filter((e) => e.type === 'enquiry.rename').sort(compareEvents).at(-1)!;
    assert.equal(summaries[0]!.body.title, lastRename.payload['title'], 'the title is the last rename in merge order, whichever process stored it');
  });

  it('a survey link is rate-limited across the processes, not per process', async () => {
    const ana = await as(0, PEOPLE.ana.id);
    assert.equal((await ana.put(`/v1/records/surveys/${SURVEY.id}`, SURVEY, { 'if-none-match': '*' })).status, 201);
    const link = await ana.post(`/v1/surveys/${SURVEY.id}/tokens`, {});
    assert.equal(link.status, 201);
    const statuses: number[] = [];
    for (let i = 0; i < PROCESSES * 3; i++) {
      const reply = await client(children[i % PROCESSES]!.url).post(`/v1/surveys/${SURVEY.id}/responses?token=${encodeURIComponent(link.body.token)}`, { answers: { q1: 4 } });
      statuses.push(reply.status);
      if (reply.status === 429) assert.match(reply.headers.get('retry-after') ?? '', /^\d+$/);
    }
    assert.equal(statuses.filter((s) => s === 201).length, RATE, `${RATE} answers a minute through one link, whichever process takes them (${statuses.join(' ')})`);
    assert.equal(statuses.filter((s) => s === 429).length, PROCESSES * 3 - RATE);
  });
});
