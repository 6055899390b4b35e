/**
 * Logs stored before the trust change (docs/privacy.md) replay to the same state: the fixture
 * holds 25 logs of the format plc-kit wrote up to November 2026 (the demo school's enquiries,
 * walks to every stage with and without review, an observation shared by its observer, an
 * earlier-dated second create and refused steps) with what the code of that time (commit
 * 6d2faee) replayed them to. Stages, steps, owners, reviews, observations, evidence, publication
 * and every refusal must be the same now. Only who reads an observation may narrow (an observer's
 * `sharedWith` is no longer honoured), which these fields do not include by design.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createLifecycle, type DomainEvent, type LifecycleInput } from '../../../src/index.js';

interface StoredLog {
  name: string;
  input: LifecycleInput;
  events: DomainEvent[];
  replayed: Record<string, unknown>;
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/logs-2026-11.json', import.meta.url), 'utf8')) as { madeWith: string; logs: StoredLog[] };
const lifecycle = createLifecycle();

describe(`logs stored before the trust change replay to the same state (made with ${fixture.madeWith})`, () => {
  it('holds logs of every kind', () => assert.ok(fixture.logs.length >= 25));
  for (const log of fixture.logs) {
    it(log.name, () => {
      const s = lifecycle.replay(log.events, log.input);
      assert.deepEqual(
        {
          stage: s.stage,
          step: s.step,
          status: s.data.status,
          ownerIds: s.data.details?.ownerIds ?? [],
          review: s.data.review.status,
          observations: s.data.observations.map((o) => o.id),
          evidence: s.data.evidence.map((e) => e.id),
          publishedAt: s.data.publishedAt ?? null,
          refusals: s.refusals.map((r) => [r.eventId, r.code]),
        },
        log.replayed,
      );
    });
  }
  it("an observer's sharedWith in a stored log is no longer honoured: only the observed colleague's share widens it", () => {
    const log = fixture.logs.find((l) => l.name === 'observation shared by its observer')!;
    const observation = lifecycle.replay(log.events, log.input).data.observations.find((o) => o.observedId === 'p-obs');
    assert.deepEqual(observation?.sharedWith, ['p-coach']);
  });
});
