/** What the user clicked: one object (by kind and id), one defect marker, or one zone (by zone id, `R300:C1`). */
import type { StateCreator } from 'zustand';
import type { ObjectKind } from '@/campaign/types';
import type { AppState } from './store';

export type SelectionKind = ObjectKind | 'defect' | 'zone';

export interface Selection {
  kind: SelectionKind;
  id: string;
}

export interface SelectionSlice {
  selection: Selection | null;
  select: (selection: Selection) => void;
  clearSelection: () => void;
}

export const createSelectionSlice: StateCreator<AppState, [], [], SelectionSlice> = (set) => ({
  selection: null,
  select: (selection) => set({ selection }),
  clearSelection: () => set({ selection: null }),
});
