import { defineElement } from '../define-element.js';
import { PlcStaffFeedback } from './plc-staff-feedback.js';
export { PlcStaffFeedback };
export type { StaffFeedbackReceipt, StaffFeedbackResults } from '../../src/sync/staffFeedback.js';
export { PlcErrorEvent } from '../events/error.js';
defineElement('plc-staff-feedback', PlcStaffFeedback);
declare global {
  interface HTMLElementTagNameMap {
    'plc-staff-feedback': PlcStaffFeedback;
  }
}
