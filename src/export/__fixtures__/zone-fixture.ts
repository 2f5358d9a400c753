/**
 * A small hand-made data set and engine answer for the export tests. The EngineResult is a test input written by
 * hand (two zones of R300 that overlap on one compound, one R500 zone holding a street), not a product result.
 * Names include the hostile strings every format must carry safely.
 */
import type { Feature, FeatureCollection, LineString, Point, Polygon } from 'geojson';
import campaignJson from '../../../data/campaign.json';
import type { Campaign } from '../../campaign/types';
import {
  objectLayersOf,
  type CommunityFC,
  type CompoundFC,
  type CompoundProps,
  type MarketFC,
  type StreetFC,
} from '../../dataset/types';
import type { EngineResult } from '../../geo/types';
import { indexObjects } from '../objects';
import type { ExportContext } from '../zone-rows';

export const campaign = campaignJson as unknown as Campaign;

export const HOSTILE = {
  formula: '=HYPERLINK("http://evil.example","点我")',
  plus: '+SUM(A1:A9)',
  html: '<script>alert("x")</script><img src=x onerror=alert(1)>',
  mixed: 'He said "hi", then\nleft ]]> & \'quoted\'\ttab',
  minus: '-2+3',
  at: '@cmd',
} as const;

const base = { lastInspected: '2019-09-10', sample: true } as const;

export const communities: CommunityFC = {
  type: 'FeatureCollection',
  features: [
    pt([122.1, 30.02], {
      id: 'C-001',
      name: '东管庙社区',
      subdistrict: '330902002',
      unit: 'U-CG',
      code: '330902002001',
      ...base,
    }),
    pt([122.103, 30.021], {
      id: 'C-002',
      name: HOSTILE.html,
      subdistrict: '330902003',
      unit: 'U-HN',
      code: '330902003001',
      ...base,
    }),
  ],
};

export const markets: MarketFC = {
  type: 'FeatureCollection',
  features: [
    pt([122.11, 30.015], {
      id: 'M-001',
      name: '西门菜场',
      subdistrict: '330902002',
      unit: 'U-SCJG',
      builtUp: true,
      ...base,
    }),
  ],
};

const square: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [122.1, 30.02],
      [122.102, 30.02],
      [122.102, 30.022],
      [122.1, 30.022],
      [122.1, 30.02],
    ],
  ],
};

export const compounds: CompoundFC = {
  type: 'FeatureCollection',
  features: [
    pt([122.101, 30.0205], {
      id: 'K-001',
      name: '和平小区',
      subdistrict: '330902002',
      unit: 'U-CG',
      households: 120,
      ...base,
    }) as Feature<Point, CompoundProps>,
    {
      type: 'Feature',
      geometry: square,
      properties: {
        id: 'K-002',
        name: HOSTILE.formula,
        subdistrict: '330902002',
        unit: 'U-CG',
        ...base,
        lastInspected: null,
      },
    },
    pt([122.102, 30.0212], {
      id: 'K-003',
      name: HOSTILE.mixed,
      subdistrict: '330902003',
      unit: 'U-HN',
      ...base,
    }) as Feature<Point, CompoundProps>,
  ],
};

const line: LineString = {
  type: 'LineString',
  coordinates: [
    [122.108, 30.015],
    [122.11, 30.015],
    [122.11, 30.017],
  ],
};

export const streets: StreetFC = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      geometry: line,
      properties: {
        id: 'S-001',
        name: HOSTILE.plus,
        subdistrict: '330902002',
        unit: 'U-ZHZF',
        streetClass: 'back',
        onRoute: false,
        ...base,
      },
    },
  ],
};

const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };

export const objects = indexObjects(objectLayersOf({ communities, markets, compounds, streets }, empty));

const figures = {
  objects: 0,
  inspectedRecently: 0,
  neverInspected: 0,
  stale: 0,
  openByState: {},
  openDefects: 0,
  overdue: 0,
  reopened: 0,
  closed: 0,
  verifiedShare: null,
  streetLengthM: 0,
  streetInspectedLengthM: 0,
  priority: 0,
  priorityUnits: 1,
  reasons: [],
};

