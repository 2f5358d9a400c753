/**
 * The mock inspection (模拟测评): how likely the district's sites are to pass when the evaluators come. Each
 * evaluation (省测, 国测) visits a sample of sites per kind (settings in campaign.json `mockInspection`, see
 * src/campaign/mock-inspection.ts) and fails a site that has a problem in a failing state and category on it at
 * the date. `mockSites` finds which sites fail at a date (the states are replayed from the defects' history, so
 * a past date gives that day's picture); `simulateInspection` draws seeded samples without replacement and
 * reports the pass rate per kind and overall (mean and 10th–90th percentile over the draws), the sites that
 * fail most often across the draws, and one example draw. The closed forms (hypergeometric) come with it: the
 * expected pass rate of a kind is (n − f) / n, and the chance that a sample of k finds no failing site is
 * C(n − f, k) / C(n, k).
 */
import { categoryByCode } from '../campaign/model';
import { dayFromIso } from '../campaign/dates';
import type { Campaign, DefectState, IsoDate, MockEvaluation, MockInspectionSettings } from '../campaign/types';
import { historyOf, type DefectHistories, type HistoryStep } from '../dataset/details';
import type { DefectColumns } from '../dataset/types';
import { mulberry32 } from '../geo/prng';
import { mockInspectionOf } from '../campaign/mock-inspection';

/** A site the evaluators may visit. */
export interface MockSite {
  id: string;
  name: string;
  /** Fails at the date: at least one failing problem is on it. */
  fails: boolean;
  /** Category codes of its failing problems, most frequent first (empty when it passes). */
  reasons: string[];
}

/** The sites of one kind and how many of them one visit samples. */
export interface MockSiteGroup {
  /** Site kind code (`mockInspection.sites[].code`). */
  site: string;
  sites: MockSite[];
  /** Sites one visit samples; a group with fewer sites is visited whole. */
  sampleSize: number;
}

/** The objects of the data set by object kind, as far as the sampling needs them. */
export interface MockObjects {
  [kind: string]: { id: string; name: string; streetClass?: string; onRoute?: boolean }[] | undefined;
}

export interface MockKindResult {
  site: string;
  /** Sites of the kind in the data. */
  population: number;
  /** Of them failing at the date. */
  failing: number;
  /** Asked for by the settings. */
  requested: number;
  /** Visited per draw: min(requested, population). */
  sampled: number;
  /** Mean pass rate over the draws; null when nothing of the kind is sampled. */
  expectedRate: number | null;
  p10: number | null;
  p90: number | null;
  /** Closed form (n − f) / n. */
  exactRate: number | null;
  /** Closed form: chance that a visit finds no failing site of the kind, C(n − f, k) / C(n, k). */
  allPassChance: number;
  /** The same from the draws: the share of draws that found no failing site. */
  allPassShare: number;
}

export interface MockFailingSite {
  id: string;
  name: string;
  site: string;
  /** Draws in which it was sampled and failed. */
  failedDraws: number;
  reasons: string[];
}

export interface MockResult {
  draws: number;
  seed: number;
  kinds: MockKindResult[];
  overall: Omit<MockKindResult, 'site' | 'requested' | 'population' | 'failing'> & {
    population: number;
    failing: number;
  };
  /** Sites that failed in the most draws, most first (the ones to fix first). */
  topFailing: MockFailingSite[];
  /** The first draw: the sampled sites' ids with whether each fails. */
  example: { id: string; site: string; fails: boolean }[];
}

export interface SimulateOptions {
  draws?: number;
  seed?: number;
  /** Length of `topFailing`. */
  top?: number;
}

/**
 * Which sites of each kind fail at `asOfDate` under `evaluation`'s rule. A defect counts when it was found on
 * or before the date, is linked to the site, was in one of `failStates` on that day and has a category of
 * `failGroups` or `failCategories`. The state on a past day is replayed from the history; a defect without
 * history has its current state from its last change (`updated`) on, and was `reported` before.
 *
 * @example mockSites(campaign, settings, national, objects, defects, details, '2019-09-12')[0].sites[0]
 * // { id: 'C330902002001', name: '西安社区居委会', fails: true, reasons: ['TF8-01'] }
 */
