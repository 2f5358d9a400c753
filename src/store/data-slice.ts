/**
 * The loaded data set and the zone engine's latest result. Written by the app's data pipeline (src/app), read
 * by the map and the panels. Large objects are replaced, never mutated, so selectors can compare by reference.
 */
import type { StateCreator } from 'zustand';
import { pruneOverrides } from '@/campaign/what-if';
import type { EngineResult } from '@/geo/types';
import type { LoadedDataset } from '@/dataset/read';
import type { AppState } from './store';

export type EngineStatus = 'idle' | 'computing' | 'done' | 'error';

export interface DataSlice {
  loading: boolean;
  dataset: LoadedDataset | null;
  engineStatus: EngineStatus;
  engineResult: EngineResult | null;
  engineError: string | null;
  /** The map has drawn the data and the zones of the latest result (see src/map/ready-signal). */
  mapReady: boolean;
  /** The map could not be made (no WebGL): what waits for map-ready (after-map-ready.tsx) loads anyway. */
  mapFailed: boolean;
  /**
   * Takes a (re)loaded data set. What-if radii of rules its campaign no longer has, or out of range, are dropped in
   * the same update, so the engine never runs the new data with them. Without a campaign they are kept (nothing
   * runs, and a later good load checks them).
   */
  setDataset: (dataset: LoadedDataset) => void;
  startEngine: () => void;
  finishEngine: (result: EngineResult) => void;
  failEngine: (message: string) => void;
  setMapReady: (ready: boolean) => void;
  setMapFailed: (failed: boolean) => void;
}

export const createDataSlice: StateCreator<AppState, [], [], DataSlice> = (set) => ({
  loading: true,
  dataset: null,
  engineStatus: 'idle',
  engineResult: null,
  engineError: null,
  mapReady: false,
  mapFailed: false,
  setDataset: (dataset) =>
    set((s) => {
      const campaign = dataset.data.campaign;
      const radiusOverrides = campaign ? pruneOverrides(s.radiusOverrides, campaign).overrides : s.radiusOverrides;
      // A marker clicked in the old data set names a row of it, not of this one (selection-slice.ts).
      return { dataset, loading: false, radiusOverrides, pendingDefectRow: null };
    }),
  startEngine: () => set({ engineStatus: 'computing', engineError: null, mapReady: false }),
  finishEngine: (engineResult) => set({ engineStatus: 'done', engineResult, engineError: null }),
  failEngine: (engineError) => set({ engineStatus: 'error', engineError }),
  setMapReady: (mapReady) => set({ mapReady }),
  setMapFailed: (mapFailed) => set({ mapFailed }),
});
