/**
 * Fewer GPU programs for the map. MapLibre compiles one shader program per layer type and per way each paint
 * property is given: a constant or a zoom curve (a uniform), a value per feature (an attribute), or a value per
 * feature on a zoom curve (two attributes). The app's layers gave their properties every which way and the first
 * view compiled 20 programs where the bare MapLibre page compiles 9; on a software GPU (SwiftShader, and the
 * office PCs without a graphics driver) each costs 50–350 ms of the main thread, as the page waits for the GPU.
 *
 * So every fill, line and circle layer is written the same way per type (SHARED_KINDS): a constant becomes the
 * same constant for every feature, a zoom curve a curve of such values. The look is unchanged; one program draws
 * all fills, one all solid lines, one all circles. A property that cannot be brought to its type's way (a value
 * per feature where a uniform is wanted) stays as it is: that layer gets a program of its own, as before.
 */
import type { LayerSpecification } from 'maplibre-gl';

/** How MapLibre binds a paint property: its expression's kind. */
export type PaintKind = 'constant' | 'camera' | 'source' | 'composite';

type Shared = 'fill' | 'line' | 'circle';

/**
 * The way each property of a type is given, and its value when a layer leaves it out (MapLibre's default).
 * Uniform ('constant' or 'camera') where no layer needs more; otherwise per feature ('source'), or per feature
 * on a zoom curve ('composite') where one layer scales by zoom and feature at once (street widths, ad site sizes).
 */
export const SHARED_KINDS: Record<
  Shared,
  Record<string, { kind: 'uniform' | 'source' | 'composite'; default: unknown }>
> = {
  fill: {
    'fill-color': { kind: 'source', default: '#000000' },
    'fill-opacity': { kind: 'source', default: 1 },
    // Left out, the outline takes the fill colour's value and way (so no default is written for it).
    'fill-outline-color': { kind: 'source', default: undefined },
  },
  line: {
    'line-color': { kind: 'source', default: '#000000' },
    'line-width': { kind: 'composite', default: 1 },
    'line-opacity': { kind: 'uniform', default: 1 },
  },
  circle: {
    'circle-color': { kind: 'source', default: '#000000' },
    'circle-radius': { kind: 'composite', default: 5 },
    'circle-stroke-color': { kind: 'source', default: '#000000' },
    'circle-stroke-width': { kind: 'source', default: 0 },
    'circle-opacity': { kind: 'uniform', default: 1 },
    'circle-stroke-opacity': { kind: 'uniform', default: 1 },
  },
};

/** A feature property no data carries: `['has', …]` on it makes a constant per feature. */
const NEVER = '__zonemap_same_for_all';
/** The zoom range a constant curve spans (MapLibre's zoom levels). */
const ZOOM_MIN = 0;
const ZOOM_MAX = 24;

const FEATURE_OPS = new Set(['get', 'has', 'feature-state', 'properties', 'geometry-type', 'id', 'accumulated']);

/** The kind of a paint value, read from its expression (what MapLibre's style spec would say for these forms). */
export function paintKind(value: unknown): PaintKind {
  let feature = false;
  let zoom = false;
  const walk = (v: unknown) => {
    if (!Array.isArray(v)) return;
    if (typeof v[0] === 'string') {
      if (v[0] === 'literal') return;
      if (FEATURE_OPS.has(v[0])) feature = true;
      if (v[0] === 'zoom') zoom = true;
    }
    for (const item of v) walk(item);
  };
  walk(value);
  return feature ? (zoom ? 'composite' : 'source') : zoom ? 'camera' : 'constant';
}

/** The same value for every feature: a per-feature expression that always gives `value`. */
function perFeature(value: unknown): unknown {
  return ['case', ['has', NEVER], value, value];
}

/** `value` (a constant, or a zoom curve of constants) as a zoom curve of per-feature values. */
function asComposite(value: unknown, kind: PaintKind): unknown {
  if (kind === 'composite') return value;
  if (kind === 'source' || kind === 'constant') {
    const each = kind === 'source' ? value : perFeature(value);
    return ['interpolate', ['linear'], ['zoom'], ZOOM_MIN, each, ZOOM_MAX, each];
  }
  // A linear zoom curve ['interpolate', ['linear'], ['zoom'], z0, v0, z1, v1, …]: its outputs become per-feature.
  return (value as unknown[]).map((item, i) => (i >= 4 && i % 2 === 0 ? perFeature(item) : item));
}

/** One paint value brought to the wanted way, or unchanged where it cannot be. */
function shareValue(value: unknown, wanted: 'uniform' | 'source' | 'composite'): unknown {
  const kind = paintKind(value);
  if (wanted === 'uniform') return value;
  if (wanted === 'source') return kind === 'constant' ? perFeature(value) : value;
  return kind === 'camera' && !isLinearWholeZoomCurve(value) ? value : asComposite(value, kind);
}

/**
 * `['interpolate', ['linear'], ['zoom'], z0, v0, …]` with whole-number stops: the one zoom curve that draws the same
 * once per feature. The GPU then reads such a curve at the tile's whole zoom and the next and interpolates
 * linearly between the two, which is exact for these; a step, an exponential curve or a stop between whole zooms
 * would draw differently between zoom levels, so they keep a uniform (and a program of their own).
 */
function isLinearWholeZoomCurve(value: unknown): boolean {
  if (!Array.isArray(value) || value[0] !== 'interpolate') return false;
  const [, interpolation, input, ...stops] = value as unknown[];
  if (!Array.isArray(interpolation) || interpolation[0] !== 'linear') return false;
  if (!Array.isArray(input) || input[0] !== 'zoom') return false;
  return stops.every((item, i) => i % 2 === 1 || Number.isInteger(item));
}

/** The layer with its fill, line or circle paint given its type's shared way (other layers unchanged). */
export function shareProgram<L extends LayerSpecification>(layer: L): L {
  if (layer.type !== 'fill' && layer.type !== 'line' && layer.type !== 'circle') return layer;
  const wanted = SHARED_KINDS[layer.type];
  const paint: Record<string, unknown> = { ...(layer.paint as Record<string, unknown> | undefined) };
  // A dashed or patterned line is drawn by another program anyway; leave it as written.
  if ('line-dasharray' in paint || 'line-pattern' in paint || 'line-gradient' in paint || 'fill-pattern' in paint)
    return layer;
  for (const [property, { kind, default: fallback }] of Object.entries(wanted)) {
    if (property in paint) paint[property] = shareValue(paint[property], kind);
    else if (fallback !== undefined) paint[property] = shareValue(fallback, kind);
  }
  return { ...layer, paint } as L;
}
