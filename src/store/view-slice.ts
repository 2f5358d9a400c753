/**
 * View settings: language, which layers and zones are drawn, the basemap, and the "today" the figures are
 * computed for. Camera and hover are deliberately not here: they change every frame and live in the map.
 */
import type { StateCreator } from 'zustand';
import { mapDataKeys, OBJECT_DATA_KEYS, type ObjectDataKey } from '@/campaign/object-kinds';
import type { IsoDate } from '@/campaign/types';
/** UI language: zh-CN first, English as the switch. */
export type Lang = 'zh' | 'en';
import type { AppState } from './store';

export type ObjectLayerKey = ObjectDataKey | 'defects';

export const OBJECT_LAYER_KEYS: ObjectLayerKey[] = [...OBJECT_DATA_KEYS, 'defects'];

export type BasemapId = 'offline' | 'osm' | 'tianditu';

/** How zones (and streets) are coloured: by their rule (the plan's colours) or by the ranking's priority score. */
export type ZoneShading = 'rule' | 'priority';

export interface ViewSlice {
  lang: Lang;
  layerVisible: Record<ObjectLayerKey, boolean>;
  /** Zone visibility by rule id; a rule not listed is visible. */
  zoneHidden: Record<string, boolean>;
  basemap: BasemapId;
  /** Set when an online basemap failed and the map fell back to the offline one. */
  basemapFailed: BasemapId | null;
  /** The "today" chosen by the user; null means the data's own as-of date. */
  todayOverride: IsoDate | null;
  /** The data check page (数据体检, the refresh's import report) is shown over the workspace (`?view=check`). */
  checkOpen: boolean;
  /** Zones and streets by priority (the default: the map answers "where first") or by rule (`?shade=rule`). */
  zoneShading: ZoneShading;
  setLang: (lang: Lang) => void;
  setLayerVisible: (layer: ObjectLayerKey, visible: boolean) => void;
  setZoneVisible: (ruleId: string, visible: boolean) => void;
  setBasemap: (basemap: BasemapId) => void;
  /** Falls back to the offline basemap and remembers which one failed, so the UI can say so. */
  failBasemap: (basemap: BasemapId) => void;
  setTodayOverride: (date: IsoDate | null) => void;
  /** Opening the data check closes any report view, so one page is over the map at a time. */
  setCheckOpen: (open: boolean) => void;
  setZoneShading: (shading: ZoneShading) => void;
}

export const createViewSlice: StateCreator<AppState, [], [], ViewSlice> = (set, get) => ({
  lang: 'zh',
  layerVisible: { ...mapDataKeys(() => true), defects: true },
  zoneHidden: {},
  basemap: 'offline',
  basemapFailed: null,
  todayOverride: null,
  checkOpen: false,
  zoneShading: 'priority',
  setLang: (lang) => set({ lang }),
  setLayerVisible: (layer, visible) => set((s) => ({ layerVisible: { ...s.layerVisible, [layer]: visible } })),
  setZoneVisible: (ruleId, visible) => set((s) => ({ zoneHidden: { ...s.zoneHidden, [ruleId]: !visible } })),
  setBasemap: (basemap) => set({ basemap, basemapFailed: null }),
  failBasemap: (basemap) => {
    // A late tile error from a basemap the user already left must not override their new choice.
    if (get().basemap !== basemap) return;
    set({ basemap: 'offline', basemapFailed: basemap });
  },
  setTodayOverride: (todayOverride) => set({ todayOverride }),
  setCheckOpen: (checkOpen) => set(checkOpen ? { checkOpen, docView: null } : { checkOpen }),
  setZoneShading: (zoneShading) => set({ zoneShading }),
});
