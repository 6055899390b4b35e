import { defineElement } from '../define-element.js';
import { PlcQuestionEditor } from './plc-question-editor.js';

export { PlcQuestionEditor };
// The events it fires: importing the element brings their types and GlobalEventHandlersEventMap entries.
export { PlcChangeEvent } from '../events/change.js';
export { PlcErrorEvent } from '../events/error.js';
export { PlcRefusedEvent } from '../events/refused.js';
export { PlcStageChangeEvent } from '../events/stage-change.js';

defineElement('plc-question-editor', PlcQuestionEditor);

declare global {
  interface HTMLElementTagNameMap {
    'plc-question-editor': PlcQuestionEditor;
  }
}
