import { describe, expect, it } from 'vitest';
import { campaign } from '../geo/__fixtures__/build';
import { mockInspectionOf } from '../campaign/mock-inspection';
import type { MockEvaluation } from '../campaign/types';
import { columns, histories, type Row } from './__fixtures__/defects';
import {
  mockSites,
  noFailChance,
  runMockInspection,
  simulateInspection,
  type MockObjects,
  type MockSiteGroup,
} from './mock-inspection';

/** A group of `n` sites of which the first `f` fail. */
function group(site: string, n: number, f: number, sampleSize: number): MockSiteGroup {
  return {
    site,
    sampleSize,
    sites: Array.from({ length: n }, (_, k) => ({
      id: `${site}${k}`,
      name: `${site} ${k}`,
      fails: k < f,
      reasons: k < f ? ['TF1-01'] : [],
    })),
  };
}

/** Binomial(ish) tolerance: 4 standard errors of a mean of `draws` rates with variance at most `v`. */
const tolerance = (v: number, draws: number) => 4 * Math.sqrt(v / draws);

describe('simulateInspection', () => {
  it('gives the same draws for the same seed, and other draws for another', () => {
    const groups = [group('compound', 40, 9, 8), group('market', 12, 3, 3)];
    const a = simulateInspection(groups, { draws: 300, seed: 7 });
    const b = simulateInspection(groups, { draws: 300, seed: 7 });
    const c = simulateInspection(groups, { draws: 300, seed: 8 });
    expect(b).toEqual(a);
    expect(c.example).not.toEqual(a.example);
  });

  it('passes 100 % when every site is clean', () => {
    const r = simulateInspection([group('compound', 30, 0, 8), group('market', 5, 0, 3)], { draws: 200 });
    expect(r.overall).toMatchObject({ expectedRate: 1, p10: 1, p90: 1, exactRate: 1, allPassChance: 1 });
    expect(r.kinds.every((k) => k.expectedRate === 1)).toBe(true);
    expect(r.topFailing).toEqual([]);
  });

  it('passes 0 % when every site fails', () => {
    const r = simulateInspection([group('compound', 30, 30, 8), group('market', 5, 5, 3)], { draws: 200 });
    expect(r.overall).toMatchObject({ expectedRate: 0, p10: 0, p90: 0, exactRate: 0, allPassChance: 0 });
    expect(r.example.every((e) => e.fails)).toBe(true);
  });

  it('matches the hypergeometric closed form on a small case', () => {
    // 10 sites, 2 failing, 3 visited: P(no failing site) = C(8,3)/C(10,3) = 56/120; E[pass rate] = 8/10.
    const draws = 4000;
    const r = simulateInspection([group('market', 10, 2, 3)], { draws, seed: 11 });
    const [kind] = r.kinds;
    expect(kind.allPassChance).toBeCloseTo(56 / 120, 12);
    expect(noFailChance(10, 2, 3)).toBeCloseTo(56 / 120, 12);
    expect(kind.exactRate).toBe(0.8);
    // Var of the pass share of 3 drawn without replacement: (1/3)·p(1−p)·(N−n)/(N−1).
    expect(Math.abs(kind.expectedRate! - 0.8)).toBeLessThan(tolerance((0.16 / 3) * (7 / 9), draws));
    // The share of draws that found no failing site, against 56/120.
    const p = 56 / 120;
    expect(Math.abs(kind.allPassShare - p)).toBeLessThan(tolerance(p * (1 - p), draws));
    // Each failing site is visited in 3/10 of the draws.
    for (const s of r.topFailing) expect(Math.abs(s.failedDraws / draws - 0.3)).toBeLessThan(tolerance(0.21, draws));
  });

  it('samples without replacement: a draw never visits one site twice', () => {
    const r = simulateInspection([group('compound', 9, 4, 9)], { draws: 50, seed: 3 });
    const ids = r.example.map((e) => e.id);
    expect(new Set(ids).size).toBe(9);
    // Visiting every site, each draw sees the same 5 of 9 passing: no spread.
    expect(r.kinds[0]).toMatchObject({ p10: 5 / 9, p90: 5 / 9 });
    expect(r.kinds[0].expectedRate).toBeCloseTo(5 / 9, 12);
    expect(r.topFailing.map((s) => s.failedDraws)).toEqual([50, 50, 50, 50]);
  });

  it('visits a kind with fewer sites than the sample size whole, and skips an empty kind', () => {
    const r = simulateInspection([group('market', 2, 1, 5), group('adsite', 0, 0, 4), group('compound', 20, 0, 5)], {
      draws: 100,
    });
    expect(r.kinds[0]).toMatchObject({ requested: 5, sampled: 2, expectedRate: 0.5, exactRate: 0.5 });
    expect(r.kinds[1]).toMatchObject({ sampled: 0, expectedRate: null, exactRate: null, allPassChance: 1 });
    expect(r.overall).toMatchObject({ sampled: 7, exactRate: 6 / 7 });
    expect(r.overall.expectedRate).toBeCloseTo(6 / 7, 12);
  });

  it('lists the sites that fail most often first, with their reasons', () => {
    const r = simulateInspection([group('compound', 50, 3, 10), group('market', 4, 1, 4)], { draws: 500, top: 2 });
    expect(r.topFailing).toHaveLength(2);
    // The failing market is visited in every draw; a failing compound in about one draw in five.
    expect(r.topFailing[0]).toMatchObject({ id: 'market0', failedDraws: 500, reasons: ['TF1-01'] });
    expect(r.topFailing[1].failedDraws).toBeLessThan(200);
  });

  it('refuses a draw count that is not a positive whole number', () => {
    expect(() => simulateInspection([], { draws: 0 })).toThrow('draws must be a positive whole number');
  });
});

