/**
 * The roll-up page's map of district boundaries: each district filled by its share of the largest value of the
 * chosen figure (light to dark red), grey without data, and outlined. Plain data, like layers.ts. The names are
 * links placed over the map (DistrictsMap), so they can be reached with the keyboard.
 */
import type { StyleSpecification } from 'maplibre-gl';

export const DISTRICTS_SOURCE = 'districts';
/** The layer a click opens a district from. */
export const DISTRICT_FILL_LAYER = 'district-fill';

/** Properties of each boundary feature the page hands in; `share` is null for a district without data. */
export interface DistrictMapProps {
  adcode: string;
  name: string;
  share: number | null;
}

/** One point per district for its name link (a boundary of many islands would repeat a symbol on each). */
export interface DistrictLabelProps {
  adcode: string;
  name: string;
  /** The district's address on the site, as in the roll-up table. */
  href: string;
}

const NO_DATA_COLOR = '#d4d4d8';

export function districtsStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {
      [DISTRICTS_SOURCE]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
    },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': '#cfe3f1' } },
      {
        id: DISTRICT_FILL_LAYER,
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
    ],
  };
}
