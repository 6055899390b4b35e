/**
 * A compiled fast path for plc-kit's parses (server side): each schema's definition
 * (`schema._zod.def`) is walked once, at its first parse, and composed into plain closures that
 * check a value and build the output zod would build. No code is evaluated (`new Function` is
 * never called), so the same holds under a Content-Security-Policy without `unsafe-eval`.
 *
 * A closure answers only "valid, and this is zod's output" or {@link FALLBACK}: on any doubt (an
 * input zod would refuse, an unknown key in a strict object, a check that reports an issue, a
 * promise) the caller runs the real zod parse, which gives today's exact errors. A schema or
 * check the compiler does not know is not guessed at: that part is handed to zod's own `run`
 * (what its parent schema would have called), so only the parts it knows are faster.
 *
 * Known parts: objects (strip, strict and loose), records with checked keys, strings, numbers, unknown/any, enums, literals,
 * arrays, optional, nullable and defaults; checks run through zod's own check functions, with
 * shortcuts for lengths, patterns, bounds and integers that only ever say "passes".
 * @internal
 * @module
 */
import { config, maxLength, type core } from 'zod/mini';
import { FALLBACK, PARSE_OPTIONS } from './zod.js';

/** A compiled checker: zod's output for a value it accepts, or {@link FALLBACK}. */
type Checker = (value: unknown) => unknown;
/** A compiled check on a payload: false when it may have failed. */
type CheckRunner = (payload: core.ParsePayload) => boolean;

interface Internals {
  def: { type: string; checks?: unknown[]; [key: string]: unknown };
  traits: Set<string>;
  run: (payload: core.ParsePayload, ctx: core.ParseContextInternal) => core.ParsePayload | Promise<core.ParsePayload>;
  check?: (payload: core.ParsePayload) => unknown;
  optin?: 'optional' | 'defaulted';
  optout?: 'optional';
  values?: Set<unknown>;
}
type Schema = { _zod: Internals };

const CONTEXT: core.ParseContextInternal = Object.freeze({ ...PARSE_OPTIONS, async: false });
const compiled = new WeakMap<object, Checker>();

/** Zod's own run of `schema` on `value`, as its parent schema would call it. */
function delegate(schema: Schema): Checker {
  const internals = schema._zod;
  return (value) => {
    const result = internals.run({ value, issues: [] }, CONTEXT);
    if (result instanceof Promise || result.issues.length !== 0) return FALLBACK;
    return result.value;
  };
}

/** A check run as zod's `runChecks` runs it (its `when`, then the check), on a payload without issues. */
function genericCheck(check: Schema): CheckRunner {
  const internals = check._zod;
  const when = internals.def['when'] as ((payload: core.ParsePayload) => boolean) | undefined;
  const run = internals.check!;
  return (payload) => {
    if (when && !when(payload)) return true;
    if (run(payload) instanceof Promise) return false;
    return payload.issues.length === 0;
  };
}

/** The `when` zod gives every length check (a check with a `when` of its own runs through zod). */
let lengthWhen: unknown;
const hasZodLengthWhen = (check: Schema) => check._zod.def['when'] === (lengthWhen ??= (maxLength(1) as unknown as Schema)._zod.def['when']);

/**
 * A shortcut for a check that, when it says true, zod's check passes too: else zod's check runs.
 * Only checks whose code is zod's own (by trait, with zod's own `when`) get one.
 */
