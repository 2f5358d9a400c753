/**
 * What every defect figure in this folder starts from: which defects exist at the as-of date, which are still
 * open and which are overdue, by the campaign's own rules (`isOpenState`, `isOverdue` in src/campaign/model.ts).
 *
 * Like the engine's roll-up (src/geo/rollup.ts), a defect found after the as-of date is left out, a defect's state
 * is its current state (the columns hold no past states), and a deadline of 0 or less means none was set yet.
 */
import { isOpenState, isOverdue } from '../campaign/model';
import type { Campaign } from '../campaign/types';
import { dayFromIso } from '../campaign/dates';
import type { DefectColumns } from '../dataset/types';

/** Facts of one defect row at the as-of date. */
export interface DefectFact {
  row: number;
  open: boolean;
  overdue: boolean;
}

/**
 * Calls `visit` once per defect found on or before `asOfDate`, in row order.
 *
 * @example forEachDefect(c, defects, '2019-09-12', (f) => f.overdue && n++)
 */
export function forEachDefect(
  campaign: Campaign,
  defects: DefectColumns,
  asOfDate: string,
  visit: (fact: DefectFact) => void,
): void {
  const asOfDay = dayFromIso(asOfDate);
  const open = defects.tables.state.map((s) => isOpenState(campaign, s));
  for (let row = 0; row < defects.count; row++) {
    if (defects.found[row] > asOfDay) continue;
    const code = defects.tables.state[defects.state[row]];
    const deadline = defects.deadline[row];
    const isOpen = open[defects.state[row]];
    visit({ row, open: isOpen, overdue: isOpen && deadline > 0 && isOverdue(deadline, code, asOfDay, campaign) });
  }
}
