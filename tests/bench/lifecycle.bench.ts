/**
 * Benchmark of lifecycle replay (not a test: `npm run bench`, or
 * `node --import tsx tests/bench/lifecycle.bench.ts`).
 *
 * Replays 1,000 enquiries of 200 events each (a realistic mix: the walk to evidence gathering,
 * then observations, evidence, edits, shares, pauses and about one refused event in ten), and
 * compares, in the same run:
 * - full replay (every event validated, through the machine's transition table) against the
 *   same log stepped through XState's own `transition()` one event at a time (`step()`, which
 *   is how replay ran before the table), the baseline;
 * - replay of events a store already validated (`{ validated: true }`), and full replay with the
 *   compiled validation fast path the server installs (src/schema/compiledParse.ts);
 * - resuming from a cached state (restore a JSON cache of the first 190 events, then resume
 *   with the last 10) against a full replay of all 200.
 * Each figure is the fastest of ROUNDS rounds (BENCH_ROUNDS, 3 by default), in CPU time.
 * Target (issue 21): full replay <= 10 µs per event.
 */
import { deepStrictEqual } from 'node:assert/strict';
import { createLifecycle, mergeLogs, type DomainEvent, type EnquiryCache, type LifecycleInput } from '../../src/index.js';
import { compiledParse } from '../../src/schema/compiledParse.js';
import { useFastPath } from '../../src/schema/zod.js';
import { createFixture, evidence, inputFor, observation, outcome, PEOPLE, reflection, viaJson } from '../support/lifecycle-fixtures.js';

const ENQUIRIES = 1_000;
const EVENTS = 200;
const TAIL = 10;
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);

const lifecycle = createLifecycle();
const input: LifecycleInput = inputFor({ policy: { minObservations: 2 } });

/** One enquiry's log of exactly `EVENTS` events. */
function enquiryLog(n: number): DomainEvent[] {
  const fx = createFixture({ enquiryId: `enq-${n}`, idPrefix: `e${n}`, stepMs: 90_000 });
  const log = fx.walkToStage('observation');
  const authors = [PEOPLE.ana, PEOPLE.ben, PEOPLE.cy];
  let obs = 0;
  let ev = 0;
  const pattern: Array<(i: number) => DomainEvent> = [
    (i) => fx.event('observation.record', observation(++obs, { observerId: authors[i % 3]! }), { author: authors[i % 3]! }),
    () => fx.event('evidence.start'), // refused until two observations, then moves on; later refused
    () => fx.event('evidence.add', [evidence.studentVoice, evidence.assessment, evidence.learningWalk, evidence.artefact, evidence.note][ev % 5]!(`ev-${++ev}`)),
    () => fx.event('reflection.save', reflection({ nextSteps: `Step ${ev}` })),
    () => fx.event('observation.share', { observationId: `obs-${Math.max(1, obs)}`, personIds: ['p-hod'] }),
    (i) => fx.event('enquiry.rename', { title: `Feedback, version ${i}` }),
    () => fx.event('evidence.add', evidence.note(`ev-${++ev}`)),
    () => fx.event('evidence.remove', { evidenceId: `ev-${ev}` }),
    () => fx.event('enquiry.pause', { reason: 'Mocks' }),
    () => fx.event('enquiry.resume'),
  ];
  for (let i = 0; log.length < EVENTS - 4; i++) log.push(pattern[i % pattern.length]!(i));
  log.push(fx.event('sharing.start'), fx.event('outcome.save', outcome()), fx.event('outcome.publish'), fx.event('enquiry.rename', { title: 'Published' }));
  return log;
}

const logs = Array.from({ length: ENQUIRIES }, (_, n) => enquiryLog(n));
const caches: EnquiryCache[] = logs.map((log) => viaJson(lifecycle.toCache(lifecycle.replay(log.slice(0, EVENTS - TAIL), input))));
const tails = logs.map((log) => log.slice(EVENTS - TAIL));

// The baseline steps a fifth of the logs (it is slow); figures are per event either way.
const stepLogs = logs.filter((_, n) => n % 5 === 0).map((log) => mergeLogs(log));