function checkRunner(check: Schema): CheckRunner | undefined {
  const internals = check._zod;
  if (!internals.traits?.has('$ZodCheck') || typeof internals.check !== 'function') return undefined;
  const generic = genericCheck(check);
  const def = internals.def as Record<string, unknown>;
  if (internals.traits.has('$ZodCheckMaxLength') && typeof def['maximum'] === 'number' && hasZodLengthWhen(check)) {
    const maximum = def['maximum'];
    // A string within `maximum` UTF-16 units is within it in code points too (zod counts those).
    return (payload) => {
      const value = payload.value as { length?: unknown };
      return (typeof value === 'string' || Array.isArray(value)) && value.length <= maximum ? true : generic(payload);
    };
  }
  if (internals.traits.has('$ZodCheckMinLength') && typeof def['minimum'] === 'number' && hasZodLengthWhen(check)) {
    const minimum = def['minimum'];
    // Twice `minimum` UTF-16 units are at least `minimum` code points; an array counts its items.
    return (payload) => {
      const value = payload.value;
      return (typeof value === 'string' && value.length >= minimum * 2) || (Array.isArray(value) && value.length >= minimum) ? true : generic(payload);
    };
  }
  // A custom string format made from a pattern (zod's `stringFormat(name, regex)`, as Instant and
  // CalendarDate are) checks exactly that pattern.
  if (def['when'] === undefined && def['pattern'] instanceof RegExp && ['$ZodCheckRegex', '$ZodISODateTime', '$ZodISODate', '$ZodCustomStringFormat'].some((trait) => internals.traits.has(trait))) {
    const pattern = def['pattern'];
    return (payload) => {
      if (typeof payload.value !== 'string') return generic(payload);
      pattern.lastIndex = 0;
      return pattern.test(payload.value) || generic(payload);
    };
  }
  if (def['when'] === undefined && (internals.traits.has('$ZodCheckGreaterThan') || internals.traits.has('$ZodCheckLessThan')) && typeof def['value'] === 'number') {
    const bound = def['value'];
    const inclusive = def['inclusive'] === true;
    const above = internals.traits.has('$ZodCheckGreaterThan');
    return (payload) => {
      const value = payload.value;
      if (typeof value !== 'number') return generic(payload);
      const passes = above ? (inclusive ? value >= bound : value > bound) : inclusive ? value <= bound : value < bound;
      return passes || generic(payload);
    };
  }
  if (def['when'] === undefined && internals.traits.has('$ZodCheckNumberFormat') && def['format'] === 'safeint') {
    return (payload) => Number.isSafeInteger(payload.value) || generic(payload);
  }
  return generic;
}

/** The checks zod runs after a schema's own parse: the schema itself first when it is a check. */
function checksOf(schema: Schema): CheckRunner[] | undefined {
  const internals = schema._zod;
  const list = [...(internals.traits.has('$ZodCheck') ? [schema] : []), ...((internals.def.checks ?? []) as Schema[])];
  const runners: CheckRunner[] = [];
  for (const check of list) {
    const runner = checkRunner(check);
    if (!runner) return undefined;
    runners.push(runner);
  }
  return runners;
}

