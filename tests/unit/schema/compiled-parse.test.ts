/**
 * The compiled fast path (src/schema/compiledParse.ts) against zod itself: for every event
 * envelope, payload and evidence schema, on valid events and on events mutated at random (wrong
 * types, missing and extra keys, boundary lengths, untrimmed text, inherited keys), the fast
 * path accepts exactly what zod accepts and gives exactly zod's output; what it declines, zod
 * parses, with zod's own errors.
 *
 * The seed is fixed so every run checks the same inputs; set PLC_FC_SEED to explore others.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import fc from 'fast-check';
import * as z from 'zod/mini';
import { EVENT_PAYLOADS, EventEnvelope, type DomainEvent } from '../../../src/lifecycle/events.js';
import { defaultLifecycle } from '../../../src/lifecycle/lifecycle.js';
import { compiledParse } from '../../../src/schema/compiledParse.js';
import { BUILT_IN_EVIDENCE } from '../../../src/schema/evidence.js';
import { FALLBACK, PARSE_OPTIONS, parseSafely, useFastPath } from '../../../src/schema/zod.js';
import { createFixture, details, evidence, inputFor, observation, outcome, question, reflection, WALK_TARGETS } from '../../support/lifecycle-fixtures.js';

const NUM_RUNS = 3_000;
const SEED = process.env['PLC_FC_SEED'] ? Number(process.env['PLC_FC_SEED']) : 20_251_207;

type Schema = z.ZodMiniType;

/** A valid payload of each built-in event type (several for evidence.add), for its schema. */
const evidenceItems = Object.values(evidence).map((make) => make());
const PAYLOADS: Array<[string, Schema, Record<string, unknown>]> = [
  ['enquiry.create', EVENT_PAYLOADS['enquiry.create'], { ...details(), stages: ['theme', 'question'], rulesVersion: 2 }],
  ['enquiry.create', EVENT_PAYLOADS['enquiry.create'], details()],
  ['enquiry.rename', EVENT_PAYLOADS['enquiry.rename'], { title: 'Feedback that moves learning on' }],
  ['theme.choose', EVENT_PAYLOADS['theme.choose'], { themeId: 'theme-feedback' }],
  ['question.draft', EVENT_PAYLOADS['question.draft'], question()],
  ['question.submit', EVENT_PAYLOADS['question.submit'], {}],
  ['question.approve', EVENT_PAYLOADS['question.approve'], { comment: 'Go ahead.' }],
  ['question.return', EVENT_PAYLOADS['question.return'], { comment: 'Narrow the group.' }],
  ['question.refine', EVENT_PAYLOADS['question.refine'], { reason: 'Too broad' }],
  ['observation.record', EVENT_PAYLOADS['observation.record'], observation(1)],
  ['observation.record', EVENT_PAYLOADS['observation.record'], observation(2, { sharedWith: ['p-hod', 'p-cy'] })],
  ['observation.share', EVENT_PAYLOADS['observation.share'], { observationId: 'obs-1', personIds: ['p-hod'] }],
  ['evidence.remove', EVENT_PAYLOADS['evidence.remove'], { evidenceId: 'ev-1', reason: 'Duplicate' }],
  ['reflection.save', EVENT_PAYLOADS['reflection.save'], reflection()],
  ['outcome.save', EVENT_PAYLOADS['outcome.save'], outcome()],
  ['enquiry.pause', EVENT_PAYLOADS['enquiry.pause'], { reason: 'Mocks' }],
  ['enquiry.archive', EVENT_PAYLOADS['enquiry.archive'], {}],
  ...evidenceItems.map((item): [string, Schema, Record<string, unknown>] => ['evidence.add', EVENT_PAYLOADS['evidence.add'], item]),
  ...evidenceItems.map((item): [string, Schema, Record<string, unknown>] => [`evidence ${item.kind}`, BUILT_IN_EVIDENCE[item.kind as keyof typeof BUILT_IN_EVIDENCE], item]),
];

