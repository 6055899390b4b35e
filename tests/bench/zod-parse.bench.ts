/**
 * What zod configured per call costs (not a test: `npm run bench`, or
 * `node --import tsx tests/bench/zod-parse.bench.ts`). plc-kit passes its options to each parse
 * (src/schema/zod.ts) instead of calling zod's global `config()`; this measures a realistic
 * event envelope and payload parsed with those options against a bare parse of the same schema,
 * in the same run; then the compiled fast path the server installs (src/schema/compiledParse.ts)
 * against zod on the same parses, and the lifecycle's whole validation of an event (migration,
 * envelope, payload) with and without it. Each figure is the fastest of ROUNDS rounds
 * (BENCH_ROUNDS, 5 by default), in CPU time.
 */
import { deepStrictEqual } from 'node:assert/strict';
import { defaultLifecycle, EVENT_PAYLOADS, EventEnvelope } from '../../src/index.js';
import { compiledParse } from '../../src/schema/compiledParse.js';
import { parseSafely, useFastPath } from '../../src/schema/zod.js';
import { createFixture, evidence, observation } from '../support/lifecycle-fixtures.js';

const PARSES = 20_000;
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);

const fx = createFixture({ enquiryId: 'enq-1', idPrefix: 'e' });
const event = fx.event('observation.record', observation(1));
const payload = EVENT_PAYLOADS['observation.record'];
if (!parseSafely(EventEnvelope, event).success || !parseSafely(payload, event.payload).success) {
  throw new Error('the benchmark event is not valid: fix the fixture');
}

/** The fastest round's CPU time (user + system, ms): on a busy machine wall time counts the waits for a CPU. */
function fastest(parse: () => unknown): number {
  let best = Infinity;
  for (let round = 0; round < ROUNDS; round += 1) {
    const started = process.cpuUsage();
    for (let i = 0; i < PARSES; i += 1) parse();
    const used = process.cpuUsage(started);
    best = Math.min(best, (used.user + used.system) / 1_000);
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

// The compiled path gives zod's output (checked here) in a fraction of the time.
deepStrictEqual(compiledParse(EventEnvelope, event), parseSafely(EventEnvelope, event).data);
deepStrictEqual(compiledParse(payload, event.payload), parseSafely(payload, event.payload).data);
const compiled = fastest(() => {
  compiledParse(EventEnvelope, event);
  compiledParse(payload, event.payload);
});
console.log(`bench zod parse, compiled fast path: ${perSecond(compiled)} events/s`);
console.log(`bench zod parse, compiled fast path: ${(perCall / compiled).toFixed(2)}x faster than zod`);

// The lifecycle's validation of an observation and an evidence item, as a push runs it.
const events = [event, fx.event('evidence.add', evidence.studentVoice('ev-1'))];
const validateAll = () => {
  for (const e of events) defaultLifecycle.validate(e);
};
const withZod = fastest(validateAll) / events.length;
useFastPath(compiledParse);
const withCompiled = fastest(validateAll) / events.length;
useFastPath(undefined);
console.log(`bench event validation, zod: ${perSecond(withZod)} events/s`);
console.log(`bench event validation, compiled fast path: ${perSecond(withCompiled)} events/s (${(withZod / withCompiled).toFixed(2)}x faster)`);
