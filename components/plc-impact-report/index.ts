import { defineElement } from '../define-element.js';
import { PlcImpactReport } from './plc-impact-report.js';
export { PlcImpactReport };
export { PlcDownloadEvent } from '../events/download.js';
defineElement('plc-impact-report', PlcImpactReport);
declare global {
  interface HTMLElementTagNameMap {
    'plc-impact-report': PlcImpactReport;
  }
}
