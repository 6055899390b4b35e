/**
 * A two-school trust for leaders' figures: last cycle's Feedback PLC, this cycle's appraisal
 * records, a learning walk, and who leads what. School North has 20 staff, 8 of them in last
 * year's PLC (6 of whom show feedback as a strength, against 8 of its other 12 staff); school
 * South has 8 staff, 3 of them in the PLC: a group too small to show, which must also stay
 * impossible to work out from the trust's totals.
 */
import type { Collection } from '../../src/schema/directory.js';

export const LEADERS_TRUST = 'trust-leaders';
export const POLICY = { minObservations: 0, studentVoiceRequired: false, questionReviewRequired: true, minEvidence: 0 };

const person = (id: string, schoolId: string, roles: string[] = ['teacher'], extra: Record<string, unknown> = {}) => ({ schemaVersion: 1, id, name: `Name ${id}`, schoolId, roles, ...extra });

/** Staff ids per school. */
export const NORTH = Array.from({ length: 20 }, (_, i) => `n${String(i + 1).padStart(2, '0')}`);
export const SOUTH = Array.from({ length: 8 }, (_, i) => `s${String(i + 1).padStart(2, '0')}`);
/** Last cycle's PLC: its lead n01, members n02-n08 and s01-s03. */
export const PLC_NORTH = NORTH.slice(0, 8);
export const PLC_SOUTH = SOUTH.slice(0, 3);

/** Whether a person's appraisal this cycle shows feedback as a strength. */
export function strength(id: string): boolean {
  if (PLC_NORTH.includes(id)) return PLC_NORTH.indexOf(id) < 6; // 6 of 8
  if (PLC_SOUTH.includes(id)) return PLC_SOUTH.indexOf(id) < 2; // 2 of 3
  if (NORTH.includes(id)) return NORTH.indexOf(id) < 16; // n09-n16: 8 of 12
  return SOUTH.indexOf(id) < 5; // s04, s05: 2 of 5
}

/** The directory records, in the order to write them. */
export function leadersDirectory(): Array<[Collection, Record<string, unknown>]> {
  return [
    ['schools', { schemaVersion: 1, id: 'sch-north', name: 'North' }],
    ['schools', { schemaVersion: 1, id: 'sch-south', name: 'South' }],
    ...NORTH.map((id) => ['people', person(id, 'sch-north')] as [Collection, Record<string, unknown>]),
    ...SOUTH.map((id) => ['people', person(id, 'sch-south')] as [Collection, Record<string, unknown>]),
    ['people', person('p-trust', 'sch-north', ['teacher', 'cpd-leader'], { trustWide: true })],
    ['people', person('p-south', 'sch-south', ['teacher', 'cpd-leader'])],
    ['people', person('p-admin', 'sch-north', ['admin'])],
    ['cycles', { schemaVersion: 2, id: 'cy-0', name: '2024-25', startsOn: '2024-09-01', endsOn: '2025-07-20', status: 'closed', themeIds: ['th-fb'], policy: POLICY }],
    ['cycles', { schemaVersion: 2, id: 'cy-1', name: '2025-26', startsOn: '2025-09-01', endsOn: '2026-07-20', status: 'active', themeIds: ['th-fb'], policy: POLICY }],
    ['themes', { schemaVersion: 1, id: 'th-fb', name: 'Feedback', aspects: [{ id: 'asp-fb', name: 'Feedback' }] }],
    ['communities', {
      schemaVersion: 1, id: 'c-old', name: 'Feedback PLC 2024', cycleId: 'cy-0', themeId: 'th-fb', leadId: 'n01',
      memberIds: [...PLC_NORTH.slice(1), ...PLC_SOUTH], coachIds: [], schoolIds: ['sch-north', 'sch-south'], meetingSlots: [],
    }],
    ['communities', {
      schemaVersion: 1, id: 'c-new', name: 'Feedback PLC 2025', cycleId: 'cy-1', themeId: 'th-fb', leadId: 'n09',
      memberIds: ['n10', 'n11', 's04'], coachIds: [], schoolIds: ['sch-north', 'sch-south'], meetingSlots: [],
    }],
    ...[...NORTH, ...SOUTH].map((id) => ['appraisals', { schemaVersion: 1, id: `ap-${id}`, personId: id, cycleId: 'cy-1', aspectId: 'asp-fb', strength: strength(id) }] as [Collection, Record<string, unknown>]),
    ['learningWalks', {
      schemaVersion: 1, id: 'w-1', cycleId: 'cy-1', focus: 'Feedback in books', date: '2025-11-04', leaderIds: ['p-trust'],
      lessons: Array.from({ length: 10 }, (_, i) => ({ showsFocus: i < 7, note: `WALK-NOTE ${i}` })),
    }],
  ];
}
