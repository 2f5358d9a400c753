import { area, booleanPointInPolygon, pointToLineDistance, lineString } from '@turf/turf';
import type { LineString, MultiLineString, Point, Polygon } from 'geojson';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LngLat } from '../campaign/types';
import type { LandFC } from '../dataset/types';
import { BUILT_UP, campaign, defectColumns, emptyInput, fc, feat, obj, RURAL } from './__fixtures__/build';
import { computeEngine } from './engine';
import { circlePolygon, destination, haversineM, M_PER_DEG } from './geodesy';
import { mulberry32 } from './prng';

const CENTER: LngLat = [122.1, 30.02];
const pt = (c: LngLat): Point => ({ type: 'Point', coordinates: c });
const line = (cs: LngLat[]): LineString => ({ type: 'LineString', coordinates: cs });
/** The point `x` m east and `y` m north of CENTER (flat approximation; fine for building fixtures). */
const at = (x: number, y: number): LngLat => [
  CENTER[0] + x / (M_PER_DEG * Math.cos((CENTER[1] * Math.PI) / 180)),
  CENTER[1] + y / M_PER_DEG,
];
const rule = (result: ReturnType<typeof computeEngine>, id: string) => result.rules.find((r) => r.ruleId === id)!;
const coast = JSON.parse(readFileSync(new URL('./__fixtures__/coast.geojson', import.meta.url), 'utf8')) as LandFC;

/** Length of `coords` within `radiusM` of any centre, by 0.2 m steps tested with haversine. */
function groundTruthInsideM(coords: LngLat[], centers: LngLat[], radiusM: number): number {
  let total = 0;
  for (let k = 0; k < coords.length - 1; k++) {
    const segM = haversineM(coords[k], coords[k + 1]);
    const n = Math.max(1, Math.ceil(segM / 0.2));
    for (let j = 0; j < n; j++) {
      const t = (j + 0.5) / n;
      const p: LngLat = [
        coords[k][0] + t * (coords[k + 1][0] - coords[k][0]),
        coords[k][1] + t * (coords[k + 1][1] - coords[k][1]),
      ];
      if (centers.some((c) => haversineM(c, p) <= radiusM)) total += segM / n;
    }
  }
  return total;
}

describe('membership of points at the radius', () => {
  const input = emptyInput({
    communities: fc([feat(pt(CENTER), obj('C1'))]),
    compounds: fc([
      feat(pt(destination(CENTER, 300, 37)), obj('on')),
      feat(pt(destination(CENTER, 299.5, 123)), obj('in')),
      feat(pt(destination(CENTER, 300.5, 200)), obj('out')),
    ]),
  });
  const r300 = rule(computeEngine(input), 'R300');

  it('counts a point exactly on the radius as inside (inclusive)', () => {
    expect(r300.memberships.map((m) => m.objectId)).toContain('on');
  });

  it('counts 0.5 m inside and not 0.5 m outside, measured geodesically', () => {
    const ids = r300.memberships.map((m) => m.objectId);
    expect(ids).toContain('in');
    expect(ids).not.toContain('out');
    expect(r300.memberships.find((m) => m.objectId === 'in')!.distanceM).toBeCloseTo(299.5, 6);
  });

  it('explains each membership with anchor id, name and zone', () => {
    const m = r300.memberships.find((x) => x.objectId === 'in')!;
    expect(m.anchors).toEqual([{ zoneId: 'R300:C1', anchorId: 'C1', anchorName: 'C1', distanceM: m.distanceM }]);
    expect(m.kind).toBe('compound');
  });
});

describe('membership of polygon compounds', () => {
  // A 100 m square whose nearest edge lies `gapM` north of the anchor.
  const square = (gapM: number): Polygon => {
    const sw = destination(destination(CENTER, gapM, 0), 50, 270);
    const nw = destination(sw, 100, 0);
    const ne = destination(nw, 100, 90);
    const se = destination(sw, 100, 90);
    return { type: 'Polygon', coordinates: [[sw, se, ne, nw, sw]] };
  };
  const input = emptyInput({
    communities: fc([feat(pt(CENTER), obj('C1'))]),
    compounds: fc([
      feat(square(299.5), obj('near-edge-in')),
      feat(square(300.5), obj('near-edge-out')),
      feat(circlePolygon(CENTER, 50), obj('around-anchor')),
    ]),
  });
  const members = rule(computeEngine(input), 'R300').memberships;

  it('is inside when its nearest point is within the radius, though most of it lies outside', () => {
    expect(members.map((m) => m.objectId).sort()).toEqual(['around-anchor', 'near-edge-in']);
    expect(members.find((m) => m.objectId === 'near-edge-in')!.distanceM).toBeCloseTo(299.5, 1);
  });

  it('is at distance 0 when the anchor lies inside it', () => {
    expect(members.find((m) => m.objectId === 'around-anchor')!.distanceM).toBe(0);
  });
});

