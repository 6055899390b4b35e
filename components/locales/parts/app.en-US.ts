import { str } from '@lit/localize';

/** The app shell, en-US. */
export const app = {
  'app.name': 'plc-kit',
  'app.programme-cycle': str`Professional learning communities · ${0}`,
  'app.programme': 'Professional learning communities',
  'app.menu': 'Menu',
  'app.nav': 'Sections',
  'app.signed-in-as': 'Signed in as',
  'app.loading-short': 'Loading…',
  'app.person-hint': 'Demo only: switch person to see each role.',
  'app.not-signed-in': 'Not signed in',
  'app.role.cpd-leader': 'PD leader',
  'app.role.admin': 'Administrator',
  'app.role.lead': str`Lead, ${0}`,
  'app.role.new-staff': 'New staff',
  'app.role.member': str`Member, ${0}`,
  'app.role.teacher': 'Teacher',
  'app.language': 'Language',
  'app.seeding': 'Setting up the demo school…',
  'app.seed-failed': 'The demo school could not be set up in this browser.',
  'app.back': 'Back to my inquiries',
};
