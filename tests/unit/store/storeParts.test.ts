/**
 * The parts every store adapter shares: summaries from replayed states, which directory writes
 * change an enquiry's lifecycle input, boundary checks, and backup documents. Plus the memory
 * store with an integrator's lifecycle.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as z from 'zod/mini';
import { createLifecycle, defaultLifecycle } from '../../../src/lifecycle/lifecycle.js';
import { lifecycleInputFor } from '../../../src/lifecycle/input.js';
import { CURRENT_VERSIONS } from '../../../src/schema/migrate.js';
import { COLLECTIONS } from '../../../src/schema/directory.js';
import { BACKUP_FORMAT, createBackup, emptyBackup, readBackup } from '../../../src/store/backup.js';
import { createMemoryStore } from '../../../src/store/memory.js';
import { StoreError, type EnquirySummary } from '../../../src/store/store.js';
import { compareSummaries, enquiryDetailsOf, inputImpactOf, matchesFilter, summarizeEnquiry } from '../../../src/store/summary.js';
import { checkBatch, checkFilter, checkRecord } from '../../../src/store/validate.js';
import { COMMUNITY, CYCLE, PEOPLE, eventWriter, groupDetails, individualDetails, observation, seedDirectory } from '../../support/store-fixtures.js';

const input = lifecycleInputFor(groupDetails(), { cycle: CYCLE, community: COMMUNITY, cpdLeaders: [PEOPLE.cpd] });

describe('summarizeEnquiry', () => {
  it('reads every field from the replayed state', () => {
    const write = eventWriter();
    const log = [...write.walk('enq-1', 'evidence'), write.event('enq-1', 'sharing.start')];
    const summary = summarizeEnquiry('enq-1', defaultLifecycle.replay(log, input));
    assert.deepEqual(summary, {
      enquiryId: 'enq-1',
      title: groupDetails().title,
      kind: 'group',
      cycleId: CYCLE.id,
      themeId: 'theme-afl',
      communityId: COMMUNITY.id,
      ownerIds: [PEOPLE.ana.id, PEOPLE.ben.id],
      track: 'plc',
      stage: 'evidence',
      step: 'evidence',
      status: 'active',
      questionText: log[1]!.payload['text'],
      counts: { events: 7, observations: 1, evidence: 0, refusals: 1 },
      contributorIds: [PEOPLE.ana.id, PEOPLE.lead.id],
      createdAt: log[0]!.at,
      updatedAt: log[5]!.at,
      publishedAt: undefined,
    });
  });

  it('an enquiry without an accepted create is new, with empty details', () => {
    const write = eventWriter();
    const summary = summarizeEnquiry('enq-1', defaultLifecycle.replay([write.event('enq-1', 'question.submit')], input));
    assert.equal(summary.status, 'new');
    assert.equal(summary.title, '');
    assert.equal(summary.cycleId, '');
    assert.deepEqual(summary.ownerIds, []);
    assert.equal(summary.counts.refusals, 1);
  });

  it('the details come from the first create in merge order, whatever the array order', () => {
    const write = eventWriter();
    const first = write.event('enq-1', 'enquiry.create', groupDetails({ title: 'First' }));
    const second = write.event('enq-1', 'enquiry.create', groupDetails({ title: 'Second' }));
    assert.equal(enquiryDetailsOf([second, first])?.title, 'First');
    assert.equal(enquiryDetailsOf([write.event('enq-1', 'question.submit')]), undefined);
  });

  it('filters match the stage or the step; newest change first, then by id', () => {
    const base = summarizeEnquiry('a', defaultLifecycle.replay(eventWriter().walk('a', 'question.review'), input));
    assert.ok(matchesFilter(base, { stage: 'question' }));
    assert.ok(matchesFilter(base, { stage: 'question.review', ownerId: PEOPLE.ben.id, cycleId: CYCLE.id }));
    assert.ok(!matchesFilter(base, { stage: 'question.drafting' }));
    assert.ok(!matchesFilter(base, { themeId: 'theme-other' }));
    const at = (enquiryId: string, updatedAt: string | undefined): EnquirySummary => ({ ...base, enquiryId, updatedAt });
    const sorted = [at('b', '2025-01-01T00:00:00.000Z'), at('c', undefined), at('a', '2025-01-01T00:00:00.000Z'), at('d', '2025-02-01T00:00:00.000Z')].sort(compareSummaries);
    assert.deepEqual(sorted.map((s) => s.enquiryId), ['d', 'a', 'b', 'c']);
  });
});

describe('inputImpactOf', () => {
  it('names the enquiries whose lifecycle input a directory write changes', () => {
    assert.deepEqual(inputImpactOf('cycles', CYCLE.id, CYCLE, { ...CYCLE, policy: { ...CYCLE.policy, minEvidence: 2 } }), { field: 'cycleId', id: CYCLE.id });
    assert.equal(inputImpactOf('cycles', CYCLE.id, CYCLE, { ...CYCLE, name: 'Renamed' }), undefined);
    assert.deepEqual(inputImpactOf('cycles', CYCLE.id, undefined, CYCLE), { field: 'cycleId', id: CYCLE.id }, 'a new cycle replaces the default policy');
    assert.deepEqual(inputImpactOf('communities', COMMUNITY.id, COMMUNITY, { ...COMMUNITY, leadId: PEOPLE.ben.id }), { field: 'communityId', id: COMMUNITY.id });
    assert.equal(inputImpactOf('communities', COMMUNITY.id, COMMUNITY, { ...COMMUNITY, memberIds: [] }), undefined);
    assert.deepEqual(inputImpactOf('people', PEOPLE.ana.id, PEOPLE.ana, { ...PEOPLE.ana, roles: ['cpd-leader'] }), { field: 'all' });
    assert.deepEqual(inputImpactOf('people', PEOPLE.cpd.id, PEOPLE.cpd, undefined), { field: 'all' });
    assert.equal(inputImpactOf('people', PEOPLE.ana.id, PEOPLE.ana, { ...PEOPLE.ana, name: 'Ana' }), undefined);
    assert.equal(inputImpactOf('themes', 'theme-afl', undefined, { id: 'theme-afl' }), undefined);
  });
});

describe('boundary checks', () => {
  it('a StoreError lists every field at fault', () => {
    const error = (() => {
      try {
        checkRecord('people', { ...PEOPLE.ana, name: '', roles: [] });
      } catch (caught) {
        return caught;
      }
    })();
    assert.ok(error instanceof StoreError);
    assert.equal(error.code, 'invalid');
    assert.equal(error.field, 'record.name');
    assert.deepEqual(error.problems.map((p) => p.path), ['record.name', 'record.roles']);
    assert.match(error.message, /record\.name must not be empty; record\.roles must have at least 1 item/);
  });

  it('validates events with the injected lifecycle: its own event types pass, unknown ones do not', () => {
    const lifecycle = createLifecycle({
      stages: [{ id: 'coaching', after: 'question', on: { 'coaching.complete': { advances: true } } }],
      events: { 'coaching.complete': z.object({ notes: z.string() }) },
    });
    const write = eventWriter();
    const event = write.event('enq-1', 'coaching.complete', { notes: 'Two sessions' });
    assert.equal(checkBatch('enq-1', [event], lifecycle).length, 1);
    assert.throws(() => checkBatch('enq-1', [event], defaultLifecycle), (e: unknown) => e instanceof StoreError && e.field === 'events.0.type');
    assert.throws(() => checkBatch('enq-1', [{ ...event, payload: { notes: 3 } }], lifecycle), (e: unknown) => e instanceof StoreError && e.field === 'events.0.payload.notes');
  });

  it('filters take known fields only', () => {
    assert.deepEqual(checkFilter(undefined), {});
    assert.deepEqual(checkFilter({ cycleId: 'c', stage: undefined }), { cycleId: 'c' });
    assert.throws(() => checkFilter({ owner: 'p' }), /filter\.owner is not a filter/);
  });
});

describe('backups', () => {
  it('an empty backup is valid and has every collection', () => {
    const backup = emptyBackup(new Date('2025-09-01T00:00:00.000Z'));
    assert.deepEqual(backup, {
      format: BACKUP_FORMAT,
      schemaVersion: CURRENT_VERSIONS.backup,
      exportedAt: '2025-09-01T00:00:00.000Z',
      events: [],
      records: Object.fromEntries(COLLECTIONS.map((c) => [c, []])),
    });
    assert.deepEqual(readBackup(backup).events, []);
  });

  it('sorts events by enquiry then merge order, records by id', () => {
    const write = eventWriter();
    const a = write.walk('enq-b', 'created');
    const b = write.walk('enq-a', 'question.drafting');
    const backup = createBackup({ events: [...a, ...b].reverse(), records: { people: [{ record: PEOPLE.lead, version: 1 }, { record: PEOPLE.ana, version: 3 }] } });
    assert.deepEqual(backup.events.map((e) => e.id), [...b, ...a].map((e) => e.id));
    assert.deepEqual(backup.records.people?.map((v) => v.record.id), [PEOPLE.ana.id, PEOPLE.lead.id]);
  });

  it('old events and records in a backup are migrated on import', () => {
    const write = eventWriter();
    const { hlc: _hlc, ...create } = write.event('enq-1', 'enquiry.create', individualDetails());
    const { policy: _policy, ...cycle } = CYCLE;
    const backup = readBackup({
      ...emptyBackup(),
      events: [{ ...create, schemaVersion: 1 }],
      records: { cycles: [{ record: { ...cycle, schemaVersion: 1, minObservations: 4 }, version: 2 }] },
    });
    assert.match(backup.events[0]!.hlc, /-v1$/);
    assert.equal(backup.records.cycles?.[0]?.record.policy.minObservations, 4);
    assert.equal(backup.records.cycles?.[0]?.version, 2);
  });

  it('lists at most twenty problems, and says how many more', () => {
    const write = eventWriter();
    const events = Array.from({ length: 30 }, () => ({ ...write.event('enq-1', 'enquiry.rename', { title: '' }) }));
    try {
      readBackup({ ...emptyBackup(), events });
      assert.fail('the backup should be refused');
    } catch (error) {
      assert.ok(error instanceof StoreError);
      assert.equal(error.code, 'corrupt');
      assert.equal(error.problems.length, 20);
      assert.equal(error.field, 'events.0.payload.title');
      assert.match(error.message, /nothing was changed.*\(and 1 more\)$/);
    }
  });
});

describe('memory store', () => {
  it('summaries follow an integrator lifecycle with an inserted stage', async () => {
    const lifecycle = createLifecycle({
      stages: [{ id: 'coaching', after: 'question', on: { 'coaching.complete': { advances: true } } }],
      events: { 'coaching.complete': z.object({}) },
    });
    const store = createMemoryStore({ lifecycle });
    await seedDirectory(store);
    const write = eventWriter();
    const stages = [...lifecycle.stages];
    await store.append('enq-new', write.walk('enq-new', 'observation', groupDetails({ stages })));
    await store.append('enq-old', write.walk('enq-old', 'observation'));
    assert.equal((await store.getSummary('enq-new'))?.stage, 'coaching');
    assert.equal((await store.getSummary('enq-old'))?.stage, 'observation', 'an enquiry created before the stage passes over it');
    await store.append('enq-new', [write.event('enq-new', 'coaching.complete', {}), write.event('enq-new', 'observation.record', observation(1))]);
    assert.deepEqual((await store.listEnquiries({ stage: 'observation' })).map((s) => [s.enquiryId, s.counts.observations]), [['enq-new', 1], ['enq-old', 0]]);
  });

  it('rebuildSummaries replays every log again', async () => {
    const store = createMemoryStore();
    await seedDirectory(store);
    await store.append('enq-1', eventWriter().walk('enq-1', 'observation'));
    const before = await store.listEnquiries();
    await store.rebuildSummaries();
    assert.deepEqual(await store.listEnquiries(), before);
  });

  it('a closed store refuses every call', async () => {
    const store = createMemoryStore();
    await store.close();
    await assert.rejects(store.readLog('enq-1'), (e: unknown) => e instanceof StoreError && e.code === 'closed');
    await assert.rejects(store.put('people', PEOPLE.ana, 0), (e: unknown) => e instanceof StoreError && e.code === 'closed');
  });
});