/** Runs `checks` on `value` (already parsed): the value they leave (an overwrite may change it), or FALLBACK. */
function withChecks(checks: readonly CheckRunner[], inner: Checker): Checker {
  if (checks.length === 0) return inner;
  if (checks.length === 1) {
    const only = checks[0]!;
    return (value) => {
      const parsed = inner(value);
      if (parsed === FALLBACK) return FALLBACK;
      const payload = { value: parsed, issues: [] };
      return only(payload) ? payload.value : FALLBACK;
    };
  }
  return (value) => {
    const parsed = inner(value);
    if (parsed === FALLBACK) return FALLBACK;
    const payload = { value: parsed, issues: [] };
    for (const check of checks) if (!check(payload)) return FALLBACK;
    return payload.value;
  };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** One key of an object's shape, handled as zod's `handlePropertyResult` handles a result without issues. */
interface Field {
  key: string;
  check: Checker;
  /** Absent: zod runs the schema but drops its result, so it is not run. */
  skipAbsent: boolean;
  /** Absent and not optional: a missing key, which zod refuses. */
  required: boolean;
  /** Absent, and undefined out: zod still sets the key. */
  keepUndefined: boolean;
}

function compileObject(schema: Schema): Checker | undefined {
  const def = schema._zod.def as unknown as { shape: Record<string, Schema>; catchall?: Schema };
  const shape = def.shape;
  if (Object.getOwnPropertySymbols(shape).length) return undefined;
  const keys = Object.keys(shape);
  const keySet = new Set(keys);
  const fields: Field[] = [];
  for (const key of keys) {
    if (key === '__proto__') continue;
    const field = shape[key]!;
    const { optin, optout } = field._zod;
    fields.push({
      key,
      check: compileSchema(field),
      skipAbsent: optout === 'optional' && optin === 'optional',
      required: optin === undefined,
      keepUndefined: optin === 'defaulted' && optout !== 'optional',
    });
  }
  const catchall = def.catchall?._zod;
  // strip: unknown keys dropped; strict (never): any unknown key is zod's issue; loose (unknown, unchecked): copied.
  let extras: 'strip' | 'strict' | 'loose';
  if (!catchall) extras = 'strip';
  else if (catchall.def.type === 'never' && !catchall.def.checks?.length && catchall.traits.has('$ZodNever')) extras = 'strict';
  else if (catchall.def.type === 'unknown' && !catchall.def.checks?.length && catchall.traits.has('$ZodUnknown')) extras = 'loose';
  else return undefined;
  return (input) => {
    if (!isObject(input)) return FALLBACK;
    const out: Record<string, unknown> = {};
    for (const field of fields) {
      const present = field.key in input;
      if (!present && field.skipAbsent) continue;
      const value = field.check(input[field.key]);
      if (value === FALLBACK) return FALLBACK;
      if (!present && field.required) return FALLBACK;
      if (value === undefined) {
        if (present || field.keepUndefined) out[field.key] = undefined;
      } else out[field.key] = value;
    }
    if (extras !== 'strip') {
      for (const key in input) {
        if (keySet.has(key)) continue;
        if (extras === 'strict') return FALLBACK;
        if (key !== '__proto__') out[key] = input[key];
      }
    }
    return out;
  };
}

function compileArray(schema: Schema): Checker {
  const element = compileSchema(schema._zod.def['element'] as Schema);
  return (input) => {
    if (!Array.isArray(input)) return FALLBACK;
    const out = new Array<unknown>(input.length);
    for (let i = 0; i < input.length; i += 1) {
      const value = element(input[i]);
      if (value === FALLBACK) return FALLBACK;
      out[i] = value;
    }
    return out;
  };
}

/** zod's `util.isPlainObject`: an object whose constructor, if any, has a prototype with its own `isPrototypeOf`. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!isObject(value)) return false;
  const ctor: unknown = value.constructor;
  if (ctor === undefined || typeof ctor !== 'function') return true;
  const prototype: unknown = (ctor as { prototype?: unknown }).prototype;
  return isObject(prototype) && Object.prototype.hasOwnProperty.call(prototype, 'isPrototypeOf');
}

/** zod's `regexes.number`: the keys a record tries again as numbers. */
const NUMERIC = /^-?\d+(?:\.\d+)?$/;

/**
 * A record whose keys are checked (not enumerated: no `values`), as zod's record parses one: own
 * enumerable keys; a symbol key, or a key the key schema refuses, is left to zod.
 */
function compileRecord(schema: Schema): Checker | undefined {
  const def = schema._zod.def;
  const keyType = def['keyType'] as Schema;
  if (def['partial'] || keyType._zod.values || def['mode'] === 'loose') return undefined;
  const key = compileSchema(keyType);
  const value = compileSchema(def['valueType'] as Schema);
  return (input) => {
    if (!isPlainObject(input)) return FALLBACK;
    const out: Record<string, unknown> = {};
    for (const name of Reflect.ownKeys(input)) {
      if (typeof name !== 'string') return FALLBACK;
      if (name === '__proto__' || !Object.prototype.propertyIsEnumerable.call(input, name)) continue;
      let outKey = key(name);
      // zod tries a numeric key again as a number (for number and literal key schemas).
      if (outKey === FALLBACK && NUMERIC.test(name)) outKey = key(Number(name));
      if (outKey === FALLBACK) return FALLBACK;
      if (outKey === '__proto__') continue;
      const parsed = value(input[name]);
      if (parsed === FALLBACK) return FALLBACK;
      out[outKey as string] = parsed;
    }
    return out;
  };
}

/** The checker of a schema without its checks, or undefined for a schema zod must run itself. */
function compileBase(schema: Schema): Checker | undefined {
  const internals = schema._zod;
  const def = internals.def;
  const traits = internals.traits;
  switch (def.type) {
    case 'string':
      if (!traits.has('$ZodString') || def['coerce']) return undefined;
      return (value) => (typeof value === 'string' ? value : FALLBACK);
    case 'number':
      if (!traits.has('$ZodNumber') || def['coerce']) return undefined;
      return (value) => (typeof value === 'number' && Number.isFinite(value) ? value : FALLBACK);
    case 'unknown':
    case 'any':
      if (!traits.has('$ZodUnknown') && !traits.has('$ZodAny')) return undefined;
      return (value) => value;
    case 'enum':
    case 'literal': {
      if (!traits.has('$ZodEnum') && !traits.has('$ZodLiteral')) return undefined;
      const values = internals.values;
      if (!values) return undefined;
      return (value) => (values.has(value) ? value : FALLBACK);
    }
    case 'object':
      if (!traits.has('$ZodObject')) return undefined;
      return compileObject(schema);
    case 'array':
      if (!traits.has('$ZodArray')) return undefined;
      return compileArray(schema);
    case 'record':
      if (!traits.has('$ZodRecord')) return undefined;
      return compileRecord(schema);
    case 'optional': {
      if (!traits.has('$ZodOptional') || traits.has('$ZodExactOptional')) return undefined;
      const innerSchema = def['innerType'] as Schema;
      const inner = compileSchema(innerSchema);
      // An inner default fills in undefined: that case is zod's own.
      const substitutes = innerSchema._zod.optin === 'defaulted';
      const full = delegate(innerSchema);
      return (value) => (value === undefined ? (substitutes ? full(value) : undefined) : inner(value));
    }
    case 'nullable': {
      if (!traits.has('$ZodNullable')) return undefined;
      const inner = compileSchema(def['innerType'] as Schema);
      return (value) => (value === null ? null : inner(value));
    }
    case 'default': {
      if (!traits.has('$ZodDefault')) return undefined;
      const inner = compileSchema(def['innerType'] as Schema);
      // `defaultValue` is a getter (a fresh copy each time): read it as zod does, per parse.
      return (value) => {
        if (value === undefined) return def['defaultValue'];
        const parsed = inner(value);
        return parsed === undefined ? def['defaultValue'] : parsed;
      };
    }
    default:
      return undefined;
  }
}

function compileSchema(schema: Schema): Checker {
  const known = compiled.get(schema);
  if (known) return known;
  // A recursive schema reaches itself while compiling: zod runs that part.
  compiled.set(schema, delegate(schema));
  const internals = schema._zod;
  const base = internals?.def && internals.traits ? compileBase(schema) : undefined;
  const checks = base && checksOf(schema);
  const checker = base && checks ? withChecks(checks, base) : delegate(schema);
  compiled.set(schema, checker);
  return checker;
}

/**
 * zod's output for `value` under `schema` when the compiled path accepts it, else
 * {@link FALLBACK} (then parse with zod for the result and its errors).
 */
export function compiledParse(schema: core.$ZodType, value: unknown): unknown {
  // zod's memoizer (a global option) changes how objects and arrays build their output.
  if ((config() as { memoizer?: unknown }).memoizer) return FALLBACK;
  return compileSchema(schema as unknown as Schema)(value);
}
