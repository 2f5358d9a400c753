/**
 * Keeps the map in step with the store: pushes source data when it changed, sets layer visibility, switches
 * the basemap (falling back to the offline one on tile errors), handles clicks and the hover cursor, keeps the
 * attribution in the current language and raises the ready signal. Renders nothing.
 */
import { useEffect, useRef } from 'react';
import {
  AttributionControl,
  type ErrorEvent,
  type GeoJSONSource,
  type Map as MapLibreMap,
  type MapMouseEvent,
  type PaddingOptions,
} from 'maplibre-gl';
import type { FeatureCollection, Feature, Geometry } from 'geojson';
import { t } from '@/ui/i18n';
import { useAppStore } from '@/store/store';
import { selectMarkersCurrent } from '@/store/defects-slice';
import { findDefectRow, findObject } from '@/store/selectors';
import { useDefectIds } from '@/store/use-defect-ids';
import { useObjectStatus } from '@/store/use-insights';
import { OBJECT_LAYER_KEYS } from '@/store/view-slice';
import { OBJECT_DATA_KEYS } from '@/campaign/object-kinds';
import type { Campaign } from '@/campaign/types';
import type { ObjectState } from '@/geo/types';
import { EMPTY_FC, stateChanges, withPriorityClass, zoneFeatures } from './features';
import { useStreetPriorityClasses } from '@/store/use-priority';
import { PRIORITY_LAYER, priorityColor } from './priority-layers';
import {
  INTERACTIVE_LAYERS,
  OBJECT_LAYERS,
  PENDING_STATE_COLOR,
  SELECTION_SOURCE,
  SOURCE,
  stateColor,
  WITH_STATUS,
  zoneLayerIds,
  zoneSourceId,
} from './layers';
import { useMap } from './map-context';
import { DEFECT_LAYER } from './defect-layers';
import { basemapOfSource, BASE_SOURCE, rasterBasemaps, rasterLayerIds } from './style';
import { escapeHtml } from './attribution';
import { useLocalizedControls } from './control-locale';

declare global {
  interface Window {
    /** True once the map has drawn the style, the data and the current zones (for browser tests). */
    __mapReady?: boolean;
  }
}

/** Failed tiles of the chosen online basemap before falling back: one lost tile is not a dead service. */
const TILE_ERRORS_BEFORE_FALLBACK = 3;

/** Fly-to from a panel: room around the target, no closer than street level, quick enough not to wait for. */
const FOCUS_PADDING_PX = 40;
const FOCUS_MAX_ZOOM = 17;
const FOCUS_DURATION_MS = 800;

/** Pixels around a click that still hit a point or a thin line. */
const CLICK_TOLERANCE_PX = 4;

export function MapSync({ tiandituKey }: { tiandituKey: string | null }) {
  const map = useMap();
  useDataSources(map);
  useVisibility(map);
  useBasemap(map, tiandituKey);
  useInteraction(map);
  useSelectionHighlight(map);
  useFocus(map);
  // Before the attribution: it is added with the tooltips of the language set here.
  useLocalizedControls(map);
  useAttribution(map);
  useReadySignal(map);
  return null;
}

const EMPTY_JSON = JSON.stringify(EMPTY_FC);

function setSourceData(map: MapLibreMap, id: string, data: FeatureCollection | Feature) {
  map.getSource<GeoJSONSource>(id)?.setData(data);
}

/**
 * Pushes each source's data once per change of its inputs (each memo is a new object only then). Objects are
 * coloured by their status under the defect filter (the same scoped figures the ranking uses), the engine's
 * without one.
 */
