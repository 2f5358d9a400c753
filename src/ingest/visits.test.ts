import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parseCampaign } from '../campaign/parse';
import { smallModel } from '../dataset/test-data';
import { buildDataset } from '../dataset/write';
import { ingestSources } from './ingest';
import { formatProblem } from './problems';
import type { SourceKind, SourceSpec } from './types';
import { suppressVisits } from './visits';

const here = dirname(fileURLToPath(import.meta.url));
const campaign = parseCampaign(JSON.parse(readFileSync(join(here, '../../data/campaign.json'), 'utf8')));
/** The same campaign publishing every community, to check the figures themselves. */
const everyCommunity = { ...campaign, privacy: { personalKinds: ['visit'] as SourceKind[], minHouseholds: 1 } };
const utf8 = (text: string) => new TextEncoder().encode(text);
const spec = (s: Partial<SourceSpec> & Pick<SourceSpec, 'kind' | 'format' | 'path'>): SourceSpec => ({
  id: s.path,
  crs: 'wgs84',
  ...s,
});

const boundary = {
  type: 'Feature',
  properties: { name: '定海区', adcode: 330902 },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [122.0, 30.0],
        [122.2, 30.0],
        [122.2, 30.1],
        [122.0, 30.0],
      ],
    ],
  },
};
const communities =
  '编号,名称,区划代码,经度,纬度,所属街道\nC1,西安社区,330902002001,122.105,30.02,昌国街道\nC2,东管庙社区,330902002002,122.106,30.021,昌国街道\n';
// Household records as a subdistrict keeps them: names, phones, addresses, ID numbers, and a stairwell head's name.
const PERSONAL = [
  '王秀英',
  '13857012345',
  '人民北路18号3幢2单元401室',
  '330902195901011234',
  '李建国',
  '0580-2021234',
  '张伟',
];
const households = [
  '社区,姓名,电话,地址,身份证号,楼道,楼道长,已走访,问卷回收,满意度',
  'C1,王秀英,13857012345,人民北路18号3幢2单元401室,330902195901011234,3幢2单元,李建国,是,是,满意',
  '西安社区,张伟,0580-2021234,人民北路18号3幢2单元402室,,3幢2单元,李建国,是,是,不满意',
  '330902002001,,,,,3幢1单元,,是,否,',
  'C2,,,东管庙路1号,,1幢1单元,无,否,否,',
].join('\n');

describe('door-to-door visits', () => {
  test('household records become per-community figures, and nothing personal reaches any output file', async () => {
    const { data, problems } = await ingestSources(
      [
        {
          spec: spec({ path: 'boundary.geojson', kind: 'boundary', format: 'geojson' }),
          bytes: utf8(JSON.stringify(boundary)),
        },
        { spec: spec({ path: 'communities.csv', kind: 'community', format: 'csv' }), bytes: utf8(communities) },
        { spec: spec({ path: 'visits.csv', kind: 'visit', format: 'csv' }), bytes: utf8(households) },
      ],
      everyCommunity,
    );
    expect(problems.map(formatProblem)).toEqual([]);
    expect(data.visits).toEqual([
      {
        community: 'C1',
        households: 3,
        visited: 3,
        questionnaires: 2,
        satisfaction: 0.5,
        stairwells: 2,
        stairwellHeads: 1,
        sample: false,
      },
      {
        community: 'C2',
        households: 1,
        visited: 0,
        questionnaires: 0,
        satisfaction: null,
        stairwells: 1,
        stairwellHeads: 0,
        sample: false,
      },
    ]);
    const built = buildDataset(data, everyCommunity, { generatedAt: '2019-09-12T00:00:00Z' });
    const everything = [built.manifestContent, ...built.files.map((f) => f.content)].join('\n');
    for (const value of PERSONAL) expect(everything).not.toContain(value);
    expect(everything).not.toMatch(/人民北路|东管庙路|姓名|电话|身份证/);
  });

  test('a problem in a visit file never quotes a personal column', async () => {
    const bad = '社区,姓名,电话,已走访\n东海社区,王秀英,13857012345,也许\n';
    const { problems } = await ingestSources(
      [
        { spec: spec({ path: 'communities.csv', kind: 'community', format: 'csv' }), bytes: utf8(communities) },
        { spec: spec({ path: 'visits.csv', kind: 'visit', format: 'csv' }), bytes: utf8(bad) },
      ],
      campaign,
    );
    const lines = problems.map(formatProblem);
    expect(lines).toEqual([
      'visits.csv:row 2: 社区: unknown community (not in any community source)',
      'visits.csv:row 2: 已走访: not a yes/no value (是/否)',
    ]);
    expect(lines.join('\n')).not.toMatch(/王秀英|13857012345/);
  });
});