export function mockSites(
  campaign: Campaign,
  settings: MockInspectionSettings,
  evaluation: MockEvaluation,
  objects: MockObjects,
  defects: MockDefects,
  histories: DefectHistories | null,
  asOfDate: IsoDate,
): MockSiteGroup[] {
  const day = dayFromIso(asOfDate);
  const failStates = new Set<DefectState>(evaluation.failStates);
  const failGroups = new Set<string>(evaluation.failGroups);
  const failCategories = new Set(evaluation.failCategories ?? []);
  const categoryFails = defects.tables.category.map((code) => {
    const category = categoryByCode(campaign, code);
    return failCategories.has(code) || (category !== undefined && failGroups.has(category.category.group));
  });
  // Failing reasons per object entry of the defect table: category index → count.
  const reasonsByObject = new Map<number, Map<number, number>>();
  for (let i = 0; i < defects.count; i++) {
    const object = defects.object[i];
    if (object < 0 || defects.found[i] > day || !categoryFails[defects.category[i]]) continue;
    const state = stateOnDay(defects, i, historyOf(histories, i), day);
    if (!failStates.has(state)) continue;
    let reasons = reasonsByObject.get(object);
    if (!reasons) reasonsByObject.set(object, (reasons = new Map()));
    reasons.set(defects.category[i], (reasons.get(defects.category[i]) ?? 0) + 1);
  }
  const entryOf = new Map(defects.tables.object.map((id, k) => [id, k]));

  return evaluation.samples.map(({ site, count }) => {
    const kind = settings.sites.find((s) => s.code === site);
    if (!kind) throw new Error(`mockInspection: unknown site kind "${site}" in evaluation ${evaluation.evaluation}`);
    const members = (objects[kind.kind] ?? []).filter(
      (o) =>
        (kind.streetClass === undefined || o.streetClass === kind.streetClass) &&
        (!kind.onRouteOnly || o.onRoute === true),
    );
    return {
      site,
      sampleSize: count,
      sites: members.map((o) => {
        const entry = entryOf.get(o.id);
        const reasons = entry === undefined ? undefined : reasonsByObject.get(entry);
        const codes = reasons
          ? [...reasons].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([c]) => defects.tables.category[c])
          : [];
        return { id: o.id, name: o.name, fails: codes.length > 0, reasons: codes };
      }),
    };
  });
}

/**
 * Draws `draws` seeded visits: per group, `min(sampleSize, sites)` distinct sites (a partial Fisher–Yates
 * shuffle, so without replacement). The same groups and seed give the same draws.
 *
 * @example simulateInspection(groups, { draws: 1000, seed: 1 }).overall.expectedRate // 0.82
 */
export function simulateInspection(
  groups: readonly MockSiteGroup[],
  { draws = 1000, seed = 1, top = 10 }: SimulateOptions = {},
): MockResult {
  if (!Number.isInteger(draws) || draws < 1) throw new Error('draws must be a positive whole number');
  const random = mulberry32(seed);
  const sampled = groups.map((g) => Math.min(Math.max(0, g.sampleSize), g.sites.length));
  const passedByGroup = groups.map(() => new Float64Array(draws));
  const cleanDraws = new Uint32Array(groups.length);
  let cleanOverall = 0;
  const overallRates = new Float64Array(draws);
  const failedDraws = groups.map((g) => new Uint32Array(g.sites.length));
  const order = groups.map((g) => Uint32Array.from(g.sites, (_, k) => k));
  const example: MockResult['example'] = [];
  const totalSampled = sampled.reduce((a, b) => a + b, 0);

  for (let d = 0; d < draws; d++) {
    let passedAll = 0;
    groups.forEach((g, gi) => {
      const idx = order[gi];
      const k = sampled[gi];
      let passed = 0;
      for (let j = 0; j < k; j++) {
        const r = j + Math.floor(random() * (idx.length - j));
        const pick = idx[r];
        idx[r] = idx[j];
        idx[j] = pick;
        const site = g.sites[pick];
        if (site.fails) failedDraws[gi][pick]++;
        else passed++;
        if (d === 0) example.push({ id: site.id, site: g.site, fails: site.fails });
      }
      passedByGroup[gi][d] = k > 0 ? passed / k : 0;
      if (passed === k) cleanDraws[gi]++;
      passedAll += passed;
    });
    overallRates[d] = totalSampled > 0 ? passedAll / totalSampled : 0;
    if (passedAll === totalSampled) cleanOverall++;
  }

  const kinds: MockKindResult[] = groups.map((g, gi) => {
    const n = g.sites.length;
    const f = g.sites.filter((s) => s.fails).length;
    const k = sampled[gi];
    const spread = k > 0 ? summarise(passedByGroup[gi]) : { mean: null, p10: null, p90: null };
    return {
      site: g.site,
      population: n,
      failing: f,
      requested: g.sampleSize,
      sampled: k,
      expectedRate: spread.mean,
      p10: spread.p10,
      p90: spread.p90,
      exactRate: k > 0 ? (n - f) / n : null,
      allPassChance: noFailChance(n, f, k),
      allPassShare: cleanDraws[gi] / draws,
    };
  });
  const spread = totalSampled > 0 ? summarise(overallRates) : { mean: null, p10: null, p90: null };
  const exactPassed = kinds.reduce((sum, r) => sum + (r.exactRate === null ? 0 : r.exactRate * r.sampled), 0);
  const topFailing: MockFailingSite[] = [];
  groups.forEach((g, gi) =>
    g.sites.forEach((s, k) => {
      if (failedDraws[gi][k] > 0)
        topFailing.push({ id: s.id, name: s.name, site: g.site, failedDraws: failedDraws[gi][k], reasons: s.reasons });
    }),
  );
  topFailing.sort((a, b) => b.failedDraws - a.failedDraws || a.id.localeCompare(b.id));

  return {
    draws,
    seed,
    kinds,
    overall: {
      population: kinds.reduce((a, r) => a + r.population, 0),
      failing: kinds.reduce((a, r) => a + r.failing, 0),
      sampled: totalSampled,
      expectedRate: spread.mean,
      p10: spread.p10,
      p90: spread.p90,
      exactRate: totalSampled > 0 ? exactPassed / totalSampled : null,
      allPassChance: kinds.reduce((p, r) => p * r.allPassChance, 1),
      allPassShare: cleanOverall / draws,
    },
    topFailing: topFailing.slice(0, top),
    example,
  };
}

