import gcoord from 'gcoord';
import { describe, expect, test } from 'vitest';
import { checkGeometry, toWgs84 } from './geometry';

const BBOX: [number, number, number, number] = [121.81771, 29.93173, 122.27837, 30.24959];

/** Great-circle distance in metres (spherical Earth, R = 6371008.8 m). */
function distanceM([lng1, lat1]: number[], [lng2, lat2]: number[]): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lng2 - lng1) * rad) / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.sqrt(a));
}

describe('toWgs84', () => {
  test('a GCJ-02 vertex of the Dinghai boundary lands within 2 m of its WGS-84 truth', () => {
    // The same vertex in ../shared/geodata/dinghai_boundary_gcj02.geojson (DataV) and _wgs84.geojson (converted by
    // iterating the forward formula): an independent reference, not a gcoord round trip.
    const gcj02 = [122.256906, 30.065098];
    const wgs84Truth = [122.252787, 30.067532];
    const converted = toWgs84(gcj02, 'gcj02');
    expect(distanceM(converted, wgs84Truth)).toBeLessThan(2);
    // And the shift itself is the ~420 m east / ~250 m south the domain brief describes.
    expect(distanceM(gcj02, wgs84Truth)).toBeGreaterThan(400);
  });

  test('BD-09 converts back to the WGS-84 point it came from within 2 m', () => {
    const truth: [number, number] = [122.1, 30.02];
    const bd09 = gcoord.transform(truth, gcoord.WGS84, gcoord.BD09);
    expect(distanceM(toWgs84(bd09, 'bd09'), truth)).toBeLessThan(2);
  });

  test('WGS-84 is left alone', () => {
    expect(toWgs84([122.1, 30.02], 'wgs84')).toEqual([122.1, 30.02]);
  });
});

describe('checkGeometry', () => {
  test('a converted point outside the bbox names both systems', () => {
    const r = checkGeometry({ type: 'Point', coordinates: [122.285, 30.1] }, ['Point'], 'gcj02', BBOX);
    expect(r).toEqual({
      ok: false,
      reasons: [
        expect.stringMatching(/^\[122\.285, 30\.1\] \(GCJ02; WGS-84 \[122\.2808\d+, 30\.1024\d+\]\) is outside/),
      ],
    });
  });
  test('a GCJ-02 point just east of the bbox is inside once converted', () => {
    expect(checkGeometry({ type: 'Point', coordinates: [122.282, 30.1] }, ['Point'], 'gcj02', BBOX).ok).toBe(true);
  });
  test('polygon with a hole: every ring is checked', () => {
    const outer = [
      [122.0, 30.0],
      [122.1, 30.0],
      [122.1, 30.1],
      [122.0, 30.1],
      [122.0, 30.0],
    ];
    const hole = [
      [122.02, 30.02],
      [122.03, 30.02],
      [122.03, 30.03],
    ];
    const r = checkGeometry({ type: 'Polygon', coordinates: [outer, hole] }, ['Polygon'], 'wgs84', BBOX);
    expect(r).toEqual({
      ok: false,
      reasons: ['ring 1 has 3 positions, needs at least 4', 'ring 1 is not closed (first position differs from last)'],
    });
  });
  test('land outlines may reach beyond the district (bbox null)', () => {
    const r = checkGeometry(
      {
        type: 'Polygon',
        coordinates: [
          [
            [122.4, 30.3],
            [122.5, 30.3],
            [122.5, 30.4],
            [122.4, 30.3],
          ],
        ],
      },
      ['Polygon'],
      'wgs84',
      null,
    );
    expect(r.ok).toBe(true);
  });
});

