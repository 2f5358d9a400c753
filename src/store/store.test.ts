import { describe, expect, it } from 'vitest';
import { engineInput } from '@/geo/engine-input';
import type { Campaign } from '@/campaign/types';
import type { LoadedDataset } from '@/dataset/read';
import { campaign, communities, compounds, markets, streets } from '@/export/__fixtures__/zone-fixture';
import { computeEngine } from '@/geo/engine';
import { selectAsOfDate } from './selectors';
import { createAppStore } from './store';
import { LazyIds } from '@/dataset/lazy-ids';
import type { DefectColumns } from '@/dataset/types';

describe('view slice', () => {
  it('starts in Chinese on the offline basemap with every layer shown', () => {
    const s = createAppStore().getState();
    expect(s.lang).toBe('zh');
    expect(s.basemap).toBe('offline');
    expect(Object.values(s.layerVisible).every(Boolean)).toBe(true);
  });

  it('toggles one layer and one rule without touching the others', () => {
    const store = createAppStore();
    store.getState().setLayerVisible('defects', false);
    store.getState().setZoneVisible('R500', false);
    const s = store.getState();
    expect(s.layerVisible.defects).toBe(false);
    expect(s.layerVisible.compounds).toBe(true);
    expect(s.zoneHidden).toEqual({ R500: true });
    s.setZoneVisible('R500', true);
    expect(store.getState().zoneHidden.R500).toBe(false);
  });

  it('falls back to the offline basemap and says which one failed', () => {
    const store = createAppStore();
    store.getState().setBasemap('osm');
    store.getState().failBasemap('osm');
    expect(store.getState().basemap).toBe('offline');
    expect(store.getState().basemapFailed).toBe('osm');
    store.getState().setBasemap('tianditu');
    expect(store.getState().basemapFailed).toBeNull();
  });

  it('ignores a late tile error from a basemap the user already left', () => {
    const store = createAppStore();
    store.getState().setBasemap('osm');
    store.getState().setBasemap('tianditu');
    store.getState().failBasemap('osm');
    expect(store.getState().basemap).toBe('tianditu');
    expect(store.getState().basemapFailed).toBeNull();
  });
});

describe('what-if slice', () => {
  it('sets and resets a radius per rule', () => {
    const store = createAppStore();
    store.getState().setRadius('R500', 650);
    store.getState().setRadius('R300', 250);
    expect(store.getState().radiusOverrides).toEqual({ R500: 650, R300: 250 });
    store.getState().resetRadius('R500');
    expect(store.getState().radiusOverrides).toEqual({ R300: 250 });
  });

  it('keeps the same object when resetting a rule that has no override', () => {
    const store = createAppStore();
    const before = store.getState().radiusOverrides;
    store.getState().resetRadius('R1000');
    expect(store.getState().radiusOverrides).toBe(before);
  });

  it.each([0, -5, 9.9, 20_001, 1e308, Number.NaN, Number.POSITIVE_INFINITY])('refuses radius %s', (r) => {
    const store = createAppStore();
    expect(() => store.getState().setRadius('R300', r)).toThrow('must be a number of metres from 10 to 20000');
    expect(store.getState().radiusOverrides).toEqual({});
  });

  it('drops the radius of a rule a data reload no longer has, so the zones still compute', () => {
    const loaded = (c: Campaign): LoadedDataset => ({
      manifest: null,
      data: { campaign: c, communities, markets, compounds, streets },
      errors: [],
    });
    const store = createAppStore();
    store.getState().setDataset(loaded(campaign));
    store.getState().setRadius('R300', 400);
    store.getState().setRadius('R500', 650);
    // The refresh renamed R300.
    const renamed = {
      ...campaign,
      zoneRules: campaign.zoneRules.map((r) => (r.id === 'R300' ? { ...r, id: 'R300X' } : r)),
    };
    store.getState().setDataset(loaded(renamed));
    const s = store.getState();
    expect(s.radiusOverrides).toEqual({ R500: 650 });
    const result = computeEngine(engineInput(s.dataset!.data)!, { radiusOverrides: s.radiusOverrides });
    expect(result.rules.map((r) => [r.ruleId, r.radiusM])).toEqual([
      ['R300X', 300],
      ['R500', 650],
      ['R1000', 1000],
    ]);
  });

  it('keeps the same overrides object when a reload changes none of them', () => {
    const store = createAppStore();
    const loaded: LoadedDataset = { manifest: null, data: { campaign }, errors: [] };
    store.getState().setDataset(loaded);
    store.getState().setRadius('R300', 400);
    const before = store.getState().radiusOverrides;
    store.getState().setDataset({ ...loaded });
    expect(store.getState().radiusOverrides).toBe(before);
  });
});

