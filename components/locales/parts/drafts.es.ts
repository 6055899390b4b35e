/** Drafts kept on the device and their restore prompt, Spanish. */
import { str } from '@lit/localize';

export const drafts = {
  'enquiry.history.version': 'Lo que se escribió',
  'enquiry.history.findings': 'Hallazgos',
  'enquiry.history.recommendations': 'Recomendaciones',
  'fold.more': 'Mostrar más',
  'fold.less': 'Mostrar menos',
  'drafts.offer': str`Cambios sin guardar (${0}).`,
  'drafts.offer.hint': 'Se guardaron en este dispositivo. Recupéralos para seguir, o descártalos.',
  'drafts.restore': 'Recuperar',
  'drafts.discard': 'Descartar',
};
