import { str } from '@lit/localize';

/** Review queue strings, US English. */
export const review = {
  'review.comment-needed': 'Say what to change before returning the question.',
  'review.approved': str`Approved: ${0}.`,
  'review.returned': str`Returned with your comment: ${0}.`,
  'review.save-failed': str`Your decision could not be saved: ${0}`,
  'review.heading': 'Waiting for my review',
  'review.loading': 'Loading the questions…',
  'review.no-person': 'Choose who you are to see what waits for your review.',
  'review.load-error': 'The questions could not be loaded.',
  'review.empty': 'Nothing is waiting for your review.',
  'review.count': str`${0} waiting, oldest first.`,
  'review.meta': str`By ${0}; waiting since ${1}.`,
  'review.comment-return': 'What should change (the owners read this)',
  'review.comment-approve': 'A comment for the owners (optional)',
  'review.send-return': 'Return the question',
  'review.send-approve': 'Approve the question',
  'review.cancel': 'Cancel',
  'review.approve': 'Approve',
  'review.return': 'Return with a comment',
};
