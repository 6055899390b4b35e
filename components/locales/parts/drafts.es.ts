/** Drafts kept on the device and their restore prompt, Spanish. */
import { str } from '@lit/localize';

export const drafts = {
  'drafts.offer': str`Cambios sin guardar (${0}).`,
  'drafts.offer.hint': 'Se guardaron en este dispositivo. Recupéralos para seguir, o descártalos.',
  'drafts.restore': 'Recuperar',
  'drafts.discard': 'Descartar',
};
