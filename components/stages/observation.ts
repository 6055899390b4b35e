/** The built-in stage "observation": colleagues observe each other's lessons with the question in mind. */
import { html } from 'lit';
import { refineQuestion } from './steps.js';
import type { StageView } from './stage-view.js';
import { STAGE_LABELS } from './labels.js';

export const observationStage: StageView = {
  id: 'observation',
  label: STAGE_LABELS.observation,
  guidance: {
    en: 'Observe each other’s lessons with the question in mind. Notes are developmental and stay within the enquiry.',
    'en-US': 'Observe each other’s lessons with the question in mind. Notes are developmental and stay within the inquiry.',
    es: 'Observad las clases de los compañeros con la pregunta en mente. Las notas son formativas y no salen de la indagación.',
  },
  advance: { type: 'evidence.start', label: { en: 'Start gathering evidence', es: 'Empezar a reunir evidencias' }, primary: true },
  back: [refineQuestion],
  panel: ({ enquiryId, current }) =>
    current
      ? html`<plc-observation-form enquiry-id=${enquiryId} heading-level="4"></plc-observation-form>
          <plc-observation-list enquiry-id=${enquiryId} heading-level="4"></plc-observation-list>`
      : html`<plc-observation-list enquiry-id=${enquiryId} heading-level="4"></plc-observation-list>`,
};
