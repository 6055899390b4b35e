/** The built-in stage "driving question": written together, then reviewed by the lead. */
import { html } from 'lit';
import { textOf } from '../shared/text.js';
import type { StageView } from './stage-view.js';
import { STAGE_LABELS } from './labels.js';

export const text = {
  awaitingReview: { en: 'Waiting for the lead to approve the driving question.', es: 'Esperando a que la persona responsable apruebe la pregunta guía.' },
  submitForReview: { en: 'Submit the driving question for the lead’s review.', es: 'Envía la pregunta guía para que la revise la persona responsable.' },
  submit: { en: 'Submit the driving question to move on.', es: 'Envía la pregunta guía para continuar.' },
};

export const questionStage: StageView = {
  id: 'question',
  label: STAGE_LABELS.question,
  guidance: {
    en: 'Write the driving question together, then submit it for the lead’s review.',
    es: 'Escribid juntos la pregunta guía y enviadla para que la revise la persona responsable.',
  },
  // The question editor submits; approval (when the cycle asks for it) is what moves the enquiry on.
  advance: { type: 'question.submit' },
  nextNote: (state, verdict) => {
    if (state.step === 'question.review') return { locked: true, text: textOf(text.awaitingReview) };
    const submit = verdict('question.submit');
    if (submit.locked) return submit;
    return { locked: true, text: textOf(state.data.policy.questionReviewRequired ? text.submitForReview : text.submit) };
  },
  panel: ({ enquiryId }) => html`<plc-question-editor enquiry-id=${enquiryId} heading-level="4"></plc-question-editor>`,
};
