import { defineElement } from '../define-element.js';
import { PlcMyEnquiries } from './plc-my-enquiries.js';

export { PlcMyEnquiries };
// The events it fires: importing the element brings their types and GlobalEventHandlersEventMap entries.
export { PlcEnquiryOpenEvent } from '../events/enquiry-open.js';
export { PlcErrorEvent } from '../events/error.js';
defineElement('plc-my-enquiries', PlcMyEnquiries);

declare global {
  interface HTMLElementTagNameMap {
    'plc-my-enquiries': PlcMyEnquiries;
  }
}
