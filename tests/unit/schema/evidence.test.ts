import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as z from 'zod/mini';
import {
  ArtefactEvidence,
  AssessmentEvidence,
  AttendanceEvidence,
  ExamResultsEvidence,
  BUILT_IN_EVIDENCE,
  createEvidenceKinds,
  evidenceBase,
  LearningWalkEvidence,
  NoteEvidence,
  StudentVoiceEvidence,
  SurveyResult,
} from '../../../src/index.js';
import { evidence } from '../../support/lifecycle-fixtures.js';
import { accepts, refuses } from './helpers.js';

describe('evidence kinds', () => {
  it('accepts a valid item of every built-in kind', () => {
    accepts(StudentVoiceEvidence, evidence.studentVoice());
    accepts(AssessmentEvidence, evidence.assessment());
    accepts(LearningWalkEvidence, evidence.learningWalk());
    accepts(ArtefactEvidence, evidence.artefact());
    accepts(NoteEvidence, evidence.note());
    assert.deepEqual(Object.keys(BUILT_IN_EVIDENCE), ['student-voice', 'assessment', 'learning-walk', 'artefact', 'note', 'attendance', 'exam-results']);
  });

  it('every kind needs the base fields', () => {
    for (const make of Object.values(evidence)) {
      const item = make();
      const schema = BUILT_IN_EVIDENCE[item.kind as keyof typeof BUILT_IN_EVIDENCE];
      refuses(schema, { ...item, id: undefined }, 'id', /is required/);
      refuses(schema, { ...item, title: ' ' }, 'title', /must not be empty/);
      refuses(schema, { ...item, collectedOn: 'last week' }, 'collectedOn', /a date such as/);
    }
  });

  it('student voice is aggregated and anonymous: no names, no per-student rows', () => {
    refuses(StudentVoiceEvidence, evidence.studentVoice('ev', { responses: [{ studentId: 's1', q1: 4 }] }), '(value)', /unknown field: responses/);
    refuses(StudentVoiceEvidence, evidence.studentVoice('ev', { questions: [] }), 'questions', /at least 1 item/);
    refuses(StudentVoiceEvidence, evidence.studentVoice('ev', { responseCount: -1 }), 'responseCount', /at least 0/);
    refuses(SurveyResult, { questionId: 'q1', counts: [1, -2] }, 'counts.1', /at least 0/);
    refuses(SurveyResult, { questionId: 'q1', counts: [], comments: ['x'.repeat(501)] }, 'comments.0', /at most 500 characters/);
  });

  it('assessment before/after, learning-walk tallies, notes', () => {
    refuses(AssessmentEvidence, evidence.assessment('ev', { before: { value: 4 } }), 'before.students', /is required/);
    refuses(AssessmentEvidence, evidence.assessment('ev', { after: { value: 'high', students: 3 } }), 'after.value', /must be a number/);
    refuses(LearningWalkEvidence, evidence.learningWalk('ev', { lessonsVisited: 0 }), 'lessonsVisited', /at least 1/);
    refuses(NoteEvidence, evidence.note('ev', { text: 7 }), 'text', /must be a string/);
  });

  it('attendance is percentages of a named group, with the rest of the school optional', () => {
    accepts(AttendanceEvidence, evidence.attendance());
    accepts(AttendanceEvidence, evidence.attendance('ev', { others: undefined }));
    refuses(AttendanceEvidence, evidence.attendance('ev', { after: 101 }), 'after', /at most 100/);
    refuses(AttendanceEvidence, evidence.attendance('ev', { before: -1 }), 'before', /at least 0/);
    refuses(AttendanceEvidence, evidence.attendance('ev', { students: 0 }), 'students', /at least 1/);
    refuses(AttendanceEvidence, evidence.attendance('ev', { others: { students: 800, before: 92 } }), 'others.after', /is required/);
    refuses(AttendanceEvidence, evidence.attendance('ev', { pupils: ['Sam'] }), '(value)', /unknown field: pupils/);
  });

  it('exam results have one count per grade, grades named once, and a pass grade among them', () => {
    accepts(ExamResultsEvidence, evidence.examResults());
    accepts(ExamResultsEvidence, evidence.examResults('ev', { passFrom: undefined, others: undefined }));
    refuses(ExamResultsEvidence, evidence.examResults('ev', { after: { cohort: 'Year 11, 2026', counts: [1, 2, 3] } }), 'after.counts', /one count per grade \(10\)/);
    refuses(ExamResultsEvidence, evidence.examResults('ev', { others: { before: [1, 2], after: [1, 2] } }), 'others.before', /one count per grade/);
    refuses(ExamResultsEvidence, evidence.examResults('ev', { passFrom: 'C' }), 'passFrom', /one of the grades/);
    refuses(ExamResultsEvidence, evidence.examResults('ev', { grades: ['A', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'U', 'X'], passFrom: 'C' }), 'grades', /a grade twice/);
    refuses(ExamResultsEvidence, evidence.examResults('ev', { before: { cohort: 'Year 11, 2025', counts: [1, 2, 3, 4, 5, 5, 4, 3, 2, -1] } }), 'before.counts.9', /at least 0/);
    refuses(ExamResultsEvidence, evidence.examResults('ev', { before: { counts: [1, 2, 3, 4, 5, 5, 4, 3, 2, 1] } }), 'before.cohort', /is required/);
  });

  it('artefact links accept only http(s)', () => {
    accepts(ArtefactEvidence, evidence.artefact('ev', { url: 'http://example.org/photo.jpg' }));
    for (const url of ['javascript:alert(1)', 'data:image/png;base64,AAAA', 'ftp://example.org/a.pdf']) {
      refuses(ArtefactEvidence, evidence.artefact('ev', { url }), 'url', /^must be an http or https link$/);
    }
  });

  it('a kind only accepts its own tag and fields', () => {
    refuses(NoteEvidence, evidence.note('ev', { kind: 'artefact' }), 'kind');
    refuses(NoteEvidence, evidence.note('ev', { url: 'https://example.org' }), '(value)', /unknown field: url/);
  });
});

describe('createEvidenceKinds', () => {
  const Homework = z.strictObject({ ...evidenceBase, kind: z.literal('homework'), before: z.number(), after: z.number() });

  it('returns the built-in kinds plus the integrator\'s, frozen', () => {
    const kinds = createEvidenceKinds({ homework: Homework });
    assert.deepEqual(Object.keys(kinds), [...Object.keys(BUILT_IN_EVIDENCE), 'homework']);
    assert.ok(Object.isFrozen(kinds));
    assert.deepEqual(Object.keys(createEvidenceKinds()), Object.keys(BUILT_IN_EVIDENCE));
  });

  it('refuses to replace a built-in kind or to use an unsafe name', () => {
    assert.throws(() => createEvidenceKinds({ note: Homework }), /"note" is built in and cannot be replaced/);
    assert.throws(() => createEvidenceKinds({ attendance: Homework }), /"attendance" is built in and cannot be replaced/);
    for (const name of ['Homework', 'homework rate', '1st', 'a'.repeat(41), '']) {
      assert.throws(() => createEvidenceKinds({ [name]: Homework }), /must be lowercase letters, digits and dashes/, name);
    }
  });
});
