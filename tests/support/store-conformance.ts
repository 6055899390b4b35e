/**
 * The store conformance suite: what every adapter (memory, IndexedDB, later HTTP) must do, run
 * against a factory of fresh stores. Framework-neutral: pass `describe` and `it` from node:test
 * or mocha. Assertions come from ./assert.ts, so the suite runs in Node and in the browser.
 * @example
 * ```ts
 * import { describe, it } from 'node:test';
 * storeConformance('memory', async (options) => ({ store: createMemoryStore(options), cleanup: async () => {} }), { describe, it });
 * ```
 */
import { compareEvents, type DomainEvent } from '../../src/lifecycle/events.js';
import { lifecycleInputFor } from '../../src/lifecycle/input.js';
import { defaultLifecycle, type Lifecycle } from '../../src/lifecycle/lifecycle.js';
import type { Cycle, Community, Person } from '../../src/schema/directory.js';
import type { EnquiryDetails } from '../../src/schema/enquiry.js';
import { emptyBackup } from '../../src/store/backup.js';
import { summarizeEnquiry } from '../../src/store/summary.js';
import {
  MAX_BATCH,
  MAX_EVENT_JSON,
  StaleWriteError,
  StoreError,
  type Backup,
  type EnquirySummary,
  type Store,
  type StoreChange,
} from '../../src/store/store.js';
import { deepEqual, equal, match, ok, rejects } from './assert.js';
import { meetingNotesConformance } from './meeting-notes-conformance.js';
import { recordRulesConformance } from './record-rules-conformance.js';
import {
  COMMUNITY,
  CYCLE,
  OLD_CYCLE,
  PEOPLE,
  QUESTION,
  eventWriter,
  groupDetails,
  individualDetails,
  observation,
  seedDirectory,
} from './store-fixtures.js';

/** A fresh store for one test, and how to open a second connection to it and clean up. */
export interface StoreFixture {
  store: Store;
  /** Opens another connection to the same data (the first stays open); adapters without one omit it. */
  reopen?: () => Promise<Store>;
  /** Closes every connection and removes the data. */
  cleanup: () => Promise<void>;
  /** Waits until writes reached the store's authority (a sync store: the server); others omit it. */
  settle?: () => Promise<void>;
}

/** Makes a fresh, empty store; `lifecycle` is passed to the adapter when given. */
export type MakeStore = (options: { lifecycle?: Lifecycle }) => Promise<StoreFixture>;

/** `describe` and `it` of the test framework running the suite. */
export interface TestApi {
  describe: (name: string, body: () => void) => unknown;
  it: (name: string, body: () => Promise<void>) => unknown;
}

/** A lifecycle that counts replays and resumes, to show that listing never replays. */
function countingLifecycle() {
  const counts = { replay: 0, resume: 0 };
  const lifecycle: Lifecycle = {
    ...defaultLifecycle,
    replay: (events, input) => {
      counts.replay += 1;
      return defaultLifecycle.replay(events, input);
    },
    resume: (state, events, input) => {
      counts.resume += 1;
      return defaultLifecycle.resume(state, events, input);
    },
  };
  return { lifecycle, counts };
}

/** The summary a full replay of the stored log gives, with the input resolved from the store's directory. */
export async function replayedSummary(store: Store, enquiryId: string): Promise<EnquirySummary> {
  const log = await store.readLog(enquiryId);
  const create = log.find((e) => e.type === 'enquiry.create');
  const details = create?.payload as EnquiryDetails | undefined;
  const cycle = details ? ((await store.get('cycles', details.cycleId))?.record as Cycle | undefined) : undefined;
  const community = details?.communityId ? ((await store.get('communities', details.communityId))?.record as Community | undefined) : undefined;
  const cpdLeaders = (await store.list('people'))
    .map((v) => v.record as Person)
    .filter((p) => p.roles.includes('cpd-leader') || p.pastRoles?.some((r) => r.role === 'cpd-leader'));
  return summarizeEnquiry(enquiryId, defaultLifecycle.replay(log, lifecycleInputFor(details, { cycle, community, cpdLeaders })));
}

const withoutTime = (backup: Backup) => ({ ...backup, exportedAt: '(any)' });

