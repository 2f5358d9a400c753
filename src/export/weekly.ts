/**
 * The weekly progress report (附件1 进度表). Every Wednesday each responsible unit reports, per project (task
 * force), this week's progress and next week's plan; on Thursday each task force's lead unit merges its units'
 * rows and forwards them. The figures come from the defect history, for the week Thursday → cut-off Wednesday
 * (`campaign.weeklyReport.dueWeekday`):
 *
 * - found: defects whose found date falls in the week;
 * - fixed: defects that moved to awaiting_recheck (待复核) in the week;
 * - verified: defects that moved to closed (已销号) in the week;
 * - reopened: defects that moved to reopened (返工) in the week;
 * - overdue: defects open and not fixed at the end of the cut-off day whose deadline had passed (campaign rule);
 * - due next week: defects open and not fixed at the cut-off whose deadline falls in the next report week.
 *
 * A defect counts for its responsible unit (the `unit` column) and its task force. The state at the cut-off is
 * replayed from the history in `defect-history.json`; for a defect without history it is its current state when that
 * was last changed on or before the cut-off, else it is counted as open and unfixed (and reported in `warnings`).
 * Free text each unit writes is kept outside (`WeeklyNotes`, keyed by `rowKey`) and merged into the texts.
 */
import { addDays, dayFromIso, isoFromDay, weekdayOfDay } from '../campaign/dates';
import { isFixedState, isOpenState, reportWeek, type ReportWeek } from '../campaign/model';
import type { Campaign, DefectState, IsoDate, Named } from '../campaign/types';
import { historyOf, type DefectHistories } from '../dataset/details';
import type { DefectColumns } from '../dataset/types';
import { campaignLabels, type ExportLang } from './labels';

export interface WeeklyInput {
  campaign: Campaign;
  defects: DefectColumns;
  /** History per defect; null when defect-history.json is not loaded (figures then come from the columns). */
  histories: DefectHistories | null;
  /** The cut-off: must fall on the campaign's due weekday (Wednesday). */
  cutoffDate: IsoDate;
  /** The data's as-of date: a cut-off after it gets a warning (the days in between are not in the data). */
  asOfDate?: IsoDate;
}

export type WeeklyEvent = 'found' | 'fixed' | 'verified' | 'reopened' | 'overdue' | 'dueNextWeek';
export const WEEKLY_EVENTS: WeeklyEvent[] = ['found', 'fixed', 'verified', 'reopened', 'overdue', 'dueNextWeek'];

export interface WeeklyRow {
  /** `${unit}|${taskForce}`: the key free text is stored under. */
  key: string;
  unit: string;
  taskForce: string;
  /** Defect ids behind each figure, sorted. */
  ids: Record<WeeklyEvent, string[]>;
  /** Open (not closed) at the end of the cut-off day. */
  openAtCutoff: number;
}

export interface WeeklyItem {
  id: string;
  unit: string;
  taskForce: string;
  category: string;
  object: string | null;
  found: IsoDate;
  deadline: IsoDate;
  /** State at the end of the cut-off day. */
  stateAtCutoff: DefectState;
  /** Dates of this week's events, by event (found/fixed/verified/reopened). */
  events: Partial<Record<WeeklyEvent, IsoDate>>;
}

/** The lead unit's Thursday merge: every unit's rows of the task forces it leads. */
export interface LeadMerge {
  leadUnit: string;
  /** Task forces merged here (a unit can lead several; the first listed lead unit of a task force merges it). */
  taskForces: string[];
  /** Co-lead units named in the plan beside this one, by task force. */
  coLeads: Record<string, string[]>;
  rows: WeeklyRow[];
  totals: Record<WeeklyEvent, number>;
}

export interface WeeklyReport {
  week: ReportWeek;
  nextWeek: { startDate: IsoDate; endDate: IsoDate };
  rows: WeeklyRow[];
  merges: LeadMerge[];
  /** Every defect behind a figure, by id. */
  items: Record<string, WeeklyItem>;
  /** What the figures cannot show, in both languages (the workbook's cover, the panel, the CLI). */
  warnings: Named[];
}

/** Free text a unit writes for a row: this week's progress and next week's plan. */
export type WeeklyNotes = Record<string, { progress?: string; plan?: string }>;

export function rowKey(unit: string, taskForce: string): string {
  return `${unit}|${taskForce}`;
}

