/**
 * What every defect figure in this folder starts from: which defects exist at the as-of date, which are still
 * open and which are overdue, by the campaign's own rules (`isOpenState`, `isOverdue` in src/campaign/model.ts).
 *
 * Like the engine's roll-up (src/geo/rollup.ts), a defect found after the as-of date is left out, a defect's state
 * is its current state (the columns hold no past states), and a deadline of 0 or less means none was set yet.
 *
 * Every figure can be limited to the defects a filter kept (`DefectScope.rows`: the defects worker's selected
 * indexes), so the commander's panels follow the inspector's filter without a second filter implementation.
 */
import { isOpenState, isOverdue } from '../campaign/model';
import type { Campaign } from '../campaign/types';
import { dayFromIso } from '../campaign/dates';
import type { DefectColumns } from '../dataset/types';

/** Which defects a figure counts. */
export interface DefectScope {
  /**
   * Rows of the defect columns to count, ascending (the defects worker's `indexes` for the current filter); all
   * rows when left out. Rows found after the as-of date are still left out.
   */
  rows?: ArrayLike<number>;
}

/** Facts of one defect row at the as-of date. */
export interface DefectFact {
  row: number;
  open: boolean;
  overdue: boolean;
}

/**
 * Calls `visit` once per defect found on or before `asOfDate` (and among `scope.rows` when given), in row order.
 * The fact is one object refilled for each row: read it in `visit`, do not keep it.
 *
 * @example forEachDefect(c, defects, '2019-09-12', (f) => f.overdue && n++, { rows: selection.indexes })
 */
export function forEachDefect(
  campaign: Campaign,
  defects: DefectColumns,
  asOfDate: string,
  visit: (fact: DefectFact) => void,
  { rows }: DefectScope = {},
): void {
  const asOfDay = dayFromIso(asOfDate);
  const codes = defects.tables.state;
  const open = codes.map((s) => isOpenState(campaign, s));
  // Per state code, once: would an open defect in it be overdue with its deadline passed? (isOverdue's state part;
  // the deadline part is `deadline > 0 && asOfDay > deadline`.) At a million defects the per-row call was most of
  // the pass.
  const lateIsOverdue = codes.map((s, i) => open[i] && isOverdue(asOfDay - 1, s, asOfDay, campaign));
  const { found, state, deadline } = defects;
  // One fact object, refilled per row: every visitor reads it at once (none keeps it).
  const fact: DefectFact = { row: 0, open: false, overdue: false };
  forEachRow(defects, { rows }, (row) => {
    if (found[row] > asOfDay) return;
    const s = state[row];
    const d = deadline[row];
    fact.row = row;
    fact.open = open[s];
    fact.overdue = lateIsOverdue[s] && d > 0 && asOfDay > d;
    visit(fact);
  });
}

/** Calls `visit` with each row of `scope` (every row of the columns by default), ascending. */
export function forEachRow(defects: DefectColumns, { rows }: DefectScope, visit: (row: number) => void): void {
  if (!rows) {
    for (let row = 0; row < defects.count; row++) visit(row);
    return;
  }
  for (let k = 0; k < rows.length; k++) visit(checkedRow(rows[k], defects.count));
}

/** A scope row must name a row of the columns: a stale selection from another data set would read garbage. */
function checkedRow(row: number, count: number): number {
  if (!(row >= 0 && row < count)) throw new Error(`defect row ${row} is not a row of the defect columns (${count})`);
  return row;
}
