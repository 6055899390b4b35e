import { defineElement } from '../define-element.js';
import { PlcCommunityBoard } from './plc-community-board.js';
export { PlcCommunityBoard };
// The events it fires: importing the element brings their types and GlobalEventHandlersEventMap entries.
export { PlcEnquiryOpenEvent } from '../events/enquiry-open.js';
export { PlcErrorEvent } from '../events/error.js';
defineElement('plc-community-board', PlcCommunityBoard);
declare global {
  interface HTMLElementTagNameMap {
    'plc-community-board': PlcCommunityBoard;
  }
}
