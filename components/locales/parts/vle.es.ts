import { str } from '@lit/localize';

/** Cadenas de «Publicar en tu aula virtual», en español. */
export const vle = {
  'vle.heading': 'Publicar en tu aula virtual',
  'vle.no-provider': 'Este elemento necesita un plc-provider a su alrededor.',
  'vle.no-server': 'Publicar en el aula virtual necesita el servidor de plc-kit, que guarda la página que muestra el aula virtual. Esta página guarda su trabajo solo en este dispositivo.',
  'vle.intro-outcome': 'Lleva este resultado a tu aula virtual: una página para un iframe o un enlace, o un fragmento para el editor del aula virtual. Lo lee todo el que vea esa parte del curso, también el alumnado.',
  'vle.intro-booklet': 'Lleva este cuadernillo a tu aula virtual: una página para un iframe o un enlace, o un fragmento para el editor del aula virtual. Reúne los resultados publicados para el aula virtual. Lo lee todo el que vea esa parte del curso, también el alumnado.',
  'vle.make': 'Obtener la publicación',
  'vle.loading': 'Preparando la publicación…',
  'vle.ready': 'La publicación está lista.',
  'vle.not-for-vle': 'Este resultado no se publicó para el aula virtual. Marca «El aula virtual» en «Compartirlo a través de» y vuelve a publicarlo para llevarlo allí.',
  'vle.nothing': 'Todavía no hay ningún resultado publicado que llevar aquí.',
  'vle.offline': 'No tienes conexión: la publicación se podrá preparar cuando se alcance el servidor.',
  'vle.error': str`No se pudo preparar la publicación: ${0}`,
  'vle.retry': 'Reintentar',
  'vle.page': 'La página:',
  'vle.snippet': 'Fragmento HTML (pégalo en la vista HTML del editor)',
  'vle.copy-snippet': 'Copiar el fragmento',
  'vle.iframe': 'Código del iframe (para una página del aula virtual que lo admita)',
  'vle.copy-iframe': 'Copiar el código del iframe',
  'vle.snippet-copied': 'Fragmento copiado.',
  'vle.iframe-copied': 'Código del iframe copiado.',
  'vle.copy-yourself': 'El texto está seleccionado: cópialo con Ctrl+C (⌘C en un Mac).',
  'vle.deep-link': 'Desde tu aula virtual también puedes añadir plc-kit como actividad y elegir «Un resultado publicado»: el aula virtual coloca el fragmento por ti.',
};
