/**
 * The record rules every store applies (`src/store/recordRules.ts`), run by the conformance suite
 * against each adapter: the memory store, IndexedDB, and the HTTP store against the server. A
 * coaching pair, a coaching log entry or a sharing session that does not fit the stored data is
 * refused with the same field named, and nothing is stored; one that fits is. So is a backup
 * holding one that does not fit the backup's own records and logs.
 */
import { StoreError, type Store } from '../../src/store/store.js';
import { deepEqual, equal, ok, rejects } from './assert.js';
import { CYCLE, PEOPLE, eventWriter, seedDirectory, studentVoice } from './store-fixtures.js';
import type { MakeStore, TestApi } from './store-conformance.js';

const PAIR = {
  schemaVersion: 1,
  id: 'cp-1',
  cycleId: CYCLE.id,
  personIds: [PEOPLE.ana.id, PEOPLE.ben.id] as [string, string],
  arrangedById: PEOPLE.cpd.id,
  slots: [
    { observerId: PEOPLE.ana.id, observedId: PEOPLE.ben.id, date: '2025-10-06' },
    { observerId: PEOPLE.ben.id, observedId: PEOPLE.ana.id, date: '2025-10-13' },
  ],
};

const LOG_ENTRY = { schemaVersion: 1, id: 'cl-1', pairId: PAIR.id, memberIds: PAIR.personIds, authorId: PEOPLE.ana.id, date: '2025-10-07', text: 'Tried cold calling.' };

const SESSION = {
  schemaVersion: 1,
  id: 'ss-1',
  title: 'Summer sharing',
  cycleId: CYCLE.id,
  sourceCycleId: CYCLE.id,
  date: '2026-06-30',
  startsAt: '15:30',
  room: 'Hall',
  slots: [{ id: 'sl-1', enquiryId: 'enq-pub', title: 'Feedback', presenterIds: [PEOPLE.ana.id], minutes: 10 }],
  attendance: [],
};

/** Brings `enq-pub` (a group enquiry of the fixture cycle) to a published outcome. */
async function publishOne(store: Store): Promise<void> {
  const write = eventWriter({ prefix: 'rr' });
  await store.append('enq-pub', [
    ...write.walk('enq-pub', 'evidence'),
    write.event('enq-pub', 'evidence.add', studentVoice()),
    write.event('enq-pub', 'reflection.save', { whatWorked: 'Time to respond.', whatDidNot: '', nextSteps: '' }),
    write.event('enq-pub', 'sharing.start'),
    write.event('enq-pub', 'outcome.save', { summary: 'Response time helps.', findings: [], recommendations: [], audiences: ['booklet', 'sharing-session'] }),
    write.event('enq-pub', 'outcome.publish'),
  ]);
  equal((await store.getSummary('enq-pub'))?.stage, 'shared', 'the fixture enquiry is published');
}

