/**
 * The streaming sheet reader against read-excel-file (the library it replaces in the refresh), cell by cell: the
 * same workbooks read by both must give the same grid. Workbooks from write-excel-file (what our exports and the
 * office's templates are written with), the fixtures, hand-written XML for what other programs write (rich text,
 * phonetic guides, prefixed elements, date styles, 1904 dates), and a seeded random sheet large enough to cross
 * many unpacked pieces.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { readSheet } from 'read-excel-file/node';
import writeXlsxFile from 'write-excel-file/node';
import { mulberry32 } from '../geo/prng';
import { DEFAULT_LIMITS } from './limits';
import type { Cell } from './values';
import { isDateFormatCode, openWorkbook, readSheetRows, type SheetRow } from './xlsx-read';
import { openZip } from './zip';
import { zip } from './__fixtures__/zip';

type Grid = Cell[][];

/** Our reader's rows as read-excel-file's grid: row i is Excel row i + 1, trimmed and padded as it does. */
async function streamed(bytes: Uint8Array, sheet?: string): Promise<{ grid: Grid; rows: SheetRow[] }> {
  const zip = openZip(bytes, DEFAULT_LIMITS);
  if (!zip.ok) throw new Error(zip.reason);
  const workbook = await openWorkbook(zip);
  const entry = sheet === undefined ? workbook.sheets[0] : workbook.sheets.find((s) => s.name === sheet)!;
  const rows: SheetRow[] = [];
  await readSheetRows(zip, workbook, entry.path!, (row) => (rows.push(row), true));
  const grid: Grid = [];
  for (const row of rows) {
    while (grid.length < row.number - 1) grid.push([]);
    grid.push(row.cells);
  }
  while (grid.length > 0 && grid[grid.length - 1].length === 0) grid.pop();
  const width = Math.max(0, ...grid.map((r) => r.length));
  return { grid: grid.map((r) => [...r, ...Array<Cell>(width - r.length).fill(null)]), rows };
}

async function library(bytes: Uint8Array, sheet?: string): Promise<Grid> {
  const buffer = Buffer.from(bytes);
  return (sheet === undefined ? await readSheet(buffer) : await readSheet(buffer, sheet)) as Grid;
}

async function same(bytes: Uint8Array, sheet?: string): Promise<Grid> {
  const { grid } = await streamed(bytes, sheet);
  expect(grid).toEqual(await library(bytes, sheet));
  return grid;
}

