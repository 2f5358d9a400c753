/**
 * Cell values as the office's files hold them, and the conversions every kind shares: text, numbers, yes/no,
 * dates. Each parser returns a value or a short reason; the caller turns the reason into a Problem.
 */
import { isIsoDate, isoFromDay } from '../campaign/dates';
import type { IsoDate } from '../campaign/types';
import { cleanText } from './text';

/** One cell: CSV gives strings, XLSX also numbers, booleans and dates, GeoJSON/KML properties anything. */
export type Cell = string | number | boolean | Date | null | undefined | object;

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Day number of 1899-12-30, the epoch of Excel's 1900 date system (serial 1 = 1900-01-01, after the leap bug). */
const EXCEL_EPOCH_DAY = -25569;
/** Serials Excel can mean as campaign dates: 1954-10-13 … 2118-12-31. */
const EXCEL_SERIAL_MIN = 20000;
const EXCEL_SERIAL_MAX = 80000;

const DATE_PATTERNS = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?: \d{1,2}:\d{2}(?::\d{2})?)?$/,
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日$/,
];

/** True when the cell holds nothing (null, undefined, or only whitespace). */
export function isBlank(cell: Cell): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cleanText(cell) === '');
}

/** The cell as clean plain text ('' for blank). Numbers print as written; dates as YYYY-MM-DD. */
export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  if (typeof cell === 'object') return cleanText(JSON.stringify(cell));
  return cleanText(String(cell));
}

/** How a cell is quoted in a message: short, single line. */
export function quote(cell: Cell): string {
  const text = cellText(cell);
  return `'${text.length > 40 ? `${text.slice(0, 40)}…` : text}'`;
}

export function parseNumber(cell: Cell): Parsed<number> {
  if (isBlank(cell)) return { ok: false, reason: 'missing' };
  const value = typeof cell === 'number' ? cell : typeof cell === 'string' ? Number(cleanText(cell)) : NaN;
  if (!Number.isFinite(value)) return { ok: false, reason: `not a number: ${quote(cell)}` };
  return { ok: true, value };
}

export function parseCount(cell: Cell): Parsed<number> {
  const n = parseNumber(cell);
  if (!n.ok) return n;
  if (!Number.isInteger(n.value) || n.value < 0) return { ok: false, reason: `not a whole number ≥ 0: ${quote(cell)}` };
  return n;
}

const YES = new Set(['是', '有', 'y', 'yes', 'true', '1', '√', '✓']);
const NO = new Set(['否', '无', 'n', 'no', 'false', '0', '×', '✗']);

/** 是/否, yes/no, true/false, 1/0. */
export function parseBool(cell: Cell): Parsed<boolean> {
  if (typeof cell === 'boolean') return { ok: true, value: cell };
  if (isBlank(cell)) return { ok: false, reason: 'missing' };
  const text = cellText(cell).toLowerCase();
  if (YES.has(text)) return { ok: true, value: true };
  if (NO.has(text)) return { ok: true, value: false };
  return { ok: false, reason: `not a yes/no value (是/否): ${quote(cell)}` };
}

/**
 * A calendar date from the forms office files use: 2019-09-01, 2019/9/1, 2019.9.1, 2019年9月1日, an Excel serial
 * number (43709), or an XLSX date cell (read as UTC midnight).
 *
 * @example parseDate('2019年9月1日') // { ok: true, value: '2019-09-01' }
 */
export function parseDate(cell: Cell): Parsed<IsoDate> {
  if (isBlank(cell)) return { ok: false, reason: 'missing' };
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return { ok: false, reason: 'not a date: invalid date cell' };
    return { ok: true, value: cell.toISOString().slice(0, 10) };
  }
  const text = cellText(cell);
  if (/^\d+(\.\d+)?$/.test(text)) {
    const serial = Math.floor(Number(text));
    if (serial >= EXCEL_SERIAL_MIN && serial <= EXCEL_SERIAL_MAX)
      return { ok: true, value: isoFromDay(serial + EXCEL_EPOCH_DAY) };
  }
  for (const pattern of DATE_PATTERNS) {
    const m = pattern.exec(text);
    if (!m) continue;
    const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
    if (isIsoDate(iso)) return { ok: true, value: iso };
    return { ok: false, reason: `not a real calendar date: ${quote(cell)}` };
  }
  return { ok: false, reason: `not a date (use 2019-09-01, 2019/9/1 or 2019年9月1日): ${quote(cell)}` };
}

/** A value from a fixed vocabulary (codes and their Chinese names), e.g. 背街小巷 → 'back'. */
export function parseOneOf<T>(cell: Cell, table: Record<string, T>, what: string): Parsed<T> {
  const text = cellText(cell);
  const hit = table[text] ?? table[text.toLowerCase()];
  return hit !== undefined
    ? { ok: true, value: hit }
    : { ok: false, reason: `unknown ${what} '${text}' (${Object.keys(table).join(', ')})` };
}