describe('street clipping', () => {
  // Enters the 500 m circle, leaves it, turns, comes back through and leaves again.
  const zigzag: LngLat[] = [at(-800, 300), at(800, 300), at(800, -300), at(-800, -250), at(-800, 900)];
  const input = emptyInput({
    markets: fc([feat(pt(CENTER), obj('M1', { builtUp: true }))]),
    streets: fc([
      feat(line(zigzag), obj('S-zigzag', { streetClass: 'back', onRoute: false })),
      feat(
        line([destination(CENTER, 100, 270), destination(CENTER, 100, 90)]),
        obj('S-main', { streetClass: 'main', onRoute: true }),
      ),
    ]),
  });
  const r500 = rule(computeEngine(input), 'R500');
  const m = r500.memberships.find((x) => x.objectId === 'S-zigzag')!;

  it('keeps the two inside stretches of a street that enters and leaves twice', () => {
    expect(m.clipped?.type).toBe('MultiLineString');
    const pieces = (m.clipped as MultiLineString).coordinates as LngLat[][];
    expect(pieces).toHaveLength(2);
    for (const piece of pieces) {
      expect(haversineM(CENTER, piece[0])).toBeCloseTo(500, 0);
      expect(haversineM(CENTER, piece[piece.length - 1])).toBeCloseTo(500, 0);
    }
  });

  it('measures the inside length within 1% of a dense haversine ground truth', () => {
    const truth = groundTruthInsideM(zigzag, [CENTER], 500);
    expect(truth).toBeGreaterThan(500);
    expect(Math.abs(m.insideLengthM! - truth) / truth).toBeLessThan(0.01);
    expect(m.anchors[0].insideLengthM).toBeCloseTo(m.insideLengthM!, 6);
  });

  it('applies the rule’s street class filter', () => {
    expect(r500.memberships.map((x) => x.objectId)).toEqual(['S-zigzag']);
  });
});

describe('an object in several zones of one rule', () => {
  const west = destination(CENTER, 200, 270);
  const east = destination(CENTER, 200, 90);
  const street: LngLat[] = [destination(CENTER, 900, 270), destination(CENTER, 900, 90)];
  const input = emptyInput({
    markets: fc([feat(pt(west), obj('M-west', { builtUp: true })), feat(pt(east), obj('M-east', { builtUp: true }))]),
    streets: fc([feat(line(street), obj('S1', { streetClass: 'back', onRoute: false }))]),
  });
  const r500 = rule(computeEngine(input), 'R500');

  it('is listed once with all its anchors', () => {
    expect(r500.memberships).toHaveLength(1);
    expect(r500.memberships[0].anchors.map((a) => a.anchorId).sort()).toEqual(['M-east', 'M-west']);
  });

  it('measures the union of the circles without double counting', () => {
    const m = r500.memberships[0];
    const perAnchor = m.anchors.map((a) => a.insideLengthM!);
    for (const len of perAnchor) expect(len).toBeCloseTo(1000, -1);
    const truth = groundTruthInsideM(street, [west, east], 500);
    expect(Math.abs(m.insideLengthM! - truth) / truth).toBeLessThan(0.01);
    expect(m.insideLengthM!).toBeLessThan(perAnchor[0] + perAnchor[1] - 300);
    expect(m.clipped?.type).toBe('LineString');
  });

  it('counts the street once in the rule figures and per anchor in the zone figures', () => {
    expect(r500.figures.objects).toBe(1);
    expect(r500.figures.streetLengthM).toBeCloseTo(r500.memberships[0].insideLengthM!, 6);
    expect(r500.zoneFigures.map((z) => z.objects)).toEqual([1, 1]);
  });
});

