/**
 * CSV for Excel and WPS: UTF-8 with a byte-order mark (without it Excel on a Chinese Windows reads GBK and shows
 * mojibake), CRLF line ends and RFC 4180 quoting. Any string cell beginning with `=`, `+`, `-`, `@`, tab or CR
 * (or their full-width forms, which some IMEs type and some spreadsheets accept) is prefixed with a single quote
 * so the spreadsheet shows it as text instead of running it (OWASP "CSV injection"). Number cells are written as
 * numbers: a distance of -0 or a negative count cannot come from the data, so they are never neutralised.
 */
import { headerOf, tableSource, type Cell, type Column, type RowSource, type Table } from './table';
import type { ExportLang } from './labels';

export interface CsvOptions {
  /** Prefix U+FEFF so Excel detects UTF-8 (default true). */
  bom?: boolean;
  /** Header language: `zh` labels or the English keys (default zh). */
  lang?: ExportLang;
}

const NEEDS_QUOTES = /[",\r\n]/;
const QUOTE = /"/g;

/**
 * The CSV as text (with U+FEFF first when `bom`). Same bytes as `toCsvBytes`, decoded.
 *
 * @example toCsv({ columns, rows: [['=1+1', 3]] }) // '\uFEFF…\r\n\'=1+1,3\r\n'
 */
export function toCsv(table: Table | RowSource, options: CsvOptions = {}): string {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(toCsvBytes(table, options));
}

/**
 * The CSV as UTF-8 bytes (see `CsvWriter`).
 *
 * @example toCsvBytes(zoneSource(rows, campaign, 'en'), { lang: 'en' })
 */
export function toCsvBytes(input: Table | RowSource, options: CsvOptions = {}): Uint8Array {
  const table = 'rows' in input ? tableSource(input) : input;
  const width = table.columns.length;
  const w = new CsvWriter(table.columns, { rows: table.count });
  w.header(options);
  const scratch: Cell[] = new Array(width);
  for (let i = 0; i < table.count; i++) {
    const row = table.row(i, scratch);
    for (let j = 0; j < width; j++) w.cell(j, row[j]);
    w.endRow();
  }
  return w.bytes();
}

/**
 * CSV rows written straight into one byte buffer as UTF-8: no per-cell or per-line strings, no joined copy of the
 * whole file, no separate encoding pass (a 100k-row list is ~17 MB, and those copies were most of the time). What
 * repeats is copied from where it was first written: a string cell seen before in its column (labels, ids, dates),
 * and any run of cells a caller wrote before and names by its byte range (`mark`, then `repeat`), such as a zone's
 * cells on each of its rows.
 *
 * @example
 * const w = new CsvWriter(columns, { rows: 2 });
 * w.header({ lang: 'en' });
 * w.cell(0, 'a'); w.cell(1, 1.5); w.endRow();
 * w.bytes();
 */
export class CsvWriter {
  private buf: Uint8Array;
  private pos = 0;
  /** Where the file starts: what a caller wrote before `header` is room for cells to `repeat`, not part of it. */
  private fileStart = 0;
  private readonly decimals: number[];
  // Per column, string → where its bytes were first written, packed as start · 2^10 + length; null once the
  // column turned out mostly unique (names, object ids), where the lookup would only cost.
  private readonly caches: (Map<string, number> | null)[];
  private readonly misses: number[];
  private readonly seen: number[];

  /** `rows`: how many rows to expect, to size the buffer once. */
  constructor(
    private readonly columns: readonly Column[],
    { rows = 0 }: { rows?: number } = {},
  ) {
    this.buf = new Uint8Array(rows * 192 + 1024);
    this.decimals = columns.map((c) => c.decimals ?? -1);
    this.caches = columns.map(() => new Map<string, number>());
    this.misses = columns.map(() => 0);
    this.seen = columns.map(() => 0);
  }

  /**
   * Start the file: the byte-order mark (unless `bom` is false) and the header line in `lang`. Cells written
   * before it are not in the file; a caller can make cells there once and `repeat` them in its rows.
   */
  header({ bom = true, lang = 'zh' }: CsvOptions = {}): void {
    this.fileStart = this.pos;
    if (bom) this.raw3(0xef, 0xbb, 0xbf);
    this.columns.forEach((c, j) => {
      if (j) this.raw1(0x2c);
      this.text(headerOf(c, lang));
    });
    this.endRow();
  }

  /** Cell `j` of the current row, after a comma unless it is the first: numbers with the column's decimals. */
  cell(j: number, v: Cell | undefined): void {
    if (j) this.raw1(0x2c);
    if (v === null || v === undefined) return;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return;
      const d = this.decimals[j];
      if (d >= 0 && d <= 9 && Math.abs(v) < 1e9) this.fixed(v, d);
      else if (d >= 0) this.ascii(fixedDecimals(v, d));
      else if (Number.isInteger(v) && Math.abs(v) < 1e9) this.fixed(v, 0);
      else this.ascii('' + v);
      return;
    }
    const cache = this.caches[j];
    if (cache === null) {
      this.text(v);
      return;
    }
    const seen = ++this.seen[j];
    const hit = cache.get(v);
    if (hit !== undefined) {
      const start = Math.floor(hit / 1024);
      this.repeat(start, start + (hit % 1024));
      return;
    }
    const start = this.pos;
    this.text(v);
    if (this.pos - start <= CACHE_MAX_BYTES) cache.set(v, start * 1024 + this.pos - start);
    if (++this.misses[j] > CACHE_GIVE_UP && this.misses[j] > seen / 2) this.caches[j] = null;
  }

  endRow(): void {
    this.raw2(0x0d, 0x0a);
  }

  /** Bytes written so far: the start or end of a run of cells to `repeat`. */
  mark(): number {
    return this.pos;
  }

  /** Write again the bytes written at [start, end): a run of cells (with its leading comma) or a cell. */
  repeat(start: number, end: number): void {
    const n = end - start;
    this.ensure(n);
    const buf = this.buf;
    // A few bytes (a label from the column cache) by hand; more by copyWithin, which beats a loop from 16 bytes
    // on, several times over when the source is far back and not in the CPU cache (an object's first row).
    if (n > 16) buf.copyWithin(this.pos, start, end);
    else for (let i = start, p = this.pos; i < end; i++) buf[p++] = buf[i];
    this.pos += n;
  }

  /**
   * The file so far. A view of the writer's buffer when the file fills at least 2/3 of it (copying 17 MB into fresh
   * memory costs a 100k-row list some 10 ms), else an exact-size copy, so a file never holds on to a much bigger
   * buffer.
   */
  bytes(): Uint8Array {
    const n = this.pos - this.fileStart;
    return n * 3 >= this.buf.length * 2
      ? this.buf.subarray(this.fileStart, this.pos)
      : this.buf.slice(this.fileStart, this.pos);
  }

  private raw1(a: number): void {
    this.ensure(1);
    this.buf[this.pos++] = a;
  }

  private raw2(a: number, b: number): void {
    this.ensure(2);
    this.buf[this.pos++] = a;
    this.buf[this.pos++] = b;
  }

  private raw3(a: number, b: number, c: number): void {
    this.ensure(3);
    this.buf[this.pos++] = a;
    this.buf[this.pos++] = b;
    this.buf[this.pos++] = c;
  }

  /** A string known to be ASCII (numbers). */
  private ascii(s: string): void {
    this.ensure(s.length);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < s.length; i++) buf[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  /** `x` (|x| < 1e9) with exactly `d` decimals, digits written directly: same text as `fixedDecimals(x, d)`. */
  private fixed(x: number, d: number): void {
    const p10 = POW10[d];
    const neg = x < 0;
    const v = Math.round((neg ? -x : x) * p10);
    let int = Math.floor(v / p10);
    let frac = v - int * p10;
    this.ensure(d + 12);
    const buf = this.buf;
    let p = this.pos;
    if (neg && v !== 0) buf[p++] = 0x2d;
    // Integer part: count its digits, then fill them from the right.
    let n = 1;
    for (let t = int; t >= 10; t = Math.floor(t / 10)) n++;
    for (let k = p + n - 1; k >= p; k--) {
      buf[k] = 0x30 + (int % 10);
      int = Math.floor(int / 10);
    }
    p += n;
    if (d > 0) {
      buf[p++] = 0x2e;
      for (let k = p + d - 1; k >= p; k--) {
        buf[k] = 0x30 + (frac % 10);
        frac = Math.floor(frac / 10);
      }
      p += d;
    }
    this.pos = p;
  }

  /** A string cell: formula lead neutralised with `'`, quoted (quotes doubled) when it holds `"`, `,`, CR or LF. */
  private text(s: string): void {
    if (s.length === 0) return;
    const formula = isFormulaStart(s.charCodeAt(0));
    let quote = false;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 0x22 || c === 0x2c || c === 0x0a || c === 0x0d) {
        quote = true;
        break;
      }
    }
    // Worst case: every UTF-16 unit becomes 3 bytes, or a doubled quote; plus quotes and the prefix.
    this.ensure(s.length * 3 + 3);
    const buf = this.buf;
    let p = this.pos;
    if (quote) buf[p++] = 0x22;
    if (formula) buf[p++] = 0x27;
    for (let i = 0; i < s.length; i++) {
      let c = s.charCodeAt(i);
      if (c < 0x80) {
        buf[p++] = c;
        if (c === 0x22) buf[p++] = 0x22;
      } else if (c < 0x800) {
        buf[p++] = 0xc0 | (c >> 6);
        buf[p++] = 0x80 | (c & 0x3f);
      } else if (c >= 0xd800 && c <= 0xdfff) {
        const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          i++;
          buf[p++] = 0xf0 | (c >> 18);
          buf[p++] = 0x80 | ((c >> 12) & 0x3f);
          buf[p++] = 0x80 | ((c >> 6) & 0x3f);
          buf[p++] = 0x80 | (c & 0x3f);
        } else {
          // A lone surrogate: U+FFFD, as TextEncoder writes it.
          buf[p++] = 0xef;
          buf[p++] = 0xbf;
          buf[p++] = 0xbd;
        }
      } else {
        buf[p++] = 0xe0 | (c >> 12);
        buf[p++] = 0x80 | ((c >> 6) & 0x3f);
        buf[p++] = 0x80 | (c & 0x3f);
      }
    }
    if (quote) buf[p++] = 0x22;
    this.pos = p;
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }
}

