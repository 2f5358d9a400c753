import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Campaign } from '../campaign/types';
import { jpegWithMetadata, TINY_JPEG } from '../field/__fixtures__/exif';
import { FIELD_PHOTO_PREFIX, newDefectId, type FieldRecord } from '../field/record';
import { RECORDS_CSV, recordsZip } from '../field/records-zip';
import { hasJpegMetadata } from '../field/jpeg-strip';
import { campaignCodes } from './codes';
import type { MergedDefect } from './defects';
import { applyFieldRecords, readFieldReturn, type FieldMergeOptions } from './field-returns';
import { ingestSources } from './ingest';
import { DEFAULT_LIMITS } from './limits';
import type { SourceSpec } from './types';
import { dateRangeOf } from './values';

const campaign = JSON.parse(readFileSync(join(__dirname, '../../data/campaign.json'), 'utf8')) as Campaign;
const ctx = { campaign, codes: campaignCodes(campaign), dates: dateRangeOf(campaign) };
const spec = (path = 'returns/巡查记录_张三_2019-09-13.zip'): SourceSpec => ({
  id: path,
  path,
  kind: 'fieldRecord',
  format: 'zip',
  crs: 'wgs84',
});
const CSV_PATH = 'returns/巡查记录_张三_2019-09-13.zip/巡查记录.csv';

const record = (over: Partial<FieldRecord> = {}): FieldRecord => ({
  id: 'R20190913-0000000a',
  verdict: 'rectified',
  defect: 'D1',
  object: null,
  taskForce: null,
  category: null,
  note: '已清理',
  inspector: '张三',
  time: '2019-09-13T10:05:00+08:00',
  lngLat: [122.1, 30.02],
  accuracyM: 12,
  photos: [],
  ...over,
});
const NEW_ISSUE = record({
  id: 'R20190913-0000000b',
  verdict: 'newIssue',
  defect: null,
  object: 'H1',
  taskForce: 'TF1',
  category: 'TF1-01',
  note: '=HYPERLINK("http://x") 外墙脱落',
  time: '2019-09-13T11:00:00+08:00',
  photos: ['R20190913-0000000b_1.jpg'],
});
const photos = new Map([['R20190913-0000000b_1.jpg', jpegWithMetadata()]]);

const defect = (id: string, state: MergedDefect['state'], over: Partial<MergedDefect> = {}): MergedDefect => ({
  id,
  lngLat: [122.1, 30.02],
  taskForce: 'TF2',
  category: 'TF2-01',
  state,
  unit: 'U-ZHZF',
  subdistrict: '330902002',
  object: null,
  found: '2019-09-01',
  deadline: '2019-09-10',
  description: '',
  photos: [],
  sample: false,
  updated: '2019-09-02',
  history: [
    { date: '2019-09-01', from: null, to: 'reported', unit: 'U-ZHZF' },
    ...(state === 'reported' ? [] : [{ date: '2019-09-02', from: 'reported' as const, to: state, unit: 'U-ZHZF' }]),
  ],
  ...over,
});
const options: FieldMergeOptions = {
  objectPlace: (id) => (id === 'H1' ? { subdistrict: '330902005', unit: 'U-YC' } : null),
  nearestPlace: () => ({ subdistrict: '330902002', unit: 'U-CG' }),
  isOpen: (s) => s !== 'closed',
};

