import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Campaign } from '@/campaign/types';
import type { LoadedDataset } from '@/dataset/read';
import type { DefectColumns } from '@/dataset/types';
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

  it('closes the cluster list when the filter changes: the listed cluster is no longer drawn', () => {
    const store = createAppStore();
    store.getState().setDataset(dataset);
    const list = { count: 3, rows: new Uint32Array([1, 4, 9]), columns: {} as DefectColumns };
    store.getState().showClusterList(list);
    expect(store.getState().clusterList).toBe(list);
    store.getState().patchDefectFilter({ overdueOnly: true });
    expect(store.getState().clusterList).toBeNull();
    store.getState().showClusterList(list);
    store.getState().clearDefectFilter();
    expect(store.getState().clusterList).toBeNull();
    store.getState().showClusterList(list);
    store.getState().closeClusterList();
    expect(store.getState().clusterList).toBeNull();
  });
});
