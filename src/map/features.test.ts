import { describe, expect, it } from 'vitest';
import type { CompoundFC } from '@/dataset/types';
import type { ObjectStatus, RuleResult } from '@/geo/types';
import { EMPTY_FC, withStatus, zoneFeatures } from './features';

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

describe('zoneFeatures', () => {
  it('is empty for a rule without zones or without a result', () => {
    expect(zoneFeatures(undefined)).toBe(EMPTY_FC);
    expect(zoneFeatures({ geometry: null } as RuleResult)).toBe(EMPTY_FC);
  });
});
