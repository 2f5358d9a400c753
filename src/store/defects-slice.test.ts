import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Campaign } from '@/campaign/types';
import type { LoadedDataset } from '@/dataset/read';
import { createAppStore } from './store';

const campaign = JSON.parse(readFileSync(new URL('../../data/campaign.json', import.meta.url), 'utf8')) as Campaign;
const dataset: LoadedDataset = { manifest: null, data: { campaign }, errors: [] };

describe('defects slice', () => {
  it('keeps the filter in canonical form once the campaign is loaded', () => {
    const store = createAppStore();
    store.getState().setDataset(dataset);
    store.getState().setDefectFilter({ states: ['closed', 'reported', 'closed'], taskForces: [], overdueOnly: false });
    expect(store.getState().defectFilter).toEqual({ states: ['reported', 'closed'] });
  });

  it('patches single fields and removes a field set to undefined', () => {
    const store = createAppStore();
    store.getState().setDataset(dataset);
    store.getState().patchDefectFilter({ taskForces: ['TF3', 'TF1'], staleDays: 14 });
    store.getState().patchDefectFilter({ staleDays: undefined, overdueOnly: true });
    expect(store.getState().defectFilter).toEqual({ taskForces: ['TF1', 'TF3'], overdueOnly: true });
  });

  it('refuses an unknown code once the campaign is known', () => {
    const store = createAppStore();
    store.getState().setDataset(dataset);
    expect(() => store.getState().setDefectFilter({ taskForces: ['TF99'] })).toThrow('unknown code "TF99"');
  });

  it('keeps a filter as given before the campaign is loaded', () => {
    const store = createAppStore();
    store.getState().setDefectFilter({ states: ['closed', 'reported'] });
    expect(store.getState().defectFilter).toEqual({ states: ['closed', 'reported'] });
  });
});
