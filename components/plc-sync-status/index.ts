import { defineElement } from '../define-element.js';
import { PlcSyncStatus } from './plc-sync-status.js';

export { PlcSyncStatus };
defineElement('plc-sync-status', PlcSyncStatus);

declare global {
  interface HTMLElementTagNameMap {
    'plc-sync-status': PlcSyncStatus;
  }
}
