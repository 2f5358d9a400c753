/**
 * CSV for Excel and WPS: UTF-8 with a byte-order mark (without it Excel on a Chinese Windows reads GBK and shows
 * mojibake), CRLF line ends and RFC 4180 quoting. Any string cell beginning with `=`, `+`, `-`, `@`, tab or CR
 * (or their full-width forms, which some IMEs type and some spreadsheets accept) is prefixed with a single quote
 * so the spreadsheet shows it as text instead of running it (OWASP "CSV injection"). Number cells are written as
 * numbers: a distance of -0 or a negative count cannot come from the data, so they are never neutralised.
 */
import { headerOf, tableSource, type Cell, type RowSource, type Table } from './table';
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
 * The CSV as UTF-8 bytes, written straight into a byte buffer: no per-cell or per-line strings, no joined copy
 * of the whole file, no separate encoding pass (a 100k-row list is ~17 MB, and those copies were most of the time).
 */
export function toCsvBytes(input: Table | RowSource, { bom = true, lang = 'zh' }: CsvOptions = {}): Uint8Array {
  const table = 'rows' in input ? tableSource(input) : input;
  const w = new ByteWriter(table.count * 192 + 1024);
  if (bom) w.raw3(0xef, 0xbb, 0xbf);
  table.columns.forEach((c, j) => {
    if (j) w.raw1(0x2c);
    w.cell(headerOf(c, lang));
  });
  w.raw2(0x0d, 0x0a);
  const width = table.columns.length;
  const decimals = table.columns.map((c) => c.decimals ?? -1);
  // Most string cells repeat (labels, zone and anchor ids, dates): their encoded bytes are kept per column, until
  // a column turns out to be mostly unique (names, object ids), where the cache would only cost.
  const caches = table.columns.map(() => new Map<string, Uint8Array>() as Map<string, Uint8Array> | null);
  const misses = new Array<number>(width).fill(0);
  const scratch: Cell[] = new Array(width);
  for (let i = 0; i < table.count; i++) {
    const row = table.row(i, scratch);
    for (let j = 0; j < width; j++) {
      if (j) w.raw1(0x2c);
      const v = row[j];
      if (v === null || v === undefined) continue;
      if (typeof v === 'number') {
        if (!Number.isFinite(v)) continue;
        const d = decimals[j];
        if (d >= 0 && d <= 9 && Math.abs(v) < 1e9) w.fixed(v, d);
        else if (d >= 0) w.ascii(fixedDecimals(v, d));
        else if (Number.isInteger(v) && Math.abs(v) < 1e9) w.fixed(v, 0);
        else w.ascii('' + v);
        continue;
      }
      const cache = caches[j];
      if (cache === null) {
        w.cell(v);
        continue;
      }
      const hit = cache.get(v);
      if (hit !== undefined) {
        w.bytes(hit);
        continue;
      }
      const start = w.length;
      w.cell(v);
      cache.set(v, w.copy(start));
      if (++misses[j] > CACHE_GIVE_UP && misses[j] > i / 2) caches[j] = null;
    }
    w.raw2(0x0d, 0x0a);
  }
  return w.result();
}

/** Distinct values a column may add to its cache before a mostly-unique column stops caching. */
const CACHE_GIVE_UP = 512;

/** A growable UTF-8 byte buffer with the CSV cell rules built in. */
class ByteWriter {
  private buf: Uint8Array;
  private pos = 0;

  constructor(initial: number) {
    this.buf = new Uint8Array(initial);
  }

  result(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }

  get length(): number {
    return this.pos;
  }

  /** A copy of the bytes written since `start`. */
  copy(start: number): Uint8Array {
    return this.buf.slice(start, this.pos);
  }

  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < b.length; i++) buf[p++] = b[i];
    this.pos = p;
  }

  raw1(a: number): void {
    this.ensure(1);
    this.buf[this.pos++] = a;
  }

  raw2(a: number, b: number): void {
    this.ensure(2);
    this.buf[this.pos++] = a;
    this.buf[this.pos++] = b;
  }

  raw3(a: number, b: number, c: number): void {
    this.ensure(3);
    this.buf[this.pos++] = a;
    this.buf[this.pos++] = b;
    this.buf[this.pos++] = c;
  }

  /** A string known to be ASCII (numbers). */
  ascii(s: string): void {
    this.ensure(s.length);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < s.length; i++) buf[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  /** `x` (|x| < 1e9) with exactly `d` decimals, digits written directly: same text as `fixedDecimals(x, d)`. */
  fixed(x: number, d: number): void {
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
  cell(s: string): void {
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
