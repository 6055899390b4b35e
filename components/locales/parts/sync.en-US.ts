import { str } from '@lit/localize';

/** The sync status, en-US. */
export const sync = {
  'sync.loading': 'Opening the storage on this device…',
  'sync.saved-locally': 'Saved on this device',
  'sync.synced': 'Synced',
  'sync.offline': 'Offline',
  'sync.offline-unsent': str`Offline: ${0} not sent yet`,
  'sync.unsent': str`Saved on this device: ${0} not sent yet`,
  'sync.saved-not-sent': 'Saved on this device, not sent yet: it goes when the connection is back.',
  'sync.error': str`Sync error: ${0}`,
  'sync.retrying': 'Trying…',
  'sync.reason.unauthorized': 'the server did not accept your sign-in. Sign in again.',
  'sync.reason.token': 'you are not signed in to the server.',
  'sync.reason.forbidden': 'the server says you may not make these changes.',
  'sync.reason.rejected-one': 'the server refused a change. It is kept on this device.',
  'sync.reason.rejected': str`the server refused ${0} changes. They are kept on this device.`,
  'sync.reason.server': 'the server had a problem. plc-kit will try again.',
  'sync.reason.local': 'this device could not save what the server sent. plc-kit will try again.',
};