/** Distinct values a column cache may add before a mostly-unique column stops caching. */
const CACHE_GIVE_UP = 512;
/** Longest cell (in bytes) a column cache keeps: its place is packed as start · 2^10 + length. */
const CACHE_MAX_BYTES = 1023;

export function csvCell(v: Cell): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? '' + v : '';
  const s = neutraliseFormula(v);
  return NEEDS_QUOTES.test(s) ? `"${s.replace(QUOTE, '""')}"` : s;
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];
const ZEROS = '000000000';

/**
 * `x` with exactly `decimals` decimals, like `toFixed` but through integer arithmetic: a 100k-row list has 400k
 * coordinates and distances, and integer-to-string is several times faster than V8's float formatting.
 *
 * @example fixedDecimals(122.1015, 6) // '122.101500'
 */
export function fixedDecimals(x: number, decimals: number): string {
  if (!Number.isFinite(x)) return '';
  const p = POW10[decimals];
  const neg = x < 0;
  const v = Math.round((neg ? -x : x) * p);
  if (p === undefined || !(v < 9e15)) return x.toFixed(Math.min(decimals, 20));
  const int = Math.floor(v / p);
  const frac = v - int * p;
  const sign = neg && v !== 0 ? '-' : '';
  if (decimals === 0) return sign + int;
  const f = '' + frac;
  return sign + int + '.' + ZEROS.slice(0, decimals - f.length) + f;
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
