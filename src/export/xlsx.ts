/**
 * XLSX through write-excel-file's universal entry (the same code in the browser, the worker and Node). Strings
 * are written as string cells, never as formulas, so `=HYPERLINK(…)` from the data is shown, not run; the library
 * escapes XML and drops characters XML cannot hold. Returns bytes, not a Blob, so the shells decide what to do.
 */
import writeXlsxFile from 'write-excel-file/universal';
import type { Cell as XlsxCell, Row as XlsxRow, Sheet } from 'write-excel-file/universal';
import type { Campaign, IsoDate } from '../campaign/types';
import { isIsoDate } from '../campaign/dates';
import { named, word, type ExportLang } from './labels';
import { addPrintSetup } from './xlsx-print';
import { headerOf, type Cell, type Table } from './table';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface WorkbookSheet {
  /** Wanted name; made legal and unique by `writeWorkbook`. */
  name: string;
  data: XlsxRow[];
  widths: number[];
  /** Rows frozen at the top (the header row). */
  frozenRows?: number;
  /**
   * The sheet is a table whose column headers are on this row (1-based): it gets an auto-filter from there to
   * the last row, and rows 1…headerRow repeat on every printed page.
   */
  headerRow?: number;
}

/** Write sheets to .xlsx bytes. Sheet names are cleaned (Excel: ≤ 31 chars, none of []/\:*?) and de-duplicated. */
export async function writeWorkbook(sheets: WorkbookSheet[]): Promise<Uint8Array> {
  if (!sheets.length) throw new Error('a workbook needs at least one sheet');
  const used = new Set<string>();
  const specs: Sheet<Blob>[] = sheets.map((s) => ({
    data: s.data.length ? fitRowHeights(s.data, s.widths) : [[null]],
    sheet: uniqueSheetName(s.name, used),
    columns: s.widths.map((width) => ({ width })),
    stickyRowsCount: s.frozenRows,
  }));
  const blob = await writeXlsxFile(specs, { fontFamily: 'Microsoft YaHei', fontSize: 11 }).toBlob();
  const tables = sheets.map((s) =>
    s.headerRow
      ? {
          headerRow: s.headerRow,
          columns: Math.max(1, s.widths.length, ...s.data.map((r) => r.length)),
          lastRow: Math.max(s.headerRow, s.data.length),
        }
      : null,
  );
  return addPrintSetup(new Uint8Array(await blob.arrayBuffer()), tables);
}

/** Points per line of wrapped text in the workbook's 11 pt font (Excel's default row is 15 pt; CJK glyphs need ~16). */
const LINE_PT = 16;
/** Excel's largest row height. */
const MAX_ROW_PT = 409;

/**
 * Each row with wrapped text gets the height its longest cell needs, so every line shows (and prints) in any
 * spreadsheet program: Excel grows such rows by itself, LibreOffice and some WPS versions show one line and cut the
 * rest. A column's width counts characters of the default font; a CJK character takes about two. Rows with no
 * wrapped text, or whose text fits one line, are left as they are.
 */
export function fitRowHeights(data: XlsxRow[], widths: readonly number[]): XlsxRow[] {
  return data.map((row) => {
    let lines = 1;
    row.forEach((cell, j) => {
      if (!cell || typeof cell !== 'object' || !('wrap' in cell) || !cell.wrap || typeof cell.value !== 'string')
        return;
      const span = 'columnSpan' in cell && cell.columnSpan ? cell.columnSpan : 1;
      let width = 0;
      for (let k = j; k < j + span; k++) width += widths[k] ?? 10;
      lines = Math.max(lines, wrappedLines(cell.value, width));
    });
    if (lines <= 1) return row;
    const height = Math.min(MAX_ROW_PT, lines * LINE_PT + 2);
    const at = row.findIndex((cell) => cell !== null && typeof cell === 'object');
    return row.map((cell, j) => (j === at ? { ...(cell as XlsxCell & object), height } : cell));
  });
}

/** Lines `text` takes in a column `width` characters wide (a margin of one character for the cell's padding). */
function wrappedLines(text: string, width: number): number {
  const usable = Math.max(1, width - 1);
  let lines = 0;
  for (const line of text.split('\n')) lines += Math.max(1, Math.ceil(textUnits(line) / usable));
  return lines;
}

/** Column-width units `text` takes on one line: a CJK character (or full-width sign) about two, others one. */
function textUnits(text: string): number {
  let units = 0;
  for (const ch of text) units += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1;
  return units;
}

/** A table as a sheet: bold header row (frozen), typed cells, the columns' widths. */
export function tableSheet(name: string, table: Table, lang: ExportLang): WorkbookSheet {
  const header: XlsxRow = table.columns.map((c) => ({
    value: headerOf(c, lang),
    type: String,
    fontWeight: 'bold',
    backgroundColor: '#E5E7EB',
    wrap: true,
  }));
  const data: XlsxRow[] = new Array(table.rows.length + 1);
  data[0] = header;
  const dates = table.columns.map((c) => c.date === true);
  for (let i = 0; i < table.rows.length; i++) data[i + 1] = table.rows[i].map((v, j) => xlsxCell(v, dates[j]));
  return { name, data, widths: table.columns.map((c) => c.width), frozenRows: 1, headerRow: 1 };
}

