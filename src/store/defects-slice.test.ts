import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BBox, Campaign } from '@/campaign/types';
import type { LoadedDataset } from '@/dataset/read';
import type { DefectColumns } from '@/dataset/types';
import { selectMarkersCurrent } from './defects-slice';
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

  it('knows when the markers drawn answer the current data, filter, date and view', () => {
    const store = createAppStore();
    const defects = { count: 0 } as DefectColumns;
    store.getState().setDataset({ ...dataset, data: { campaign, defects } });
    const markers = { type: 'FeatureCollection' as const, features: [] };
    const view = { center: [122.1, 30] as [number, number], zoom: 12, bbox: [122, 29.9, 122.2, 30.1] as BBox };
    store.getState().setSettledView(view);
    expect(selectMarkersCurrent(store.getState())).toBe(false);
    const { defectFilter } = store.getState();
    store
      .getState()
      .setDefectMarkers(markers, { columns: defects, filter: defectFilter, asOfDate: campaign.asOfDate, view });
    expect(selectMarkersCurrent(store.getState())).toBe(true);
    store.getState().patchDefectFilter({ overdueOnly: true });
    expect(selectMarkersCurrent(store.getState())).toBe(false);
    const filter = store.getState().defectFilter;
    store.getState().setDefectMarkers(markers, { columns: defects, filter, asOfDate: campaign.asOfDate, view });
    expect(selectMarkersCurrent(store.getState())).toBe(true);
    store.getState().setSettledView({ ...view });
    expect(selectMarkersCurrent(store.getState())).toBe(false);
    // A failed worker is not waited for.
    store.getState().failDefects('defects worker failed');
    expect(selectMarkersCurrent(store.getState())).toBe(true);
  });

  it('has nothing to wait for without a defects file', () => {
    const store = createAppStore();
    store.getState().setDataset(dataset);
    expect(selectMarkersCurrent(store.getState())).toBe(true);
  });
});
