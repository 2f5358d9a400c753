import type { Point } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { LngLat } from '../campaign/types';
import { campaign, emptyInput, fc, feat, obj } from '../geo/__fixtures__/build';
import { computeEngine } from '../geo/engine';
import { circleBBox, destination } from '../geo/geodesy';
import { columns } from './__fixtures__/defects';
import { priorityBadges, priorityClass, priorityScale, topZonesBBox } from './priority-scale';
import { rankZones } from './ranking';

describe('priorityScale', () => {
  it('puts the breaks at quantiles of the scores above zero, rounded to two digits', () => {
    const scores = [0, 0, 1.234, 2.345, 3.456, 4.567, 5.678, 6.789, 7.89, 8.9, 9.1, 123];
    const scale = priorityScale(scores, { classes: 5 });
    // 10 positive scores: quantiles after the 2nd, 4th, 6th and 8th.
    expect(scale).toEqual({ breaks: [0, 2.3, 4.6, 6.8, 8.9], max: 123 });
  });

  it('gives each score its class; zero is apart', () => {
    const scale = { breaks: [0, 2.3, 4.6], max: 10 };
    expect([0, -1, 0.1, 2.3, 2.31, 4.6, 4.7, 10].map((s) => priorityClass(scale, s))).toEqual([
      -1, -1, 0, 0, 1, 1, 2, 2,
    ]);
  });

  it('merges equal quantiles and never puts a break at the top', () => {
    expect(priorityScale([1, 1, 1, 1, 1, 1], { classes: 3 })).toEqual({ breaks: [0], max: 1 });
    expect(priorityScale([1, 1, 1, 5], { classes: 4 })).toEqual({ breaks: [0, 1], max: 5 });
  });

  it('is empty when nothing scores', () => {
    expect(priorityScale([0, 0])).toEqual({ breaks: [], max: 0 });
    expect(priorityClass(priorityScale([0]), 0)).toBe(-1);
  });

  it('refuses a class count that is not a positive integer', () => {
    expect(() => priorityScale([1], { classes: 0 })).toThrow('classes must be a positive integer');
  });
});

describe('badges and the first view, against the ranking', () => {
  const A: LngLat = [122.1, 30.02];
  const pt = (c: LngLat): Point => ({ type: 'Point', coordinates: c });
  // Four communities 3 km apart; C3 worst, then C1, then C2; C4 has nothing to do.
  const anchors = [0, 1, 2, 3].map((k) => destination(A, 3000 * k, 90));
  const input = emptyInput({
    communities: fc(anchors.map((c, k) => feat(pt(c), obj(`C${k + 1}`)))),
    compounds: fc(
      anchors.map((c, k) => feat(pt(destination(c, 100, 0)), obj(`K${k + 1}`, { lastInspected: '2019-09-10' }))),
    ),
    defects: columns([
      { object: 'K1', state: 'in_progress', found: '2019-08-25', deadline: '2019-09-01' },
      { object: 'K2', state: 'reported', found: '2019-09-10', deadline: '2019-09-20' },
      { object: 'K3', state: 'reopened', found: '2019-08-20', deadline: '2019-09-01' },
      { object: 'K3', state: 'reopened', found: '2019-08-21', deadline: '2019-09-02' },
      { object: 'K4', state: 'closed', found: '2019-08-21', deadline: '2019-09-02' },
    ]),
  });
  const ranking = rankZones(computeEngine(input), { ruleIds: ['R300'] });

  it('numbers the badges as the ranking numbers its rows, leaving out zones with nothing to do', () => {
    expect(ranking.map((r) => r.zone.id)).toEqual(['R300:C3', 'R300:C1', 'R300:C2', 'R300:C4']);
    const badges = priorityBadges(ranking, 10);
    expect(badges.map((b) => [b.rank, b.zoneId])).toEqual([
      [1, 'R300:C3'],
      [2, 'R300:C1'],
      [3, 'R300:C2'],
    ]);
    expect(badges[0].center).toEqual(ranking[0].zone.center);
    expect(priorityBadges(ranking, 2).map((b) => b.rank)).toEqual([1, 2]);
  });

  it('opens on the box of the top zones, not on the ones with nothing to do', () => {
    const radius = campaign.zoneRules.find((r) => r.id === 'R300')!.radiusM;
    const two = topZonesBBox(ranking, 2)!;
    const c3 = circleBBox(anchors[2], radius);
    const c1 = circleBBox(anchors[0], radius);
    expect(two[0]).toBeCloseTo(c1[0], 9);
    expect(two[2]).toBeCloseTo(c3[2], 9);
    expect(topZonesBBox(ranking, 10)![2]).toBeCloseTo(c3[2], 9);
    expect(topZonesBBox(ranking.slice(3), 10)).toBeNull();
  });
});
