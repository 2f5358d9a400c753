import { describe, expect, it } from 'vitest';
import type { CompoundFC } from '@/dataset/types';
import type { ObjectStatus, RuleResult } from '@/geo/types';
import { EMPTY_FC, stateChanges, zoneFeatures } from './features';

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

describe('stateChanges', () => {
  it('gives each object its state the first time, and the objects the engine did not rate none', () => {
    const drawn = new Map();
    expect(stateChanges(compounds, { C1: status('C1', 'overdue', 3) }, drawn)).toEqual([
      { id: 'C1', state: 'overdue' },
    ]);
    expect(drawn.get('C1')).toBe('overdue');
    expect(drawn.has('C2')).toBe(false);
  });

  it('sends only the objects whose state changed since the last call', () => {
    const drawn = new Map();
    stateChanges(compounds, { C1: status('C1', 'overdue', 3), C2: status('C2', 'clean', 0) }, drawn);
    const next = { C1: status('C1', 'overdue', 2), C2: status('C2', 'reported', 1) };
    expect(stateChanges(compounds, next, drawn)).toEqual([{ id: 'C2', state: 'reported' }]);
    expect(stateChanges(compounds, next, drawn)).toEqual([]);
  });

  it('clears the state of objects the engine no longer rates (a new run, or no answer yet)', () => {
    const drawn = new Map();
    stateChanges(compounds, { C1: status('C1', 'overdue', 3) }, drawn);
    expect(stateChanges(compounds, null, drawn)).toEqual([{ id: 'C1', state: null }]);
  });
});

describe('zoneFeatures', () => {
  it('is empty for a rule without zones or without a result', () => {
    expect(zoneFeatures(undefined)).toBe(EMPTY_FC);
    expect(zoneFeatures({ geometry: null } as RuleResult)).toBe(EMPTY_FC);
  });
});
