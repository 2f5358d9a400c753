/**
 * CSV for Excel and WPS: UTF-8 with a byte-order mark (without it Excel on a Chinese Windows reads GBK and shows
 * mojibake), CRLF line ends and RFC 4180 quoting. Any string cell beginning with `=`, `+`, `-`, `@`, tab or CR
 * (or their full-width forms, which some IMEs type and some spreadsheets accept) is prefixed with a single quote
 * so the spreadsheet shows it as text instead of running it (OWASP "CSV injection"). Number cells are written as
 * numbers: a distance of -0 or a negative count cannot come from the data, so they are never neutralised.
 */
import { headerOf, type Cell, type Table } from '../../src/export/table';
import type { ExportLang } from '../../src/export/labels';

export interface CsvOptions {
  /** Prefix U+FEFF so Excel detects UTF-8 (default true). */
  bom?: boolean;
  /** Header language: `zh` labels or the English keys (default zh). */
  lang?: ExportLang;
}

const BOM = '\uFEFF';
const NEEDS_QUOTES = /[",\r\n]/;
const QUOTE = /"/g;

/**
 * @example toCsv({ columns, rows: [['=1+1', 3]] }) // '\uFEFF…\r\n"\'=1+1",3\r\n' (neutralised, then quoted if needed)
 */
export function toCsv(table: Table, { bom = true, lang = 'zh' }: CsvOptions = {}): string {
  // One string per line, joined once: measurably faster than growing one string cell by cell (see the bench).
  const lines: string[] = new Array(table.rows.length + 2);
  lines[0] = table.columns.map((c) => csvCell(headerOf(c, lang))).join(',');
  const width = table.columns.length;
  const cells: string[] = new Array(width);
  for (let i = 0; i < table.rows.length; i++) {
    const row = table.rows[i];
    for (let j = 0; j < width; j++) cells[j] = csvCell(row[j] ?? null);
    lines[i + 1] = cells.join(',');
  }
  lines[table.rows.length + 1] = '';
  return (bom ? BOM : '') + lines.join('\r\n');
}

/** UTF-8 bytes of `toCsv` (the BOM becomes EF BB BF). */
export function toCsvBytes(table: Table, options: CsvOptions = {}): Uint8Array {
  return new TextEncoder().encode(toCsv(table, options));
}

export function csvCell(v: Cell): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? '' + v : '';
  const s = neutraliseFormula(v);
  return NEEDS_QUOTES.test(s) ? `"${s.replace(QUOTE, '""')}"` : s;
}

/** Prefix `'` to a string a spreadsheet would treat as a formula. */
export function neutraliseFormula(s: string): string {
  if (s.length === 0) return s;
  const c = s.charCodeAt(0);
  return isFormulaStart(c) ? `'${s}` : s;
}

function isFormulaStart(c: number): boolean {
  return (
    c === 0x3d || // =
    c === 0x2b || // +
    c === 0x2d || // -
    c === 0x40 || // @
    c === 0x09 || // tab
    c === 0x0d || // CR
    c === 0xff1d || // ＝
    c === 0xff0b || // ＋
    c === 0xff0d || // －
    c === 0xff20 // ＠
  );
}