export const engine: EngineResult = {
  asOfDate: '2019-09-12',
  rules: [
    {
      ruleId: 'R500',
      radiusM: 500,
      zones: [
        {
          id: 'R500:M-001',
          ruleId: 'R500',
          anchorId: 'M-001',
          anchorName: '西门菜场',
          anchorKind: 'market',
          subdistrict: '330902002',
          center: [122.11, 30.015],
          radiusM: 500,
        },
      ],
      geometry: null,
      circles: { type: 'FeatureCollection', features: [] },
      memberships: [
        {
          ruleId: 'R500',
          objectId: 'S-001',
          kind: 'street',
          distanceM: 0,
          insideLengthM: 414.6,
          anchors: [
            { zoneId: 'R500:M-001', anchorId: 'M-001', anchorName: '西门菜场', distanceM: 0, insideLengthM: 414.63 },
          ],
        },
      ],
      figures,
      zoneFigures: [],
    },
    {
      ruleId: 'R300',
      radiusM: 300,
      zones: [
        {
          id: 'R300:C-001',
          ruleId: 'R300',
          anchorId: 'C-001',
          anchorName: '东管庙社区',
          anchorKind: 'community',
          subdistrict: '330902002',
          center: [122.1, 30.02],
          radiusM: 300,
        },
        {
          id: 'R300:C-002',
          ruleId: 'R300',
          anchorId: 'C-002',
          anchorName: HOSTILE.html,
          anchorKind: 'community',
          subdistrict: '330902003',
          center: [122.103, 30.021],
          radiusM: 300,
        },
      ],
      geometry: null,
      circles: { type: 'FeatureCollection', features: [] },
      memberships: [
        {
          ruleId: 'R300',
          objectId: 'K-001',
          kind: 'compound',
          distanceM: 105.04,
          anchors: [
            { zoneId: 'R300:C-001', anchorId: 'C-001', anchorName: '东管庙社区', distanceM: 105.04 },
            { zoneId: 'R300:C-002', anchorId: 'C-002', anchorName: HOSTILE.html, distanceM: 202.55 },
          ],
        },
        {
          ruleId: 'R300',
          objectId: 'K-002',
          kind: 'compound',
          distanceM: 0,
          anchors: [{ zoneId: 'R300:C-001', anchorId: 'C-001', anchorName: '东管庙社区', distanceM: 0 }],
        },
        {
          ruleId: 'R300',
          objectId: 'K-003',
          kind: 'compound',
          distanceM: 103.2,
          anchors: [{ zoneId: 'R300:C-002', anchorId: 'C-002', anchorName: HOSTILE.html, distanceM: 103.2 }],
        },
      ],
      figures,
      zoneFigures: [],
    },
  ],
  status: {
    'K-001': {
      objectId: 'K-001',
      kind: 'compound',
      state: 'overdue',
      openDefects: 3,
      overdue: 1,
      reopened: 0,
      lastInspected: '2019-09-10',
      stale: false,
    },
    'K-002': {
      objectId: 'K-002',
      kind: 'compound',
      state: 'neverInspected',
      openDefects: 0,
      overdue: 0,
      reopened: 0,
      lastInspected: null,
      stale: true,
    },
    'K-003': {
      objectId: 'K-003',
      kind: 'compound',
      state: 'awaiting_recheck',
      openDefects: 1,
      overdue: 0,
      reopened: 0,
      lastInspected: '2019-09-11',
      stale: false,
    },
    'S-001': {
      objectId: 'S-001',
      kind: 'street',
      state: 'clean',
      openDefects: 0,
      overdue: 0,
      reopened: 0,
      lastInspected: '2019-09-01',
      stale: false,
    },
  },
};

export function context(sample = true): ExportContext {
  return {
    campaign,
    objects,
    engine,
    meta: { asOfDate: '2019-09-12', sample, generatedAt: new Date('2019-09-12T01:30:00Z') },
  };
}

function pt<P>(coordinates: [number, number], properties: P): Feature<Point, P> {
  return { type: 'Feature', geometry: { type: 'Point', coordinates }, properties };
}