function useDataSources(map: MapLibreMap) {
  const dataset = useAppStore((s) => s.dataset);
  const result = useAppStore((s) => s.engineResult);
  const data = dataset?.data;
  const status = useObjectStatus();

  // Keyed on each collection, not on the data set: the data set is a new object when the defects arrive after the
  // rest (loadDataset's onBase), and sending unchanged sources again made MapLibre re-tile and re-place them all.
  const land = data?.land;
  const boundary = data?.boundary;
  useEffect(() => setSourceData(map, BASE_SOURCE.land, land ?? EMPTY_FC), [map, land]);
  useEffect(() => setSourceData(map, BASE_SOURCE.boundary, boundary ?? EMPTY_FC), [map, boundary]);

  const streetClasses = useStreetPriorityClasses();
  // Geometry once per collection, one task per source (copying them all to MapLibre's worker in one task made long
  // tasks at 100k defects); the states follow as feature states, only the changed ones on a filter change.
  const drawn = useRef(new Map<string, Map<string, ObjectState | null>>());
  /** The collection last sent per object source, and to which map. */
  const sent = useRef({ map, byKey: new Map<string, unknown>() });
  useEffect(() => {
    if (sent.current.map !== map) {
      sent.current = { map, byKey: new Map() };
      drawn.current = new Map();
    }
    const byKey = sent.current.byKey;
    const timers = new Map<string, ReturnType<typeof setTimeout>>();
    for (const key of OBJECT_DATA_KEYS) {
      const fc = data?.[key];
      if (byKey.has(key) && byKey.get(key) === fc) continue;
      byKey.set(key, fc);
      // Its feature states named the old collection's features: drawn again from nothing.
      drawn.current.delete(SOURCE[key]);
      timers.set(
        key,
        setTimeout(() => {
          timers.delete(key);
          map.removeFeatureState({ source: SOURCE[key] });
          if (key !== 'streets') setSourceData(map, SOURCE[key], fc ?? EMPTY_FC);
        }),
      );
    }
    return () => {
      // A collection whose timer did not run was not sent.
      for (const [key, timer] of timers) {
        clearTimeout(timer);
        byKey.delete(key);
      }
    };
  }, [map, data]);
  // Streets carry their class on the priority scale (`pcls`) in their properties, so they are sent again when the
  // classes change; their inspection states are feature states, which survive setData.
  const streets = data?.streets;
  useEffect(() => {
    const timer = setTimeout(() =>
      setSourceData(map, SOURCE.streets, streets ? withPriorityClass(streets, streetClasses) : EMPTY_FC),
    );
    return () => clearTimeout(timer);
  }, [map, streets, streetClasses]);
  useEffect(() => {
    const timer = setTimeout(() => {
      for (const key of OBJECT_DATA_KEYS) {
        const fc = data?.[key];
        if (!fc || !WITH_STATUS[key]) continue;
        const source = SOURCE[key];
        if (!drawn.current.has(source)) drawn.current.set(source, new Map());
        for (const { id, state } of stateChanges(fc, status, drawn.current.get(source)!))
          map.setFeatureState({ source, id }, { state });
      }
    });
    return () => clearTimeout(timer);
  }, [map, data, status]);

  // Defect markers come from the defects worker (DefectMarkers), not from here.

  const rules = data?.campaign?.zoneRules;
  // Each engine answer is a new object, but a zone's shape changes only with its anchors or radius (not when the
  // defects arrive or the date moves): the same shape is not sent again (a compare costs ~1 ms, MapLibre's
  // re-tiling of it far more).
  const zonesSent = useRef({ map, json: new Map<string, string>() });
  useEffect(() => {
    if (zonesSent.current.map !== map) zonesSent.current = { map, json: new Map() };
    const sentJson = zonesSent.current.json;
    for (const rule of rules ?? []) {
      const id = zoneSourceId(rule.id);
      const fc = zoneFeatures(result?.rules.find((r) => r.ruleId === rule.id));
      const json = JSON.stringify(fc);
      // The style makes every zone source empty: nothing to send until a shape comes.
      if ((sentJson.get(id) ?? EMPTY_JSON) === json) continue;
      sentJson.set(id, json);
      setSourceData(map, id, fc);
    }
  }, [map, rules, result]);
}

function setVisible(map: MapLibreMap, layerId: string, visible: boolean) {
  if (map.getLayer(layerId)) map.setLayoutProperty(layerId, 'visibility', visible ? 'visible' : 'none');
}

/**
 * Layer visibility: the layer panel's toggles, and the zone shading (by rule: the rules' own layers; by priority:
 * the priority layers, whose data leave out hidden rules, and streets in the priority scale).
 */
function useVisibility(map: MapLibreMap) {
  const layerVisible = useAppStore((s) => s.layerVisible);
  const zoneHidden = useAppStore((s) => s.zoneHidden);
  const shading = useAppStore((s) => s.zoneShading);
  const campaign = useAppStore((s) => s.dataset?.data.campaign);
  const rules = campaign?.zoneRules;
  useEffect(() => {
    for (const key of OBJECT_LAYER_KEYS) for (const id of OBJECT_LAYERS[key]) setVisible(map, id, layerVisible[key]);
  }, [map, layerVisible]);
  useEffect(() => {
    const byRule = shading === 'rule';
    for (const rule of rules ?? []) {
      for (const id of zoneLayerIds(rule.id)) setVisible(map, id, byRule && !zoneHidden[rule.id]);
    }
    setVisible(map, PRIORITY_LAYER.fill, !byRule);
    setVisible(map, PRIORITY_LAYER.line, !byRule);
    if (map.getLayer('streets')) {
      map.setPaintProperty('streets', 'line-color', byRule || !campaign ? stateColorOf(campaign) : priorityColor());
    }
  }, [map, rules, zoneHidden, shading, campaign]);
}