/**
 * The cut-off date (due weekday) closing the report week that contains `date`: handy as a default in a picker.
 *
 * @example cutoffFor(c, '2019-09-12') // '2019-09-18'
 */
export function cutoffFor(campaign: Campaign, date: IsoDate): IsoDate {
  return reportWeek(campaign, date).endDate;
}

/**
 * The latest cut-off on or before `date`: the last complete report week, the one a Thursday merge forwards.
 *
 * @example latestCutoff(c, '2019-09-12') // '2019-09-11'
 */
export function latestCutoff(campaign: Campaign, date: IsoDate): IsoDate {
  return reportWeek(campaign, addDays(date, -6)).endDate;
}

/**
 * Compute the report for the week ending on `cutoffDate`.
 *
 * @example buildWeeklyReport({ campaign, defects, histories, cutoffDate: '2019-09-18' })
 */
export function buildWeeklyReport(
  { campaign, defects, histories, cutoffDate, asOfDate }: WeeklyInput,
  notes: WeeklyNotes = {},
): WeeklyReport {
  const week = checkedWeek(campaign, cutoffDate);
  const endDay = dayFromIso(week.endDate);
  const span: WeekSpan = { startDay: dayFromIso(week.startDate), endDay, nextStart: endDay + 1, nextEnd: endDay + 7 };
  const T = defects.tables;
  const rows = new Map<string, WeeklyRow>();
  const items: Record<string, WeeklyItem> = {};
  let noHistory = 0;

  const rowFor = (unit: string, tf: string) => {
    const key = rowKey(unit, tf);
    let r = rows.get(key);
    if (!r) {
      r = { key, unit, taskForce: tf, ids: emptyIds(), openAtCutoff: 0 };
      rows.set(key, r);
    }
    return r;
  };

  for (let i = 0; i < defects.count; i++) {
    if (defects.found[i] > endDay) continue;
    const id = defects.id.at(i)!;
    const unit = T.unit[defects.unit[i]];
    const tf = T.taskForce[defects.taskForce[i]];
    const fate = defectWeek(campaign, defects, historyOf(histories, i), i, span);
    if (!fate.fromHistory) noHistory++;
    const row = rowFor(unit, tf);
    if (fate.open) row.openAtCutoff++;
    const kinds = Object.keys(fate.events) as WeeklyEvent[];
    for (const k of kinds) row.ids[k].push(id);
    if (kinds.length) {
      const obj = defects.object[i];
      items[id] = {
        id,
        unit,
        taskForce: tf,
        category: T.category[defects.category[i]],
        object: obj >= 0 ? T.object[obj] : null,
        found: isoFromDay(defects.found[i]),
        deadline: isoFromDay(defects.deadline[i]),
        stateAtCutoff: fate.state,
        events: fate.events,
      };
    }
  }
  // A unit that wrote free text for a project it has no defects in still gets its row.
  for (const key of Object.keys(notes)) {
    const [unit, tf] = key.split('|');
    if (unit && tf) rowFor(unit, tf);
  }
  const sorted = sortedRows(campaign, rows.values());
  return {
    week,
    nextWeek: { startDate: isoFromDay(span.nextStart), endDate: isoFromDay(span.nextEnd) },
    rows: sorted,
    merges: leadMerges(campaign, sorted),
    items,
    warnings: weeklyWarnings(cutoffDate, asOfDate, noHistory),
  };
}

/** The report week, in days: this week's first and last day and next week's. */
interface WeekSpan {
  startDay: number;
  endDay: number;
  nextStart: number;
  nextEnd: number;
}

/** The report week ending on `cutoffDate`; refused when the cut-off is not the campaign's due weekday. */
function checkedWeek(campaign: Campaign, cutoffDate: IsoDate): ReportWeek {
  const week = reportWeek(campaign, cutoffDate);
  if (week.endDate !== cutoffDate) {
    const names = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
    throw new Error(
      `cut-off ${cutoffDate} is a ${names[weekdayOfDay(dayFromIso(cutoffDate))]}; reports are due on ${names[campaign.weeklyReport.dueWeekday]}s — ` +
        `the week containing ${cutoffDate} is cut off on ${week.endDate}`,
    );
  }
  return week;
}

