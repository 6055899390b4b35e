export * from './hlc.js';
export * from './events.js';
export * from './refusals.js';
export {
  DEFAULT_STAGES,
  RULES_VERSION,
  builtInGuards,
  countsAsStudentVoice,
  builtInRefusals,
  createEnquiryMachine,
  enquiryMachine,
  predatesStage,
  type BuiltInGuard,
  type BuiltInStage,
  type EnquiryData,
  type EnquiryMachineOptions,
  type EnquiryStatus,
  type LifecycleAction,
  type LifecycleGuard,
  type LifecycleInput,
  type MachineEvent,
  type PastPolicy,
  type PastReviewer,
  policyAt,
  reviewersAt,
  type QuestionReview,
  type StageEventSpec,
  type StageExtension,
  type StageParams,
  type StageVisit,
} from './enquiryMachine.js';
export * from './lifecycle.js';
export { replayLifecycle } from './replayLifecycle.js';
export * from './input.js';
