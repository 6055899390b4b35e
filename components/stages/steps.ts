/** Steps more than one built-in stage offers. */
import type { StageStep } from './stage-view.js';

/** Back to the driving question, from observation or evidence: asks first, with an optional reason. */
export const refineQuestion: StageStep = {
  type: 'question.refine',
  label: { en: 'Back to the question', es: 'Volver a la pregunta' },
  confirm: {
    title: { en: 'Go back to the driving question?', es: '¿Volver a la pregunta guía?' },
    text: {
      en: 'Observations and evidence are kept. The changed question goes to the lead for review again.',
      es: 'Se conservan las observaciones y las evidencias. La pregunta modificada vuelve a revisión.',
    },
    button: { en: 'Go back to the question', es: 'Volver a la pregunta' },
    reasonLabel: { en: 'What do you want to change? (optional)', es: '¿Qué quieres cambiar? (opcional)' },
  },
};
