import { defineElement } from '../define-element.js';
import { PlcOutcomeEditor } from './plc-outcome-editor.js';

export { PlcOutcomeEditor };

defineElement('plc-outcome-editor', PlcOutcomeEditor);

declare global {
  interface HTMLElementTagNameMap {
    'plc-outcome-editor': PlcOutcomeEditor;
  }
}
