/**
 * Questions the app, the zone engine and the scripts all ask of the campaign plan: which phase a date is in, how
 * many days are left to 省测/国测, whether a defect is overdue, whether a state change is allowed, which week a
 * weekly report covers, and lookups by code. Pure functions of a validated `Campaign` (see parse.ts); the answers
 * come from the data, so a changed plan needs no code change.
 */
import type {
  AreaKind,
  Campaign,
  Category,
  DefectState,
  Evaluation,
  IsoDate,
  LifecycleState,
  Phase,
  Subdistrict,
  TaskForce,
  Unit,
} from './types';
import { addDays, dayFromIso, isoFromDay, weekEndingOn, type IsoWeekday } from './dates';

interface Index {
  taskForces: Map<string, TaskForce>;
  categories: Map<string, { taskForce: TaskForce; category: Category }>;
  states: Map<string, LifecycleState>;
  units: Map<string, Unit>;
  subdistricts: Map<string, Subdistrict>;
  evaluations: Map<string, Evaluation>;
  transitions: Set<string>;
  fixed: Set<string>;
}

/** Lookups run per defect in the engine and the UI, so each campaign object gets its maps built once. */
const indexes = new WeakMap<Campaign, Index>();

function index(campaign: Campaign): Index {
  let ix = indexes.get(campaign);
  if (!ix) {
    const categories = new Map<string, { taskForce: TaskForce; category: Category }>();
    for (const taskForce of campaign.taskForces) {
      for (const category of taskForce.categories) categories.set(category.code, { taskForce, category });
    }
    ix = {
      taskForces: new Map(campaign.taskForces.map((t) => [t.code, t])),
      categories,
      states: new Map(campaign.lifecycle.states.map((s) => [s.code, s])),
      units: new Map(campaign.units.map((u) => [u.code, u])),
      subdistricts: new Map(campaign.subdistricts.map((s) => [s.code, s])),
      evaluations: new Map(campaign.evaluations.map((e) => [e.code, e])),
      transitions: new Set(campaign.lifecycle.transitions.map(([from, to]) => transitionKey(from, to))),
      fixed: new Set(campaign.lifecycle.fixedStates),
    };
    indexes.set(campaign, ix);
  }
  return ix;
}

// ---------------------------------------------------------------------------------------------------------------
// Lookups by code. Each returns undefined for an unknown code; validation (parse.ts) is where unknown codes fail.

export function taskForceByCode(campaign: Campaign, code: string): TaskForce | undefined {
  return index(campaign).taskForces.get(code);
}

/** A category and the task force it belongs to (category codes are unique across the campaign). */
export function categoryByCode(
  campaign: Campaign,
  code: string,
): { taskForce: TaskForce; category: Category } | undefined {
  return index(campaign).categories.get(code);
}

export function stateByCode(campaign: Campaign, code: string): LifecycleState | undefined {
  return index(campaign).states.get(code);
}

export function unitByCode(campaign: Campaign, code: string): Unit | undefined {
  return index(campaign).units.get(code);
}

export function subdistrictByCode(campaign: Campaign, code: string): Subdistrict | undefined {
  return index(campaign).subdistricts.get(code);
}

/** The area (built-up, rural, other) of a subdistrict by its NBS code; undefined when the code is not in the plan. */
export function subdistrictArea(campaign: Campaign, code: string): AreaKind | undefined {
  return subdistrictByCode(campaign, code)?.area;
}

export function evaluationByCode(campaign: Campaign, code: string): Evaluation | undefined {
  return index(campaign).evaluations.get(code);
}

// ---------------------------------------------------------------------------------------------------------------
// Phases and evaluations.

/** A phase with its first and last day (inclusive day numbers); `endDay` is Infinity for an open-ended phase. */
export interface PhaseRange {
  phase: Phase;
  startDay: number;
  endDay: number;
}

/**
 * Resolves each phase's `start`/`startAfter` and `endBefore` into day numbers. A phase that ends "before 省测"
 * ends the day before the evaluation; one that starts "after 省测" starts the day after, so the evaluation day
 * itself belongs to no phase. A phase with no end runs on.
 *
 * @example phaseRanges(c)[0] // { phase: P1, startDay: day('2019-08-21'), endDay: day('2019-09-19') }
 */
export function phaseRanges(campaign: Campaign): PhaseRange[] {
  const evaluationDay = (code: string) => {
    const e = evaluationByCode(campaign, code);
    if (!e) throw new Error(`unknown evaluation: ${code}`);
    return dayFromIso(e.date);
  };
  return campaign.phases.map((phase) => {
    const startDay =
      phase.start !== undefined
        ? dayFromIso(phase.start)
        : phase.startAfter !== undefined
          ? evaluationDay(phase.startAfter) + 1
          : dayFromIso(campaign.document.issuedDate);
    const endDay = phase.endBefore !== undefined ? evaluationDay(phase.endBefore) - 1 : Infinity;
    return { phase, startDay, endDay };
  });
}

/** The phase a date falls in, or null before the campaign, on an evaluation day, or after the last phase. */
export function phaseForDate(campaign: Campaign, date: IsoDate): Phase | null {
  const day = dayFromIso(date);
  return phaseRanges(campaign).find((r) => day >= r.startDay && day <= r.endDay)?.phase ?? null;
}

