/** The memory draft store: one draft per person and key, bad keys refused, sign-out removes a person's drafts only. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createMemoryDrafts } from '../../../src/store/drafts.js';
import { StoreError } from '../../../src/store/store.js';

const entry = (personId: string, key: string, text: string, savedAt = '2026-12-07T10:42:00.000Z') => ({ personId, key, value: { text }, base: 'v1', savedAt });

describe('memory drafts', () => {
  it('keeps one draft per person and key, replaced by the next write, and copies what it is given', async () => {
    const drafts = createMemoryDrafts();
    const first = entry('p-ana', 'question/enq-1', 'How can');
    await drafts.put(first);
    first.value.text = 'changed after the write';
    await drafts.put(entry('p-ana', 'question/enq-1', 'How can we', '2026-12-07T10:43:00.000Z'));
    await drafts.put(entry('p-ben', 'question/enq-1', 'Why do'));
    assert.deepEqual((await drafts.get('p-ana', 'question/enq-1'))?.value, { text: 'How can we' });
    assert.deepEqual((await drafts.get('p-ben', 'question/enq-1'))?.value, { text: 'Why do' });
    assert.equal(await drafts.get('p-ana', 'question/enq-2'), undefined);
  });

  it('lists a person\'s drafts oldest first and removes them on sign-out, leaving others\'', async () => {
    const drafts = createMemoryDrafts();
    await drafts.put(entry('p-ana', 'records/meetings/m-1', 'notes', '2026-12-07T11:00:00.000Z'));
    await drafts.put(entry('p-ana', 'question/enq-1', 'q', '2026-12-07T09:00:00.000Z'));
    await drafts.put(entry('p-ben', 'question/enq-1', 'b'));
    assert.deepEqual((await drafts.list('p-ana')).map((e) => e.key), ['question/enq-1', 'records/meetings/m-1']);
    assert.equal(await drafts.clearPerson('p-ana'), 2);
    assert.deepEqual(await drafts.list('p-ana'), []);
    assert.equal((await drafts.list('p-ben')).length, 1);
    await drafts.remove('p-ben', 'question/enq-1');
    assert.deepEqual(await drafts.list('p-ben'), []);
  });

  it('refuses a draft without a person or a key, naming the field', async () => {
    const drafts = createMemoryDrafts();
    await assert.rejects(drafts.put(entry('', 'question/enq-1', 'x')), (error: unknown) => error instanceof StoreError && error.field === 'personId');
    await assert.rejects(drafts.get('p-ana', ''), (error: unknown) => error instanceof StoreError && error.field === 'key');
  });
});
