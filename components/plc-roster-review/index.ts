import { defineElement } from '../define-element.js';
import { PlcRosterReview } from './plc-roster-review.js';

export { PlcRosterReview };
// The events it fires: importing the element brings their types and GlobalEventHandlersEventMap entries.
export { PlcRosterAppliedEvent } from '../events/roster-applied.js';
defineElement('plc-roster-review', PlcRosterReview);

declare global {
  interface HTMLElementTagNameMap {
    'plc-roster-review': PlcRosterReview;
  }
}
