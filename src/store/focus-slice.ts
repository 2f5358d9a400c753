/**
 * Camera requests from the panels: "show me this zone". The camera itself stays uncontrolled in the map; a panel
 * only asks, and the map (MapSync) flies there once per request. `seq` makes asking twice for the same place
 * fly again after the user has panned away.
 */
import type { StateCreator } from 'zustand';
import type { BBox } from '@/campaign/types';
import type { AppState } from './store';

export interface FocusRequest {
  /** `[west, south, east, north]` to fit in view. */
  bbox: BBox;
  seq: number;
}

export interface FocusSlice {
  focus: FocusRequest | null;
  focusOn: (bbox: BBox) => void;
}

export const createFocusSlice: StateCreator<AppState, [], [], FocusSlice> = (set) => ({
  focus: null,
  focusOn: (bbox) => {
    if (!bbox.every(Number.isFinite) || bbox[0] > bbox[2] || bbox[1] > bbox[3]) {
      throw new Error(`focus bbox must be finite [west, south, east, north], got ${JSON.stringify(bbox)}`);
    }
    set((s) => ({ focus: { bbox, seq: (s.focus?.seq ?? 0) + 1 } }));
  },
});
