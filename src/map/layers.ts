/**
 * The data layers as plain style data: zones of each rule, the campaign objects coloured by inspection state,
 * defect markers, labels, and the selection highlight. Colours come from the campaign file (rule colours,
 * lifecycle colours); nothing of the plan is written here.
 */
import {
  mapDataKeys,
  OBJECT_KINDS,
  type AnchorKind,
  type ObjectDataKey,
  type ObjectKind,
} from '@/campaign/object-kinds';
import type { Campaign } from '@/campaign/types';
import type { ObjectLayerKey } from '@/store/view-slice';
import type { SelectionKind } from '@/store/selection-slice';
import { DEFECT_LAYER, DEFECT_LAYER_IDS, defectLayers } from './defect-layers';
import { LABEL_FONT } from './style';
import { shareProgram } from './shared-programs';
import { PRIORITY_SOURCE, priorityBadgeLayers, priorityZoneLayers } from './priority-layers';
import type { FeatureCollection } from 'geojson';
import type {
  ColorSpecification,
  DataDrivenPropertyValueSpecification,
  FilterSpecification,
  LayerSpecification,
  SourceSpecification,
  StyleSpecification,
} from 'maplibre-gl';

/** Drawn while the zone engine has not yet given an object its state. */
export const PENDING_STATE_COLOR = '#64748b';
const HALO_COLOR = '#ffffff';
const LABEL_COLOR = '#1f2937';
const SELECTED_COLOR = '#111827';
/** Ring of a volunteer station missing one of its three elements, and of an ad site short of photos. */
const CHECK_FAILED_COLOR = '#be123c';
const STATION_RING_COLOR = '#7c3aed';
const ADSITE_RING_COLOR = '#0369a1';

type ColorValue = DataDrivenPropertyValueSpecification<ColorSpecification>;

const EMPTY_FC: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Source ids of the data layers: the data key of each kind of object, and the defects. */
export const SOURCE: Record<ObjectLayerKey, string> = { ...mapDataKeys((key) => key), defects: 'defects' };

/**
 * Per kind of object: its layers in `dataLayers` (toggled together, label last), the ones a click on which selects
 * it, and whether its objects carry an inspection state (the `state` feature state, see stateColor).
 */
const KIND_LAYERS: Record<ObjectKind, { ids: string[]; clickable: string[]; withStatus: boolean }> = {
  community: { ids: ['communities', 'communities-label'], clickable: ['communities'], withStatus: true },
  market: { ids: ['markets', 'markets-label'], clickable: ['markets'], withStatus: true },
  townSeat: { ids: ['townSeats', 'townSeats-label'], clickable: ['townSeats'], withStatus: false },
  compound: {
    ids: ['compounds-fill', 'compounds-outline', 'compounds-point', 'compounds-label'],
    clickable: ['compounds-point', 'compounds-fill'],
    withStatus: true,
  },
  street: { ids: ['streets-casing', 'streets', 'streets-label'], clickable: ['streets'], withStatus: true },
  station: { ids: ['stations', 'stations-label'], clickable: ['stations'], withStatus: true },
  adsite: { ids: ['adsites', 'adsites-label'], clickable: ['adsites'], withStatus: true },
};

/** Object sources that carry the inspection state, by data key. */
export const WITH_STATUS: Record<ObjectDataKey, boolean> = mapDataKeys((_, kind) => KIND_LAYERS[kind].withStatus);

/** Holds the geometry of the selected feature, drawn as a highlight above everything but labels. */
export const SELECTION_SOURCE = 'selection';

export function zoneSourceId(ruleId: string): string {
  return `zone-${ruleId}`;
}

/** Layers a user toggles together, by layer-panel entry. */
export const OBJECT_LAYERS: Record<ObjectLayerKey, string[]> = {
  ...mapDataKeys((_, kind) => KIND_LAYERS[kind].ids),
  defects: DEFECT_LAYER_IDS,
};

export function zoneLayerIds(ruleId: string): string[] {
  return [`zone-${ruleId}-fill`, `zone-${ruleId}-line`];
}

/** Clickable layers and the kind of thing a click on them selects. */
export const INTERACTIVE_LAYERS: Record<string, SelectionKind> = {
  [DEFECT_LAYER.points]: 'defect',
  // A cluster has no id: a click on it selects nothing (DefectMarkers zooms in); listed for the hover cursor.
  [DEFECT_LAYER.clusters]: 'defect',
  ...Object.fromEntries(OBJECT_KINDS.flatMap((kind) => KIND_LAYERS[kind].clickable.map((id) => [id, kind]))),
};

/**
 * Colour of an object by its inspection state, the `state` feature state that MapSync sets from the engine's
 * status (only the changed ones on a filter change; a source's geometry is sent once): overdue, each lifecycle
 * state, clean and never-inspected, all with the campaign's colours.
 *
 * @example stateColor(campaign) // ['match', ['coalesce', ['feature-state', 'state'], ''], 'overdue', '#460414', …, '#64748b']
 */
