/**
 * The built-in evidence kinds as the evidence board shows them, in the order of its "Add
 * evidence" buttons. A new built-in kind is its schema in src/schema/evidence.ts and one file
 * here, listed below; `tests/unit/views.test.ts` checks that every kind the lifecycle knows has
 * one, with its words in every language.
 *
 * Importing this file adds them to every element's views (see `addBuiltInEvidenceViews`): each
 * element that shows evidence imports it, so they load with the first such element, not with
 * the first view of `<plc-app>`.
 */
import { addBuiltInEvidenceViews } from '../context/views.js';
import type { EvidenceKindView } from './evidence-view.js';
import { studentVoiceView } from './student-voice.js';
import { assessmentView } from './assessment.js';
import { learningWalkView } from './learning-walk.js';
import { artefactView } from './artefact.js';
import { noteView } from './note.js';
import { attendanceView } from './attendance.js';
import { examResultsView } from './exam-results.js';

export const BUILT_IN_EVIDENCE_VIEWS: readonly EvidenceKindView[] = [studentVoiceView, assessmentView, learningWalkView, artefactView, noteView, attendanceView, examResultsView];

addBuiltInEvidenceViews(BUILT_IN_EVIDENCE_VIEWS);
