/**
 * Rosters: who joins, moves and leaves, from a VLE course (LTI Names and Role Provisioning), a
 * OneRoster 1.2 CSV export or any list, through one reconcile step an administrator confirms.
 * @module
 */
export { reconcileRoster, type FieldChange, type Joiner, type Leaver, type Mover, type ReconcileInput, type RosterEntry, type RosterLink, type RosterPerson, type RosterPlan, type RosterProblem } from './reconcile.js';
export { readOneRoster, type OneRosterFiles, type OneRosterProblem, type OneRosterRead } from './oneRoster.js';
export { mapLtiRoles, mapOneRosterRoles, type MappedRoles } from './roles.js';
export { createRosterClient, RosterServiceError, type ApplyResult, type PreviewRequest, type RosterCourse, type RosterPreview, type RosterService } from './client.js';
