import { circle, distance } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { circleBBox, circlePolygon, destination, haversineM, LocalPlane, stepsForChordError } from './geodesy';
import { mulberry32 } from './prng';

describe('haversineM', () => {
  it('matches turf.distance', () => {
    const a: [number, number] = [122.1, 30.02];
    const b: [number, number] = [122.113, 30.031];
    expect(haversineM(a, b)).toBeCloseTo(distance(a, b, { units: 'meters' }), 6);
  });

  it('is zero for the same point', () => {
    expect(haversineM([122.1, 30.02], [122.1, 30.02])).toBe(0);
  });
});

describe('destination', () => {
  it('lands at the requested distance in every direction', () => {
    for (let bearing = -180; bearing < 180; bearing += 17) {
      expect(haversineM([122.1, 30.02], destination([122.1, 30.02], 1000, bearing))).toBeCloseTo(1000, 6);
    }
  });
});

describe('stepsForChordError', () => {
  it('keeps the sagitta of every edge under the error', () => {
    for (const r of [50, 300, 500, 1000, 5000]) {
      const n = stepsForChordError(r, 1);
      expect(r * (1 - Math.cos(Math.PI / n))).toBeLessThan(1);
      if (n > 16) expect(r * (1 - Math.cos(Math.PI / (n - 1)))).toBeGreaterThanOrEqual(1);
    }
  });

  it('rejects a non-positive radius', () => {
    expect(() => stepsForChordError(0)).toThrow('radiusM must be a positive number, got 0');
  });
});

describe('circlePolygon', () => {
  it('has every vertex on the circle and every edge midpoint within 1 m of it', () => {
    const center: [number, number] = [122.1, 30.02];
    const ring = circlePolygon(center, 1000).coordinates[0];
    for (let k = 0; k < ring.length - 1; k++) {
      expect(haversineM(center, ring[k] as [number, number])).toBeCloseTo(1000, 6);
      const mid: [number, number] = [(ring[k][0] + ring[k + 1][0]) / 2, (ring[k][1] + ring[k + 1][1]) / 2];
      expect(1000 - haversineM(center, mid)).toBeLessThan(1);
    }
  });

  it('gives the same ring as turf.circle for the same steps', () => {
    const ours = circlePolygon([122.1, 30.02], 300, { steps: 64 }).coordinates[0];
    const theirs = circle([122.1, 30.02], 300, { steps: 64, units: 'meters' }).geometry.coordinates[0];
    expect(ours.length).toBe(theirs.length);
    for (let k = 0; k < ours.length; k++) expect(haversineM(ours[k] as never, theirs[k] as never)).toBeLessThan(1e-6);
  });
});

describe('circleBBox', () => {
  it('contains points on the circle in every direction', () => {
    const bbox = circleBBox([122.1, 30.02], 500);
    for (let bearing = 0; bearing < 360; bearing += 5) {
      const [x, y] = destination([122.1, 30.02], 500, bearing);
      expect(x >= bbox[0] && x <= bbox[2] && y >= bbox[1] && y <= bbox[3]).toBe(true);
    }
  });
});

describe('LocalPlane', () => {
  it('gives distances from the centre within 1 cm of haversine at 1 km and 0.3 m at 5 km', () => {
    const rnd = mulberry32(7);
    const center: [number, number] = [122.1, 30.02];
    const plane = new LocalPlane(center);
    for (const [r, tol] of [
      [1000, 0.01],
      [5000, 0.3],
    ]) {
      for (let k = 0; k < 200; k++) {
        const p = destination(center, r * rnd(), rnd() * 360);
        const planar = Math.hypot(plane.x(p[0], p[1]), plane.y(p[1]));
        expect(Math.abs(planar - haversineM(center, p))).toBeLessThan(tol);
      }
    }
  });
});
