import iconv from 'iconv-lite';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parseCampaign } from '../campaign/parse';
import type { EngineResult, RuleResult } from '../geo/types';
import { ingestSources, type SourceInput } from '../ingest/ingest';
import type { Problem, SourceSpec } from '../ingest/types';
import { buildImportReport, GROUP_LOCATIONS, groupProblems, messagePattern } from './import-report';
import { OPTIONAL_SHAPE_CHECKS } from './shape';
import { smallBoundary } from './test-data';
import type { ImportReport } from './types';
import { buildDataset } from './write';

const here = dirname(fileURLToPath(import.meta.url));
const campaign = parseCampaign(JSON.parse(readFileSync(join(here, '../../data/campaign.json'), 'utf8')));
const utf8 = (text: string) => new TextEncoder().encode(text);
const spec = (s: Partial<SourceSpec> & Pick<SourceSpec, 'kind' | 'format' | 'path'>): SourceSpec => ({
  id: s.path,
  crs: 'wgs84',
  ...s,
});
const NO_ZONES: EngineResult = { asOfDate: '2019-09-12', rules: [], status: {} };
const PHONE = '13857012345';

/** The inputs of a lenient refresh: GCJ-02 communities with one bad row, GBK stations, visits with a phone. */
const SOURCES: SourceInput[] = [
  {
    spec: spec({ path: 'boundary.geojson', kind: 'boundary', format: 'geojson' }),
    bytes: utf8(JSON.stringify(smallBoundary())),
  },
  {
    spec: spec({ path: 'communities.csv', kind: 'community', format: 'csv', crs: 'gcj02' }),
    bytes: utf8(
      [
        '编号,名称,区划代码,经度,纬度,所属街道',
        'C1,西安社区,330902002001,122.105,30.02,昌国街道',
        'C2,东管庙社区,330902002002,122.106,30.021,昌国街道',
        'C3,南珍社区,330902002003,abc,30.02,昌国街道',
        'C4,北门社区,330902002004,x1,30.02,昌国街道',
      ].join('\n'),
    ),
  },
  {
    spec: spec({ path: 'stations.csv', kind: 'station', format: 'csv', encoding: 'auto' }),
    bytes: new Uint8Array(
      iconv.encode(
        '编号,名称,站点类型,经度,纬度,所属街道,有标识,志愿者在岗,有服务内容,问题\nV1,西安站,学雷锋志愿服务站,122.1,30.02,昌国街道,是,否,,\n',
        'gbk',
      ),
    ),
  },
  {
    spec: spec({ path: 'visits.csv', kind: 'visit', format: 'csv' }),
    // The phone sits in its own column and, typed in the wrong place, in 已走访: that row fails.
    bytes: utf8(`社区,姓名,电话,已走访\nC1,王秀英,${PHONE},是\nC1,李建国,${PHONE},${PHONE}\n`),
  },
];

async function refreshReport(): Promise<{ report: ImportReport; content: string; problems: Problem[] }> {
  const { data, problems, stats } = await ingestSources(SOURCES, campaign);
  const built = buildDataset(data, campaign, {
    generatedAt: '2019-09-12T08:00:00.000Z',
    importReport: { sources: [...SOURCES.map((s) => s.spec), missingSpec], stats, problems: [...problems, missing] },
  });
  const file = built.files.find((f) => f.key === 'importReport')!;
  expect(file.path).toBe('import-report.json');
  expect(built.manifest.files.importReport?.path).toBe('import-report.json');
  return { report: JSON.parse(file.content as string) as ImportReport, content: file.content as string, problems };
}
const missingSpec = spec({ path: 'ads.csv', kind: 'adsite', format: 'csv' });
const missing: Problem = {
  file: 'ads.csv',
  location: 'file',
  field: 'path',
  message: "file not found (listed in sources.json as 'ads.csv')",
};

