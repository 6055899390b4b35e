import { defineElement } from '../define-element.js';
import { PlcSurveyBuilder } from './plc-survey-builder.js';
export { PlcSurveyBuilder };
defineElement('plc-survey-builder', PlcSurveyBuilder);
declare global {
  interface HTMLElementTagNameMap {
    'plc-survey-builder': PlcSurveyBuilder;
  }
}
