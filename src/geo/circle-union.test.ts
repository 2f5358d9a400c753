import { booleanPointInPolygon, polygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import type { LngLat } from '../campaign/types';
import { unionCircles, unionCirclesFlat } from './circle-union';
import { polygonsOfFlat } from './rings';
import { destination, haversineM } from './geodesy';
import { mulberry32 } from './prng';

function inside(mp: ReturnType<typeof unionCircles>, p: LngLat): boolean {
  return mp.coordinates.some((poly) => booleanPointInPolygon(p, polygon(poly)));
}

describe('unionCircles', () => {
  it('gives an empty MultiPolygon for no circles', () => {
    expect(unionCircles([])).toEqual({ type: 'MultiPolygon', coordinates: [] });
  });

  it('gives one ring for a lone circle and one merged ring for two overlapping circles', () => {
    const a = { center: [122.1, 30.02] as LngLat, radiusM: 300 };
    expect(unionCircles([a]).coordinates).toHaveLength(1);
    const b = { center: destination(a.center, 400, 90), radiusM: 300 };
    const merged = unionCircles([a, b]);
    expect(merged.coordinates).toHaveLength(1);
    expect(merged.coordinates[0]).toHaveLength(1);
    expect(inside(merged, destination(a.center, 200, 90))).toBe(true);
    expect(inside(merged, destination(a.center, 650, 90))).toBe(true);
    expect(inside(merged, destination(a.center, 710, 90))).toBe(false);
  });

  it('drops duplicate and contained circles', () => {
    const c = { center: [122.1, 30.02] as LngLat, radiusM: 300 };
    const small = { center: destination(c.center, 50, 10), radiusM: 100 };
    expect(unionCircles([c, c, small]).coordinates).toEqual(unionCircles([c]).coordinates);
  });

  it('keeps a hole enclosed by a ring of circles', () => {
    const center: LngLat = [122.1, 30.02];
    const ring = Array.from({ length: 8 }, (_, k) => ({ center: destination(center, 600, k * 45), radiusM: 300 }));
    const union = unionCircles(ring);
    expect(union.coordinates).toHaveLength(1);
    expect(union.coordinates[0]).toHaveLength(2);
    expect(inside(union, center)).toBe(false);
    expect(inside(union, destination(center, 600, 0))).toBe(true);
  });

  it('agrees with the distance to the nearest centre except within 1 m of the boundary (seeded)', () => {
    const rnd = mulberry32(42);
    const circles = Array.from({ length: 60 }, () => ({
      center: [122.05 + rnd() * 0.08, 29.99 + rnd() * 0.06] as LngLat,
      radiusM: 300 + rnd() * 400,
    }));
    const union = unionCircles(circles);
    let checked = 0;
    for (let k = 0; k < 3000; k++) {
      const p: LngLat = [122.04 + rnd() * 0.1, 29.98 + rnd() * 0.08];
      const margin = Math.min(...circles.map((c) => haversineM(c.center, p) - c.radiusM));
      if (Math.abs(margin) < 1) continue;
      expect(inside(union, p), `point ${p} margin ${margin}`).toBe(margin < 0);
      checked++;
    }
    expect(checked).toBeGreaterThan(2900);
  });

  it('keeps every edge within 1 m of the true circles', () => {
    const rnd = mulberry32(3);
    const circles = Array.from({ length: 30 }, () => ({
      center: [122.05 + rnd() * 0.05, 29.99 + rnd() * 0.04] as LngLat,
      radiusM: 500,
    }));
    for (const poly of unionCircles(circles).coordinates) {
      for (const ring of poly) {
        for (let k = 0; k < ring.length - 1; k++) {
          const mid: LngLat = [(ring[k][0] + ring[k + 1][0]) / 2, (ring[k][1] + ring[k + 1][1]) / 2];
          const nearest = Math.min(...circles.map((c) => Math.abs(haversineM(c.center, mid) - c.radiusM)));
          expect(nearest).toBeLessThan(1);
        }
      }
    }
  });
});

describe('unionCirclesFlat', () => {
  it('gives the same rings as unionCircles, with one radius for all circles', () => {
    const rnd = mulberry32(11);
    const centers = Float64Array.from({ length: 80 }, (_, k) => (k % 2 ? 29.99 + rnd() * 0.05 : 122.05 + rnd() * 0.06));
    const flat = unionCirclesFlat(centers, 400);
    const specs = Array.from({ length: 40 }, (_, i) => ({
      center: [centers[2 * i], centers[2 * i + 1]] as LngLat,
      radiusM: 400,
    }));
    expect(flat.type).toBe('MultiPolygon');
    expect(polygonsOfFlat(flat)).toEqual(unionCircles(specs).coordinates);
    expect(flat.ringStart[flat.ringStart.length - 1] * 2).toBe(flat.coords.length);
  });
});