/** The envelope schemas validation.ts parses with, around a few events. */
const EnvelopeFields = z.object({ ...EventEnvelope.shape, payload: z.unknown() });
const fx = createFixture({ enquiryId: 'enq-1', idPrefix: 'e' });
const EVENTS = [fx.event('observation.record', observation(1)), fx.event('question.submit'), fx.event('evidence.add', evidence.note('ev-9'))];
const CASES: Array<[string, Schema, unknown]> = [
  ...PAYLOADS,
  ...EVENTS.map((event): [string, Schema, unknown] => ['envelope', EventEnvelope, event]),
  ...EVENTS.map((event): [string, Schema, unknown] => ['envelope fields', EnvelopeFields, event]),
];

const clone = <T>(value: T): T => structuredClone(value);

/** Values that sit on or next to the schemas' limits, or that zod treats specially. */
const boundaryStrings = [1, 2, 20, 35, 40, 63, 64, 65, 199, 200, 201, 400, 401, 500, 501, 2_000, 2_001, 10_000, 10_001].flatMap((n) => ['a'.repeat(n), `${'😀'.repeat(Math.ceil(n / 2))}`, ` ${'b'.repeat(Math.max(0, n - 2))} `]);
const SPECIAL: readonly unknown[] = [
  undefined, null, true, false, 0, -0, 1, -1, 0.5, 1.5, 100, 100.5, 101, 1_000, 1_001, NaN, Infinity, -Infinity, 2 ** 53, -(2 ** 53),
  '', ' ', '  x  ', '\t', 'x\ny', 'obs-1', 'p-ana', 'a b', 'a|b', 'student-voice', 'note', 'assessment', 'group', 'individual', 'booklet', 'vle', 'agree',
  '2025-09-04', '2025-02-30', '2024-02-29', '2025-9-4', '2025-09-04T08:30:00.000Z', '2025-09-04T08:30:00Z', '2025-09-04T08:30:00+01:00', '001756972860000-00000-d1',
  'https://vle.example.org/x', ' https://vle.example.org/x ', 'http://intranet/x', 'javascript:alert(1)', 'ftp://x.org', 'https://exa\tmple.org/x',
  [], [''], ['a'], ['a', 'a'], [1, 2], [0, 1, 2], {}, { value: 1, students: 1 }, { before: [1, 2], after: [1, 2] }, { students: 1, before: 1, after: 1 },
  ...boundaryStrings,
];
const special = fc.constantFrom(...SPECIAL);
const anyValue = fc.oneof(special, special, fc.string({ maxLength: 12 }), fc.integer(), fc.double(), fc.anything({ maxDepth: 2 }));
const EXTRA_KEYS = ['extra', '__proto__', 'toString', 'constructor', 'kind', 'id', 'comment', 'reason', 'stages', '0', 'others'];
const extraKey = fc.oneof(fc.constantFrom(...EXTRA_KEYS), fc.string({ maxLength: 6 }));

type Mutation =
  | { op: 'delete'; at: number }
  | { op: 'set'; at: number; value: unknown }
  | { op: 'add'; at: number; key: string; value: unknown }
  | { op: 'inherit' };
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: anyValue }),
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: anyValue }),
  fc.record({ op: fc.constant('add' as const), at: fc.nat(), key: extraKey, value: anyValue }),
  fc.constant({ op: 'inherit' as const }),
);

/** Every place in `value` a mutation may change: [container, key], the root's container first. */
function places(root: { value: unknown }): Array<[Record<string | number, unknown>, string | number]> {
  const found: Array<[Record<string | number, unknown>, string | number]> = [];
  const walk = (container: Record<string | number, unknown>, key: string | number) => {
    found.push([container, key]);
    const value = container[key];
    if (value && typeof value === 'object') for (const inner of Object.keys(value)) walk(value as Record<string, unknown>, Array.isArray(value) ? Number(inner) : inner);
  };
  walk(root as Record<string, unknown>, 'value');
  return found;
}

