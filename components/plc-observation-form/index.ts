import { defineElement } from '../define-element.js';
import { PlcObservationForm } from './plc-observation-form.js';

export { PlcObservationForm };
// The events it fires: importing the element brings their types and GlobalEventHandlersEventMap entries.
export { PlcChangeEvent } from '../events/change.js';
export { PlcErrorEvent } from '../events/error.js';
export { PlcRefusedEvent } from '../events/refused.js';

defineElement('plc-observation-form', PlcObservationForm);

declare global {
  interface HTMLElementTagNameMap {
    'plc-observation-form': PlcObservationForm;
  }
}
