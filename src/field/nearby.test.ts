import { describe, expect, it } from 'vitest';
import { haversineM } from '../geo/geodesy';
import { formatDistance, nearest, placesFromCoords, representativePoint } from './nearby';

describe('nearest', () => {
  const coords = [122.11, 30.02, 122.101, 30.02, 122.1, 30.03, 122.2, 30.1];
  const places = placesFromCoords(
    coords,
    [0, 1, 2],
    (r) => `defect:D-${r}`,
    (r) => r,
  );

  it('sorts the selected rows by straight-line distance from the origin, with the distance', () => {
    const out = nearest([122.1, 30.02], places);
    expect(out.map((p) => p.item)).toEqual([1, 0, 2]);
    expect(out[0].distanceM).toBeCloseTo(haversineM([122.1, 30.02], [122.101, 30.02]), 9);
    expect(out[0].distanceM).toBeGreaterThan(90);
    expect(out[0].distanceM).toBeLessThan(100);
  });

  it('leaves out rows that were not selected and keeps the limit', () => {
    expect(nearest([122.1, 30.02], places, 2).map((p) => p.key)).toEqual(['defect:D-1', 'defect:D-0']);
  });

  it('orders equal distances by key', () => {
    const twins = [
      { key: 'b', lngLat: [122.1, 30.03] as [number, number], item: 'b' },
      { key: 'a', lngLat: [122.1, 30.03] as [number, number], item: 'a' },
    ];
    expect(nearest([122.1, 30.02], twins).map((p) => p.key)).toEqual(['a', 'b']);
  });

  it('refuses a position that is not a number', () => {
    expect(() => nearest([Number.NaN, 30], places)).toThrow(/finite/);
  });
});

describe('formatDistance', () => {
  it('gives metres under a kilometre and kilometres with one decimal above', () => {
    expect(formatDistance(87.4)).toEqual({ value: '87', unit: 'm' });
    expect(formatDistance(999.4)).toEqual({ value: '999', unit: 'm' });
    expect(formatDistance(1234)).toEqual({ value: '1.2', unit: 'km' });
  });
});

describe('representativePoint', () => {
  it('keeps a point, takes a street’s middle vertex and a compound outline’s mean', () => {
    expect(representativePoint({ type: 'Point', coordinates: [122.1, 30.02] })).toEqual([122.1, 30.02]);
    expect(
      representativePoint({
        type: 'LineString',
        coordinates: [
          [122.1, 30.0],
          [122.2, 30.0],
          [122.3, 30.0],
        ],
      }),
    ).toEqual([122.2, 30.0]);
    const square = [
      [122.0, 30.0],
      [122.2, 30.0],
      [122.2, 30.2],
      [122.0, 30.2],
      [122.0, 30.0],
    ];
    const p = representativePoint({ type: 'Polygon', coordinates: [square] });
    expect(p?.[0]).toBeCloseTo(122.1, 9);
    expect(p?.[1]).toBeCloseTo(30.1, 9);
  });

  it('gives null for nothing to walk to', () => {
    expect(representativePoint(null)).toBeNull();
    expect(representativePoint({ type: 'LineString', coordinates: [] })).toBeNull();
  });
});
