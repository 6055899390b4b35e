import { str } from '@lit/localize';

/** La página para incrustar, en español; los nombres y valores de los parámetros de la URL no se traducen. */
export const embed = {
  'embed.problem.heading': 'Esta vista de plc-kit no se puede mostrar',
  'embed.problem.view': str`No existe ninguna vista llamada «${0}». Usa view=enquiry, board, impact, booklet o my-enquiries.`,
  'embed.problem.missing-id': 'view=enquiry necesita el identificador de la indagación, como id=…',
  'embed.problem.id': str`${0}=${1} no es un identificador: los identificadores usan letras, dígitos, «-», «_», «.» y «:» (hasta 64).`,
  'embed.problem.origin': str`parent-origin=${0} no es un origen: indica solo el esquema y el servidor de la página que la incrusta, como https://vle.school.example.`,
  'embed.problem.origin-not-allowed': str`${0} no es uno de los sitios a los que este servidor de plc-kit deja mostrar sus vistas (su ajuste PLC_EMBED_ANCESTORS).`,
  'embed.problem.no-host': 'Esta vista la inicia el sitio que la muestra, así que solo se abre dentro de uno de los sitios que este servidor de plc-kit permite.',
  'embed.problem.setting': str`El ajuste ${0} de la página tiene «${1}», que no es una dirección web ni un origen.`,
  'embed.problem.value': str`${0}=${1} no es uno de los valores que admite.`,
  'embed.problem.fix': 'Pide a quien la añadió a esta página que corrija su dirección.',
  'embed.skip': 'Saltar al contenido',
  'embed.back': 'Volver',
};