describe('mockSites', () => {
  const settings = mockInspectionOf({ evaluations: campaign.evaluations });
  const evaluation: MockEvaluation = {
    evaluation: 'provincial',
    samples: [
      { site: 'compound', count: 2 },
      { site: 'backStreet', count: 1 },
    ],
    failStates: ['reported', 'in_progress', 'reopened'],
    failGroups: ['facility'],
  };
  const objects: MockObjects = {
    compound: [
      { id: 'H1', name: '甲小区' },
      { id: 'H2', name: '乙小区' },
      { id: 'H3', name: '丙小区' },
    ],
    street: [
      { id: 'S1', name: '后街', streetClass: 'back' },
      { id: 'S2', name: '大道', streetClass: 'main' },
    ],
  };
  const rows: Row[] = [
    // Open and in a failing state: H1 fails.
    { object: 'H1', state: 'in_progress', found: '2019-09-01' },
    // Fixed, awaiting re-check: not a failing state; H2 passes today …
    { object: 'H2', state: 'awaiting_recheck', found: '2019-08-20', steps: [['2019-09-05', 'awaiting_recheck']] },
    // … and found after the date: not there yet.
    { object: 'H3', state: 'reported', found: '2019-09-20' },
    { object: 'S2', state: 'reported', found: '2019-09-01' },
  ];
  const defects = columns(rows);
  const rowHistories = histories(rows);

  it('fails a site with a problem in a failing state and category at the date', () => {
    const [compounds, streets] = mockSites(
      campaign,
      settings,
      evaluation,
      objects,
      defects,
      rowHistories,
      '2019-09-12',
    );
    expect(compounds.sites.map((s) => [s.id, s.fails, s.reasons])).toEqual([
      ['H1', true, ['TF1-01']],
      ['H2', false, []],
      ['H3', false, []],
    ]);
    // Back streets only: the main road S2 is not among them.
    expect(streets.sites.map((s) => s.id)).toEqual(['S1']);
  });

  it('replays the state on a past date from the history', () => {
    const [compounds] = mockSites(campaign, settings, evaluation, objects, defects, rowHistories, '2019-09-01');
    // On 09-01 H2's problem was still reported: it failed then.
    expect(compounds.sites.find((s) => s.id === 'H2')!.fails).toBe(true);
  });

  it('passes a site whose problem is of a category the evaluation does not count', () => {
    const managementOnly = { ...evaluation, failGroups: ['management' as const] };
    const [compounds] = mockSites(campaign, settings, managementOnly, objects, defects, rowHistories, '2019-09-12');
    expect(compounds.sites.some((s) => s.fails)).toBe(false);
    const byCode = { ...managementOnly, failCategories: ['TF1-01'] };
    expect(mockSites(campaign, settings, byCode, objects, defects, rowHistories, '2019-09-12')[0].sites[0].fails).toBe(
      true,
    );
  });

  it('runs an evaluation of the campaign with a trend over past dates', () => {
    const run = runMockInspection({ campaign, objects, defects, histories: rowHistories }, 'provincial', '2019-09-12', {
      trendDates: ['2019-09-01', '2019-09-12'],
    });
    expect(run.trend.map((t) => t.date)).toEqual(['2019-09-01', '2019-09-12']);
    expect(run.trend[1].expectedRate).toBeCloseTo(run.result.overall.expectedRate!, 12);
    expect(() =>
      runMockInspection({ campaign, objects, defects, histories: rowHistories }, 'city', '2019-09-12'),
    ).toThrow('mockInspection has no evaluation "city" (it has: provincial, national)');
  });
});
