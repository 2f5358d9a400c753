import iconv from 'iconv-lite';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parseCampaign } from '../campaign/parse';
import { ingestSources, type SourceInput } from './ingest';
import { formatProblem } from './problems';
import type { SourceSpec } from './types';

const here = dirname(fileURLToPath(import.meta.url));
const campaign = parseCampaign(JSON.parse(readFileSync(join(here, '../../data/campaign.json'), 'utf8')));
const utf8 = (text: string) => new TextEncoder().encode(text);
const spec = (s: Partial<SourceSpec> & Pick<SourceSpec, 'kind' | 'format' | 'path'>): SourceSpec => ({
  id: s.path,
  crs: 'wgs84',
  ...s,
});
const ingestOne = async (input: SourceInput) => ingestSources([input], campaign);

describe('good path, one test per format', () => {
  test('CSV, UTF-8 with BOM, GCJ-02 → WGS-84, Chinese names resolved to codes', async () => {
    const csv =
      '\ufeff编号,名称,区划代码,经度,纬度,所属街道,最近检查\nC1,西安社区,330902002001,122.256906,30.065098,昌国,2019/9/1\n';
    const { data, problems } = await ingestOne({
      spec: spec({ path: 'c.csv', kind: 'community', format: 'csv', crs: 'gcj02' }),
      bytes: utf8(csv),
    });
    expect(problems).toEqual([]);
    const f = data.communities.features[0];
    expect(f.properties).toEqual({
      id: 'C1',
      name: '西安社区',
      code: '330902002001',
      subdistrict: '330902002',
      unit: 'U-CG',
      lastInspected: '2019-09-01',
      sample: false,
    });
    expect(f.geometry.coordinates[0]).toBeCloseTo(122.252787, 5);
    expect(f.geometry.coordinates[1]).toBeCloseTo(30.067532, 5);
  });

  test('CSV in GBK, detected automatically', async () => {
    const csv =
      '编号,名称,站点类型,经度,纬度,所属街道,有标识,志愿者在岗,有服务内容,问题\nV1,西安站,学雷锋志愿服务站,122.1,30.02,昌国街道,是,否,,脱岗、着装不规范\n';
    const { data, problems } = await ingestOne({
      spec: spec({ path: 's.csv', kind: 'station', format: 'csv', encoding: 'auto' }),
      bytes: new Uint8Array(iconv.encode(csv, 'gbk')),
    });
    expect(problems).toEqual([]);
    expect(data.stations.features[0].properties).toMatchObject({
      name: '西安站',
      stationType: 'leifeng',
      hasSign: true,
      volunteersPresent: false,
      hasServiceContent: null,
      faults: ['TF7-04', 'TF7-05'],
    });
  });

  test('XLSX, named sheet, a header mapped in sources.json, date cells and serials', async () => {
    const bytes = new Uint8Array(readFileSync(join(here, '__fixtures__/good/markets.xlsx')));
    const { data, problems } = await ingestOne({
      spec: spec({ path: 'm.xlsx', kind: 'market', format: 'xlsx', sheet: '市场', columns: { name: '市场名称' } }),
      bytes,
    });
    expect(problems).toEqual([]);
    expect(data.markets.features.map((f) => f.properties)).toEqual([
      {
        id: 'M1',
        name: '东门菜场',
        subdistrict: '330902002',
        unit: 'U-CG',
        lastInspected: '2019-09-01',
        sample: false,
        builtUp: true,
      },
      {
        id: 'M2',
        name: '金塘菜场',
        subdistrict: '330902100',
        unit: 'U-JT',
        lastInspected: '2019-09-01',
        sample: false,
        builtUp: false,
      },
    ]);
  });

  test('XLSX, first sheet when none is named', async () => {
    const bytes = new Uint8Array(readFileSync(join(here, '__fixtures__/good/markets.xlsx')));
    const { problems, warnings } = await ingestOne({
      spec: spec({ path: 'm.xlsx', kind: 'market', format: 'xlsx' }),
      bytes,
    });
    // The first sheet is the explanatory note, a single cell: proof it was the one read.
    expect(problems).toEqual([]);
    expect(warnings.map(formatProblem)).toEqual([
      "m.xlsx:file: warning: table: no rows (only a header) in sheet '说明': nothing from this file is published",
    ]);
  });

  test('GeoJSON, a bare array of features (DataV style), polygon and point compounds', async () => {
    const features = [
      {
        type: 'Feature',
        properties: { id: 'H1', name: '南金小区', subdistrict: '330902002', households: 120 },
        geometry: { type: 'Point', coordinates: [122.1, 30.02] },
      },
      {
        type: 'Feature',
        properties: { id: 'H2', name: '文福公寓', subdistrict: '城东街道', unit: '区住建局' },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [122.1, 30.02],
              [122.101, 30.02],
              [122.101, 30.021],
              [122.1, 30.02],
            ],
          ],
        },
      },
    ];
    const { data, problems } = await ingestOne({
      spec: spec({ path: 'h.geojson', kind: 'compound', format: 'geojson', sample: true }),
      bytes: utf8(JSON.stringify(features)),
    });
    expect(problems).toEqual([]);
    expect(data.compounds.features.map((f) => f.properties)).toEqual([
      {
        id: 'H1',
        name: '南金小区',
        subdistrict: '330902002',
        unit: 'U-CG',
        lastInspected: null,
        sample: true,
        households: 120,
      },
      { id: 'H2', name: '文福公寓', subdistrict: '330902004', unit: 'U-ZJJ', lastInspected: null, sample: true },
    ]);
    expect(data.sample).toBe(true);
  });

  test('KML with ExtendedData, and tokml\'s "null" read back as blank', async () => {
    const kml = `<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>
      <Placemark><name>和宁巷</name><ExtendedData><Data name="id"><value>S1</value></Data><Data name="subdistrict"><value>昌国街道</value></Data>
      <Data name="streetClass"><value>背街小巷</value></Data><Data name="onRoute"><value>true</value></Data><Data name="lastInspected"><value>null</value></Data></ExtendedData>
      <LineString><coordinates>122.1,30.02 122.101,30.021</coordinates></LineString></Placemark></Document></kml>`;
    const { data, problems } = await ingestOne({
      spec: spec({ path: 's.kml', kind: 'street', format: 'kml' }),
      bytes: utf8(kml),
    });
    expect(problems).toEqual([]);
    expect(data.streets.features[0]).toEqual({
      type: 'Feature',
      geometry: {
        type: 'LineString',
        coordinates: [
          [122.1, 30.02],
          [122.101, 30.021],
        ],
      },
      properties: {
        id: 'S1',
        name: '和宁巷',
        subdistrict: '330902002',
        unit: 'U-CG',
        lastInspected: null,
        sample: false,
        streetClass: 'back',
        onRoute: true,
      },
    });
  });
});

