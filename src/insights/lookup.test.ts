import type { Point } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { LngLat } from '../campaign/types';
import { emptyInput, fc, feat, obj } from '../geo/__fixtures__/build';
import { computeEngine } from '../geo/engine';
import { destination } from '../geo/geodesy';
import { columns } from './__fixtures__/defects';
import { defectRowsByObject, findZone, geometryBBox, zoneBBox, zonesByAnchor } from './lookup';

const A: LngLat = [122.1, 30.02];
const pt = (c: LngLat): Point => ({ type: 'Point', coordinates: c });

describe('findZone', () => {
  const result = computeEngine(
    emptyInput({
      communities: fc([feat(pt(A), obj('C1')), feat(pt(destination(A, 400, 90)), obj('C2'))]),
      compounds: fc([
        feat(pt(destination(A, 250, 0)), obj('far')),
        feat(pt(destination(A, 50, 0)), obj('near')),
        feat(pt(destination(A, 2000, 0)), obj('out')),
      ]),
    }),
  );

  it('gives the zone, its figures and its members nearest first', () => {
    const z = findZone(result, 'R300:C1')!;
    expect(z.zone.anchorId).toBe('C1');
    expect(z.figures.zoneId).toBe('R300:C1');
    expect(z.members.map((m) => m.membership.objectId)).toEqual(['near', 'far']);
    expect(z.members[0].distanceM).toBeCloseTo(50, 6);
  });

  it('is null for an unknown zone', () => {
    expect(findZone(result, 'R300:nope')).toBeNull();
  });

  it('boxes the zone circle', () => {
    const [w, s, e, n] = zoneBBox(findZone(result, 'R300:C1')!.zone);
    expect((w + e) / 2).toBeCloseTo(A[0], 9);
    expect((s + n) / 2).toBeCloseTo(A[1], 6);
    // 600 m of latitude, plus the tiny padding circleBBox adds on each side.
    expect(n - s).toBeCloseTo((600 / 6371008.8) * (180 / Math.PI), 5);
  });
});

describe('defectRowsByObject', () => {
  it('lists the rows of each object and skips unlinked defects', () => {
    const d = columns([
      { object: 'S1', state: 'reported', found: '2019-09-01' },
      { state: 'reported', found: '2019-09-01' },
      { object: 'S2', state: 'reported', found: '2019-09-01' },
      { object: 'S1', state: 'closed', found: '2019-09-01' },
    ]);
    expect([...defectRowsByObject(d)]).toEqual([
      ['S1', [0, 3]],
      ['S2', [2]],
    ]);
  });
});

describe('geometryBBox', () => {
  it('boxes lines and polygons, and is null when empty', () => {
    expect(
      geometryBBox({
        type: 'LineString',
        coordinates: [
          [1, 5],
          [3, 2],
        ],
      }),
    ).toEqual([1, 2, 3, 5]);
    expect(
      geometryBBox({
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [0, 0],
              [2, 1],
              [1, 3],
              [0, 0],
            ],
          ],
        ],
      }),
    ).toEqual([0, 0, 2, 3]);
    expect(geometryBBox({ type: 'LineString', coordinates: [] })).toBeNull();
  });
});

describe('zonesByAnchor', () => {
  it('lists the zones each anchor is the centre of, at the radius of the result, and nothing for a non-anchor', () => {
    const input = emptyInput({
      communities: fc([feat(pt(A), obj('C1'))]),
      compounds: fc([feat(pt(destination(A, 50, 0)), obj('K1'))]),
    });
    const byAnchor = zonesByAnchor(computeEngine(input, { radiusOverrides: { R300: 450 } }));
    expect(byAnchor.get('C1')!.map((z) => [z.id, z.ruleId, z.radiusM])).toEqual([['R300:C1', 'R300', 450]]);
    expect(byAnchor.has('K1')).toBe(false);
  });
});
