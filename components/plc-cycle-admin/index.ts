import { defineElement } from '../define-element.js';
import { PlcCycleAdmin, type CycleAdminSection } from './plc-cycle-admin.js';
export { PlcCycleAdmin, type CycleAdminSection };
defineElement('plc-cycle-admin', PlcCycleAdmin);
declare global {
  interface HTMLElementTagNameMap {
    'plc-cycle-admin': PlcCycleAdmin;
  }
}
