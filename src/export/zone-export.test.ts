import { kml as kmlToGeoJson } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import { unzipSync, strFromU8 } from 'fflate';
import readXlsxFile from 'read-excel-file/universal';
import { describe, expect, it } from 'vitest';
import { radiusChanges } from '../campaign/what-if';
import { HOSTILE, campaign, context } from './__fixtures__/zone-fixture';
import { kmlColor, xmlText } from './kml';
import type { EngineResult, Membership, RuleResult } from '../geo/types';
import { mulberry32 } from '../geo/prng';
import { toCsvBytes } from './csv';
import type { ExportObject } from './objects';
import { ZONE_COLUMNS, zoneSource, zoneTable } from './table';
import { uniqueSheetName } from './xlsx';
import { exportZoneList, zoneCsvBytes, zoneFilename } from './zone-export';
import { buildZoneRows, planZoneRows, type ExportContext, type RowSelection } from './zone-rows';

const ab = (u: Uint8Array) => u.buffer.slice(u.byteOffset, u.byteOffset + u.byteLength) as ArrayBuffer;
const text = (u: Uint8Array) => new TextDecoder().decode(u);
const hex = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength).toString('hex');

describe('XLSX zone list', () => {
  it('has a cover sheet (filters, as-of, Shanghai time, 示例数据) and one sheet per rule with Chinese headers', async () => {
    const file = await exportZoneList(context(true), { by: 'all' }, 'xlsx');
    expect(file.filename).toBe('全部攻坚范围_2019-09-12_示例数据.xlsx');
    const sheets = await readXlsxFile(ab(file.bytes));
    expect(sheets.map((s) => s.sheet)).toEqual(['封面', '城市社区周边300米', '建成区农贸市场周边500米']);
    const cover = sheets[0].data.map((r) => r.filter((c) => c !== null).join(' | '));
    expect(cover[0]).toBe('攻坚范围对象清单');
    expect(cover).toContain('筛选条件 | 全部攻坚范围');
    expect(cover).toContain('数据截至 | 2019-09-12');
    expect(cover).toContain('生成时间 | 2019-09-12 09:30:00 (Asia/Shanghai)');
    expect(cover.join('\n')).toContain('示例数据');
    expect(cover).toContain('工作表: 城市社区周边300米 | 4');

    const r300 = sheets[1].data;
    expect(r300[0]).toEqual(ZONE_COLUMNS.map((c) => c.zh));
    expect(r300).toHaveLength(5);
    expect(r300[2]).toEqual([
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
      new Date('2019-09-10T00:00:00Z'),
      122.101,
      30.0205,
    ]);
    expect(sheets[2].data[1][10]).toBe(414.6);
  });

  it('says 正式数据 (not 示例数据) for live data', async () => {
    const file = await exportZoneList(context(false), { by: 'rule', ruleId: 'R500' }, 'xlsx');
    const [cover] = await readXlsxFile(ab(file.bytes));
    const all = cover.data.flat().join(' ');
    expect(all).toContain('正式数据');
    expect(all).not.toContain('示例数据');
  });

  it('freezes the header row and sets column widths', async () => {
    const file = await exportZoneList(context(), { by: 'zone', zoneId: 'R300:C-001' }, 'xlsx');
    const zip = unzipSync(file.bytes);
    const sheet2 = strFromU8(zip['xl/worksheets/sheet2.xml']);
    expect(sheet2).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
    expect(sheet2).toMatch(/<col [^>]*width="24"/);
    const sheets = await readXlsxFile(ab(file.bytes));
    expect(sheets.map((s) => s.sheet)).toEqual(['封面', '东管庙社区 R300']);
  });

  it('writes hostile names as string cells, never formulas, and reads them back unchanged', async () => {
    const file = await exportZoneList(context(), { by: 'all' }, 'xlsx', { lang: 'en' });
    const zip = unzipSync(file.bytes);
    for (const [name, data] of Object.entries(zip)) {
      if (name.startsWith('xl/worksheets/')) expect(strFromU8(data)).not.toContain('<f>');
    }
    const sheets = await readXlsxFile(ab(file.bytes));
    const cells = sheets.slice(1).flatMap((s) => s.data.flat());
    expect(cells).toContain(HOSTILE.formula);
    expect(cells).toContain(HOSTILE.plus);
    expect(cells).toContain(HOSTILE.html);
    expect(sheets[1].data[0]).toEqual(ZONE_COLUMNS.map((c) => c.key));
    // The mixed name (quote, newline, ]]>, tab) survives the XML round trip.
    expect(cells).toContain(HOSTILE.mixed);
  });

  it('cleans sheet names to Excel rules and keeps them unique', () => {
    const used = new Set<string>();
    expect(uniqueSheetName('a/b:c*d?[e]\\f', used)).toBe('a_b_c_d__e__f');
    expect(uniqueSheetName('x'.repeat(40), used)).toHaveLength(31);
    expect(uniqueSheetName('x'.repeat(40), used)).toBe(`${'x'.repeat(27)} (2)`);
    expect(uniqueSheetName("'", used)).toBe('Sheet');
  });
});

