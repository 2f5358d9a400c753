import { describe, expect, it } from 'vitest';
import { HOSTILE, campaign, context, engine, objects } from './__fixtures__/zone-fixture';
import { mulberry32 } from '../geo/prng';
import { haversineM, representativePoint } from './objects';
import { zoneTable } from './table';
import { buildZoneRows, describeSelection } from './zone-rows';

describe('buildZoneRows', () => {
  it('gives one row per (zone, object), rules in campaign order, then zone, then distance', () => {
    const rows = buildZoneRows(context(), { by: 'all' });
    expect(rows.map((r) => `${r.zoneId}|${r.objectId}`)).toEqual([
      'R300:C-001|K-002',
      'R300:C-001|K-001',
      'R300:C-002|K-003',
      'R300:C-002|K-001',
      'R500:M-001|S-001',
    ]);
  });

  it('carries the anchor distance, the per-zone inside length and the engine status', () => {
    const rows = buildZoneRows(context(), { by: 'all' });
    const k1b = rows.find((r) => r.zoneId === 'R300:C-002' && r.objectId === 'K-001')!;
    expect(k1b).toMatchObject({
      anchorId: 'C-002',
      distanceM: 202.6,
      insideM: null,
      state: 'overdue',
      openDefects: 3,
      overdue: 1,
      unit: 'U-CG',
      subdistrict: '330902002',
    });
    const s = rows.find((r) => r.objectId === 'S-001')!;
    expect(s.insideM).toBe(414.6);
    expect(s.kind).toBe('street');
  });

  it('lists only the chosen zone', () => {
    const rows = buildZoneRows(context(), { by: 'zone', zoneId: 'R300:C-002' });
    expect(rows.map((r) => r.objectId)).toEqual(['K-003', 'K-001']);
  });

  it('selects by rule and by task force', () => {
    expect(buildZoneRows(context(), { by: 'rule', ruleId: 'R500' }).map((r) => r.objectId)).toEqual(['S-001']);
    expect(buildZoneRows(context(), { by: 'taskForce', code: 'TF1' })).toHaveLength(4);
  });

  it('keeps a filtered set, optionally within some rules', () => {
    expect(buildZoneRows(context(), { by: 'filter', objectIds: ['K-001', 'S-001'] })).toHaveLength(3);
    expect(buildZoneRows(context(), { by: 'filter', objectIds: ['K-001', 'S-001'], ruleIds: ['R500'] })).toHaveLength(
      1,
    );
  });

  it('names the valid ids when a zone, rule or task force is unknown', () => {
    expect(() => buildZoneRows(context(), { by: 'zone', zoneId: 'R300:X' })).toThrow(
      /unknown zone "R300:X"; valid zones: R300:C-001, R300:C-002, R500:M-001/,
    );
    expect(() => buildZoneRows(context(), { by: 'rule', ruleId: 'R9' })).toThrow(/valid rules: R300, R500/);
    expect(() => buildZoneRows(context(), { by: 'taskForce', code: 'TF3' })).toThrow(
      /TF3 .*has no zone rule; task forces with zone rules: TF1, TF2, TF5/,
    );
    expect(() => buildZoneRows(context(), { by: 'taskForce', code: 'TF99' })).toThrow(/unknown task force "TF99"/);
  });

  it('leaves name and position empty for a member the data set does not hold', () => {
    const ghost = structuredClone(engine);
    ghost.rules[0].memberships.push({
      ruleId: 'R500',
      objectId: 'S-404',
      kind: 'street',
      distanceM: 1,
      anchors: [{ zoneId: 'R500:M-001', anchorId: 'M-001', anchorName: '西门菜场', distanceM: 1 }],
    });
    const rows = buildZoneRows({ campaign, objects, engine: ghost }, { by: 'rule', ruleId: 'R500' });
    expect(rows[1]).toMatchObject({ objectId: 'S-404', objectName: '', lng: null, lat: null, state: null });
  });
});

