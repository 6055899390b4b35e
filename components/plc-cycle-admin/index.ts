import { defineElement } from '../define-element.js';
import { PlcCycleAdmin, type CycleAdminSection } from './plc-cycle-admin.js';
export { PlcCycleAdmin, type CycleAdminSection };
// The events it fires: importing the element brings their types and GlobalEventHandlersEventMap entries.
export { PlcDownloadEvent } from '../events/download.js';
export { PlcErrorEvent } from '../events/error.js';
defineElement('plc-cycle-admin', PlcCycleAdmin);
declare global {
  interface HTMLElementTagNameMap {
    'plc-cycle-admin': PlcCycleAdmin;
  }
}
