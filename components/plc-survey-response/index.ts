import { defineElement } from '../define-element.js';
import { PlcSurveyResponse } from './plc-survey-response.js';
export { PlcSurveyResponse };
// The events it fires: importing the element brings their types and GlobalEventHandlersEventMap entries.
export { PlcErrorEvent } from '../events/error.js';
defineElement('plc-survey-response', PlcSurveyResponse);
declare global {
  interface HTMLElementTagNameMap {
    'plc-survey-response': PlcSurveyResponse;
  }
}
