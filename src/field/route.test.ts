import { describe, expect, it } from 'vitest';
import type { LngLat } from '../campaign/types';
import { haversineM } from '../geo/geodesy';
import { mulberry32 } from '../geo/prng';
import { nearestNeighbourOrder, planRoute, tourLengthM } from './route';

/** The shortest closed tour by trying every order (fine for up to 8 stops). */
function bruteForceM(start: LngLat, stops: LngLat[]): number {
  let best = Infinity;
  const permute = (order: number[], left: number[]) => {
    if (left.length === 0) best = Math.min(best, tourLengthM(start, stops, order));
    for (const i of left)
      permute(
        [...order, i],
        left.filter((x) => x !== i),
      );
  };
  permute(
    [],
    stops.map((_, i) => i),
  );
  return best;
}

/** Stops on one east–west line through the old town, `x` in units of 0.001° of longitude. */
const onLine = (x: number): LngLat => [122.1 + x * 0.001, 30.02];

describe('planRoute', () => {
  it('finds the optimum where nearest neighbour zigzags', () => {
    // From 0: nearest neighbour goes to 1, back across to -1.5 (2.5 < 3), then out to 4: 1 + 2.5 + 5.5 + 4 = 13
    // units. The best loop on a line sweeps each way once: 1, 4, then back past the start to -1.5: 11 units.
    const start = onLine(0);
    const stops = [onLine(1), onLine(-1.5), onLine(4)];
    const nn = tourLengthM(start, stops, nearestNeighbourOrder(start, stops));
    const route = planRoute(start, stops);
    const unitM = haversineM(onLine(0), onLine(1));
    expect(nn / unitM).toBeCloseTo(13, 3);
    expect(route.totalM / unitM).toBeCloseTo(11, 3);
    expect(route.totalM).toBeCloseTo(bruteForceM(start, stops), 6);
  });

  it('is never longer than nearest neighbour and matches brute force on small random days', () => {
    const rnd = mulberry32(11);
    let optimal = 0;
    for (let t = 0; t < 40; t++) {
      const start: LngLat = [122.1 + rnd() * 0.02, 30.02 + rnd() * 0.02];
      const stops = Array.from({ length: 3 + (t % 5) }, (): LngLat => [122.1 + rnd() * 0.02, 30.02 + rnd() * 0.02]);
      const route = planRoute(start, stops);
      const nn = tourLengthM(start, stops, nearestNeighbourOrder(start, stops));
      const best = bruteForceM(start, stops);
      expect(route.totalM).toBeLessThanOrEqual(nn + 1e-6);
      expect(route.totalM).toBeGreaterThanOrEqual(best - 1e-6);
      // 2-opt is not exact in general; on these sizes it should almost always be, and never far off.
      expect(route.totalM).toBeLessThanOrEqual(best * 1.05);
      if (route.totalM - best < 1e-6) optimal++;
    }
    expect(optimal).toBeGreaterThanOrEqual(36);
  });

  it('visits every stop exactly once and sums its legs', () => {
    const stops: LngLat[] = [onLine(2), onLine(-1), onLine(5), onLine(0.5)];
    const route = planRoute(onLine(0), stops);
    expect([...route.order].sort()).toEqual([0, 1, 2, 3]);
    expect(route.legsM).toHaveLength(5);
    expect(route.totalM).toBeCloseTo(
      route.legsM.reduce((s, m) => s + m, 0),
      9,
    );
  });

  it('handles no stop and one stop', () => {
    expect(planRoute(onLine(0), [])).toEqual({ order: [], legsM: [], totalM: 0 });
    const one = planRoute(onLine(0), [onLine(1)]);
    expect(one.order).toEqual([0]);
    expect(one.totalM).toBeCloseTo(2 * haversineM(onLine(0), onLine(1)), 6);
  });
});