describe('buildImportReport through buildDataset', () => {
  test('per source: rows read, kept and skipped, and the totals', async () => {
    const { report } = await refreshReport();
    expect(report.sources.map((s) => [s.path, s.read, s.records, s.kept, s.skipped])).toEqual([
      ['boundary.geojson', true, 1, 1, 0],
      ['communities.csv', true, 4, 2, 2],
      ['stations.csv', true, 1, 1, 0],
      ['visits.csv', true, 2, 1, 1],
      ['ads.csv', false, 0, 0, 0],
    ]);
    expect(report.totals).toEqual({ sources: 5, records: 8, kept: 5, skipped: 3, errors: 4, warnings: 0 });
    expect(report.generatedAt).toBe('2019-09-12T08:00:00.000Z');
    expect(OPTIONAL_SHAPE_CHECKS.importReport(report)).toBeNull();
  });

  test('an empty template (a header, no rows) was read: only its warning says it is empty', async () => {
    const empty: SourceInput = {
      spec: spec({ path: 'markets.csv', kind: 'market', format: 'csv' }),
      bytes: utf8('编号,名称,经度,纬度,所属街道\n'),
    };
    const { data, problems, stats } = await ingestSources([SOURCES[0], empty], campaign);
    // As the refresh's reader reports an empty table (read-source.ts emptyFile).
    const warning = {
      file: 'markets.csv',
      location: 'file',
      field: 'table',
      message: 'no rows (only a header)',
      severity: 'warning' as const,
    };
    const built = buildDataset(data, campaign, {
      generatedAt: '2019-09-12T08:00:00.000Z',
      importReport: { sources: [SOURCES[0].spec, empty.spec], stats, problems: [...problems, warning] },
    });
    const report = JSON.parse(built.files.find((f) => f.key === 'importReport')!.content as string) as ImportReport;
    expect(report.sources[1]).toMatchObject({ path: 'markets.csv', read: true, records: 0 });
    expect(report.sources[1].warnings).toHaveLength(1);
  });

  test('notes what was converted: GCJ-02 to WGS-84, GBK to UTF-8, visits to per-community figures', async () => {
    const { report } = await refreshReport();
    const of = (path: string) => report.sources.find((s) => s.path === path)!;
    expect(of('communities.csv').conversions).toEqual([{ kind: 'crs', from: 'gcj02', to: 'wgs84' }]);
    expect(of('communities.csv').encoding).toBe('utf8');
    expect(of('stations.csv')).toMatchObject({ encoding: 'gbk', conversions: [{ kind: 'encoding', from: 'gbk' }] });
    expect(of('visits.csv').conversions).toEqual([{ kind: 'visitFigures', minHouseholds: 5 }]);
    expect(of('boundary.geojson').conversions).toEqual([]);
  });

  test('a workbook in the 1904 date system is noted', () => {
    const report = buildImportReport(
      {
        sources: [spec({ path: 'd.xlsx', kind: 'defect', format: 'xlsx' })],
        stats: [{ id: 'd.xlsx', path: 'd.xlsx', records: 3, kept: 3, date1904: true }],
        problems: [],
      },
      campaign,
      NO_ZONES,
      'x',
    );
    expect(report.sources[0].conversions).toEqual([{ kind: 'date1904' }]);
  });

  test('groups problems by field and message with values taken out, with the first locations', async () => {
    const { report } = await refreshReport();
    expect(report.sources[1].errors).toEqual([
      { file: 'communities.csv', field: '经度', pattern: "not a number: '…'", count: 2, locations: ['row 4', 'row 5'] },
    ]);
    expect(report.sources[4].errors).toEqual([
      {
        file: 'ads.csv',
        field: 'path',
        pattern: "file not found (listed in sources.json as '…')",
        count: 1,
        locations: ['file'],
      },
    ]);
    expect(report.other).toEqual({ errors: [], warnings: [] });
  });

  test('no value of a planted phone number reaches the report, nor any other published file', async () => {
    const { content, problems } = await refreshReport();
    expect(problems.some((p) => p.file === 'visits.csv' && p.field === '已走访')).toBe(true);
    expect(content).not.toContain(PHONE);
    expect(content).not.toContain('王秀英');
    expect(content).not.toContain('abc');
  });

  test('the zones of each rule over the published data', async () => {
    const { report } = await refreshReport();
    expect(report.coverage.map((c) => c.ruleId)).toEqual(campaign.zoneRules.map((r) => r.id));
    const r300 = report.coverage.find((c) => c.ruleId === 'R300')!;
    expect(r300).toMatchObject({ radiusM: 300, zones: 2, members: 0, membersByKind: {} });
    expect(r300.emptyZones.map((z) => z.anchorId)).toEqual(['C1', 'C2']);
  });
});

