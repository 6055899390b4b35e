import { str } from '@lit/localize';

/** Notification strings, US English. */
export const notify = {
  'notify.save-failed': str`Could not mark them read: ${0}`,
  'notify.setting-failed': str`Could not save the setting: ${0}`,
  'notify.review-waiting': str`A driving question waits for your review: ${0}.`,
  'notify.question-returned': str`Your driving question was returned with a comment: ${0}.`,
  'notify.observation-recorded': str`An observation of your lesson was recorded for ${0}.`,
  'notify.observation-shared': str`A colleague shared observation notes with you (${0}).`,
  'notify.survey-ready': str`Your survey ${0} has enough answers to read.`,
  'notify.meeting-tomorrow': str`${0} meets tomorrow, ${1}.`,
  'notify.enquiry-stuck': str`${0} has been at the ${1} stage for ${2} weeks or more.`,
  'notify.sharing-invited': str`You are invited to present at the sharing session ${0}, ${1}.`,
  'notify.heading': 'Notifications',
  'notify.no-person': 'Choose who you are to see your notifications.',
  'notify.no-server': 'Notifications come from the plc-kit server. This page keeps its work on this device only, so there are none here.',
  'notify.loading': 'Loading your notifications…',
  'notify.offline': 'You are offline: your notifications show once the server can be reached.',
  'notify.load-error': str`Your notifications could not be loaded: ${0}`,
  'notify.unread': str`${0} unread`,
  'notify.read-all': 'Mark all as read',
  'notify.empty': 'Nothing new for you.',
  'notify.new': 'New:',
  'notify.open': 'Open',
  'notify.read': 'Mark read',
  'notify.digest': 'Email me a daily digest of what I have not read (titles only, never notes)',
};
