import { str } from '@lit/localize';

/** Shared names and refusal reasons, en-US. */
export const common = {
  'common.status.active': 'In progress',
  'common.status.paused': 'Paused',
  'common.status.withdrawn': 'Withdrawn',
  'common.status.archived': 'Archived',
  'common.status.new': 'Not started',
  'common.enquiry': 'inquiry',
  'refusal.theme-missing': 'Choose a theme first.',
  'refusal.question-incomplete': 'Write the driving question and at least one success criterion ("how will we know?") before submitting it.',
  'refusal.not-reviewer': 'Only the community lead can review the driving question.',
  'refusal.own-question': 'Another reviewer must approve a question you wrote yourself.',
  'refusal.too-few-observations': str`Record at least ${0} observation(s) before gathering evidence (${1} so far).`,
  'refusal.student-voice-missing': 'This cycle asks for student voice: add an anonymous student-voice survey before sharing.',
  'refusal.too-few-evidence': str`Add at least ${0} piece(s) of evidence before sharing (${1} so far).`,
  'refusal.reflection-missing': 'Write your reflection (what worked, what did not) before publishing.',
  'refusal.outcome-missing': 'Write the summary for colleagues before publishing.',
  'refusal.not-observed-colleague': 'Only the colleague who was observed can share the notes further.',
  'refusal.paused': 'This inquiry is paused: resume it first.',
  'refusal.closed': 'This inquiry is closed: nothing more can be added.',
  'refusal.not-in-stage': str`This cannot be done at the ${0} stage.`,
  'refusal.not-allowed': 'You do not have permission to do this.',
  'refusal.server.too-large': 'This step is larger than the server accepts.',
  'refusal.server.invalid': str`The server could not accept this step: ${0}`,
  'provider.storage-fallback': 'This browser would not open its storage, so your work is kept only until this page is closed.',
};