describe('visits never leak', () => {
  const sources = (visits: string) => [
    { spec: spec({ path: 'communities.csv', kind: 'community', format: 'csv' }), bytes: utf8(communities) },
    { spec: spec({ path: 'visits.csv', kind: 'visit', format: 'csv' }), bytes: utf8(visits) },
  ];

  test.each(['13857012345', '330902195901011234', '王秀英', '人民北路18号3幢2单元401室'])(
    'a personal value (%s) typed into every mapped household column is in no problem',
    async (value) => {
      const csv = `社区,楼道,楼道长,已走访,问卷回收,满意度\n${value},${value},${value},${value},${value},${value}\n`;
      const { problems } = await ingestSources(sources(csv), campaign);
      const lines = problems.map(formatProblem);
      expect(lines).toEqual([
        'visits.csv:row 2: 社区: unknown community (not in any community source)',
        'visits.csv:row 2: 已走访: not a yes/no value (是/否)',
        'visits.csv:row 2: 满意度: not a satisfaction answer (满意/基本满意/不满意)',
        'visits.csv:row 2: 问卷回收: not a yes/no value (是/否)',
      ]);
      expect(lines.join('\n')).not.toContain(value);
    },
  );

  test.each(['13857012345', '330902195901011234', '王秀英'])(
    'a personal value (%s) typed into every mapped summary column is in no problem',
    async (value) => {
      const csv = `社区,户数,已走访,回收问卷,满意率,楼道数,楼道长数\n${Array(7).fill(value).join(',')}\n`;
      const { problems } = await ingestSources(sources(csv), campaign);
      const lines = problems.map(formatProblem);
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.join('\n')).not.toContain(value);
      expect(lines).toContain('visits.csv:row 2: 社区: unknown community (not in any community source)');
    },
  );

  test('a visit row whose counts disagree names the columns, not the figures', async () => {
    const csv = '社区,户数,已走访,回收问卷\nC1,12,13,14\n';
    const { problems } = await ingestSources(sources(csv), campaign);
    expect(problems.map(formatProblem)).toEqual([
      'visits.csv:row 2: 已走访: more than the households (户数)',
      'visits.csv:row 2: 回收问卷: more than the households (户数)',
    ]);
  });

  test('a community with one household is published as suppressed, without figures', async () => {
    const csv = '社区,姓名,已走访,满意度\nC1,王秀英,是,不满意\n';
    const { data, problems } = await ingestSources(sources(csv), campaign);
    expect(problems).toEqual([]);
    expect(data.visits).toEqual([{ community: 'C1', suppressed: true, minHouseholds: 5, sample: false }]);
  });

  test('a satisfaction rate from fewer answers than the minimum is left out', async () => {
    const rows = ['C1,是,不满意', 'C1,是,满意', ...Array(4).fill('C1,是,')];
    const { data } = await ingestSources(sources(`社区,已走访,满意度\n${rows.join('\n')}\n`), campaign);
    expect(data.visits).toEqual([
      {
        community: 'C1',
        households: 6,
        visited: 6,
        questionnaires: 2,
        satisfaction: null,
        satisfactionSuppressed: true,
        stairwells: 0,
        stairwellHeads: 0,
        sample: false,
      },
    ]);
  });

  test('the data set writer suppresses small figures whatever it is given', () => {
    const figures = {
      community: 'C1',
      households: 2,
      visited: 2,
      questionnaires: 2,
      satisfaction: 0.5,
      stairwells: 1,
      stairwellHeads: 1,
      sample: false,
    };
    const data = { ...smallModel(), visits: [figures] };
    const built = buildDataset(data, campaign, { generatedAt: '2019-09-12T00:00:00Z' });
    expect(JSON.parse(built.files.find((f) => f.key === 'visits')!.content as string)).toEqual([
      { community: 'C1', suppressed: true, minHouseholds: 5, sample: false },
    ]);
    expect(suppressVisits(suppressVisits([figures], 5), 5)).toEqual(suppressVisits([figures], 5));
  });
});

describe('kinds the campaign marks personal', () => {
  const stations =
    '编号,名称,站点类型,经度,纬度,所属街道,有标识\nV1,西安站,学雷锋志愿服务站,122.1,30.02,昌国街道,13857012345\n';
  const run = (personalKinds: SourceKind[]) =>
    ingestSources([{ spec: spec({ path: 's.csv', kind: 'station', format: 'csv' }), bytes: utf8(stations) }], {
      ...campaign,
      privacy: { personalKinds, minHouseholds: 5 },
    });

  test('a station file marked personal quotes no cell', async () => {
    const { problems } = await run(['visit', 'station']);
    expect(problems.map(formatProblem)).toEqual(['s.csv:row 2: 有标识: not a yes/no value (是/否)']);
  });

  test('unmarked, the same file quotes the cell so staff can find it', async () => {
    const { problems } = await run(['visit']);
    expect(problems.map(formatProblem)).toEqual(["s.csv:row 2: 有标识: not a yes/no value (是/否): '13857012345'"]);
  });
});