/**
 * One defect's week: its state at the cut-off and what happened to it in the week (found, fixed, verified,
 * reopened), from its history, or from its current state and last update when it has none; overdue at the
 * cut-off and due next week from its deadline.
 */
function defectWeek(
  campaign: Campaign,
  defects: DefectColumns,
  history: readonly { date: IsoDate; to: DefectState }[] | undefined,
  i: number,
  { startDay, endDay, nextStart, nextEnd }: WeekSpan,
): { state: DefectState; events: Partial<Record<WeeklyEvent, IsoDate>>; open: boolean; fromHistory: boolean } {
  const events: Partial<Record<WeeklyEvent, IsoDate>> = {};
  const fromHistory = Boolean(history && history.length);
  let state: DefectState;
  if (history && history.length) {
    state = history[0].to;
    for (const h of history) {
      const day = dayFromIso(h.date);
      if (day > endDay) break;
      state = h.to;
      if (day < startDay) continue;
      if (h.to === 'awaiting_recheck') events.fixed = h.date;
      else if (h.to === 'closed') events.verified = h.date;
      else if (h.to === 'reopened') events.reopened = h.date;
    }
  } else {
    const current = defects.tables.state[defects.state[i]];
    const updated = defects.updated[i];
    state = updated <= endDay ? current : 'reported';
    if (updated >= startDay && updated <= endDay) {
      if (current === 'awaiting_recheck') events.fixed = isoFromDay(updated);
      else if (current === 'closed') events.verified = isoFromDay(updated);
      else if (current === 'reopened') events.reopened = isoFromDay(updated);
    }
  }
  const found = defects.found[i];
  if (found >= startDay) events.found = isoFromDay(found);
  const open = isOpenState(campaign, state);
  const unfixed = open && !isFixedState(campaign, state);
  const deadline = defects.deadline[i];
  if (unfixed && endDay > deadline) events.overdue = isoFromDay(deadline);
  if (unfixed && deadline >= nextStart && deadline <= nextEnd) events.dueNextWeek = isoFromDay(deadline);
  return { state, events, open, fromHistory };
}

/** Rows in the campaign's unit order, then its task-force order; each list of ids sorted. */
function sortedRows(campaign: Campaign, rows: Iterable<WeeklyRow>): WeeklyRow[] {
  const unitOrder = new Map(campaign.units.map((u, i) => [u.code, i]));
  const tfOrder = new Map(campaign.taskForces.map((t, i) => [t.code, i]));
  const sorted = [...rows].sort(
    (a, b) =>
      (unitOrder.get(a.unit) ?? 1e6) - (unitOrder.get(b.unit) ?? 1e6) ||
      a.unit.localeCompare(b.unit) ||
      (tfOrder.get(a.taskForce) ?? 1e6) - (tfOrder.get(b.taskForce) ?? 1e6),
  );
  for (const r of sorted) for (const k of WEEKLY_EVENTS) r.ids[k].sort();
  return sorted;
}

function weeklyWarnings(cutoffDate: IsoDate, asOfDate: IsoDate | undefined, noHistory: number): Named[] {
  const warnings: Named[] = [];
  if (asOfDate && asOfDate < cutoffDate) {
    warnings.push({
      zh: `数据截至 ${asOfDate}，早于本期截止日 ${cutoffDate}：${asOfDate} 之后的变化不在本表数字中`,
      en: `the data runs to ${asOfDate}, before the cut-off ${cutoffDate}: changes after ${asOfDate} are not in these figures`,
    });
  }
  if (noHistory) {
    warnings.push({
      zh: `${noHistory} 个问题在 defect-history.json 中没有处理记录：按其当前状态计入截止日（截止日后有变化的按未整改计）`,
      en: `${noHistory} defect(s) have no history in defect-history.json: their state at the cut-off is their current state (or open, when it changed after the cut-off)`,
    });
  }
  return warnings;
}

function leadMerges(campaign: Campaign, rows: WeeklyRow[]): LeadMerge[] {
  const merges = new Map<string, LeadMerge>();
  for (const tf of campaign.taskForces) {
    const lead = tf.leadUnits[0];
    if (!lead) continue;
    const tfRows = rows.filter((r) => r.taskForce === tf.code);
    if (!tfRows.length) continue;
    let m = merges.get(lead);
    if (!m) {
      m = { leadUnit: lead, taskForces: [], coLeads: {}, rows: [], totals: emptyTotals() };
      merges.set(lead, m);
    }
    m.taskForces.push(tf.code);
    if (tf.leadUnits.length > 1) m.coLeads[tf.code] = tf.leadUnits.slice(1);
    for (const r of tfRows) {
      m.rows.push(r);
      for (const k of WEEKLY_EVENTS) m.totals[k] += r.ids[k].length;
    }
  }
  return [...merges.values()];
}

