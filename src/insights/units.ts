/**
 * The red/black list (红黑榜) of responsible units: the plan praises units that do well and holds to account those
 * that lose points. Per unit (the defect's `unit` column), over the defects found on or before the as-of date:
 * closure rate (closed / all), overdue count, and average days from found to closed.
 *
 * The rule, in one ordering (documented here, shown in the panel):
 * 1. Only units with at least `minDefects` defects are listed: a unit with two defects, both closed, is not a
 *    model, it is a small sample.
 * 2. Units are ordered by closure rate (higher first), then overdue count (fewer first), then average days to
 *    close (faster first; a unit that closed nothing yet comes last), then unit code.
 * 3. 红榜 is the first `size` units of that order; 黑榜 is the last `size`, worst first. A unit is never on both:
 *    when there are fewer than 2 × `size` eligible units, the black list takes only what the red list left.
 *
 * Days to close come from the defect's history (the last move into a closed state, minus the found date); a
 * closed defect without history uses the day of its last state change.
 */
import { isOpenState } from '../campaign/model';
import { dayFromIso } from '../campaign/dates';
import type { Campaign } from '../campaign/types';
import type { DefectHistories } from '../dataset/details';
import type { DefectColumns } from '../dataset/types';
import { forEachDefect, type DefectScope } from './defect-facts';

export interface RedBlackOptions extends DefectScope {
  /** Units on each list. */
  size?: number;
  /** Fewest defects a unit needs to be listed at all. */
  minDefects?: number;
}

const DEFAULTS: Required<Omit<RedBlackOptions, 'rows'>> = { size: 3, minDefects: 10 };

export interface UnitRecord {
  unit: string;
  total: number;
  closed: number;
  open: number;
  overdue: number;
  /** closed / total. */
  closureRate: number;
  /** Mean whole days from found to closed over the closed defects; null when none is closed. */
  avgDaysToClose: number | null;
}

export interface RedBlackList {
  /** Every eligible unit in the ranking order (best first). */
  ranked: UnitRecord[];
  red: UnitRecord[];
  /** Worst first. */
  black: UnitRecord[];
  /** Units left out for having fewer than `minDefects` defects. */
  tooFew: UnitRecord[];
  options: Required<Omit<RedBlackOptions, 'rows'>>;
}

/** @example redBlackList(c, defects, histories, '2019-09-12').red[0].unit // 'U-CG' */
export function redBlackList(
  campaign: Campaign,
  defects: DefectColumns,
  histories: DefectHistories | null,
  asOfDate: string,
  options: RedBlackOptions = {},
): RedBlackList {
  const { rows, ...rest } = options;
  const opts = { ...DEFAULTS, ...rest };
  if (!Number.isInteger(opts.size) || opts.size < 1) throw new Error('size must be a positive whole number');
  const asOfDay = dayFromIso(asOfDate);
  // Per state of the history file: does moving into it close the defect?
  const closing = histories?.states.map((state) => !isOpenState(campaign, state)) ?? [];
  const acc = new Map<string, { total: number; closed: number; overdue: number; closeDays: number; timed: number }>();
  forEachDefect(
    campaign,
    defects,
    asOfDate,
    ({ row, open, overdue }) => {
      const unit = defects.tables.unit[defects.unit[row]];
      let a = acc.get(unit);
      if (!a) acc.set(unit, (a = { total: 0, closed: 0, overdue: 0, closeDays: 0, timed: 0 }));
      a.total++;
      if (overdue) a.overdue++;
      if (open) return;
      a.closed++;
      const closedDay = (histories && closedOn(histories, row, asOfDay, closing)) ?? defects.updated[row];
      a.closeDays += Math.max(0, closedDay - defects.found[row]);
      a.timed++;
    },
    { rows },
  );

  const records: UnitRecord[] = [...acc].map(([unit, a]) => ({
    unit,
    total: a.total,
    closed: a.closed,
    open: a.total - a.closed,
    overdue: a.overdue,
    closureRate: a.closed / a.total,
    avgDaysToClose: a.timed > 0 ? a.closeDays / a.timed : null,
  }));
  const ranked = records.filter((r) => r.total >= opts.minDefects).sort(compareUnits);
  const red = ranked.slice(0, opts.size);
  const black = ranked.slice(Math.max(red.length, ranked.length - opts.size)).reverse();
  const tooFew = records.filter((r) => r.total < opts.minDefects).sort((a, b) => a.unit.localeCompare(b.unit));
  return { ranked, red, black, tooFew, options: opts };
}

/** The ranking order of the module comment: best first. */
export function compareUnits(a: UnitRecord, b: UnitRecord): number {
  return (
    b.closureRate - a.closureRate ||
    a.overdue - b.overdue ||
    (a.avgDaysToClose ?? Infinity) - (b.avgDaysToClose ?? Infinity) ||
    a.unit.localeCompare(b.unit)
  );
}

/**
 * Day of the last move into a closed (not open) state on or before `asOfDay`, or null without such an entry. Reads
 * the history arrays in place: historyOf's objects and date strings made this pass take ~1 s at 1M defects.
 */
function closedOn(
  histories: DefectHistories,
  row: number,
  asOfDay: number,
  closing: readonly boolean[],
): number | null {
  if (row < 0 || row >= histories.count) return null;
  let day: number | null = null;
  for (let k = histories.start[row], end = histories.start[row + 1]; k < end; k++) {
    const d = histories.day[k];
    if (d > asOfDay) break;
    if (closing[histories.to[k]]) day = d;
  }
  return day;
}
