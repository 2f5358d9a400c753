/**
 * The basemap as plain style data. The offline basemap is drawn from our own data (sea, island land, district
 * outline) so the map works with no tile server; online raster basemaps sit above it, hidden until chosen, so
 * when their tiles fail the offline land still shows through. The style has no `glyphs` URL: MapLibre then
 * draws every label locally with the browser's fonts (TinySDF), Chinese included.
 */
import type { FeatureCollection } from 'geojson';
import type { BasemapId } from '@/store/view-slice';
import type { LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';

/** Font stack for locally drawn labels; the first installed family wins (Noto CJK on Debian, system fonts elsewhere). */
export const LABEL_FONT = ['Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', 'sans-serif'];

export const BASE_SOURCE = { land: 'land', boundary: 'boundary' } as const;

export const SEA_COLOR = '#cfe3f1';
export const LAND_COLOR = '#f4f1ea';
const LAND_EDGE_COLOR = '#c9c2b0';
const BOUNDARY_COLOR = '#7c3aed';

const EMPTY_FC: FeatureCollection = { type: 'FeatureCollection', features: [] };

interface RasterBasemap {
  id: Exclude<BasemapId, 'offline'>;
  /** Raster layers drawn in this order, each with its own source. */
  layers: { id: string; source: SourceSpecification }[];
}

/**
 * The online raster basemaps on offer: OpenStreetMap always, Tianditu (天地图, vector map + Chinese annotation,
 * Web Mercator) only with a key. Tianditu and OSM are both in WGS-84/CGCS2000, like our data.
 */
export function rasterBasemaps(tiandituKey: string | null): RasterBasemap[] {
  const osm: RasterBasemap = {
    id: 'osm',
    layers: [
      {
        id: 'osm',
        source: {
          type: 'raster',
          tiles: ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'],
          tileSize: 256,
          maxzoom: 19,
          attribution: '© OpenStreetMap contributors',
        },
      },
    ],
  };
  if (!tiandituKey) return [osm];
  const tianditu = (layer: 'vec' | 'cva'): SourceSpecification => ({
    type: 'raster',
    tiles: [0, 1, 2, 3, 4, 5, 6, 7].map(
      (n) =>
        `https://t${n}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}` +
        `&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(tiandituKey)}`,
    ),
    tileSize: 256,
    maxzoom: 18,
    attribution: '天地图 © 国家地理信息公共服务平台',
  });
  return [
    osm,
    {
      id: 'tianditu',
      layers: [
        { id: 'tianditu-vec', source: tianditu('vec') },
        { id: 'tianditu-cva', source: tianditu('cva') },
      ],
    },
  ];
}

/**
 * The base style: sea, land, the raster basemaps (hidden), the district outline. Data layers (src/map/layers.ts)
 * are appended after these.
 */
export function buildBaseStyle(options: { tiandituKey: string | null; basemap: BasemapId }): StyleSpecification {
  const rasters = rasterBasemaps(options.tiandituKey);
  const sources: Record<string, SourceSpecification> = {
    [BASE_SOURCE.land]: { type: 'geojson', data: EMPTY_FC },
    [BASE_SOURCE.boundary]: { type: 'geojson', data: EMPTY_FC },
  };
  const rasterLayers: LayerSpecification[] = [];
  for (const basemap of rasters) {
    for (const layer of basemap.layers) {
      sources[layer.id] = layer.source;
      rasterLayers.push({
        id: layer.id,
        type: 'raster',
        source: layer.id,
        layout: { visibility: basemap.id === options.basemap ? 'visible' : 'none' },
      });
    }
  }
  return {
    version: 8,
    sources,
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': SEA_COLOR } },
      { id: 'land', type: 'fill', source: BASE_SOURCE.land, paint: { 'fill-color': LAND_COLOR } },
      {
        id: 'land-edge',
        type: 'line',
        source: BASE_SOURCE.land,
        paint: { 'line-color': LAND_EDGE_COLOR, 'line-width': 0.6 },
      },
      ...rasterLayers,
      {
        id: 'boundary',
        type: 'line',
        source: BASE_SOURCE.boundary,
        paint: {
          'line-color': BOUNDARY_COLOR,
          'line-width': ['interpolate', ['linear'], ['zoom'], 9, 1.2, 14, 2.5],
          'line-dasharray': [3, 2],
        },
      },
    ],
  };
}

/** Ids of the raster layers that make up `basemap` (none for the offline one). */
export function rasterLayerIds(basemap: BasemapId, tiandituKey: string | null): string[] {
  return rasterBasemaps(tiandituKey)
    .filter((b) => b.id === basemap)
    .flatMap((b) => b.layers.map((l) => l.id));
}

/** Which basemap a raster source belongs to, for tile-error fallback. */
export function basemapOfSource(sourceId: string, tiandituKey: string | null): BasemapId | null {
  return rasterBasemaps(tiandituKey).find((b) => b.layers.some((l) => l.id === sourceId))?.id ?? null;
}
