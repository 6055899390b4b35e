import { defineElement } from '../define-element.js';
import { PlcMyEnquiries } from './plc-my-enquiries.js';

export { PlcMyEnquiries };
defineElement('plc-my-enquiries', PlcMyEnquiries);

declare global {
  interface HTMLElementTagNameMap {
    'plc-my-enquiries': PlcMyEnquiries;
  }
}
