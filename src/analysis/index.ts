/**
 * Analysis: figures computed from enquiries and records, pure and deterministic.
 * @module
 */
export * from './survey.js';
export * from './stats.js';
export * from './impact.js';
export * from './learningWalk.js';
export * from './participation.js';
export * from './surveyCompare.js';
export * from './suppress.js';
export * from './leaders.js';
export * from './classComparison.js';
export * from './cycleStaff.js';
export * from './sharingSession.js';
export * from './staffFeedback.js';
export * from './coaching.js';
