import { defineElement } from '../define-element.js';
import { PlcSurveyBuilder } from './plc-survey-builder.js';
export { PlcSurveyBuilder };
// The events it fires: importing the element brings their types and GlobalEventHandlersEventMap entries.
export { PlcChangeEvent } from '../events/change.js';
export { PlcErrorEvent } from '../events/error.js';
export { PlcRefusedEvent } from '../events/refused.js';
defineElement('plc-survey-builder', PlcSurveyBuilder);
declare global {
  interface HTMLElementTagNameMap {
    'plc-survey-builder': PlcSurveyBuilder;
  }
}
