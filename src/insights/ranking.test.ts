import type { LineString, Point } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { LngLat } from '../campaign/types';
import type { StreetFC } from '../dataset/types';
import { BUILT_UP, campaign, emptyInput, fc, feat, obj } from '../geo/__fixtures__/build';
import { computeEngine } from '../geo/engine';
import { destination, haversineM } from '../geo/geodesy';
import { columns } from './__fixtures__/defects';
import { rankStreets, rankZones, reasonTerms } from './ranking';

const A: LngLat = [122.1, 30.02];
const B: LngLat = destination(A, 3000, 90);
const pt = (c: LngLat): Point => ({ type: 'Point', coordinates: c });
const line = (cs: LngLat[]): LineString => ({ type: 'LineString', coordinates: cs });
const W = campaign.priority.weights;

describe('rankZones', () => {
  // C1 holds a compound with 2 overdue defects and 1 reopened; C2 one with a single open defect, inspected.
  const input = emptyInput({
    communities: fc([feat(pt(A), obj('C1')), feat(pt(B), obj('C2'))]),
    compounds: fc([
      feat(pt(destination(A, 100, 0)), obj('K1', { lastInspected: '2019-09-10' })),
      feat(pt(destination(B, 100, 0)), obj('K2', { lastInspected: '2019-09-10' })),
    ]),
    defects: columns([
      { object: 'K1', state: 'in_progress', found: '2019-08-25', deadline: '2019-09-01' },
      { object: 'K1', state: 'assigned', found: '2019-08-26', deadline: '2019-09-02' },
      { object: 'K1', state: 'reopened', found: '2019-09-05', deadline: '2019-09-20' },
      { object: 'K2', state: 'reported', found: '2019-09-10', deadline: '2019-09-20' },
    ]),
  });
  const ranked = rankZones(computeEngine(input), { ruleIds: ['R300'] });

  it('puts the zone with the higher score first and keeps the engine score', () => {
    expect(ranked.map((r) => r.zone.id)).toEqual(['R300:C1', 'R300:C2']);
    expect(ranked[0].priority).toBe((2 * W.overdue + 3 * W.open + 1 * W.reopened) / 1);
    expect(ranked[1].priority).toBe(W.open);
  });

  it('explains the score with the terms that add points, largest first', () => {
    expect(ranked[0].reasons).toEqual(
      [
        { term: 'overdue', count: 2, weight: W.overdue, points: 2 * W.overdue },
        { term: 'open', count: 3, weight: W.open, points: 3 * W.open },
        { term: 'reopened', count: 1, weight: W.reopened, points: W.reopened },
      ].sort((a, b) => b.points - a.points),
    );
    expect(ranked[1].reasons.map((r) => r.term)).toEqual(['open']);
  });

  it('lists the zones of every rule by default', () => {
    const result = computeEngine(input);
    expect(rankZones(result).length).toBe(result.rules.reduce((n, r) => n + r.zones.length, 0));
  });

  it('leaves out terms with no count or no weight', () => {
    expect(
      reasonTerms([
        { term: 'stale', count: 0, weight: 2 },
        { term: 'open', count: 4, weight: 0 },
      ]),
    ).toEqual([]);
  });
});

describe('rankStreets', () => {
  const market = feat(pt(A), obj('M1', { builtUp: true, subdistrict: BUILT_UP }));
  const inZone = line([destination(A, 200, 270), destination(A, 200, 90)]);
  const routeFar = line([destination(B, 5000, 0), destination(B, 5600, 0)]);
  const outside = line([destination(B, 8000, 0), destination(B, 8400, 0)]);
  const streets = fc([
    feat(inZone, obj('S1', { streetClass: 'back', onRoute: false, lastInspected: '2019-09-11' })),
    feat(routeFar, obj('S2', { streetClass: 'main', onRoute: true })),
    feat(outside, obj('S3', { streetClass: 'back', onRoute: false })),
  ]) as StreetFC;
  const input = emptyInput({
    markets: fc([market]),
    streets,
    defects: columns([
      { object: 'S1', state: 'in_progress', found: '2019-08-25', deadline: '2019-09-01' },
      { object: 'S1', state: 'reopened', found: '2019-09-05', deadline: '2019-09-30' },
      { object: 'S3', state: 'reported', found: '2019-09-05', deadline: '2019-09-30' },
    ]),
  });
  const result = computeEngine(input);
  const ranked = rankStreets(result, campaign, streets);

  it('ranks only streets in a zone or on the route', () => {
    expect(ranked.map((s) => s.streetId).sort()).toEqual(['S1', 'S2']);
  });

  it('scores a street as a zone holding only that street is scored', () => {
    const s1 = ranked.find((s) => s.streetId === 'S1')!;
    const zone = result.rules.find((r) => r.ruleId === 'R500')!.zoneFigures[0];
    expect(s1.priority).toBeCloseTo(zone.priority, 9);
    expect(s1.inScopeLengthM).toBeCloseTo(zone.streetLengthM, 6);
    expect(s1.ruleIds).toEqual(['R500']);
    expect(s1.reasons.map((r) => [r.term, r.count])).toEqual([
      ['overdue', 1],
      ['reopened', 1],
      ['open', 2],
    ]);
  });

  it('counts a route street whole and a never-inspected street once, normalised per km (floor 1)', () => {
    const s2 = ranked.find((s) => s.streetId === 'S2')!;
    expect(s2.inScopeLengthM).toBeCloseTo(
      haversineM(routeFar.coordinates[0] as LngLat, routeFar.coordinates[1] as LngLat),
      6,
    );
    expect(s2.priorityUnits).toBe(1);
    expect(s2.reasons).toEqual([
      { term: 'neverInspected', count: 1, weight: W.neverInspected, points: W.neverInspected },
    ]);
    expect(ranked[0].streetId).toBe('S1');
  });
});
