/**
 * Defect histories (defect-history.json, src/dataset/details.ts) for the views that replay them: the red-black
 * list, the weekly series and report, the mock inspection. Loaded once per data set, after the map is ready and
 * only when such a view asks (useHistories), so no first load waits for them.
 */
import type { StateCreator } from 'zustand';
import type { DefectHistories } from '@/dataset/details';
import type { DatasetLoadError, LoadedDataset } from '@/dataset/read';
import type { AppState } from './store';

export type HistoriesState =
  | { status: 'idle' }
  | { status: 'loading'; dataset: LoadedDataset }
  | { status: 'done'; dataset: LoadedDataset; histories: DefectHistories }
  | { status: 'error'; dataset: LoadedDataset; error: DatasetLoadError };

export interface DetailsSlice {
  histories: HistoriesState;
  setHistories: (histories: HistoriesState) => void;
}

export const createDetailsSlice: StateCreator<AppState, [], [], DetailsSlice> = (set) => ({
  histories: { status: 'idle' },
  setHistories: (histories) => set({ histories }),
});
