import { defineElement } from '../define-element.js';
import { PlcSharingSession } from './plc-sharing-session.js';
export { PlcSharingSession };
defineElement('plc-sharing-session', PlcSharingSession);
declare global {
  interface HTMLElementTagNameMap {
    'plc-sharing-session': PlcSharingSession;
  }
}
