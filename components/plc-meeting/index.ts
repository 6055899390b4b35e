import { defineElement } from '../define-element.js';
import { PlcMeeting } from './plc-meeting.js';
import { PlcMeetingSaveEvent } from './meeting-save-event.js';
export { PlcMeeting, PlcMeetingSaveEvent };
// The events it fires: importing the element brings their types and GlobalEventHandlersEventMap entries.
export { PlcErrorEvent } from '../events/error.js';
defineElement('plc-meeting', PlcMeeting);
declare global {
  interface HTMLElementTagNameMap {
    'plc-meeting': PlcMeeting;
  }
}
