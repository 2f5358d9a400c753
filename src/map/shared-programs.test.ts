import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  createPropertyExpression,
  latest,
  validateStyleMin,
  type StylePropertySpecification,
} from '@maplibre/maplibre-gl-style-spec';
import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';
import type { Campaign } from '@/campaign/types';
import { buildBaseStyle } from './style';
import { dataLayers, withDataLayers } from './layers';
import { FIELD_LAYERS } from './field-layers';
import { MOCK_SAMPLE_LAYERS } from './MockSampleLayer';
import { paintKind, shareProgram } from './shared-programs';

const campaign = JSON.parse(readFileSync('data/campaign.json', 'utf8')) as Campaign;

type Paint = Record<string, unknown>;

function specOf(type: string, property: string): StylePropertySpecification {
  return (latest as unknown as Record<string, Record<string, StylePropertySpecification>>)[`paint_${type}`][property];
}

/** MapLibre's own reading of a paint value: its expression's kind, as the program cache keys it. */
function kindOf(type: string, property: string, value: unknown): string {
  const parsed = createPropertyExpression(value, property, specOf(type, property));
  if (parsed.result !== 'success') throw new Error(`${property}: ${JSON.stringify(parsed.value)}`);
  return parsed.value.kind;
}

/**
 * The key MapLibre compiles a program under, as far as paint goes: the layer type and, per paint property it
 * binds, uniform (u) or attribute (a: per feature, z: per feature on a zoom curve). Dashed lines use another
 * program whatever their paint.
 */
function programKey(layer: LayerSpecification): string {
  const paint = (layer.paint ?? {}) as Paint;
  if (layer.type === 'line' && 'line-dasharray' in paint) return 'lineSDF';
  const props = Object.keys((latest as unknown as Record<string, object>)[`paint_${layer.type}`]).filter(
    (p) => !/-(translate|translate-anchor|antialias|pattern|sort-key|pitch-scale|pitch-alignment)$/.test(p),
  );
  const letter = { constant: 'u', camera: 'u', source: 'a', composite: 'z' } as Record<string, string>;
  return `${layer.type} ${props
    .filter((p) => specOf(layer.type, p)['property-type'] === 'data-driven')
    .map((p) => {
      const value = p in paint ? paint[p] : specOf(layer.type, p).default;
      // A fill's outline left out follows the fill colour.
      if (p === 'fill-outline-color' && !(p in paint))
        return `${letter[kindOf('fill', 'fill-color', paint['fill-color'] ?? '#000')]}:${p}`;
      return `${letter[kindOf(layer.type, p, value)]}:${p}`;
    })
    .join(' ')}`;
}

/** Every value of a paint property at a few zooms for a few features, as MapLibre evaluates it. */
function evaluations(type: string, property: string, value: unknown): string[] {
  const parsed = createPropertyExpression(value, property, specOf(type, property));
  if (parsed.result !== 'success') throw new Error(`${property}: ${JSON.stringify(parsed.value)}`);
  const features = [
    { properties: { state: 'reported', pcls: 3, streetClass: 'main', landscapeFeature: true, photosSubmitted: 0 } },
    { properties: { state: 'closed', pcls: -1, streetClass: 'back', hasSign: false, fails: true } },
    { properties: {} },
  ];
  const states = [{ state: 'overdue' }, {}];
  const out: string[] = [];
  for (const zoom of [8, 10, 12.5, 16, 20])
    for (const f of features)
      for (const fs of states)
        out.push(
          JSON.stringify(
            parsed.value.evaluate({ zoom }, { type: 'Point', properties: f.properties } as never, fs as never),
          ),
        );
  return out;
}

const appLayers = (): LayerSpecification[] => [
  ...withDataLayers(buildBaseStyle({ tiandituKey: null, basemap: 'offline' }), campaign).layers,
  ...FIELD_LAYERS.map(shareProgram),
  ...MOCK_SAMPLE_LAYERS.map(shareProgram),
];

