/**
 * `npm run new-district` end to end: 岱山县 (330921) from the DataV file of two Zhoushan districts (GCJ-02), its
 * templates filled with seeded rows the way an office would (GCJ-02 positions inside the boundary), the refresh
 * run on the folder, and the zones and memberships the engine finds checked against a brute-force haversine
 * count made here.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { booleanPointInPolygon } from '@turf/turf';
import gcoord from 'gcoord';
import { readSheet } from 'read-excel-file/node';
import writeExcelFile from 'write-excel-file/node';
import { parseCampaign } from '../src/campaign/parse';
import type { Campaign } from '../src/campaign/types';
import { computeEngine } from '../src/geo/engine';
import { mulberry32 } from '../src/geo/prng';
import { DEFAULT_LIMITS } from '../src/ingest/limits';
import type { LandFC } from '../src/dataset/types';
import type { SourcesFile } from '../src/ingest/types';
import { checkZip } from '../src/ingest/zip';
import { readDefectColumns } from './lib/defects-files';
import { newDistrict } from './new-district';
import { refresh } from './refresh';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BOUNDARIES = join(root, 'data', 'geodata', 'zhoushan_more_districts_gcj02.geojson');
const TEMPLATE = join(root, 'data', 'campaign.json');

let work: string;
let folder: string;
let lines: string[];
let campaign: Campaign;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'new-district-'));
  folder = join(work, 'daishan');
  lines = [];
  const code = await newDistrict(
    { boundary: BOUNDARIES, crs: 'gcj02', pick: '330921', out: folder, campaignFrom: TEMPLATE },
    (l) => lines.push(l),
  );
  expect(code, lines.join('\n')).toBe(0);
  campaign = parseCampaign(readJson('campaign.json'));
}, 30_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(join(folder, path), 'utf8'));
}

describe('the new folder', () => {
  test('holds a valid campaign for 岱山县 with its townships, extent and units', () => {
    expect(campaign.district).toMatchObject({ zh: '岱山县', adcode: '330921' });
    expect(campaign.subdistricts.map((s) => `${s.zh}:${s.area}`)).toEqual([
      '高亭镇:builtUp', // no 街道 in 岱山: the first town (the county seat) stands in for the built-up area
      '东沙镇:rural',
      '岱东镇:rural',
      '岱西镇:rural',
      '长涂镇:rural',
      '衢山镇:rural',
      '秀山乡:rural',
    ]);
    const [w, s, e, n] = campaign.district.bbox;
    expect([w, s, e, n]).toEqual([121.57829, 30.13102, 122.94205, 30.60248]);
    expect(campaign.district.center).toEqual([122.28212, 30.35173]);
    expect(campaign.units.map((u) => u.zh)).toContain('县住建局');
    expect(campaign.units.map((u) => u.zh)).toContain('高亭镇');
    expect(campaign.taskForces.find((t) => t.code === 'TF8')?.leadUnits).toEqual(['U-330921100']);
    expect(campaign.zoneRules).toEqual(parseCampaign(JSON.parse(readFileSync(TEMPLATE, 'utf8'))).zoneRules);
  });

  test('lists the boundary as land, since the bundled land file covers only part of 岱山', () => {
    const sources = readJson('sources.json') as SourcesFile;
    const byId = new Map(sources.sources.map((s) => [s.id, s]));
    expect(byId.get('land')).toMatchObject({ path: 'geodata/boundary_wgs84.geojson', kind: 'land' });
    expect(sources.sources.every((s) => s.sample !== true)).toBe(true);
    expect(readFileSync(join(folder, 'README.txt'), 'utf8')).toContain('覆盖本区县边界面积的 56%');
    const divisions = readFileSync(join(folder, 'geodata', 'divisions.csv'), 'utf8').split('\r\n');
    expect(divisions.slice(0, 3)).toEqual([
      'code,name,level,parent_code,parent_name,type',
      '330921,岱山县,district,330900,舟山市,',
      '330921100,高亭镇,township,330921,岱山县,镇',
    ]);
  });

  test('templates have the refresh headers, a guide, allowed values and drop-down lists', async () => {
    const bytes = readFileSync(join(folder, 'templates', '问题清单.xlsx'));
    const rows = await readSheet(bytes, '问题清单');
    expect(rows[0]).toEqual([
      '编号',
      '专项',
      '类别',
      '状态',
      '经度',
      '纬度',
      '发现日期',
      '整改期限',
      '状态日期',
      '责任单位',
      '所属街道',
      '关联对象',
      '问题描述',
      '照片',
    ]);
    const guide = await readSheet(bytes, '填写说明');
    expect(guide.some((r) => r[0] === '状态' && r[2] === '必填')).toBe(true);
    const allowed = await readSheet(bytes, '允许值');
    expect(allowed.map((r) => r[0]).filter(Boolean)).toEqual([
      '所属街道（乡镇）',
      ...campaign.subdistricts.map((s) => s.zh),
    ]);
    const zip = await checkZip(new Uint8Array(bytes), DEFAULT_LIMITS);
    if (!zip.ok) throw new Error(zip.reason);
    const sheet = (await zip.text('xl/worksheets/sheet1.xml')) ?? '';
    expect(sheet).toMatch(/<pane [^>]*state="frozen"/);
    expect(sheet).toContain(`sqref="D2:D5000"><formula1>'允许值'!$C$2:$C$7</formula1>`);
    expect(sheet.indexOf('<dataValidations')).toBeGreaterThan(sheet.indexOf('</sheetData>'));
  });

  test('refreshes as made, with empty templates', async () => {
    const log: string[] = [];
    expect(
      await refresh({ data: folder, out: join(work, 'empty-out'), check: true, lenient: false }, (l) => log.push(l)),
    ).toBe(0);
  });

  test('is never written over', async () => {
    const log: string[] = [];
    const before = readFileSync(join(folder, 'campaign.json'));
    const code = await newDistrict(
      { boundary: BOUNDARIES, crs: 'gcj02', pick: '岱山县', out: folder, campaignFrom: TEMPLATE },
      (l) => log.push(l),
    );
    expect(code).toBe(1);
    expect(log).toEqual([expect.stringMatching(/^new-district: .*daishan is not empty \(README.txt, campaign.json/)]);
    expect(readFileSync(join(folder, 'campaign.json'))).toEqual(before);
  });

  test('lists the choices when the pick is missing or matches nothing', async () => {
    for (const pick of [undefined, '定海区']) {
      const log: string[] = [];
      const out = join(work, `none-${pick ?? 'missing'}`);
      const code = await newDistrict({ boundary: BOUNDARIES, crs: 'gcj02', pick, out, campaignFrom: TEMPLATE }, (l) =>
        log.push(l),
      );
      expect(code).toBe(1);
      expect(log).toHaveLength(1);
      expect(log[0]).toContain('330921 岱山县, 330922 嵊泗县');
      expect(readdirSync(work)).not.toContain(`none-${pick ?? 'missing'}`);
    }
  });
});

describe('filled in and refreshed', () => {
  const R = 6371008.8;
  const rad = Math.PI / 180;
  /** Great-circle distance in metres, written here so the check does not share code with the engine. */
  const haversine = ([lng1, lat1]: number[], [lng2, lat2]: number[]) => {
    const h =
      Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
      Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lng2 - lng1) * rad) / 2) ** 2;
    return 2 * R * Math.asin(Math.sqrt(h));
  };

  test('zones and memberships match a brute-force haversine check', async () => {
    const random = mulberry32(330921);
    const boundary = (readJson('geodata/boundary_wgs84.geojson') as FeatureCollection<Polygon | MultiPolygon>)
      .features[0];
    const [w, s, e, n] = campaign.district.bbox;
    const inside = (p: number[]) => p[0] > w && p[0] < e && p[1] > s && p[1] < n && booleanPointInPolygon(p, boundary);
    const somewhere = (): number[] => {
      for (;;) {
        const p = [w + random() * (e - w), s + random() * (n - s)];
        if (inside(p)) return p;
      }
    };
    /** A point `maxM` or less from `p` (uniform bearing and distance), kept in the bbox. */
    const near = (p: number[], maxM: number): number[] => {
      for (;;) {
        const d = random() * maxM;
        const b = random() * 2 * Math.PI;
        const q = [p[0] + (d * Math.sin(b)) / (R * rad * Math.cos(p[1] * rad)), p[1] + (d * Math.cos(b)) / (R * rad)];
        if (q[0] > w && q[0] < e && q[1] > s && q[1] < n) return q;
      }
    };
    const gcj = (p: number[]) =>
      gcoord.transform(p as [number, number], gcoord.WGS84, gcoord.GCJ02).map((x) => Math.round(x * 1e6) / 1e6);
    const [seat, ...towns] = campaign.subdistricts.map((sd) => sd.zh);

    const communities = Array.from({ length: 5 }, (_, i) => ({
      p: somewhere(),
      row: [`C${i + 1}`, `社区${i + 1}`, `33092110000${i + 1}`, i < 4 ? seat : towns[0]],
    }));
    const markets = [
      { p: somewhere(), row: ['M1', '市场1', seat, ''] },
      { p: somewhere(), row: ['M2', '市场2', seat, '是'] },
      { p: somewhere(), row: ['M3', '市场3', seat, '否'] }, // in the built-up town but said not built-up
      { p: somewhere(), row: ['M4', '市场4', towns[1], ''] },
    ];
    const seats = towns.slice(0, 4).map((t, i) => ({ p: somewhere(), row: [`T${i + 1}`, `${t}驻地`, t] }));
    seats.push({ p: somewhere(), row: ['T5', `${seat}驻地`, seat] });
    const compounds = [...communities, ...seats].flatMap((a, i) =>
      [0, 1, 2].map((k) => ({
        p: near(a.p, a.row[0].startsWith('C') ? 600 : 2000),
        row: [`H${i}-${k}`, `小区${i}-${k}`, seat],
      })),
    );
    const stations = seats.map((a, i) => ({
      p: near(a.p, 1500),
      row: [`V${i}`, `站点${i}`, '学雷锋志愿服务站', seat],
    }));
    const adsites = seats.map((a, i) => ({ p: near(a.p, 1500), row: [`A${i}`, `广告${i}`, seat] }));

    // Each row as the office types it: headers from the template itself, positions in GCJ-02.
    const fill = async (file: string, sheet: string, objects: { p: number[]; row: string[] }[], layout: string[]) => {
      const path = join(folder, 'templates', file);
      const [header] = await readSheet(readFileSync(path), sheet);
      const rows = objects.map(({ p, row }) => {
        const [lng, lat] = gcj(p);
        const values: Record<string, string | number> = { 经度: lng, 纬度: lat };
        layout.forEach((h, i) => (values[h] = row[i]));
        return header.map((h) => {
          const v = values[String(h)];
          return v === undefined || v === ''
            ? null
            : typeof v === 'number'
              ? { value: v, type: Number }
              : { value: v, type: String };
        });
      });
      await writeExcelFile([header.map((h) => ({ value: String(h), type: String })), ...rows], { sheet }).toFile(path);
    };
    await fill('城市社区.xlsx', '城市社区', communities, ['编号', '名称', '区划代码', '所属街道']);
    await fill('农贸市场.xlsx', '农贸市场', markets, ['编号', '名称', '所属街道', '建成区']);
    await fill('镇街驻地.xlsx', '镇街驻地', seats, ['编号', '名称', '所属街道']);
    await fill('居民小区.xlsx', '居民小区', compounds, ['编号', '名称', '所属街道']);
    await fill('志愿服务站点.xlsx', '志愿服务站点', stations, ['编号', '名称', '站点类型', '所属街道']);
    await fill('公益广告点位.xlsx', '公益广告点位', adsites, ['编号', '名称', '所属街道']);

    const out = join(work, 'out');
    const log: string[] = [];
    expect(await refresh({ data: folder, out, check: false, lenient: false }, (l) => log.push(l)), log.join('\n')).toBe(
      0,
    );

    const read = <T>(name: string) => JSON.parse(readFileSync(join(out, name), 'utf8')) as T;
    const layer = (name: string) => read<FeatureCollection<Point>>(name).features;
    const land = read<LandFC>('land.geojson');
    const layers = {
      communities: layer('communities.geojson'),
      markets: layer('markets.geojson'),
      townSeats: layer('townSeats.geojson'),
      compounds: layer('compounds.geojson'),
      streets: layer('streets.geojson'),
      stations: layer('stations.geojson'),
      adsites: layer('adsites.geojson'),
    };
    expect([
      layers.communities.length,
      layers.markets.length,
      layers.townSeats.length,
      layers.compounds.length,
    ]).toEqual([5, 4, 5, 30]);
    const collection = (features: Feature<Point>[]) => ({ type: 'FeatureCollection', features }) as never;
    const result = computeEngine({
      campaign: read<Campaign>('campaign.json'),
      communities: collection(layers.communities),
      markets: collection(layers.markets),
      townSeats: collection(layers.townSeats),
      compounds: collection(layers.compounds),
      streets: collection(layers.streets),
      stations: collection(layers.stations),
      adsites: collection(layers.adsites),
      land,
      defects: readDefectColumns(out),
    });

    const area = new Map(campaign.subdistricts.map((sd) => [sd.code, sd.area]));
    const kindLayer: Record<string, Feature<Point>[]> = {
      community: layers.communities,
      market: layers.markets,
      townSeat: layers.townSeats,
      compound: layers.compounds,
      street: [],
      station: layers.stations,
      adsite: layers.adsites,
    };
    const onLand = (f: Feature<Point>) => land.features.some((l) => booleanPointInPolygon(f.geometry.coordinates, l));
    for (const rule of campaign.zoneRules) {
      const anchors = kindLayer[rule.anchorKind].filter((a) => {
        const p = a.properties as { subdistrict: string; builtUp?: boolean };
        if (rule.anchorArea && area.get(p.subdistrict) !== rule.anchorArea) return false;
        return !(rule.anchorKind === 'market' && rule.anchorArea === 'builtUp' && p.builtUp === false);
      });
      const engineRule = result.rules.find((r) => r.ruleId === rule.id)!;
      expect(engineRule.zones.map((z) => z.id).sort(), rule.id).toEqual(
        anchors.map((a) => `${rule.id}:${a.properties!.id}`).sort(),
      );
      const expected = new Set<string>();
      const ambiguous = new Set<string>();
      for (const a of anchors)
        for (const kind of rule.targetKinds)
          for (const t of kindLayer[kind]) {
            if (rule.clipToLand && !onLand(t)) continue;
            const d = haversine(a.geometry.coordinates, t.geometry.coordinates);
            const key = `${rule.id}:${a.properties!.id} ${t.properties!.id}`;
            if (Math.abs(d - rule.radiusM) < 1) ambiguous.add(key);
            else if (d < rule.radiusM) expected.add(key);
          }
      const found = engineRule.memberships.flatMap((m) => m.anchors.map((h) => `${h.zoneId} ${m.objectId}`));
      expect(found.filter((k) => !ambiguous.has(k)).sort(), rule.id).toEqual([...expected].sort());
    }
    // The seeds make every rule count something, so the comparison above is not empty.
    expect(result.rules.map((r) => [r.ruleId, r.zones.length, r.memberships.length > 0])).toEqual([
      ['R300', 4, true],
      ['R500', 2, false],
      ['R1000', 4, true],
    ]);
  }, 40_000);
});

describe('a folder with a land file that covers it', () => {
  test('copies the template land (定海区 from its own boundary)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'new-district-dh-'));
    try {
      const boundary = join(dir, 'dinghai.geojson');
      writeFileSync(boundary, readFileSync(join(root, 'data', 'geodata', 'dinghai_boundary_wgs84.geojson')));
      mkdirSync(join(dir, 'x'));
      const log: string[] = [];
      const out = join(dir, 'x', 'dinghai');
      expect(await newDistrict({ boundary, crs: 'wgs84', out, campaignFrom: TEMPLATE }, (l) => log.push(l))).toBe(0);
      const sources = JSON.parse(readFileSync(join(out, 'sources.json'), 'utf8')) as SourcesFile;
      expect(sources.sources.find((s) => s.id === 'land')?.path).toBe('geodata/zhoushan_land_osm_wgs84.geojson');
      expect(readFileSync(join(out, 'geodata', 'divisions.csv'), 'utf8')).toBe(
        readFileSync(join(root, 'data', 'geodata', 'dinghai_divisions.csv'), 'utf8'),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
