import { defineElement } from '../define-element.js';
import { PlcOutcomeEditor } from './plc-outcome-editor.js';

export { PlcOutcomeEditor };
// The events it fires: importing the element brings their types and GlobalEventHandlersEventMap entries.
export { PlcChangeEvent } from '../events/change.js';
export { PlcErrorEvent } from '../events/error.js';
export { PlcPublishEvent } from '../events/publish.js';
export { PlcRefusedEvent } from '../events/refused.js';
export { PlcStageChangeEvent } from '../events/stage-change.js';

defineElement('plc-outcome-editor', PlcOutcomeEditor);

declare global {
  interface HTMLElementTagNameMap {
    'plc-outcome-editor': PlcOutcomeEditor;
  }
}
