/**
 * The built-in evidence kind "student voice": an anonymous survey's aggregated results, drawn by
 * `<plc-survey-results>` (the evidence board defines it).
 */
import { html } from 'lit';
import type { StudentVoiceResults } from '../../src/analysis/survey.js';
import type { EvidenceKindView } from './evidence-view.js';

export const studentVoiceView: EvidenceKindView = {
  kind: 'student-voice',
  label: { en: 'Student voice survey', es: 'Encuesta de voz del alumnado' },
  // No add form: a survey is built, answered and then added from the survey builder.
  form: false,
  render: (item, { headingLevel }) =>
    html`<plc-survey-results heading-level=${Math.min(6, headingLevel + 1)} .results=${item as unknown as StudentVoiceResults}></plc-survey-results>`,
};