describe('KML zone list', () => {
  async function parsed(lang: 'zh' | 'en' = 'zh') {
    const file = await exportZoneList(context(), { by: 'all' }, 'kml', { lang });
    const xml = text(file.bytes);
    const dom = new DOMParser({
      onError: (level, msg) => {
        if (level !== 'warning') throw new Error(msg);
      },
    }).parseFromString(xml, 'text/xml');
    return { xml, file, fc: kmlToGeoJson(dom as unknown as Document) };
  }

  it('parses back with toGeoJSON into the same rows (names, ExtendedData, coordinates)', async () => {
    const { fc, file } = await parsed();
    expect(file.mime).toBe('application/vnd.google-earth.kml+xml');
    const rows = buildZoneRows(context(), { by: 'all' });
    const table = zoneTable(rows, campaign, 'zh');
    expect(fc.features).toHaveLength(rows.length);
    fc.features.forEach((f, i) => {
      const p = f.properties!;
      expect(p.name).toBe(rows[i].objectName);
      ZONE_COLUMNS.forEach((c, j) => expect(p[c.key]).toBe(table.rows[i][j] === null ? '' : String(table.rows[i][j])));
    });
    const street = fc.features.find((f) => f.properties!.object_id === 'S-001')!;
    expect(street.geometry).toEqual({
      type: 'LineString',
      coordinates: [
        [122.108, 30.015],
        [122.11, 30.015],
        [122.11, 30.017],
      ],
    });
    const k2 = fc.features.find((f) => f.properties!.object_id === 'K-002')!;
    expect(k2.geometry!.type).toBe('Polygon');
    const k1 = fc.features.find((f) => f.properties!.object_id === 'K-001')!;
    expect(k1.geometry).toEqual({ type: 'Point', coordinates: [122.101, 30.0205] });
    expect(k1.properties!.styleUrl).toBe('#state-overdue');
  });

  it('is a Google Earth document: Document, Folder per zone, Placemark, ExtendedData, styles', async () => {
    const { xml } = await parsed();
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">')).toBe(
      true,
    );
    expect(xml.match(/<Folder>/g)).toHaveLength(3);
    expect(xml).toContain('<name>攻坚范围对象清单 (示例数据)</name>');
    expect(xml.match(/<Placemark>/g)).toHaveLength(5);
    expect(xml).toContain(
      `<Style id="state-overdue"><IconStyle><color>${kmlColor(campaign.lifecycle.derived.overdue.color)}</color>`,
    );
    expect(xml).toContain('<BalloonStyle><text>$[description]</text></BalloonStyle>');
  });

  it('carries hostile names as text: no live tags, no early CDATA end, HTML-escaped descriptions', async () => {
    const { xml, fc } = await parsed();
    expect(xml).not.toContain('<script');
    expect(xml).not.toContain('<img');
    expect(xml).not.toContain(']]>');
    const names = fc.features.map((f) => f.properties!.name);
    expect(names).toContain(HOSTILE.formula);
    expect(names).toContain(HOSTILE.mixed);
    expect(fc.features.map((f) => f.properties!.anchor_name)).toContain(HOSTILE.html);
    // Google Earth renders descriptions as HTML: after XML parsing they still hold escaped entities, not tags.
    for (const f of fc.features) {
      const d = String(f.properties!.description ?? '');
      expect(d).not.toMatch(/<(script|img)/i);
    }
    const k3 = fc.features.find((f) => f.properties!.object_id === 'K-003')!;
    expect(String(k3.properties!.description)).toContain(
      'He said &quot;hi&quot;, then<br>left ]]&gt; &amp; &#39;quoted&#39;',
    );
  });

  it('drops characters XML cannot hold and keeps CR', () => {
    expect(xmlText('a\u0001b\u0000c\r\n<d>')).toBe('abc&#13;\n&lt;d&gt;');
  });
});