describe('warnings and coverage', () => {
  const problem = (location: string, message: string, severity?: 'warning'): Problem =>
    ({ file: 'm.csv', location, field: '经度', message, ...(severity && { severity }) }) as Problem;

  test('a problem with severity "warning" goes to the warnings, and counts as one', () => {
    const report = buildImportReport(
      {
        sources: [spec({ path: 'm.csv', kind: 'market', format: 'csv' })],
        stats: [{ id: 'm.csv', path: 'm.csv', records: 2, kept: 2 }],
        problems: [problem('row 2', 'in the sea, 120 m from land', 'warning'), problem('row 3', "not a number: 'x'")],
      },
      campaign,
      NO_ZONES,
      'x',
    );
    expect(report.sources[0].warnings).toEqual([
      { file: 'm.csv', field: '经度', pattern: 'in the sea, … m from land', count: 1, locations: ['row 2'] },
    ]);
    expect(report.sources[0].errors.map((g) => g.pattern)).toEqual(["not a number: '…'"]);
    expect(report.totals).toMatchObject({ errors: 1, warnings: 1 });
  });

  test(`a group keeps its first ${GROUP_LOCATIONS} locations and counts them all, the biggest group first`, () => {
    const rows = Array.from({ length: 7 }, (_, i) => problem(`row ${i + 2}`, `${i + 10} is out of range`));
    const groups = groupProblems([problem('row 1', 'missing'), ...rows]);
    expect(groups.map((g) => [g.pattern, g.count])).toEqual([
      ['… is out of range', 7],
      ['missing', 1],
    ]);
    expect(groups[0].locations).toEqual(['row 2', 'row 3', 'row 4', 'row 5', 'row 6']);
  });

  test('problems of no listed source are reported apart', () => {
    const other: Problem = { file: 'sources.json', location: 'file', field: 'visit', message: "community 'C1' twice" };
    const report = buildImportReport({ sources: [], stats: [], problems: [other] }, campaign, NO_ZONES, 'x');
    expect(report.other.errors).toEqual([
      { file: 'sources.json', field: 'visit', pattern: "community '…' twice", count: 1, locations: ['file'] },
    ]);
  });

  test('members by kind, each object once, and the anchors whose zone holds nothing', () => {
    const zone = (anchorId: string) => ({ id: `R1000:${anchorId}`, anchorId, anchorName: `${anchorId} 镇` });
    const hit = (zoneId: string) => ({ zoneId, anchorId: '', anchorName: '', distanceM: 1 });
    const rule = {
      ruleId: 'R1000',
      radiusM: 1000,
      zones: [zone('T1'), zone('T2'), zone('T3')],
      memberships: [
        { objectId: 'K1', kind: 'compound', anchors: [hit('R1000:T1'), hit('R1000:T3')] },
        { objectId: 'K2', kind: 'compound', anchors: [hit('R1000:T1')] },
        { objectId: 'S1', kind: 'street', anchors: [hit('R1000:T1')] },
      ],
    } as unknown as RuleResult;
    const report = buildImportReport(
      { sources: [], stats: [], problems: [] },
      campaign,
      { ...NO_ZONES, rules: [rule] },
      'x',
    );
    expect(report.coverage).toEqual([
      {
        ruleId: 'R1000',
        radiusM: 1000,
        zones: 3,
        members: 3,
        membersByKind: { compound: 2, street: 1 },
        emptyZones: [{ zoneId: 'R1000:T2', anchorId: 'T2', anchorName: 'T2 镇' }],
      },
    ]);
  });
});

describe('messagePattern', () => {
  test.each([
    ["not a number: 'abc'", "not a number: '…'"],
    [
      '[30.02, 122.105] (GCJ02; WGS-84 [30.02, 122.105]) is outside the district bbox [121.8, 29.9, 122.3, 30.2]; lng and lat look swapped',
      '[…] (GCJ02; WGS-84 […]) is outside the district bbox […]; lng and lat look swapped',
    ],
    ['2019-09-30 is before the found date 2019-10-01', '… is before the found date …'],
    [
      'invisible character U+200B (zero-width space) at position 3: retype the id',
      'invisible character U+200B (zero-width space) at position …: retype the id',
    ],
    [
      '4500 characters is over the limit; raise maxCellChars (4000) in sources.json "limits"',
      '… characters is over the limit; raise maxCellChars (…) in sources.json "…"',
    ],
    ['not valid UTF-8 at byte 12: set "encoding": "gbk"', 'not valid UTF-8 at byte …: set "…": "…"'],
  ])('%s', (message, pattern) => {
    expect(messagePattern(message)).toBe(pattern);
  });
});
