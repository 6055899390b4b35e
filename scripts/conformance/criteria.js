// The WCAG 2.2 level A and AA success criteria, as the VPAT 2.5 INT edition lists them, with the
// EN 301 549 V3.2.1 clause for web content (chapter 9) and whether Section 508 (which adopts WCAG
// 2.0 A/AA) asks for each. `hand` is what a criterion's row says when no automated test checks it:
// a status and the reason, checked by reading the code and using the demo school, never guessed.
// scripts/conformance.js marks the others from the browser tests' results.

/** @typedef {{ id: string, name: string, level: 'A' | 'AA', since: '2.0' | '2.1' | '2.2', hand?: { status: string, remarks: string } }} Criterion */

const NA = (remarks) => ({ status: 'Not Applicable', remarks });
const BY_HAND = (status, remarks) => ({ status, remarks: `Checked by hand: ${remarks}` });

/** @type {Criterion[]} */
export const CRITERIA = [
  { id: '1.1.1', name: 'Non-text Content', level: 'A', since: '2.0' },
  { id: '1.2.1', name: 'Audio-only and Video-only (Prerecorded)', level: 'A', since: '2.0', hand: NA('plc-kit shows no audio or video. An artefact may link to media kept elsewhere; its captions are its owner\'s.') },
  { id: '1.2.2', name: 'Captions (Prerecorded)', level: 'A', since: '2.0', hand: NA('No synchronized media.') },
  { id: '1.2.3', name: 'Audio Description or Media Alternative (Prerecorded)', level: 'A', since: '2.0', hand: NA('No synchronized media.') },
  { id: '1.2.4', name: 'Captions (Live)', level: 'AA', since: '2.0', hand: NA('No live media.') },
  { id: '1.2.5', name: 'Audio Description (Prerecorded)', level: 'AA', since: '2.0', hand: NA('No synchronized media.') },
  { id: '1.3.1', name: 'Info and Relationships', level: 'A', since: '2.0' },
  { id: '1.3.2', name: 'Meaningful Sequence', level: 'A', since: '2.0', hand: BY_HAND('Supports', 'the DOM order is the reading order in every element; layouts use grid and flex without reordering (no `order`, no `row-reverse`).') },
  { id: '1.3.3', name: 'Sensory Characteristics', level: 'A', since: '2.0', hand: BY_HAND('Supports', 'instructions name controls by their text ("Submit for review"), never by shape, place or colour alone.') },
  { id: '1.3.4', name: 'Orientation', level: 'AA', since: '2.1', hand: BY_HAND('Supports', 'no element locks orientation; the 320 px checks cover a phone held upright, the 1280 px ones a tablet or laptop turned.') },
  { id: '1.3.5', name: 'Identify Input Purpose', level: 'AA', since: '2.1', hand: BY_HAND('Supports', 'the only field about the person using it is the administrator\'s name on the first-run form, which carries `autocomplete`; other fields describe lessons and enquiries, not the user.') },
  { id: '1.4.1', name: 'Use of Color', level: 'A', since: '2.0' },
  { id: '1.4.2', name: 'Audio Control', level: 'A', since: '2.0', hand: NA('No audio plays.') },
  { id: '1.4.3', name: 'Contrast (Minimum)', level: 'AA', since: '2.0' },
  { id: '1.4.4', name: 'Resize Text', level: 'AA', since: '2.0', hand: BY_HAND('Supports', 'sizes are in rem and em; at 200% browser zoom a 1280 px window lays out as 640 px, which the 320 px checks cover.') },
  { id: '1.4.5', name: 'Images of Text', level: 'AA', since: '2.0', hand: BY_HAND('Supports', 'no images of text; charts draw their labels as SVG text beside data tables.') },
  { id: '1.4.10', name: 'Reflow', level: 'AA', since: '2.1' },
  { id: '1.4.11', name: 'Non-text Contrast', level: 'AA', since: '2.1' },
  { id: '1.4.12', name: 'Text Spacing', level: 'AA', since: '2.1' },
  { id: '1.4.13', name: 'Content on Hover or Focus', level: 'AA', since: '2.1', hand: BY_HAND('Supports', 'no tooltips or content that appears on hover; hints are always shown.') },
  { id: '2.1.1', name: 'Keyboard', level: 'A', since: '2.0' },
  { id: '2.1.2', name: 'No Keyboard Trap', level: 'A', since: '2.0' },
  { id: '2.1.4', name: 'Character Key Shortcuts', level: 'A', since: '2.1', hand: BY_HAND('Supports', 'there are no single-key shortcuts: keys act only on the focused control (arrow keys in tab lists and the community board\'s tree).') },
  { id: '2.2.1', name: 'Timing Adjustable', level: 'A', since: '2.0', hand: BY_HAND('Supports', 'no time limits; a session token renews without asking, and drafts are kept if it cannot.') },
  { id: '2.2.2', name: 'Pause, Stop, Hide', level: 'A', since: '2.0', hand: NA('Nothing moves, blinks or scrolls by itself; the kiosk mode of the student survey does not rotate content.') },
  { id: '2.3.1', name: 'Three Flashes or Below Threshold', level: 'A', since: '2.0', hand: NA('Nothing flashes.') },
  { id: '2.4.1', name: 'Bypass Blocks', level: 'A', since: '2.0' },
  { id: '2.4.2', name: 'Page Titled', level: 'A', since: '2.0', hand: BY_HAND('Supports', 'the elements are embedded in the host\'s page, whose title is the host\'s; the standalone pages (embed page, student survey page) have titles.') },
  { id: '2.4.3', name: 'Focus Order', level: 'A', since: '2.0' },
  { id: '2.4.4', name: 'Link Purpose (In Context)', level: 'A', since: '2.0' },
  { id: '2.4.5', name: 'Multiple Ways', level: 'AA', since: '2.0', hand: BY_HAND('Supports', 'an enquiry is reached from My enquiries, from the community board (filterable) and by its address; other views from the navigation.') },
  { id: '2.4.6', name: 'Headings and Labels', level: 'AA', since: '2.0' },
  { id: '2.4.7', name: 'Focus Visible', level: 'AA', since: '2.0' },
  { id: '2.4.11', name: 'Focus Not Obscured (Minimum)', level: 'AA', since: '2.2', hand: BY_HAND('Supports', 'the only sticky parts (the enquiry\'s stage list and the question checklist, at wide widths) sit in a column of their own, beside the content, never over it; the skip link shows only while it has focus.') },
  { id: '2.5.1', name: 'Pointer Gestures', level: 'A', since: '2.1', hand: BY_HAND('Supports', 'every action is a single tap or click; reordering uses Up and Down buttons, not dragging.') },
  { id: '2.5.2', name: 'Pointer Cancellation', level: 'A', since: '2.1', hand: BY_HAND('Supports', 'actions run on click (the up event), native buttons throughout.') },
  { id: '2.5.3', name: 'Label in Name', level: 'A', since: '2.1' },
  { id: '2.5.4', name: 'Motion Actuation', level: 'A', since: '2.1', hand: NA('Nothing responds to device motion.') },
  { id: '2.5.7', name: 'Dragging Movements', level: 'AA', since: '2.2', hand: BY_HAND('Supports', 'no dragging anywhere: agenda and survey questions move with Up and Down buttons.') },
  { id: '2.5.8', name: 'Target Size (Minimum)', level: 'AA', since: '2.2' },
  { id: '3.1.1', name: 'Language of Page', level: 'A', since: '2.0' },
  { id: '3.1.2', name: 'Language of Parts', level: 'AA', since: '2.0' },
  { id: '3.2.1', name: 'On Focus', level: 'A', since: '2.0', hand: BY_HAND('Supports', 'focus never submits, navigates or opens anything.') },
  { id: '3.2.2', name: 'On Input', level: 'A', since: '2.0' },
  { id: '3.2.3', name: 'Consistent Navigation', level: 'AA', since: '2.0', hand: BY_HAND('Supports', 'plc-app\'s navigation is the same in every view, in the same order (tests/components/plc-app.test.ts checks its entries per role).') },
  { id: '3.2.4', name: 'Consistent Identification', level: 'AA', since: '2.0', hand: BY_HAND('Supports', 'the same action has the same name everywhere (one locale catalogue per language).') },
  { id: '3.2.6', name: 'Consistent Help', level: 'A', since: '2.2', hand: NA('plc-kit offers no help mechanism of its own; a host page that adds one places it.') },
  { id: '3.3.1', name: 'Error Identification', level: 'A', since: '2.0' },
  { id: '3.3.2', name: 'Labels or Instructions', level: 'A', since: '2.0' },
  { id: '3.3.3', name: 'Error Suggestion', level: 'AA', since: '2.0', hand: BY_HAND('Supports', 'every error says what is expected ("Say what evidence 1 will show, or remove it"); the element tests assert the words.') },
  { id: '3.3.4', name: 'Error Prevention (Legal, Financial, Data)', level: 'AA', since: '2.0', hand: BY_HAND('Supports', 'withdrawing, archiving, going back a stage and removing evidence ask first; imports show a check report before anything is saved.') },
  { id: '3.3.7', name: 'Redundant Entry', level: 'A', since: '2.2', hand: BY_HAND('Supports', 'forms are prefilled from what was entered before (an observation\'s focus from the driving question, drafts kept on the device).') },
  { id: '3.3.8', name: 'Accessible Authentication (Minimum)', level: 'AA', since: '2.2', hand: BY_HAND('Supports', 'sign-in is the school\'s own (LTI, Google or Microsoft); students answer surveys with a short code or QR code and no sign-in.') },
  { id: '4.1.1', name: 'Parsing (obsolete and removed in WCAG 2.2)', level: 'A', since: '2.0', hand: { status: 'Supports', remarks: 'Obsolete in WCAG 2.2 and always met for HTML (WCAG 2.0 and 2.1 errata); listed for Section 508, which adopts WCAG 2.0. The DOM is built by Lit templates.' } },
  { id: '4.1.2', name: 'Name, Role, Value', level: 'A', since: '2.0' },
  { id: '4.1.3', name: 'Status Messages', level: 'AA', since: '2.1' },
];

/** The EN 301 549 V3.2.1 clause for web content: chapter 9 mirrors WCAG 2.1 (9.x.y.z for x.y.z). */
export function enClause(criterion) {
  if (criterion.since === '2.2') return 'Not in EN 301 549 V3.2.1 (WCAG 2.2 only)';
  return `9.${criterion.id}`;
}

/** Whether Section 508 (WCAG 2.0 A/AA, by 36 CFR 1194 E205.4) asks for a criterion. */
export function section508(criterion) {
  return criterion.since === '2.0' ? 'Yes' : 'No (beyond WCAG 2.0)';
}
