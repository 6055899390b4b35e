/**
 * The wire messages and the store's own types are one: a summary any store makes parses with the
 * protocol's schema, and the types agree both ways (checked by the compiler).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as z from 'zod/mini';
import { createMemoryStore } from '../../../src/store/memory.js';
import type { EnquirySummary as StoreSummary, StoreError } from '../../../src/store/store.js';
import { ERROR_CODES, isStoreErrorCode, STORE_ERROR_CODES, type StoreErrorCode } from '../../../src/sync/codes.js';
import { EnquirySummary, PushResult } from '../../../src/sync/wire.js';
import { DIRECTORY_RECORDS, QUESTION, eventWriter, groupDetails } from '../../support/store-fixtures.js';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type WireSummary = z.output<typeof EnquirySummary>;
/** The same keys, each of the same type (the wire marks the ones that may be missing optional). */
type SameFields<A, B> = Same<keyof A, keyof B> extends true ? ({ [K in keyof A & keyof B]: Same<A[K] | undefined, B[K] | undefined> }[keyof A & keyof B] extends true ? true : false) : false;
const summariesAgree: SameFields<StoreSummary, WireSummary> = true;
const codesAgree: Same<StoreError['code'], StoreErrorCode> = true;

describe('sync: wire messages', () => {
  it('a store\'s summary is a wire summary', async () => {
    assert.ok(summariesAgree && codesAgree);
    const store = createMemoryStore();
    for (const [collection, record] of DIRECTORY_RECORDS) await store.put(collection as never, record as never, 0);
    const write = eventWriter({ prefix: 'w' });
    await store.append('enq-1', [write.event('enq-1', 'enquiry.create', groupDetails()), write.event('enq-1', 'question.draft', QUESTION)]);
    const summary = await store.getSummary('enq-1');
    const parsed = EnquirySummary.safeParse(summary);
    assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
    await store.close();
  });

  it('tells store error codes from the HTTP ones, and refuses a push result without its fields', () => {
    assert.deepEqual(ERROR_CODES.filter(isStoreErrorCode), [...STORE_ERROR_CODES]);
    assert.equal(isStoreErrorCode('forbidden'), false);
    assert.equal(PushResult.safeParse({ index: 0, eventId: 'e', status: 'refused' }).success, false, 'a refusal without its reason');
    assert.equal(PushResult.safeParse({ index: 0, eventId: null, status: 'invalid', field: 'id', message: 'id is required', problems: [] }).success, true);
  });
});