export function stateColor(campaign: Campaign): ColorValue {
  const { states, derived } = campaign.lifecycle;
  const pairs: string[] = [
    'overdue',
    derived.overdue.color,
    ...states.flatMap((s) => [s.code, s.color]),
    'clean',
    derived.clean.color,
    'neverInspected',
    derived.neverInspected.color,
  ];
  return [
    'match',
    ['coalesce', ['feature-state', 'state'], ''],
    ...pairs,
    PENDING_STATE_COLOR,
  ] as unknown as ColorValue;
}

/** Every data source, empty until the app pushes data with `setData`. */
export function dataSources(campaign: Campaign | null): Record<string, SourceSpecification> {
  const sources: Record<string, SourceSpecification> = {};
  for (const rule of campaign?.zoneRules ?? []) sources[zoneSourceId(rule.id)] = { type: 'geojson', data: EMPTY_FC };
  for (const id of Object.values(SOURCE)) sources[id] = { type: 'geojson', data: EMPTY_FC };
  // Objects carry their state as a feature state keyed by their id (stateColor).
  for (const [key, withState] of Object.entries(WITH_STATUS))
    if (withState) sources[SOURCE[key as ObjectDataKey]] = { type: 'geojson', data: EMPTY_FC, promoteId: 'id' };
  sources[SELECTION_SOURCE] = { type: 'geojson', data: EMPTY_FC };
  for (const id of Object.values(PRIORITY_SOURCE)) sources[id] = { type: 'geojson', data: EMPTY_FC };
  return sources;
}

const isPolygon: FilterSpecification = ['==', ['geometry-type'], 'Polygon'];
const isPoint: FilterSpecification = ['==', ['geometry-type'], 'Point'];

function label(
  id: string,
  source: string,
  minzoom: number,
  size: number,
  extra: Partial<LabelOptions> = {},
): LayerSpecification {
  return {
    id,
    type: 'symbol',
    source,
    minzoom,
    ...(extra.filter ? { filter: extra.filter } : {}),
    layout: {
      'text-field': ['get', 'name'],
      'text-font': LABEL_FONT,
      'text-size': size,
      'text-offset': extra.placement === 'line' ? [0, 0] : [0, 0.9],
      'text-anchor': extra.placement === 'line' ? 'center' : 'top',
      'symbol-placement': extra.placement ?? 'point',
      'text-optional': true,
    },
    paint: { 'text-color': LABEL_COLOR, 'text-halo-color': HALO_COLOR, 'text-halo-width': 1.4 },
  };
}

interface LabelOptions {
  filter: FilterSpecification;
  placement: 'point' | 'line';
}

/** Zone fills and outlines, one pair per rule, in the campaign's rule colours. */
export function zoneLayers(campaign: Campaign | null): LayerSpecification[] {
  return (campaign?.zoneRules ?? []).flatMap((rule): LayerSpecification[] => {
    const [fillId, lineId] = zoneLayerIds(rule.id);
    return [
      {
        id: fillId,
        type: 'fill',
        source: zoneSourceId(rule.id),
        paint: { 'fill-color': rule.color, 'fill-opacity': 0.12 },
      },
      {
        id: lineId,
        type: 'line',
        source: zoneSourceId(rule.id),
        paint: { 'line-color': rule.color, 'line-width': 1.6, 'line-opacity': 0.9 },
      },
    ];
  });
}

/**
 * All data layers, bottom to top: zones (by rule, and by priority: priority-layers.ts), streets, compounds,
 * markets, communities, town seats, ad sites, volunteer stations, single defect markers (defect-layers.ts), the
 * selection highlight, labels (so no marker hides a name), defect clusters, then the priority badges. Symbols are
 * placed top layer first: clusters and badges claim their place before any label, so a town's name never lands on
 * a cluster. Without the campaign (its file failed to load) the objects still draw, in the neutral colour and with
 * no zones.
 */
