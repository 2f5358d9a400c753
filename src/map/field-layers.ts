/**
 * The field-mode layers, drawn above everything else: today's route as a line with a numbered circle per stop,
 * and "you are here" as a blue ring inside its accuracy circle (no heading: we have no compass). Plain typed
 * data; FieldOverlay adds them to the map and pushes their data.
 */
import type { Feature, FeatureCollection, LineString, Point, Polygon } from 'geojson';
import type {
  CircleLayerSpecification,
  FillLayerSpecification,
  LineLayerSpecification,
  SymbolLayerSpecification,
} from 'maplibre-gl';
import { circlePolygon } from '@/geo/geodesy';
import type { FieldPosition, PlannedRoute } from '@/store/field-slice';
import { LABEL_FONT } from './style';

export const FIELD_SOURCE = { position: 'field-position', route: 'field-route' } as const;

const POSITION_BLUE = '#2563eb';
const ROUTE_COLOR = '#7c3aed';

export const FIELD_LAYERS: (
  FillLayerSpecification | LineLayerSpecification | CircleLayerSpecification | SymbolLayerSpecification
)[] = [
  {
    id: 'field-route-line',
    type: 'line',
    source: FIELD_SOURCE.route,
    filter: ['==', ['geometry-type'], 'LineString'],
    layout: { 'line-join': 'round', 'line-cap': 'round' },
    paint: { 'line-color': ROUTE_COLOR, 'line-width': 4, 'line-opacity': 0.85, 'line-dasharray': [2, 1] },
  },
  {
    id: 'field-accuracy',
    type: 'fill',
    source: FIELD_SOURCE.position,
    filter: ['==', ['geometry-type'], 'Polygon'],
    paint: { 'fill-color': POSITION_BLUE, 'fill-opacity': 0.12, 'fill-outline-color': POSITION_BLUE },
  },
  {
    id: 'field-route-stops',
    type: 'circle',
    source: FIELD_SOURCE.route,
    filter: ['==', ['geometry-type'], 'Point'],
    paint: {
      'circle-radius': 11,
      'circle-color': ROUTE_COLOR,
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 2,
    },
  },
  {
    id: 'field-route-numbers',
    type: 'symbol',
    source: FIELD_SOURCE.route,
    filter: ['==', ['geometry-type'], 'Point'],
    layout: {
      'text-field': ['to-string', ['get', 'n']],
      'text-font': LABEL_FONT,
      'text-size': 13,
      'text-allow-overlap': true,
      'text-ignore-placement': true,
    },
    paint: { 'text-color': '#ffffff' },
  },
  {
    id: 'field-position-dot',
    type: 'circle',
    source: FIELD_SOURCE.position,
    filter: ['==', ['geometry-type'], 'Point'],
    // A ring, not a filled dot: a 新问题 recorded where the inspector stands puts its defect exactly here, and
    // it must show through.
    paint: {
      'circle-radius': 11,
      'circle-color': POSITION_BLUE,
      'circle-opacity': 0.15,
      'circle-stroke-color': POSITION_BLUE,
      'circle-stroke-width': 3.5,
    },
  },
];

/** The dot and, when the position came from the device, its accuracy circle. */
export function positionFeatures(position: FieldPosition | null): FeatureCollection<Point | Polygon> {
  if (!position) return { type: 'FeatureCollection', features: [] };
  const features: Feature<Point | Polygon>[] = [];
  if (position.accuracyM !== null && position.accuracyM > 0)
    features.push({ type: 'Feature', geometry: circlePolygon(position.lngLat, position.accuracyM), properties: {} });
  features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: position.lngLat }, properties: {} });
  return { type: 'FeatureCollection', features };
}

/** The loop start → stops → start as one line, and each stop numbered 1, 2, … in walking order. */
export function routeFeatures(route: PlannedRoute | null): FeatureCollection<LineString | Point> {
  if (!route) return { type: 'FeatureCollection', features: [] };
  const line: Feature<LineString> = {
    type: 'Feature',
    geometry: { type: 'LineString', coordinates: [route.start, ...route.stops.map((s) => s.lngLat), route.start] },
    properties: {},
  };
  const stops = route.stops.map((s, i): Feature<Point> => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: s.lngLat },
    properties: { n: i + 1, key: s.key },
  }));
  return { type: 'FeatureCollection', features: [line, ...stops] };
}
