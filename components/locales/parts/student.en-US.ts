import { str } from '@lit/localize';

/** The student page (a survey answered through its code), American English. */
export const student = {
  'student.title': 'Student survey',
  'student.unknown-code': 'There is no open survey with that code. Check the code on the board and type it again.',
  'student.already': 'This device has already answered this survey. Thank you!',
  'student.already-other': 'If you are a different student using the same device, you can answer too.',
  'student.answer-anyway': 'I have not answered yet',
  'student.queued-title': 'Saved on this device',
  'student.queued': 'There is no connection right now. Your answers are kept on this device and will be sent once, as soon as it is back online. Leave this page open if you can.',
  'student.code-intro': 'Type the code your teacher gave you. You do not need to sign in, and your answers are anonymous.',
  'student.code-label': 'Survey code',
  'student.open': 'Open the survey',
  'student.code-format': str`A survey code has 7 letters and numbers, like ${0}.`,
  'student.closed-late': 'This survey closed before your answers arrived, so they were not saved. Thank you all the same!',
  'student.too-long': 'Your answers are too long to send. Shorten your comments and send again.',
  'student.refused': str`Your answers could not be saved: ${0} Change them and send again.`,
};
