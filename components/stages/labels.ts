/**
 * The built-in stages' names, apart from their panels (the stage files beside this one): every
 * view names stages, only the enquiry view draws their panels, so the names load with the first
 * view of `<plc-app>` and the panels with `<plc-enquiry>` (see components/context/views.ts).
 */
import type { BuiltInStage } from '../../src/lifecycle/stages.js';
import type { Text } from '../shared/text.js';

/** Each built-in stage's name, in every language. */
export const STAGE_LABELS = {
  theme: { en: 'Theme', es: 'Tema' },
  question: { en: 'Driving question', es: 'Pregunta guía' },
  observation: { en: 'Observation', es: 'Observación' },
  evidence: { en: 'Evidence', es: 'Evidencias' },
  sharing: { en: 'Sharing', es: 'Compartir' },
  shared: { en: 'Shared', es: 'Compartida' },
} as const satisfies Record<BuiltInStage, Text>;
