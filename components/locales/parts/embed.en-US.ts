import { str } from '@lit/localize';

/** The embed page, en-US ("inquiry"); URL parameter names and values stay as they are typed. */
export const embed = {
  'embed.problem.heading': 'This plc-kit view cannot be shown',
  'embed.problem.view': str`There is no view called “${0}”. Use view=inquiry, board, impact, booklet or my-inquiries.`,
  'embed.problem.missing-id': 'view=inquiry needs the inquiry’s id, as id=…',
  'embed.problem.id': str`${0}=${1} is not an id: ids use letters, digits, “-”, “_”, “.” and “:” (up to 64).`,
  'embed.problem.origin': str`parent-origin=${0} is not an origin: give the host page’s scheme and host only, such as https://vle.school.example.`,
  'embed.problem.origin-not-allowed': str`${0} is not one of the sites this plc-kit server lets show its views (its PLC_EMBED_ANCESTORS setting).`,
  'embed.problem.no-host': 'This view is signed in by the site that shows it, so it opens only inside one of the sites this plc-kit server allows.',
  'embed.problem.setting': str`The page’s ${0} setting has “${1}”, which is not a web address or an origin.`,
  'embed.problem.value': str`${0}=${1} is not one of the values it accepts.`,
  'embed.problem.fix': 'Ask whoever added it to this page to correct its address.',
  'embed.skip': 'Skip to the content',
  'embed.back': 'Back',
};