function stateColorOf(campaign: Campaign | null | undefined) {
  return campaign ? stateColor(campaign) : PENDING_STATE_COLOR;
}

/** Shows the chosen raster basemap; a tile error from it switches back to the offline basemap. */
function useBasemap(map: MapLibreMap, tiandituKey: string | null) {
  const basemap = useAppStore((s) => s.basemap);
  const failBasemap = useAppStore((s) => s.failBasemap);
  useEffect(() => {
    const shown = new Set(rasterLayerIds(basemap, tiandituKey));
    for (const b of rasterBasemaps(tiandituKey)) for (const l of b.layers) setVisible(map, l.id, shown.has(l.id));
  }, [map, basemap, tiandituKey]);
  useEffect(() => {
    let tileErrors = 0;
    // Tile errors carry the id of the source they came from (MapLibre adds it when bubbling the event up).
    const onError = (e: ErrorEvent & { sourceId?: string }) => {
      const failed = e.sourceId ? basemapOfSource(e.sourceId, tiandituKey) : null;
      if (!failed) {
        console.error(e.error);
        return;
      }
      // Late errors from a basemap the user already left are not counted against the current one.
      if (failed === basemap && ++tileErrors >= TILE_ERRORS_BEFORE_FALLBACK) failBasemap(failed);
    };
    map.on('error', onError);
    return () => {
      map.off('error', onError);
    };
  }, [map, basemap, tiandituKey, failBasemap]);
}

function useInteraction(map: MapLibreMap) {
  useEffect(() => {
    const layers = () => Object.keys(INTERACTIVE_LAYERS).filter((id) => map.getLayer(id));
    const hit = (e: MapMouseEvent) => {
      const { x, y } = e.point;
      const box: [[number, number], [number, number]] = [
        [x - CLICK_TOLERANCE_PX, y - CLICK_TOLERANCE_PX],
        [x + CLICK_TOLERANCE_PX, y + CLICK_TOLERANCE_PX],
      ];
      return map.queryRenderedFeatures(box, { layers: layers() })[0];
    };
    const onClick = (e: MapMouseEvent) => {
      // A tap while picking a position sets the position (FieldOverlay), it does not select.
      if (useAppStore.getState().pickingPosition) return;
      const f = hit(e);
      const id = f?.properties?.id;
      // A defect marker carries its row in the table; its id may still be on its way (lazy-ids.ts).
      const row = f?.properties?.index;
      if (f && f.layer.id === DEFECT_LAYER.points && typeof row === 'number')
        void useAppStore.getState().selectDefectRow(row, useAppStore.getState().defectMarkersFor?.columns);
      else if (f && typeof id === 'string') useAppStore.getState().select({ kind: INTERACTIVE_LAYERS[f.layer.id], id });
      else useAppStore.getState().clearSelection();
    };
    // Hover changes every frame: it stays in the map (cursor style), never in React state, and is looked up at
    // most once per animation frame.
    let frame = 0;
    const onMove = (e: MapMouseEvent) => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        map.getCanvas().style.cursor = hit(e) ? 'pointer' : '';
      });
    };
    map.on('click', onClick);
    map.on('mousemove', onMove);
    return () => {
      cancelAnimationFrame(frame);
      map.off('click', onClick);
      map.off('mousemove', onMove);
    };
  }, [map]);
}

function useSelectionHighlight(map: MapLibreMap) {
  const dataset = useAppStore((s) => s.dataset);
  const selection = useAppStore((s) => s.selection);
  const result = useAppStore((s) => s.engineResult);
  // A selected defect (from a link, say) is found by its id: draw it once the ids are in.
  const ids = useDefectIds(selection?.kind === 'defect');
  useEffect(() => {
    let geometry: Geometry | null = findObject(dataset, selection)?.geometry ?? null;
    if (selection?.kind === 'zone') {
      const circles = result?.rules.flatMap((r) => r.circles.features) ?? [];
      geometry = circles.find((c) => c.properties.zoneId === selection.id)?.geometry ?? null;
    }
    const row = findDefectRow(dataset, selection);
    if (row >= 0 && dataset?.data.defects) {
      const { coords } = dataset.data.defects;
      geometry = { type: 'Point', coordinates: [coords[2 * row], coords[2 * row + 1]] };
    }
    setSourceData(
      map,
      SELECTION_SOURCE,
      geometry ? { type: 'FeatureCollection', features: [{ type: 'Feature', geometry, properties: {} }] } : EMPTY_FC,
    );
  }, [map, dataset, selection, result, ids]);
}

