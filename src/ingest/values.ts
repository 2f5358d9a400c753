/**
 * Cell values as the office's files hold them, and the conversions every kind shares: text, numbers, yes/no,
 * dates. Each parser returns a value or a short reason; the caller turns the reason into a Problem.
 */
import { addDays, isIsoDate, isoFromDay } from '../campaign/dates';
import type { Campaign, IsoDate } from '../campaign/types';
import { cleanText, findInvisible } from './text';

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

/**
 * A plain decimal number: optional sign, digits, optional decimal point and exponent (`-122.1`, `1.5e3`); full-width
 * digits and signs (１２２．１) are read as their ASCII forms. Everything JavaScript's `Number()` would also take is
 * refused, because it reads as a different number than staff meant: `0x7a` (122), `0b1`, `0o7`, `Infinity`, and
 * thousands separators (`1,234`). Degrees-minutes-seconds (122°18'30") are refused with the decimal degrees to write.
 *
 * @example parseNumber('１２２．１') // { ok: true, value: 122.1 }
 */
export function parseNumber(cell: Cell): Parsed<number> {
  if (isBlank(cell)) return { ok: false, reason: 'missing' };
  if (typeof cell === 'number') {
    return Number.isFinite(cell) ? { ok: true, value: cell } : { ok: false, reason: `not a number: ${quote(cell)}` };
  }
  if (typeof cell !== 'string') return { ok: false, reason: `not a number: ${quote(cell)}` };
  const text = cleanText(cell)
    .normalize('NFKC')
    .replace(/\u2212/g, '-');
  if (DECIMAL.test(text)) return { ok: true, value: Number(text) };
  const dms = degreesOf(text);
  if (dms !== null)
    return {
      ok: false,
      reason: `degrees-minutes-seconds ${quote(cell)}: write decimal degrees (${Number(dms.toFixed(6))})`,
    };
  if (/^[+-]?\d+(,\d+)+(\.\d+)?$/.test(text))
    return { ok: false, reason: `not a plain number (no thousands separators or decimal commas): ${quote(cell)}` };
  if (/^[+-]?0[xbo]/i.test(text))
    return { ok: false, reason: `not a decimal number (hexadecimal, binary or octal): ${quote(cell)}` };
  return { ok: false, reason: `not a number: ${quote(cell)}` };
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
/** 122°18'30", 122°18.5′, 122度18分30秒 (after NFKC, so ″ is ′′); minutes and seconds below 60. */
const DMS =
  /^([+-]?\d+(?:\.\d+)?)\s*[°度]\s*(?:(\d+(?:\.\d+)?)\s*['′’分]\s*(?:(\d+(?:\.\d+)?)\s*(?:["″”]|''|′′|秒)\s*)?)?([NSEW东西南北])?$/i;

/** Decimal degrees of a degrees-minutes-seconds text, or null when it is not one. */
function degreesOf(text: string): number | null {
  const m = DMS.exec(text);
  if (!m) return null;
  const [deg, min, sec] = [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
  if (min >= 60 || sec >= 60) return null;
  const sign = deg < 0 || m[1].startsWith('-') || /[SW西南]/i.test(m[4] ?? '') ? -1 : 1;
  return sign * (Math.abs(deg) + min / 60 + sec / 3600);
}

/**
 * An id or code as written in a file, made comparable: NFKC folds full-width and other compatibility forms
 * (`Ｈ０１` → `H01`, as Chinese input methods type them), so look-alikes become one id and a clash is reported as a
 * duplicate. Invisible characters (zero-width spaces, bidi overrides, controls) are refused rather than removed:
 * they are never typed on purpose, and dropping them silently would hide a copy-paste from another system; the
 * reason names the character and its position so staff can find it.
 *
 * @example parseId('H\u200b1') // { ok: false, reason: 'invisible character U+200B (zero-width space) at position 2 …' }
 */
export function parseId(cell: Cell): Parsed<string> {
  if (isBlank(cell)) return { ok: false, reason: 'missing' };
  const invisible = typeof cell === 'string' ? findInvisible(cell) : null;
  if (invisible) return { ok: false, reason: `invisible character ${invisible}: retype the id` };
  return { ok: true, value: cellText(cell).normalize('NFKC') };
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

/** The calendar dates a campaign's data may hold, inclusive. */
export interface DateRange {
  min: IsoDate;
  max: IsoDate;
}

/**
 * The dates a campaign's files may sensibly hold: from 10 years before its earliest date (issue, as-of date, phase
 * start or evaluation) to 5 years after its latest. Found dates of old defects and last inspections go back a few
 * years, deadlines run past the evaluations, but 0000-01-01 or 9999-12-31 is a placeholder or a typo, and published
 * it would make a defect overdue for centuries or never. The one place that rule lives.
 *
 * @example dateRangeOf(dinghai2019) // { min: '2009-08-21', max: '2024-11-15' }
 */
export function dateRangeOf(campaign: Campaign): DateRange {
  const dates = [
    campaign.document.issuedDate,
    campaign.asOfDate,
    ...campaign.phases.map((p) => p.start),
    ...campaign.evaluations.map((e) => e.date),
  ].filter(isIsoDate);
  const sorted = [...dates].sort();
  return { min: addYears(sorted[0], -10), max: addYears(sorted[sorted.length - 1], 5) };
}

/** `parseDate`, then inside `range`; the reason gives the allowed range. */
export function parseDateIn(cell: Cell, range: DateRange): Parsed<IsoDate> {
  const date = parseDate(cell);
  if (!date.ok || (date.value >= range.min && date.value <= range.max)) return date;
  return {
    ok: false,
    reason: `${date.value} is outside the campaign's date range ${range.min} … ${range.max}`,
  };
}

/** Same month and day `years` later (29 February becomes 1 March in a common year). */
function addYears(date: IsoDate, years: number): IsoDate {
  const y = Number(date.slice(0, 4)) + years;
  const iso = `${String(y).padStart(4, '0')}${date.slice(4)}`;
  return isIsoDate(iso) ? iso : addDays(`${String(y).padStart(4, '0')}-02-28`, 1);
}

/** A value from a fixed vocabulary (codes and their Chinese names), e.g. 背街小巷 → 'back'. */
export function parseOneOf<T>(cell: Cell, table: Record<string, T>, what: string): Parsed<T> {
  const text = cellText(cell);
  // Own keys only: a cell reading 'constructor' or '__proto__' must not find Object's prototype members.
  const own = (key: string) => (Object.hasOwn(table, key) ? table[key] : undefined);
  const hit = own(text) ?? own(text.toLowerCase());
  return hit !== undefined
    ? { ok: true, value: hit }
    : { ok: false, reason: `unknown ${what} '${text}' (${Object.keys(table).join(', ')})` };
}
