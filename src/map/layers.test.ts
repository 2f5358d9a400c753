import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { Campaign } from '@/campaign/types';
import { buildBaseStyle } from './style';
import {
  dataLayers,
  dataSources,
  INTERACTIVE_LAYERS,
  OBJECT_LAYERS,
  stateColor,
  withDataLayers,
  zoneLayerIds,
  zoneSourceId,
} from './layers';
import type { StyleSpecification, SymbolLayerSpecification } from 'maplibre-gl';

const campaign = JSON.parse(readFileSync('data/campaign.json', 'utf8')) as Campaign;

function fullStyle(): StyleSpecification {
  return withDataLayers(buildBaseStyle({ tiandituKey: 'k', basemap: 'offline' }), campaign);
}

describe('data layers', () => {
  it('make a valid style together with the base style', () => {
    expect(validateStyleMin(fullStyle())).toEqual([]);
  });

  it('give every zone rule a source and a fill and line in the rule colour', () => {
    const layers = dataLayers(campaign);
    for (const rule of campaign.zoneRules) {
      expect(dataSources(campaign)).toHaveProperty(zoneSourceId(rule.id));
      for (const id of zoneLayerIds(rule.id)) {
        const layer = layers.find((l) => l.id === id);
        expect(layer, id).toBeDefined();
        expect(JSON.stringify(layer)).toContain(rule.color);
      }
    }
  });

  it('colour objects by every lifecycle and derived state with the campaign colours', () => {
    const expr = stateColor(campaign) as unknown[];
    expect(expr.slice(0, 2)).toEqual(['match', ['coalesce', ['feature-state', 'state'], '']]);
    const pairs = new Map<unknown, unknown>();
    for (let i = 2; i < expr.length - 1; i += 2) pairs.set(expr[i], expr[i + 1]);
    for (const s of campaign.lifecycle.states) expect(pairs.get(s.code)).toBe(s.color);
    expect(pairs.get('overdue')).toBe(campaign.lifecycle.derived.overdue.color);
    expect(pairs.get('neverInspected')).toBe(campaign.lifecycle.derived.neverInspected.color);
    expect(pairs.get('clean')).toBe(campaign.lifecycle.derived.clean.color);
  });

  it('follow a changed plan: a fourth rule gets its own source and layers without code changes', () => {
    const more: Campaign = {
      ...campaign,
      zoneRules: [...campaign.zoneRules, { ...campaign.zoneRules[0], id: 'R800', color: '#123456' }],
    };
    expect(dataSources(more)).toHaveProperty(zoneSourceId('R800'));
    expect(dataLayers(more).map((l) => l.id)).toEqual(expect.arrayContaining(zoneLayerIds('R800')));
  });

  it('name only layers that exist in the toggle and click tables', () => {
    const ids = new Set(dataLayers(campaign).map((l) => l.id));
    for (const id of [...Object.values(OBJECT_LAYERS).flat(), ...Object.keys(INTERACTIVE_LAYERS)])
      expect(ids.has(id), id).toBe(true);
  });

  it('render labels with a local CJK font stack and no glyphs URL', () => {
    const style = fullStyle();
    expect(style.glyphs).toBeUndefined();
    // Symbol layers that draw text (the defect shapes are icons only).
    const symbols = style.layers.filter(
      (l): l is SymbolLayerSpecification => l.type === 'symbol' && l.layout?.['text-field'] !== undefined,
    );
    expect(symbols.length).toBeGreaterThan(0);
    for (const l of symbols) expect(JSON.stringify(l.layout?.['text-font'])).toContain('Noto Sans CJK SC');
  });
});

describe('data layers without the campaign', () => {
  it('still draw every object layer, in one neutral colour, with no zones', () => {
    const style = withDataLayers(buildBaseStyle({ tiandituKey: null, basemap: 'offline' }), null);
    expect(validateStyleMin(style)).toEqual([]);
    const ids = style.layers.map((l) => l.id);
    for (const id of Object.values(OBJECT_LAYERS).flat()) expect(ids).toContain(id);
    expect(ids.some((id) => id.startsWith('zone-'))).toBe(false);
  });
});
