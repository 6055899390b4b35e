/**
 * Sending xAPI statements to an LRS: a real HTTP LRS on loopback (a small one written here, which
 * checks the version header, Basic auth and each statement as an LRS does, and can be told to
 * answer 409, 400, 401, 429, 500 or not at all) receives every lifecycle step pushed to the
 * server once, in order, with nothing anyone wrote in it; failures are retried or skipped as the
 * forwarder promises, and restarts and a second process send nothing twice.
 */
import assert from 'node:assert/strict';
import { createServer as createHttpServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { PLC_KIT_NAMESPACE, uuidV5, XAPI_VERBS } from '../../src/export/xapi.js';
import type { DomainEvent } from '../../src/lifecycle/events.js';
import { checkLrsOptions, serverOptionsFromEnv, type LrsOptions } from '../../src/server/index.js';
import { backoffDelay, MAX_RETRY_AFTER_MS, parseRetryAfter } from '../../src/server/lrs.js';
import { PEOPLE, QUESTION, eventWriter, groupDetails, observation, studentVoice } from '../support/store-fixtures.js';
import { client, ON, openTestDb, pushAsAuthors, seedTrust, startServer, tokenFor, type Json, type TestDb, type TestServer } from './helpers.js';

const KEY = 'plc-kit';
const SECRET_KEY = 'lrs-secret-0123';
const HOME = 'https://portal.northgate.example';

// ---- a small LRS --------------------------------------------------------------------------------

/** What the LRS answers to the next request, in place of its usual handling. */
type Scripted =
  | { status: number; headers?: Record<string, string>; body?: unknown }
  /** Never answers (until the LRS closes). */
  | { hang: true }
  /** Waits for `gate`, then handles the request as usual. */
  | { gate: Promise<void> };

/** One request the LRS received. */
interface Received {
  at: number;
  headers: IncomingHttpHeaders;
  body: Json;
  /** The status answered, or `hung`. */
  answered: number | 'hung';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;
const STATEMENT_PROPERTIES = new Set(['id', 'actor', 'verb', 'object', 'result', 'context', 'timestamp', 'stored', 'authority', 'version', 'attachments']);

const isIri = (value: unknown) => {
  if (typeof value !== 'string') return false;
  try {
    return Boolean(new URL(value).protocol);
  } catch {
    return false;
  }
};

/** The xAPI 1.0.3 rules plc-kit's statements must keep (the parts of them it uses). */
function statementProblems(statement: Json): string[] {
  const problems: string[] = [];
  if (typeof statement !== 'object' || statement === null || Array.isArray(statement)) return ['a statement must be an object'];
  for (const key of Object.keys(statement)) if (!STATEMENT_PROPERTIES.has(key)) problems.push(`unknown property ${key}`);
  if (!UUID.test(statement.id ?? '')) problems.push('id must be a UUID');
  const actor = statement.actor;
  if (actor?.objectType !== 'Agent') problems.push('actor.objectType must be Agent');
  if (!isIri(actor?.account?.homePage) || typeof actor?.account?.name !== 'string' || !actor.account.name) problems.push('actor.account needs homePage (IRL) and name');
  if (actor && ['mbox', 'mbox_sha1sum', 'openid', 'name'].some((k) => k in actor)) problems.push('actor has more than one identifier, or a name');
  if (!isIri(statement.verb?.id)) problems.push('verb.id must be an IRI');
  const display = statement.verb?.display;
  if (typeof display !== 'object' || !display || !Object.entries(display).every(([tag, text]) => LANGUAGE_TAG.test(tag) && typeof text === 'string')) problems.push('verb.display must be a language map');
  if (statement.object?.objectType !== 'Activity' || !isIri(statement.object?.id)) problems.push('object must be an Activity with an IRI id');
  if (!ISO_8601.test(statement.timestamp ?? '')) problems.push('timestamp must be ISO 8601 with a zone');
  for (const [kind, list] of Object.entries(statement.context?.contextActivities ?? {})) {
    if (!Array.isArray(list) || !list.every((a: Json) => a.objectType === 'Activity' && isIri(a.id))) problems.push(`context.contextActivities.${kind} must be Activities`);
  }
  return problems;
}

/**
 * An LRS on a loopback port: checks `X-Experience-API-Version`, Basic auth and every statement,
 * refuses a batch with a bad statement as a whole (400), answers 409 for an id it holds with
 * other content, and stores the rest.
 */
class TestLrs {
  key = KEY;
  secret = SECRET_KEY;
  /** The version it accepts. */
  version = '1.0.3';
  /** Statement ids it refuses as invalid (400). */
  readonly rejectIds = new Set<string>();
  /** Answers for the next requests, in order. */
  readonly script: Scripted[] = [];
  readonly received: Received[] = [];
  /** Statements stored, in the order stored. */
  readonly stored: Json[] = [];
  readonly #byId = new Map<string, string>();
  #server: Server | undefined;
  #waiters: Array<() => void> = [];
  url = '';

  async start(): Promise<this> {
    this.#server = createHttpServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => void this.#handle(request.url ?? '', request.method ?? '', request.headers, Buffer.concat(chunks).toString('utf8'), response));
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise((resolve) => this.#server?.close(resolve));
  }

  /** Stores a statement of its own, as if another system had sent it with that id. */
  preload(statement: Json): void {
    this.#byId.set(statement.id, JSON.stringify(statement));
  }

  /** Resolves once `predicate` holds, re-checked at every request; fails after `ms`. */
  async until(predicate: () => boolean, what: string, ms = 15_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!predicate()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`The LRS waited ${ms} ms for ${what}; it received ${JSON.stringify(this.received.map((r) => r.answered))}.`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 250));
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  storedIds(): string[] {
    return this.stored.map((s) => s.id);
  }

  async #handle(url: string, method: string, headers: IncomingHttpHeaders, text: string, response: import('node:http').ServerResponse): Promise<void> {
    let body: Json;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    const record: Received = { at: Date.now(), headers, body, answered: 'hung' };
    this.received.push(record);
    const answer = (status: number, payload?: unknown, extra: Record<string, string> = {}) => {
      record.answered = status;
      response.writeHead(status, { 'content-type': 'application/json', 'x-experience-api-version': '1.0.3', ...extra });
      response.end(payload === undefined ? '' : JSON.stringify(payload));
      for (const wake of this.#waiters.splice(0)) wake();
    };
    const scripted = this.script.shift();
    if (scripted && 'hang' in scripted) {
      for (const wake of this.#waiters.splice(0)) wake();
      return;
    }
    if (scripted && 'gate' in scripted) await scripted.gate;
    if (scripted && 'status' in scripted) return answer(scripted.status, scripted.body ?? { message: `scripted ${scripted.status}` }, scripted.headers);

    if (method !== 'POST' || url !== '/xapi/statements') return answer(404, { message: `no ${method} ${url}` });
    if (headers['authorization'] !== `Basic ${Buffer.from(`${this.key}:${this.secret}`).toString('base64')}`) return answer(401, { message: 'Unauthorized: unknown key or secret' });
    if (headers['x-experience-api-version'] !== this.version) return answer(400, { message: `X-Experience-API-Version must be ${this.version}` });
    if (!String(headers['content-type']).startsWith('application/json')) return answer(400, { message: 'Content-Type must be application/json' });
    const statements: Json[] = Array.isArray(body) ? body : [body];
    const ids = new Set<string>();
    for (const statement of statements) {
      const problems = statementProblems(statement);
      if (problems.length) return answer(400, { message: `statement ${statement?.id}: ${problems.join('; ')}` });
      if (this.rejectIds.has(statement.id)) return answer(400, { message: `statement ${statement.id}: the object's definition is not allowed here` });
      if (ids.has(statement.id)) return answer(400, { message: `statement ${statement.id} appears twice in the batch` });
      ids.add(statement.id);
      const held = this.#byId.get(statement.id);
      if (held !== undefined && held !== JSON.stringify(statement)) return answer(409, { message: `statement ${statement.id} already exists with other content` });
    }
    for (const statement of statements) {
      if (this.#byId.has(statement.id)) continue;
      this.#byId.set(statement.id, JSON.stringify(statement));
      this.stored.push(statement);
    }
    answer(200, statements.map((s) => s.id));
  }
}

// ---- helpers --------------------------------------------------------------------------------------

const statementId = (event: DomainEvent) => uuidV5(event.id, PLC_KIT_NAMESPACE);
const steps = (events: readonly DomainEvent[]) => events.filter((e) => e.type in XAPI_VERBS);

function lrsOptions(lrs: TestLrs, overrides: Partial<LrsOptions> = {}): LrsOptions {
  return {
    endpoint: `${lrs.url}/xapi`,
    key: KEY,
    secret: SECRET_KEY,
    homePage: HOME,
    // Nothing happens on a timer but back-offs: pushes nudge, tests drain.
    pollMs: 3_600_000,
    timeoutMs: 500,
    retry: { baseMs: 50, maxMs: 200, refusedMs: 3_600_000 },
    ...overrides,
  };
}

/** Every statement id sent in a 2xx-answered request, in order (repeats included). */
const acceptedIds = (lrs: TestLrs) => lrs.received.filter((r) => r.answered === 200).flatMap((r) => (r.body as Json[]).map((s) => s.id));

const drain = (test: TestServer) => test.server.lrs!.drain();

/**
 * Pushes a whole log in one request, relayed by the host's back end (a service token may relay
 * any author's events), so the forwarder is nudged once and sees it all.
 */
async function pushAll(test: TestServer, trust: string, enquiryId: string, events: readonly DomainEvent[]): Promise<void> {
  const reply = await (await test.service(trust)).post(`/v1/enquiries/${enquiryId}/events`, { events });
  assert.equal(reply.status, 200);
  assert.deepEqual(reply.body.results.map((r: Json) => r.status), events.map(() => 'appended'), 'every event accepted');
}

/** Resolves once `check` holds, checked every 20 ms; fails after `ms`. */
async function eventually(check: () => Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Waited ${ms} ms for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe(`server: sending statements to an LRS (${ON})`, () => {
  let testDb: TestDb;
  before(async () => {
    testDb = await openTestDb();
  });
  after(async () => {
    await testDb?.cleanup();
  });

  /** A fresh LRS and a server sending to it, for one test; both closed after `body`. */
  async function withLrs(overrides: Partial<LrsOptions>, body: (test: TestServer, lrs: TestLrs) => Promise<void>): Promise<void> {
    const lrs = await new TestLrs().start();
    const test = await startServer(testDb.db, { lrs: lrsOptions(lrs, overrides) });
    try {
      await body(test, lrs);
    } finally {
      await test.close();
      await lrs.close();
    }
  }

  it('sends each step pushed once, in order, as valid xAPI 1.0.3 with the version header and Basic auth', async () => {
    await withLrs({}, async (test, lrs) => {
      const trust = 'trust-lrs-order';
      await seedTrust(test, trust);
      const write = eventWriter({ prefix: 'lo' });
      const events = write.walk('enq-lo', 'evidence');
      await pushAsAuthors(test, trust, 'enq-lo', events);
      const expected = steps(events).map(statementId);
      assert.equal(expected.length, 4, 'create, submit, approve, observation');
      // No drain: the push nudges the forwarder.
      await lrs.until(() => lrs.stored.length === expected.length, 'the pushed steps');
      await drain(test);

      assert.deepEqual(lrs.storedIds(), expected, 'in the order they were taken');
      assert.deepEqual(acceptedIds(lrs), expected, 'each sent once');
      for (const request of lrs.received) {
        assert.equal(request.headers['x-experience-api-version'], '1.0.3');
        assert.equal(request.headers['content-type'], 'application/json');
        assert.equal(request.headers['authorization'], `Basic ${Buffer.from(`${KEY}:${SECRET_KEY}`).toString('base64')}`);
      }
      for (const statement of lrs.stored) assert.deepEqual(statementProblems(statement), [], statement.id);
      const [create, submit, approve, observed] = lrs.stored;
      assert.deepEqual(create.actor, { objectType: 'Agent', account: { homePage: HOME, name: PEOPLE.ana.id } });
      assert.deepEqual([create.verb.id, submit.verb.id, approve.verb.id, observed.verb.id], ['enquiry.create', 'question.submit', 'question.approve', 'observation.record'].map((t) => XAPI_VERBS[t as keyof typeof XAPI_VERBS].id));
      assert.equal(approve.actor.account.name, PEOPLE.lead.id);
      assert.equal(create.object.id, `${HOME}/plc-kit/enquiries/enq-lo`);
      assert.equal(create.object.definition.name.und, groupDetails().title);
      assert.deepEqual(create.context.contextActivities.parent.map((a: Json) => a.id), [`${HOME}/plc-kit/communities/${groupDetails().communityId}`]);
      assert.equal(create.timestamp, events[0]!.at);

      const status = await (await test.as('p-admin', trust, ['admin'])).get('/v1/lrs');
      assert.equal(status.status, 200);
      const { rows } = await testDb.db.query<{ seq: number }>('SELECT seq FROM trusts WHERE id = $1', [trust]);
      assert.deepEqual(
        [status.body.enabled, status.body.endpoint, status.body.homePage, status.body.sent, status.body.skipped, status.body.pending, status.body.checkpoint, status.body.lastError],
        [true, `${lrs.url}/xapi`, HOME, 4, 0, 0, Number(rows[0]!.seq), null],
      );
      const batches = test.logs.filter((l) => l.msg === 'lrs batch');
      assert.ok(batches.length >= 1 && batches.every((l) => l['trustId'] === trust && l['status'] === 200), 'one log line per batch, with the status');
      assert.equal(batches.reduce((n, l) => n + Number(l['sent']), 0), 4);
    });
  });

  it('puts nothing people wrote in a statement: no notes, question, comments, reasons or evidence', async () => {
    await withLrs({}, async (test, lrs) => {
      const trust = 'trust-lrs-private';
      await seedTrust(test, trust);
      const write = eventWriter({ prefix: 'lp' });
      const marker = 'PRIVATE-WORDS';
      const events = [
        write.event('enq-lp', 'enquiry.create', groupDetails()),
        write.event('enq-lp', 'question.draft', { ...QUESTION, text: `${marker} question?`, rationale: marker }),
        write.event('enq-lp', 'question.submit'),
        write.event('enq-lp', 'question.approve', { comment: `${marker} comment` }, PEOPLE.lead.id),
        write.event('enq-lp', 'observation.record', { ...observation(1), strengths: marker, wonderings: marker, nextSteps: marker, focus: marker }),
        write.event('enq-lp', 'evidence.start'),
        write.event('enq-lp', 'evidence.add', { ...studentVoice(), title: marker }),
        write.event('enq-lp', 'enquiry.pause', { reason: `${marker} reason` }),
        write.event('enq-lp', 'enquiry.resume'),
      ];
      const results = await pushAsAuthors(test, trust, 'enq-lp', events);
      assert.ok(results.every((r) => r.status === 'appended'), 'every step taken');
      await drain(test);
      assert.equal(lrs.stored.length, steps(events).length);
      const sent = JSON.stringify(lrs.received.map((r) => r.body));
      assert.ok(!sent.includes(marker), 'no words people wrote');
      const evidence = lrs.stored.find((s) => s.verb.id === XAPI_VERBS['evidence.add'].id);
      assert.equal(evidence.context.extensions['https://plc-kit.dev/xapi/extensions/evidence-kind'], 'student-voice', 'evidence: its kind only');
    });
  });

  it('sends nothing for a draft or a refused step, and sends a held step once a late event makes it valid', async () => {
    await withLrs({}, async (test, lrs) => {
      const trust = 'trust-lrs-refused';
      await seedTrust(test, trust);
      const write = eventWriter({ prefix: 'lr' });
      const [create, draft, submit] = write.walk('enq-lr', 'question.review');
      const ana = await test.as(PEOPLE.ana.id, trust);
      // The submit arrives before the draft made on another device: refused for now.
      const early = await ana.post('/v1/enquiries/enq-lr/events', { events: [create, submit] });
      assert.deepEqual(early.body.results.map((r: Json) => r.status), ['appended', 'refused']);
      await drain(test);
      assert.deepEqual(lrs.storedIds(), [statementId(create!)], 'the refused submit made no statement');

      const late = await ana.post('/v1/enquiries/enq-lr/events', { events: [draft] });
      assert.equal(late.body.summary.counts.refusals, 0, 'the submit is accepted now');
      await drain(test);
      assert.deepEqual(lrs.storedIds(), [statementId(create!), statementId(submit!)], 'the submit once it is valid; the draft never');
      assert.deepEqual(acceptedIds(lrs), lrs.storedIds(), 'nothing twice');
      assert.equal((await (await test.as('p-admin', trust, ['admin'])).get('/v1/lrs')).body.pending, 0);
    });
  });

  it('sends no step again when it comes again in change order: an observation shared, a backup imported', async () => {
    await withLrs({}, async (test, lrs) => {
      const trust = 'trust-lrs-again';
      await seedTrust(test, trust);
      const write = eventWriter({ prefix: 'la' });
      const events = write.walk('enq-la', 'evidence');
      await pushAsAuthors(test, trust, 'enq-la', events);
      await drain(test);
      const recorded = events.find((e) => e.type === 'observation.record')!;
      const before = await testDb.db.query<{ seq: number }>('SELECT seq FROM events WHERE trust_id = $1 AND id = $2', [trust, recorded.id]);

      // The observed colleague shares the notes: the observation comes again in change order.
      const share = write.event('enq-la', 'observation.share', { observationId: 'obs-1', personIds: [PEOPLE.cpd.id] });
      await pushAsAuthors(test, trust, 'enq-la', [share]);
      const renumbered = await testDb.db.query<{ seq: number }>('SELECT seq FROM events WHERE trust_id = $1 AND id = $2', [trust, recorded.id]);
      assert.ok(Number(renumbered.rows[0]!.seq) > Number(before.rows[0]!.seq), 'the observation has a new change number');
      await drain(test);

      // A backup imported puts every event back under new numbers.
      const admin = await test.as('p-admin', trust, ['admin']);
      const backup = await (await test.service(trust)).get('/v1/backup');
      assert.equal((await admin.post('/v1/backup', backup.body)).status, 200);
      await drain(test);

      assert.deepEqual(acceptedIds(lrs), steps(events).map(statementId), 'each step sent once');
      assert.equal((await admin.get('/v1/lrs')).body.pending, 0);
    });
  });

  it('skips only the statement the LRS answers 409 or 400 for, logging its ids, and goes on', async () => {
    await withLrs({}, async (test, lrs) => {
      const trust = 'trust-lrs-skip';
      await seedTrust(test, trust);
      const write = eventWriter({ prefix: 'ls' });
      const events = write.walk('enq-ls', 'evidence');
      const [create, submit, approve, observed] = steps(events);
      // Another system already sent a different statement with the approval's id; the LRS finds
      // the observation's statement invalid.
      lrs.preload({ id: statementId(approve!), actor: { objectType: 'Agent', account: { homePage: HOME, name: 'someone-else' } } });
      lrs.rejectIds.add(statementId(observed!));
      await pushAll(test, trust, 'enq-ls', events);
      await drain(test);

      assert.deepEqual(lrs.storedIds(), [create, submit].map((e) => statementId(e!)), 'the others are stored');
      assert.deepEqual(
        lrs.received.map((r) => [r.answered, (r.body as Json[]).length]),
        [[409, 4], [200, 1], [200, 1], [409, 1], [400, 1]],
        'the batch, then one by one',
      );
      const skips = test.logs.filter((l) => l.msg === 'lrs statement skipped');
      assert.deepEqual(
        skips.map((l) => [l['statementId'], l['eventId'], l['status']]),
        [
          [statementId(approve!), approve!.id, 409],
          [statementId(observed!), observed!.id, 400],
        ],
      );
      assert.match(String(skips[1]!['reason']), /not allowed here/, "the LRS's message");

      const admin = await test.as('p-admin', trust, ['admin']);
      const status = (await admin.get('/v1/lrs')).body;
      assert.deepEqual([status.sent, status.skipped, status.pending, status.lastError], [2, 2, 0, null]);
      assert.deepEqual(new Set(status.recentSkips.map((s: Json) => s.eventId)), new Set([approve!.id, observed!.id]));

      // The queue goes on.
      const added = write.event('enq-ls', 'evidence.add', studentVoice());
      await pushAsAuthors(test, trust, 'enq-ls', [added]);
      await drain(test);
      assert.equal(lrs.storedIds().at(-1), statementId(added));
    });
  });

  // An LRS of another xAPI version refuses everything as invalid: the fault is the configuration's,
  // so nothing is skipped, whether a whole batch is refused or the first statement alone.
  for (const { name, prefix, target, requests, pending, error } of [
    { name: 'every statement of a batch', prefix: 'lv', target: 'question.review', requests: [[400, 2], [400, 1], [400, 1]], pending: 2, error: /every statement.*xAPI 1\.0\.3/ },
    { name: 'the first statement it is ever sent for a trust, alone', prefix: 'lf', target: 'created', requests: [[400, 1]], pending: 1, error: /xAPI 1\.0\.3/ },
  ] as const) {
    it(`skips nothing when the LRS refuses ${name} as invalid, and sends them once it is fixed`, async () => {
      const lrs = await new TestLrs().start();
      lrs.version = '2.0.0';
      const trust = `trust-lrs-${prefix}`;
      const events = eventWriter({ prefix }).walk(`enq-${prefix}`, target);
      let test = await startServer(testDb.db, { lrs: lrsOptions(lrs) });
      try {
        await seedTrust(test, trust);
        await pushAll(test, trust, `enq-${prefix}`, events);
        await drain(test);
        assert.deepEqual(lrs.received.map((r) => [r.answered, (r.body as Json[]).length]), requests, 'the batch, then each statement');
        const status = (await (await test.as('p-admin', trust, ['admin'])).get('/v1/lrs')).body;
        assert.deepEqual([status.skipped, status.pending], [0, pending], 'held for the configuration, not skipped');
        assert.match(status.lastError, error);
        assert.ok(status.retryAt, 'waiting for the configuration');

        lrs.version = '1.0.3';
        await test.close();
        test = await startServer(testDb.db, { lrs: lrsOptions(lrs) });
        await drain(test);
        assert.deepEqual(lrs.storedIds(), steps(events).map(statementId));
      } finally {
        await test.close();
        await lrs.close();
      }
    });
  }

  it('stops on 401, naming the settings to check, and resumes once the credentials are fixed', async () => {
    const lrs = await new TestLrs().start();
    const trust = 'trust-lrs-auth';
    const write = eventWriter({ prefix: 'lu' });
    const events = write.walk('enq-lu', 'observation');
    let test = await startServer(testDb.db, { lrs: lrsOptions(lrs, { secret: 'a-wrong-secret' }) });
    try {
      await seedTrust(test, trust);
      await pushAsAuthors(test, trust, 'enq-lu', events.slice(0, 2));
      await drain(test);
      assert.deepEqual(lrs.received.map((r) => r.answered), [401]);
      const paused = test.logs.find((l) => l.msg === 'lrs forwarding paused');
      assert.equal(paused?.level, 'error');
      assert.match(String(paused?.['error']), /PLC_LRS_KEY and PLC_LRS_SECRET/);
      const status = (await (await test.as('p-admin', trust, ['admin'])).get('/v1/lrs')).body;
      assert.match(status.lastError, /credentials/);
      assert.ok(status.failingSince && status.retryAt);

      // Stopped: more steps wait, and nothing is sent while the credentials are wrong.
      await pushAsAuthors(test, trust, 'enq-lu', events.slice(2));
      await drain(test);
      assert.equal(lrs.received.length, 1, 'no request while backing off');

      await test.close();
      test = await startServer(testDb.db, { lrs: lrsOptions(lrs) });
      await drain(test);
      assert.deepEqual(lrs.storedIds(), steps(events).map(statementId), 'every step, in order');
      assert.deepEqual(acceptedIds(lrs), lrs.storedIds(), 'once each');
      const fixed = (await (await test.as('p-admin', trust, ['admin'])).get('/v1/lrs')).body;
      assert.deepEqual([fixed.lastError, fixed.failingSince, fixed.pending], [null, null, 0]);
    } finally {
      await test.close();
      await lrs.close();
    }
  });

  it('stops on a redirect or a 404, naming PLC_LRS_ENDPOINT, and never follows the redirect', async () => {
    const lrs = await new TestLrs().start();
    const elsewhere = await new TestLrs().start();
    const trust = 'trust-lrs-moved';
    const events = eventWriter({ prefix: 'lm' }).walk('enq-lmv', 'question.review');
    let test = await startServer(testDb.db, { lrs: lrsOptions(lrs) });
    try {
      await seedTrust(test, trust);
      lrs.script.push({ status: 307, headers: { location: `${elsewhere.url}/xapi/statements` } });
      await pushAll(test, trust, 'enq-lmv', events);
      await drain(test);
      assert.deepEqual([lrs.received.length, elsewhere.received.length], [1, 0], 'the credentials stay here');
      const status = (await (await test.as('p-admin', trust, ['admin'])).get('/v1/lrs')).body;
      assert.match(status.lastError, new RegExp(`redirected to ${elsewhere.url}/xapi/statements .*PLC_LRS_ENDPOINT`));
      await test.close();

      test = await startServer(testDb.db, { lrs: lrsOptions(lrs, { endpoint: `${lrs.url}/wrong` }) });
      await drain(test);
      const wrong = (await (await test.as('p-admin', trust, ['admin'])).get('/v1/lrs')).body;
      assert.match(wrong.lastError, /answered 404 .*check PLC_LRS_ENDPOINT/);
      await test.close();

      test = await startServer(testDb.db, { lrs: lrsOptions(lrs) });
      await drain(test);
      assert.deepEqual(lrs.storedIds(), steps(events).map(statementId));
    } finally {
      await test.close();
      await lrs.close();
      await elsewhere.close();
    }
  });

  it("waits for the LRS's Retry-After on 429", async () => {
    await withLrs({}, async (test, lrs) => {
      const trust = 'trust-lrs-busy';
      await seedTrust(test, trust);
      lrs.script.push({ status: 429, headers: { 'retry-after': '1' }, body: { message: 'slow down' } });
      const write = eventWriter({ prefix: 'lb' });
      const events = write.walk('enq-lb', 'question.review');
      await pushAll(test, trust, 'enq-lb', events);
      await lrs.until(() => lrs.received.length >= 1, 'the first request');
      await drain(test);
      const status = (await (await test.as('p-admin', trust, ['admin'])).get('/v1/lrs')).body;
      assert.match(status.lastError, /429/);
      assert.ok(status.retryAt);

      await lrs.until(() => lrs.stored.length === 2, 'the steps after the wait');
      const [busy, next] = lrs.received;
      assert.equal(busy!.answered, 429);
      // A lower bound only (a slow machine waits longer); timers may fire a millisecond early.
      assert.ok(next!.at - busy!.at >= 990, `waited ${next!.at - busy!.at} ms for Retry-After: 1`);
      assert.deepEqual(acceptedIds(lrs), steps(events).map(statementId));
    });
  });

  it('retries after a 500 and a request that never answers, losing nothing and sending nothing twice', async () => {
    await withLrs({}, async (test, lrs) => {
      const trust = 'trust-lrs-down';
      await seedTrust(test, trust);
      lrs.script.push({ status: 500, body: { message: 'database unavailable' } }, { hang: true });
      const write = eventWriter({ prefix: 'ld' });
      const events = write.walk('enq-ld', 'observation');
      await pushAll(test, trust, 'enq-ld', events);
      await lrs.until(() => lrs.stored.length === steps(events).length, 'the steps after two failures');
      assert.deepEqual(lrs.received.map((r) => r.answered), [500, 'hung', 200]);
      assert.deepEqual(lrs.storedIds(), steps(events).map(statementId));
      const paused = test.logs.filter((l) => l.msg === 'lrs forwarding paused').map((l) => String(l['error']));
      assert.match(paused[0]!, /500: database unavailable/);
      assert.match(paused[1]!, /did not answer within 500 ms/);
    });
  });

  it('resumes from its checkpoint after a restart, sending nothing twice, and sends what was stored while it was off', async () => {
    const lrs = await new TestLrs().start();
    const trust = 'trust-lrs-restart';
    const write = eventWriter({ prefix: 'lt' });
    const events = write.walk('enq-lt', 'evidence');
    let test = await startServer(testDb.db, { lrs: lrsOptions(lrs) });
    try {
      await seedTrust(test, trust);
      await pushAsAuthors(test, trust, 'enq-lt', events.slice(0, 3));
      await drain(test);
      assert.equal(lrs.stored.length, 2);
      await test.close();

      // A server with no LRS stores more steps.
      test = await startServer(testDb.db);
      await pushAsAuthors(test, trust, 'enq-lt', events.slice(3));
      assert.equal(test.server.lrs, undefined);
      assert.deepEqual((await (await test.as('p-admin', trust, ['admin'])).get('/v1/lrs')).body, { enabled: false });
      await test.close();

      test = await startServer(testDb.db, { lrs: lrsOptions(lrs) });
      await drain(test);
      assert.deepEqual(acceptedIds(lrs), steps(events).map(statementId), 'the first two once, then the rest');
      await test.close();
      test = await startServer(testDb.db, { lrs: lrsOptions(lrs) });
      await drain(test);
      assert.equal(acceptedIds(lrs).length, steps(events).length, 'nothing again after another restart');
    } finally {
      await test.close();
      await lrs.close();
    }
  });

  it('waits for the batch in flight when the server closes, and records it', async () => {
    const lrs = await new TestLrs().start();
    const test = await startServer(testDb.db, { lrs: lrsOptions(lrs, { timeoutMs: 10_000 }) });
    let open!: () => void;
    lrs.script.push({ gate: new Promise<void>((resolve) => (open = resolve)) });
    const trust = 'trust-lrs-close';
    try {
      await seedTrust(test, trust);
      const events = eventWriter({ prefix: 'lc' }).walk('enq-lc', 'question.review');
      await pushAll(test, trust, 'enq-lc', events);
      await lrs.until(() => lrs.received.length === 1, 'the batch');
      let closed = false;
      const closing = test.close().then(() => (closed = true));
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(closed, false, 'the server waits for the LRS to answer');
      open();
      await closing;
      assert.equal(lrs.received[0]!.answered, 200);
      const { rows } = await testDb.db.query<{ sent: number }>('SELECT sent FROM lrs_checkpoints WHERE trust_id = $1', [trust]);
      assert.equal(Number(rows[0]!.sent), 2, 'the outcome was recorded before the server stopped');
    } finally {
      await test.close();
      await lrs.close();
    }
  });

  it("keeps each trust's own checkpoint, shows each trust only its own, and two processes send nothing twice", async () => {
    const lrs = await new TestLrs().start();
    const first = await startServer(testDb.db, { lrs: lrsOptions(lrs, { batchSize: 2 }) });
    const second = await startServer(testDb.db, { lrs: lrsOptions(lrs, { batchSize: 2 }) });
    try {
      const trusts = ['trust-lrs-one', 'trust-lrs-two'];
      const sent: string[] = [];
      for (const [i, trust] of trusts.entries()) {
        await seedTrust(first, trust);
        for (const n of [1, 2]) {
          const events = eventWriter({ prefix: `lm${i}${n}` }).walk(`enq-lm${n}`, 'evidence');
          await pushAsAuthors(n === 1 ? first : second, trust, `enq-lm${n}`, events);
          sent.push(...steps(events).map(statementId));
        }
      }
      await Promise.all([drain(first), drain(second)]);
      // A pass one process began on a nudge may still hold a trust the other passed over.
      await lrs.until(() => lrs.stored.length === sent.length, 'both trusts\' steps');
      const checkpoints = async () =>
        (
          await testDb.db.query<{ trust_seq: number; checkpoint: number; sent: number }>(
            'SELECT t.seq AS trust_seq, c.seq AS checkpoint, c.sent FROM trusts t JOIN lrs_checkpoints c ON c.trust_id = t.id WHERE t.id = ANY($1::text[]) ORDER BY t.id',
            [trusts],
          )
        ).rows.map((row) => [Number(row.checkpoint), Number(row.sent), Number(row.trust_seq)]);
      await eventually(async () => (await checkpoints()).every(([checkpoint, , seq]) => checkpoint === seq), 'both checkpoints');
      assert.deepEqual([...acceptedIds(lrs)].sort(), [...sent].sort(), 'every step of both trusts, once');
      assert.deepEqual((await checkpoints()).map(([, count]) => count), [8, 8], 'each trust counts its own');
      const one = await first.as('p-admin', 'trust-lrs-one', ['admin']);
      const status = (await one.get('/v1/lrs')).body;
      assert.deepEqual([status.trustId, status.sent], ['trust-lrs-one', 8]);
      const cpd = await first.as(PEOPLE.cpd.id, 'trust-lrs-two', ['teacher', 'cpd-leader']);
      assert.equal((await cpd.get('/v1/lrs')).body.trustId, 'trust-lrs-two');
      assert.equal((await (await first.service('trust-lrs-two')).get('/v1/lrs')).status, 200);
      const teacher = await first.as(PEOPLE.ana.id, 'trust-lrs-one');
      const refused = await teacher.get('/v1/lrs');
      assert.deepEqual([refused.status, refused.body.reason], [403, 'not-admin']);
      assert.equal((await client(first.url).get('/v1/lrs')).status, 401);
      assert.equal((await client(first.url, await tokenFor({ sub: 'p-admin', trust: 'trust-lrs-none', roles: ['admin'] })).get('/v1/lrs')).body.sent, 0);
    } finally {
      await first.close();
      await second.close();
      await lrs.close();
    }
  });
});

describe('LRS settings and waits', () => {
  const env = {
    PLC_JWT_SECRET: 's'.repeat(32),
    PLC_LRS_ENDPOINT: 'https://lrs.trust.example/xapi/',
    PLC_LRS_KEY: 'key',
    PLC_LRS_SECRET: 'secret',
    PLC_XAPI_HOMEPAGE: 'https://portal.school.example',
  };

  it('reads the LRS from the environment and names the variable at fault', () => {
    const { options, warnings } = serverOptionsFromEnv(env);
    assert.deepEqual(options.lrs, { endpoint: 'https://lrs.trust.example/xapi/', key: 'key', secret: 'secret', homePage: 'https://portal.school.example', activityBase: undefined });
    assert.equal(checkLrsOptions(options.lrs!).statementsUrl, 'https://lrs.trust.example/xapi/statements');
    assert.ok(!warnings.some((w) => /LRS/.test(w)));
    assert.equal(serverOptionsFromEnv({ PLC_JWT_SECRET: 's'.repeat(32) }).options.lrs, undefined, 'no endpoint, no forwarding');
    assert.match(serverOptionsFromEnv({ PLC_JWT_SECRET: 's'.repeat(32), PLC_LRS_KEY: 'k' }).warnings.join(' '), /PLC_LRS_KEY is ignored without PLC_LRS_ENDPOINT/);

    assert.throws(() => serverOptionsFromEnv({ ...env, PLC_LRS_ENDPOINT: 'http://lrs.trust.example/xapi' }), /PLC_LRS_ENDPOINT must be an https address/);
    assert.throws(() => serverOptionsFromEnv({ ...env, PLC_LRS_ENDPOINT: 'lrs.trust.example' }), /PLC_LRS_ENDPOINT must be an absolute address/);
    assert.throws(() => serverOptionsFromEnv({ ...env, PLC_LRS_ENDPOINT: 'https://k:s@lrs.trust.example/xapi' }), /PLC_LRS_KEY and PLC_LRS_SECRET/);
    assert.throws(() => serverOptionsFromEnv({ ...env, PLC_LRS_ENDPOINT: 'https://lrs.trust.example/xapi/statements' }), /without \/statements/);
    assert.throws(() => serverOptionsFromEnv({ ...env, PLC_LRS_SECRET: '' }), /PLC_LRS_KEY and PLC_LRS_SECRET are both needed/);
    assert.throws(() => serverOptionsFromEnv({ ...env, PLC_XAPI_HOMEPAGE: '' }), /PLC_XAPI_HOMEPAGE is needed.*same homePage the browser uses|PLC_XAPI_HOMEPAGE is needed.*origin of the pages/);
    assert.throws(() => serverOptionsFromEnv({ ...env, PLC_XAPI_HOMEPAGE: 'portal' }), /PLC_XAPI_HOMEPAGE must be an absolute address/);
    assert.throws(() => serverOptionsFromEnv({ ...env, PLC_XAPI_ACTIVITY_BASE: 'ftp://x.example' }), /PLC_XAPI_ACTIVITY_BASE must be an http\(s\) address/);
    for (const local of ['http://localhost:8080/xapi', 'http://127.0.0.1/xapi', 'http://[::1]:9/xapi']) {
      assert.equal(serverOptionsFromEnv({ ...env, PLC_LRS_ENDPOINT: local }).options.lrs?.endpoint, local, 'http for this machine');
    }
    assert.throws(() => checkLrsOptions({ endpoint: 'https://lrs.example/xapi', key: 'k', secret: 's', homePage: HOME, batchSize: 0 }), /lrs.batchSize must be a whole number from 1 to 500/);
    assert.throws(() => checkLrsOptions({ endpoint: '', key: 'k', secret: 's', homePage: HOME }), /lrs.endpoint is empty/);
  });

  it('reads Retry-After as seconds or a date, and backs off exponentially with jitter up to the cap', () => {
    const now = Date.parse('2025-10-06T09:00:00Z');
    assert.equal(parseRetryAfter('120', now), 120_000);
    assert.equal(parseRetryAfter('Mon, 06 Oct 2025 09:00:30 GMT', now), 30_000);
    assert.equal(parseRetryAfter('Mon, 06 Oct 2025 08:00:00 GMT', now), 0, 'a date past is now');
    assert.equal(parseRetryAfter('99999999', now), MAX_RETRY_AFTER_MS, 'capped');
    for (const junk of [null, undefined, '', 'soon', '1.5']) assert.equal(parseRetryAfter(junk, now), undefined, String(junk));

    const retry = { baseMs: 1_000, maxMs: 300_000 };
    assert.deepEqual([1, 2, 3, 10, 50].map((n) => backoffDelay(n, retry, () => 1)), [1_000, 2_000, 4_000, 300_000, 300_000]);
    assert.deepEqual([1, 2, 3, 10].map((n) => backoffDelay(n, retry, () => 0)), [500, 1_000, 2_000, 150_000], 'at least half');
  });
});
