/** A small valid ingested model for the dataset tests (not sample data: hand-made, two of each). */
import type { IngestedData } from '../ingest/ingest';
import { objectLayersOf, type BoundaryFeature } from './types';

const point = (lng: number, lat: number) => ({ type: 'Point' as const, coordinates: [lng, lat] });
const base = (id: string, name: string) => ({
  id,
  name,
  subdistrict: '330902002',
  unit: 'U-CG',
  lastInspected: null,
  sample: false,
});

/** A small district boundary (a triangle inside the campaign bbox); the refresh tests write it as boundary.geojson. */
export function smallBoundary(): BoundaryFeature {
  return {
    type: 'Feature',
    properties: { name: '定海区', adcode: '330902' },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [122.0, 30.0],
          [122.2, 30.0],
          [122.2, 30.1],
          [122.0, 30.0],
        ],
      ],
    },
  };
}

export function smallModel(): IngestedData {
  return {
    boundary: smallBoundary(),
    land: { type: 'FeatureCollection', features: [] },
    divisions: [{ code: '330902002', name: '昌国街道', level: 'township', parentCode: '330902', type: '街道' }],
    ...objectLayersOf({}, { type: 'FeatureCollection', features: [] }),
    communities: {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: point(122.1234567891, 30.02),
          properties: { ...base('C1', '西安社区'), code: '330902002001' },
        },
      ],
    },
    markets: {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: point(122.11, 30.03), properties: { ...base('M1', '东门菜场'), builtUp: true } },
      ],
    },
    streets: {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: {
            type: 'LineString',
            coordinates: [
              [122.1, 30.02],
              [122.11, 30.03],
            ],
          },
          properties: { ...base('S1', '和宁巷'), streetClass: 'back', onRoute: false },
        },
      ],
    },
    defects: [
      {
        id: 'D2',
        lngLat: [122.1000004, 30.02],
        taskForce: 'TF2',
        category: 'TF2-14',
        state: 'closed',
        unit: 'U-ZHZF',
        subdistrict: '330902002',
        object: 'S1',
        found: '2019-09-01',
        deadline: '2019-09-10',
        updated: '2019-09-05',
        description: '小广告',
        photos: [],
        sample: false,
        history: [
          { date: '2019-09-01', from: null, to: 'reported', unit: 'U-CJB' },
          { date: '2019-09-05', from: 'reported', to: 'closed', unit: 'U-ZHZF' },
        ],
      },
      {
        id: 'D1',
        lngLat: [122.11, 30.03],
        taskForce: 'TF3',
        category: 'TF3-02',
        state: 'reported',
        unit: 'U-SCJG',
        subdistrict: '330902002',
        object: null,
        found: '2019-09-12',
        deadline: '2019-09-20',
        updated: '2019-09-12',
        description: '',
        photos: ['a.jpg'],
        sample: false,
        history: [{ date: '2019-09-12', from: null, to: 'reported', unit: 'U-CJB' }],
      },
    ],
    visits: [
      {
        community: 'C1',
        households: 10,
        visited: 8,
        questionnaires: 6,
        satisfaction: 0.8333,
        stairwells: 2,
        stairwellHeads: 2,
        sample: false,
      },
    ],
    declarations: [],
    attribution: [{ name: 'GeoNames', source: 'https://www.geonames.org', licence: 'CC BY 4.0' }],
    sample: false,
  };
}
