/**
 * The append orchestration every store and the server's push run (src/store/append.ts), over a
 * port kept in plain arrays: what it asks of the port and when, and what it decides.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DomainEvent } from '../../../src/lifecycle/events.js';
import { defaultLifecycle as lifecycle } from '../../../src/lifecycle/lifecycle.js';
import type { EnquiryDetails } from '../../../src/schema/enquiry.js';
import { appendBatch, type AppendOutcome, type AppendPort, type Judge } from '../../../src/store/append.js';
import { StoreError } from '../../../src/store/store.js';
import { enquiryDetailsOf, inputKeyOf } from '../../../src/store/summary.js';
import { OLD_CYCLE, PEOPLE, eventWriter, individualDetails } from '../../support/store-fixtures.js';

/** A port over an array log that records what it was asked. */
function arrayPort(stored: DomainEvent[], owners: Record<string, string> = {}, judge?: Judge) {
  const calls: string[] = [];
  const written: AppendOutcome[] = [];
  const inputFor = (details: EnquiryDetails | undefined) => {
    calls.push(`inputFor:${details?.cycleId ?? '-'}`);
    const input = { reviewerIds: [details?.cycleId ?? '-'] };
    return { input, inputKey: inputKeyOf(input, lifecycle) };
  };
  const port: AppendPort = {
    storedOwners: (ids) => new Map(ids.flatMap((id) => (stored.some((e) => e.id === id) ? [[id, 'e1'] as const] : owners[id] ? [[id, owners[id]] as const] : []))),
    load() {
      calls.push('load');
      // The cached state: the stored log replayed, without the log itself.
      const details = enquiryDetailsOf(stored);
      const { input, inputKey } = inputFor(details);
      return { state: lifecycle.replay(stored, input), input, inputKey, details, log: undefined };
    },
    readLog() {
      calls.push('readLog');
      return stored;
    },
    inputFor,
    ...(judge ? { judge: () => judge } : {}),
    write(outcome) {
      written.push(outcome);
    },
  };
  return { port, calls, written, inputFor };
}

const batch = (events: DomainEvent[]) => events.map((event, index) => ({ index, event }));

describe('the append orchestration', () => {
  it('writes fresh events once, and asks for nothing more when all of a batch is stored', async () => {
    const write = eventWriter({ prefix: 'a' });
    const log = write.walk('e1', 'question.drafting', individualDetails({ ownerIds: [PEOPLE.ana.id] }));
    const first = arrayPort([]);
    const report = await appendBatch(lifecycle, 'e1', batch([...log, log[0]!]), first.port);
    assert.deepEqual([report.fresh.length, report.duplicates.map((d) => d.index)], [2, [2]], 'a repeat inside the batch is a duplicate');
    assert.equal(first.written[0]?.state.stage, 'question');
    const again = arrayPort(log);
    const retried = await appendBatch(lifecycle, 'e1', batch(log), again.port);
    assert.deepEqual([retried.duplicates.length, retried.outcome, again.calls], [2, undefined, []]);
  });

  it("refuses the whole batch when an id is another enquiry's, unless the port says otherwise", async () => {
    const [create] = eventWriter({ prefix: 'b' }).walk('e1', 'created', individualDetails());
    const { port, written } = arrayPort([], { [create!.id]: 'e9' });
    await assert.rejects(appendBatch(lifecycle, 'e1', batch([create!]), port), (error: unknown) => error instanceof StoreError && error.code === 'conflict' && error.field === 'events.0.id');
    assert.equal(written.length, 0);
    const told: string[] = [];
    const report = await appendBatch(lifecycle, 'e1', batch([create!]), { ...port, conflicts: (found) => void told.push(...found.map((c) => c.owner)) });
    assert.deepEqual([told, report.outcome], [['e9'], undefined]);
  });

  it('keeps refused events, and leaves out what the judge rejects', async () => {
    const write = eventWriter({ prefix: 'c' });
    const [create] = write.walk('e1', 'created', individualDetails());
    const early = write.event('e1', 'evidence.start');
    const rename = write.event('e1', 'enquiry.rename', { title: 'Not this' });
    const { port, written } = arrayPort([create!], {}, ({ event }) => event.type !== 'enquiry.rename');
    const report = await appendBatch(lifecycle, 'e1', batch([early, rename]), port);
    assert.deepEqual(report.rejected.map((r) => r.event.id), [rename.id]);
    assert.deepEqual(written[0]?.accepted.map((a) => a.event.id), [early.id]);
    assert.ok(written[0]?.refusals.has(early.id), 'the lifecycle refused it; it is stored all the same');
  });

  it('reads the log for an event that arrived late, and decides as a replay of the whole log', async () => {
    const write = eventWriter({ prefix: 'd' });
    const stored = write.walk('e1', 'question.drafting', individualDetails());
    const later = write.event('e1', 'enquiry.rename', { title: 'Later' });
    stored.push(later);
    const early = { ...later, id: 'd-early', hlc: stored[1]!.hlc.replace(/^(\d+)/, (ms) => String(Number(ms) + 1).padStart(ms.length, '0')), payload: { title: 'Early' } };
    const { port, calls, written } = arrayPort(stored);
    await appendBatch(lifecycle, 'e1', batch([early]), port);
    assert.deepEqual(calls.filter((c) => !c.startsWith('inputFor')), ['load', 'readLog']);
    assert.equal(written[0]?.replayed, true);
    assert.deepEqual(written[0]?.state.data, lifecycle.replay([...stored, early], written[0]!.loaded.input).data);
  });

  it('takes the input of a late create that sorts before the stored one', async () => {
    const write = eventWriter({ prefix: 'f', start: '2025-09-10T08:00:00.000Z' });
    const [create] = write.walk('e1', 'created', individualDetails());
    const earlier = { ...eventWriter({ prefix: 'g', start: '2025-09-01T08:00:00.000Z' }).walk('e1', 'created', individualDetails({ cycleId: OLD_CYCLE.id }))[0]! };
    const { port, calls, written, inputFor } = arrayPort([create!]);
    await appendBatch(lifecycle, 'e1', batch([earlier]), port);
    assert.ok(calls.includes(`inputFor:${OLD_CYCLE.id}`), 'the input is resolved again for the earlier create');
    assert.equal(written[0]?.state.data.details?.cycleId, OLD_CYCLE.id);
    assert.equal(written[0]?.loaded.inputKey, inputFor(individualDetails({ cycleId: OLD_CYCLE.id })).inputKey);
  });
});
