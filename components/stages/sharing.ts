/** The built-in stages "sharing" (reflect and write the outcome) and "shared" (it is published). */
import { html } from 'lit';
import type { StagePanelContext, StageView } from './stage-view.js';
import { STAGE_LABELS } from './labels.js';

const outcomeEditor = ({ enquiryId }: StagePanelContext) => html`<plc-outcome-editor enquiry-id=${enquiryId} heading-level="4"></plc-outcome-editor>`;

export const sharingStage: StageView = {
  id: 'sharing',
  label: STAGE_LABELS.sharing,
  guidance: {
    en: 'Reflect on what worked and what did not, write the outcome for colleagues, then publish it.',
    es: 'Reflexionad sobre lo que funcionó y lo que no, escribid el resultado para los compañeros y publicadlo.',
  },
  // The outcome editor publishes.
  advance: { type: 'outcome.publish' },
  back: [
    {
      type: 'evidence.reopen',
      label: { en: 'Gather more evidence', es: 'Reunir más evidencias' },
      confirm: {
        title: { en: 'Go back to gathering evidence?', es: '¿Volver a reunir evidencias?' },
        text: { en: 'Your reflection and outcome drafts are kept.', es: 'Se conservan los borradores de la reflexión y del resultado.' },
        button: { en: 'Gather more evidence', es: 'Reunir más evidencias' },
        reasonLabel: { en: 'What evidence is missing? (optional)', es: '¿Qué evidencias faltan? (opcional)' },
      },
    },
  ],
  panel: outcomeEditor,
};

export const sharedStage: StageView = {
  id: 'shared',
  label: STAGE_LABELS.shared,
  guidance: {
    en: 'The outcome is published. Colleagues can read it in the booklet and at the sharing session.',
    es: 'El resultado está publicado. Los compañeros pueden leerlo en el cuaderno y en la sesión para compartir.',
  },
  panel: outcomeEditor,
};
