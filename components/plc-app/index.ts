import { defineElement } from '../define-element.js';
import { PlcApp } from './plc-app.js';

export { PlcApp };
// The events it fires: importing the element brings their types and GlobalEventHandlersEventMap entries.
export { PlcEnquiryOpenEvent } from '../events/enquiry-open.js';
export { PlcErrorEvent } from '../events/error.js';
export { PlcStageChangeEvent } from '../events/stage-change.js';
defineElement('plc-app', PlcApp);

declare global {
  interface HTMLElementTagNameMap {
    'plc-app': PlcApp;
  }
}