/**
 * One cell: a number as a number, a string as text (never a formula), and in a date column an ISO date
 * (`2019-09-12`) as a real date cell shown as yyyy-mm-dd; anything else in a date column stays text.
 */
export function xlsxCell(v: Cell, date = false): XlsxCell {
  if (v === null || (typeof v === 'number' && !Number.isFinite(v))) return null;
  if (typeof v === 'number') return { value: v, type: Number };
  if (date && isIsoDate(v)) return dateCell(v);
  return { value: v, type: String };
}

/** An ISO date as a date cell: midnight UTC, which the library writes as the whole day number Excel counts. */
export function dateCell(iso: IsoDate): XlsxCell {
  const [y, m, d] = iso.split('-').map(Number);
  return { value: new Date(Date.UTC(y, m - 1, d)), type: Date, format: DATE_FORMAT };
}

/** How date cells show: the ISO form the office's files use. */
export const DATE_FORMAT = 'yyyy-mm-dd';

export interface CoverInfo {
  campaign: Campaign;
  title: string;
  /** One line per filter applied. */
  filters: string[];
  asOfDate: IsoDate;
  /** The date the states were computed for, when it differs from asOfDate (a what-if "today"). */
  statusDate?: IsoDate;
  generatedAt: Date;
  sample: boolean;
  /** Extra `[label, value]` lines, e.g. sheet row counts. */
  extra?: [string, string | number][];
}

/** The cover sheet (封面): what the file is, the filters, the as-of date, when it was made, sample or not. */
export function coverSheet(info: CoverInfo, lang: ExportLang): WorkbookSheet {
  const bold = (value: string): XlsxCell => ({ value, type: String, fontWeight: 'bold' });
  const line = (label: string, value: string | number): XlsxRow => [bold(label), xlsxCell(value)];
  const c = info.campaign;
  const rows: XlsxRow[] = [
    [{ value: info.title, type: String, fontWeight: 'bold', fontSize: 14 }],
    [],
    line(word(lang, 'campaign'), named(lang, c.name)),
    line(word(lang, 'document'), `${c.document.number} · ${c.document.issuer} · ${c.document.issuedDate}`),
    ...info.filters.map((f, i) => line(i === 0 ? word(lang, 'filters') : '', f)),
    line(word(lang, 'asOfDate'), info.asOfDate),
  ];
  if (info.statusDate && info.statusDate !== info.asOfDate) rows.push(line(word(lang, 'statusDate'), info.statusDate));
  rows.push(line(word(lang, 'generatedAt'), formatInTimeZone(info.generatedAt, c.timezone || 'Asia/Shanghai')));
  rows.push([
    bold(word(lang, 'dataKind')),
    {
      value: word(lang, info.sample ? 'sampleData' : 'realData'),
      type: String,
      fontWeight: 'bold',
      textColor: info.sample ? '#B91C1C' : '#000000',
    },
  ]);
  for (const [label, value] of info.extra ?? []) rows.push(line(label, value));
  // The label column as wide as its longest label (截止（每周三下班前报牵头单位） and the like), within reason.
  const labels = rows.slice(1).map((r) => r[0]);
  const longest = Math.max(
    0,
    ...labels.map((c) => (c && typeof c === 'object' && 'value' in c ? textUnits(String(c.value)) : 0)),
  );
  return { name: word(lang, 'cover'), data: rows, widths: [Math.min(40, Math.max(22, longest + 2)), 90] };
}

/** `2019-09-12 09:30:00 (Asia/Shanghai)`: wall-clock time of an instant in the campaign's zone. */
export function formatInTimeZone(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')} (${timeZone})`;
}

const ILLEGAL_SHEET_CHARS = /[[\]/\\:*?]/g;
// eslint-disable-next-line no-control-regex -- control characters are not allowed in sheet names
const CONTROL_CHARS = /[\u0000-\u001f]/g;

/** Excel's sheet-name rules: 1–31 characters, none of []/\:*?, no leading/trailing apostrophe, unique (case-insensitive). */
export function uniqueSheetName(wanted: string, used: Set<string>): string {
  let base = wanted
    .replace(ILLEGAL_SHEET_CHARS, '_')
    .replace(CONTROL_CHARS, ' ')
    .replace(/^'+|'+$/g, '')
    .trim();
  if (!base) base = 'Sheet';
  base = clipUtf16(base, 31);
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    name = clipUtf16(base, 31 - suffix.length) + suffix;
  }
  used.add(name.toLowerCase());
  return name;
}

/** Cut to at most `max` UTF-16 units (Excel's measure) without splitting a surrogate pair. */
function clipUtf16(s: string, max: number): string {
  let out = '';
  for (const ch of s) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}
