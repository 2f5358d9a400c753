import type { Feature, Polygon } from 'geojson';
import { describe, expect, test } from 'vitest';
import { boundaryExtent, boundaryInWgs84, geojsonFeatures, pickFeature } from './boundary';

const square = (adcode: number | string, name: string, [x, y]: number[] = [122.1, 30.1]): Feature<Polygon> => ({
  type: 'Feature',
  properties: { adcode, name },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [x, y],
        [x + 0.1, y],
        [x + 0.1, y + 0.1],
        [x, y + 0.1],
        [x, y],
      ],
    ],
  },
});

describe('geojsonFeatures', () => {
  test('reads a FeatureCollection, a Feature and DataV’s bare array alike', () => {
    const f = square(330921, '岱山县');
    expect(geojsonFeatures({ type: 'FeatureCollection', features: [f] })).toEqual([f]);
    expect(geojsonFeatures(f)).toEqual([f]);
    expect(geojsonFeatures([f])).toEqual([f]);
  });

  test('refuses anything else, and an empty file', () => {
    expect(() => geojsonFeatures({ type: 'Polygon' })).toThrow('expected a FeatureCollection');
    expect(() => geojsonFeatures([])).toThrow('holds no feature');
    expect(() => geojsonFeatures([{ type: 'Polygon' }])).toThrow('feature 0 is not a GeoJSON Feature');
  });
});

describe('pickFeature', () => {
  const two = [square(330921, '岱山县'), square('330922', '嵊泗县')];

  test('takes the only feature without a pick', () => {
    expect(pickFeature([two[0]])).toBe(two[0]);
  });

  test('picks by adcode (number or text) or by name', () => {
    expect(pickFeature(two, '330921')).toBe(two[0]);
    expect(pickFeature(two, '嵊泗县')).toBe(two[1]);
    expect(pickFeature(two, '３３０９２２')).toBe(two[1]);
  });

  test('lists the choices when the pick is missing, unknown or ambiguous', () => {
    expect(() => pickFeature(two)).toThrow('choose one with --pick: 330921 岱山县, 330922 嵊泗县');
    expect(() => pickFeature(two, '定海区')).toThrow("no feature has adcode or name '定海区'; the file holds: 330921");
    expect(() => pickFeature([...two, square(330923, '岱山县')], '岱山县')).toThrow('2 features match');
  });
});

describe('boundaryInWgs84 and boundaryExtent', () => {
  test('converts GCJ-02 to WGS-84 (about 450 m west and 250 m north here) and keeps only adcode and name', () => {
    const wgs = boundaryInWgs84(square(330921, '岱山县'), 'gcj02', '330921', '岱山县');
    expect(wgs.properties).toEqual({ adcode: '330921', name: '岱山县' });
    const [lng, lat] = (wgs.geometry as Polygon).coordinates[0][0];
    expect(lng).toBeCloseTo(122.1 - 0.0047, 3);
    expect(lat).toBeCloseTo(30.1 + 0.0023, 3);
  });

  test('rounds the bbox outwards, so every vertex is inside it, with the centre inside too', () => {
    const f = boundaryInWgs84(square(330921, '岱山县', [122.123456789, 30.987654321]), 'wgs84', '330921', '岱山县');
    const { bbox, center } = boundaryExtent(f);
    expect(bbox).toEqual([122.12345, 30.98765, 122.22346, 31.08766]);
    expect(center).toEqual([122.17346, 31.03765]);
  });

  test('refuses a geometry that is not a polygon', () => {
    const line: Feature = {
      type: 'Feature',
      properties: {},
      geometry: {
        type: 'LineString',
        coordinates: [
          [0, 0],
          [1, 1],
        ],
      },
    };
    expect(() => boundaryInWgs84(line, 'wgs84', '330921', 'x')).toThrow(
      'not usable: LineString where Polygon or MultiPolygon',
    );
  });
});
