/**
 * Defect markers as plain style data, drawn from the worker's clusters (src/defects/cluster.ts) on the plain
 * GeoJSON source `SOURCE.defects`:
 * - a cluster is a ring image whose segments give the share of each lifecycle state it holds, with an outer
 *   dark-red arc for the overdue share, and its count in the middle. MapLibre cannot draw pie charts, so the
 *   ring's id is computed in the style from the cluster's `s_<state>` counts, quantised to `RING_STEPS` steps
 *   (any non-zero share gets at least one), and the image is drawn on demand (defect-rings.ts) by MapLibre's
 *   missing-image resolver: only the mixes on screen are ever drawn;
 * - a single defect is a dot in its state's colour, ringed dark red when overdue, with its task-force number
 *   on it at street level (a local-glyph label: no glyph server needed).
 */
import type { Campaign } from '@/campaign/types';
import type {
  ColorSpecification,
  DataDrivenPropertyValueSpecification,
  ExpressionSpecification,
  LayerSpecification,
} from 'maplibre-gl';
import { LABEL_FONT } from './style';
import { shapeImageExpression } from './state-shapes';

export const DEFECT_LAYER = {
  clusters: 'defect-clusters',
  points: 'defect-points',
  shapes: 'defect-points-shape',
  taskForce: 'defect-points-tf',
} as const;

/** Prefix of the ring image ids: `defect-ring:<step per state, campaign order>:<overdue steps>`. */
export const RING_PREFIX = 'defect-ring:';
/** Steps of the ring: 24 segments of 15°, fine enough to tell 1/12 from 1/6 apart. */
export const RING_STEPS = 24;
/** Zoom from which single markers carry their task-force number. */
const TASK_FORCE_LABEL_MINZOOM = 13;

const NEUTRAL_COLOR = '#64748b';
const HALO_COLOR = '#ffffff';
const COUNT_COLOR = '#111827';

const isCluster: ExpressionSpecification = ['==', ['get', 'cluster'], true];
const isSingle: ExpressionSpecification = ['==', ['get', 'cluster'], false];

/** Steps of a count in a cluster of `point_count`: rounded share of RING_STEPS, at least 1 when non-zero. */
function steps(count: ExpressionSpecification): ExpressionSpecification {
  return ['case', ['>', count, 0], ['max', 1, ['round', ['*', RING_STEPS, ['/', count, ['get', 'point_count']]]]], 0];
}

/**
 * The ring image id of a cluster, as a style expression over its `s_<state>` and `overdue` counts in the
 * campaign's lifecycle order (a state the data never uses has no property: read as 0).
 */
export function ringImageExpression(campaign: Campaign): ExpressionSpecification {
  const parts: (string | ExpressionSpecification)[] = [RING_PREFIX];
  campaign.lifecycle.states.forEach((s, k) => {
    if (k > 0) parts.push(',');
    parts.push(['to-string', steps(['coalesce', ['get', `s_${s.code}`], 0])]);
  });
  parts.push(':', ['to-string', steps(['get', 'overdue'])]);
  return ['concat', ...parts] as ExpressionSpecification;
}

function stateColor(campaign: Campaign | null): DataDrivenPropertyValueSpecification<ColorSpecification> {
  if (!campaign) return NEUTRAL_COLOR;
  const pairs = campaign.lifecycle.states.flatMap((s) => [s.code, s.color]);
  return [
    'match',
    ['get', 'state'],
    ...pairs,
    NEUTRAL_COLOR,
  ] as unknown as DataDrivenPropertyValueSpecification<ColorSpecification>;
}

/** Single markers, their task-force numbers, cluster rings (with counts), bottom to top, on `source`. */
export function defectLayers(campaign: Campaign | null, source: string): LayerSpecification[] {
  const overdueColor = campaign?.lifecycle.derived.overdue.color ?? COUNT_COLOR;
  return [
    {
      id: DEFECT_LAYER.points,
      type: 'circle',
      source,
      filter: isSingle,
      paint: {
        'circle-color': stateColor(campaign),
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 3.5, 14, 7, 17, 9],
        'circle-stroke-color': ['case', ['==', ['get', 'overdue'], 1], overdueColor, HALO_COLOR],
        'circle-stroke-width': ['case', ['==', ['get', 'overdue'], 1], 2.5, 1],
        // With the campaign the shape layer above draws the marker; the circle stays for clicks and hovering.
        ...(campaign ? { 'circle-opacity': 0, 'circle-stroke-opacity': 0 } : {}),
      },
    },
    {
      id: DEFECT_LAYER.shapes,
      type: 'symbol',
      source,
      filter: isSingle,
      layout: {
        'icon-image': campaign ? shapeImageExpression(campaign) : '',
        'icon-size': ['interpolate', ['linear'], ['zoom'], 10, 0.5, 14, 0.85, 17, 1],
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
      },
    },
    {
      id: DEFECT_LAYER.taskForce,
      type: 'symbol',
      source,
      filter: isSingle,
      minzoom: TASK_FORCE_LABEL_MINZOOM,
      layout: {
        // 'TF7' → '7': the task force's number, as the plan numbers them (专项行动一 … 九).
        'text-field': ['slice', ['get', 'taskForce'], 2],
        'text-font': LABEL_FONT,
        'text-size': 10,
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      },
      paint: { 'text-color': HALO_COLOR, 'text-halo-color': COUNT_COLOR, 'text-halo-width': 1 },
    },
    {
      id: DEFECT_LAYER.clusters,
      type: 'symbol',
      source,
      filter: isCluster,
      layout: {
        'icon-image': campaign ? ringImageExpression(campaign) : `${RING_PREFIX}:0`,
        'icon-size': ['interpolate', ['linear'], ['get', 'point_count'], 2, 0.6, 100, 0.8, 1000, 0.95, 10000, 1.1],
        // Always drawn, and (drawn above the labels, so placed before them) a label never lands on a cluster.
        'icon-allow-overlap': true,
        'icon-ignore-placement': false,
        'text-field': ['to-string', ['get', 'point_count_abbreviated']],
        'text-font': LABEL_FONT,
        'text-size': 11,
        'text-allow-overlap': true,
        'text-ignore-placement': false,
      },
      paint: { 'text-color': COUNT_COLOR },
    },
  ];
}

/** Every defect layer id, for the layer toggle. */
export const DEFECT_LAYER_IDS: string[] = Object.values(DEFECT_LAYER);
