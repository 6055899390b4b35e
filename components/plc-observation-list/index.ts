import { defineElement } from '../define-element.js';
import { PlcObservationList } from './plc-observation-list.js';

export { PlcObservationList };
// The events it fires: importing the element brings their types and GlobalEventHandlersEventMap entries.
export { PlcChangeEvent } from '../events/change.js';
export { PlcErrorEvent } from '../events/error.js';
export { PlcRefusedEvent } from '../events/refused.js';

defineElement('plc-observation-list', PlcObservationList);

declare global {
  interface HTMLElementTagNameMap {
    'plc-observation-list': PlcObservationList;
  }
}
