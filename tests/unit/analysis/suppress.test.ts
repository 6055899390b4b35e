import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { suppressTable, type SuppressionCell, type SuppressionTable } from '../../../src/analysis/suppress.js';

const cell = (count: number): SuppressionCell => ({ count, hidden: false });

/** A table of schools × (members, non-members) with its margins, from the inner counts. */
function tableOf(rows: number[][]): SuppressionTable {
  return {
    cells: rows.map((row) => row.map(cell)),
    rowTotals: rows.map((row) => cell(row[0]! + row[1]!)),
    columnTotals: [0, 1].map((c) => cell(rows.reduce((sum, row) => sum + row[c]!, 0))),
    total: cell(rows.reduce((sum, row) => sum + row[0]! + row[1]!, 0)),
  };
}

/** Every line of the table: its cells, margin last. */
function lines(t: SuppressionTable): SuppressionCell[][] {
  return [
    ...t.cells.map((row, r) => [...row, t.rowTotals[r]!]),
    ...t.columnTotals.map((total, c) => [...t.cells.map((row) => row[c]!), total]),
    [...t.columnTotals, t.total],
    [...t.rowTotals, t.total],
  ];
}

describe('suppressTable', () => {
  it('hides a small cell and the cells it could be worked out from', () => {
    const t = suppressTable(tableOf([[8, 12], [3, 5]]));
    assert.deepEqual(t.cells.map((row) => row.map((c) => c.hidden)), [[true, true], [true, true]]);
    assert.deepEqual(t.rowTotals.map((c) => c.hidden), [false, false]);
    assert.deepEqual([...t.columnTotals, t.total].map((c) => c.hidden), [false, false, false]);
  });

  it('leaves a table with no small group alone, and shows zeros', () => {
    const t = suppressTable(tableOf([[8, 12], [0, 9]]));
    assert.ok([...t.cells.flat(), ...t.rowTotals, ...t.columnTotals, t.total].every((c) => !c.hidden));
  });

  it('hides a small school total with a partner, so the trust total does not give it away', () => {
    const t = suppressTable(tableOf([[2, 1], [10, 10], [20, 30]]));
    assert.equal(t.rowTotals[0]!.hidden, true);
    assert.equal(t.rowTotals.filter((c) => c.hidden).length >= 2 || t.total.hidden, true);
  });

  it('a threshold is never lowered below five', () => {
    const t = suppressTable(tableOf([[4, 10], [10, 10]]), 2);
    assert.equal(t.cells[0]![0]!.hidden, true);
  });

  it('property: every small cell is hidden, and no line has exactly one hidden figure', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(25), fc.nat(25)), { minLength: 1, maxLength: 6 }), (rows) => {
        const t = suppressTable(tableOf(rows.map(([a, b]) => [a, b])));
        for (const c of [...t.cells.flat(), ...t.rowTotals, ...t.columnTotals, t.total]) if (c.count > 0 && c.count < 5) assert.ok(c.hidden);
        for (const line of lines(t)) {
          const hidden = line.filter((c) => c.hidden);
          // One hidden figure in a line is recoverable, unless everything else in it is 0 (then it is 0 too).
          if (hidden.length === 1) assert.ok(line.every((c) => c.hidden || c.count === 0) && hidden[0]!.count === 0, JSON.stringify(rows));
        }
      }),
      { numRuns: 300 },
    );
  });
});
