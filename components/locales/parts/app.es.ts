import { str } from '@lit/localize';

/** The app shell, Spanish. */
export const app = {
  'app.name': 'plc-kit',
  'app.programme-cycle': str`Comunidades profesionales de aprendizaje · ${0}`,
  'app.programme': 'Comunidades profesionales de aprendizaje',
  'app.menu': 'Menú',
  'app.nav': 'Secciones',
  'app.signed-in-as': 'Has iniciado sesión como',
  'app.loading-short': 'Cargando…',
  'app.person-hint': 'Solo en la demo: cambia de persona para ver cada papel.',
  'app.not-signed-in': 'No has iniciado sesión',
  'app.role.cpd-leader': 'Responsable de formación',
  'app.role.admin': 'Administración',
  'app.role.lead': str`Responsable, ${0}`,
  'app.role.new-staff': 'Personal nuevo',
  'app.role.member': str`Miembro, ${0}`,
  'app.role.teacher': 'Docente',
  'app.language': 'Idioma',
  'app.seeding': 'Preparando el centro de la demo…',
  'app.seed-failed': 'No se ha podido preparar el centro de la demo en este navegador.',
  'app.back': 'Volver a mis indagaciones',
};
