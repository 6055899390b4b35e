/** The conflict view's word comparison: only the words one version lacks are marked. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { valueText, wordDiff } from '../../components/shared/word-diff.js';

const marked = (parts: Array<{ text: string; changed: boolean }>) => parts.filter((p) => p.changed).map((p) => p.text.trim());

describe('wordDiff', () => {
  it('marks the words each version has and the other lacks, and keeps the text whole', () => {
    const mine = 'How can Year 9 students use written feedback in lessons?';
    const theirs = 'How can students act on written feedback in every lesson?';
    const diff = wordDiff(mine, theirs);
    assert.equal(diff.mine.map((p) => p.text).join(''), mine);
    assert.equal(diff.theirs.map((p) => p.text).join(''), theirs);
    assert.deepEqual(marked(diff.mine), ['Year 9', 'use', 'lessons?']);
    assert.deepEqual(marked(diff.theirs), ['act on', 'every lesson?']);
  });

  it('marks nothing when the versions agree, and everything when one is empty', () => {
    assert.deepEqual(marked(wordDiff('Same words', 'Same words').mine), []);
    const diff = wordDiff('', 'New text here');
    assert.deepEqual(diff.mine, []);
    assert.deepEqual(marked(diff.theirs), ['New text here']);
  });

  it('compares very long texts as wholes instead of word by word', () => {
    const long = (word: string) => Array.from({ length: 1000 }, () => word).join(' ');
    const diff = wordDiff(long('a'), long('b'));
    assert.equal(diff.mine.length, 1);
    assert.equal(diff.mine[0]!.changed, true);
  });
});

describe('valueText', () => {
  it('writes lists one item a line and objects as their values', () => {
    assert.equal(valueText(['Try talk roles', '', 'Sentence stems']), 'Try talk roles\nSentence stems');
    assert.equal(valueText([{ kind: 'student-voice', description: 'Survey' }]), 'student-voice · Survey');
    assert.equal(valueText(undefined), '');
    assert.equal(valueText(3), '3');
  });
});