describe('GeoJSON zone list', () => {
  it('round-trips rows with object geometries and codes', async () => {
    const file = await exportZoneList(context(), { by: 'rule', ruleId: 'R300' }, 'geojson', { lang: 'en' });
    const raw = text(file.bytes);
    expect(raw).not.toContain('<');
    const fc = JSON.parse(raw);
    expect(fc.features).toHaveLength(4);
    expect(fc.export).toMatchObject({
      asOfDate: '2019-09-12',
      sample: true,
      filters: ['Rule: 300 m around urban communities (R300)'],
    });
    const f = fc.features.find((x: { id: string }) => x.id === 'R300:C-001|K-002');
    expect(f.geometry.type).toBe('Polygon');
    expect(f.properties).toMatchObject({
      zone_id: 'R300:C-001',
      rule: '300 m around urban communities',
      rule_id: 'R300',
      object_name: HOSTILE.formula,
      state: 'Never inspected',
      state_code: 'neverInspected',
      unit_code: 'U-CG',
      lng: 122.101,
      lat: 30.021,
      inside_m: null,
    });
    expect(fc.features.map((x: { properties: { anchor_name: string } }) => x.properties.anchor_name)).toContain(
      HOSTILE.html,
    );
  });
});

/**
 * A seeded engine answer over hostile objects: names with formula leads, quotes, commas, newlines, surrogates;
 * objects in two or three zones of two rules; distances that tie; streets with inside lengths; members the data
 * set does not hold, objects without status or position; a zone whose hits disagree on the anchor's name.
 */