describe('streets from a table (经纬度串)', () => {
  const header = '编号,名称,所属街道,道路类别,测评路线,经纬度串\n';

  test('a CSV row becomes a LineString, GCJ-02 converted vertex by vertex', async () => {
    const csv = `${header}S1,人民路,昌国,背街小巷,是,"122.105,30.020;122.107,30.021；122.109,30.0215;"\n`;
    const { data, problems } = await ingestOne({
      spec: spec({ path: 'streets.csv', kind: 'street', format: 'csv', crs: 'gcj02' }),
      bytes: utf8(csv),
    });
    expect(problems).toEqual([]);
    const f = data.streets.features[0];
    expect(f.properties).toMatchObject({ id: 'S1', name: '人民路', streetClass: 'back', onRoute: true });
    expect(f.geometry.type).toBe('LineString');
    expect(f.geometry.coordinates).toHaveLength(3);
    // GCJ-02 sits about 420 m east and 250 m south of WGS-84 here: the stored vertex is west and north of it.
    const [lng, lat] = f.geometry.coordinates[0];
    expect(lng).toBeLessThan(122.105 - 0.003);
    expect(lat).toBeGreaterThan(30.02 + 0.001);
  });

  test('each malformed row is one problem naming the file, row, column and vertex', async () => {
    const csv =
      header +
      'S1,甲路,昌国,背街小巷,否,"122.1,30.02;122.2"\n' +
      `S2,乙路,昌国,背街小巷,否,"122.1,30.02;122°06'00"",30.03"\n` +
      'S3,丙路,昌国,背街小巷,否,"122.1,30.02;30.03,122.11"\n' +
      'S4,丁路,昌国,背街小巷,否,\n' +
      'S5,戊路,昌国,背街小巷,否,"122.1,30.02"\n';
    const { data, problems } = await ingestOne({
      spec: spec({ path: 'streets.csv', kind: 'street', format: 'csv' }),
      bytes: utf8(csv),
    });
    expect(data.streets.features).toEqual([]);
    expect(problems.map(formatProblem)).toEqual([
      "streets.csv:row 2: 经纬度串: vertex 2: '122.2' is not 'lng,lat' (vertices are 'lng,lat' separated by ';')",
      `streets.csv:row 3: 经纬度串: vertex 2: lng: degrees-minutes-seconds '122°06'00"': write decimal degrees (122.1)`,
      expect.stringMatching(
        /^streets\.csv:row 4: 经纬度串: vertex 2: \[30\.03, 122\.11\] is outside the district bbox .*lng and lat look swapped$/,
      ),
      'streets.csv:row 5: 经纬度串: missing',
      "streets.csv:row 6: 经纬度串: 1 vertex: a line needs at least 2 ('lng,lat;lng,lat;…')",
    ]);
  });

  test('a table without the 经纬度串 column says which column is missing', async () => {
    const { problems } = await ingestOne({
      spec: spec({ path: 'streets.csv', kind: 'street', format: 'csv' }),
      bytes: utf8('编号,名称,所属街道,道路类别\nS1,甲路,昌国,背街小巷\n'),
    });
    expect(problems.map(formatProblem)).toEqual([
      expect.stringMatching(/^streets\.csv:row 1: vertices: missing required column/),
    ]);
  });
});

