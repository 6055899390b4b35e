/**
 * Importing plc-kit leaves the host's zod alone (issue 20): no global `config()`, so the host's
 * schemas keep zod's messages and their JIT, while plc-kit's own parses are jitless and name a
 * missing field "is required". zod compiles with `Function` from the global scope, so the tests
 * count calls through a stand-in for it.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import * as classic from 'zod';
import { globalConfig } from 'zod/v4/core';
import * as plc from '../../../src/index.js';
import { parseSafely } from '../../../src/schema/zod.js';

const RealFunction = globalThis.Function;
let compiled = 0;

describe('zod configured per call, never globally', () => {
  beforeEach(() => {
    compiled = 0;
    globalThis.Function = new Proxy(RealFunction, {
      construct(target, args) {
        compiled += 1;
        return Reflect.construct(target, args);
      },
    });
  });
  afterEach(() => {
    globalThis.Function = RealFunction;
  });

  it('changes nothing in zod\'s global configuration', () => {
    assert.ok(plc.createLifecycle, 'the core API is loaded');
    assert.equal(globalConfig.jitless, undefined);
    assert.equal(globalConfig.customError, undefined);
    assert.equal(globalConfig.localeError, undefined);
  });

  it('leaves the host\'s schemas zod\'s own messages', () => {
    const result = classic.object({ title: classic.string() }).safeParse({});
    assert.equal(result.success, false);
    assert.match(result.error!.issues[0]!.message, /expected string, received undefined/);
  });

  it('leaves the host\'s classic schemas their JIT', () => {
    const schema = classic.object({ a: classic.string(), b: classic.number() });
    for (let i = 0; i < 3; i += 1) schema.parse({ a: 'x', b: i });
    assert.ok(compiled > 0, 'a classic object schema compiled its fast path');
  });

  it('parses jitless itself, even a classic schema an integrator hands it', () => {
    const schema = classic.object({ a: classic.string(), b: classic.number() });
    for (let i = 0; i < 3; i += 1) assert.equal(parseSafely(schema, { a: 'x', b: i }).success, true);
    assert.equal(compiled, 0);
  });

  it('names a missing field "is required" and a wrong type as zod does, in its own parses only', () => {
    const lifecycle = plc.createLifecycle();
    assert.throws(() => lifecycle.validate({ schemaVersion: 1, id: 'e1', type: 'enquiry.create' }), /enquiryId is required/);
    const missing = parseSafely(classic.object({ title: classic.string() }), {});
    assert.equal(missing.error!.issues[0]!.message, 'is required');
    const wrong = parseSafely(classic.object({ title: classic.string() }), { title: 3 });
    assert.match(wrong.error!.issues[0]!.message, /expected string/);
  });
});
