/**
 * How far a reader's leaders' figures reach (docs/privacy.md, "Leaders' figures"): a CPD leader
 * marked `trustWide` sees the trust and each of its schools; any other CPD leader their own
 * school; everyone else none (a PLC lead reads their community's progress on the community board).
 * @module
 */
import type { Person } from '../schema/directory.js';
import type { FiguresScope } from '../analysis/leaders.js';
import { verdict } from './policy.js';

/** The parts of a person {@link figuresReach} reads. */
export type ReachPerson = Pick<Person, 'id' | 'roles' | 'schoolId' | 'trustWide'>;

/**
 * The scope of the figures `person` may read, or undefined when none. Appraisal figures within
 * it need `appraisal.read` besides (see `verdict`).
 * @example
 * ```ts
 * figuresReach({ id: 'p-kim', roles: ['cpd-leader'], schoolId: 'sch-north' }); // { kind: 'school', schoolId: 'sch-north' }
 * figuresReach({ id: 'p-lou', roles: ['cpd-leader'], schoolId: 'sch-north', trustWide: true }); // { kind: 'trust' }
 * ```
 */
export function figuresReach(person: ReachPerson): FiguresScope | undefined {
  if (!verdict({ kind: 'person', person }, 'aggregate.read', { kind: 'participation' }).allowed) return undefined;
  return person.trustWide ? { kind: 'trust' } : { kind: 'school', schoolId: person.schoolId };
}

/** Whether a reader whose reach is `reach` may read the figures of `wanted`. */
export function reachCovers(reach: FiguresScope, wanted: FiguresScope): boolean {
  if (reach.kind === 'trust') return true;
  return wanted.kind === 'school' && wanted.schoolId === reach.schoolId;
}
