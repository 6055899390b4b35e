import { str } from '@lit/localize';

/** El estado de la sincronización, en español. */
export const sync = {
  'sync.loading': 'Abriendo el almacenamiento de este dispositivo…',
  'sync.saved-locally': 'Guardado en este dispositivo',
  'sync.synced': 'Sincronizado',
  'sync.offline': 'Sin conexión',
  'sync.offline-unsent': str`Sin conexión: ${0} sin enviar`,
  'sync.unsent': str`Guardado en este dispositivo: ${0} sin enviar`,
  'sync.saved-not-sent': 'Guardado en este dispositivo, aún sin enviar: se enviará cuando vuelva la conexión.',
  'sync.error': str`Error de sincronización: ${0}`,
  'sync.retrying': 'Reintentando…',
  'sync.reason.unauthorized': 'el servidor no aceptó tu inicio de sesión. Vuelve a iniciar sesión.',
  'sync.reason.token': 'no has iniciado sesión en el servidor.',
  'sync.reason.forbidden': 'el servidor indica que no puedes hacer estos cambios.',
  'sync.reason.rejected-one': 'el servidor rechazó un cambio. Se conserva en este dispositivo.',
  'sync.reason.rejected': str`el servidor rechazó ${0} cambios. Se conservan en este dispositivo.`,
  'sync.reason.server': 'el servidor tuvo un problema. plc-kit lo volverá a intentar.',
  'sync.reason.local': 'este dispositivo no pudo guardar lo que envió el servidor. plc-kit lo volverá a intentar.',
};
