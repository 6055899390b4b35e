import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evidenceFindings } from '../../../src/export/evidenceFindings.js';
import { bookletToHtml, bookletToMarkdown, buildBooklet } from '../../../src/export/booklet.js';

const voice = (id: string, text: string, counts: number[] | undefined) => ({
  id,
  kind: 'student-voice',
  title: id,
  questions: [{ id: 'q1', text, type: 'agree' }],
  responseCount: 20,
  results: [{ questionId: 'q1', ...(counts ? { counts } : {}) }],
});

describe('evidenceFindings', () => {
  it('gives the share agreeing, compared with an earlier survey asking the same question', () => {
    const findings = evidenceFindings([
      voice('before', 'I read the comments', [5, 4, 4, 4, 3]),
      voice('other', 'I like the subject', [0, 0, 2, 2, 2]),
      voice('after', ' i read the comments ', [1, 2, 5, 8, 4]),
    ]);
    assert.deepEqual(findings.get('before'), { kind: 'agree', share: 0.35, previous: undefined, question: 'I read the comments' });
    assert.deepEqual(findings.get('after'), { kind: 'agree', share: 0.6, previous: 0.35, question: 'i read the comments' });
    assert.equal((findings.get('other') as { previous?: number }).previous, undefined);
  });

  it('says nothing of a survey whose results are suppressed (under five answers, or no counts saved)', () => {
    const findings = evidenceFindings([voice('small', 'Q', [1, 1, 1, 0, 0]), voice('hidden', 'Q', undefined)]);
    assert.equal(findings.size, 0);
  });

  it('gives before and after of an assessment, and the lessons of a walk of five or more', () => {
    const findings = evidenceFindings([
      { id: 'a', kind: 'assessment', title: 'Quiz', measure: 'Mean', unit: 'marks', before: { value: 4.2, students: 20 }, after: { value: 6.1, students: 20 } },
      { id: 'w', kind: 'learning-walk', title: 'Walk', focus: 'x', lessonsVisited: 30, lessonsShowingFocus: 22 },
      { id: 'w-small', kind: 'learning-walk', title: 'Walk', focus: 'x', lessonsVisited: 3, lessonsShowingFocus: 2 },
      { id: 'n', kind: 'note', title: 'Note', text: 'x' },
    ]);
    assert.deepEqual(findings.get('a'), { kind: 'assessment', before: 4.2, after: 6.1, unit: 'marks', measure: 'Mean' });
    assert.deepEqual(findings.get('w'), { kind: 'walk', showing: 22, visited: 30 });
    assert.equal(findings.has('w-small'), false);
    assert.equal(findings.has('n'), false);
  });
});

describe('booklet: findings and "what did not work"', () => {
  const input = (showWhatDidNot?: boolean) =>
    buildBooklet({
      title: 'T',
      schoolName: 'S',
      cycleName: 'C',
      themes: [],
      ...(showWhatDidNot === undefined ? {} : { showWhatDidNot }),
      outcomes: [
        {
          enquiryId: 'e',
          title: 'E',
          question: 'Q',
          authors: [],
          summary: '',
          findings: [],
          recommendations: [],
          reflection: { whatWorked: 'Worked <b>', whatDidNot: 'DID-NOT text', nextSteps: '' },
          evidence: [{ kind: 'Student voice survey', title: 'After', finding: '60% agree, up from 35% <i>' }],
        },
      ],
    });
  it('prints each finding beside its evidence, escaped', () => {
    assert.match(bookletToHtml(input()), /After <span class="finding">\(60% agree, up from 35% &lt;i&gt;\)<\/span>/);
    assert.match(bookletToMarkdown(input()), /After \(60\\% agree\\, up from 35\\% &lt;i&gt;\)/);
  });
  it('leaves "what did not work" out when asked, and keeps it by default', () => {
    assert.ok(bookletToHtml(input()).includes('DID-NOT text'));
    for (const text of [bookletToHtml(input(false)), bookletToMarkdown(input(false))]) {
      assert.ok(!text.includes('DID-NOT text'));
      assert.ok(!text.includes('What did not work'));
      assert.ok(text.includes('Worked'));
    }
  });
});