describe('anchors', () => {
  it('take only anchors in subdistricts of the rule’s area, and not markets marked outside the built-up area', () => {
    const input = emptyInput({
      communities: fc([feat(pt(CENTER), obj('C-built')), feat(pt(CENTER), obj('C-rural', { subdistrict: RURAL }))]),
      markets: fc([
        feat(pt(CENTER), obj('M-yes', { builtUp: true })),
        feat(pt(CENTER), obj('M-no', { builtUp: false })),
      ]),
      townSeats: fc([feat(pt(CENTER), obj('T-rural', { subdistrict: RURAL })), feat(pt(CENTER), obj('T-built'))]),
    });
    const result = computeEngine(input);
    expect(rule(result, 'R300').zones.map((z) => z.anchorId)).toEqual(['C-built']);
    expect(rule(result, 'R500').zones.map((z) => z.anchorId)).toEqual(['M-yes']);
    expect(rule(result, 'R1000').zones.map((z) => z.anchorId)).toEqual(['T-rural']);
  });

  it('follow a what-if radius and reject a bad one', () => {
    const input = emptyInput({
      communities: fc([feat(pt(CENTER), obj('C1'))]),
      compounds: fc([feat(pt(destination(CENTER, 400, 10)), obj('K1'))]),
    });
    expect(rule(computeEngine(input), 'R300').memberships).toHaveLength(0);
    const wider = rule(computeEngine(input, { radiusOverrides: { R300: 450 } }), 'R300');
    expect(wider.radiusM).toBe(450);
    expect(wider.zones[0].radiusM).toBe(450);
    expect(wider.memberships.map((m) => m.objectId)).toEqual(['K1']);
    expect(() => computeEngine(input, { radiusOverrides: { R300: -1 } })).toThrow(
      'radiusOverrides: R300: must be a number of metres from 10 to 20000 (got -1)',
    );
    expect(() => computeEngine(input, { radiusOverrides: { R300: 1e308 } })).toThrow('(got 1e+308)');
    expect(() => computeEngine(input, { radiusOverrides: { R999: 10 } })).toThrow(
      'radiusOverrides: unknown rule "R999"',
    );
  });

  it('rejects circle steps that leave the display polygon more than 1 m off the circle', () => {
    const input = emptyInput({ communities: fc([feat(pt(CENTER), obj('C1'))]) });
    expect(() => computeEngine(input, { circleSteps: 16 })).toThrow(/circleSteps 16 leaves edges/);
  });
});

describe('an anchor on the coast with clipToLand', () => {
  const seat: LngLat = [122.199, 30.06];
  const input = emptyInput({
    land: coast,
    townSeats: fc([feat(pt(seat), obj('T1', { subdistrict: RURAL }))]),
    stations: fc([
      feat(pt([122.195, 30.062]), obj('on-land')),
      feat(pt([122.207, 30.06]), obj('on-islet')),
      feat(pt([122.203, 30.06]), obj('in-sea')),
    ]),
  });
  const r1000 = rule(computeEngine(input), 'R1000');

  it('counts only targets on land, including land across the water', () => {
    expect(r1000.memberships.map((m) => m.objectId).sort()).toEqual(['on-islet', 'on-land']);
  });

  it('clips the display zone to the land', () => {
    const geometry = r1000.geometry!;
    expect(booleanPointInPolygon([122.195, 30.062], geometry)).toBe(true);
    expect(booleanPointInPolygon([122.2075, 30.06], geometry)).toBe(true);
    expect(booleanPointInPolygon([122.203, 30.06], geometry)).toBe(false);
    const full = area(circlePolygon(seat, 1000));
    const clipped = area(geometry);
    // West of the coast (96 m east of the seat): 56% of the circle; the islet adds about 6%.
    expect(clipped).toBeGreaterThan(full * 0.58);
    expect(clipped).toBeLessThan(full * 0.66);
  });

  it('keeps every per-anchor circle whole for selection', () => {
    expect(r1000.circles.features).toHaveLength(1);
    expect(area(r1000.circles.features[0])).toBeCloseTo(Math.PI * 1000 * 1000, -4);
  });
});

