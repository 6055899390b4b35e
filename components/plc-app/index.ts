import { defineElement } from '../define-element.js';
import { PlcApp } from './plc-app.js';

export { PlcApp };
defineElement('plc-app', PlcApp);

declare global {
  interface HTMLElementTagNameMap {
    'plc-app': PlcApp;
  }
}
