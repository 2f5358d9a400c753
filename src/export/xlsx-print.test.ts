/**
 * The print setup and date cells as Excel reads them: each workbook is unzipped and its XML parts read, so a
 * missing auto-filter, print title or page setup, or a date written as text, fails here.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { XLSX_MIME, coverSheet, dateCell, tableSheet, writeWorkbook, xlsxCell } from './xlsx';
import { addPrintSetup } from './xlsx-print';
import { columnName } from '../ingest/xlsx-scan';
import { exportZoneList } from './zone-export';
import { campaign, context } from './__fixtures__/zone-fixture';
import type { Table } from './table';

function parts(bytes: Uint8Array): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(bytes)).map(([k, v]) => [k, strFromU8(v)]));
}

const TABLE: Table = {
  columns: [
    { key: 'id', zh: '编号', width: 10 },
    { key: 'found', zh: '发现日期', width: 12, date: true },
    { key: 'n', zh: '数量', width: 8 },
  ],
  rows: [
    ['A-1', '2019-09-12', 3],
    ['A-2', '不是日期', 4],
    ['A-3', null, 5],
  ],
};

async function workbook(): Promise<Uint8Array> {
  const cover = coverSheet(
    { campaign, title: 'T', filters: [], asOfDate: '2019-09-12', generatedAt: new Date(0), sample: true },
    'zh',
  );
  return writeWorkbook([cover, tableSheet("小区's 清单", TABLE, 'zh')]);
}

describe('row heights for wrapped text', () => {
  it('gives a row the lines its longest wrapped cell needs, and leaves other rows alone', async () => {
    const wrap = (value: string) => ({ value, type: String, wrap: true });
    const bytes = await writeWorkbook([
      {
        name: 'S',
        // Column A holds 6 CJK characters a line (width 13, 12 units after the padding), B 9 Latin ones.
        widths: [13, 10],
        data: [
          [wrap('短'), { value: 'x', type: String }],
          [wrap('新发现问题：D04956、D04960'), wrap('a')],
          [wrap('第一行\n第二行\n第三行'), wrap('abcdefghijklmnopqrst')],
          [{ value: '不换行的很长很长很长很长的文字', type: String }, null],
        ],
      },
    ]);
    const rows = [...parts(bytes)['xl/worksheets/sheet1.xml'].matchAll(/<row ([^>]*)>/g)].map((m) => m[1]);
    expect(rows[0]).toBe('r="1"');
    // 新发现问题： is 12 units, D04956、D04960 is 13: 25 units over 12 a line, 3 lines.
    expect(rows[1]).toBe('r="2" ht="50" customHeight="1"');
    // Three lines in A; B's 20 letters at 9 a line also take 3.
    expect(rows[2]).toBe('r="3" ht="50" customHeight="1"');
    expect(rows[3]).toBe('r="4"');
  });
});

describe('the cover', () => {
  it('widens its label column to the longest label, so a long one is not cut', async () => {
    const cover = (extra: [string, string][]) =>
      coverSheet(
        { campaign, title: 'T', filters: [], asOfDate: '2019-09-12', generatedAt: new Date(0), sample: true, extra },
        'zh',
      ).widths[0];
    expect(cover([])).toBe(22);
    // 15 CJK characters and signs: 30 units, and one unit of padding either side.
    expect(cover([['截止（每周三下班前报牵头单位）', '2019-09-18']])).toBe(32);
  });
});

describe('addPrintSetup through writeWorkbook', () => {
  it('puts an auto-filter over the table, from its header row to its last row', async () => {
    const xml = parts(await workbook());
    expect(xml['xl/worksheets/sheet2.xml']).toContain('</sheetData><autoFilter ref="A1:C4"/>');
    expect(xml['xl/worksheets/sheet1.xml']).not.toContain('<autoFilter');
  });

  it('names the filter range and the print titles (header row repeated) for the table sheet only', async () => {
    const wb = parts(await workbook())['xl/workbook.xml'];
    expect(wb).toContain(
      `<definedName name="_xlnm._FilterDatabase" localSheetId="1" hidden="1">'小区''s 清单'!$A$1:$C$4</definedName>`,
    );
    expect(wb).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="1">'小区''s 清单'!$1:$1</definedName>`);
    expect(wb).not.toContain('localSheetId="0"');
    // definedNames sits between sheets and calcPr, once.
    expect(wb.match(/<definedNames>/g)).toHaveLength(1);
    expect(wb.indexOf('</sheets>')).toBeLessThan(wb.indexOf('<definedNames>'));
  });

  it('reads a sheet name written with hexadecimal character references (&#x…;) as the name itself', () => {
    // Another writer's workbook: the name 小区's 清单 escaped the way XML allows, in part as hex references.
    const sheet = '<worksheet><sheetData><row r="1"><c r="A1"/></row></sheetData></worksheet>';
    const files = {
      'xl/workbook.xml': strToU8(
        '<workbook><sheets><sheet name="&#x5C0F;区&#39;s &#x6E05;单" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
      'xl/_rels/workbook.xml.rels': strToU8(
        '<Relationships><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
      'xl/worksheets/sheet1.xml': strToU8(sheet),
    };
    const out = parts(addPrintSetup(zipSync(files), [{ headerRow: 1, columns: 3, lastRow: 4 }]));
    expect(out['xl/workbook.xml']).toContain(`>'小区''s 清单'!$1:$1</definedName>`);
  });

  it('prints every sheet on A4 landscape, one page wide', async () => {
    const xml = parts(await workbook());
    for (const sheet of ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml']) {
      const s = xml[sheet];
      expect(s).toMatch(/<worksheet\b[^>]*><sheetPr><pageSetUpPr fitToPage="1"\/><\/sheetPr>/);
      expect(s).toContain('<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>');
      expect(s.indexOf('<pageMargins')).toBeLessThan(s.indexOf('<pageSetup'));
      expect(s.indexOf('<pageSetup')).toBeLessThan(s.indexOf('</worksheet>'));
      expect(s.match(/<pageSetup\b/g)).toHaveLength(1);
    }
  });

  it('writes ISO dates in a date column as date cells (a day number with a date format), other text as text', async () => {
    const xml = parts(await workbook());
    const sheet = xml['xl/worksheets/sheet2.xml'];
    // 2019-09-12 is day 43720 in Excel's 1900 system.
    const cell = /<c r="B2" s="(\d+)"><v>43720<\/v><\/c>/.exec(sheet);
    expect(cell).not.toBeNull();
    const styles = xml['xl/styles.xml'];
    const cellXfs = styles.slice(styles.indexOf('<cellXfs'), styles.indexOf('</cellXfs>'));
    const style = [...cellXfs.matchAll(/<xf\b[^>]*>/g)][Number(cell![1])][0];
    const numFmtId = /numFmtId="(\d+)"/.exec(style)![1];
    expect(styles).toContain(`<numFmt numFmtId="${numFmtId}" formatCode="yyyy-mm-dd"/>`);
    // The non-date text in the same column stays a string cell.
    expect(sheet).toMatch(/<c r="B3" s="\d+" t="s">/);
  });

  it('is still a workbook read-excel-file reads, dates as dates', async () => {
    const sheets = (await readXlsxFile(Buffer.from(await workbook()))) as unknown as {
      sheet: string;
      data: unknown[][];
    }[];
    expect(sheets.map((s) => s.sheet)).toEqual(['封面', "小区's 清单"]);
    expect(sheets[1].data[1]).toEqual(['A-1', new Date('2019-09-12T00:00:00Z'), 3]);
    expect(sheets[1].data[2]).toEqual(['A-2', '不是日期', 4]);
  });

  it('is on the zone list the app exports: filter and print titles on each rule sheet', async () => {
    const file = await exportZoneList(context(true), { by: 'all' }, 'xlsx');
    expect(file.mime).toBe(XLSX_MIME);
    const xml = parts(file.bytes);
    const wb = xml['xl/workbook.xml'];
    const sheetCount = (wb.match(/<sheet\b/g) ?? []).length;
    expect(sheetCount).toBeGreaterThan(1);
    for (let i = 1; i < sheetCount; i++) {
      expect(wb).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">`);
      expect(xml[`xl/worksheets/sheet${i + 1}.xml`]).toMatch(/<autoFilter ref="A1:Q\d+"\/>/);
    }
  });
});

describe('addPrintSetup on its own', () => {
  it('refuses a sheet that already has what it adds, rather than writing it twice', async () => {
    const once = await workbook();
    expect(() => addPrintSetup(once, [null, { headerRow: 1, columns: 3, lastRow: 4 }])).toThrow(/already has/);
  });

  it('covers a heading row above the header in the print titles', async () => {
    const bytes = await writeWorkbook([
      {
        name: 'S',
        data: [[xlsxCell('标题')], [xlsxCell('a'), xlsxCell('b')], [xlsxCell(1), dateCell('2019-01-02')]],
        widths: [5, 5],
        headerRow: 2,
      },
    ]);
    const xml = parts(bytes);
    expect(xml['xl/workbook.xml']).toContain(`'S'!$1:$2</definedName>`);
    expect(xml['xl/worksheets/sheet1.xml']).toContain('<autoFilter ref="A2:B3"/>');
  });
});

describe('columnName', () => {
  it('counts A…Z, AA…', () => {
    expect([1, 17, 26, 27, 28, 52, 53, 702, 703].map(columnName)).toEqual([
      'A',
      'Q',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
    ]);
    expect(() => columnName(0)).toThrow();
  });
});
