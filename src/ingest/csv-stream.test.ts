import iconv from 'iconv-lite';
import Papa from 'papaparse';
import writeXlsxFile from 'write-excel-file/node';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parseCampaign } from '../campaign/parse';
import { bytesStream, type ByteStream } from './csv-stream';
import { ingestSources } from './ingest';
import { DEFAULT_LIMITS } from './limits';
import { formatProblem } from './problems';
import { readCsv, streamCsvRecords } from './read-source';
import { decodeText } from './text';
import type { RawRecord, SourceSpec } from './types';

const here = dirname(fileURLToPath(import.meta.url));
const campaign = parseCampaign(JSON.parse(readFileSync(join(here, '../../data/campaign.json'), 'utf8')));
const spec = (s: Partial<SourceSpec> = {}): SourceSpec => ({
  id: 'd',
  path: 'd.csv',
  kind: 'defect',
  format: 'csv',
  crs: 'wgs84',
  ...s,
});

/** Everything a streamed read gives: the records handed on, and the rest. */
function streamed(stream: ByteStream, s: SourceSpec = spec()) {
  let records: RawRecord[] = [];
  const read = streamCsvRecords(stream, s, DEFAULT_LIMITS, () => {
    records = [];
    return (record) => records.push(record);
  });
  return { ...read, records: read.count === 0 ? [] : records };
}

/** Quoted cells with commas, CRLF and line breaks inside, Chinese text, a blank row, a row too wide. */
const TABLE =
  '编号,名称,描述\r\nD1,东门菜场,"地面积水，""严重""\r\n需复查"\r\n\r\nD2,"西门,菜场",路灯缺失\r\nD3,盐仓,外墙,多余\r\n';

describe('a CSV read in pieces reads as one piece', () => {
  const cases: [string, Uint8Array, SourceSpec][] = [
    ['UTF-8', new TextEncoder().encode(TABLE), spec()],
    ['UTF-8 with BOM', new TextEncoder().encode(`\ufeff${TABLE}`), spec()],
    ['GBK (auto)', iconv.encode(TABLE, 'gbk'), spec()],
    ['GBK (declared)', iconv.encode(TABLE, 'gbk'), spec({ encoding: 'gbk' })],
    [
      'UTF-16LE tab-separated',
      iconv.encode(`\ufeff${TABLE.replace(/,/g, '\t').replace('西门\t菜场', '西门,菜场')}`, 'utf16le'),
      spec(),
    ],
  ];
  test.each(cases)('%s, cut at every byte and at odd sizes', (_, bytes, s) => {
    const whole = readCsv(bytes, s);
    expect(whole.records.map((r) => r.cells['名称'])).toEqual(['东门菜场', '西门,菜场', '盐仓']);
    expect(whole.records[0].cells['描述']).toBe('地面积水，"严重"\r\n需复查');
    expect(whole.problems.map(formatProblem)).toEqual(['d.csv:row 5: row: 4 cells but the header has 3 columns']);
    for (const size of [1, 2, 3, 5, 7, 13, bytes.length - 1]) {
      const pieces = streamed(bytesStream(bytes, size), s);
      expect(pieces, `pieces of ${size} bytes`).toEqual({ ...whole, count: 3 });
    }
  });

  test("'auto' meets its first GBK byte far into the file: read again from the start as GBK", () => {
    const ascii = Array.from({ length: 3000 }, (_, i) => `D${i},plain ascii row ${i}`).join('\n');
    const text = `id,name\n${ascii}\nD9,东门菜场\n`;
    const bytes = iconv.encode(text, 'gbk');
    const read = streamed(bytesStream(bytes, 4096));
    expect(read.encoding).toBe('gbk');
    expect(read.count).toBe(3001);
    expect(read.records.at(-1)!.cells.name).toBe('东门菜场');
    expect(read).toEqual({ ...readCsv(bytes, spec()), count: 3001 });
  });

  test('a declared encoding that does not fit is refused with decodeText’s words, streamed or not', () => {
    const utf8 = new TextEncoder().encode('编号,名称\nD1,东门菜场\n');
    const gbk = iconv.encode('编号,名称\nD1,东门菜场\n', 'gbk');
    for (const [bytes, encoding] of [
      [utf8, 'gbk'],
      [gbk, 'utf8'],
    ] as const) {
      const message = (() => {
        try {
          decodeText(bytes, encoding);
        } catch (e) {
          return (e as Error).message;
        }
      })();
      expect(message).toBeTruthy();
      const read = streamed(bytesStream(bytes, 3), spec({ encoding }));
      expect(read.problems).toEqual([{ file: 'd.csv', location: 'file', field: 'encoding', message }]);
      expect(read.count).toBe(0);
    }
  });

  test('an error row near the end of a long file keeps its row number', () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `D${i},东门菜场${i}`);
    rows[19_997] = 'D19997,"东门菜场';
    const bytes = new TextEncoder().encode(`编号,名称\n${rows.join('\n')}\n`);
    const read = streamed(bytesStream(bytes, 4093));
    expect(read.problems.map(formatProblem)).toEqual(['d.csv:row 19999: csv: quoted field unterminated']);
    expect(read).toEqual({ ...readCsv(bytes, spec()), count: read.count });
  });

  test('too many rows refuses the file at the first row over, whatever it handed on before', () => {
    const bytes = new TextEncoder().encode(`编号\n${Array.from({ length: 50 }, (_, i) => `D${i}`).join('\n')}\n`);
    const read = streamCsvRecords(bytesStream(bytes, 7), spec(), { ...DEFAULT_LIMITS, maxRecords: 40 }, () => () => {});
    expect(read.count).toBe(0);
    expect(read.problems.map(formatProblem)).toEqual([
      expect.stringMatching(/^d\.csv:file: records: more than 40 records \(file not read\)/),
    ]);
  });
});