describe('selection and data slices', () => {
  it('selects and clears', () => {
    const store = createAppStore();
    store.getState().select({ kind: 'compound', id: 'C-1' });
    expect(store.getState().selection).toEqual({ kind: 'compound', id: 'C-1' });
    store.getState().clearSelection();
    expect(store.getState().selection).toBeNull();
  });

  /** A store holding defects whose ids come when `release` is called (or fail with `fail`). */
  function withLazyIds(ids: string[]) {
    let release!: () => void;
    let fail!: (e: Error) => void;
    const lazy = new LazyIds(
      ids.length,
      () => new Promise((resolve, reject) => ((release = () => resolve(ids)), (fail = reject))),
    );
    const store = createAppStore();
    store
      .getState()
      .setDataset({ manifest: null, errors: [], data: { defects: { id: lazy } as unknown as DefectColumns } });
    return { store, lazy, release: () => release(), fail: (e: Error) => fail(e) };
  }

  it('selects a clicked marker by its row once the ids are in, pending until then', async () => {
    const { store, release } = withLazyIds(['D1', 'D2']);
    const done = store.getState().selectDefectRow(1);
    expect(store.getState()).toMatchObject({ selection: null, pendingDefectRow: 1 });
    release();
    await done;
    expect(store.getState()).toMatchObject({ selection: { kind: 'defect', id: 'D2' }, pendingDefectRow: null });
    // Ids in: at once.
    void store.getState().selectDefectRow(0);
    expect(store.getState().selection).toEqual({ kind: 'defect', id: 'D1' });
  });

  it('drops a pending marker click when something else is selected before the ids come', async () => {
    const { store, release } = withLazyIds(['D1', 'D2']);
    const done = store.getState().selectDefectRow(1);
    store.getState().select({ kind: 'compound', id: 'C-1' });
    release();
    await done;
    expect(store.getState()).toMatchObject({ selection: { kind: 'compound', id: 'C-1' }, pendingDefectRow: null });
  });

  it('ignores a marker of another table, and a reload drops a pending click', async () => {
    const { store, release } = withLazyIds(['D1', 'D2']);
    await store.getState().selectDefectRow(1, { id: ['X1', 'X2'] } as unknown as DefectColumns);
    expect(store.getState()).toMatchObject({ selection: null, pendingDefectRow: null });
    const done = store.getState().selectDefectRow(1);
    store.getState().setDataset({ manifest: null, errors: [], data: {} });
    release();
    await done;
    expect(store.getState()).toMatchObject({ selection: null, pendingDefectRow: null });
  });

  it('keeps the click pending when the ids fail, so the panel can say so', async () => {
    const { store, lazy, fail } = withLazyIds(['D1']);
    const done = store.getState().selectDefectRow(0);
    fail(new Error('content does not match manifest.json'));
    await done;
    expect(store.getState()).toMatchObject({ selection: null, pendingDefectRow: 0 });
    expect(lazy.error).toBe('content does not match manifest.json');
  });

  it('marks the map not ready while the engine recomputes, and keeps the last result until the new one', () => {
    const store = createAppStore();
    const result = { asOfDate: '2019-09-12', rules: [], status: {} };
    store.getState().finishEngine(result);
    store.getState().setMapReady(true);
    store.getState().startEngine();
    expect(store.getState().mapReady).toBe(false);
    expect(store.getState().engineStatus).toBe('computing');
    expect(store.getState().engineResult).toBe(result);
    store.getState().failEngine('boom');
    expect(store.getState()).toMatchObject({ engineStatus: 'error', engineError: 'boom' });
  });
});

describe('selectAsOfDate', () => {
  const dataset = (manifestDate: string | null, campaignDate: string) =>
    ({
      manifest: manifestDate ? { asOfDate: manifestDate } : null,
      data: { campaign: { asOfDate: campaignDate } },
      errors: [],
    }) as unknown as LoadedDataset;

  it('is null before the data are loaded', () => {
    expect(selectAsOfDate(createAppStore().getState())).toBeNull();
  });

  it("defaults to the manifest's as-of date, then the campaign's, and yields to the user's choice", () => {
    const store = createAppStore();
    store.getState().setDataset(dataset('2019-09-12', '2019-09-01'));
    expect(selectAsOfDate(store.getState())).toBe('2019-09-12');
    store.getState().setDataset(dataset(null, '2019-09-01'));
    expect(selectAsOfDate(store.getState())).toBe('2019-09-01');
    store.getState().setTodayOverride('2019-10-01');
    expect(selectAsOfDate(store.getState())).toBe('2019-10-01');
    store.getState().setTodayOverride(null);
    expect(selectAsOfDate(store.getState())).toBe('2019-09-01');
  });
});
