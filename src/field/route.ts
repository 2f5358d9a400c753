/**
 * Today's route: an order that walks an inspector's shortlist in a short loop from their position and back.
 * Nearest neighbour builds a tour, 2-opt then reverses any stretch that makes it shorter until none does. On the
 * handful of stops a person picks for a day this is at or very near the optimum, and never longer than the
 * nearest-neighbour tour it starts from. Distances are straight lines (no walking network), as on the list.
 */
import type { LngLat } from '../campaign/types';
import { haversineM } from '../geo/geodesy';

/** Tours over this many stops are still improved, but 2-opt passes stop after this many rounds. */
const MAX_2OPT_ROUNDS = 50;
/** Improvements smaller than this (metres) do not count: float noise must not loop forever. */
const EPSILON_M = 1e-6;

export interface Route {
  /** Indexes into the stops, in walking order (the start is not included). */
  order: number[];
  /** Straight-line length of each leg: start → first stop, …, last stop → start. */
  legsM: number[];
  /** Sum of `legsM`, metres. */
  totalM: number;
}

/**
 * A short closed walk from `start` through every stop and back.
 *
 * @example planRoute([0, 0], [[0, 0.01], [0.01, 0], [0.01, 0.01]]).order // [0, 2, 1] or its reverse
 */
export function planRoute(start: LngLat, stops: readonly LngLat[]): Route {
  const order = twoOpt(start, stops, nearestNeighbourOrder(start, stops));
  return routeOf(start, stops, order);
}

/** The greedy tour: from the start, always the nearest stop not yet visited (ties: the lower index). */
export function nearestNeighbourOrder(start: LngLat, stops: readonly LngLat[]): number[] {
  const left = new Set(stops.map((_, i) => i));
  const order: number[] = [];
  let at = start;
  while (left.size > 0) {
    let best = -1;
    let bestM = Infinity;
    for (const i of left) {
      const d = haversineM(at, stops[i]);
      if (d < bestM) [best, bestM] = [i, d];
    }
    order.push(best);
    left.delete(best);
    at = stops[best];
  }
  return order;
}

/** Length of the closed walk start → stops in `order` → start, metres. */
export function tourLengthM(start: LngLat, stops: readonly LngLat[], order: readonly number[]): number {
  return routeOf(start, stops, order).totalM;
}

/** 2-opt on the closed tour with the start fixed at position 0: reverse order[i..j] while that shortens it. */
function twoOpt(start: LngLat, stops: readonly LngLat[], initial: number[]): number[] {
  const tour = [start, ...initial.map((i) => stops[i])];
  const idx = [-1, ...initial];
  const n = tour.length;
  const d = (a: number, b: number) => haversineM(tour[a % n], tour[b % n]);
  for (let round = 0; round < MAX_2OPT_ROUNDS; round++) {
    let improved = false;
    for (let i = 1; i < n - 1; i++) {
      for (let j = i + 1; j < n; j++) {
        // Edges (i-1, i) and (j, j+1) become (i-1, j) and (i, j+1).
        const delta = d(i - 1, j) + d(i, j + 1) - d(i - 1, i) - d(j, j + 1);
        if (delta < -EPSILON_M) {
          reverse(tour, i, j);
          reverse(idx, i, j);
          improved = true;
        }
      }
    }
    if (!improved) break;
  }
  return idx.slice(1);
}

function reverse<T>(a: T[], i: number, j: number): void {
  for (; i < j; i++, j--) [a[i], a[j]] = [a[j], a[i]];
}

function routeOf(start: LngLat, stops: readonly LngLat[], order: readonly number[]): Route {
  const points = [start, ...order.map((i) => stops[i]), start];
  const legsM: number[] = [];
  for (let k = 1; k < points.length; k++) legsM.push(haversineM(points[k - 1], points[k]));
  if (order.length === 0) return { order: [], legsM: [], totalM: 0 };
  return { order: [...order], legsM, totalM: legsM.reduce((s, m) => s + m, 0) };
}
