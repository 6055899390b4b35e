import { defineElement } from '../define-element.js';
import { PlcQuestionEditor } from './plc-question-editor.js';

export { PlcQuestionEditor };

defineElement('plc-question-editor', PlcQuestionEditor);

declare global {
  interface HTMLElementTagNameMap {
    'plc-question-editor': PlcQuestionEditor;
  }
}