describe('degenerate input', () => {
  it('gives empty rules for empty input', () => {
    const result = computeEngine(emptyInput());
    expect(result.asOfDate).toBe(campaign.asOfDate);
    expect(result.status).toEqual({});
    for (const r of result.rules) {
      expect(r.zones).toEqual([]);
      expect(r.geometry).toBeNull();
      expect(r.memberships).toEqual([]);
      expect(r.figures.objects).toBe(0);
      expect(r.figures.verifiedShare).toBeNull();
      expect(r.figures.priority).toBe(0);
    }
  });

  it('tolerates null properties and null geometry', () => {
    const input = emptyInput({
      communities: fc([feat(pt(CENTER), obj('C1')), feat(pt(CENTER), null)]),
      compounds: fc([
        feat(pt(destination(CENTER, 10, 0)), null),
        { type: 'Feature', geometry: null as never, properties: obj('K-nowhere') },
      ]),
    });
    const result = computeEngine(input);
    const r300 = rule(result, 'R300');
    expect(r300.zones.map((z) => z.anchorId)).toEqual(['C1']);
    expect(r300.memberships.map((m) => m.objectId)).toEqual(['compound#0']);
    expect(result.status['compound#0'].state).toBe('neverInspected');
    expect(result.status['K-nowhere'].state).toBe('neverInspected');
  });

  it('rejects two objects with one id', () => {
    const input = emptyInput({
      communities: fc([feat(pt(CENTER), obj('X1'))]),
      compounds: fc([feat(pt(CENTER), obj('X1'))]),
    });
    expect(() => computeEngine(input)).toThrow('object id "X1" is used twice (community and compound)');
  });
});

describe('agreement with brute force on seeded random data', () => {
  const rnd = mulberry32(20190821);
  const jitter = (): LngLat => [122.06 + rnd() * 0.08, 29.99 + rnd() * 0.06];
  const communities = Array.from({ length: 25 }, (_, k) => feat(pt(jitter()), obj(`C${k}`)));
  const compounds = Array.from({ length: 600 }, (_, k) => {
    const c = jitter();
    if (k % 2 === 0) return feat(pt(c), obj(`K${k}`));
    const ring = circlePolygon(c, 20 + rnd() * 60, { steps: 5 + Math.floor(rnd() * 4) }).coordinates[0];
    return feat({ type: 'Polygon', coordinates: [ring] } as Polygon, obj(`K${k}`));
  });
  const markets = Array.from({ length: 12 }, (_, k) => feat(pt(jitter()), obj(`M${k}`, { builtUp: true })));
  const streets = Array.from({ length: 150 }, (_, k) => {
    const start = jitter();
    const coords: LngLat[] = [start];
    for (let j = 0; j < 2 + Math.floor(rnd() * 5); j++)
      coords.push(destination(coords[j], 50 + rnd() * 400, rnd() * 360));
    return feat(line(coords), obj(`S${k}`, { streetClass: 'back', onRoute: false }));
  });
  const input = emptyInput({
    communities: fc(communities),
    compounds: fc<Point | Polygon>(compounds),
    markets: fc(markets),
    streets: fc(streets),
  });
  const result = computeEngine(input);

  function nearestM(anchor: LngLat, g: Point | Polygon | LineString): number {
    if (g.type === 'Point') return haversineM(anchor, g.coordinates as LngLat);
    if (g.type === 'LineString') return pointToLineDistance(anchor, g, { units: 'meters', method: 'geodesic' });
    if (booleanPointInPolygon(anchor, g)) return 0;
    return pointToLineDistance(anchor, lineString(g.coordinates[0]), { units: 'meters', method: 'geodesic' });
  }

  it('gives the same compound members except within 1 m of a boundary', () => {
    const members = new Set(rule(result, 'R300').memberships.map((m) => m.objectId));
    let decided = 0;
    for (const f of compounds) {
      const d = Math.min(...communities.map((a) => nearestM(a.geometry.coordinates as LngLat, f.geometry)));
      if (Math.abs(d - 300) < 1) continue;
      expect(members.has(f.properties.id), `${f.properties.id} at ${d.toFixed(2)} m`).toBe(d <= 300);
      decided++;
    }
    expect(decided).toBeGreaterThan(590);
    expect(members.size).toBeGreaterThan(20);
  });

  it('gives the same street members and inside lengths within 1%', () => {
    const r500 = rule(result, 'R500');
    const byId = new Map(r500.memberships.map((m) => [m.objectId, m]));
    const centers = markets.map((m) => m.geometry.coordinates as LngLat);
    let measured = 0;
    for (const f of streets) {
      const d = Math.min(...centers.map((c) => nearestM(c, f.geometry)));
      if (Math.abs(d - 500) < 1) continue;
      expect(byId.has(f.properties.id), `${f.properties.id} at ${d.toFixed(2)} m`).toBe(d <= 500);
      const m = byId.get(f.properties.id);
      if (!m) continue;
      const truth = groundTruthInsideM(f.geometry.coordinates as LngLat[], centers, 500);
      if (truth < 5) continue;
      expect(Math.abs(m.insideLengthM! - truth) / truth, f.properties.id).toBeLessThan(0.01);
      measured++;
    }
    expect(measured).toBeGreaterThan(20);
  });
});