function hostileContext(seed: number): ExportContext {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const names = [
    '=1+1',
    '+SUM(A1)',
    '-2',
    '@cmd',
    '\t=x',
    '＝1',
    'say "hi", then\nleave',
    'a,b',
    '😀 小区',
    '\uD800 lone',
    '',
    '和平小区',
  ];
  const objects = new Map<string, ExportObject>();
  const status: EngineResult['status'] = {};
  const rules = ['R300', 'R500'].map((ruleId): RuleResult => {
    const zones = Array.from({ length: 6 }, (_, z) => ({
      id: `${ruleId}:Z${z}`,
      ruleId,
      anchorId: `Z${z}`,
      anchorName: pick(names) || `社区${z}`,
      anchorKind: 'community' as const,
      subdistrict: '330902002',
      center: [122.1, 30.02] as [number, number],
      radiusM: 300,
    }));
    const memberships: Membership[] = [];
    for (let i = 0; i < 300; i++) {
      const id = `${pick(['K', '=K', 'S'])}-${Math.floor(rnd() * 400)}`;
      if (memberships.some((m) => m.objectId === id)) continue;
      const street = rnd() < 0.3;
      if (rnd() < 0.9 && !objects.has(id)) {
        objects.set(id, {
          id,
          kind: street ? 'street' : 'compound',
          name: pick(names) + (rnd() < 0.5 ? i : ''),
          subdistrict: pick(['330902002', '330902003', '', 'unknown']),
          unit: pick(['U-CG', 'U-HN', '', '=U']),
          lastInspected: rnd() < 0.7 ? '2019-09-10' : null,
          sample: true,
          geometry: { type: 'Point', coordinates: [0, 0] },
          point: rnd() < 0.9 ? [122 + rnd() * 0.2 - (rnd() < 0.1 ? 300 : 0), 30 + rnd() * 0.1] : null,
        });
      }
      if (rnd() < 0.9) {
        const open = Math.floor(rnd() * 4);
        status[id] = {
          objectId: id,
          kind: street ? 'street' : 'compound',
          state: pick(['overdue', 'clean', 'neverInspected', 'reported'] as const),
          openDefects: open,
          overdue: Math.floor(rnd() * (open + 1)),
          reopened: 0,
          lastInspected: rnd() < 0.5 ? '2019-09-01' : null,
          stale: false,
        };
      }
      const first = Math.floor(rnd() * zones.length);
      const anchors = Array.from({ length: 1 + Math.floor(rnd() * 3) }, (_, k) => {
        const z = zones[(first + k) % zones.length];
        // Whole decimetres plus noise, from a small range: many equal distances after rounding.
        const distanceM = Math.floor(rnd() * 40) / 10 + (rnd() - 0.5) * 0.04;
        return {
          zoneId: z.id,
          anchorId: z.anchorId,
          anchorName: rnd() < 0.02 ? `${z.anchorName}?` : z.anchorName,
          distanceM,
          ...(street ? { insideLengthM: rnd() * 500 } : {}),
        };
      });
      memberships.push({
        ruleId,
        objectId: id,
        kind: street ? 'street' : 'compound',
        anchors,
        distanceM: Math.min(...anchors.map((a) => a.distanceM)),
      });
    }
    return {
      ruleId,
      radiusM: 300,
      zones,
      geometry: null,
      circles: { type: 'FeatureCollection', features: [] },
      memberships,
      figures: {} as RuleResult['figures'],
      zoneFigures: [],
    };
  });
  return {
    campaign,
    objects,
    engine: { asOfDate: '2019-09-12', rules, status },
    meta: { asOfDate: '2019-09-12', sample: true, generatedAt: new Date(0) },
  };
}

describe('CSV zone list', () => {
  const selections: RowSelection[] = [
    { by: 'all' },
    { by: 'rule', ruleId: 'R500' },
    { by: 'zone', zoneId: 'R300:Z2' },
    { by: 'filter', objectIds: ['K-1', 'S-2', '=K-3'] },
  ];

  it('writes from the plan the same bytes as the generic writer over the rows, on seeded hostile data', () => {
    for (const seed of [1, 2, 3]) {
      const ctx = hostileContext(seed);
      for (const sel of selections) {
        for (const lang of ['zh', 'en'] as const) {
          const rows = buildZoneRows(ctx, sel);
          const expected = toCsvBytes(zoneSource(rows, campaign, lang), { lang });
          expect(hex(zoneCsvBytes(planZoneRows(ctx, sel), campaign, lang))).toBe(hex(expected));
        }
      }
    }
  });

  it('is what the export button gives, rows counted, for the fixture too', async () => {
    for (const ctx of [context(), hostileContext(4)]) {
      const file = await exportZoneList(ctx, { by: 'all' }, 'csv', { lang: 'en' });
      const rows = buildZoneRows(ctx, { by: 'all' });
      expect(file.rowCount).toBe(rows.length);
      expect(file.mime).toBe('text/csv;charset=utf-8');
      // The hostile answer has R500 at 300 m: its rule cells say so.
      const radii = radiusChanges(campaign, ctx.engine.rules);
      expect([...file.bytes]).toEqual([...toCsvBytes(zoneSource(rows, campaign, 'en', { radii }), { lang: 'en' })]);
    }
  });
});

