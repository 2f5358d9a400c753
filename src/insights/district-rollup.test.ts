import { describe, expect, it } from 'vitest';
import { campaign } from '../geo/__fixtures__/build';
import { columns } from './__fixtures__/defects';
import type { RuleCoverage } from '../dataset/types';
import { rollupDistrict, rollupZones, sharesOfMax } from './district-rollup';

describe('rollupDistrict', () => {
  const defects = columns([
    // Closed on the as-of date and six days before: this week; seven days before: not.
    { taskForce: 'TF2', state: 'closed', found: '2019-08-25', updated: '2019-09-12' },
    { taskForce: 'TF2', state: 'closed', found: '2019-08-25', updated: '2019-09-06' },
    { taskForce: 'TF2', state: 'closed', found: '2019-08-25', updated: '2019-09-05' },
    { taskForce: 'TF2', state: 'in_progress', found: '2019-08-25', deadline: '2019-09-01' },
    { taskForce: 'TF2', state: 'reported', found: '2019-09-01', deadline: '2019-09-12' },
    { taskForce: 'TF3', state: 'assigned', found: '2019-09-11' },
    { taskForce: 'TF3', state: 'reported', found: '2019-09-11' },
    // Found after the as-of date: not counted.
    { taskForce: 'TF4', state: 'reported', found: '2019-09-13', deadline: '2019-09-01' },
  ]);
  const rollup = rollupDistrict(campaign, defects, '2019-09-12');
  const of = (code: string) => rollup.taskForces.find((t) => t.code === code)!;

  it('lists every task force of the plan in order, clean where nothing is open', () => {
    expect(rollup.taskForces.map((t) => t.code)).toEqual(campaign.taskForces.map((t) => t.code));
    expect(of('TF4')).toMatchObject({ open: 0, overdue: 0, closedThisWeek: 0, worstState: 'clean' });
  });

  it('counts open, overdue and closed in the week to the as-of date', () => {
    expect(of('TF2')).toMatchObject({ open: 2, overdue: 1, closedThisWeek: 2, worstState: 'overdue' });
    expect(rollup.totals).toEqual({ open: 4, overdue: 1, closedThisWeek: 2, worstState: 'overdue' });
  });

  it('gives the worst open state by the lifecycle severity when nothing is overdue', () => {
    const worst = [...campaign.lifecycle.states]
      .filter((s) => s.code === 'assigned' || s.code === 'reported')
      .sort((a, b) => b.severity - a.severity)[0].code;
    expect(of('TF3').worstState).toBe(worst);
  });

  it('names the task force with the most overdue, then the most open, as the worst', () => {
    expect(rollup.worstTaskForce).toBe('TF2');
    expect(rollupDistrict(campaign, columns([]), '2019-09-12').worstTaskForce).toBeNull();
  });
});

describe('rollupZones', () => {
  const coverage = (ruleId: string, zones: number, members: number, empty: number): RuleCoverage => ({
    ruleId,
    radiusM: 100 + zones,
    zones,
    members,
    membersByKind: {},
    emptyZones: Array.from({ length: empty }, (_, k) => ({ zoneId: `z${k}`, anchorId: `a${k}`, anchorName: `锚${k}` })),
  });

  it("lists the campaign's rules in its order with the published zones, targets and empty zones", () => {
    const [first, second] = campaign.zoneRules;
    const zones = rollupZones(campaign, [coverage(second.id, 3, 0, 3), coverage(first.id, 12, 48, 1)]);
    expect(zones).toEqual([
      {
        ruleId: first.id,
        taskForce: first.taskForce,
        zh: first.zh,
        en: first.en,
        radiusM: 112,
        zones: 12,
        members: 48,
        emptyZones: 1,
      },
      {
        ruleId: second.id,
        taskForce: second.taskForce,
        zh: second.zh,
        en: second.en,
        radiusM: 103,
        zones: 3,
        members: 0,
        emptyZones: 3,
      },
    ]);
  });

  it('leaves out rules the report does not cover and coverage of rules the campaign lacks', () => {
    expect(rollupZones(campaign, [coverage('NOT-A-RULE', 5, 5, 0)])).toEqual([]);
    expect(rollupZones(campaign, [])).toEqual([]);
  });
});

describe('sharesOfMax', () => {
  it('scales to the largest value and keeps districts without data apart', () => {
    expect(sharesOfMax([4, null, 2, 0])).toEqual([1, null, 0.5, 0]);
    expect(sharesOfMax([0, 0])).toEqual([0, 0]);
    expect(sharesOfMax([])).toEqual([]);
  });
});
