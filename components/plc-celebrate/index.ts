import { defineElement } from '../define-element.js';
import { PlcCelebrate } from './plc-celebrate.js';
export { PlcCelebrate };
export type { Celebration } from '../../src/sync/badges.js';
export { PlcErrorEvent } from '../events/error.js';
defineElement('plc-celebrate', PlcCelebrate);
declare global {
  interface HTMLElementTagNameMap {
    'plc-celebrate': PlcCelebrate;
  }
}
