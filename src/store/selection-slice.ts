/** What the user clicked: one object (by kind and id), one defect marker, or one zone (by zone id, `R300:C1`). */
import type { StateCreator } from 'zustand';
import type { ObjectKind } from '@/campaign/types';
import { whenIds } from '@/dataset/lazy-ids';
import type { AppState } from './store';

export type SelectionKind = ObjectKind | 'defect' | 'zone';

export interface Selection {
  kind: SelectionKind;
  id: string;
}

export interface SelectionSlice {
  selection: Selection | null;
  /**
   * A defect marker clicked before the ids came (selectDefectRow): its row, until its id selects it; the details
   * panel says the ids are on their way, or that they failed. Any other selection clears it.
   */
  pendingDefectRow: number | null;
  select: (selection: Selection) => void;
  /**
   * Selects the defect at `row` of the loaded table (a marker knows its row, not its id): at once when the ids are
   * in, else once they are (lazy-ids.ts), unless the selection changed meanwhile. Resolves when done.
   */
  selectDefectRow: (row: number) => Promise<void>;
  clearSelection: () => void;
}

export const createSelectionSlice: StateCreator<AppState, [], [], SelectionSlice> = (set, get) => ({
  selection: null,
  pendingDefectRow: null,
  select: (selection) => set({ selection, pendingDefectRow: null }),
  selectDefectRow: async (row) => {
    const ids = get().dataset?.data.defects?.id;
    if (!ids) return;
    const ready = ids.at(row);
    if (ready !== undefined) {
      set({ selection: { kind: 'defect', id: ready }, pendingDefectRow: null });
      return;
    }
    set({ selection: null, pendingDefectRow: row });
    // A failed load stays pending: the details panel and the data banner say what went wrong.
    const loaded = await whenIds(ids).catch(() => null);
    const id = loaded?.at(row);
    if (id !== undefined && get().pendingDefectRow === row && get().dataset?.data.defects?.id === ids)
      set({ selection: { kind: 'defect', id }, pendingDefectRow: null });
  },
  clearSelection: () => set({ selection: null, pendingDefectRow: null }),
});
