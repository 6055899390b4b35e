import { str } from '@lit/localize';

/** Cadenas de la cola de revisión, en español. */
export const review = {
  'review.comment-needed': 'Indica qué cambiar antes de devolver la pregunta.',
  'review.approved': str`Aprobada: ${0}.`,
  'review.returned': str`Devuelta con tu comentario: ${0}.`,
  'review.save-failed': str`No se pudo guardar tu decisión: ${0}`,
  'review.heading': 'Pendiente de mi revisión',
  'review.loading': 'Cargando las preguntas…',
  'review.no-person': 'Elige quién eres para ver lo que espera tu revisión.',
  'review.load-error': 'No se pudieron cargar las preguntas.',
  'review.empty': 'No hay nada pendiente de tu revisión.',
  'review.count': str`${0} pendientes, de la más antigua a la más reciente.`,
  'review.meta': str`De ${0}; en espera desde el ${1}.`,
  'review.comment-return': 'Qué debería cambiar (lo leen sus autores)',
  'review.comment-approve': 'Un comentario para sus autores (opcional)',
  'review.send-return': 'Devolver la pregunta',
  'review.send-approve': 'Aprobar la pregunta',
  'review.cancel': 'Cancelar',
  'review.approve': 'Aprobar',
  'review.return': 'Devolver con un comentario',
};
