import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayFromIso,
  daysBetween,
  isIsoDate,
  isoFromDay,
  todayIn,
  todayInShanghai,
  weekEndingOn,
  weekdayOfDay,
} from './dates';

describe('isIsoDate', () => {
  it('accepts real dates, leap days included', () => {
    expect(isIsoDate('2019-09-12')).toBe(true);
    expect(isIsoDate('2020-02-29')).toBe(true);
    expect(isIsoDate('2000-02-29')).toBe(true);
  });
  it.each([
    '2019-02-29',
    '1900-02-29',
    '2019-13-01',
    '2019-00-10',
    '2019-04-31',
    '2019-9-12',
    '2019-09-12T00:00',
    '',
    20190912,
    null,
  ])('rejects %s', (value) => expect(isIsoDate(value)).toBe(false));
});

describe('day numbers', () => {
  it('counts days since 1970-01-01', () => {
    expect(dayFromIso('1970-01-01')).toBe(0);
    expect(dayFromIso('1969-12-31')).toBe(-1);
    expect(dayFromIso('2019-09-12')).toBe(Date.UTC(2019, 8, 12) / 86_400_000);
  });
  it('round-trips every day across leap years and centuries', () => {
    const mismatches: number[] = [];
    for (let day = dayFromIso('1899-12-25'); day <= dayFromIso('2101-01-05'); day += 1) {
      const iso = isoFromDay(day);
      if (!isIsoDate(iso) || dayFromIso(iso) !== day) mismatches.push(day);
    }
    expect(mismatches).toEqual([]);
  });
  it('agrees with Date for years 0–99, which Date.UTC would misplace', () => {
    const d = new Date(0);
    d.setUTCFullYear(50, 0, 1);
    expect(dayFromIso('0050-01-01')).toBe(Math.round(d.getTime() / 86_400_000));
  });
  it('throws on a bad date or a fractional day', () => {
    expect(() => dayFromIso('2019-02-30')).toThrow('not a YYYY-MM-DD date: "2019-02-30"');
    expect(() => isoFromDay(1.5)).toThrow('must be an integer');
  });
  it('adds and subtracts days across month ends', () => {
    expect(addDays('2019-08-31', 1)).toBe('2019-09-01');
    expect(addDays('2019-03-01', -1)).toBe('2019-02-28');
    expect(daysBetween('2019-08-21', '2019-09-12')).toBe(22);
    expect(daysBetween('2019-09-12', '2019-08-21')).toBe(-22);
  });
});

describe('todayInShanghai', () => {
  it('is already the next day after 16:00 UTC', () => {
    expect(todayInShanghai(new Date('2019-09-11T15:59:59Z'))).toBe('2019-09-11');
    expect(todayInShanghai(new Date('2019-09-11T16:00:00Z'))).toBe('2019-09-12');
  });
  it('follows the zone it is given', () => {
    expect(todayIn(new Date('2019-09-11T16:00:00Z'), 'UTC')).toBe('2019-09-11');
  });
});

describe('weeks', () => {
  it('knows 1970-01-01 was a Thursday and 2019-09-18 a Wednesday', () => {
    expect(weekdayOfDay(0)).toBe(4);
    expect(weekdayOfDay(-1)).toBe(3);
    expect(weekdayOfDay(dayFromIso('2019-09-18'))).toBe(3);
    expect(weekdayOfDay(dayFromIso('2019-09-22'))).toBe(7);
  });
  it('puts a Thursday at the start of the week that ends next Wednesday', () => {
    const w = weekEndingOn(dayFromIso('2019-09-12'), 3);
    expect([isoFromDay(w.startDay), isoFromDay(w.endDay)]).toEqual(['2019-09-12', '2019-09-18']);
  });
  it('puts a Wednesday at the end of its own week', () => {
    const w = weekEndingOn(dayFromIso('2019-09-11'), 3);
    expect([isoFromDay(w.startDay), isoFromDay(w.endDay)]).toEqual(['2019-09-05', '2019-09-11']);
  });
});
