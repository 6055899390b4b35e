import { defineElement } from '../define-element.js';
import { PlcLearningWalk } from './plc-learning-walk.js';
export { PlcLearningWalk };
defineElement('plc-learning-walk', PlcLearningWalk);
declare global {
  interface HTMLElementTagNameMap {
    'plc-learning-walk': PlcLearningWalk;
  }
}
