import { str } from '@lit/localize';

/** The conflict view every record editor shares, Spanish. */
export const conflict = {
  'conflict.changed-this': 'Lo cambió.',
  'conflict.empty': '(vacío)',
  'conflict.same': 'Lo tuyo ahora dice lo mismo que lo suyo.',
  'conflict.yours': 'Lo tuyo',
  'conflict.theirs': 'Lo suyo',
  'conflict.use-theirs': str`Usar lo suyo en «${0}»`,
  'conflict.by-field': 'Cambió estos campos; se marcan las palabras que solo tiene una versión. Elige campo por campo, o quédate con una versión entera:',
  'conflict.deleted': 'Otra persona lo borró mientras lo editabas.',
  'conflict.saved': 'Otra persona lo guardó mientras lo editabas.',
  'conflict.changed': 'Cambió:',
  'conflict.kept': 'No se guardó nada. Lo que escribiste sigue aquí.',
  'conflict.keep-mine-deleted': 'Quedarme con lo mío (guardarlo de nuevo)',
  'conflict.keep-mine': 'Quedarme con lo mío (guardarlo sobre lo suyo)',
  'conflict.take-theirs': 'Quedarme con lo suyo (descartar lo mío)',
};