describe('checkGeometry: rings that are no area', () => {
  const polygon = (...rings: number[][][]) => ({ type: 'Polygon' as const, coordinates: rings });
  const check = (g: ReturnType<typeof polygon>, crs: 'wgs84' | 'gcj02' = 'wgs84') =>
    checkGeometry(g, ['Polygon', 'MultiPolygon'], crs, BBOX);
  const square = [
    [122.1, 30.02],
    [122.101, 30.02],
    [122.101, 30.021],
    [122.1, 30.021],
    [122.1, 30.02],
  ];

  test('a position repeated right after itself is dropped without a word', () => {
    const doubled = [square[0], square[1], square[1], square[2], square[3], square[3], square[4], square[4]];
    expect(check(polygon(doubled))).toEqual({ ok: true, geometry: polygon(square) });
  });

  test('fewer than 3 distinct positions once repeats are dropped', () => {
    const ring = [square[0], square[1], square[1], square[0]];
    expect(check(polygon(ring))).toEqual({ ok: false, reasons: ['ring 0 has 2 distinct positions, needs at least 3'] });
  });

  test('zero area: every position on one line', () => {
    const ring = [
      [122.1, 30.02],
      [122.101, 30.021],
      [122.102, 30.022],
      [122.1, 30.02],
    ];
    expect(check(polygon(ring))).toEqual({
      ok: false,
      reasons: ['ring 0 has zero area (its positions lie on one line)'],
    });
  });

  test('a bow-tie is refused at its crossing', () => {
    const bowTie = [square[0], square[1], square[3], square[2], square[0]];
    expect(check(polygon(bowTie))).toEqual({
      ok: false,
      reasons: [
        'ring 0 crosses itself at [122.1005, 30.0205] (a bow-tie has no clear inside): redraw it so no edges cross',
      ],
    });
  });

  test('of several crossings the one on the lowest-numbered edge is named', () => {
    // A zigzag band whose closing edge crosses the two middle teeth.
    const ring = [
      [122.1, 30.02],
      [122.104, 30.02],
      [122.104, 30.024],
      [122.103, 30.019],
      [122.102, 30.024],
      [122.101, 30.019],
      [122.1, 30.024],
      [122.1, 30.02],
    ];
    expect(check(polygon(ring))).toEqual({
      ok: false,
      reasons: [
        'ring 0 crosses itself at [122.1032, 30.02] (a bow-tie has no clear inside): redraw it so no edges cross',
      ],
    });
  });

  test('a ring touching itself at a vertex is refused too', () => {
    const ring = [
      [122.1, 30.02],
      [122.102, 30.02],
      [122.101, 30.021],
      [122.102, 30.022],
      [122.1, 30.022],
      [122.101, 30.021],
      [122.1, 30.02],
    ];
    expect(check(polygon(ring))).toEqual({
      ok: false,
      reasons: [
        'ring 0 crosses itself at [122.101, 30.021] (a bow-tie has no clear inside): redraw it so no edges cross',
      ],
    });
  });

  test('a spike (an edge running straight out and back) is refused where it starts', () => {
    const ring = [square[0], square[1], [122.102, 30.02], square[1], square[2], square[3], square[0]];
    expect(check(polygon(ring))).toEqual({
      ok: false,
      reasons: [
        'ring 0 crosses itself at [122.101, 30.02] (a bow-tie has no clear inside): redraw it so no edges cross',
      ],
    });
  });

  test('a hole and a multipolygon part are named; a converted crossing says it is WGS-84', () => {
    const bowTie = [square[0], square[1], square[3], square[2], square[0]];
    const r = checkGeometry(
      { type: 'MultiPolygon', coordinates: [[square], [square, bowTie]] },
      ['MultiPolygon'],
      'gcj02',
      BBOX,
    );
    expect(r).toEqual({
      ok: false,
      reasons: [
        expect.stringMatching(
          /^polygon 1 ring 1 crosses itself at \[122\.09\d+, 30\.02\d+\] \(a bow-tie has no clear inside\): redraw it so no edges cross \(WGS-84\)$/,
        ),
      ],
    });
  });

  test('a wobbly 5000-vertex outline is simple (no false crossings between near-parallel edges)', () => {
    const n = 5000;
    const ring = Array.from({ length: n }, (_, i) => {
      const a = (2 * Math.PI * i) / n;
      const r = 0.05 * (1 + 0.2 * Math.sin(7 * a) + 0.05 * Math.sin(97 * a));
      return [122.1 + r * Math.cos(a), 30.05 + r * Math.sin(a)];
    });
    ring.push(ring[0]);
    expect(checkGeometry(polygon(ring), ['Polygon'], 'wgs84', null).ok).toBe(true);
  });
});
