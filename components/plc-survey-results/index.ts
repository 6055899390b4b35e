import { defineElement } from '../define-element.js';
import { PlcSurveyResults } from './plc-survey-results.js';
export { PlcSurveyResults };
defineElement('plc-survey-results', PlcSurveyResults);
declare global {
  interface HTMLElementTagNameMap {
    'plc-survey-results': PlcSurveyResults;
  }
}
