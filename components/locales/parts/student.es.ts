import { str } from '@lit/localize';

/** The student page (a survey answered through its code), Spanish. */
export const student = {
  'student.title': 'Encuesta del alumnado',
  'student.unknown-code': 'No hay ninguna encuesta abierta con ese código. Comprueba el código de la pizarra y vuelve a escribirlo.',
  'student.already': 'Este dispositivo ya ha respondido a esta encuesta. ¡Gracias!',
  'student.already-other': 'Si eres otro alumno que usa el mismo dispositivo, también puedes responder.',
  'student.answer-anyway': 'Todavía no he respondido',
  'student.queued-title': 'Guardado en este dispositivo',
  'student.queued': 'Ahora no hay conexión. Tus respuestas se guardan en este dispositivo y se enviarán una sola vez en cuanto vuelva la conexión. Si puedes, deja esta página abierta.',
  'student.code-intro': 'Escribe el código que te ha dado tu profesor o profesora. No hace falta iniciar sesión y tus respuestas son anónimas.',
  'student.code-label': 'Código de la encuesta',
  'student.open': 'Abrir la encuesta',
  'student.code-format': str`Un código de encuesta tiene 7 letras y números, como ${0}.`,
  'student.closed-late': 'Esta encuesta se cerró antes de que llegaran tus respuestas, así que no se guardaron. ¡Gracias de todos modos!',
  'student.too-long': 'Tus respuestas son demasiado largas para enviarlas. Acorta los comentarios y vuelve a enviarlas.',
  'student.refused': str`No se pudieron guardar tus respuestas: ${0} Cámbialas y vuelve a enviarlas.`,
};