function mutate(base: unknown, mutations: readonly Mutation[]): unknown {
  const root = { value: clone(base) };
  for (const m of mutations) {
    const all = places(root);
    if (m.op === 'inherit') {
      // An object whose fields are inherited: `key in input` sees them, own keys do not.
      const [container, key] = all[all.length > 1 ? 1 : 0]!;
      const target = container[key];
      if (target && typeof target === 'object' && !Array.isArray(target)) container[key] = Object.create(target) as unknown;
      continue;
    }
    const [container, key] = all[m.at % all.length]!;
    if (m.op === 'delete') {
      if (container === (root as Record<string, unknown>)) continue;
      if (Array.isArray(container)) container.splice(Number(key), 1);
      else delete container[key];
    } else if (m.op === 'set') {
      Object.defineProperty(container, key, { value: clone(m.value), enumerable: true, writable: true, configurable: true });
    } else {
      const target = container[key];
      if (target && typeof target === 'object' && !Array.isArray(target)) {
        Object.defineProperty(target, m.key, { value: clone(m.value), enumerable: true, writable: true, configurable: true });
      }
    }
  }
  return root.value;
}

/** The fast path's answer against zod's: the same verdict, and when valid the same output (keys, order and values). */
function agree(schema: Schema, input: unknown): boolean {
  const fast = compiledParse(schema, input);
  const slow = z.safeParse(schema, input, PARSE_OPTIONS);
  assert.equal(fast !== FALLBACK, slow.success, `verdict differs: zod ${slow.success ? 'accepts' : 'refuses'}`);
  if (slow.success) {
    assert.deepStrictEqual(fast, slow.data);
    assert.equal(JSON.stringify(fast), JSON.stringify(slow.data));
  }
  return slow.success;
}

