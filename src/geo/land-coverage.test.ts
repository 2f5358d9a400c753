import { area, featureCollection } from '@turf/turf';
import type { Position } from 'geojson';
import { describe, expect, test } from 'vitest';
import type { BoundaryFeature, LandFC } from '../dataset/types';
import { buildLandIndex, pointOnLand } from './land';
import { checkLandCoverage, nearestLandM, type LandAnchor } from './land-coverage';

const square = (w: number, s: number, e: number, n: number): Position[][] => [
  [
    [w, s],
    [e, s],
    [e, n],
    [w, n],
    [w, s],
  ],
];
const ISLAND = square(122.0, 29.8, 122.1, 29.9);
const boundary: BoundaryFeature = {
  type: 'Feature',
  properties: { name: '测试区', adcode: '330903' },
  geometry: { type: 'Polygon', coordinates: ISLAND },
};
/** Land that stops at 29.85 N, halfway up the island (as the bundled land file stops short of Putuo). */
const cut: LandFC = featureCollection([
  { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: square(121.99, 29.85, 122.11, 29.91) } },
]);
const seat = (lngLat: [number, number]): LandAnchor => ({
  name: '六横镇',
  kindLabel: 'town seat',
  lngLat,
  rules: [{ id: 'R1000', radiusM: 1000 }],
  file: 'town-seats.geojson',
  location: 'feature 0',
});
const files = { landFile: 'land.geojson', boundaryFile: 'boundary.geojson' };

describe('checkLandCoverage', () => {
  test('merges the boundary polygon with the land it overlaps, so land stays one disjoint polygon', () => {
    const { land, warnings } = checkLandCoverage(cut, boundary, [seat([122.05, 29.82])], files);
    expect(warnings.map((w) => w.message)).toEqual([
      "50 % of the district boundary's area is not covered by this land (more than 20 %): zones of rules that clip " +
        'to land are empty there; use land that covers the district',
      'town seat 六横镇 is 3.3 km from the nearest land in land.geojson (its 1 km zone would be empty): the district ' +
        "boundary's polygon around it is used as land (boundary.geojson polygon 1)",
    ]);
    expect(land.features).toHaveLength(1);
    const expected = area(featureCollection([boundary, ...cut.features])) - area(boundary) / 2;
    expect(area(land) / expected).toBeCloseTo(1, 3);
    const index = buildLandIndex(land);
    expect(pointOnLand(index, 122.05, 29.82)).toBe(true);
    expect(pointOnLand(index, 122.105, 29.905)).toBe(true);
    expect(pointOnLand(index, 122.105, 29.82)).toBe(false);
  });

  test('an anchor on land, and land that covers the boundary, give no warning and the same land', () => {
    const whole: LandFC = featureCollection([{ type: 'Feature', properties: {}, geometry: boundary.geometry }]);
    const r = checkLandCoverage(whole, boundary, [seat([122.05, 29.82])], files);
    expect(r).toEqual({ land: whole, warnings: [] });
  });

  test('an anchor off the land and outside the boundary keeps the land as it is', () => {
    const r = checkLandCoverage(cut, null, [seat([122.05, 29.845])], files);
    expect(r.land).toBe(cut);
    expect(r.warnings.map((w) => w.message)).toEqual([
      'town seat 六横镇 is 556 m from the nearest land: its 1 km zone is land only from 556 m out',
    ]);
  });

  test('nearestLandM: metres to the nearest coast edge, Infinity without land', () => {
    expect(nearestLandM(buildLandIndex(cut), [122.05, 29.84])).toBeCloseTo(1112, -1);
    expect(nearestLandM(buildLandIndex(featureCollection([])), [122.05, 29.84])).toBe(Infinity);
  });
});
