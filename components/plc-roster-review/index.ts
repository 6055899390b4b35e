import { defineElement } from '../define-element.js';
import { PlcRosterReview } from './plc-roster-review.js';

export { PlcRosterReview };
defineElement('plc-roster-review', PlcRosterReview);

declare global {
  interface HTMLElementTagNameMap {
    'plc-roster-review': PlcRosterReview;
  }
}
