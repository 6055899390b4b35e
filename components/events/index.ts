export { PlcChangeEvent } from './change.js';
export { PlcEnquiryOpenEvent } from './enquiry-open.js';
export { PlcErrorEvent } from './error.js';
export { PlcPublishEvent } from './publish.js';
export { PlcRefusedEvent } from './refused.js';
export { PlcStageChangeEvent } from './stage-change.js';
export { PlcDownloadEvent } from './download.js';
