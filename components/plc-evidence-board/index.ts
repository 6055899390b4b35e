import { defineElement } from '../define-element.js';
import { PlcEvidenceBoard, type EvidenceRenderer } from './plc-evidence-board.js';
export { PlcEvidenceBoard, type EvidenceRenderer };
// The events it fires: importing the element brings their types and GlobalEventHandlersEventMap entries.
export { PlcChangeEvent } from '../events/change.js';
export { PlcErrorEvent } from '../events/error.js';
export { PlcRefusedEvent } from '../events/refused.js';
export { PlcStageChangeEvent } from '../events/stage-change.js';
export type { EvidenceField, EvidenceFieldGroup, EvidenceFormPart, EvidenceKindView, EvidenceRenderContext, FieldProblems } from '../evidence/evidence-view.js';
defineElement('plc-evidence-board', PlcEvidenceBoard);
declare global {
  interface HTMLElementTagNameMap {
    'plc-evidence-board': PlcEvidenceBoard;
  }
}