describe('defect exports', () => {
  const header = '编号,专项,类别,状态,经度,纬度,所属街道,责任单位,发现日期,整改期限\n';
  const row = (state: string) =>
    `D1,背街小巷,小广告,${state},122.1,30.02,昌国街道,区综合执法局,2019-09-01,2019-09-10\n`;
  test('exports dated by sources.json merge whatever order they are listed in', async () => {
    const newer = {
      spec: spec({ id: 'd2', path: 'd2.csv', kind: 'defect', format: 'csv', asOfDate: '2019-09-05' }),
      bytes: utf8(header + row('待复核')),
    };
    const older = {
      spec: spec({ id: 'd1', path: 'd1.csv', kind: 'defect', format: 'csv', asOfDate: '2019-09-02' }),
      bytes: utf8(header + row('立案')),
    };
    const { data, problems } = await ingestSources([newer, older], campaign);
    expect(problems).toEqual([]);
    expect(data.defects).toHaveLength(1);
    expect(data.defects[0]).toMatchObject({ state: 'awaiting_recheck', updated: '2019-09-05', category: 'TF2-14' });
    expect(data.defects[0].history).toEqual([
      { date: '2019-09-02', from: null, to: 'assigned', unit: 'U-ZHZF' },
      { date: '2019-09-05', from: 'assigned', to: 'awaiting_recheck', unit: 'U-ZHZF' },
    ]);
  });
});

describe('ids compared as written by hand', () => {
  const communities = {
    spec: spec({ path: 'c.csv', kind: 'community', format: 'csv' }),
    bytes: utf8('编号,名称,区划代码,经度,纬度,所属街道\nC1,西安社区,330902002001,122.105,30.02,昌国街道\n'),
  };
  test('a visit row names its community in full-width digits: the same community; an invisible character: refused', async () => {
    const visits = {
      spec: spec({ path: 'v.csv', kind: 'visit', format: 'csv' }),
      bytes: utf8('社区,已走访,问卷回收,是否满意\n３３０９０２００２００１,是,是,是\nC\u200b1,是,是,是\n'),
    };
    const { data, problems } = await ingestSources([communities, visits], campaign);
    expect(problems.map((p) => `${p.file}:${p.location}: ${p.field}: ${p.message}`)).toEqual([
      'v.csv:row 3: 社区: invisible character U+200B (zero-width space) at position 2: retype the id',
    ]);
    expect(data.visits.map((v) => v.community)).toEqual(['C1']);
  });
});
