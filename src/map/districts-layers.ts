/**
 * The roll-up page's map of district boundaries: each district filled by its share of the largest value of the
 * chosen figure (light to dark red), grey without data, outlined and named. Plain data, like layers.ts.
 */
import type { StyleSpecification } from 'maplibre-gl';
import { LABEL_FONT } from './style';

export const DISTRICTS_SOURCE = 'districts';
/** One point per district for its name (a boundary of many islands would repeat it on each). */
export const DISTRICT_LABELS_SOURCE = 'district-labels';

/** Properties of each boundary feature the page hands in; `share` is null for a district without data. */
export interface DistrictMapProps {
  adcode: string;
  name: string;
  share: number | null;
}

const NO_DATA_COLOR = '#d4d4d8';

export function districtsStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {
      [DISTRICTS_SOURCE]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
      [DISTRICT_LABELS_SOURCE]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
    },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': '#cfe3f1' } },
      {
        id: 'district-fill',
        type: 'fill',
        source: DISTRICTS_SOURCE,
        paint: {
          'fill-color': [
            'case',
            ['==', ['get', 'share'], null],
            NO_DATA_COLOR,
            ['interpolate', ['linear'], ['get', 'share'], 0, '#fef3c7', 0.5, '#f97316', 1, '#991b1b'],
          ],
          'fill-opacity': 0.85,
        },
      },
      {
        id: 'district-outline',
        type: 'line',
        source: DISTRICTS_SOURCE,
        paint: { 'line-color': '#1f2937', 'line-width': 1.2 },
      },
      {
        id: 'district-name',
        type: 'symbol',
        source: DISTRICT_LABELS_SOURCE,
        layout: { 'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': 14 },
        paint: { 'text-color': '#111827', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
      },
    ],
  };
}
