/**
 * Calendar dates as the campaign counts them: whole days in the campaign's time zone (Asia/Shanghai), written
 * `YYYY-MM-DD` and, where arithmetic or typed arrays need it, as a day number (days since 1970-01-01).
 *
 * A day number is the date's own count, not an instant: 2019-09-12 is day 18151 whatever the viewer's clock zone,
 * so the same number means the same 整改期限 in the browser, the worker and the Node scripts. Only
 * `todayIn`/`todayInShanghai` look at an instant, and they take it as an argument so tests can fix "now".
 */
import type { IsoDate } from './types';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** ISO weekday numbers: 1 = Monday … 7 = Sunday (the weekly report's `dueWeekday` uses these). */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/**
 * True when `value` is a `YYYY-MM-DD` string naming a real calendar date (2019-02-29 is not one).
 */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

/**
 * Day number of a calendar date: days since 1970-01-01. Throws on anything that is not a real `YYYY-MM-DD` date,
 * because a silently wrong deadline is worse than a loud failure.
 *
 * @example dayFromIso('2019-09-12') // 18151
 */
export function dayFromIso(date: IsoDate): number {
  if (!isIsoDate(date)) throw new Error(`not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  const [y, mo, d] = date.split('-').map(Number);
  return daysFromCivil(y, mo, d);
}

/**
 * Calendar date of a day number (inverse of `dayFromIso`).
 *
 * @example isoFromDay(18151) // '2019-09-12'
 */
export function isoFromDay(day: number): IsoDate {
  if (!Number.isInteger(day)) throw new Error(`day number must be an integer: ${day}`);
  const { year, month, dayOfMonth } = civilFromDays(day);
  if (year < 0 || year > 9999) throw new Error(`day number out of the four-digit-year range: ${day}`);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(dayOfMonth)}`;
}

/** The date `days` after `date` (negative goes back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return isoFromDay(dayFromIso(date) + days);
}

/** Whole days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayFromIso(to) - dayFromIso(from);
}

/**
 * The calendar date that instant `now` falls on in `timeZone` (an IANA name such as the campaign's `timezone`).
 * Uses Intl, so it is right for any zone the runtime knows, DST included.
 */
export function todayIn(now: Date, timeZone: string): IsoDate {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/**
 * The Asia/Shanghai calendar date of instant `now`: 2019-09-11T16:30Z is already 2019-09-12 in Dinghai.
 */
export function todayInShanghai(now: Date): IsoDate {
  return todayIn(now, 'Asia/Shanghai');
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a day number. Day 0 (1970-01-01) was a Thursday. */
export function weekdayOfDay(day: number): IsoWeekday {
  return (((((day + 3) % 7) + 7) % 7) + 1) as IsoWeekday;
}

/**
 * The seven-day week that ends on the first `endWeekday` on or after `day`, as inclusive day numbers.
 * The weekly report (进度表) is due every Wednesday, so a week runs Thursday → Wednesday and a Wednesday itself
 * belongs to the week it closes.
 *
 * @example weekEndingOn(dayFromIso('2019-09-12'), 3) // Thu 2019-09-12 … Wed 2019-09-18
 */
export function weekEndingOn(day: number, endWeekday: IsoWeekday): { startDay: number; endDay: number } {
  const endDay = day + ((endWeekday - weekdayOfDay(day) + 7) % 7);
  return { startDay: endDay - 6, endDay };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/*
 * Proleptic Gregorian day counting (H. Hinnant's days_from_civil / civil_from_days). Plain integer arithmetic
 * rather than Date, because Date.UTC maps years 0–99 to 1900–1999 and Date carries time-zone temptations.
 */
function daysFromCivil(year: number, month: number, dayOfMonth: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + dayOfMonth - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(day: number): { year: number; month: number; dayOfMonth: number } {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const dayOfMonth = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, dayOfMonth };
}