describe('records zip', () => {
  it('holds a UTF-8 CSV with a BOM and Chinese headers, formula-like text neutralised, and the photos', () => {
    const files = unzipSync(recordsZip([record(), NEW_ISSUE], photos));
    expect(Object.keys(files).sort()).toEqual(['R20190913-0000000b_1.jpg', RECORDS_CSV]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(files[RECORDS_CSV]);
    expect(text.startsWith('\uFEFF记录编号,记录类型,问题编号,对象编号,专项,类别,说明,巡查员,时间,经度,纬度,')).toBe(
      true,
    );
    expect(text).toContain(`'=HYPERLINK(""http://x"") 外墙脱落`);
    expect(text).toContain('R20190913-0000000a,已整改,D1,');
  });

  it('refuses to write a record whose photo is missing', () => {
    expect(() => recordsZip([NEW_ISSUE], new Map())).toThrow('photo R20190913-0000000b_1.jpg is missing');
  });
});

describe('readFieldReturn', () => {
  it('reads back what the phone wrote, with photos stripped of EXIF/GPS', async () => {
    const { records, problems, rows } = await readFieldReturn(
      recordsZip([record(), NEW_ISSUE], photos),
      spec(),
      DEFAULT_LIMITS,
      ctx,
    );
    expect(problems).toEqual([]);
    expect(rows).toBe(2);
    expect(records.map((r) => [r.id, r.verdict, r.defect, r.date, r.lngLat, r.accuracyM])).toEqual([
      ['R20190913-0000000a', 'rectified', 'D1', '2019-09-13', [122.1, 30.02], 12],
      ['R20190913-0000000b', 'newIssue', null, '2019-09-13', [122.1, 30.02], 12],
    ]);
    expect(records[1].note).toBe('=HYPERLINK("http://x") 外墙脱落');
    expect(records[1].origin).toEqual({ file: CSV_PATH, location: 'row 3' });
    expect(records[1].photos[0].name).toBe('R20190913-0000000b_1.jpg');
    expect(hasJpegMetadata(records[1].photos[0].bytes)).toBe(false);
    expect([...records[1].photos[0].bytes]).toEqual([...TINY_JPEG]);
  });

  it('names the file, row and column of every bad record, and keeps the good ones', async () => {
    const bad = [
      record({ id: 'R20190913-00000001' }),
      record({ id: 'R20190913-00000002', inspector: '' }),
      record({ id: 'R20190913-00000003', time: '2019/09/13 10:05' }),
      record({ id: 'R20190913-00000004', time: '2031-01-01T10:00:00+08:00' }),
      record({ id: 'R20190913-00000005', verdict: 'newIssue', defect: null, taskForce: 'TF1', category: 'TF2-01' }),
      record({ id: 'R20190913-00000006', lngLat: [30.02, 122.1] }),
      record({ id: 'R20190913-00000007', verdict: 'stillThere', defect: null }),
      record({ id: 'R20190913-00000008' }),
    ];
    // Build with the photo present, then take it out of the zip: the phone never writes that, a hand edit might.
    const zip = unzipSync(recordsZip([...bad, NEW_ISSUE], photos));
    delete zip['R20190913-0000000b_1.jpg'];
    const csv = new TextDecoder()
      .decode(zip[RECORDS_CSV])
      .replace('R20190913-00000001,已整改', 'R20190913-00000001,bogus');
    zip[RECORDS_CSV] = new TextEncoder().encode(csv);
    const { records, problems } = await readFieldReturn(zipSync(zip), spec(), DEFAULT_LIMITS, ctx);
    expect(records.map((r) => r.id)).toEqual(['R20190913-00000008']);
    const lines = problems.map((p) => `${p.file}:${p.location}: ${p.field}: ${p.message}`);
    expect(lines[0]).toBe(`${CSV_PATH}:row 2: 记录类型: 'bogus' is not one of 已整改, 仍存在, 不属实, 新问题`);
    expect(lines).toContain(`${CSV_PATH}:row 3: 巡查员: missing`);
    expect(lines).toContain(
      `${CSV_PATH}:row 4: 时间: '2019/09/13 10:05' is not an ISO time with its offset (2019-09-13T10:05:00+08:00)`,
    );
    expect(lines.find((l) => l.startsWith(`${CSV_PATH}:row 5: 时间:`))).toMatch(/2031-01-01.*(after|range)/);
    expect(lines.find((l) => l.startsWith(`${CSV_PATH}:row 6: 类别:`))).toContain('TF2-01');
    expect(lines.find((l) => l.startsWith(`${CSV_PATH}:row 7: 经度:`))).toContain('outside the district bbox');
    expect(lines).toContain(`${CSV_PATH}:row 8: 问题编号: missing`);
    expect(lines).toContain(
      `${CSV_PATH}:row 10: 照片: 'R20190913-0000000b_1.jpg' is not in the zip beside 巡查记录.csv`,
    );
  });

  it('refuses a file that is not a records zip, saying what is missing', async () => {
    const notZip = await readFieldReturn(new TextEncoder().encode('hello'), spec(), DEFAULT_LIMITS, ctx);
    expect(notZip.problems[0]).toMatchObject({ file: spec().path, location: 'file', field: 'zip' });
    const noCsv = await readFieldReturn(zipSync({ 'a.txt': new Uint8Array([1]) }), spec(), DEFAULT_LIMITS, ctx);
    expect(noCsv.problems[0].message).toContain('no 巡查记录.csv inside');
  });
});

describe('applyFieldRecords', () => {
  const read = async (list: FieldRecord[], path?: string) =>
    (await readFieldReturn(recordsZip(list, photos), spec(path), DEFAULT_LIMITS, ctx)).records;

  it('adds a status record as a new step with who, when, where, and creates a defect for 新问题', async () => {
    const records = await read([
      record(),
      NEW_ISSUE,
      record({ id: 'R20190913-0000000c', verdict: 'stillThere', defect: 'D2', lngLat: null, accuracyM: null }),
      record({ id: 'R20190913-0000000d', verdict: 'notValid', defect: 'D3' }),
    ]);
    const before = [defect('D1', 'in_progress'), defect('D2', 'awaiting_recheck'), defect('D3', 'assigned')];
    const { defects, photos: published, warnings, applied } = applyFieldRecords(before, records, options);
    expect(warnings).toEqual([]);
    expect(applied).toBe(4);
    const d1 = defects.find((d) => d.id === 'D1')!;
    expect(d1.state).toBe('awaiting_recheck');
    expect(d1.updated).toBe('2019-09-13');
    expect(d1.history.at(-1)).toEqual({
      date: '2019-09-13',
      from: 'in_progress',
      to: 'awaiting_recheck',
      unit: 'U-ZHZF',
      field: {
        record: 'R20190913-0000000a',
        verdict: 'rectified',
        by: '张三',
        time: '2019-09-13T10:05:00+08:00',
        lngLat: [122.1, 30.02],
        accuracyM: 12,
        note: '已清理',
        photos: [],
      },
    });
    const d2 = defects.find((d) => d.id === 'D2')!;
    expect([d2.state, d2.history.at(-1)?.field?.lngLat]).toEqual(['reopened', null]);
    const d3 = defects.find((d) => d.id === 'D3')!;
    expect([d3.state, d3.history.at(-1)?.from, d3.history.at(-1)?.to]).toEqual(['assigned', 'assigned', 'assigned']);
    const created = defects.find((d) => d.id === newDefectId('R20190913-0000000b'))!;
    expect(created).toMatchObject({
      state: 'reported',
      taskForce: 'TF1',
      category: 'TF1-01',
      object: 'H1',
      subdistrict: '330902005',
      unit: 'U-YC',
      found: '2019-09-13',
      photos: [`${FIELD_PHOTO_PREFIX}R20190913-0000000b_1.jpg`],
    });
    expect(published.map((p) => p.path)).toEqual([`${FIELD_PHOTO_PREFIX}R20190913-0000000b_1.jpg`]);
    expect(before[0].history).toHaveLength(2);
  });

  it('is idempotent: the same zip twice (two names) gives what it gives once', async () => {
    const once = await read([record(), NEW_ISSUE]);
    const twice = [...once, ...(await read([record(), NEW_ISSUE], 'returns/copy.zip'))];
    const base = [defect('D1', 'in_progress')];
    const a = applyFieldRecords(base, once, options);
    const b = applyFieldRecords(base, twice, options);
    expect(b.defects).toEqual(a.defects);
    expect(b.photos.map((p) => p.path)).toEqual(a.photos.map((p) => p.path));
    expect(b.warnings).toEqual([]);
    expect(b.applied).toBe(2);
    expect(applyFieldRecords(base, [...twice].reverse(), options).defects).toEqual(a.defects);
  });

  it('reports a record that no longer fits: closed meanwhile, unknown id, reused record id, too early', async () => {
    const records = [
      ...(await read([
        record(),
        record({ id: 'R20190913-0000000e', defect: 'NOPE' }),
        record({ id: 'R20190913-0000000f', defect: 'D4', time: '2019-08-20T09:00:00+08:00' }),
      ])),
      ...(await read([record({ note: '另一个说明' })], 'returns/other.zip')),
    ];
    const before = [defect('D1', 'closed', { updated: '2019-09-12' }), defect('D4', 'assigned')];
    const { defects, warnings } = applyFieldRecords(before, records, options);
    expect(defects).toEqual(before);
    expect(warnings.every((w) => w.severity === 'warning')).toBe(true);
    const lines = warnings.map((w) => `${w.file}:${w.location}: ${w.field}: ${w.message}`);
    expect(lines).toEqual([
      'returns/other.zip/巡查记录.csv:row 2: 记录编号: record R20190913-0000000a is already at ' +
        `${CSV_PATH}:row 2 with other content; this one is not applied`,
      `${CSV_PATH}:row 4: 时间: record R20190913-0000000f (2019-08-20) is before defect D4 was found (2019-09-01); not applied`,
      `${CSV_PATH}:row 2: 问题编号: defect D1 was closed on 2019-09-12: record R20190913-0000000a (已整改, 2019-09-13) no longer fits; check it on site`,
      `${CSV_PATH}:row 3: 问题编号: unknown defect id 'NOPE': record R20190913-0000000e (已整改) is kept in this file, not applied`,
    ]);
  });

  it('puts a record dated before the office’s last step in its place, and the office’s step still decides', async () => {
    const records = await read([record({ time: '2019-09-03T09:00:00+08:00' })]);
    const d = defect('D1', 'in_progress', {
      updated: '2019-09-05',
      history: [
        { date: '2019-09-01', from: null, to: 'reported', unit: 'U-ZHZF' },
        { date: '2019-09-02', from: 'reported', to: 'assigned', unit: 'U-ZHZF' },
        { date: '2019-09-05', from: 'assigned', to: 'in_progress', unit: 'U-ZHZF' },
      ],
    });
    const [out] = applyFieldRecords([d], records, options).defects;
    expect(out.history.map((h) => [h.date, h.from, h.to])).toEqual([
      ['2019-09-01', null, 'reported'],
      ['2019-09-02', 'reported', 'assigned'],
      ['2019-09-03', 'assigned', 'awaiting_recheck'],
      ['2019-09-05', 'assigned', 'in_progress'],
    ]);
    expect(out.state).toBe('in_progress');
  });
});

describe('ingestSources with returned zips', () => {
  const defectsCsv = new TextEncoder().encode(
    '编号,专项,类别,状态,经度,纬度,发现日期,整改期限,状态日期,责任单位,所属街道\n' +
      'D1,背街小巷,TF2-01,整改中,122.1,30.02,2019-09-01,2019-09-20,2019-09-05,U-ZHZF,330902002\n',
  );
  const defectSpec: SourceSpec = { id: 'defects', path: 'defects.csv', kind: 'defect', format: 'csv', crs: 'wgs84' };

  it('merges the zip into the defects, lists it in the stats, and the same zip twice changes nothing', async () => {
    const zip = recordsZip([record(), NEW_ISSUE], photos);
    const once = await ingestSources(
      [
        { spec: defectSpec, bytes: defectsCsv },
        { spec: spec(), bytes: zip },
      ],
      campaign,
    );
    const twice = await ingestSources(
      [
        { spec: defectSpec, bytes: defectsCsv },
        { spec: spec(), bytes: zip },
        { spec: spec('returns/again.zip'), bytes: zip },
      ],
      campaign,
    );
    expect(once.problems).toEqual([]);
    expect(once.data.defects.find((d) => d.id === 'D1')?.state).toBe('awaiting_recheck');
    // No object H1 in these sources: the new defect takes the nearest object's place, and there is none.
    expect(once.warnings.map((w) => w.message)).toEqual([
      "unknown object id 'H1': 新问题 R20190913-0000000b is placed by its position instead",
      '新问题 R20190913-0000000b has no object or subdistrict near its position: cannot be placed on the map; not created',
    ]);
    expect(once.stats.at(-1)).toEqual({ id: spec().id, path: spec().path, records: 2, kept: 2 });
    expect(twice.data.defects).toEqual(once.data.defects);
    expect(twice.data.fieldPhotos).toEqual(once.data.fieldPhotos);
    expect(twice.warnings).toEqual(once.warnings);
  });
});
