import { defineElement } from '../define-element.js';
import { PlcObservationForm } from './plc-observation-form.js';

export { PlcObservationForm };

defineElement('plc-observation-form', PlcObservationForm);

declare global {
  interface HTMLElementTagNameMap {
    'plc-observation-form': PlcObservationForm;
  }
}
