import { deflateRawSync } from 'node:zlib';
import { zip } from './__fixtures__/zip';
import { describe, expect, test } from 'vitest';
import { parseCampaign } from '../campaign/parse';
import { ingestSources } from './ingest';
import { DEFAULT_LIMITS, limitHint, resolveLimits } from './limits';
import { formatProblem } from './problems';
import { readSource } from './read-source';
import { rowOf } from './row';
import type { SourceSpec } from './types';
import { readFileSync } from 'node:fs';

const utf8 = (text: string) => new TextEncoder().encode(text);
const spec = (s: Partial<SourceSpec> & Pick<SourceSpec, 'format' | 'path'>): SourceSpec => ({
  id: s.path,
  kind: 'market',
  crs: 'wgs84',
  ...s,
});
const lines = (problems: Parameters<typeof formatProblem>[0][]) => problems.map(formatProblem);

const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
/** A one-sheet workbook; rows of text (inline strings), numbers, or `{ date: serial }` (date-formatted). */
function workbook(rows: (string | number | { date: number })[][], { date1904 = false, sheetXml = '' } = {}) {
  const cell = (v: string | number | { date: number }, r: number, c: number) => {
    const ref = `${String.fromCharCode(65 + c)}${r + 1}`;
    if (typeof v === 'string') return `<c r="${ref}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
    if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
    return `<c r="${ref}" s="1"><v>${v.date}</v></c>`;
  };
  const sheet =
    sheetXml ||
    `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows
      .map((row, r) => `<row r="${r + 1}">${row.map((v, c) => cell(v, r, c)).join('')}</row>`)
      .join('')}</sheetData></worksheet>`;
  const ct = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
  return {
    '[Content_Types].xml': `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${ct}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${ct}.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="${ct}.styles+xml"/></Types>`,
    '_rels/.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${date1904 ? '<workbookPr date1904="1"/>' : '<workbookPr/>'}<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    'xl/styles.xml': `<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>`,
    'xl/worksheets/sheet1.xml': sheet,
  };
}

describe('size limits', () => {
  test('a file over maxFileBytes is not read', async () => {
    const raw = await readSource(
      utf8('名称\n东门菜场\n'),
      spec({ path: 'm.csv', format: 'csv' }),
      resolveLimits({ maxFileBytes: 10 }),
    );
    expect(lines(raw.problems)).toEqual([
      `m.csv:file: file: 20 bytes is over the limit; ${limitHint('maxFileBytes', 10)}`,
    ]);
    expect(raw.records).toEqual([]);
  });

  test('a CSV of 200 000 columns is refused at its header, without building the table', async () => {
    const csv = `${Array.from({ length: 200_000 }, (_, i) => `c${i % 10}`).join(',')}\n${',1'.repeat(199_999)}\n`;
    expect(csv.length).toBeGreaterThan(900_000);
    const raw = await readSource(utf8(csv), spec({ path: 'wide.csv', format: 'csv' }));
    expect(lines(raw.problems)).toEqual([
      `wide.csv:row 1: table: 200000 columns is over the limit (file not read); ${limitHint('maxColumns', 500)}`,
    ]);
  });

  test('a 20 MB name in a CSV leaves that record out with one line, never the value', async () => {
    const name = '东'.repeat(20_000_000);
    const raw = await readSource(utf8(`编号,名称\nM1,${name}\nM2,西门菜场\n`), spec({ path: 'm.csv', format: 'csv' }));
    expect(lines(raw.problems)).toEqual([
      `m.csv:row 2: 名称: 20000000 characters is over the limit (record left out); ${limitHint('maxCellChars', 4000)}`,
    ]);
    expect(raw.records.map((r) => r.cells['编号'])).toEqual(['M2']);
  });

  test('a CSV of exactly maxRecords rows, blank lines around, is read', async () => {
    const raw = await readSource(
      utf8('名称\na\n\nb\nc\n\n'),
      spec({ path: 'm.csv', format: 'csv' }),
      resolveLimits({ maxRecords: 3 }),
    );
    expect(raw.problems).toEqual([]);
    expect(raw.records.map((r) => r.cells['名称'])).toEqual(['a', 'b', 'c']);
  });

  test('a CSV with more rows than maxRecords is not read', async () => {
    const raw = await readSource(
      utf8('名称\na\nb\nc\nd\n'),
      spec({ path: 'm.csv', format: 'csv' }),
      resolveLimits({ maxRecords: 3 }),
    );
    expect(lines(raw.problems)).toEqual([
      `m.csv:file: records: more than 3 records (file not read); ${limitHint('maxRecords', 3)}`,
    ]);
  });

  test('an XLSX zip bomb is refused before anything unpacks it', async () => {
    const bomb = workbook([], { sheetXml: `<x>${' '.repeat(20 * 1024 * 1024)}</x>` });
    const bytes = zip(bomb);
    const packed = deflateRawSync(Buffer.from(bomb['xl/worksheets/sheet1.xml'])).byteLength;
    const size = 20 * 1024 * 1024 + 7;
    const raw = await readSource(bytes, spec({ path: 'm.xlsx', format: 'xlsx' }));
    expect(lines(raw.problems)).toEqual([
      `m.xlsx:file: xlsx: entry xl/worksheets/sheet1.xml unpacks ${packed} bytes to ${size} (ratio ${Math.round(size / packed)}); ${limitHint('maxCompressionRatio', 200)}`,
    ]);
  });

  test('an XLSX whose header lies about the size is cut off at the declared size', async () => {
    const bomb = workbook([], { sheetXml: `<x>${' '.repeat(20 * 1024 * 1024)}</x>` });
    const raw = await readSource(
      zip(bomb, { 'xl/worksheets/sheet1.xml': 1000 }),
      spec({ path: 'm.xlsx', format: 'xlsx' }),
    );
    expect(lines(raw.problems)).toEqual([
      'm.xlsx:file: xlsx: not a readable .xlsx file (entry xl/worksheets/sheet1.xml does not unpack to the 1000 bytes its header declares (a damaged file or a zip bomb))',
    ]);
  });

  test('an XLSX over maxUncompressedBytes is not read', async () => {
    const raw = await readSource(
      zip(workbook([['名称'], ['东门菜场']])),
      spec({ path: 'm.xlsx', format: 'xlsx' }),
      resolveLimits({ maxUncompressedBytes: 1000 }),
    );
    expect(lines(raw.problems)).toEqual([
      `m.xlsx:file: xlsx: unpacks to more than 1000 bytes (6 entries); ${limitHint('maxUncompressedBytes', 1000)}`,
    ]);
  });

  test('an XLSX cell over maxCellChars leaves its record out', async () => {
    const raw = await readSource(
      zip(
        workbook([
          ['编号', '名称'],
          ['M1', 'x'.repeat(50)],
          ['M2', '西门菜场'],
        ]),
      ),
      spec({ path: 'm.xlsx', format: 'xlsx' }),
      resolveLimits({ maxCellChars: 10 }),
    );
    expect(lines(raw.problems)).toEqual([
      `m.xlsx:row 2: 名称: 50 characters is over the limit (record left out); ${limitHint('maxCellChars', 10)}`,
    ]);
    expect(raw.records.map((r) => r.cells['编号'])).toEqual(['M2']);
  });

  const sheetWith = (strayCell: string) =>
    `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>名称</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>东门菜场</t></is></c></row>${strayCell}</sheetData></worksheet>`;

  test('one stray cell at XFD1048576 is refused before the grid is built, in well under 2 s', async () => {
    const started = performance.now();
    const raw = await readSource(
      zip(workbook([], { sheetXml: sheetWith('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>') })),
      spec({ path: 'm.xlsx', format: 'xlsx' }),
    );
    expect(lines(raw.problems)).toEqual([
      `m.xlsx:file: table: the sheet reaches column 16384 (cell XFD1048576), over the limit (file not read): delete what lies beyond the table (Ctrl+End in Excel goes to the last cell); ${limitHint('maxColumns', 500)}`,
    ]);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  test('a stray cell far below the table, within the limits, is a row of its own: no grid is built', async () => {
    const raw = await readSource(
      zip(workbook([], { sheetXml: sheetWith('<row r="1048576"><c r="SF1048576"><v>1</v></c></row>') })),
      spec({ path: 'm.xlsx', format: 'xlsx' }),
    );
    expect(raw.problems).toEqual([]);
    // Its row is there to be flagged (its required fields are missing), at the number Excel shows.
    expect(raw.records.map((r) => [r.location, r.cells['名称']])).toEqual([
      ['row 2', '东门菜场'],
      ['row 1048576', null],
    ]);
  });

  test('a sheet reaching past maxRecords is refused by its last row, styled empty cells aside', async () => {
    const raw = await readSource(
      zip(workbook([], { sheetXml: sheetWith('<row r="9"><c r="A9"><v>1</v></c><c r="ZZ9" s="1"/></row>') })),
      spec({ path: 'm.xlsx', format: 'xlsx' }),
      resolveLimits({ maxRecords: 5 }),
    );
    expect(lines(raw.problems)).toEqual([
      `m.xlsx:file: records: the sheet reaches row 9 (cell A9), more than 5 records (file not read): delete what lies beyond the table (Ctrl+End in Excel goes to the last cell); ${limitHint('maxRecords', 5)}`,
    ]);
  });

  test('a cell or row that cannot be read refuses the workbook with a value-free message', async () => {
    const read = (sheetXml: string, personal = false) =>
      readSource(zip(workbook([], { sheetXml })), spec({ path: 'v.xlsx', format: 'xlsx' }), DEFAULT_LIMITS, {
        personal,
      });
    const bad = sheetWith('<row r="3"><c r="A3"><v>周九13800000000</v></c></row>');
    const located = 'v.xlsx:file: xlsx: not a readable .xlsx file: cell A3: a number cell holds no number';
    expect(lines((await read(bad)).problems)).toEqual([located]);
    expect(lines((await read(bad, true)).problems)).toEqual([located]);
    expect(lines((await read(sheetWith('<row r="3"><c r="A3"><v>1</v></c></row><row r="2"></row>'))).problems)).toEqual(
      ['v.xlsx:file: xlsx: not a readable .xlsx file: row 2 comes after row 3 (rows out of order)'],
    );
    expect(
      lines((await read(sheetWith('<row r="3"><c r="B3" t="s"><v>99</v></c><c r="A3"><v>1</v></c></row>'))).problems),
    ).toEqual(['v.xlsx:file: xlsx: not a readable .xlsx file: cell B3: a shared-text cell points at no text']);
  });

  test('GeoJSON nested 200 000 deep is one clear line, not a stack overflow', async () => {
    const deep = `{"type":"Feature","properties":{"a":${'['.repeat(200_000)}${']'.repeat(200_000)}},"geometry":null}`;
    const raw = await readSource(utf8(deep), spec({ path: 'm.geojson', format: 'geojson' }));
    expect(lines(raw.problems)).toEqual([`m.geojson:file: geojson: nested too deep; ${limitHint('maxDepth', 64)}`]);
  });

  test('KML nested too deep is one clear line', async () => {
    const deep = `<kml>${'<Folder>'.repeat(100)}${'</Folder>'.repeat(100)}</kml>`;
    const raw = await readSource(utf8(deep), spec({ path: 'm.kml', format: 'kml' }));
    expect(lines(raw.problems)).toEqual([`m.kml:file: kml: nested too deep; ${limitHint('maxDepth', 64)}`]);
  });

  const feature = (properties: object, coordinates: unknown = [122.1, 30.02], type = 'Point') => ({
    type: 'Feature',
    properties,
    geometry: { type, coordinates },
  });
  const collection = (features: object[]) => utf8(JSON.stringify({ type: 'FeatureCollection', features }));

  test('GeoJSON with more distinct property names than maxColumns is not read', async () => {
    const props = Object.fromEntries(Array.from({ length: 600 }, (_, i) => [`p${i}`, i]));
    const raw = await readSource(collection([feature(props)]), spec({ path: 'm.geojson', format: 'geojson' }));
    expect(lines(raw.problems)).toEqual([
      `m.geojson:file: properties: 600 property names is over the limit (file not read); ${limitHint('maxColumns', 500)}`,
    ]);
  });

  test('a geometry over maxVertices and a property over maxCellChars leave their features out', async () => {
    const line = Array.from({ length: 11 }, (_, i) => [122.1 + i / 1000, 30.02]);
    const raw = await readSource(
      collection([
        feature({ name: 'a' }, line, 'LineString'),
        feature({ name: 'b'.repeat(11) }),
        feature({ name: 'c' }),
      ]),
      spec({ path: 'm.geojson', format: 'geojson' }),
      resolveLimits({ maxVertices: 10, maxCellChars: 10 }),
    );
    expect(lines(raw.problems)).toEqual([
      `m.geojson:feature 0: geometry: 11 positions is over the limit; ${limitHint('maxVertices', 10)}`,
      `m.geojson:feature 1: name: 11 characters is over the limit (record left out); ${limitHint('maxCellChars', 10)}`,
    ]);
    expect(raw.records.map((r) => r.location)).toEqual(['feature 2']);
  });

  test('an Overpass answer: depth and vertices', async () => {
    const way = (n: number) => ({
      type: 'way',
      id: n,
      tags: { highway: 'residential' },
      geometry: Array.from({ length: n }, () => ({ lat: 30, lon: 122 })),
    });
    const s = spec({ path: 'osm.json', format: 'overpass', kind: 'street' });
    const limits = resolveLimits({ maxVertices: 3 });
    const raw = await readSource(utf8(JSON.stringify({ elements: [way(4), way(2)] })), s, limits);
    expect(lines(raw.problems)).toEqual([
      `osm.json:element 0: geometry: 4 positions is over the limit; ${limitHint('maxVertices', 3)}`,
    ]);
    expect(raw.records.map((r) => r.cells.id)).toEqual(['osm-2']);
    const deep = await readSource(utf8(`{"elements":[${'['.repeat(100)}${']'.repeat(100)}]}`), s);
    expect(lines(deep.problems)).toEqual([
      `osm.json:file: overpass: the answer is nested too deep; ${limitHint('maxDepth', 64)}`,
    ]);
  });

  test('the defaults are the ones documented', () => {
    expect(DEFAULT_LIMITS.maxCellChars).toBe(4000);
  });
});

describe('1904 date system', () => {
  const rows = [
    ['发现日期', '序号'],
    [{ date: 42247 }, 42247],
  ];
  test.each([
    [true, '2019-09-01'],
    [false, '2015-08-31'],
  ])('date1904=%s: a date cell and a bare serial read as %s', async (date1904, expected) => {
    const raw = await readSource(zip(workbook(rows, { date1904 })), spec({ path: 'd.xlsx', format: 'xlsx' }));
    expect(raw.problems).toEqual([]);
    expect(raw.date1904 === true).toBe(date1904);
    const row = rowOf(raw.records[0], { found: '发现日期', deadline: '序号' }, 'd.xlsx', { date1904: raw.date1904 });
    expect([row.date('found', true), row.date('deadline', true)]).toEqual([
      date1904 ? '2019-09-01' : '2015-08-31',
      expected,
    ]);
  });
});

describe('__proto__, constructor and prototype', () => {
  test.each(['csv', 'xlsx', 'geojson'] as const)(
    'keep their values as %s headers or property names',
    async (format) => {
      const keys = ['__proto__', 'constructor', 'prototype'];
      const bytes =
        format === 'csv'
          ? utf8(`${keys.join(',')}\na,b,c\n`)
          : format === 'xlsx'
            ? zip(workbook([keys, ['a', 'b', 'c']]))
            : utf8(
                `{"type":"Feature","properties":{"__proto__":"a","constructor":"b","prototype":"c"},"geometry":null}`,
              );
      const raw = await readSource(bytes, spec({ path: `p.${format}`, format }));
      expect(raw.problems).toEqual([]);
      expect(raw.headers).toEqual(keys);
      expect(keys.map((k) => raw.records[0].cells[k])).toEqual(['a', 'b', 'c']);
    },
  );

  test('a column named constructor maps to a field and its value comes through', async () => {
    const campaign = parseCampaign(
      JSON.parse(readFileSync(new URL('../../data/campaign.json', import.meta.url), 'utf8')),
    );
    const { data, problems } = await ingestSources(
      [
        {
          spec: spec({ path: 'm.csv', format: 'csv', columns: { name: 'constructor', id: '__proto__' } }),
          bytes: utf8('__proto__,constructor,经度,纬度,所属街道\nM1,东门菜场,122.1,30.02,昌国街道\n'),
        },
      ],
      campaign,
    );
    expect(problems).toEqual([]);
    expect(data.markets.features[0].properties).toMatchObject({ id: 'M1', name: '东门菜场' });
  });
});

describe('KML coordinates', () => {
  const placemark = (geometry: string) =>
    utf8(`<kml><Document><Placemark><name>a</name>${geometry}</Placemark></Document></kml>`);

  test('a space after the comma keeps every vertex of a line', async () => {
    const raw = await readSource(
      placemark(
        '<LineString><coordinates>122.058, 30.012829 122.06, 30.013\n 122.062 ,30.014,0</coordinates></LineString>',
      ),
      spec({ path: 's.kml', format: 'kml', kind: 'street' }),
    );
    expect(raw.problems).toEqual([]);
    expect(raw.records[0].geometry).toEqual({
      type: 'LineString',
      coordinates: [
        [122.058, 30.012829],
        [122.06, 30.013],
        [122.062, 30.014, 0],
      ],
    });
  });

  test('and a point written with one reads as that point', async () => {
    const raw = await readSource(
      placemark('<Point><coordinates> 122.1, 30.02 </coordinates></Point>'),
      spec({ path: 'm.kml', format: 'kml' }),
    );
    expect(raw.records[0].geometry).toEqual({ type: 'Point', coordinates: [122.1, 30.02] });
  });
});

describe('files that are not what sources.json says', () => {
  const table = '编号\t名称\r\nM1\t东门菜场\r\n';

  test("Excel's 'Unicode text' (tab-separated UTF-16LE with a BOM) is read, whatever the declared encoding", async () => {
    const le = new Uint8Array([0xff, 0xfe, ...Buffer.from(table, 'utf16le')]);
    const raw = await readSource(le, spec({ path: 'm.csv', format: 'csv', encoding: 'gbk' }));
    expect(raw.problems).toEqual([]);
    expect(raw.records.map((r) => ({ ...r.cells }))).toEqual([{ 编号: 'M1', 名称: '东门菜场' }]);
  });

  test('UTF-16BE with a BOM is read too', async () => {
    const be = new Uint8Array([0xfe, 0xff, ...Buffer.from(table, 'utf16le').swap16()]);
    const raw = await readSource(be, spec({ path: 'm.csv', format: 'csv' }));
    expect(raw.records.map((r) => r.cells['名称'])).toEqual(['东门菜场']);
  });

  test('a zip (KMZ, XLSX) given as KML or CSV says it is a zip', async () => {
    const kmz = zip({ 'doc.kml': '<kml/>' });
    for (const format of ['kml', 'csv'] as const) {
      const raw = await readSource(kmz, spec({ path: `s.${format}`, format }));
      expect(lines(raw.problems)).toEqual([
        `s.${format}:file: ${format}: this file is a zip archive (a KMZ or an XLSX?): unzip a KMZ and list its doc.kml, or give a workbook "format": "xlsx"`,
      ]);
    }
  });

  test('an OLE2 file (.xls, or a password-protected workbook) given as xlsx says so', async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]);
    const raw = await readSource(ole, spec({ path: 'm.xlsx', format: 'xlsx' }));
    expect(lines(raw.problems)).toEqual([
      'm.xlsx:file: xlsx: an old Excel 97–2003 .xls or a password-protected workbook: save as .xlsx without a password',
    ]);
  });
});

describe('XLSX sheet choice', () => {
  test('without a "sheet", a hidden first sheet is passed over for the first visible one', async () => {
    const parts = workbook([['说明'], ['内部用']]);
    const visible = workbook([['名称'], ['东门菜场']])['xl/worksheets/sheet1.xml'];
    parts['xl/workbook.xml'] = parts['xl/workbook.xml'].replace(
      '<sheet name="S" sheetId="1" r:id="rId1"/>',
      '<sheet name="代码表" sheetId="1" state="hidden" r:id="rId1"/><sheet name="市场" sheetId="2" r:id="rId3"/>',
    );
    parts['xl/_rels/workbook.xml.rels'] = parts['xl/_rels/workbook.xml.rels'].replace(
      '</Relationships>',
      '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/></Relationships>',
    );
    parts['[Content_Types].xml'] = parts['[Content_Types].xml'].replace(
      '</Types>',
      '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    );
    const raw = await readSource(
      zip({ ...parts, 'xl/worksheets/sheet2.xml': visible }),
      spec({ path: 'm.xlsx', format: 'xlsx' }),
    );
    expect(raw.problems).toEqual([]);
    expect(raw.records.map((r) => r.cells['名称'])).toEqual(['东门菜场']);
  });
});

describe('XLSX cells read-excel-file blanks', () => {
  test('an Excel error and a formula never calculated say so instead of "missing"', async () => {
    const campaign = parseCampaign(
      JSON.parse(readFileSync(new URL('../../data/campaign.json', import.meta.url), 'utf8')),
    );
    const text = (ref: string, t: string) => `<c r="${ref}" t="inlineStr"><is><t>${t}</t></is></c>`;
    const row = (r: number, id: string, name: string) =>
      `<row r="${r}">${text(`A${r}`, id)}${name}<c r="C${r}"><v>122.1</v></c><c r="D${r}"><v>30.02</v></c>${text(`E${r}`, '昌国街道')}</row>`;
    const sheetXml = `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">${['编号', '名称', '经度', '纬度', '所属街道'].map((h, c) => text(`${'ABCDE'[c]}1`, h)).join('')}</row>${row(2, 'M1', '<c r="B2" t="e"><f>VLOOKUP(A2,X!A:B,2,0)</f><v>#REF!</v></c>')}${row(3, 'M2', '<c r="B3" t="str"><f>A3&amp;"菜场"</f></c>')}${row(4, 'M3', text('B4', '西门菜场'))}</sheetData></worksheet>`;
    const { data, problems } = await ingestSources(
      [{ spec: spec({ path: 'm.xlsx', format: 'xlsx' }), bytes: zip(workbook([], { sheetXml })) }],
      campaign,
    );
    expect(lines(problems)).toEqual([
      'm.xlsx:row 2: 名称: Excel error #REF! in this cell',
      'm.xlsx:row 3: 名称: a formula without a saved value: open the file in Excel and save it',
    ]);
    expect(data.markets.features.map((f) => f.properties.id)).toEqual(['M3']);
  });
});

describe('GeoJSON and KML that are not UTF-8', () => {
  test.each(['geojson', 'kml'] as const)('%s: the byte offset, not a parse position', async (format) => {
    const raw = await readSource(new Uint8Array([0x7b, 0xb6, 0xab, 0x7d]), spec({ path: `x.${format}`, format }));
    expect(lines(raw.problems)).toEqual([
      `x.${format}:file: ${format}: not valid UTF-8 at byte 1: the bytes read as GBK Chinese, as Excel on Chinese Windows exports them. Set "encoding": "gbk" or "auto" in sources.json`,
    ]);
  });
});