// The benchmark measures the right thing: incremental equals full, the logs reach sharing, and
// stepping through XState ends where the table's replay does.
for (let n = 0; n < ENQUIRIES; n += 97) {
  const full = lifecycle.replay(logs[n]!, input);
  const resumed = lifecycle.resume(lifecycle.restore(caches[n]!, input), tails[n]!);
  if (!resumed) throw new Error(`enquiry ${n}: resume refused the last ${TAIL} events`);
  deepStrictEqual(viaJson(lifecycle.toCache(resumed)), viaJson(lifecycle.toCache(full)), `enquiry ${n}: incremental differs from full`);
  if (full.eventCount !== EVENTS || full.stage !== 'shared') throw new Error(`enquiry ${n}: ${full.eventCount} events, stage ${full.stage}`);
  let stepped = lifecycle.initial(input);
  for (const event of mergeLogs(logs[n]!)) stepped = lifecycle.step(stepped, event).state;
  deepStrictEqual(viaJson(lifecycle.toCache(stepped)), viaJson(lifecycle.toCache(full)), `enquiry ${n}: XState and the table differ`);
}

/**
 * Milliseconds of CPU time (user + system) that `run` takes. Replay is synchronous and single
 * threaded, so on a quiet machine this is the wall time; on a busy one it leaves out the time
 * other processes had the CPU, which wall time would count.
 */
function time(run: () => void): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1_000;
}

const fullReplay = () => {
  for (const log of logs) lifecycle.replay(log, input);
};
/** Full replay with the compiled validation fast path the server installs (src/schema/compiledParse.ts). */
const compiledReplay = () => {
  useFastPath(compiledParse);
  try {
    fullReplay();
  } finally {
    useFastPath(undefined);
  }
};
const validatedReplay = () => {
  for (const log of logs) lifecycle.replay(log, input, { validated: true });
};
/** The baseline: every event through XState's transition(), validated, as replay ran before. */
const throughXState = () => {
  for (const log of stepLogs) {
    let state = lifecycle.initial(input);
    for (const event of log) state = lifecycle.step(state, event).state;
  }
};
const incremental = () => {
  for (let n = 0; n < ENQUIRIES; n++) lifecycle.resume(lifecycle.restore(caches[n]!, input), tails[n]!);
};

// Warm up the JIT on a slice of the work, then alternate the two so drift hits both alike.
for (let n = 0; n < 50; n++) {
  lifecycle.replay(logs[n]!, input);
  lifecycle.resume(lifecycle.restore(caches[n]!, input), tails[n]!);
  lifecycle.replay(logs[n]!, input, { validated: true });
}
throughXState();
compiledReplay();
let full = Infinity;
let compiledFull = Infinity;
let validated = Infinity;
let stepped = Infinity;
let resumed = Infinity;
for (let round = 0; round < ROUNDS; round++) {
  full = Math.min(full, time(fullReplay));
  compiledFull = Math.min(compiledFull, time(compiledReplay));
  validated = Math.min(validated, time(validatedReplay));
  stepped = Math.min(stepped, time(throughXState));
  resumed = Math.min(resumed, time(incremental));
}

const perEventMicros = (full * 1_000) / (ENQUIRIES * EVENTS);
const steppedPerEvent = (stepped * 1_000) / (stepLogs.length * EVENTS);
console.log(`bench lifecycle-replay-per-event: ${perEventMicros.toFixed(1)} µs/event`);
console.log(`bench lifecycle-xstate-per-event: ${steppedPerEvent.toFixed(1)} µs/event`);
console.log(`bench lifecycle-replay-per-event: ${(perEventMicros / steppedPerEvent).toFixed(3)}x vs xstate transitions`);
console.log(`bench lifecycle-replay-compiled-per-event: ${((compiledFull * 1_000) / (ENQUIRIES * EVENTS)).toFixed(1)} µs/event (the server's compiled validation)`);
console.log(`bench lifecycle-replay-validated-per-event: ${((validated * 1_000) / (ENQUIRIES * EVENTS)).toFixed(1)} µs/event`);
console.log(`bench lifecycle-replay-200: ${(full / ENQUIRIES).toFixed(2)} ms/enquiry`);
console.log(`bench lifecycle-incremental: ${(resumed / full).toFixed(3)}x vs full replay`);
