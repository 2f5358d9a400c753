/**
 * Field mode: where the inspector is (from the phone's location, a tap on the map, or a chosen town seat or
 * community), whether the map is waiting for that tap, the shortlist they ticked in the near-me list, and the
 * walking order planned through it from their position (src/field/route.ts). The route is re-planned whenever
 * the position or the shortlist changes, so the map and the field sheet never show a stale order.
 */
import type { StateCreator } from 'zustand';
import type { LngLat } from '@/campaign/types';
import { planRoute } from '@/field/route';
import type { AppState } from './store';

/** How the position was set: the device's location, a tap on the map, or a named place from the data. */
export type PositionSource = 'device' | 'picked' | 'place';

export interface FieldPosition {
  lngLat: LngLat;
  /** Radius of 68 % confidence in metres (the Geolocation API's `accuracy`); null for a place set by hand. */
  accuracyM: number | null;
  source: PositionSource;
  /** The town seat or community chosen, when `source` is 'place'. */
  placeName?: string;
}

/** Where asking the device for its location stands; the failures are the Geolocation API's three error codes. */
export type GeoStatus = 'idle' | 'locating' | 'ok' | 'denied' | 'unavailable' | 'timeout' | 'unsupported';

/** One stop an inspector ticked: a defect or an object, with the name shown and its position (WGS-84). */
export interface RouteStop {
  /** `defect:<id>` or `<kind>:<id>`, as in the near-me list. */
  key: string;
  name: string;
  lngLat: LngLat;
}

export interface PlannedRoute {
  start: LngLat;
  /** The shortlist in walking order. */
  stops: RouteStop[];
  /** Straight-line legs: start → stop 1, …, last stop → start. */
  legsM: number[];
  totalM: number;
}

export interface FieldSlice {
  position: FieldPosition | null;
  geoStatus: GeoStatus;
  /** The next tap on the map sets the position instead of selecting. */
  pickingPosition: boolean;
  shortlist: RouteStop[];
  route: PlannedRoute | null;
  setPosition: (position: FieldPosition | null) => void;
  setGeoStatus: (status: GeoStatus) => void;
  setPickingPosition: (picking: boolean) => void;
  /** Adds the stop, or removes it when its key is already on the shortlist. */
  toggleShortlist: (stop: RouteStop) => void;
  clearShortlist: () => void;
}

export const createFieldSlice: StateCreator<AppState, [], [], FieldSlice> = (set) => ({
  position: null,
  geoStatus: 'idle',
  pickingPosition: false,
  shortlist: [],
  route: null,
  setPosition: (position) => set((s) => ({ position, pickingPosition: false, route: routeFor(position, s.shortlist) })),
  setGeoStatus: (geoStatus) => set({ geoStatus }),
  setPickingPosition: (pickingPosition) => set({ pickingPosition }),
  toggleShortlist: (stop) =>
    set((s) => {
      const shortlist = s.shortlist.some((x) => x.key === stop.key)
        ? s.shortlist.filter((x) => x.key !== stop.key)
        : [...s.shortlist, stop];
      return { shortlist, route: routeFor(s.position, shortlist) };
    }),
  clearShortlist: () => set({ shortlist: [], route: null }),
});

function routeFor(position: FieldPosition | null, shortlist: RouteStop[]): PlannedRoute | null {
  if (!position || shortlist.length === 0) return null;
  const { order, legsM, totalM } = planRoute(
    position.lngLat,
    shortlist.map((s) => s.lngLat),
  );
  return { start: position.lngLat, stops: order.map((i) => shortlist[i]), legsM, totalM };
}