export function dataLayers(campaign: Campaign | null): LayerSpecification[] {
  const byState = campaign ? stateColor(campaign) : PENDING_STATE_COLOR;
  const anchorColor = (kind: AnchorKind) =>
    campaign?.zoneRules.find((r) => r.anchorKind === kind)?.color ?? LABEL_COLOR;
  const defects = defectLayers(campaign, SOURCE.defects);
  const clusters = defects.filter((l) => l.id === DEFECT_LAYER.clusters);
  return [
    ...zoneLayers(campaign),
    ...priorityZoneLayers(),
    {
      id: 'streets-casing',
      type: 'line',
      source: SOURCE.streets,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': HALO_COLOR, 'line-width': ['interpolate', ['linear'], ['zoom'], 10, 1.5, 16, 7] },
    },
    {
      id: 'streets',
      type: 'line',
      source: SOURCE.streets,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: {
        'line-color': byState,
        'line-width': [
          'interpolate',
          ['linear'],
          ['zoom'],
          10,
          ['match', ['get', 'streetClass'], 'main', 1.4, 0.8],
          16,
          ['match', ['get', 'streetClass'], 'main', 5, 3],
        ],
      },
    },
    {
      id: 'compounds-fill',
      type: 'fill',
      source: SOURCE.compounds,
      filter: isPolygon,
      paint: { 'fill-color': byState, 'fill-opacity': 0.55 },
    },
    {
      id: 'compounds-outline',
      type: 'line',
      source: SOURCE.compounds,
      filter: isPolygon,
      paint: { 'line-color': byState, 'line-width': 1 },
    },
    {
      id: 'compounds-point',
      type: 'circle',
      source: SOURCE.compounds,
      filter: isPoint,
      paint: {
        'circle-color': byState,
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 2.5, 16, 6],
        'circle-stroke-color': HALO_COLOR,
        'circle-stroke-width': 0.8,
      },
    },
    {
      id: 'markets',
      type: 'circle',
      source: SOURCE.markets,
      paint: {
        'circle-color': byState,
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 4, 16, 9],
        'circle-stroke-color': SELECTED_COLOR,
        'circle-stroke-width': 1.5,
      },
    },
    {
      id: 'communities',
      type: 'circle',
      source: SOURCE.communities,
      paint: {
        'circle-color': HALO_COLOR,
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 3, 16, 7],
        'circle-stroke-color': anchorColor('community'),
        'circle-stroke-width': 2,
      },
    },
    {
      id: 'townSeats',
      type: 'circle',
      source: SOURCE.townSeats,
      paint: {
        'circle-color': anchorColor('townSeat'),
        'circle-radius': 5,
        'circle-stroke-color': HALO_COLOR,
        'circle-stroke-width': 2,
      },
    },
    {
      // Ad sites tell themselves apart from stations by ring colour; landscape features (景观小品) are larger.
      id: 'adsites',
      type: 'circle',
      source: SOURCE.adsites,
      paint: {
        'circle-color': byState,
        'circle-radius': [
          'interpolate',
          ['linear'],
          ['zoom'],
          10,
          ['case', ['==', ['get', 'landscapeFeature'], true], 3.5, 2.5],
          16,
          ['case', ['==', ['get', 'landscapeFeature'], true], 8, 6],
        ],
        'circle-stroke-color': campaign
          ? [
              'case',
              ['<', ['get', 'photosSubmitted'], campaign.adSitePhotos.min],
              CHECK_FAILED_COLOR,
              ADSITE_RING_COLOR,
            ]
          : ADSITE_RING_COLOR,
        'circle-stroke-width': 2,
      },
    },
    {
      id: 'stations',
      type: 'circle',
      source: SOURCE.stations,
      paint: {
        'circle-color': byState,
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 3, 16, 7],
        // A missing element (sign, volunteers, service content) rings the station red; not checked is not missing.
        'circle-stroke-color': [
          'case',
          [
            'any',
            ['==', ['get', 'hasSign'], false],
            ['==', ['get', 'volunteersPresent'], false],
            ['==', ['get', 'hasServiceContent'], false],
          ],
          CHECK_FAILED_COLOR,
          STATION_RING_COLOR,
        ],
        'circle-stroke-width': 2,
      },
    },
    ...defects.filter((l) => !clusters.includes(l)),
    {
      id: 'highlight-line',
      type: 'line',
      source: SELECTION_SOURCE,
      filter: ['!=', ['geometry-type'], 'Point'],
      paint: { 'line-color': SELECTED_COLOR, 'line-width': 4, 'line-opacity': 0.6 },
    },
    {
      id: 'highlight-point',
      type: 'circle',
      source: SELECTION_SOURCE,
      filter: isPoint,
      paint: {
        'circle-color': 'rgba(0,0,0,0)',
        'circle-radius': 12,
        'circle-stroke-color': SELECTED_COLOR,
        'circle-stroke-width': 3,
      },
    },
    label('streets-label', SOURCE.streets, 14, 11, { placement: 'line' }),
    label('compounds-label', SOURCE.compounds, 15, 11),
    label('communities-label', SOURCE.communities, 13, 12),
    label('markets-label', SOURCE.markets, 12, 12),
    label('townSeats-label', SOURCE.townSeats, 8, 14),
    label('stations-label', SOURCE.stations, 15, 11),
    label('adsites-label', SOURCE.adsites, 15, 11),
    ...clusters,
    ...priorityBadgeLayers(),
  ];
}

/** The base style with the data sources and layers added on top. */
export function withDataLayers(base: StyleSpecification, campaign: Campaign | null): StyleSpecification {
  return {
    ...base,
    sources: { ...base.sources, ...dataSources(campaign) },
    // One GPU program per layer type, not one per way of writing the paint (shared-programs.ts).
    layers: [...base.layers, ...dataLayers(campaign)].map(shareProgram),
  };
}
