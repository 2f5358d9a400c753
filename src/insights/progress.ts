/**
 * Progress per task force (专项攻坚行动) at the as-of date: how many of its defects are verified and closed (已销号)
 * out of all found so far, how many are still open, and how many of those are overdue (超期). Every task force of
 * the plan is listed, in the plan's order, even one with no defects (网上申报 has none: it is a checklist).
 */
import type { Campaign } from '../campaign/types';
import type { DefectColumns } from '../dataset/types';
import { forEachDefect, type DefectScope } from './defect-facts';

export interface TaskForceProgress {
  taskForce: string;
  /** Defects found on or before the as-of date. */
  total: number;
  /** Verified and closed (not in an open state). */
  closed: number;
  open: number;
  /** Open, not fixed, and past the deadline. */
  overdue: number;
  /** closed / total; null when the task force has no defects. */
  closedShare: number | null;
}

/**
 * Counts the defects of `scope` (all by default).
 *
 * @example taskForceProgress(c, defects, '2019-09-12')[0] // { taskForce: 'TF1', total: 1200, closed: 610, … }
 */
export function taskForceProgress(
  campaign: Campaign,
  defects: DefectColumns,
  asOfDate: string,
  scope: DefectScope = {},
): TaskForceProgress[] {
  const byCode = new Map(
    campaign.taskForces.map((tf) => [tf.code, { taskForce: tf.code, total: 0, closed: 0, open: 0, overdue: 0 }]),
  );
  const rowOf = defects.tables.taskForce.map((code) => byCode.get(code));
  forEachDefect(
    campaign,
    defects,
    asOfDate,
    ({ row, open, overdue }) => {
      const p = rowOf[defects.taskForce[row]];
      if (!p) return;
      p.total++;
      if (open) p.open++;
      else p.closed++;
      if (overdue) p.overdue++;
    },
    scope,
  );
  return [...byCode.values()].map((p) => ({ ...p, closedShare: p.total > 0 ? p.closed / p.total : null }));
}
