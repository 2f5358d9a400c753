import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dayFromIso } from '@/campaign/dates';
import type { Campaign } from '@/campaign/types';
import type { CompoundFC, DefectColumns } from '@/dataset/types';
import type { ObjectStatus, RuleResult } from '@/geo/types';
import { defectFeatures, EMPTY_FC, withStatus, zoneFeatures } from './features';

const campaign = JSON.parse(readFileSync('data/campaign.json', 'utf8')) as Campaign;

const compounds: CompoundFC = {
  type: 'FeatureCollection',
  features: ['C1', 'C2'].map((id, i) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [122.1 + i / 100, 30.02] },
    properties: { id, name: id, subdistrict: '330902002', unit: 'U-CG', lastInspected: null, sample: true },
  })),
};

const status = (objectId: string, state: ObjectStatus['state'], openDefects: number): ObjectStatus => ({
  objectId,
  kind: 'compound',
  state,
  openDefects,
  overdue: 0,
  reopened: 0,
  lastInspected: null,
  stale: true,
});

describe('withStatus', () => {
  it('joins state and open defects by id and leaves objects the engine did not rate alone', () => {
    const out = withStatus(compounds, { C1: status('C1', 'overdue', 3) });
    expect(out.features[0].properties).toMatchObject({ id: 'C1', state: 'overdue', openDefects: 3 });
    expect(out.features[1].properties).not.toHaveProperty('state');
    expect(compounds.features[0].properties).not.toHaveProperty('state');
  });

  it('returns the input itself before the engine has answered', () => {
    expect(withStatus(compounds, null)).toBe(compounds);
  });
});

describe('defectFeatures', () => {
  const defects: DefectColumns = {
    count: 3,
    tables: {
      taskForce: ['TF1'],
      category: ['TF1-01'],
      state: ['in_progress', 'awaiting_recheck'],
      unit: ['U-ZJJ'],
      subdistrict: ['330902002'],
      object: [],
    },
    id: ['D1', 'D2', 'D3'],
    coords: [122.1, 30.01, 122.2, 30.02, 122.3, 30.03],
    taskForce: [0, 0, 0],
    category: [0, 0, 0],
    state: [0, 1, 0],
    unit: [0, 0, 0],
    subdistrict: [0, 0, 0],
    object: [-1, -1, -1],
    found: [dayFromIso('2019-09-01'), dayFromIso('2019-09-01'), dayFromIso('2019-09-01')],
    deadline: [dayFromIso('2019-09-10'), dayFromIso('2019-09-10'), dayFromIso('2019-09-20')],
    updated: [0, 0, 0],
    sample: true,
  };

  it('turns columns into points with decoded codes, in [lng, lat] order', () => {
    const fc = defectFeatures(defects, campaign, dayFromIso('2019-09-05'));
    expect(fc.features).toHaveLength(3);
    expect(fc.features[1].geometry.coordinates).toEqual([122.2, 30.02]);
    expect(fc.features[1].properties).toEqual({
      id: 'D2',
      state: 'awaiting_recheck',
      taskForce: 'TF1',
      category: 'TF1-01',
    });
  });

  it('marks nothing overdue without the campaign that defines the rule', () => {
    const fc = defectFeatures(defects, null, dayFromIso('2019-09-12'));
    expect(fc.features.map((f) => f.properties.state)).toEqual(['in_progress', 'awaiting_recheck', 'in_progress']);
  });

  it('marks a defect overdue past its deadline unless it is already fixed', () => {
    const fc = defectFeatures(defects, campaign, dayFromIso('2019-09-12'));
    expect(fc.features.map((f) => f.properties.state)).toEqual(['overdue', 'awaiting_recheck', 'in_progress']);
  });
});

describe('zoneFeatures', () => {
  it('is empty for a rule without zones or without a result', () => {
    expect(zoneFeatures(undefined)).toBe(EMPTY_FC);
    expect(zoneFeatures({ geometry: null } as RuleResult)).toBe(EMPTY_FC);
  });
});