describe('shared GPU programs', () => {
  it('draw every fill with one program, every solid line with one, every circle with one', () => {
    const keys = new Map<string, Set<string>>();
    for (const layer of appLayers()) {
      if (layer.type !== 'fill' && layer.type !== 'line' && layer.type !== 'circle') continue;
      const key = programKey(layer);
      keys.set(layer.type, (keys.get(layer.type) ?? new Set()).add(key));
    }
    expect([...keys.get('fill')!]).toHaveLength(1);
    expect([...keys.get('circle')!]).toHaveLength(1);
    // Solid lines share one program; the dashed outline and route take the dashed-line program.
    expect([...keys.get('line')!].sort()).toEqual([expect.stringMatching(/^line /), 'lineSDF']);
  });

  it('before: the layers as written would compile a program per way of writing them', () => {
    const written = [
      ...buildBaseStyle({ tiandituKey: null, basemap: 'offline' }).layers,
      ...dataLayers(campaign),
    ].filter((l) => l.type === 'fill' || l.type === 'line' || l.type === 'circle');
    expect(new Set(written.map(programKey)).size).toBeGreaterThanOrEqual(9);
  });

  it('draw exactly what the layers as written draw, at every zoom, for every feature and state', () => {
    const written = [
      ...buildBaseStyle({ tiandituKey: null, basemap: 'offline' }).layers,
      ...dataLayers(campaign),
      ...FIELD_LAYERS,
      ...MOCK_SAMPLE_LAYERS,
    ];
    let compared = 0;
    for (const layer of written) {
      const shared = shareProgram(layer);
      if (layer.type !== 'fill' && layer.type !== 'line' && layer.type !== 'circle') {
        expect(shared).toBe(layer);
        continue;
      }
      const before = (layer.paint ?? {}) as Paint;
      const after = (shared.paint ?? {}) as Paint;
      for (const property of Object.keys(after)) {
        if (specOf(layer.type, property)['property-type'] !== 'data-driven') continue;
        const original = property in before ? before[property] : specOf(layer.type, property).default;
        expect(evaluations(layer.type, property, after[property]), `${layer.id} ${property}`).toEqual(
          evaluations(layer.type, property, original),
        );
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(60);
  });

  it('leave zoom curves that would draw differently per feature as written: steps, exponential, stops between zooms', () => {
    const curves = [
      ['step', ['zoom'], 2, 12, 4],
      ['interpolate', ['exponential', 1.5], ['zoom'], 10, 2, 16, 8],
      ['interpolate', ['linear'], ['zoom'], 10.5, 2, 16, 8],
    ];
    for (const curve of curves) {
      const layer = shareProgram({ id: 'x', type: 'circle', source: 's', paint: { 'circle-radius': curve } } as never);
      expect((layer as { paint: Paint }).paint['circle-radius']).toEqual(curve);
    }
    const linear = ['interpolate', ['linear'], ['zoom'], 10, 2, 16, 8];
    const shared = shareProgram({ id: 'x', type: 'circle', source: 's', paint: { 'circle-radius': linear } } as never);
    expect(kindOf('circle', 'circle-radius', (shared as { paint: Paint }).paint['circle-radius'])).toBe('composite');
  });

  it('keep the style valid', () => {
    const style: StyleSpecification = withDataLayers(
      buildBaseStyle({ tiandituKey: 'k', basemap: 'offline' }),
      campaign,
    );
    expect(validateStyleMin(style)).toEqual([]);
  });

  it('read the kind of a paint value as MapLibre does', () => {
    const cases: [string, string, unknown][] = [
      ['circle', 'circle-radius', 5],
      ['circle', 'circle-radius', ['interpolate', ['linear'], ['zoom'], 10, 3, 16, 7]],
      ['circle', 'circle-color', ['match', ['get', 'state'], 'a', '#f00', '#0f0']],
      ['circle', 'circle-color', ['coalesce', ['feature-state', 'state'], '#000']],
      ['circle', 'circle-radius', ['interpolate', ['linear'], ['zoom'], 10, ['get', 'r'], 16, 9]],
      ['line', 'line-width', ['step', ['zoom'], 1, 12, 2]],
    ];
    for (const [type, property, value] of cases) expect(paintKind(value)).toBe(kindOf(type, property, value));
  });
});
