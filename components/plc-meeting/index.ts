import { defineElement } from '../define-element.js';
import { PlcMeeting } from './plc-meeting.js';
import { PlcMeetingSaveEvent } from './meeting-save-event.js';
export { PlcMeeting, PlcMeetingSaveEvent };
defineElement('plc-meeting', PlcMeeting);
declare global {
  interface HTMLElementTagNameMap {
    'plc-meeting': PlcMeeting;
  }
}
