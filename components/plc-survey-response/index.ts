import { defineElement } from '../define-element.js';
import { PlcSurveyResponse } from './plc-survey-response.js';
export { PlcSurveyResponse };
defineElement('plc-survey-response', PlcSurveyResponse);
declare global {
  interface HTMLElementTagNameMap {
    'plc-survey-response': PlcSurveyResponse;
  }
}
