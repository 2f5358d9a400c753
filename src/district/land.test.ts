import type { Feature, Polygon } from 'geojson';
import { expect, test } from 'vitest';
import { landShare } from './land';

const box = (w: number, s: number, e: number, n: number): Feature<Polygon> => ({
  type: 'Feature',
  properties: {},
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ],
  },
});

test('landShare is the share of the boundary’s area on the land polygons, overlaps counted once', () => {
  const boundary = box(122, 30, 122.2, 30.2);
  const west = box(121.9, 29.9, 122.1, 30.3);
  const overlapping = box(122.05, 29.9, 122.1, 30.3);
  expect(landShare(boundary, { type: 'FeatureCollection', features: [west, overlapping] })).toBeCloseTo(0.5, 2);
  expect(landShare(boundary, { type: 'FeatureCollection', features: [box(122.3, 30, 122.4, 30.1)] })).toBe(0);
  expect(landShare(boundary, { type: 'FeatureCollection', features: [] })).toBe(0);
  expect(landShare(boundary, { type: 'FeatureCollection', features: [box(121, 29, 123, 31)] })).toBeCloseTo(1, 6);
});
