/**
 * What zod configured per call costs (not a test: `npm run bench`, or
 * `node --import tsx tests/bench/zod-parse.bench.ts`). plc-kit passes its options to each parse
 * (src/schema/zod.ts) instead of calling zod's global `config()`; this measures a realistic
 * event envelope and payload parsed with those options against a bare parse of the same schema,
 * in the same run. Each figure is the fastest of ROUNDS rounds (BENCH_ROUNDS, 5 by default).
 */
import { performance } from 'node:perf_hooks';
import { EVENT_PAYLOADS, EventEnvelope } from '../../src/index.js';
import { parseSafely } from '../../src/schema/zod.js';
import { createFixture, observation } from '../support/lifecycle-fixtures.js';

const PARSES = 20_000;
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);

const fx = createFixture({ enquiryId: 'enq-1', idPrefix: 'e' });
const event = fx.event('observation.record', observation(1));
const payload = EVENT_PAYLOADS['observation.record'];
if (!parseSafely(EventEnvelope, event).success || !parseSafely(payload, event.payload).success) {
  throw new Error('the benchmark event is not valid: fix the fixture');
}

function fastest(parse: () => unknown): number {
  let best = Infinity;
  for (let round = 0; round < ROUNDS; round += 1) {
    const started = performance.now();
    for (let i = 0; i < PARSES; i += 1) parse();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

const bare = fastest(() => {
  EventEnvelope.safeParse(event);
  payload.safeParse(event.payload);
});
const perCall = fastest(() => {
  parseSafely(EventEnvelope, event);
  parseSafely(payload, event.payload);
});
const perSecond = (ms: number) => Math.round((PARSES / ms) * 1000);
console.log(`bench zod parse, bare: ${perSecond(bare)} events/s`);
console.log(`bench zod parse, plc-kit's per-call options: ${perSecond(perCall)} events/s`);
console.log(`bench zod parse, per-call options: ${(perCall / bare).toFixed(2)}x vs bare`);
