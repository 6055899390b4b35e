import { defineElement } from '../define-element.js';
import { PlcEvidenceBoard, type EvidenceRenderer } from './plc-evidence-board.js';
export { PlcEvidenceBoard, type EvidenceRenderer };
defineElement('plc-evidence-board', PlcEvidenceBoard);
declare global {
  interface HTMLElementTagNameMap {
    'plc-evidence-board': PlcEvidenceBoard;
  }
}