/** Runs the conformance suite against `makeStore`. */
export function storeConformance(name: string, makeStore: MakeStore, t: TestApi): void {
  const { describe, it } = t;

  /** Runs `body` with a fresh store, always cleaning up. */
  const using = (body: (fixture: StoreFixture, store: Store) => Promise<void>, options: { lifecycle?: Lifecycle } = {}) => async () => {
    const fixture = await makeStore(options);
    try {
      await body(fixture, fixture.store);
    } finally {
      await fixture.cleanup();
    }
  };

  describe(`${name} store: conformance`, () => {
    recordRulesConformance(makeStore, t);
    meetingNotesConformance(makeStore, t);
    describe('event logs', () => {
      it('reads a log back in merge order, whatever order the batches came in', using(async (_f, store) => {
        const write = eventWriter();
        const log = write.walk('enq-1', 'evidence');
        const late = eventWriter({ prefix: 'x', node: 'd2' }).event('enq-1', 'reflection.save', { whatWorked: 'Time', whatDidNot: '', nextSteps: '' });
        await store.append('enq-1', [log[3]!, log[0]!, log[1]!]);
        await store.append('enq-1', [late, ...log.slice(4), log[2]!]);
        const read = await store.readLog('enq-1');
        deepEqual(read.map((e) => e.id), [...log, late].sort(compareEvents).map((e) => e.id));
        deepEqual(read[0], log[0], 'events are stored as they were given');
        deepEqual(await store.readLog('enq-unknown'), [], 'an unknown enquiry has an empty log');
      }));

      it('a retried append changes nothing: duplicates by event id', using(async (_f, store) => {
        const write = eventWriter();
        const log = write.walk('enq-1', 'question.review');
        const first = await store.append('enq-1', log);
        deepEqual(first.map((r) => r.status), ['appended', 'appended', 'appended']);
        deepEqual(first.map((r) => r.eventId), log.map((e) => e.id));
        const before = await store.getSummary('enq-1');
        const changes: StoreChange[] = [];
        store.subscribe((change) => changes.push(change));
        const again = await store.append('enq-1', log);
        deepEqual(again.map((r) => r.status), ['duplicate', 'duplicate', 'duplicate']);
        const extra = write.event('enq-1', 'enquiry.rename', { title: 'Acting on feedback' });
        const mixed = await store.append('enq-1', [log[0]!, extra, extra]);
        deepEqual(mixed.map((r) => r.status), ['duplicate', 'appended', 'duplicate'], 'a repeat inside one batch is a duplicate too');
        equal((await store.readLog('enq-1')).length, 4);
        equal((await store.getSummary('enq-1'))?.counts.events, 4);
        equal(before?.counts.events, 3);
        deepEqual(changes.filter((c) => c.kind === 'events').map((c) => (c as { eventIds: string[] }).eventIds), [[extra.id]], 'only new events are announced');
      }));

      it('a batch is atomic: one invalid event and nothing is appended', using(async (_f, store) => {
        const write = eventWriter();
        const [create, draft, submit] = write.walk('enq-1', 'question.review');
        const broken = { ...draft!, payload: { ...draft!.payload, successCriteria: 'not a list' } };
        const error = await rejects(store.append('enq-1', [create!, broken, submit!]), { type: StoreError, code: 'invalid', field: 'events.1.payload.successCriteria' });
        match(error.message, new RegExp(draft!.id), 'the message names the event');
        deepEqual(await store.readLog('enq-1'), []);
        equal(await store.getSummary('enq-1'), undefined);

        await store.append('enq-2', [write.event('enq-2', 'enquiry.create', groupDetails())]);
        const taken = (await store.readLog('enq-2'))[0]!;
        await rejects(store.append('enq-1', [create!, { ...taken, enquiryId: 'enq-1' }]), { type: StoreError, code: 'conflict', field: 'events.1.id' });
        deepEqual(await store.readLog('enq-1'), [], 'an id already used by another enquiry refuses the whole batch');
        await rejects(store.append('enq-1', [create!, write.event('enq-2', 'enquiry.rename', { title: 'Elsewhere' })]), { code: 'invalid', field: 'events.1.enquiryId' });
        deepEqual(await store.readLog('enq-1'), []);
        await store.append('enq-1', [create!, draft!, submit!]);
        equal((await store.readLog('enq-1')).length, 3, 'the corrected batch is appended whole');
      }));

      it('keeps events the lifecycle refuses, shown as refused and counted', using(async (_f, store) => {
        await seedDirectory(store);
        const write = eventWriter();
        const log = write.walk('enq-1', 'observation');
        const early = write.event('enq-1', 'evidence.start');
        const notReviewer = write.event('enq-1', 'question.approve', {}, PEOPLE.ana.id);
        await store.append('enq-1', [...log, early, notReviewer]);
        equal((await store.readLog('enq-1')).length, log.length + 2, 'refused events are in the log');
        const summary = await store.getSummary('enq-1');
        equal(summary?.stage, 'observation');
        equal(summary?.counts.refusals, 2);
        equal(summary?.counts.events, log.length + 2);
        deepEqual(summary, await replayedSummary(store, 'enq-1'));
        await store.append('enq-1', [write.event('enq-1', 'observation.record', observation(1)), write.event('enq-1', 'evidence.start')]);
        const later = await store.getSummary('enq-1');
        equal(later?.stage, 'evidence', 'the same step is accepted once its requirement is met');
        equal(later?.counts.refusals, 2);
      }));

      it('two connections writing at once lose nothing', using(async (fixture, store) => {
        await seedDirectory(store);
        const other = fixture.reopen ? await fixture.reopen() : store;
        const a = eventWriter({ prefix: 'a', node: 'tab-a' });
        const b = eventWriter({ prefix: 'b', node: 'tab-b', start: '2025-09-05T08:00:00.000Z' });
        const shared = a.walk('enq-1', 'observation');
        await store.append('enq-1', shared.slice(0, 1));
        const fromA = Array.from({ length: 6 }, (_, i) => a.event('enq-1', 'observation.record', { ...observation(i + 10), id: `obs-a${i}` }, PEOPLE.ben.id));
        const fromB = Array.from({ length: 6 }, (_, i) => b.event('enq-1', 'observation.record', { ...observation(i + 20), id: `obs-b${i}` }, PEOPLE.ana.id));
        const person = { ...PEOPLE.ana, id: 'p-new', name: 'New Colleague' };
        const settled = await Promise.allSettled([
          store.append('enq-1', shared.slice(1)),
          ...fromA.map((e) => store.append('enq-1', [e])),
          ...fromB.map((e) => other.append('enq-1', [e])),
          other.append('enq-2', b.walk('enq-2', 'question.review', individualDetails())),
          store.put('people', person, 0),
          other.put('people', { ...person, name: 'Same Colleague' }, 0),
        ]);
        const rejected = settled.filter((s) => s.status === 'rejected');
        equal(rejected.length, 1, 'exactly one of the two creates of p-new is refused');
        ok((rejected[0] as PromiseRejectedResult).reason instanceof StaleWriteError);
        equal((await store.get('people', 'p-new'))?.version, 1);
        for (const reader of [store, other]) {
          const log = await reader.readLog('enq-1');
          equal(log.length, shared.length + 12, 'every event of both connections is in the log');
          const summary = await reader.getSummary('enq-1');
          equal(summary?.counts.observations, 12);
          deepEqual(summary, await replayedSummary(reader, 'enq-1'), 'the summary is the replay of the whole log');
          equal((await reader.getSummary('enq-2'))?.step, 'question.review');
        }
      }));

      it('orders a late event by clock stamp then id, even when one device id is a prefix of another', using(async (_f, store) => {
        const write = eventWriter();
        const [create] = write.walk('enq-1', 'created');
        await store.append('enq-1', [create!]);
        const stamp = (node: string) => `${String(Date.parse('2025-09-05T08:00:00.000Z')).padStart(15, '0')}-00000-${node}`;
        const second = { ...write.event('enq-1', 'enquiry.rename', { title: 'Second' }), id: 'e-a', hlc: stamp('d1x') };
        const first = { ...write.event('enq-1', 'enquiry.rename', { title: 'First' }), id: 'e-b', hlc: stamp('d1') };
        await store.append('enq-1', [second]);
        await store.append('enq-1', [first]);
        deepEqual((await store.readLog('enq-1')).map((e) => e.id), [create!.id, 'e-b', 'e-a'], 'd1 sorts before d1x');
        equal((await store.getSummary('enq-1'))?.title, 'Second', 'the rename that sorts last wins');
        deepEqual(await store.getSummary('enq-1'), await replayedSummary(store, 'enq-1'));
      }));

      it('copies data in and out: changing what you gave or got changes nothing stored', using(async (_f, store) => {
        await seedDirectory(store);
        const [create] = eventWriter().walk('enq-1', 'created');
        await store.append('enq-1', [create!]);
        (create!.payload as { title: string }).title = 'Changed by the caller';
        const [read] = await store.readLog('enq-1');
        equal((read!.payload as { title: string }).title, groupDetails().title);
        (read!.payload as { title: string }).title = 'Changed again';
        equal(((await store.readLog('enq-1'))[0]!.payload as { title: string }).title, groupDetails().title);
        const summary = (await store.listEnquiries())[0]!;
        summary.ownerIds.push('p-intruder');
        deepEqual((await store.getSummary('enq-1'))?.ownerIds, groupDetails().ownerIds);
        const got = await store.get('cycles', CYCLE.id);
        got!.record.policy.minObservations = 40;
        equal((await store.get('cycles', CYCLE.id))?.record.policy.minObservations, CYCLE.policy.minObservations);
      }));
    });

    describe('summaries', () => {
      const counting = countingLifecycle();
      it('lists enquiries with stage, counts and filters, without replaying a log', using(async (_f, store) => {
        await seedDirectory(store);
        const write = eventWriter();
        await store.append('enq-obs', write.walk('enq-obs', 'observation'));
        await store.append('enq-obs', [write.event('enq-obs', 'observation.record', observation(1), PEOPLE.ben.id)]);
        await store.append('enq-rev', write.walk('enq-rev', 'question.review', groupDetails({ title: 'Oracy in maths' })));
        await store.append('enq-old', write.walk('enq-old', 'observation', individualDetails({ cycleId: OLD_CYCLE.id, themeId: undefined })));
        await store.append('enq-ind', write.walk('enq-ind', 'question.drafting', individualDetails()));
        const before = { ...counting.counts };
        const all = await store.listEnquiries();
        deepEqual(all.map((s) => s.enquiryId), ['enq-ind', 'enq-old', 'enq-rev', 'enq-obs'], 'newest change first');
        const obs = all.find((s) => s.enquiryId === 'enq-obs')!;
        deepEqual(
          { stage: obs.stage, step: obs.step, status: obs.status, title: obs.title, kind: obs.kind, communityId: obs.communityId, themeId: obs.themeId },
          { stage: 'observation', step: 'observation', status: 'active', title: groupDetails().title, kind: 'group', communityId: COMMUNITY.id, themeId: 'theme-afl' },
        );
        deepEqual(obs.counts, { events: 5, observations: 1, evidence: 0, refusals: 0 });
        equal(obs.questionText, QUESTION.text);
        deepEqual(obs.contributorIds, [PEOPLE.ana.id, PEOPLE.lead.id, PEOPLE.ben.id]);
        equal(all.find((s) => s.enquiryId === 'enq-rev')!.step, 'question.review');
        equal(all.find((s) => s.enquiryId === 'enq-old')!.stage, 'theme', 'no theme chosen yet');
        const ids = async (filter: Parameters<Store['listEnquiries']>[0]) => (await store.listEnquiries(filter)).map((s) => s.enquiryId).sort();
        deepEqual(await ids({ cycleId: CYCLE.id }), ['enq-ind', 'enq-obs', 'enq-rev']);
        deepEqual(await ids({ cycleId: OLD_CYCLE.id }), ['enq-old']);
        deepEqual(await ids({ ownerId: PEOPLE.ben.id }), ['enq-ind', 'enq-obs', 'enq-old', 'enq-rev']);
        deepEqual(await ids({ ownerId: PEOPLE.ana.id }), ['enq-obs', 'enq-rev']);
        deepEqual(await ids({ communityId: COMMUNITY.id }), ['enq-obs', 'enq-rev']);
        deepEqual(await ids({ stage: 'question' }), ['enq-ind', 'enq-rev']);
        deepEqual(await ids({ stage: 'question.review' }), ['enq-rev']);
        deepEqual(await ids({ cycleId: CYCLE.id, stage: 'observation', ownerId: PEOPLE.ana.id }), ['enq-obs']);
        deepEqual(await ids({ themeId: 'theme-afl', communityId: 'com-none' }), []);
        deepEqual(await store.getSummary('enq-obs'), obs);
        equal(await store.getSummary('enq-none'), undefined);
        deepEqual(counting.counts, before, 'listing and reading summaries never replays or resumes');
        for (const summary of all) deepEqual(summary, await replayedSummary(store, summary.enquiryId), `${summary.enquiryId} equals its replay`);
      }, { lifecycle: counting.lifecycle }));

      it('an append resumes from the cached state instead of replaying the log', using(async (_f, store) => {
        await seedDirectory(store);
        const write = eventWriter();
        await store.append('enq-1', write.walk('enq-1', 'observation'));
        const before = { ...counting.counts };
        await store.append('enq-1', [write.event('enq-1', 'observation.record', observation(1), PEOPLE.ben.id)]);
        equal(counting.counts.replay, before.replay, 'no replay for an event that sorts last');
        const late = write.event('enq-1', 'enquiry.rename', { title: 'Renamed' });
        await store.append('enq-1', [{ ...late, hlc: '000000000000001-00000-d0' }]);
        equal((await store.getSummary('enq-1'))?.title, groupDetails().title, 'a rename that sorts before the create is refused');
        deepEqual(await store.getSummary('enq-1'), await replayedSummary(store, 'enq-1'), 'an event that sorts earlier is replayed correctly');
      }, { lifecycle: counting.lifecycle }));

      it('a change to the cycle, the community lead or the CPD leaders never rewrites the past', using(async (_f, store) => {
        await seedDirectory(store);
        const write = eventWriter();
        await store.append('enq-rev', write.walk('enq-rev', 'question.review'));
        await store.append('enq-ind', [...write.walk('enq-ind', 'question.review', individualDetails()), write.event('enq-ind', 'question.approve', {}, PEOPLE.cpd.id)]);
        await store.append('enq-grp', [...write.walk('enq-grp', 'question.review'), write.event('enq-grp', 'question.approve', {}, PEOPLE.lead.id)]);
        equal((await store.getSummary('enq-ind'))?.stage, 'observation', 'the CPD leader approved');
        equal((await store.getSummary('enq-grp'))?.stage, 'observation', 'the lead approved');
        const cycle = await store.get('cycles', CYCLE.id);
        const relaxed = await store.put('cycles', { ...cycle!.record, policy: { ...cycle!.record.policy, questionReviewRequired: false } }, cycle!.version);
        deepEqual(relaxed.record.pastPolicies?.map((p) => p.policy), [CYCLE.policy], 'the store keeps the policy that ended');
        equal((await store.getSummary('enq-rev'))?.step, 'question.review', 'submitted under review: it still waits for the lead');
        const cpd = await store.get('people', PEOPLE.cpd.id);
        const stepped = await store.put('people', { ...cpd!.record, roles: ['teacher'] }, cpd!.version);
        deepEqual(stepped.record.pastRoles?.map((r) => r.role), ['cpd-leader'], 'the store keeps the role that ended');
        const community = await store.get('communities', COMMUNITY.id);
        const handedOver = await store.put('communities', { ...community!.record, leadId: PEOPLE.ben.id }, community!.version);
        deepEqual(handedOver.record.pastLeads?.map((p) => p.personId), [PEOPLE.lead.id], 'the store keeps the lead who handed over');
        const rewritten = await store.put('communities', { ...handedOver.record, pastLeads: [] }, handedOver.version);
        deepEqual(rewritten.record.pastLeads?.map((p) => p.personId), [PEOPLE.lead.id], 'a writer cannot erase the history');
        // Only erasure marks a person erased (docs/privacy.md): a write neither sets nor clears the mark.
        const ben = await store.get('people', PEOPLE.ben.id);
        const marked = await store.put('people', { ...ben!.record, erasedAt: '2026-01-05T10:00:00.000Z' }, ben!.version);
        equal(marked.record.erasedAt, undefined, 'a writer cannot mark someone erased');
        const erased = await store.put('people', { ...PEOPLE.ana, id: 'p-gone', name: 'Former colleague', erasedAt: '2026-01-05T10:00:00.000Z' }, 0);
        const cleared = await store.put('people', { ...erased.record, erasedAt: undefined, roles: ['teacher', 'coach'] }, erased.version);
        equal(cleared.record.erasedAt, '2026-01-05T10:00:00.000Z', 'nor clear the mark erasure left (a record restored from a backup keeps it)');
        const ind = await store.getSummary('enq-ind');
        equal(ind?.stage, 'observation', 'no longer a CPD leader: the approval made as one stands');
        equal(ind?.counts.refusals, 0);
        equal((await store.getSummary('enq-grp'))?.stage, 'observation', 'a new lead: the old lead\'s approval stands');
        write.tick(Date.now() + 60_000 - write.now()); // the steps below are written after the handover
        await store.append('enq-rev', [write.event('enq-rev', 'question.approve', {}, PEOPLE.lead.id)]);
        equal((await store.getSummary('enq-rev'))?.step, 'question.review', 'the former lead can no longer approve');
        await store.append('enq-rev', [write.event('enq-rev', 'question.approve', {}, PEOPLE.ben.id)]);
        equal((await store.getSummary('enq-rev'))?.stage, 'observation', 'the new lead can');
        for (const id of ['enq-rev', 'enq-ind', 'enq-grp']) deepEqual(await store.getSummary(id), await replayedSummary(store, id));
      }));

      it('refuses deletions that would change an enquiry\'s history', using(async (fixture, store) => {
        await seedDirectory(store);
        const write = eventWriter();
        await store.append('enq-1', write.walk('enq-1', 'question.review'));
        await fixture.settle?.();
        const cycle = await store.get('cycles', CYCLE.id);
        await rejects(store.delete('cycles', CYCLE.id, cycle!.version), { type: StoreError, code: 'conflict', field: 'id', message: /1 enquiry belongs/ });
        const community = await store.get('communities', COMMUNITY.id);
        await rejects(store.delete('communities', COMMUNITY.id, community!.version), { type: StoreError, code: 'conflict' });
        const cpd = await store.get('people', PEOPLE.cpd.id);
        await rejects(store.delete('people', PEOPLE.cpd.id, cpd!.version), { type: StoreError, code: 'conflict', message: /Mark them as left/ });
        const lead = await store.get('people', PEOPLE.lead.id);
        await rejects(store.delete('people', PEOPLE.lead.id, lead!.version), { type: StoreError, code: 'conflict' });
        for (const [collection, id] of [['cycles', CYCLE.id], ['communities', COMMUNITY.id], ['people', PEOPLE.cpd.id]] as const) {
          ok(await store.get(collection, id), `${collection}/${id} is still there`);
        }
        const ana = await store.get('people', PEOPLE.ana.id);
        await store.delete('people', PEOPLE.ana.id, ana!.version);
        equal(await store.get('people', PEOPLE.ana.id), undefined, 'a teacher with no reviewing role can be deleted');
      }));

      it('an enquiry whose create has not arrived yet is listed as new', using(async (_f, store) => {
        const write = eventWriter();
        const [create, draft] = write.walk('enq-1', 'question.drafting');
        await store.append('enq-1', [draft!]);
        const early = await store.getSummary('enq-1');
        deepEqual({ status: early?.status, title: early?.title, refusals: early?.counts.refusals }, { status: 'new', title: '', refusals: 1 });
        await store.append('enq-1', [create!]);
        const later = await store.getSummary('enq-1');
        deepEqual({ status: later?.status, step: later?.step, refusals: later?.counts.refusals }, { status: 'active', step: 'question.drafting', refusals: 0 });
      }));
    });

    describe('directory records', () => {
      it('creates, reads, updates, lists and deletes records with versions', using(async (_f, store) => {
        const created = await store.put('cycles', CYCLE, 0);
        deepEqual(created, { record: CYCLE, version: 1 });
        deepEqual(await store.get('cycles', CYCLE.id), created);
        const renamed = await store.put('cycles', { ...CYCLE, name: '  2025 to 2026  ' }, 1);
        equal(renamed.version, 2);
        equal(renamed.record.name, '2025 to 2026', 'text is trimmed as the schema says');
        await store.put('cycles', OLD_CYCLE, 0);
        deepEqual((await store.list('cycles')).map((v) => [v.record.id, v.version]), [[OLD_CYCLE.id, 1], [CYCLE.id, 2]], 'listed by id');
        deepEqual(await store.list('people'), []);
        await store.delete('cycles', CYCLE.id, 2);
        equal(await store.get('cycles', CYCLE.id), undefined);
        deepEqual((await store.list('cycles')).map((v) => v.record.id), [OLD_CYCLE.id]);
        const again = await store.put('cycles', CYCLE, 0);
        equal(again.version, 1, 'a deleted id can be created again');
        const { policy, ...rest } = OLD_CYCLE;
        const v1 = { ...rest, id: 'cycle-v1', schemaVersion: 1, minObservations: 3, requireStudentVoice: false, requireQuestionReview: true };
        const migrated = await store.put('cycles', v1 as never, 0);
        deepEqual(migrated.record.policy, { ...policy, minObservations: 3, studentVoiceRequired: false, questionReviewRequired: true, minEvidence: 1 }, 'an old record is migrated on the way in');
        equal(migrated.record.schemaVersion, 2);
      }));

      it('refuses stale writes and applies nothing', using(async (_f, store) => {
        await store.put('people', PEOPLE.ana, 0);
        await store.put('people', { ...PEOPLE.ana, name: 'Ana A.' }, 1);
        const stale = await rejects(store.put('people', { ...PEOPLE.ana, name: 'Lost update' }, 1), { type: StaleWriteError, code: 'stale', field: 'people/p-ana' });
        equal((stale as StaleWriteError).expectedVersion, 1);
        equal((stale as StaleWriteError).actualVersion, 2);
        match(stale.message, /version 1.*now 2/);
        deepEqual(await store.get('people', PEOPLE.ana.id), { record: { ...PEOPLE.ana, name: 'Ana A.' }, version: 2 });
        await rejects(store.put('people', PEOPLE.ana, 0), { type: StaleWriteError }, 'creating over an existing record is stale');
        await rejects(store.put('people', PEOPLE.ben, 3), { type: StaleWriteError }, 'updating a record that does not exist is stale');
        equal(await store.get('people', PEOPLE.ben.id), undefined);
        await rejects(store.delete('people', PEOPLE.ana.id, 1), { type: StaleWriteError });
        equal((await store.get('people', PEOPLE.ana.id))?.version, 2, 'a stale delete deletes nothing');
        await rejects(store.delete('people', 'p-nobody', 1), { type: StoreError, code: 'not-found', field: 'id', message: /people\/p-nobody/ });
      }));
    });

    describe('bad input', () => {
      it('every method refuses bad input with an error naming the field', using(async (_f, store) => {
        await seedDirectory(store);
        const write = eventWriter();
        const [create] = write.walk('enq-1', 'created');
        const invalid = async (action: () => Promise<unknown>, field: string, code = 'invalid') => {
          const error = await rejects(action, { type: StoreError, code, field }, `field ${field}`);
          ok(error.message.includes(field.replace(/^events\.\d+\./, '')), `the message names ${field}: ${error.message}`);
        };
        await invalid(() => store.append(42 as never, []), 'enquiryId');
        await invalid(() => store.append('not an id!', []), 'enquiryId');
        await invalid(() => store.append('enq-1', 'events' as never), 'events');
        await invalid(() => store.append('enq-1', [null as never]), 'events.0');
        await invalid(() => store.append('enq-1', [create!, { ...create!, id: 'e-x', payload: { ...create!.payload, title: 't'.repeat(201) } }]), 'events.1.payload.title');
        await invalid(() => store.append('enq-1', [{ ...create!, type: 'nothing.known' }]), 'events.0.type');
        await invalid(() => store.append('enq-1', [{ ...create!, at: 'yesterday' }]), 'events.0.at');
        await invalid(() => store.append('enq-1', [{ ...create!, authorId: 7 as never }]), 'events.0.authorId');
        await invalid(() => store.append('enq-1', [{ ...create!, schemaVersion: 99 }]), 'events.0.schemaVersion');
        const huge = write.event('enq-1', 'evidence.add', { id: 'ev-1', kind: 'note', title: 'Big', text: 'x', attachment: 'y'.repeat(MAX_EVENT_JSON) });
        const tooBig = await rejects(store.append('enq-1', [huge]), { code: 'invalid', field: 'events.0' });
        match(tooBig.message, new RegExp(`${huge.id}.*limit`), 'an oversized event is named by its id');
        await invalid(() => store.append('enq-1', Array.from({ length: MAX_BATCH + 1 }, () => create!)), 'events');
        deepEqual(await store.readLog('enq-1'), [], 'nothing was appended');
        await invalid(() => store.readLog(undefined as never), 'enquiryId');
        await invalid(() => store.getSummary({} as never), 'enquiryId');
        await invalid(() => store.listEnquiries('cycle-2025' as never), 'filter');
        await invalid(() => store.listEnquiries({ colour: 'red' } as never), 'filter.colour');
        await invalid(() => store.listEnquiries({ cycleId: 2025 } as never), 'filter.cycleId');
        await invalid(() => store.get('pets' as never, 'x'), 'collection');
        await invalid(() => store.get('people', ''), 'id');
        await invalid(() => store.list(undefined as never), 'collection');
        await invalid(() => store.put('people', { ...PEOPLE.ana, name: '' }, 1), 'record.name');
        await invalid(() => store.put('people', { ...PEOPLE.ana, roles: 'teacher' } as never, 1), 'record.roles');
        await invalid(() => store.put('people', { ...PEOPLE.ana, email: 'not-an-email' }, 1), 'record.email');
        await invalid(() => store.put('cycles', { ...CYCLE, name: 'n'.repeat(201) }, 1), 'record.name');
        await invalid(() => store.put('meetings', { id: 'm-1' } as never, 0), 'record.communityId');
        await invalid(() => store.put('cycles', { ...CYCLE, startsOn: '2026-09-01', endsOn: '2026-07-20' }, 1), 'record.endsOn');
        const walk = { schemaVersion: 1, id: 'lw-late', cycleId: CYCLE.id, focus: 'Feedback used', date: '2026-09-14', leaderIds: [], lessons: [] };
        await invalid(() => store.put('learningWalks', walk, 0), 'record.date');
        equal(await store.get('learningWalks', walk.id), undefined, 'a walk outside its cycle is not stored');
        equal((await store.put('learningWalks', { ...walk, date: CYCLE.endsOn }, 0)).version, 1, 'its last day is within it');
        await invalid(() => store.put('people', 'Ana' as never, 0), 'record');
        await invalid(() => store.put('people', PEOPLE.ana, -1), 'expectedVersion');
        await invalid(() => store.put('people', PEOPLE.ana, '1' as never), 'expectedVersion');
        await invalid(() => store.put('pets' as never, PEOPLE.ana as never, 1), 'collection');
        await invalid(() => store.delete('people', PEOPLE.ana.id, 1.5), 'expectedVersion');
        await invalid(() => store.delete('people', 'bad id', 1), 'id');
        await invalid(async () => store.subscribe('listener' as never), 'listener');
        deepEqual((await store.get('people', PEOPLE.ana.id))?.version, 1, 'no bad write changed anything');
      }));
    });

    describe('changes', () => {
      it('subscribers hear every change until they unsubscribe', using(async (_f, store) => {
        const heard: StoreChange[] = [];
        const unsubscribe = store.subscribe((change) => heard.push(change));
        const [create] = eventWriter().walk('enq-1', 'created');
        await store.append('enq-1', [create!]);
        await store.put('people', PEOPLE.ana, 0);
        await store.delete('people', PEOPLE.ana.id, 1);
        await store.importBackup(emptyBackup());
        deepEqual(heard, [
          { kind: 'events', enquiryId: 'enq-1', eventIds: [create!.id], origin: 'local' },
          { kind: 'record', collection: 'people', id: PEOPLE.ana.id, version: 1, origin: 'local' },
          { kind: 'record', collection: 'people', id: PEOPLE.ana.id, version: undefined, origin: 'local' },
          { kind: 'reset', origin: 'local' },
        ]);
        unsubscribe();
        await store.put('people', PEOPLE.ana, 0);
        equal(heard.length, 4, 'nothing after unsubscribing');
      }));
    });

    describe('backups', () => {
      /** A store with a directory, several enquiries, refused events and records at version 2. */
      async function fill(store: Store) {
        await seedDirectory(store);
        const write = eventWriter();
        await store.append('enq-a', write.walk('enq-a', 'evidence'));
        await store.append('enq-a', [
          write.event('enq-a', 'evidence.add', { id: 'ev-note', kind: 'note', title: 'Department meeting', text: 'More redrafting in Year 9.' }),
          write.event('enq-a', 'sharing.start'),
          write.event('enq-a', 'outcome.publish'),
        ]);
        await store.append('enq-b', write.walk('enq-b', 'question.review', individualDetails()));
        await store.append('enq-c', [write.event('enq-c', 'question.submit')]);
        const ana = await store.get('people', PEOPLE.ana.id);
        await store.put('people', { ...ana!.record, name: 'Ana Adeyemi-Smith' }, ana!.version);
      }

      it('export, wipe, import: the round trip gives back the same content', using(async (_f, store) => {
        await fill(store);
        const original = await store.exportBackup();
        equal(original.format, 'plc-kit-backup');
        equal(original.schemaVersion, 1);
        equal(original.events.length, 6 + 3 + 3 + 1);
        equal(original.records.people?.find((v) => v.record.id === PEOPLE.ana.id)?.version, 2);
        const summaries = await store.listEnquiries();
        equal(summaries.find((s) => s.enquiryId === 'enq-a')?.counts.refusals, 2);

        await store.importBackup(emptyBackup());
        deepEqual(await store.listEnquiries(), [], 'wiped');
        deepEqual(await store.readLog('enq-a'), []);
        deepEqual(await store.list('people'), []);

        await store.importBackup(JSON.parse(JSON.stringify(original)));
        deepEqual(withoutTime(await store.exportBackup()), withoutTime(original), 'the same backup again');
        deepEqual(await store.listEnquiries(), summaries, 'the same summaries');
        equal((await store.get('people', PEOPLE.ana.id))?.version, 2, 'versions are kept');
        await rejects(store.put('people', PEOPLE.ana, 1), { type: StaleWriteError }, 'and still guard against stale writes');

        const fresh = await makeStore({});
        try {
          await fresh.store.importBackup(JSON.stringify(original));
          deepEqual(withoutTime(await fresh.store.exportBackup()), withoutTime(original), 'a fresh store imports the JSON text too');
          deepEqual(await fresh.store.listEnquiries(), summaries);
        } finally {
          await fresh.cleanup();
        }
      }));

      it('refuses a corrupt or wrong-version backup with the reason, and changes nothing', using(async (_f, store) => {
        await fill(store);
        const original = await store.exportBackup();
        const copy = (): Backup & Record<string, unknown> => JSON.parse(JSON.stringify(original));
        const refused = async (backup: unknown, field: string, message?: RegExp) => {
          await rejects(store.importBackup(backup), { type: StoreError, code: 'corrupt', field, ...(message ? { message } : {}) }, field);
          deepEqual(withoutTime(await store.exportBackup()), withoutTime(original), `nothing changed after refusing ${field}`);
        };
        const badTitle = copy();
        const index = badTitle.events.findIndex((e) => e.type === 'enquiry.create' && e.enquiryId === 'enq-b');
        (badTitle.events[index]!.payload as { title: string }).title = '';
        await refused(badTitle, `events.${index}.payload.title`, new RegExp(`events\\.${index}\\.payload\\.title must not be empty`));
        const newer = copy();
        newer.schemaVersion = 99;
        await refused(newer, 'schemaVersion', /newer plc-kit/);
        const zero = copy();
        zero.schemaVersion = 0;
        await refused(zero, 'schemaVersion');
        const other = copy();
        other.format = 'something-else' as never;
        await refused(other, 'format');
        const person = copy();
        delete (person.records.people![1]!.record as { name?: string }).name;
        await refused(person, 'records.people.1.record.name', /is required/);
        const unknown = copy();
        (unknown.records as Record<string, unknown>)['pets'] = [];
        await refused(unknown, 'records.pets');
        const version = copy();
        version.records.cycles![0]!.version = 0;
        await refused(version, 'records.cycles.0.version');
        const repeated = copy();
        repeated.events.push(repeated.events[0]!);
        await refused(repeated, `events.${repeated.events.length - 1}.id`, /repeats/);
        const wrongType = copy();
        (wrongType.events[2] as DomainEvent).type = 'nothing.known';
        await refused(wrongType, 'events.2.type');
        await refused('{not json', '(backup)', /not JSON/);
        await refused([], '(backup)');
        await refused({ ...copy(), events: 'none' }, 'events');
        const lateWalk = copy();
        lateWalk.records.learningWalks = [
          { record: { schemaVersion: 1, id: 'lw-late', cycleId: CYCLE.id, focus: 'Feedback used', date: '2027-01-10', leaderIds: [], lessons: [] }, version: 1 },
        ];
        await refused(lateWalk, 'records.learningWalks.0.record.date', /within its cycle 2025-26 \(2025-09-01 to 2026-07-20\), not 2027-01-10/);
        const backwards = copy();
        const cycleAt = backwards.records.cycles!.findIndex((v) => (v.record as Cycle).id === CYCLE.id);
        (backwards.records.cycles![cycleAt]!.record as Cycle).startsOn = '2026-09-01';
        await refused(backwards, `records.cycles.${cycleAt}.record.endsOn`, /cannot end before it starts/);
      }));

      it('a second connection sees the same content', using(async (fixture, store) => {
        await fill(store);
        const again = fixture.reopen ? await fixture.reopen() : store;
        deepEqual(withoutTime(await again.exportBackup()), withoutTime(await store.exportBackup()));
        deepEqual(await again.listEnquiries(), await store.listEnquiries());
      }));
    });
  });
}
