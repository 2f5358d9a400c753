/**
 * Open versus closed per report week, for the commander's chart. Weeks end on the weekly report's cut-off
 * weekday (campaign.weeklyReport.dueWeekday, Wednesday in the plan), as `reportWeek` in src/campaign/model.ts
 * counts them, so a bar lines up with a 进度表.
 *
 * Per week: `opened` counts defects found in the week; `closed` counts moves into a closed state (已销号) in the
 * week, so a defect closed, reopened and closed again counts twice; `openAtEnd` counts defects open at the end of
 * the week's last day (or of the as-of date, for the week still running). The state over time is replayed from
 * the history in defect-history.json; a defect without history is open from its found date and, when its current
 * state is closed, closed on the day of its last change. Nothing after the as-of date is counted. With
 * `rows`, only those defects count (the current filter), and the first week shown follows their first find.
 */
import { isOpenState, reportWeek } from '../campaign/model';
import { dayFromIso, isoFromDay } from '../campaign/dates';
import type { Campaign, IsoDate } from '../campaign/types';
import type { DefectHistories } from '../dataset/details';
import type { DefectColumns } from '../dataset/types';
import { forEachRow, type DefectScope } from './defect-facts';

export interface WeekBucket {
  startDate: IsoDate;
  /** The cut-off day. */
  endDate: IsoDate;
  opened: number;
  closed: number;
  openAtEnd: number;
  /** The week runs past the as-of date: its figures are so far. */
  partial: boolean;
}

export interface WeeklySeriesOptions extends DefectScope {
  /** Most recent weeks to return (older weeks still count towards `openAtEnd`). */
  maxWeeks?: number;
}

/**
 * @example openClosedByWeek(c, defects, histories, '2019-09-12').at(-1) // { endDate: '2019-09-18', partial: true, … }
 */
export function openClosedByWeek(
  campaign: Campaign,
  defects: DefectColumns,
  histories: DefectHistories | null,
  asOfDate: IsoDate,
  { maxWeeks = 12, rows }: WeeklySeriesOptions = {},
): WeekBucket[] {
  if (!Number.isInteger(maxWeeks) || maxWeeks < 1) throw new Error('maxWeeks must be a positive whole number');
  const asOfDay = dayFromIso(asOfDate);
  const lastEndDay = dayFromIso(reportWeek(campaign, asOfDate).endDate);
  let firstFound = asOfDay;
  forEachRow(defects, { rows }, (i) => {
    if (defects.found[i] < firstFound) firstFound = defects.found[i];
  });
  const allWeeks = Math.floor((lastEndDay - dayFromIso(reportWeek(campaign, isoFromDay(firstFound)).endDate)) / 7) + 1;
  const weeks = Math.min(maxWeeks, allWeeks);
  const firstStartDay = lastEndDay - 7 * weeks + 1;
  // Week index of a day: -1 before the first shown week (carried into openAtEnd), weeks for after the as-of date.
  const weekOf = (day: number) =>
    day > asOfDay ? weeks : day < firstStartDay ? -1 : Math.floor((day - firstStartDay) / 7);

  const opened = new Int32Array(weeks);
  const closed = new Int32Array(weeks);
  const openDelta = new Int32Array(weeks);
  let carried = 0;
  const add = (day: number, delta: number, closing: boolean) => {
    const w = weekOf(day);
    if (w >= weeks) return;
    if (w < 0) carried += delta;
    else {
      openDelta[w] += delta;
      if (closing) closed[w]++;
    }
  };
  const openState = new Map(campaign.lifecycle.states.map((s) => [s.code as string, isOpenState(campaign, s.code)]));
  // Per state of the history file, read in place (historyOf's objects and date strings cost ~1 s at 1M defects).
  const openByIndex = histories?.states.map((state) => openState.get(state) ?? false) ?? [];

  forEachRow(defects, { rows }, (i) => {
    const found = defects.found[i];
    if (found > asOfDay) return;
    const w = weekOf(found);
    if (w >= 0) opened[w]++;
    const first = histories && i < histories.count ? histories.start[i] : 0;
    const end = histories && i < histories.count ? histories.start[i + 1] : 0;
    if (histories && end > first) {
      let wasOpen = false;
      for (let k = first; k < end; k++) {
        const isOpen = openByIndex[histories.to[k]];
        const day = k === first ? found : histories.day[k];
        if (isOpen !== wasOpen) add(day, isOpen ? 1 : -1, !isOpen);
        wasOpen = isOpen;
      }
    } else {
      add(found, 1, false);
      if (!openState.get(defects.tables.state[defects.state[i]])) add(Math.max(found, defects.updated[i]), -1, true);
    }
  });

  const out: WeekBucket[] = [];
  let open = carried;
  for (let w = 0; w < weeks; w++) {
    open += openDelta[w];
    const endDay = firstStartDay + 7 * w + 6;
    out.push({
      startDate: isoFromDay(endDay - 6),
      endDate: isoFromDay(endDay),
      opened: opened[w],
      closed: closed[w],
      openAtEnd: open,
      partial: endDay > asOfDay,
    });
  }
  return out;
}
