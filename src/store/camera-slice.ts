/**
 * The camera as the rest of the app needs it: where the map came to rest after a gesture (`settledView`, set
 * on MapLibre's `moveend`, not per frame) for the defect markers and the shareable URL, and a one-off request to
 * jump somewhere exact (`cameraRequest`, e.g. the view a shared link names). The live camera stays in MapLibre.
 */
import type { StateCreator } from 'zustand';
import type { BBox, LngLat } from '@/campaign/types';
import type { AppState } from './store';

export interface SettledView {
  center: LngLat;
  zoom: number;
  /** `[west, south, east, north]` of the visible map. */
  bbox: BBox;
}

export interface CameraRequest {
  center: LngLat;
  zoom: number;
  /** Asking twice for the same place jumps again. */
  seq: number;
}

export interface CameraSlice {
  settledView: SettledView | null;
  cameraRequest: CameraRequest | null;
  setSettledView: (view: SettledView) => void;
  /** Throws on a centre outside WGS-84 or a zoom outside 0…24. */
  requestCamera: (center: LngLat, zoom: number) => void;
}

export const createCameraSlice: StateCreator<AppState, [], [], CameraSlice> = (set) => ({
  settledView: null,
  cameraRequest: null,
  setSettledView: (settledView) => set({ settledView }),
  requestCamera: (center, zoom) => {
    const [lng, lat] = center;
    if (!(Math.abs(lng) <= 180 && Math.abs(lat) <= 90)) {
      throw new Error(`camera centre must be [lng, lat] in degrees, got ${JSON.stringify(center)}`);
    }
    if (!(zoom >= 0 && zoom <= 24)) throw new Error(`camera zoom must be 0…24, got ${zoom}`);
    set((s) => ({ cameraRequest: { center, zoom, seq: (s.cameraRequest?.seq ?? 0) + 1 } }));
  },
});