describe('defects ingested from a stream', () => {
  const bytes = readFileSync(join(here, '../../data/sample/defects.csv'));
  const sampleSpec = spec({ path: 'sample/defects.csv', encoding: 'utf8', sample: true, asOfDate: '2019-09-12' });

  test('the sample export in pieces of 1 000 bytes gives what it gives whole', async () => {
    const whole = await ingestSources([{ spec: sampleSpec, bytes }], campaign);
    const pieces = await ingestSources([{ spec: sampleSpec, stream: bytesStream(bytes, 1000) }], campaign);
    expect(pieces.data.defects.length).toBeGreaterThan(4000);
    expect(pieces.data.defects).toEqual(whole.data.defects);
    expect(pieces.problems).toEqual(whole.problems);
    expect(pieces.stats).toEqual(whole.stats);
  });

  test('a bad row at the end is named by its row, as GBK in pieces', async () => {
    const text = new TextDecoder()
      .decode(bytes)
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\n');
    const last = text.length; // the header is row 1, so the last line is row `last`
    text[last - 1] = text[last - 1].replace(/已销号|整改中|上报|立案|待复核|返工/, '已整改完');
    const gbk = iconv.encode(`${text.join('\n')}\n`, 'gbk');
    const { problems } = await ingestSources(
      [{ spec: { ...sampleSpec, encoding: 'auto' }, stream: bytesStream(gbk, 777) }],
      campaign,
    );
    expect(problems.map(formatProblem)).toContainEqual(
      expect.stringMatching(new RegExp(`^sample/defects\\.csv:row ${last}: 状态: unknown state '已整改完'`)),
    );
  });

  test('defects on objects no source has are named by their first row, 20 lines then one summary', async () => {
    const { problems } = await ingestSources([{ spec: sampleSpec, stream: bytesStream(bytes, 4096) }], campaign);
    const unknown = problems.map(formatProblem).filter((line) => /unknown object id|referencing unknown/.test(line));
    expect(unknown).toHaveLength(21);
    expect(unknown[0]).toMatch(/^sample\/defects\.csv:row 2: 关联对象: unknown object id 'H0263'$/);
    expect(unknown[20]).toMatch(/^sample\/defects\.csv:file: 关联对象: … and \d+ more rows of sample\/defects\.csv/);
  });
});

describe('defects ingested from a workbook, row by row', () => {
  const text = readFileSync(join(here, '../../data/sample/defects.csv'), 'utf8').replace(/^\ufeff/, '');
  const csvSpec = spec({ path: 'sample/defects.csv', encoding: 'utf8', sample: true, asOfDate: '2019-09-12' });
  const xlsxSpec = { ...csvSpec, path: 'sample/defects.xlsx', format: 'xlsx' as const };

  /** The sample export as an office would keep it in Excel: numbers as numbers, dates as date cells. */
  async function asWorkbook(): Promise<Uint8Array> {
    const [header, ...rows] = Papa.parse<string[]>(text.trim(), { header: false }).data;
    const cell = (value: string, column: string) =>
      value === ''
        ? null
        : /^(经度|纬度)$/.test(column)
          ? Number(value)
          : /日期|期限/.test(column) && /^\d{4}-\d\d-\d\d$/.test(value)
            ? { value: new Date(`${value}T00:00:00Z`), type: Date, format: 'yyyy-mm-dd' }
            : value;
    const data = [header, ...rows.map((r) => r.map((v, c) => cell(v, header[c])))];
    const write = writeXlsxFile as unknown as (data: unknown) => { toBuffer(): Promise<Buffer> };
    return new Uint8Array(await write(data).toBuffer());
  }

  test('the sample export as XLSX, given as a stream, gives what the CSV gives', async () => {
    const workbook = await asWorkbook();
    const fromCsv = await ingestSources([{ spec: csvSpec, bytes: new TextEncoder().encode(text) }], campaign);
    const fromXlsx = await ingestSources([{ spec: xlsxSpec, stream: bytesStream(workbook, 4096) }], campaign);
    const named = (lines: string[]) => lines.map((l) => l.replaceAll('sample/defects.csv', 'sample/defects.xlsx'));
    expect(fromXlsx.data.defects.length).toBeGreaterThan(4000);
    expect(JSON.parse(JSON.stringify(fromXlsx.data.defects).replaceAll('defects.xlsx', 'defects.csv'))).toEqual(
      fromCsv.data.defects,
    );
    expect(fromXlsx.problems.map(formatProblem)).toEqual(named(fromCsv.problems.map(formatProblem)));
    expect(fromXlsx.stats.map((s) => s.records)).toEqual(fromCsv.stats.map((s) => s.records));
  });
});