describe('zoneFilename', () => {
  it('names a zone by its rule, anchor and radius, in the file language', () => {
    expect(zoneFilename(context(false), { by: 'zone', zoneId: 'R300:C-001' }, 'csv')).toBe(
      'R300_东管庙社区周边300米_2019-09-12.csv',
    );
    expect(zoneFilename(context(true), { by: 'zone', zoneId: 'R300:C-001' }, 'xlsx', [], 'en')).toBe(
      'R300_东管庙社区 300 m_2019-09-12_sample.xlsx',
    );
  });

  it('names a rule, a task force and a filter', () => {
    expect(zoneFilename(context(true), { by: 'rule', ruleId: 'R300' }, 'xlsx')).toBe(
      'R300_城市社区周边300米_2019-09-12_示例数据.xlsx',
    );
    expect(zoneFilename(context(false), { by: 'taskForce', code: 'TF1' }, 'kml')).toBe('TF1_居民小区_2019-09-12.kml');
    expect(zoneFilename(context(false), { by: 'filter', objectIds: [] }, 'csv')).toBe('筛选结果_2019-09-12.csv');
  });
});

describe('a list computed at a what-if radius', () => {
  /** The fixture's answer as if R300 had been computed at 400 m (the plan says 300 m). */
  function at400(): ExportContext {
    const ctx = context();
    const rules = ctx.engine.rules.map((r) =>
      r.ruleId === 'R300' ? { ...r, radiusM: 400, zones: r.zones.map((z) => ({ ...z, radiusM: 400 })) } : r,
    );
    return { ...ctx, engine: { ...ctx.engine, rules } };
  }

  it('says 400 米 in the CSV rule column and the file name', async () => {
    const file = await exportZoneList(at400(), { by: 'rule', ruleId: 'R300' }, 'csv');
    expect(file.filename).toBe('R300_城市社区周边300米_R300试算400米_2019-09-12_示例数据.csv');
    const lines = text(file.bytes).split('\r\n');
    expect(lines[1]).toContain('城市社区周边300米（试算半径 400 米，方案 300 米）');
  });

  it('says 400 米 in the XLSX title, cover and sheet, and leaves a rule at its plan radius alone', async () => {
    const file = await exportZoneList(at400(), { by: 'all' }, 'xlsx');
    expect(file.filename).toBe('全部攻坚范围_R300试算400米_2019-09-12_示例数据.xlsx');
    const sheets = await readXlsxFile(ab(file.bytes));
    const cover = sheets[0].data.map((r) => r.filter((c) => c !== null).join(' | '));
    expect(cover[0]).toBe('攻坚范围对象清单（试算半径）');
    expect(cover).toContain('试算半径 | 城市社区周边300米（R300）：400 米（方案 300 米）');
    expect(sheets[1].data[1][1]).toBe('城市社区周边300米（试算半径 400 米，方案 300 米）');
    expect(sheets[2].data[1][1]).toBe('建成区农贸市场周边500米');
  });

  it('records the radius used in the GeoJSON export member and the KML document', async () => {
    const geo = JSON.parse(text((await exportZoneList(at400(), { by: 'all' }, 'geojson', { lang: 'en' })).bytes));
    expect(geo.export.title).toBe('Campaign zone list (what-if radius)');
    expect(geo.export.radii).toEqual([{ ruleId: 'R300', planM: 300, usedM: 400 }]);
    expect(geo.features[0].properties.rule).toBe('300 m around urban communities (what-if radius 400 m, plan 300 m)');
    const kml = text((await exportZoneList(at400(), { by: 'all' }, 'kml')).bytes);
    expect(kml).toContain('<name>攻坚范围对象清单（试算半径） (示例数据)</name>');
    expect(kml).toContain('试算半径：城市社区周边300米（R300）：400 米（方案 300 米）');
  });

  it('adds nothing when every rule is at its plan radius', async () => {
    const file = await exportZoneList(context(), { by: 'all' }, 'geojson');
    const geo = JSON.parse(text(file.bytes));
    expect(geo.export.radii).toEqual([]);
    expect(file.filename).toBe('全部攻坚范围_2019-09-12_示例数据.geojson');
  });
});
