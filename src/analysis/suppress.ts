/**
 * Suppression of small groups in impact figures, including against differencing.
 *
 * Appraisal figures are counts of people. A group of fewer than {@link MIN_GROUP_SIZE} people is
 * never shown, and neither is any figure from which such a group could be worked out by adding
 * or subtracting figures that are shown. The figures of a cycle form, for each aspect of
 * practice, a table whose rows are the trust's schools and whose columns are last cycle's PLC
 * members and everyone else, with the margins all staff (per school) and the trust (per column):
 *
 * ```
 *             members   non-members | all staff
 * school A       m_A         n_A    |   a_A
 * school B       m_B         n_B    |   a_B
 * ----------------------------------+----------
 * trust          m_T         n_T    |   a_T
 * ```
 *
 * Every line of the table adds up (`m + n = a` across, the schools add up to the trust down), so
 * a single hidden figure in a line can be recovered from the others. The rule, applied until
 * nothing changes ("complementary suppression"):
 * 1. every cell with 1 to 4 people is hidden;
 * 2. a line with exactly one hidden figure hides one more: the smallest shown cell that is not
 *    a margin when there is one, else the margin.
 * A hidden cell loses both its count and its strengths. Every reader is given a slice of the same
 * suppressed table (a school's leaders their school's row), so no two answers differ in what
 * they hide. Cells of 0 people say nothing about anyone and stay shown.
 * @module
 */
import { MIN_GROUP_SIZE } from './thresholds.js';

/** One cell: how many people, and whether it is hidden. */
export interface SuppressionCell {
  count: number;
  hidden: boolean;
}

/** A table of cells: `rows[r][c]`, the row and column margins, and the grand total. */
export interface SuppressionTable {
  /** One row per school, one cell per column (members, non-members). */
  cells: SuppressionCell[][];
  /** One per row: the row's total (all staff of the school). */
  rowTotals: SuppressionCell[];
  /** One per column: the column's total across rows (the trust's members, non-members). */
  columnTotals: SuppressionCell[];
  /** The grand total (all staff of the trust). */
  total: SuppressionCell;
}

const small = (count: number, threshold: number) => count > 0 && count < threshold;

/** Hides, in each line with exactly one hidden figure, one more; returns whether anything changed. */
function secondaryPass(lines: Array<{ inner: SuppressionCell[]; margin: SuppressionCell }>): boolean {
  let changed = false;
  for (const { inner, margin } of lines) {
    const members = [...inner, margin];
    const hidden = members.filter((cell) => cell.hidden).length;
    if (hidden !== 1) continue;
    // A line where every other figure is 0 needs nothing more: a 0 is shown as 0 anyway.
    const candidates = inner.filter((cell) => !cell.hidden && cell.count > 0).sort((a, b) => a.count - b.count);
    const pick = candidates[0] ?? (!margin.hidden && margin.count > 0 ? margin : undefined);
    if (!pick) continue;
    pick.hidden = true;
    changed = true;
  }
  return changed;
}

/**
 * Marks the cells of `table` to hide (in place), by the two rules of the module notes, and
 * returns it. `threshold` can be raised above {@link MIN_GROUP_SIZE}, never lowered.
 * @example
 * ```ts
 * const cell = (count: number) => ({ count, hidden: false });
 * const table = suppressTable({
 *   cells: [[cell(3), cell(20)], [cell(12), cell(30)]],
 *   rowTotals: [cell(23), cell(42)], columnTotals: [cell(15), cell(50)], total: cell(65),
 * });
 * table.cells[0][0].hidden; // true: 3 people
 * table.cells[0][1].hidden; // true: else 23 - 20 gives the 3
 * table.cells[1][0].hidden; // true: else 15 - 12 gives the 3
 * ```
 */
export function suppressTable(table: SuppressionTable, threshold: number = MIN_GROUP_SIZE): SuppressionTable {
  const k = Math.max(MIN_GROUP_SIZE, Math.floor(threshold));
  const all = [...table.cells.flat(), ...table.rowTotals, ...table.columnTotals, table.total];
  for (const cell of all) if (small(cell.count, k)) cell.hidden = true;
  const columns = table.columnTotals.length;
  const lines = [
    ...table.cells.map((row, r) => ({ inner: row, margin: table.rowTotals[r]! })),
    ...Array.from({ length: columns }, (_, c) => ({ inner: table.cells.map((row) => row[c]!), margin: table.columnTotals[c]! })),
    { inner: table.columnTotals, margin: table.total },
    { inner: table.rowTotals, margin: table.total },
  ];
  // Each pass hides at least one more cell, so this ends.
  while (secondaryPass(lines));
  return table;
}
