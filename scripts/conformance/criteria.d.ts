/** One WCAG 2.2 A/AA success criterion, with its hand check when no test decides it. */
export interface Criterion {
  id: string;
  name: string;
  level: 'A' | 'AA';
  since: '2.0' | '2.1' | '2.2';
  hand?: { status: string; remarks: string };
}
export const CRITERIA: Criterion[];
export function enClause(criterion: Criterion): string;
export function section508(criterion: Criterion): string;