/** Flies to the box a panel asked for (the store's focus request), once per request. */
function useFocus(map: MapLibreMap) {
  const focus = useAppStore((s) => s.focus);
  useEffect(() => {
    if (!focus) return;
    const [w, s, e, n] = focus.bbox;
    map.fitBounds(
      [
        [w, s],
        [e, n],
      ],
      { padding: focusPadding(map), maxZoom: FOCUS_MAX_ZOOM, duration: FOCUS_DURATION_MS },
    );
  }, [map, focus]);
}

/**
 * The focus padding, plus the part of the map a phone's bottom sheet covers (PanelDock's `.dock-sheet`), so the
 * place asked for (the inspector's position, a defect picked in 附近) lands in the map still in view, not under
 * the sheet.
 */
function focusPadding(map: MapLibreMap): PaddingOptions | number {
  const sheet = document.querySelector('.dock-sheet');
  if (!sheet) return FOCUS_PADDING_PX;
  const box = map.getContainer().getBoundingClientRect();
  const covered = box.bottom - sheet.getBoundingClientRect().top;
  // Leave at least half the map's height to show the box in.
  const bottom = Math.min(Math.max(0, covered), box.height / 2);
  if (bottom === 0) return FOCUS_PADDING_PX;
  return { top: FOCUS_PADDING_PX, right: FOCUS_PADDING_PX, left: FOCUS_PADDING_PX, bottom: bottom + FOCUS_PADDING_PX };
}

/** Data credits from the manifest, plus the sample-data note, in the current language (as escaped text). */
function useAttribution(map: MapLibreMap) {
  const lang = useAppStore((s) => s.lang);
  const manifest = useAppStore((s) => s.dataset?.manifest ?? null);
  useEffect(() => {
    const credits = (manifest?.attribution ?? []).map((a) => escapeHtml(`${a.name} (${a.licence})`));
    if (manifest?.sample) credits.unshift(escapeHtml(t(lang, 'sampleAttribution')));
    // Compact and folded to its (i) button from the start: the credits are long and would hide the south of the
    // district; one click (or keyboard) opens them. MapLibre opens a compact control on add, so fold it here the way
    // its own drag handler does.
    const control = new AttributionControl({ compact: true, customAttribution: credits });
    map.addControl(control, 'bottom-right');
    map.getContainer().querySelector('.maplibregl-ctrl-attrib')?.classList.remove('maplibregl-compact-show');
    return () => {
      map.removeControl(control);
    };
  }, [map, lang, manifest]);
}

/**
 * Raises `window.__mapReady` (and the store's `mapReady`) on the first 'idle' after all the data, the current
 * engine result (or its failure) and the defects worker's markers for the current filter and view (or its
 * failure) have been pushed; lowers it while the engine recomputes or the worker answers a filter, a date or a
 * move, so tests and benchmarks that wait for it measure the marker redraw too.
 */
function useReadySignal(map: MapLibreMap) {
  const dataset = useAppStore((s) => s.dataset);
  const engineStatus = useAppStore((s) => s.engineStatus);
  const result = useAppStore((s) => s.engineResult);
  const markersCurrent = useAppStore(selectMarkersCurrent);
  const markers = useAppStore((s) => s.defectMarkers);
  const setMapReady = useAppStore((s) => s.setMapReady);
  useEffect(() => {
    const settled =
      dataset !== null &&
      !dataset.pending?.length &&
      (engineStatus === 'done' || engineStatus === 'error') &&
      markersCurrent;
    window.__mapReady = false;
    setMapReady(false);
    if (!settled) return;
    const onIdle = () => {
      window.__mapReady = true;
      // The first map-ready as a User Timing mark: what was fetched before it is the first load (bench, tests).
      if (performance.getEntriesByName('map-ready').length === 0) performance.mark('map-ready');
      setMapReady(true);
    };
    map.once('idle', onIdle);
    map.triggerRepaint();
    return () => {
      map.off('idle', onIdle);
    };
  }, [map, dataset, engineStatus, result, markersCurrent, markers, setMapReady]);
}