/** Runs the record rules' part of the conformance suite against `makeStore`. */
export function recordRulesConformance(makeStore: MakeStore, { describe, it }: TestApi): void {
  describe('record rules across fields (every store refuses the same way)', () => {
    it('refuses a coaching pair with oneself, with slots outside its cycle or not reciprocal, and a log entry outside its pair', async () => {
      const { store, cleanup } = await makeStore({});
      try {
        await seedDirectory(store);
        const refused = async (collection: 'coachingPairs' | 'coachingLogs', record: object, field: string) => {
          const error = await rejects(() => store.put(collection, record as never, 0), { type: StoreError, code: 'invalid', field }, field);
          ok(error.message.includes(field), `the message names ${field}: ${error.message}`);
          equal(await store.get(collection, (record as { id: string }).id), undefined, `${field}: nothing stored`);
        };
        await refused('coachingPairs', { ...PAIR, personIds: [PEOPLE.ana.id, PEOPLE.ana.id] }, 'record.personIds.1');
        await refused('coachingPairs', { ...PAIR, slots: [PAIR.slots[0], { ...PAIR.slots[1], date: '2026-09-14' }] }, 'record.slots.1.date');
        await refused('coachingPairs', { ...PAIR, slots: [PAIR.slots[0]] }, 'record.slots');
        await refused('coachingPairs', { ...PAIR, slots: [{ ...PAIR.slots[0], observedId: PEOPLE.lead.id }, PAIR.slots[1]] }, 'record.slots.0.observedId');
        await refused('coachingLogs', LOG_ENTRY, 'record.pairId');
        equal((await store.put('coachingPairs', PAIR as never, 0)).version, 1, 'a pair that fits is stored');
        await refused('coachingLogs', { ...LOG_ENTRY, memberIds: [PEOPLE.ana.id, PEOPLE.lead.id] }, 'record.memberIds');
        await refused('coachingLogs', { ...LOG_ENTRY, authorId: PEOPLE.lead.id }, 'record.authorId');
        equal((await store.put('coachingLogs', LOG_ENTRY as never, 0)).version, 1, 'an entry by one of the pair is stored');
      } finally {
        await cleanup();
      }
    });

    it('refuses a backup whose coaching pair or log entry breaks the same rules, naming the record and its field', async () => {
      const { store, cleanup } = await makeStore({});
      try {
        await seedDirectory(store);
        const backup = await store.exportBackup();
        const withCoaching = (pair: object, log?: object) => ({
          ...backup,
          records: { ...backup.records, coachingPairs: [{ record: pair, version: 1 }], ...(log ? { coachingLogs: [{ record: log, version: 1 }] } : {}) },
        });
        const refused = (value: object, field: string) => rejects(() => store.importBackup(value as never), { type: StoreError, code: 'corrupt', field }, field);
        await refused(withCoaching({ ...PAIR, personIds: [PEOPLE.ana.id, PEOPLE.ana.id] }), 'records.coachingPairs.0.record.personIds.1');
        await refused(withCoaching({ ...PAIR, slots: [PAIR.slots[0], { ...PAIR.slots[1], date: '2026-09-14' }] }), 'records.coachingPairs.0.record.slots.1.date');
        await refused(withCoaching(PAIR, { ...LOG_ENTRY, authorId: PEOPLE.lead.id }), 'records.coachingLogs.0.record.authorId');
        equal(await store.get('coachingPairs', PAIR.id), undefined, 'nothing imported');
        await store.importBackup(withCoaching(PAIR, LOG_ENTRY) as never);
        equal((await store.get('coachingLogs', LOG_ENTRY.id))?.version, 1, 'a backup whose pair and entry fit is imported');
      } finally {
        await cleanup();
      }
    });

    it('refuses a sharing session outside its cycle, presenting an unpublished outcome or a presenter not on the staff', async () => {
      const { store, cleanup, settle } = await makeStore({});
      try {
        await seedDirectory(store);
        const problems = async (record: object) => {
          const error = await rejects(() => store.put('sharingSessions', record as never, 0), { type: StoreError, code: 'invalid' });
          equal(await store.get('sharingSessions', SESSION.id), undefined, 'nothing stored');
          return (error as StoreError).problems.map((p) => p.path);
        };
        deepEqual(await problems(SESSION), ['record.slots.0.enquiryId'], 'not published yet');
        await publishOne(store);
        await settle?.(); // a sync store: the server has the publication too
        deepEqual(await problems({ ...SESSION, date: '2026-08-30' }), ['record.date']);
        deepEqual(await problems({ ...SESSION, slots: [{ ...SESSION.slots[0], presenterIds: ['p-nobody'] }] }), ['record.slots.0.presenterIds.0']);
        deepEqual(await problems({ ...SESSION, cycleId: 'cycle-none' }), ['record.cycleId']);
        equal((await store.put('sharingSessions', SESSION as never, 0)).version, 1, 'a session that fits is stored');
      } finally {
        await cleanup();
      }
    });

    it('refuses a backup whose sharing session breaks the same rules, against the backup\u2019s own logs, naming the record as the document lists it', async () => {
      const { store, cleanup, settle } = await makeStore({});
      try {
        await seedDirectory(store);
        await publishOne(store);
        await settle?.();
        const backup = await store.exportBackup();
        const withSessions = (...sessions: object[]) => ({ ...backup, records: { ...backup.records, sharingSessions: sessions.map((record) => ({ record, version: 1 })) } });
        const refused = async (value: object, fields: string[]) => {
          const error = await rejects(() => store.importBackup(value as never), { type: StoreError, code: 'corrupt', field: fields[0] }, fields[0]);
          deepEqual((error as StoreError).problems.map((p) => p.path), fields);
          ok(error.message.includes('nothing was changed'), error.message);
        };
        await refused(withSessions({ ...SESSION, date: '2026-08-30' }), ['records.sharingSessions.0.record.date']);
        await refused(withSessions({ ...SESSION, slots: [{ ...SESSION.slots[0], presenterIds: ['p-nobody'] }] }), ['records.sharingSessions.0.record.slots.0.presenterIds.0']);
        // Second in the document, first by id: the path is the document's.
        await refused(withSessions(SESSION, { ...SESSION, id: 'ss-0', slots: [{ ...SESSION.slots[0], enquiryId: 'enq-none' }] }), ['records.sharingSessions.1.record.slots.0.enquiryId']);
        // Published in the store, but not in this backup's log: the backup is what is checked.
        const unpublished = { ...withSessions(SESSION), events: backup.events.filter((e) => e.type !== 'outcome.publish') };
        await refused(unpublished, ['records.sharingSessions.0.record.slots.0.enquiryId']);
        equal(await store.get('sharingSessions', SESSION.id), undefined, 'nothing imported');
        equal((await store.getSummary('enq-pub'))?.stage, 'shared', 'the store is as it was');
        await store.importBackup(withSessions(SESSION) as never);
        equal((await store.get('sharingSessions', SESSION.id))?.version, 1, 'a backup whose session fits is imported');
      } finally {
        await cleanup();
      }
    });
  });
}
