import { defineElement } from '../define-element.js';
import { PlcBooklet } from './plc-booklet.js';
export { PlcBooklet };
export { PlcDownloadEvent } from '../events/download.js';
defineElement('plc-booklet', PlcBooklet);
declare global {
  interface HTMLElementTagNameMap {
    'plc-booklet': PlcBooklet;
  }
}