describe('buildZoneRows order', () => {
  it('orders a zone by distance then id, through many equal distances and long runs of them', () => {
    const rnd = mulberry32(11);
    const zone = (z: number) => ({ zoneId: `R300:Z${z}`, anchorId: `Z${z}`, anchorName: `社区${z}` });
    const ids = Array.from({ length: 600 }, (_, i) => `K-${(i * 7919) % 600}`);
    // Zone 0: 0–3 m in decimetres with noise (ties everywhere); zone 1: 40 objects at 0 m (a run longer than the
    // insertion sort takes); zone 2: a distance that is not finite (the comparator's path).
    const memberships = ids.map((objectId, i) => {
      const z = i % 3;
      const distanceM =
        z === 0
          ? Math.floor(rnd() * 30) / 10 + (rnd() - 0.5) * 0.04
          : z === 1
            ? i < 120
              ? 0
              : rnd() * 100
            : i === 2
              ? Infinity
              : rnd() * 50;
      return { ruleId: 'R300', objectId, kind: 'compound' as const, distanceM, anchors: [{ ...zone(z), distanceM }] };
    });
    const rule = { ...structuredClone(engine.rules[1]), memberships };
    const rows = buildZoneRows({ campaign, objects, engine: { ...engine, rules: [rule] } }, { by: 'all' });
    expect(rows).toHaveLength(600);
    const expected = [...rows].sort((a, b) =>
      a.zoneId < b.zoneId
        ? -1
        : a.zoneId > b.zoneId
          ? 1
          : a.distanceM - b.distanceM || (a.objectId < b.objectId ? -1 : 1),
    );
    expect(rows.map((r) => `${r.zoneId} ${r.distanceM} ${r.objectId}`)).toEqual(
      expected.map((r) => `${r.zoneId} ${r.distanceM} ${r.objectId}`),
    );
    expect(rows.filter((r) => r.zoneId === 'R300:Z1' && r.distanceM === 0).length).toBeGreaterThan(16);
  });
});

describe('zoneTable', () => {
  it('resolves labels from the campaign data in each language', () => {
    const rows = buildZoneRows(context(), { by: 'zone', zoneId: 'R300:C-001' });
    const zh = zoneTable(rows, campaign, 'zh').rows[1];
    expect(zh).toEqual([
      'R300:C-001',
      '城市社区周边300米',
      'C-001',
      '东管庙社区',
      'K-001',
      '居民小区',
      '和平小区',
      '昌国街道',
      '昌国街道',
      105,
      null,
      '超期',
      3,
      1,
      '2019-09-10',
      122.101,
      30.0205,
    ]);
    const en = zoneTable(rows, campaign, 'en').rows[0];
    expect(en.slice(0, 12)).toEqual([
      'R300:C-001',
      '300 m around urban communities',
      'C-001',
      '东管庙社区',
      'K-002',
      'Residential compound',
      HOSTILE.formula,
      'Changguo',
      'Changguo Subdistrict',
      0,
      null,
      'Never inspected',
    ]);
  });
});

describe('describeSelection', () => {
  it('states the filter in words', () => {
    expect(describeSelection(context(), { by: 'rule', ruleId: 'R300' }, 'zh')).toBe('规则：城市社区周边300米 (R300)');
    expect(describeSelection(context(), { by: 'zone', zoneId: 'R300:C-001' }, 'en')).toBe(
      'Zone: 东管庙社区 · 300 m around urban communities (R300:C-001)',
    );
    expect(describeSelection(context(), { by: 'filter', objectIds: ['K-001'], description: '超期' }, 'zh')).toBe(
      '当前筛选：1 个对象 · 超期',
    );
  });
});

describe('representativePoint', () => {
  it('puts a street at the point halfway along it', () => {
    const line = [
      [122.108, 30.015],
      [122.11, 30.015],
      [122.11, 30.017],
    ];
    const p = representativePoint({ type: 'LineString', coordinates: line })!;
    const total = haversineM(line[0], line[1]) + haversineM(line[1], line[2]);
    // The first leg (~192 m) is shorter than half (~207 m), so the midpoint is on the second leg.
    expect(p[0]).toBeCloseTo(122.11, 6);
    expect(haversineM(line[1], p)).toBeCloseTo(total / 2 - haversineM(line[0], line[1]), 0);
  });

  it('puts a polygon at its centroid', () => {
    expect(objects.get('K-002')!.point).toEqual([122.101, 30.021]);
  });

  it('puts an L-shaped polygon at its area centroid, not the vertex mean', () => {
    const L = [
      [0, 0],
      [2, 0],
      [2, 1],
      [1, 1],
      [1, 2],
      [0, 2],
      [0, 0],
    ];
    const [x, y] = representativePoint({ type: 'Polygon', coordinates: [L] })!;
    expect(x).toBeCloseTo(5 / 6, 5);
    expect(y).toBeCloseTo(5 / 6, 5);
  });
});
