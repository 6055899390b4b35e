import { str } from '@lit/localize';

/** Cadenas de los avisos, en español. */
export const notify = {
  'notify.save-failed': str`No se pudieron marcar como leídas: ${0}`,
  'notify.setting-failed': str`No se pudo guardar el ajuste: ${0}`,
  'notify.review-waiting': str`Una pregunta guía espera tu revisión: ${0}.`,
  'notify.question-returned': str`Te devolvieron tu pregunta guía con un comentario: ${0}.`,
  'notify.observation-recorded': str`Se registró una observación de tu clase para ${0}.`,
  'notify.observation-shared': str`Un colega compartió contigo notas de observación (${0}).`,
  'notify.survey-ready': str`Tu encuesta ${0} tiene respuestas suficientes para leerse.`,
  'notify.meeting-tomorrow': str`${0} se reúne mañana, ${1}.`,
  'notify.enquiry-stuck': str`${0} lleva ${2} semanas o más en la etapa ${1}.`,
  'notify.sharing-invited': str`Te invitan a presentar en la sesión para compartir ${0}, ${1}.`,
  'notify.heading': 'Avisos',
  'notify.no-person': 'Elige quién eres para ver tus avisos.',
  'notify.no-server': 'Los avisos llegan del servidor de plc-kit. Esta página guarda su trabajo solo en este dispositivo, así que aquí no hay ninguno.',
  'notify.loading': 'Cargando tus avisos…',
  'notify.offline': 'Estás sin conexión: tus avisos se mostrarán cuando se pueda llegar al servidor.',
  'notify.load-error': str`No se pudieron cargar tus avisos: ${0}`,
  'notify.unread': str`${0} sin leer`,
  'notify.read-all': 'Marcar todos como leídos',
  'notify.empty': 'No hay nada nuevo para ti.',
  'notify.new': 'Nuevo:',
  'notify.open': 'Abrir',
  'notify.read': 'Marcar como leído',
  'notify.digest': 'Enviarme un resumen diario por correo de lo que no he leído (solo títulos, nunca notas)',
};
