/** What the user clicked: one object (by kind and id) or one defect marker. */
import type { StateCreator } from 'zustand';
import type { ObjectKind } from '@/campaign/types';
import type { AppState } from './store';

export type SelectionKind = ObjectKind | 'defect';

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
