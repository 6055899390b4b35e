/**
 * The sharing-session element's model: who may plan, the problems of a plan in the reader's
 * language (by field, from the core's `sharingSessionProblems`), and the staff who may be marked
 * as having come. The rules themselves are in `src/analysis/sharingSession.ts`.
 * @internal
 */
import { msg, str } from '@lit/localize';
import { sharingSessionProblems, type SessionContext } from '../../src/analysis/sharingSession.js';
import { onStaffDuring } from '../../src/analysis/cycleStaff.js';
import { verdict } from '../../src/policy/policy.js';
import type { Person } from '../../src/schema/directory.js';
import { SharingSession } from '../../src/schema/sharing.js';
import { formatDate } from '../localization.js';

/** Whether a person may plan sharing sessions, invite presenters and record who came (CPD leaders). */
export function mayPlanSessions(person: Person | undefined): boolean {
  return Boolean(person && verdict({ kind: 'person', person }, 'directory.write', { collection: 'sharingSessions' }).allowed);
}

/** The staff on the session's day, by name: who may present and be marked as having come. */
export function staffOnDay(people: Iterable<Person>, date: string): Person[] {
  return [...people].filter((p) => onStaffDuring(p, { startsOn: date, endsOn: date })).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The problems that stop a plan being saved, by field, in the reader's language: the schema's
 * (title, day, time, room) and the core's checks against the trust's data.
 */
export function planErrors(session: SharingSession, context: SessionContext): Record<string, string> {
  const errors: Record<string, string> = {};
  const parsed = SharingSession.safeParse(session);
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const path = issue.path.join('.');
    const field = path.split('.')[0]!;
    if (field === 'title') errors['title'] ??= msg('Give the session a title.', { id: 'sharing.error.title' });
    else if (field === 'date') errors['date'] ??= msg('Choose the day of the session.', { id: 'sharing.error.date' });
    else if (field === 'startsAt') errors['startsAt'] ??= msg('Give the start time as hours and minutes, such as 15:30.', { id: 'sharing.error.time' });
    else if (field === 'room') errors['room'] ??= msg('Say where the session takes place.', { id: 'sharing.error.room' });
    else if (/^slots\.\d+\.title$/.test(path)) errors[path] ??= msg('Give this item a title.', { id: 'sharing.error.slot-title' });
    else if (/^slots\.\d+\.minutes$/.test(path)) errors[path] ??= msg('Give between 5 and 120 minutes.', { id: 'sharing.error.minutes' });
    else if (/^slots\.\d+\.presenterIds$/.test(path)) errors[path] ??= msg('Choose at least one presenter.', { id: 'sharing.error.presenters' });
    else errors[path] ??= `${path}: ${issue.message}`;
  }
  if (!parsed.success) return errors;
  for (const problem of sharingSessionProblems(session, context)) {
    const slot = /^slots\.(\d+)\./.exec(problem.path)?.[1];
    if (problem.path === 'date' && context.cycle) {
      const [name, from, to] = [context.cycle.name, formatDate(context.cycle.startsOn), formatDate(context.cycle.endsOn)];
      errors['date'] = msg(str`Choose a day within the cycle ${name} (${from} to ${to}).`, { id: 'sharing.error.outside-cycle' });
    } else if (slot !== undefined && problem.path.includes('presenterIds')) {
      errors[`slots.${slot}.presenterIds`] = msg('Every presenter must be on the staff on the day of the session.', { id: 'sharing.error.presenter-staff' });
    } else if (slot !== undefined && problem.path.endsWith('enquiryId')) {
      errors[`slots.${slot}.title`] = msg('This outcome is no longer published in the cycle shared: remove it.', { id: 'sharing.error.unpublished' });
    } else if (slot !== undefined && problem.path.endsWith('minutes')) {
      errors[`slots.${slot}.minutes`] = msg('This room would run past midnight: shorten the items or start earlier.', { id: 'sharing.error.midnight' });
    } else {
      errors[problem.path] = problem.message;
    }
  }
  return errors;
}
