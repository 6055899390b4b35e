import { defineElement } from '../define-element.js';
import { PlcCoachingPairs } from './plc-coaching-pairs.js';
export { PlcCoachingPairs };
export { PlcErrorEvent } from '../events/error.js';
defineElement('plc-coaching-pairs', PlcCoachingPairs);
declare global {
  interface HTMLElementTagNameMap {
    'plc-coaching-pairs': PlcCoachingPairs;
  }
}
