import { defineElement } from '../define-element.js';
import { PlcEnquiry } from './plc-enquiry.js';

export { PlcEnquiry };
// The events it fires: importing the element brings their types and GlobalEventHandlersEventMap entries.
export { PlcChangeEvent } from '../events/change.js';
export { PlcErrorEvent } from '../events/error.js';
export { PlcRefusedEvent } from '../events/refused.js';
export { PlcStageChangeEvent } from '../events/stage-change.js';
export type { NextNote, StagePanelContext, StageStep, StageView } from '../stages/stage-view.js';
defineElement('plc-enquiry', PlcEnquiry);

declare global {
  interface HTMLElementTagNameMap {
    'plc-enquiry': PlcEnquiry;
  }
}
