/**
 * The roll-up of one district for a site that hosts several (`npm run refresh-all`, `districts.json`): per task
 * force the defects open, overdue and closed in the week to the district's as-of date, and the worst state among
 * them. Counted by the same rules as the district's own panels (`forEachDefect`): a defect found after the as-of
 * date is left out and a defect's state is its current one.
 */
import { isOpenState, stateByCode } from '../campaign/model';
import { dayFromIso } from '../campaign/dates';
import type { Campaign } from '../campaign/types';
import type { DefectColumns, RuleCoverage } from '../dataset/types';
import { forEachDefect } from './defect-facts';

/** Days in "this week": the as-of date and the six days before it. */
export const WEEK_DAYS = 7;

/** The state a roll-up row reports as its worst: `overdue`, a lifecycle state code, or `clean` (nothing open). */
export type WorstState = 'overdue' | 'clean' | string;

export interface RollupFigures {
  open: number;
  overdue: number;
  /** Closed (a closed, not open state changed to) within the WEEK_DAYS ending on the as-of date. */
  closedThisWeek: number;
  worstState: WorstState;
}

export interface TaskForceRollup extends RollupFigures {
  /** Task force code, e.g. `TF1`. */
  code: string;
  zh: string;
  en: string;
}

export interface DistrictRollup {
  totals: RollupFigures;
  /** Every task force of the campaign, in its order, with zeros where it has no defect. */
  taskForces: TaskForceRollup[];
  /** Code of the task force with the most overdue defects, then the most open; null when nothing is open. */
  worstTaskForce: string | null;
}

/**
 * Rolls up one district's defects at `asOfDate`.
 *
 * @example rollupDistrict(campaign, defects, '2019-09-12').totals // { open: 812, overdue: 97, … }
 */
export function rollupDistrict(campaign: Campaign, defects: DefectColumns, asOfDate: string): DistrictRollup {
  const weekStartDay = dayFromIso(asOfDate) - (WEEK_DAYS - 1);
  const byCode = new Map<string, Tally>(campaign.taskForces.map((tf) => [tf.code, newTally()]));
  const total = newTally();
  forEachDefect(campaign, defects, asOfDate, ({ row, open, overdue }) => {
    const tally = byCode.get(defects.tables.taskForce[defects.taskForce[row]]);
    const state = defects.tables.state[defects.state[row]];
    const closedNow = !open && !isOpenState(campaign, state) && defects.updated[row] >= weekStartDay;
    for (const t of tally ? [tally, total] : [total]) {
      if (open) t.open++;
      if (overdue) t.overdue++;
      if (closedNow) t.closedThisWeek++;
      if (open && (t.worstCode === null || severityOf(campaign, t.worstCode) < severityOf(campaign, state)))
        t.worstCode = state;
    }
  });
  const taskForces = campaign.taskForces.map((tf) => ({
    code: tf.code,
    zh: tf.zh,
    en: tf.en,
    ...figures(byCode.get(tf.code) ?? newTally()),
  }));
  const worst = [...taskForces].filter((tf) => tf.open > 0).sort((a, b) => b.overdue - a.overdue || b.open - a.open)[0];
  return { totals: figures(total), taskForces, worstTaskForce: worst?.code ?? null };
}

interface Tally {
  open: number;
  overdue: number;
  closedThisWeek: number;
  worstCode: string | null;
}

function newTally(): Tally {
  return { open: 0, overdue: 0, closedThisWeek: 0, worstCode: null };
}

function figures(t: Tally): RollupFigures {
  const worstState = t.overdue > 0 ? 'overdue' : (t.worstCode ?? 'clean');
  return { open: t.open, overdue: t.overdue, closedThisWeek: t.closedThisWeek, worstState };
}

function severityOf(campaign: Campaign, code: string): number {
  return stateByCode(campaign, code)?.severity ?? 0;
}

/** One zone rule of a district: how many zones its published data make and how many targets lie in them. */
export interface RuleZones {
  /** Zone rule id, e.g. `R1`. */
  ruleId: string;
  taskForce: string;
  zh: string;
  en: string;
  radiusM: number;
  zones: number;
  /** Targets in at least one zone of the rule (an object in two circles counts once). */
  members: number;
  /** Zones with no target at all (an anchor in the sea, or one placed wrong). */
  emptyZones: number;
}

/**
 * The zones of one district per rule of its campaign, from the coverage its refresh published (import-report.json,
 * each rule at its plan radius), in the campaign's rule order. A rule the report does not cover is left out, so a
 * report from an older campaign never shows a rule with made-up zeros.
 *
 * @example rollupZones(campaign, report.coverage)[0] // { ruleId: 'R1', zones: 12, members: 48, emptyZones: 1, … }
 */
export function rollupZones(campaign: Campaign, coverage: RuleCoverage[]): RuleZones[] {
  const byRule = new Map(coverage.map((c) => [c.ruleId, c]));
  return campaign.zoneRules.flatMap((rule) => {
    const c = byRule.get(rule.id);
    if (!c) return [];
    return [
      {
        ruleId: rule.id,
        taskForce: rule.taskForce,
        zh: rule.zh,
        en: rule.en,
        radiusM: c.radiusM,
        zones: c.zones,
        members: c.members,
        emptyZones: c.emptyZones.length,
      },
    ];
  });
}

/** The figures a map of the districts can be coloured by. */
export const ROLLUP_FIGURES = ['overdue', 'open', 'closedThisWeek'] as const;
export type RollupFigure = (typeof ROLLUP_FIGURES)[number];

/**
 * Each value as a share of the largest, 0..1, for colouring districts side by side (null, a district without
 * data, stays null; all zeros give zeros).
 *
 * @example sharesOfMax([4, null, 2, 0]) // [1, null, 0.5, 0]
 */
export function sharesOfMax(values: (number | null)[]): (number | null)[] {
  const max = Math.max(0, ...values.filter((v): v is number => v !== null));
  return values.map((v) => (v === null ? null : max === 0 ? 0 : v / max));
}
