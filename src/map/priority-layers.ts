/**
 * Priority on the map, as plain style data and source data: each zone's circle filled in the class of its score
 * on one sequential scale (src/insights/priority-scale.ts), streets in the same scale, and numbered badges on the
 * top zones of the ranking. The class is computed once in the data (`pcls`), so the style never changes with it
 * and the legend reads the same scale.
 */
import type { Feature, FeatureCollection, Point, Polygon } from 'geojson';
import type {
  ColorSpecification,
  DataDrivenPropertyValueSpecification,
  ExpressionSpecification,
  LayerSpecification,
} from 'maplibre-gl';
import type { EngineResult } from '@/geo/types';
import { priorityClass, type PriorityBadge, type PriorityScale } from '@/insights/priority-scale';
import type { RankedZone } from '@/insights/ranking';
import { LABEL_FONT } from './style';

/**
 * Sequential scale, light to dark (ColorBrewer BuPu, its palest step left out so the lowest class still shows on
 * the land colour). Purple, so that it is not read as one of the states' reds and oranges drawn over it.
 */
export const PRIORITY_COLORS = ['#bfd3e6', '#9ebcda', '#8c96c6', '#8856a7', '#810f7c'];
/** A zone or street with nothing to do. */
export const ZERO_PRIORITY_COLOR = '#a8a29e';
const BADGE_FILL = '#111827';
const BADGE_TEXT = '#ffffff';

export const PRIORITY_SOURCE = { zones: 'priority-zones', badges: 'priority-badges' } as const;
export const PRIORITY_LAYER = {
  fill: 'priority-zones-fill',
  line: 'priority-zones-line',
  badge: 'priority-badges-circle',
  badgeLabel: 'priority-badges-label',
} as const;

/** The colour of a feature's `pcls` (-1: nothing to do; 0…: class on the scale). */
export function priorityColor(): DataDrivenPropertyValueSpecification<ColorSpecification> {
  return [
    'match',
    ['coalesce', ['get', 'pcls'], -1],
    ...PRIORITY_COLORS.flatMap((c, k) => [k, c]),
    ZERO_PRIORITY_COLOR,
  ] as unknown as ExpressionSpecification;
}

/** Zone fills and outlines by priority; drawn where the rule zones are, hidden while shading by rule. */
export function priorityZoneLayers(): LayerSpecification[] {
  return [
    {
      id: PRIORITY_LAYER.fill,
      type: 'fill',
      source: PRIORITY_SOURCE.zones,
      paint: {
        'fill-color': priorityColor(),
        'fill-opacity': ['case', ['>=', ['get', 'pcls'], 0], 0.42, 0.06],
      },
    },
    {
      id: PRIORITY_LAYER.line,
      type: 'line',
      source: PRIORITY_SOURCE.zones,
      paint: {
        'line-color': priorityColor(),
        'line-width': ['case', ['>=', ['get', 'pcls'], 0], 1.4, 0.6],
      },
    },
  ];
}

/** Numbered badges of the top zones, above everything (never hidden by a label or a cluster). */
export function priorityBadgeLayers(): LayerSpecification[] {
  return [
    {
      id: PRIORITY_LAYER.badge,
      type: 'circle',
      source: PRIORITY_SOURCE.badges,
      paint: {
        'circle-color': BADGE_FILL,
        'circle-radius': 11,
        'circle-stroke-color': BADGE_TEXT,
        'circle-stroke-width': 2,
      },
    },
    {
      id: PRIORITY_LAYER.badgeLabel,
      type: 'symbol',
      source: PRIORITY_SOURCE.badges,
      layout: {
        'text-field': ['to-string', ['get', 'rank']],
        'text-font': LABEL_FONT,
        'text-size': 13,
        'text-allow-overlap': true,
        'text-ignore-placement': false,
        'symbol-sort-key': ['get', 'rank'],
      },
      paint: { 'text-color': BADGE_TEXT },
    },
  ];
}

export interface PriorityZoneProps {
  zoneId: string;
  ruleId: string;
  priority: number;
  pcls: number;
}

/**
 * Each ranked zone's circle with its score and class, lowest first so the most urgent is drawn on top where
 * circles overlap. Zones of rules in `hiddenRules` are left out.
 */
export function priorityZoneFeatures(
  result: EngineResult | null,
  ranking: readonly RankedZone[] | null,
  scale: PriorityScale,
  hiddenRules: Record<string, boolean> = {},
): FeatureCollection<Polygon, PriorityZoneProps> {
  if (!result || !ranking) return { type: 'FeatureCollection', features: [] };
  const circleById = new Map(result.rules.flatMap((r) => r.circles.features).map((c) => [c.properties.zoneId, c]));
  const features: Feature<Polygon, PriorityZoneProps>[] = [];
  for (let i = ranking.length - 1; i >= 0; i--) {
    const r = ranking[i];
    const circle = circleById.get(r.zone.id);
    if (!circle || hiddenRules[r.zone.ruleId]) continue;
    features.push({
      type: 'Feature',
      geometry: circle.geometry,
      properties: {
        zoneId: r.zone.id,
        ruleId: r.zone.ruleId,
        priority: r.priority,
        pcls: priorityClass(scale, r.priority),
      },
    });
  }
  return { type: 'FeatureCollection', features };
}

export function badgeFeatures(
  badges: readonly PriorityBadge[],
): FeatureCollection<Point, { zoneId: string; rank: number }> {
  return {
    type: 'FeatureCollection',
    features: badges.map((b) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: b.center },
      properties: { zoneId: b.zoneId, rank: b.rank },
    })),
  };
}
