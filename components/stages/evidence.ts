/** The built-in stage "evidence": student voice first, then assessment data, walks, artefacts, notes. */
import { html, nothing } from 'lit';
import { textOf } from '../shared/text.js';
import { refineQuestion } from './steps.js';
import type { StageView } from './stage-view.js';
import { STAGE_LABELS } from './labels.js';

export const moreObservation = { en: 'Record another observation', es: 'Registrar otra observación' };

export const evidenceStage: StageView = {
  id: 'evidence',
  label: STAGE_LABELS.evidence,
  guidance: {
    en: 'Gather evidence: student voice first, then assessment data, artefacts or notes.',
    'en-US': 'Gather evidence: student voice first, then assessment data, artifacts or notes.',
    es: 'Reunid evidencias: primero la voz del alumnado, luego datos de evaluación, muestras de trabajo o notas.',
  },
  advance: { type: 'sharing.start', label: { en: 'Move to sharing', es: 'Pasar a compartir' }, primary: true },
  back: [refineQuestion],
  // Observations can still be recorded while evidence is gathered.
  panel: ({ enquiryId, current, allowed }) =>
    current
      ? html`<plc-evidence-board enquiry-id=${enquiryId} heading-level="4"></plc-evidence-board>
          <plc-observation-list enquiry-id=${enquiryId} heading-level="4"></plc-observation-list>
          ${allowed.has('observation.record')
            ? html`<details class="more">
                <summary>${textOf(moreObservation)}</summary>
                <plc-observation-form enquiry-id=${enquiryId} heading-level="4"></plc-observation-form>
              </details>`
            : nothing}`
      : html`<plc-evidence-board enquiry-id=${enquiryId} heading-level="4"></plc-evidence-board>`,
};
