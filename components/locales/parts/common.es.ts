import { str } from '@lit/localize';

/** Nombres compartidos y motivos de rechazo, en español. */
export const common = {
  'common.status.active': 'En curso',
  'common.status.paused': 'En pausa',
  'common.status.withdrawn': 'Retirada',
  'common.status.archived': 'Archivada',
  'common.status.new': 'Sin empezar',
  'common.enquiry': 'investigación',
  'refusal.theme-missing': 'Elige primero un tema.',
  'refusal.question-incomplete': 'Escribe la pregunta guía y al menos un criterio de éxito («¿cómo lo sabremos?») antes de enviarla.',
  'refusal.not-reviewer': 'Solo la persona que coordina la comunidad puede revisar la pregunta guía.',
  'refusal.own-question': 'Otra persona revisora debe aprobar una pregunta que has escrito tú.',
  'refusal.too-few-observations': str`Registra al menos ${0} observación(es) antes de reunir evidencias (${1} hasta ahora).`,
  'refusal.student-voice-missing': 'Este ciclo pide la voz del alumnado: añade una encuesta anónima antes de compartir.',
  'refusal.too-few-evidence': str`Añade al menos ${0} evidencia(s) antes de compartir (${1} hasta ahora).`,
  'refusal.reflection-missing': 'Escribe tu reflexión (qué funcionó y qué no) antes de publicar.',
  'refusal.outcome-missing': 'Escribe el resumen para el claustro antes de publicar.',
  'refusal.not-observed-colleague': 'Solo la persona observada puede compartir las notas con otras personas.',
  'refusal.paused': 'Esta investigación está en pausa: reanúdala primero.',
  'refusal.closed': 'Esta investigación está cerrada: no se puede añadir nada más.',
  'refusal.not-in-stage': str`Esto no se puede hacer en la fase «${0}».`,
  'refusal.not-allowed': 'No tienes permiso para hacer esto.',
  'refusal.server.too-large': 'Este paso es más grande de lo que acepta el servidor.',
  'refusal.server.invalid': str`El servidor no ha podido aceptar este paso: ${0}`,
  'provider.storage-fallback': 'Este navegador no ha permitido abrir su almacenamiento: tu trabajo solo se guarda hasta que cierres esta página.',
};
