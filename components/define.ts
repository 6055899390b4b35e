/**
 * Registers every plc-kit element. Importing it twice, or alongside another copy of plc-kit,
 * is safe: a tag that is already defined is kept and a warning names both versions.
 * @packageDocumentation
 */
export * from './plc-provider/index.js';
export * from './plc-my-enquiries/index.js';
export * from './plc-enquiry/index.js';
export * from './plc-question-editor/index.js';
export * from './plc-observation-form/index.js';
export * from './plc-observation-list/index.js';
export * from './plc-evidence-board/index.js';
export * from './plc-survey-builder/index.js';
export * from './plc-survey-response/index.js';
export * from './plc-survey-results/index.js';
export * from './plc-outcome-editor/index.js';
export * from './plc-learning-walk/index.js';
export * from './plc-sharing-session/index.js';
export * from './plc-impact-report/index.js';
export * from './plc-booklet/index.js';
export * from './plc-cycle-admin/index.js';
export * from './plc-community-board/index.js';
export * from './plc-meeting/index.js';
export * from './plc-sync-status/index.js';
export * from './plc-roster-review/index.js';
export * from './plc-review-queue/index.js';
export * from './plc-notifications/index.js';
export * from './plc-credentials/index.js';
export * from './plc-celebrate/index.js';
export * from './plc-vle-post/index.js';
export * from './plc-coaching-pairs/index.js';
export * from './plc-staff-feedback/index.js';
export * from './plc-app/index.js';
export * from './events/index.js';
export { startEmbed, mountEmbed, readEmbedParams, postHeightToParent } from './embed/embed.js';
export { setPlcLocale, resolveLocale, SUPPORTED_LOCALES } from './localization.js';
export { registerServiceWorker, type ServiceWorkerOptions } from './offline/index.js';
