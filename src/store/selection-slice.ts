/** What the user clicked: one object (by kind and id), one defect marker, or one zone (by zone id, `R300:C1`). */
import type { StateCreator } from 'zustand';
import type { ObjectKind } from '@/campaign/types';
import { idsReady, whenIds } from '@/dataset/lazy-ids';
import type { DefectColumns } from '@/dataset/types';
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
   * in, else once they are (lazy-ids.ts), unless the selection or the data set changed meanwhile; with `columns`
   * (the table the marker was made from), nothing when that is not the loaded one. Resolves when done.
   */
  selectDefectRow: (row: number, columns?: DefectColumns) => Promise<void>;
  clearSelection: () => void;
}

export const createSelectionSlice: StateCreator<AppState, [], [], SelectionSlice> = (set, get) => ({
  selection: null,
  pendingDefectRow: null,
  select: (selection) => set({ selection, pendingDefectRow: null }),
  selectDefectRow: async (row, columns) => {
    const defects = get().dataset?.data.defects;
    // A marker of an older data set (drawn until the new one's markers come) names a row of that set.
    if (!defects || (columns && columns !== defects)) return;
    const ids = defects.id;
    if (idsReady(ids)) {
      const id = ids.at(row);
      set(
        id === undefined ? { pendingDefectRow: null } : { selection: { kind: 'defect', id }, pendingDefectRow: null },
      );
      return;
    }
    set({ selection: null, pendingDefectRow: row });
    // A failed load stays pending: the details panel and the data banner say what went wrong.
    const loaded = await whenIds(ids).catch(() => null);
    if (!loaded || get().pendingDefectRow !== row || get().dataset?.data.defects !== defects) return;
    const id = loaded.at(row);
    set(id === undefined ? { pendingDefectRow: null } : { selection: { kind: 'defect', id }, pendingDefectRow: null });
  },
  clearSelection: () => set({ selection: null, pendingDefectRow: null }),
});