describe('figures and priority', () => {
  const input = emptyInput({
    communities: fc([feat(pt(CENTER), obj('C1'))]),
    compounds: fc([
      feat(pt(destination(CENTER, 100, 0)), obj('K-overdue', { lastInspected: '2019-09-10' })),
      feat(pt(destination(CENTER, 100, 90)), obj('K-clean', { lastInspected: '2019-09-11' })),
      feat(pt(destination(CENTER, 100, 180)), obj('K-never')),
      feat(pt(destination(CENTER, 100, 270)), obj('K-stale', { lastInspected: '2019-08-01' })),
    ]),
    defects: defectColumns([
      { object: 'K-overdue', state: 'assigned', found: 18140, deadline: 18145 },
      { object: 'K-overdue', state: 'reopened', found: 18140, deadline: 18160 },
      { object: 'K-clean', state: 'closed', found: 18140, deadline: 18145 },
    ]),
  });
  const r300 = rule(computeEngine(input), 'R300');

  it('sums states, inspections and defects of the members', () => {
    const f = r300.figures;
    expect(f.objects).toBe(4);
    expect(f.inspectedRecently).toBe(2);
    expect(f.neverInspected).toBe(1);
    expect(f.stale).toBe(2);
    expect(f.openDefects).toBe(2);
    expect(f.openByState).toEqual({ assigned: 1, reopened: 1 });
    expect(f.overdue).toBe(1);
    expect(f.reopened).toBe(1);
    expect(f.closed).toBe(1);
    expect(f.verifiedShare).toBeCloseTo(1 / 3, 9);
  });

  it('scores priority with the campaign weights per object and gives the reasons', () => {
    const f = r300.figures;
    const w = campaign.priority.weights;
    expect(f.reasons).toEqual([
      { term: 'overdue', count: 1, weight: w.overdue },
      { term: 'open', count: 2, weight: w.open },
      { term: 'reopened', count: 1, weight: w.reopened },
      { term: 'stale', count: 1, weight: w.stale },
      { term: 'neverInspected', count: 1, weight: w.neverInspected },
    ]);
    expect(f.priorityUnits).toBe(4);
    expect(f.priority).toBeCloseTo((w.overdue + 2 * w.open + w.reopened + w.stale + w.neverInspected) / 4, 9);
    expect(r300.zoneFigures[0].priority).toBeCloseTo(f.priority, 9);
  });
});

describe('status', () => {
  it('covers objects of every kind, anchors included', () => {
    const input = emptyInput({
      communities: fc([feat(pt(CENTER), obj('C1', { lastInspected: '2019-09-01' }))]),
      adsites: fc([feat(pt(CENTER), obj('A1'))]),
    });
    const { status } = computeEngine(input);
    expect(status.C1).toMatchObject({ kind: 'community', state: 'clean', lastInspected: '2019-09-01', stale: false });
    expect(status.A1).toMatchObject({ kind: 'adsite', state: 'neverInspected', stale: true });
  });
});

it('keeps the subdistrict of each zone', () => {
  const input = emptyInput({ communities: fc([feat(pt(CENTER), obj('C1'))]) });
  expect(rule(computeEngine(input), 'R300').zones[0].subdistrict).toBe(BUILT_UP);
});
