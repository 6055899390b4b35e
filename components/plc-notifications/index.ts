import { defineElement } from '../define-element.js';
import { PlcNotifications } from './plc-notifications.js';
export { PlcNotifications };
export { PlcEnquiryOpenEvent } from '../events/enquiry-open.js';
export { PlcErrorEvent } from '../events/error.js';
defineElement('plc-notifications', PlcNotifications);
declare global {
  interface HTMLElementTagNameMap {
    'plc-notifications': PlcNotifications;
  }
}
