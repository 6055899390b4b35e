import { defineElement } from '../define-element.js';
import { PlcReviewQueue } from './plc-review-queue.js';
export { PlcReviewQueue };
export { PlcChangeEvent } from '../events/change.js';
export { PlcEnquiryOpenEvent } from '../events/enquiry-open.js';
export { PlcRefusedEvent } from '../events/refused.js';
export { PlcStageChangeEvent } from '../events/stage-change.js';
export { PlcErrorEvent } from '../events/error.js';
defineElement('plc-review-queue', PlcReviewQueue);
declare global {
  interface HTMLElementTagNameMap {
    'plc-review-queue': PlcReviewQueue;
  }
}