/**
 * Days from the as-of date to each evaluation, in the campaign's order: 0 on the day itself, negative once it
 * has passed (the countdown shows "passed" rather than hiding the evaluation).
 */
export function daysToEvaluations(
  campaign: Campaign,
  asOfDate: IsoDate,
): { evaluation: Evaluation; daysLeft: number }[] {
  const asOfDay = dayFromIso(asOfDate);
  return campaign.evaluations.map((evaluation) => ({ evaluation, daysLeft: dayFromIso(evaluation.date) - asOfDay }));
}

// ---------------------------------------------------------------------------------------------------------------
// Lifecycle.

/** Open states count towards an object's worst state; unknown codes are treated as not open. */
export function isOpenState(campaign: Campaign, stateCode: string): boolean {
  return stateByCode(campaign, stateCode)?.open ?? false;
}

/** Fixed states (awaiting re-check, closed) stop the deadline clock. */
export function isFixedState(campaign: Campaign, stateCode: string): boolean {
  return index(campaign).fixed.has(stateCode);
}

/**
 * Overdue (超期) is derived, never stored: the deadline day has passed (a defect due on the 12th is on time all
 * of the 12th) and the defect is not in a fixed state.
 *
 * @example isOverdue(day('2019-09-10'), 'in_progress', day('2019-09-12'), c) // true
 */
export function isOverdue(deadlineDay: number, stateCode: string, asOfDay: number, campaign: Campaign): boolean {
  return asOfDay > deadlineDay && !isFixedState(campaign, stateCode);
}

export function canTransition(campaign: Campaign, from: string, to: string): boolean {
  return index(campaign).transitions.has(transitionKey(from, to));
}

/** States no transition leads into: where a defect's history starts (上报 in the plan). */
export function initialStates(campaign: Campaign): DefectState[] {
  const targets = new Set(campaign.lifecycle.transitions.map(([, to]) => to));
  return campaign.lifecycle.states.map((s) => s.code).filter((code) => !targets.has(code));
}

/**
 * The shortest chain of allowed transitions from `from` to `to`, both included (`[from]` when they are equal),
 * or null when the lifecycle does not connect them. Ties go to the transition listed first in the campaign.
 */
export function findPath(campaign: Campaign, from: DefectState, to: DefectState): DefectState[] | null {
  const previous = new Map<DefectState, DefectState | null>([[from, null]]);
  const queue: DefectState[] = [from];
  while (queue.length > 0) {
    const state = queue.shift() as DefectState;
    if (state === to) {
      const path: DefectState[] = [];
      for (let s: DefectState | null = to; s !== null; s = previous.get(s) ?? null) path.unshift(s);
      return path;
    }
    for (const [a, b] of campaign.lifecycle.transitions) {
      if (a === state && !previous.has(b)) {
        previous.set(b, state);
        queue.push(b);
      }
    }
  }
  return null;
}

/**
 * Checks a defect's history against the lifecycle: it starts from no state, each entry's `from` is the previous
 * entry's `to`, each step is an allowed transition and dates never go backwards. Returns the problems, one per
 * bad entry (empty when the history is consistent).
 */
export function historyProblems(
  campaign: Campaign,
  history: { date: IsoDate; from: string | null; to: string }[],
): string[] {
  const problems: string[] = [];
  history.forEach((h, i) => {
    const prev = i > 0 ? history[i - 1] : null;
    const where = `history[${i}]`;
    if (!stateByCode(campaign, h.to)) problems.push(`${where}.to: unknown state ${JSON.stringify(h.to)}`);
    if (prev === null) {
      if (h.from !== null) problems.push(`${where}.from: the first entry must start from no state`);
      else if (!initialStates(campaign).includes(h.to as DefectState)) {
        problems.push(`${where}.to: ${h.to} is not an initial state`);
      }
      return;
    }
    if (h.from !== prev.to) problems.push(`${where}.from: ${h.from} does not follow ${prev.to}`);
    else if (!canTransition(campaign, h.from, h.to))
      problems.push(`${where}: ${h.from} → ${h.to} is not an allowed transition`);
    if (h.date < prev.date) problems.push(`${where}.date: ${h.date} is before ${prev.date}`);
  });
  return problems;
}

function transitionKey(from: string, to: string): string {
  return `${from}\u0000${to}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Weekly report (进度表).

/** One reporting week: Thursday → the Wednesday cut-off, and the day the lead unit merges and forwards. */
export interface ReportWeek {
  startDate: IsoDate;
  /** The due day (每周三下班前). */
  endDate: IsoDate;
  /** The first merge weekday after the due day (每周四上午). */
  mergeDate: IsoDate;
}

/**
 * The report week that contains `date`: it ends on the first due weekday on or after the date.
 *
 * @example reportWeek(c, '2019-09-12') // { startDate: '2019-09-12', endDate: '2019-09-18', mergeDate: '2019-09-19' }
 */
export function reportWeek(campaign: Campaign, date: IsoDate): ReportWeek {
  const { dueWeekday, mergeWeekday } = campaign.weeklyReport;
  const { startDay, endDay } = weekEndingOn(dayFromIso(date), dueWeekday as IsoWeekday);
  const mergeGap = ((mergeWeekday - dueWeekday + 6) % 7) + 1;
  return {
    startDate: isoFromDay(startDay),
    endDate: isoFromDay(endDay),
    mergeDate: addDays(isoFromDay(endDay), mergeGap),
  };
}
