// The drop-in bundle's types cover every element, the lazily loaded ones too.
import type { PlcSurveyResponse } from 'plc-kit/bundle.js';
import { loadElement } from 'plc-kit/bundle.js';

export async function surveyElement(): Promise<PlcSurveyResponse | null> {
  await loadElement('plc-survey-response');
  const element = document.querySelector('plc-survey-response');
  const id: string | undefined = element?.surveyId;
  return id === undefined ? element : element;
}