async function written(data: unknown[][], options: Record<string, unknown> = {}): Promise<Uint8Array> {
  const write = writeXlsxFile as unknown as (data: unknown, options?: unknown) => { toBuffer(): Promise<Buffer> };
  return new Uint8Array(await write(data, options).toBuffer());
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A one-sheet workbook from its sheet XML, shared strings and styles, as another program might write it. */
function handWritten(sheetData: string, { shared = '', styles = '', date1904 = false, prefix = '' } = {}) {
  const p = prefix ? `${prefix}:` : '';
  const ns = prefix ? `xmlns:${prefix}="${MAIN}"` : `xmlns="${MAIN}"`;
  return zip({
    '[Content_Types].xml': `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
    'xl/workbook.xml': `<?xml version="1.0"?><${p}workbook ${ns} xmlns:r="${REL}">${date1904 ? `<${p}workbookPr date1904="1"/>` : ''}<${p}sheets><${p}sheet name="表" sheetId="1" r:id="rId1"/></${p}sheets></${p}workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    'xl/worksheets/sheet1.xml': `<?xml version="1.0"?><${p}worksheet ${ns}><${p}sheetData>${sheetData}</${p}sheetData></${p}worksheet>`,
    'xl/sharedStrings.xml': `<?xml version="1.0"?><${p}sst ${ns}>${shared}</${p}sst>`,
    'xl/styles.xml': `<?xml version="1.0"?><${p}styleSheet ${ns}>${styles}</${p}styleSheet>`,
  });
}

describe('the streaming sheet reader reads what read-excel-file reads', () => {
  test('the fixtures, sheet by sheet', async () => {
    for (const [file, sheet] of [
      ['good/markets.xlsx', '市场'],
      ['good/markets.xlsx', '说明'],
      ['bad/xlsx-bad-cells/markets.xlsx', '市场'],
    ]) {
      const bytes = new Uint8Array(readFileSync(new URL(`./__fixtures__/${file}`, import.meta.url)));
      await same(bytes, sheet);
    }
  });

  test('a workbook LibreOffice Calc saved (the sample export opened as CSV, saved as .xlsx)', async () => {
    // 40 rows of data/sample/defects.csv through `soffice --convert-to xlsx`: shared strings, a `yyyy\-mm\-dd`
    // date style, LibreOffice's own styles part.
    const file = new URL('./__fixtures__/good/defects-libreoffice.xlsx', import.meta.url);
    const grid = await same(new Uint8Array(readFileSync(file)));
    expect(grid).toHaveLength(41);
    expect(grid[0].slice(0, 3)).toEqual(['编号', '专项', '类别']);
    expect(grid[1][6]).toEqual(new Date(Date.UTC(2019, 7, 25)));
    expect(grid[1][4]).toBeTypeOf('number');
  });

  test('every kind of cell write-excel-file writes, gaps, and values to trim', async () => {
    const day = new Date(Date.UTC(2019, 8, 1));
    const at = new Date(Date.UTC(2019, 8, 1, 14, 30));
    const grid = await same(
      await written([
        ['编号', '名称', '数', '日期', '是否', '空'],
        ['M1', '  东门菜场 ', 122.123456, { value: day, type: Date, format: 'yyyy-mm-dd' }, true, null],
        ['M2', 'a & <b> "c" \'d\'', -0.000001, { value: at, type: Date, format: 'yyyy/m/d h:mm' }, false],
        [null, null, null, null, null, null],
        ['M3', '第一行\n第二行', 1e21, { value: day, type: Date, format: 'yyyy"年"m"月"d"日"' }, null, '   '],
        ['M4', '', { value: 43709, format: '0.00' }, { value: 43709.5, format: '[$-804]yyyy/m/d;@' }],
        ['M5', '_x000D_ 不是转义', 0, { value: 12.5, format: '0%' }, null, null, null, '表外备注'],
      ]),
    );
    expect(grid[1][3]).toEqual(day);
    expect(grid[5][3]).toEqual(new Date(Date.UTC(2019, 8, 1, 12)));
  });

  test('shared strings with runs and phonetic guides, inline strings, formulas, errors, booleans, ISO dates', async () => {
    const shared =
      '<si><t>名称</t></si><si><r><rPr><b/></rPr><t>东门</t></r><r><t xml:space="preserve"> 菜场</t></r><rPh sb="0" eb="2"><t>とうもん</t></rPh></si><si><t>A&amp;B &lt;1&gt; &#x4E1C;&#19996;</t></si><si><t/></si><si><t>x_x000D_y</t></si>';
    const styles =
      '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="165" formatCode="#,##0.00&quot;元&quot;"/></numFmts><cellStyleXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellStyleXfs><cellXfs count="6"><xf numFmtId="0" xfId="0"/><xf numFmtId="164" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" xfId="0"/><xf numFmtId="14" xfId="0"/><xf xfId="1"/><xf numFmtId="58"><alignment horizontal="left"/></xf></cellXfs>';
    const sheet = [
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>说明</t></is></c><c r="C1" t="s"><v>4</v></c></row>',
      '<row r="2" spans="1:9"><c r="A2" t="s"><v>1</v></c><c r="B2" t="s"><v>2</v></c><c r="C2" t="s"><v>3</v></c><c r="D2" s="1"><v>43709</v></c><c r="E2" s="2"><v>43709</v></c><c r="F2" s="3"><v>43709.25</v></c><c r="G2" s="4"><v>43709</v></c><c r="H2" s="5"><v>43709</v></c></row>',
      '<row r="4"><c r="A4" t="str"><f>A2&amp;"x"</f><v> 东门菜场x </v></c><c r="B4" t="b"><v>1</v></c><c r="C4" t="b"><v>0</v></c><c r="D4" t="d"><v>2019-09-01T08:00:00Z</v></c><c r="E4" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="F4"><f>SUM(A1:A2)</f></c><c r="G4" t="inlineStr"><is><r><t>甲</t></r><r><t>乙</t></r></is></c><c r="H4" s="1"/><c r="I4" t="str"><v></v></c></row>',
      '<row r="6"><c r="C6"><v>1.5E-3</v></c><c r="D6" t="s"><v></v></c></row>',
    ].join('');
    for (const date1904 of [false, true]) {
      const bytes = handWritten(sheet, { shared, styles, date1904 });
      const grid = await same(bytes);
      expect(grid[1].slice(0, 3)).toEqual(['东门 菜场', 'A&B <1> 东东', null]);
      expect(grid[1][3]).toEqual(new Date(Date.UTC(date1904 ? 2023 : 2019, date1904 ? 8 : 8, date1904 ? 2 : 1)));
    }
  });

  test('elements with a namespace prefix (x:row, x:c), as some exporters write them', async () => {
    const bytes = handWritten(
      '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>名称</x:t></x:is></x:c><x:c r="B1" t="s"><x:v>0</x:v></x:c></x:row><x:row r="2"><x:c r="A2"><x:v>7</x:v></x:c></x:row>',
      { shared: '<x:si><x:t>经度</x:t></x:si>', prefix: 'x' },
    );
    expect(await same(bytes)).toEqual([
      ['名称', '经度'],
      [7, null],
    ]);
  });

  test('a seeded random sheet of 20 000 rows, many unpacked pieces long', async () => {
    const rnd = mulberry32(14);
    const words = ['东门菜场', '昌国街道', ' 环南 ', 'A&B', '<x>', '"引号"', '第一行\n第二行', 'é', '🌊海岛', ''];
    const rows: unknown[][] = [['编号', '名称', '经度', '纬度', '日期', '是否', '备注']];
    for (let i = 0; i < 20_000; i++) {
      const pick = () => words[Math.floor(rnd() * words.length)];
      rows.push([
        `D${i}`,
        rnd() < 0.1 ? null : pick() + (rnd() < 0.5 ? String(i) : ''),
        rnd() < 0.05 ? null : 122 + rnd(),
        30 + rnd(),
        rnd() < 0.3
          ? null
          : { value: new Date(Date.UTC(2019, 7, 1 + Math.floor(rnd() * 60))), type: Date, format: 'yyyy-mm-dd' },
        rnd() < 0.5 ? rnd() < 0.5 : null,
        rnd() < 0.9 ? null : 'x'.repeat(Math.floor(rnd() * 300)),
      ]);
    }
    const bytes = await written(rows);
    const grid = await same(bytes);
    expect(grid).toHaveLength(20_001);
  });
});

describe('found in review: what other writers do, read as read-excel-file reads it', () => {
  test('a formula string with escapes, a conditional format reusing an id, a ">" inside a format code', async () => {
    const styles =
      '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="[>=1]yyyy/m/d"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs><dxfs count="1"><dxf><numFmt numFmtId="164" formatCode="0.00"/></dxf></dxfs>';
    const grid = await same(
      handWritten(
        '<row r="1"><c r="A1" t="str"><f>B1</f><v>a_x000D_b_x0041_</v></c><c r="B1" s="1"><v>43709</v></c><c r="C1" s="2"><v>43709</v></c></row>',
        { styles },
      ),
    );
    expect(grid[0]).toEqual(['a\rbA', new Date(Date.UTC(2019, 8, 1)), new Date(Date.UTC(2019, 8, 1))]);
  });

  test('a row without its number takes its first cell\'s; a space before ">" in a closing tag', async () => {
    const grid = await same(
      handWritten(
        '<row r="1"><c r="A1"><v>1</v></c></row ><row><c r="A5"><v>5</v></c ></row><row><c r="B6"><v>6</v></c></row>',
      ),
    );
    expect(grid.map((r) => r[0] ?? r[1])).toEqual([1, null, null, null, 5, 6]);
  });

  test('a namespace prefix named c is not a cell', async () => {
    const bytes = handWritten('<c:row r="1"><c:c r="A1"><c:v>1</c:v></c:c><c:c r="B1"><c:v>2</c:v></c:c></c:row>', {
      prefix: 'c',
    });
    expect((await streamed(bytes)).grid).toEqual([[1, 2]]);
  });
});

describe('damaged and hostile sheets', () => {
  const read = async (bytes: Uint8Array) => {
    try {
      await streamed(bytes);
      return 'read';
    } catch (e) {
      return (e as Error).message;
    }
  };

  test("a row numbered past Excel's last row is refused at once, not counted up to", async () => {
    expect(await read(handWritten('<row r="1"><c r="A1"><v>1</v></c></row><row r="9007199254740991"/>'))).toBe(
      "a row numbered '9007199254740991' (Excel rows are 1 to 1048576)",
    );
  });

  test('a sheet that ends inside a row is damaged, not one row shorter', async () => {
    const whole = handWritten('<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>');
    const parts = {
      'xl/workbook.xml': `<?xml version="1.0"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      'xl/_rels/workbook.xml.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      'xl/worksheets/sheet1.xml': `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2`,
    };
    expect(await read(whole)).toBe('read');
    expect(await read(zip(parts))).toBe('the XML ends inside a <row> element (a damaged file)');
  });

  test('one row of 3 MB of XML (a cell far over the limits) is read whole, in one pass', async () => {
    const rnd = mulberry32(3);
    const long = Array.from({ length: 3_000_000 }, () => String.fromCharCode(97 + Math.floor(rnd() * 26))).join('');
    const { grid } = await streamed(
      handWritten(`<row r="1"><c r="A1" t="inlineStr"><is><t>${long}</t></is></c><c r="B1"><v>2</v></c></row>`),
    );
    expect(grid[0][0]).toHaveLength(3_000_000);
    expect(grid[0][1]).toBe(2);
  });

  test('a damaged styles part is a damaged file, not dates read as numbers', async () => {
    const parts = handWritten('<row r="1"><c r="A1" s="1"><v>43709</v></c></row>', {
      styles: '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>',
    });
    // Declare one byte more for xl/styles.xml than it unpacks to (its central directory entry is the last).
    const view = new DataView(parts.buffer);
    const end = parts.byteLength - 22;
    const central = view.getUint32(end + 16, true);
    let at = central;
    for (let i = 0; i < view.getUint16(end + 10, true); i++) {
      const nameLength = view.getUint16(at + 28, true);
      const name = new TextDecoder().decode(parts.subarray(at + 46, at + 46 + nameLength));
      if (name === 'xl/styles.xml') view.setUint32(at + 24, view.getUint32(at + 24, true) + 1, true);
      at += 46 + nameLength;
    }
    expect(await read(parts)).toMatch(/^entry xl\/styles\.xml does not unpack to the \d+ bytes its header declares/);
  });
});

describe('what read-excel-file cannot read', () => {
  test('rows and cells without their optional r attribute take the next number', async () => {
    const { grid, rows } = await streamed(
      handWritten(
        '<row><c t="inlineStr"><is><t>名称</t></is></c><c t="inlineStr"><is><t>数</t></is></c></row><row r="3"><c><v>1</v></c><c r="C3"><v>2</v></c><c><v>3</v></c></row><row><c r="B4"><v>4</v></c></row>',
      ),
    );
    expect(rows.map((r) => r.number)).toEqual([1, 3, 4]);
    expect(grid).toEqual([
      ['名称', '数', null, null],
      [null, null, null, null],
      [1, null, 2, 3],
      [null, 4, null, null],
    ]);
  });

  test('a blanked cell says why, by column; a styled empty cell is not content', async () => {
    const { rows } = await streamed(
      handWritten(
        '<row r="1"><c r="B1" t="e"><v>#N/A</v></c><c r="C1" t="str"><f>A1</f></c><c r="D1" t="e"/><c r="E1" s="3"/><c r="F1"><v>1</v></c><c r="Z1" s="2"/></row>',
      ),
    );
    expect(rows[0]).toMatchObject({ first: 2, reach: 6, cells: [null, null, null, null, null, 1] });
    expect([...rows[0].notes!]).toEqual([
      [1, 'Excel error #N/A in this cell'],
      [2, 'a formula without a saved value: open the file in Excel and save it'],
    ]);
  });
});

describe('date formats', () => {
  test.each([
    ['yyyy-mm-dd', true],
    ['yyyy"年"m"月"d"日"', true],
    ['[$-804]yyyy/m/d;@', true],
    ['h:mm:ss.000', true],
    ['[h]:mm', true],
    ['mmm-yy', true],
    ['0.00', false],
    ['#,##0.00"元"', false],
    ['"yyyy"0', false],
    ['@', false],
    ['General', false],
  ])('%s is a date: %s', (code, date) => {
    expect(isDateFormatCode(code)).toBe(date);
  });
});
