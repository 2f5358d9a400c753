import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expression } from '@maplibre/maplibre-gl-style-spec';
import type { Campaign } from '@/campaign/types';
import { ringImageExpression, RING_PREFIX } from './defect-layers';
import { parseRingKey, ringSegments } from './defect-rings';

const campaign = JSON.parse(readFileSync('data/campaign.json', 'utf8')) as Campaign;

/** Evaluates the style's ring id for a cluster's properties, as MapLibre would. */
function ringId(properties: Record<string, unknown>): string {
  const parsed = expression.createExpression(ringImageExpression(campaign), 'icon-image');
  if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value));
  const value = parsed.value.evaluate({ zoom: 12 }, { type: 'Point', properties } as never);
  return String(value);
}

describe('cluster ring ids', () => {
  const states = campaign.lifecycle.states.map((s) => s.code);

  it('give each state its share of 24 steps, in campaign order, with the overdue share after a colon', () => {
    const props: Record<string, unknown> = { cluster: true, point_count: 100, overdue: 25 };
    for (const s of states) props[`s_${s}`] = 0;
    props[`s_${states[0]}`] = 50;
    props[`s_${states[5]}`] = 50;
    const id = ringId(props);
    expect(id).toBe(`${RING_PREFIX}12,0,0,0,0,12:6`);
    expect(parseRingKey(id)).toEqual({ states: [12, 0, 0, 0, 0, 12], overdue: 6 });
  });

  it('keeps a tiny share visible (one step) and reads a state the data never uses as 0', () => {
    const props: Record<string, unknown> = { cluster: true, point_count: 1000, overdue: 0 };
    props[`s_${states[0]}`] = 1;
    props[`s_${states[1]}`] = 999;
    expect(parseRingKey(ringId(props))).toEqual({ states: [1, 24, 0, 0, 0, 0], overdue: 0 });
  });
});

describe('ring geometry', () => {
  it('sweeps the full circle clockwise from 12 o’clock, leaving out empty states', () => {
    const segments = ringSegments({ states: [1, 0, 3], overdue: 0 });
    expect(segments.map((s) => s.state)).toEqual([0, 2]);
    expect(segments[0].start).toBeCloseTo(-Math.PI / 2);
    expect(segments[0].end - segments[0].start).toBeCloseTo(Math.PI / 2);
    expect(segments[1].end).toBeCloseTo((3 * Math.PI) / 2);
  });

  it('refuses ids that are not rings', () => {
    expect(parseRingKey('marker-15')).toBeNull();
    expect(parseRingKey(`${RING_PREFIX}1,x:0`)).toBeNull();
    expect(parseRingKey(`${RING_PREFIX}1,2`)).toBeNull();
    expect(ringSegments({ states: [0, 0], overdue: 0 })).toEqual([]);
  });
});