/**
 * Hypergeometric P(X = 0): drawing `k` of `n` sites without replacement, `f` of them failing, none is failing:
 * C(n − f, k) / C(n, k) = ∏_{j<k} (n − f − j) / (n − j).
 *
 * @example noFailChance(10, 2, 3) // 56 / 120
 */
export function noFailChance(n: number, f: number, k: number): number {
  let p = 1;
  for (let j = 0; j < k; j++) p *= Math.max(0, n - f - j) / (n - j);
  return p;
}

/** A defect's state on `day`: its history's last entry on or before it, else as the module comment says. */
export function stateOnDay(
  defects: MockDefects,
  row: number,
  history: readonly HistoryStep[] | undefined,
  day: number,
): DefectState {
  if (history && history.length > 0) {
    let state: DefectState = history[0].to;
    for (let k = 1; k < history.length; k++) {
      if (dayFromIso(history[k].date) > day) break;
      state = history[k].to;
    }
    return state;
  }
  return defects.updated[row] <= day ? defects.tables.state[defects.state[row]] : 'reported';
}

/** Mean and 10th / 90th percentiles (nearest rank) of the values. */
function summarise(values: Float64Array): { mean: number; p10: number; p90: number } {
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  let sum = 0;
  for (const v of values) sum += v;
  return { mean: sum / values.length, p10: at(0.1), p90: at(0.9) };
}

/** The defect columns a run reads: all but the ids, which it never names (and which need not cross to its worker). */
export type MockDefects = Omit<DefectColumns, 'id'>;

/** What a run needs: the campaign, the objects, the defects and their histories (from defect-history.json). */
export interface MockInput {
  campaign: Campaign;
  objects: MockObjects;
  defects: MockDefects;
  histories: DefectHistories | null;
}

export interface MockRun {
  evaluation: string;
  asOfDate: IsoDate;
  result: MockResult;
  /** The overall expected pass rate at each of the trend dates, oldest first (same seed, same settings). */
  trend: { date: IsoDate; expectedRate: number | null; p10: number | null; p90: number | null }[];
}

/**
 * The mock inspection of one evaluation at `asOfDate` (and at each of `trendDates`, for the trend), with the
 * campaign's settings.
 *
 * @example runMockInspection(input, 'national', '2019-09-12', { trendDates: ['2019-08-28', '2019-09-04'] })
 */
export function runMockInspection(
  input: MockInput,
  evaluationCode: string,
  asOfDate: IsoDate,
  { trendDates = [], top = 10 }: { trendDates?: readonly IsoDate[]; top?: number } = {},
): MockRun {
  const settings = mockInspectionOf(input.campaign);
  const evaluation = settings.evaluations.find((e) => e.evaluation === evaluationCode);
  if (!evaluation) {
    const known = settings.evaluations.map((e) => e.evaluation).join(', ');
    throw new Error(`mockInspection has no evaluation "${evaluationCode}" (it has: ${known})`);
  }
  const at = (date: IsoDate, n: number) =>
    simulateInspection(
      mockSites(input.campaign, settings, evaluation, input.objects, input.defects, input.histories, date),
      { draws: settings.draws, seed: settings.seed, top: n },
    );
  return {
    evaluation: evaluationCode,
    asOfDate,
    result: at(asOfDate, top),
    trend: trendDates.map((date) => {
      const { expectedRate, p10, p90 } = at(date, 0).overall;
      return { date, expectedRate, p10, p90 };
    }),
  };
}
