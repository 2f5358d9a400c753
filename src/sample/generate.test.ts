import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Feature, FeatureCollection, LineString, Point, Polygon } from 'geojson';
import { booleanPointInPolygon, distance, lineIntersect, circle, polygonToLine } from '@turf/turf';
import gcoord from 'gcoord';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/node';
import { kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import { DEFAULT_DATA_DIR, loadSampleInputs } from '../../scripts/make-sample';
import { dayFromIso } from '../campaign/dates';
import { historyProblems, isOverdue } from '../campaign/model';
import type { Campaign, DefectState } from '../campaign/types';
import { generateSample } from './generate';
import { SAMPLE_PATHS, type SampleInputs, type SampleOutput } from './settings';

let inputs: SampleInputs;
let output: SampleOutput;
let campaign: Campaign;
let land: FeatureCollection<Polygon>;
/** Header row and data rows of the markets workbook. */
let marketSheet: { header: unknown[]; rows: unknown[][] };
const file = (path: string) => {
  const f = output.files.find((x) => x.path === path);
  if (!f) throw new Error(`generator wrote no ${path}`);
  return f.bytes;
};
const text = (path: string) => new TextDecoder().decode(file(path)).replace(/^\ufeff/, '');
const csv = (body: string) => Papa.parse<Record<string, string>>(body, { header: true, skipEmptyLines: true }).data;
const geojson = <T extends FeatureCollection>(path: string) => JSON.parse(text(path)) as T;

beforeAll(async () => {
  inputs = loadSampleInputs(DEFAULT_DATA_DIR);
  campaign = inputs.campaign;
  land = inputs.land as FeatureCollection<Polygon>;
  output = await generateSample(inputs);
  const [sheet] = (await readXlsxFile(Buffer.from(file(SAMPLE_PATHS.markets)))) as unknown as { data: unknown[][] }[];
  marketSheet = { header: sheet.data[0], rows: sheet.data.slice(1) };
}, 60_000);

/** Inside the district's bbox and on one of the OSM land polygons. */
function onLand(p: number[]): boolean {
  const [w, s, e, n] = campaign.district.bbox;
  return p[0] >= w && p[0] <= e && p[1] >= s && p[1] <= n && land.features.some((f) => booleanPointInPolygon(p, f));
}

function marketCell(row: unknown[], header: string): unknown {
  return row[marketSheet.header.indexOf(header)];
}

describe('reproducibility', () => {
  it('writes identical bytes on a second run', async () => {
    const again = await generateSample(loadSampleInputs(DEFAULT_DATA_DIR));
    expect(again.files.map((f) => f.path)).toEqual(output.files.map((f) => f.path));
    again.files.forEach((f, i) =>
      expect(Buffer.compare(Buffer.from(f.bytes), Buffer.from(output.files[i].bytes)), f.path).toBe(0),
    );
  }, 60_000);

  it('matches the committed files under data/ (run `npm run sample` after changing the generator)', () => {
    for (const f of output.files) {
      const committed = readFileSync(join(DEFAULT_DATA_DIR, f.path));
      expect(Buffer.compare(committed, Buffer.from(f.bytes)), `data/${f.path} is stale`).toBe(0);
    }
  });

  it('changes with the seed', async () => {
    const other = await generateSample(inputs, { seed: 7, defects: 50 });
    expect(Buffer.compare(Buffer.from(other.files[0].bytes), Buffer.from(output.files[0].bytes))).not.toBe(0);
  }, 60_000);
});

describe('sources.json', () => {
  it('lists every file the generator wrote, plus the real geodata and declarations, each present on disk', () => {
    const listed = output.sources.sources.map((s) => s.path);
    for (const f of output.files.filter((x) => x.path !== SAMPLE_PATHS.sources)) expect(listed).toContain(f.path);
    for (const s of output.sources.sources)
      expect(() => readFileSync(join(DEFAULT_DATA_DIR, s.path)), s.path).not.toThrow();
    expect(new Set(output.sources.sources.map((s) => s.id)).size).toBe(output.sources.sources.length);
  });
  it('marks synthetic sources sample and gives real ones an attribution', () => {
    for (const s of output.sources.sources) {
      if (s.path.startsWith('sample/')) expect(s.sample, s.id).toBe(true);
      else if (s.kind !== 'declaration') expect(s.attribution?.licence, s.id).toBeTruthy();
    }
  });
  it('uses the formats the pipeline must read: a GCJ-02 CSV, an XLSX, a KML and a GBK CSV', () => {
    const specs = output.sources.sources;
    expect(specs.some((s) => s.format === 'csv' && s.crs === 'gcj02')).toBe(true);
    expect(specs.some((s) => s.format === 'xlsx')).toBe(true);
    expect(specs.some((s) => s.format === 'kml')).toBe(true);
    expect(specs.some((s) => s.format === 'csv' && s.encoding === 'gbk')).toBe(true);
  });
  it('names only headers that are in the table', () => {
    for (const s of output.sources.sources.filter((x) => x.format === 'csv' && x.path.startsWith('sample/'))) {
      const bytes = file(s.path);
      const body = s.encoding === 'gbk' ? iconv.decode(Buffer.from(bytes), 'gbk') : new TextDecoder().decode(bytes);
      const headers = body
        .replace(/^\ufeff/, '')
        .split('\r\n')[0]
        .split(',');
      for (const header of Object.values(s.columns ?? {})) expect(headers, `${s.path}`).toContain(header);
    }
  });
});

describe('sample contents', () => {
  it('has an office for every urban community of the four built-up subdistricts, with real NBS codes', () => {
    const divisions = csv(readFileSync(join(DEFAULT_DATA_DIR, 'geodata/dinghai_divisions.csv'), 'utf8'));
    const builtUp = new Set(campaign.subdistricts.filter((s) => s.area === 'builtUp').map((s) => s.code));
    const expected = divisions.filter((d) => builtUp.has(d.parent_code) && d.type === '社区居委会');
    const rows = csv(text(SAMPLE_PATHS.communities));
    expect(rows.map((r) => r['编码']).sort()).toEqual(expected.map((d) => d.code).sort());
    for (const r of rows) expect(r['名称']).toBe(expected.find((d) => d.code === r['编码'])?.name);
  });

  it('writes community positions in GCJ-02: converted back they fall on land, ~400 m west of the raw numbers', () => {
    for (const r of csv(text(SAMPLE_PATHS.communities))) {
      const gcj: [number, number] = [Number(r['经度']), Number(r['纬度'])];
      const wgs = gcoord.transform(gcj, gcoord.GCJ02, gcoord.WGS84);
      expect(onLand(wgs), r['编码']).toBe(true);
      expect(distance(gcj, wgs, { units: 'kilometers' })).toBeGreaterThan(0.3);
    }
  });

  it('has 20 built-up markets and one per rural town in the XLSX', () => {
    const { rows } = marketSheet;
    expect(rows.filter((r) => marketCell(r, '建成区') === true)).toHaveLength(20);
    const rural = rows.filter((r) => marketCell(r, '建成区') === false);
    expect(new Set(rural.map((r) => marketCell(r, '所属街道'))).size).toBe(7);
    for (const r of rows)
      expect(onLand([marketCell(r, '经度') as number, marketCell(r, '纬度') as number]), String(r[0])).toBe(true);
  });

  it('takes the 7 town seats from GeoNames (岑港, not 册子) and does not mark them sample', () => {
    const seats = geojson<FeatureCollection<Point, { subdistrict: string; source: string; sample: boolean }>>(
      SAMPLE_PATHS.townSeats,
    );
    const rural = campaign.subdistricts.filter((s) => s.area === 'rural').map((s) => s.code);
    expect(seats.features.map((f) => f.properties.subdistrict).sort()).toEqual([...rural].sort());
    expect(seats.features.every((f) => f.properties.sample === false)).toBe(true);
    expect(seats.features.find((f) => f.properties.subdistrict === '330902007')?.properties.source).toContain(
      '1815916',
    );
  });

  it('has about 400 compounds, points and small polygons, some within 300 m of a community and some not', () => {
    const compounds = geojson<FeatureCollection<Point | Polygon, { sample: boolean }>>(SAMPLE_PATHS.compounds).features;
    expect(compounds.length).toBeGreaterThanOrEqual(380);
    expect(compounds.length).toBeLessThanOrEqual(420);
    const polygons = compounds.filter((c) => c.geometry.type === 'Polygon');
    expect(polygons.length).toBeGreaterThan(40);
    expect(polygons.length).toBeLessThan(compounds.length / 2);
    const communities = csv(text(SAMPLE_PATHS.communities)).map((r) =>
      gcoord.transform([Number(r['经度']), Number(r['纬度'])], gcoord.GCJ02, gcoord.WGS84),
    );
    const nearestM = (p: number[]) =>
      Math.min(...communities.map((c) => distance(c, p, { units: 'kilometers' }) * 1000));
    const points = compounds.filter((c): c is Feature<Point, { sample: boolean }> => c.geometry.type === 'Point');
    const inside = points.filter((c) => nearestM(c.geometry.coordinates) <= 300).length;
    expect(inside).toBeGreaterThan(points.length * 0.3);
    expect(inside).toBeLessThan(points.length * 0.9);
    for (const c of compounds) {
      expect(c.properties.sample).toBe(true);
      const vertices = c.geometry.type === 'Point' ? [c.geometry.coordinates] : c.geometry.coordinates[0];
      for (const v of vertices) expect(onLand(v)).toBe(true);
    }
  });

  it('has several hundred streets on land in the KML, main roads on the route, and back streets that cross a 500 m circle twice', () => {
    const doc = new DOMParser().parseFromString(text(SAMPLE_PATHS.streets), 'text/xml');
    const streets = kml(doc as unknown as Document).features as Feature<LineString, Record<string, string>>[];
    expect(streets.length).toBeGreaterThanOrEqual(300);
    expect(
      streets.filter((s) => s.properties.streetClass === 'main' && s.properties.onRoute === 'true').length,
    ).toBeGreaterThan(10);
    expect(streets.filter((s) => s.properties.streetClass === 'back').length).toBeGreaterThan(200);
    for (const s of streets) for (const v of s.geometry.coordinates) expect(onLand(v), s.properties.id).toBe(true);

    // A street that crosses a market's 500 m circle three or more times is inside it twice (in, out, in, out).
    const rings = marketSheet.rows
      .filter((r) => marketCell(r, '建成区') === true)
      .map(
        (r) =>
          polygonToLine(
            circle([marketCell(r, '经度') as number, marketCell(r, '纬度') as number], 0.5, {
              steps: 256,
              units: 'kilometers',
            }),
          ) as Feature<LineString>,
      );
    const back = streets.filter((s) => s.properties.streetClass === 'back');
    const crossings = back.map((s) => Math.max(...rings.map((ring) => lineIntersect(s, ring).features.length)));
    expect(crossings.filter((n) => n >= 3).length).toBeGreaterThanOrEqual(15);
    expect(crossings.filter((n) => n === 1 || n === 2).length).toBeGreaterThan(20);
  });

  it('has Lei Feng stations and traffic posts in a GBK CSV, with three-element checks and faults', () => {
    const rows = csv(iconv.decode(Buffer.from(file(SAMPLE_PATHS.stations)), 'gbk'));
    const types = new Set(rows.map((r) => r['类型']));
    expect(types.size).toBe(2);
    expect(rows.some((r) => r['有标识'] === '否')).toBe(true);
    expect(rows.some((r) => r['有标识'] === '')).toBe(true);
    expect(rows.some((r) => r['抽查问题'] !== '')).toBe(true);
    for (const r of rows) expect(onLand([Number(r['经度']), Number(r['纬度'])]), r['编号']).toBe(true);
  });

  it('has objects never inspected and objects not inspected for longer than staleDays, and none inspected after the as-of date', () => {
    const compounds = geojson<FeatureCollection<Point | Polygon, { lastInspected: string | null }>>(
      SAMPLE_PATHS.compounds,
    ).features;
    const asOf = dayFromIso(campaign.asOfDate);
    const days = compounds
      .map((c) => c.properties.lastInspected)
      .filter((d): d is string => d !== null)
      .map(dayFromIso);
    expect(compounds.length - days.length).toBeGreaterThan(20);
    expect(days.filter((d) => asOf - d > campaign.staleDays).length).toBeGreaterThan(10);
    expect(Math.max(...days)).toBeLessThanOrEqual(asOf);
  });

  it('has ad sites, 8 of them landscape features', () => {
    const sites = geojson<FeatureCollection<Point, { landscapeFeature: boolean }>>(SAMPLE_PATHS.adsites).features;
    expect(sites.filter((s) => s.properties.landscapeFeature)).toHaveLength(8);
  });

  it('has visit figures per community only, consistent with each other', () => {
    const rows = csv(text(SAMPLE_PATHS.visits));
    expect(rows).toHaveLength(csv(text(SAMPLE_PATHS.communities)).length);
    expect(Object.keys(rows[0]).sort()).toEqual(
      ['回收问卷', '已走访户数', '户数', '楼道数', '楼道长数', '满意率', '社区编码'].sort(),
    );
    for (const r of rows) {
      expect(Number(r['已走访户数'])).toBeLessThanOrEqual(Number(r['户数']));
      expect(Number(r['回收问卷'])).toBeLessThanOrEqual(Number(r['已走访户数']));
      expect(Number(r['楼道长数'])).toBeLessThanOrEqual(Number(r['楼道数']));
    }
  });

  describe('defects', () => {
    const code = <T extends { code: string; zh: string }>(list: T[], zh: string) => list.find((x) => x.zh === zh)?.code;
    const current = () => csv(text(SAMPLE_PATHS.defects));
    const earlier = () => csv(text(SAMPLE_PATHS.defectHistory));

    it('has 5,000 defects with unique ids across all nine task forces and all lifecycle states', () => {
      const rows = current();
      expect(rows).toHaveLength(5000);
      expect(new Set(rows.map((r) => r['编号'])).size).toBe(5000);
      expect(new Set(rows.map((r) => code(campaign.taskForces, r['专项']))).size).toBe(9);
      const states = new Set(rows.map((r) => code(campaign.lifecycle.states, r['状态'])));
      expect([...states].sort()).toEqual(campaign.lifecycle.states.map((s) => s.code).sort());
    });

    it('uses categories of the defect task force, real dates and deadlines 3–21 days out; some are overdue', () => {
      const asOf = dayFromIso(campaign.asOfDate);
      let overdue = 0;
      for (const r of current()) {
        const tf = campaign.taskForces.find((t) => t.zh === r['专项']);
        expect(
          tf?.categories.some((c) => c.zh === r['类别']),
          r['编号'],
        ).toBe(true);
        const found = dayFromIso(r['发现日期']);
        const deadline = dayFromIso(r['整改期限']);
        expect(found).toBeGreaterThanOrEqual(dayFromIso('2019-08-21'));
        expect(found).toBeLessThanOrEqual(asOf);
        expect(deadline - found).toBeGreaterThanOrEqual(3);
        expect(deadline - found).toBeLessThanOrEqual(21);
        const state = code(campaign.lifecycle.states, r['状态']) as DefectState;
        if (isOverdue(deadline, state, asOf, campaign)) overdue += 1;
      }
      expect(overdue).toBeGreaterThan(100);
      expect(overdue).toBeLessThan(2500);
    });

    it('has histories that follow the lifecycle transitions and end in the current state', () => {
      const observations = new Map<string, { date: string; to: string }[]>();
      for (const r of [...earlier(), ...current()]) {
        const list = observations.get(r['编号']) ?? [];
        list.push({ date: r['状态日期'], to: code(campaign.lifecycle.states, r['状态']) as string });
        observations.set(r['编号'], list);
      }
      const bad: string[] = [];
      for (const [id, list] of observations) {
        list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
        const history = list.map((o, i) => ({ date: o.date, from: i === 0 ? null : list[i - 1].to, to: o.to }));
        for (const p of historyProblems(campaign, history)) bad.push(`${id}: ${p}`);
        if (new Set(list.map((o) => o.date)).size !== list.length) bad.push(`${id}: two states on one date`);
      }
      expect(bad).toEqual([]);
      expect([...observations.values()].some((l) => l.some((o) => o.to === 'reopened'))).toBe(true);
    });

    it('puts every defect on land in the district, near the object it is linked to', () => {
      const objects = new Map<string, number[][]>();
      const add = (id: string, coords: number[][]) => objects.set(id, coords);
      for (const f of geojson<FeatureCollection<Point | Polygon, { id: string }>>(SAMPLE_PATHS.compounds).features) {
        add(f.properties.id, f.geometry.type === 'Point' ? [f.geometry.coordinates] : f.geometry.coordinates[0]);
      }
      for (const f of geojson<FeatureCollection<Point, { id: string }>>(SAMPLE_PATHS.adsites).features)
        add(f.properties.id, [f.geometry.coordinates]);
      const doc = new DOMParser().parseFromString(text(SAMPLE_PATHS.streets), 'text/xml');
      for (const f of kml(doc as unknown as Document).features as Feature<LineString, { id: string }>[])
        add(f.properties.id, f.geometry.coordinates);
      const rows = current();
      let linked = 0;
      for (const r of rows) {
        const p = [Number(r['经度']), Number(r['纬度'])];
        expect(onLand(p), r['编号']).toBe(true);
        const coords = objects.get(r['关联对象']);
        if (!coords) continue;
        linked += 1;
        // Streets: a defect lies on a segment, so its distance to the nearest vertex is at most half a segment.
        const nearestM = Math.min(...coords.map((c) => distance(c, p, { units: 'kilometers' }) * 1000));
        expect(nearestM, r['编号']).toBeLessThan(200);
      }
      expect(linked).toBeGreaterThan(2500);
      expect(rows.filter((r) => r['关联对象'] === '').length).toBeLessThan(100);
    });
  });
});