// ---------------------------------------------------------------------------------------------------------------
// Texts of the form's two columns.

const EVENT_LABELS: Record<WeeklyEvent, { zh: string; en: string }> = {
  found: { zh: '新发现问题', en: 'New defects found' },
  fixed: { zh: '整改完成待复核', en: 'Fixed, awaiting re-check' },
  verified: { zh: '复核销号', en: 'Verified and closed' },
  reopened: { zh: '复核未通过返工', en: 'Reopened after re-check' },
  overdue: { zh: '截至本周三仍超期未整改', en: 'Still overdue at the cut-off' },
  dueNextWeek: { zh: '下周到期待整改', en: 'Open, due next week' },
};

export function eventLabel(event: WeeklyEvent, lang: ExportLang): string {
  return EVENT_LABELS[event][lang];
}

/** Ids listed in a text cell before it says "and n more" (the detail sheet lists them all). */
export const IDS_IN_TEXT = 30;

/** The events of this week's progress column, in the form's order. */
export const PROGRESS_EVENTS: WeeklyEvent[] = ['found', 'fixed', 'verified', 'reopened', 'overdue'];

/**
 * This week's progress: the unit's own text first (what the reader came for), then the computed figures. The
 * defect ids behind the figures are in their own column (`idsText`), not here.
 */
export function progressText(row: WeeklyRow, notes: WeeklyNotes, lang: ExportLang): string {
  const own = notes[row.key]?.progress?.trim();
  const lines = PROGRESS_EVENTS.map((e) => eventLine(row, e, lang));
  return own ? [own, ...lines].join('\n') : lines.join('\n');
}

/** Next week's plan: the unit's own text first, then the open items due next week. */
export function planText(row: WeeklyRow, notes: WeeklyNotes, lang: ExportLang): string {
  const line = eventLine(row, 'dueNextWeek', lang);
  const own = notes[row.key]?.plan?.trim();
  return own ? `${own}\n${line}` : line;
}

/**
 * The defect ids behind a row's figures, one line per figure that has any (`整改完成待复核：D1、D2`); empty when
 * no figure has one. At most IDS_IN_TEXT ids a line; the detail sheet lists them all.
 */
export function idsText(row: WeeklyRow, lang: ExportLang): string {
  return WEEKLY_EVENTS.filter((e) => row.ids[e].length > 0)
    .map((e) => `${eventLabel(e, lang)}${lang === 'zh' ? '：' : ': '}${idList(row.ids[e], lang)}`)
    .join('\n');
}

function eventLine(row: WeeklyRow, e: WeeklyEvent, lang: ExportLang): string {
  const n = row.ids[e].length;
  const label = eventLabel(e, lang);
  return lang === 'zh' ? `${label} ${n} 个` : `${label}: ${n}`;
}

/** The first IDS_IN_TEXT ids, then "等 n 个" / "and n more". */
export function idList(ids: string[], lang: ExportLang): string {
  const shown = ids.slice(0, IDS_IN_TEXT).join(lang === 'zh' ? '、' : ', ');
  const more =
    ids.length > IDS_IN_TEXT ? (lang === 'zh' ? ` 等 ${ids.length} 个` : ` and ${ids.length - IDS_IN_TEXT} more`) : '';
  return shown + more;
}

/** Unit and project names of a row in one language. */
export function rowNames(campaign: Campaign, row: WeeklyRow, lang: ExportLang): { unit: string; project: string } {
  const L = campaignLabels(campaign, lang);
  return { unit: L.unit(row.unit), project: L.taskForce(row.taskForce) };
}

function emptyIds(): Record<WeeklyEvent, string[]> {
  return { found: [], fixed: [], verified: [], reopened: [], overdue: [], dueNextWeek: [] };
}

function emptyTotals(): Record<WeeklyEvent, number> {
  return { found: 0, fixed: 0, verified: 0, reopened: 0, overdue: 0, dueNextWeek: 0 };
}
