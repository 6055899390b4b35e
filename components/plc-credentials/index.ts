import { defineElement } from '../define-element.js';
import { PlcCredentials } from './plc-credentials.js';
export { PlcCredentials };
export type { CredentialListing } from '../../src/sync/badges.js';
export { PlcDownloadEvent } from '../events/download.js';
export { PlcErrorEvent } from '../events/error.js';
defineElement('plc-credentials', PlcCredentials);
declare global {
  interface HTMLElementTagNameMap {
    'plc-credentials': PlcCredentials;
  }
}