describe('the compiled fast path', () => {
  afterEach(() => useFastPath(undefined));

  it('takes every valid built-in event, envelope and evidence item, with zod’s output', () => {
    for (const [name, schema, value] of CASES) {
      assert.notEqual(compiledParse(schema, value), FALLBACK, `${name} fell back`);
      assert.ok(agree(schema, value), name);
    }
  });

  it('agrees with zod with each special value at each place of each event, and each extra key in each object', () => {
    let checked = 0;
    for (const [name, schema, base] of CASES) {
      const count = places({ value: clone(base) }).length;
      for (let at = 0; at < count; at += 1) {
        for (const value of SPECIAL) {
          agree(schema, mutate(base, [{ op: 'set', at, value }]));
          checked += 1;
        }
        agree(schema, mutate(base, [{ op: 'delete', at }]));
        for (const key of EXTRA_KEYS) {
          for (const value of ['x', 1, undefined, { nested: true }]) agree(schema, mutate(base, [{ op: 'add', at, key, value }]));
        }
      }
      assert.ok(count > 0, name);
    }
    assert.ok(checked > 10_000, `${checked} checked`);
  });

  it('agrees with zod on mutated events: wrong types, missing and extra keys, boundary lengths, inherited fields', () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(fc.nat(CASES.length - 1), fc.array(mutation, { minLength: 1, maxLength: 3 }), (which, mutations) => {
        const [, schema, base] = CASES[which]!;
        if (agree(schema, mutate(base, mutations))) accepted += 1;
        else refused += 1;
      }),
      { numRuns: NUM_RUNS, seed: SEED },
    );
    // Both verdicts were exercised, so the property could have failed either way.
    assert.ok(accepted > NUM_RUNS / 20 && refused > NUM_RUNS / 20, `accepted ${accepted}, refused ${refused}`);
  });

  it('agrees with zod on any value at all', () => {
    fc.assert(
      fc.property(fc.nat(CASES.length - 1), fc.anything({ maxDepth: 3, withNullPrototype: true }), (which, value) => {
        agree(CASES[which]![1], value);
      }),
      { numRuns: 1_000, seed: SEED },
    );
  });

  it('trims, defaults and strips as zod does', () => {
    const created = { ...details(), title: '  Spaced title  ', extra: 'dropped' } as Record<string, unknown>;
    delete created['track'];
    const out = compiledParse(EVENT_PAYLOADS['enquiry.create'], created) as Record<string, unknown>;
    assert.equal(out['title'], 'Spaced title');
    assert.equal(out['track'], 'plc');
    assert.equal('extra' in out, false);
    assert.ok(agree(EVENT_PAYLOADS['enquiry.create'], created));
    // A loose object keeps unknown keys; a strict one leaves them to zod, which refuses.
    const added = compiledParse(EVENT_PAYLOADS['evidence.add'], { ...evidence.note(), more: 1 }) as Record<string, unknown>;
    assert.equal(added['more'], 1);
    assert.equal(compiledParse(BUILT_IN_EVIDENCE.note, { ...evidence.note(), more: 1 }), FALLBACK);
    // Lengths count code points, as zod does: 200 emoji are 400 UTF-16 units but a valid title.
    assert.ok(agree(EVENT_PAYLOADS['enquiry.rename'], { title: '😀'.repeat(200) }));
    assert.notEqual(compiledParse(EVENT_PAYLOADS['enquiry.rename'], { title: '😀'.repeat(200) }), FALLBACK);
  });

  it('hands what it does not know to zod (transforms, unions, pipes, refinements, recursion) and counts lengths in code points', () => {
    const Node: z.ZodMiniType = z.object({ name: z.string(), get children() { return z.optional(z.array(Node)); } });
    const schemas: Array<[Schema, unknown]> = [
      [z.object({ n: z.pipe(z.string(), z.transform((s: string) => s.length)) }), { n: 'abc' }],
      [z.object({ v: z.union([z.int(), z.string().check(z.maxLength(3))]) }), { v: 'abc' }],
      [z.object({ v: z.union([z.int(), z.string().check(z.maxLength(3))]) }), { v: 'abcd' }],
      [z.string().check(z.refine((s) => s.startsWith('a'))), 'abc'],
      [z.string().check(z.refine((s) => s.startsWith('a'))), 'xbc'],
      [z.object({ a: z.nullable(z.int()), b: z.optional(z._default(z.string(), 'd')) }), { a: null }],
      [z.object({ a: z.nullable(z.int()), b: z.optional(z._default(z.string(), 'd')) }), { a: 2, b: undefined }],
      [Node, { name: 'root', children: [{ name: 'leaf' }, { name: 'twig', children: [] }] }],
      [Node, { name: 'root', children: [{ name: 3 }] }],
      [z.record(z.string(), z.int()), { a: 1 }],
      [z.object({ a: z._default(z.optional(z.string()), () => undefined as unknown as string) }), {}],
      [z.object({ a: z._default(z.optional(z.string()), () => undefined as unknown as string) }), { a: undefined }],
      [z.object({ a: z.optional(z._default(z.string(), 'd')) }), {}],
      [z.object({ a: z.optional(z.string()) }), { a: undefined }],
      [z.object({ a: z.optional(z.string()) }), {}],
      [z.object({ a: z.unknown() }), {}],
      [z.object({ a: z.unknown() }), { a: undefined }],
      [z.looseObject({ a: z.string() }), JSON.parse('{"a":"x","__proto__":{"polluted":1},"b":2}')],
      [z.record(z.string().check(z.maxLength(2)), z.unknown()), { ab: 1, abc: 2 }],
      [z.record(z.string().check(z.maxLength(2)), z.unknown()), JSON.parse('{"a":1,"__proto__":{"b":2}}')],
      [z.record(z.string(), z.unknown()), Object.assign(Object.create(null) as object, { a: 1 })],
      [z.record(z.string(), z.unknown()), { a: 1, [Symbol('s')]: 2 }],
      [z.record(z.string(), z.unknown()), Object.defineProperty({ a: 1 }, 'hidden', { value: 2, enumerable: false })],
      [z.record(z.string(), z.unknown()), new (class Thing { a = 1; })()],
      [z.record(z.string(), z.unknown()), new Date(0)],
      [z.record(z.int(), z.unknown()), { 1: 'one' }],
      [z.string().check(z.minLength(2)), '😀'],
      [z.string().check(z.minLength(2)), '😀😀'],
      [z.string().check(z.maxLength(2)), '😀😀'],
      [z.string().check(z.maxLength(2)), '😀😀a'],
      [z.array(z.int()).check(z.minLength(2)), [1]],
      [z.object({ n: z.number() }), { n: NaN }],
      [z.object({ n: z.number() }), { n: -Infinity }],
    ];
    for (const [schema, value] of schemas) agree(schema, value);
    assert.deepEqual(compiledParse(schemas[0]![0], { n: 'abc' }), { n: 3 });
  });

  it('declines an asynchronous check, and zod then says why', () => {
    const Async = z.object({ a: z.string().check(z.refine(async () => true)) });
    assert.equal(compiledParse(Async, { a: 'x' }), FALLBACK);
    useFastPath(compiledParse);
    assert.throws(() => parseSafely(Async, { a: 'x' }), /async/i);
  });

  it('leaves refusals to zod: parseSafely gives the same errors with the fast path installed', () => {
    const bad = { ...observation(1), date: '2025-02-30', focus: ' ', sharedWith: ['ok', 'not ok'] };
    const before = parseSafely(EVENT_PAYLOADS['observation.record'], bad);
    useFastPath(compiledParse);
    const after = parseSafely(EVENT_PAYLOADS['observation.record'], bad);
    assert.equal(after.success, false);
    assert.deepEqual(after.error?.issues, before.error?.issues);
    const good = parseSafely(EVENT_PAYLOADS['observation.record'], observation(1));
    assert.deepEqual(good, { success: true, data: observation(1) });
  });

  it('leaves the lifecycle as it was: the same validated events, errors, states and refusals', () => {
    const run = () => {
      const outcomes: unknown[] = [];
      for (const target of WALK_TARGETS) {
        const walk = createFixture({ enquiryId: `enq-${target}`, idPrefix: target });
        const log = walk.walkToStage(target);
        // Valid, refused and invalid events alike: a second observation of the same id, an
        // untrimmed title, an unknown evidence kind, a strict evidence item with an extra key.
        log.push(
          walk.event('observation.record', observation(1)),
          walk.event('enquiry.rename', { title: '  Renamed  ' }),
          walk.event('evidence.add', { ...evidence.note('ev-x'), kind: 'poster' }),
          walk.event('evidence.add', { ...evidence.note('ev-y'), colour: 'red' }),
          walk.event('observation.share', { observationId: 'obs-1', personIds: [] }),
        );
        const valid: DomainEvent[] = [];
        for (const raw of JSON.parse(JSON.stringify(log)) as unknown[]) {
          try {
            valid.push(defaultLifecycle.validate(raw));
            outcomes.push(valid.at(-1));
          } catch (error) {
            outcomes.push(String(error), (error as { problems?: unknown }).problems);
          }
        }
        outcomes.push(defaultLifecycle.toCache(defaultLifecycle.replay(valid, inputFor())));
      }
      return outcomes;
    };
    const withZod = run();
    useFastPath(compiledParse);
    const withCompiled = run();
    assert.deepStrictEqual(withCompiled, withZod);
    assert.ok(withZod.some((o) => typeof o === 'string' && o.includes('ValidationError')), 'some events were invalid');
  });

  it('evaluates no code (a strict Content-Security-Policy holds)', () => {
    const RealFunction = globalThis.Function;
    let made = 0;
    globalThis.Function = new Proxy(RealFunction, {
      construct(target, args) {
        made += 1;
        return Reflect.construct(target, args);
      },
      apply(target, self, args) {
        made += 1;
        return Reflect.apply(target, self, args);
      },
    });
    try {
      const schema = z.object({ fresh: z.string().check(z.maxLength(3)), list: z.array(z.int()) });
      assert.deepEqual(compiledParse(schema, { fresh: 'abc', list: [1] }), { fresh: 'abc', list: [1] });
    } finally {
      globalThis.Function = RealFunction;
    }
    assert.equal(made, 0);
  });
});
