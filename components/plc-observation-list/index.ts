import { defineElement } from '../define-element.js';
import { PlcObservationList } from './plc-observation-list.js';

export { PlcObservationList };

defineElement('plc-observation-list', PlcObservationList);

declare global {
  interface HTMLElementTagNameMap {
    'plc-observation-list': PlcObservationList;
  }
}
