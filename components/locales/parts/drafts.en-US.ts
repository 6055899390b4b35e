/** Drafts kept on the device and their restore prompt, en-US. */
import { str } from '@lit/localize';

export const drafts = {
  'enquiry.history.version': 'What was written',
  'enquiry.history.findings': 'Findings',
  'enquiry.history.recommendations': 'Recommendations',
  'fold.more': 'Show more',
  'fold.less': 'Show less',
  'drafts.offer': str`Unsaved changes from ${0}.`,
  'drafts.offer.hint': 'They were kept on this device. Restore them to carry on, or discard them.',
  'drafts.restore': 'Restore',
  'drafts.discard': 'Discard',
};
