/** The conflict view every record editor shares, Spanish. */
export const conflict = {
  'conflict.deleted': 'Otra persona lo borró mientras lo editabas.',
  'conflict.saved': 'Otra persona lo guardó mientras lo editabas.',
  'conflict.changed': 'Cambió:',
  'conflict.kept': 'No se guardó nada. Lo que escribiste sigue aquí.',
  'conflict.keep-mine-deleted': 'Quedarme con lo mío (guardarlo de nuevo)',
  'conflict.keep-mine': 'Quedarme con lo mío (guardarlo sobre lo suyo)',
  'conflict.take-theirs': 'Quedarme con lo suyo (descartar lo mío)',
};
