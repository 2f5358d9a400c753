/**
 * The browser bench's anchor: the least a page can do to show the district as the app does — MapLibre with the
 * app's offline basemap (sea, land, district outline, from src/map/style.ts) and the town seats with their Chinese
 * labels drawn locally — and nothing else (no React, no zone engine, no defects). Built by browser.bench.ts into
 * `bare/` beside the app and served with the same data; sets window.__mapReady when its data is drawn and the map
 * is idle, as the app does. `?bbox=w,s,e,n` gives the initial view (the bench passes the campaign's district bbox,
 * which the app opens on).
 */
import { Map as MapLibreMap, setWorkerUrl, type GeoJSONSource, type LngLatBoundsLike } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { FeatureCollection } from 'geojson';
import { BASE_SOURCE, buildBaseStyle, LABEL_FONT } from '../../../src/map/style';

declare global {
  interface Window {
    __mapReady?: boolean;
    __map?: MapLibreMap;
  }
}

setWorkerUrl(maplibreWorkerUrl);

const DATA = '../data/';
const bbox = new URLSearchParams(window.location.search).get('bbox')?.split(',').map(Number);
const bounds = (bbox?.length === 4 ? bbox : [121.8, 29.9, 122.3, 30.25]) as LngLatBoundsLike;

const fetches = ['land.geojson', 'boundary.geojson', 'townSeats.geojson'].map((f) =>
  fetch(DATA + f).then((r) => {
    if (!r.ok) throw new Error(`${f}: HTTP ${r.status}`);
    return r.json() as Promise<FeatureCollection>;
  }),
);

const style = buildBaseStyle({ tiandituKey: null, basemap: 'offline' });
style.sources.townSeats = { type: 'geojson', data: { type: 'FeatureCollection', features: [] } };
style.layers.push(
  {
    id: 'townSeats',
    type: 'circle',
    source: 'townSeats',
    paint: { 'circle-color': '#059669', 'circle-radius': 6, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5 },
  },
  {
    id: 'townSeats-label',
    type: 'symbol',
    source: 'townSeats',
    minzoom: 8,
    layout: {
      'text-field': ['get', 'name'],
      'text-font': LABEL_FONT,
      'text-size': 14,
      'text-offset': [0, 0.9],
      'text-anchor': 'top',
      'text-optional': true,
    },
    paint: { 'text-color': '#1f2937', 'text-halo-color': '#ffffff', 'text-halo-width': 1.4 },
  },
);

const map = new MapLibreMap({
  container: 'map',
  style,
  bounds,
  fitBoundsOptions: { padding: 24 },
  attributionControl: false,
  localIdeographFontFamily: false,
});
window.__map = map;

map.on('load', () => {
  void Promise.all(fetches).then(([land, boundary, seats]) => {
    (map.getSource(BASE_SOURCE.land) as GeoJSONSource).setData(land);
    (map.getSource(BASE_SOURCE.boundary) as GeoJSONSource).setData(boundary);
    (map.getSource('townSeats') as GeoJSONSource).setData(seats);
    map.once('idle', () => {
      window.__mapReady = true;
    });
  });
});
