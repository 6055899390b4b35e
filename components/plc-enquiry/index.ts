import { defineElement } from '../define-element.js';
import { PlcEnquiry } from './plc-enquiry.js';

export { PlcEnquiry };
defineElement('plc-enquiry', PlcEnquiry);

declare global {
  interface HTMLElementTagNameMap {
    'plc-enquiry': PlcEnquiry;
  }
}
