import iconv from 'iconv-lite';
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCampaign } from '../campaign/parse';
import { cleanText, decodeText, findInvisible } from './text';
import { dateRangeOf, parseBool, parseDate, parseDateIn, parseId, parseNumber, parseOneOf } from './values';

const here = dirname(fileURLToPath(import.meta.url));
const campaign = parseCampaign(JSON.parse(readFileSync(join(here, '../../data/campaign.json'), 'utf8')));

describe('decodeText', () => {
  const utf8 = new TextEncoder().encode('名称,经度\n东门菜场,122.1\n');
  test('UTF-8 with and without BOM', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]), 'auto')).toEqual({
      text: '名称,经度\n东门菜场,122.1\n',
      encoding: 'utf8',
    });
    expect(decodeText(utf8, 'utf8').text).toBe('名称,经度\n东门菜场,122.1\n');
  });
  test('auto falls back to GBK when the bytes are not UTF-8', () => {
    const gbk = new Uint8Array(iconv.encode('名称,经度\n东门菜场,122.1\n', 'gbk'));
    expect(decodeText(gbk, 'auto')).toEqual({ text: '名称,经度\n东门菜场,122.1\n', encoding: 'gbk' });
    expect(decodeText(gbk, 'gbk').text).toBe('名称,经度\n东门菜场,122.1\n');
    expect(() => decodeText(gbk, 'utf8')).toThrow(
      'not valid UTF-8 at byte 0: the bytes read as GBK Chinese, as Excel on Chinese Windows exports them. Set "encoding": "gbk" or "auto" in sources.json',
    );
  });
  test('declared utf8, GBK after an ASCII header: the offset of the first bad byte', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('id,name\n1,'), ...iconv.encode('东门菜场', 'gbk')]);
    expect(() => decodeText(bytes, 'utf8')).toThrow('not valid UTF-8 at byte 10: the bytes read as GBK Chinese');
  });
  test('declared utf8, bytes that are neither: the plain hint', () => {
    expect(() => decodeText(new Uint8Array([0x41, 0xff, 0xfe]), 'utf8')).toThrow(
      'not valid UTF-8 at byte 1: a GBK export from Excel? Set "encoding": "gbk" or "auto" in sources.json',
    );
  });
  test('declared gbk but the file is UTF-8 Chinese: refused instead of publishing mojibake', () => {
    expect(() => decodeText(utf8, 'gbk')).toThrow(
      'declared "encoding": "gbk" but the file is UTF-8 (its Chinese text is valid UTF-8); reading it as GBK would publish garbled text: set "encoding": "utf8" (or "auto") in sources.json',
    );
    expect(() => decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]), 'gbk')).toThrow(
      'declared "encoding": "gbk" but the file is UTF-8 (it starts with a UTF-8 byte-order mark)',
    );
  });
  test('declared gbk and ASCII only: both readings agree, so it is accepted', () => {
    expect(decodeText(new TextEncoder().encode('id,lng\n1,122.1\n'), 'gbk')).toEqual({
      text: 'id,lng\n1,122.1\n',
      encoding: 'gbk',
    });
  });
});

describe('ids', () => {
  test('full-width and other compatibility forms fold to one id (NFKC)', () => {
    expect(parseId('Ｈ０１２３')).toEqual({ ok: true, value: 'H0123' });
    expect(parseId(' D00001 ')).toEqual({ ok: true, value: 'D00001' });
    expect(parseId(42)).toEqual({ ok: true, value: '42' });
  });
  test.each([
    ['H0\u200b123', 'invisible character U+200B (zero-width space) at position 3: retype the id'],
    ['\u202eH0123', 'invisible character U+202E (right-to-left override) at position 1: retype the id'],
    [
      'H01\ufeff',
      'invisible character U+FEFF (zero-width no-break space (byte-order mark)) at position 4: retype the id',
    ],
    ['H0\u0007', 'invisible character U+0007 (control character) at position 3: retype the id'],
  ])('%j is refused', (cell, reason) => {
    expect(parseId(cell)).toEqual({ ok: false, reason });
  });
  test('leading and trailing whitespace is not an invisible character, and positions count from the text', () => {
    expect(findInvisible('\tH1\r\n')).toBeNull();
    expect(findInvisible('  H\u200d1')).toBe('U+200D (zero-width joiner) at position 4');
    expect(findInvisible('𠀀\u200b')).toBe('U+200B (zero-width space) at position 2');
  });
});

describe('cleanText', () => {
  test('strips control characters, keeps markup as text', () => {
    expect(cleanText(' a\u0000b\u0007\tc\r\n')).toBe('ab c');
    expect(cleanText('<b onclick="x()">名</b>')).toBe('<b onclick="x()">名</b>');
  });
});

describe('parseDate', () => {
  test.each([
    ['2019-09-01', '2019-09-01'],
    ['2019/9/1', '2019-09-01'],
    ['2019年9月1日', '2019-09-01'],
    ['2019.9.1', '2019-09-01'],
    ['2019-09-01 08:30', '2019-09-01'],
    [43709, '2019-09-01'],
    ['43709', '2019-09-01'],
    [new Date(Date.UTC(2019, 8, 1)), '2019-09-01'],
    ['2020-02-29', '2020-02-29'],
  ])('%s → %s', (cell, iso) => {
    expect(parseDate(cell)).toEqual({ ok: true, value: iso });
  });
  test.each([['2019-02-29'], ['2019/13/1'], ['9/1/2019'], ['昨天'], [12], ['']])('%s is rejected', (cell) => {
    expect(parseDate(cell).ok).toBe(false);
  });
});

describe('numbers and yes/no', () => {
  test('numbers', () => {
    expect(parseNumber(' 122.1 ')).toEqual({ ok: true, value: 122.1 });
    expect(parseNumber('NaN')).toEqual({ ok: false, reason: "not a number: 'NaN'" });
    expect(parseNumber('')).toEqual({ ok: false, reason: 'missing' });
  });
  test.each([
    ['-30.5', -30.5],
    ['+122', 122],
    ['122.', 122],
    ['.5', 0.5],
    ['1.22e2', 122],
    ['1E3', 1000],
    ['１２２．１', 122.1],
    ['－３０', -30],
    ['\u221230.5', -30.5],
    [122.25, 122.25],
  ])('plain decimal %j → %d', (cell, value) => {
    expect(parseNumber(cell)).toEqual({ ok: true, value });
  });
  test.each([
    ['0x7a', "not a decimal number (hexadecimal, binary or octal): '0x7a'"],
    ['0b1111010', "not a decimal number (hexadecimal, binary or octal): '0b1111010'"],
    ['0o172', "not a decimal number (hexadecimal, binary or octal): '0o172'"],
    ['Infinity', "not a number: 'Infinity'"],
    ['-Infinity', "not a number: '-Infinity'"],
    [Number.POSITIVE_INFINITY, "not a number: 'Infinity'"],
    [Number.NaN, "not a number: 'NaN'"],
    ['1,234', "not a plain number (no thousands separators or decimal commas): '1,234'"],
    ['1,234.5', "not a plain number (no thousands separators or decimal commas): '1,234.5'"],
    ['122,1', "not a plain number (no thousands separators or decimal commas): '122,1'"],
    ['12 2', "not a number: '12 2'"],
    ['1e', "not a number: '1e'"],
    ['--1', "not a number: '--1'"],
    [true, "not a number: 'true'"],
    [`122°18'30"`, `degrees-minutes-seconds '122°18'30"': write decimal degrees (122.308333)`],
    ["122°18.5'", "degrees-minutes-seconds '122°18.5'': write decimal degrees (122.308333)"],
    ['30°1′12″N', "degrees-minutes-seconds '30°1′12″N': write decimal degrees (30.02)"],
    ['122度6分', "degrees-minutes-seconds '122度6分': write decimal degrees (122.1)"],
    ['122°', "degrees-minutes-seconds '122°': write decimal degrees (122)"],
  ])('%j is refused', (cell, reason) => {
    expect(parseNumber(cell)).toEqual({ ok: false, reason });
  });
  test('是/否', () => {
    expect(parseBool('是')).toEqual({ ok: true, value: true });
    expect(parseBool('否')).toEqual({ ok: true, value: false });
    expect(parseBool('FALSE')).toEqual({ ok: true, value: false });
    expect(parseBool('也许').ok).toBe(false);
  });
});

describe('campaign date range', () => {
  const range = dateRangeOf(campaign);
  test('10 years before the earliest campaign date to 5 years after the last evaluation', () => {
    // Dinghai 2019: issued 2019-08-21, national evaluation 2019-11-15.
    expect(range).toEqual({ min: '2009-08-21', max: '2024-11-15' });
  });
  test.each([
    ['2009-08-21', '2009-08-21'],
    ['2024-11-15', '2024-11-15'],
    ['2019/9/1', '2019-09-01'],
  ])('%s is inside', (cell, iso) => {
    expect(parseDateIn(cell, range)).toEqual({ ok: true, value: iso });
  });
  test.each([
    ['0000-01-01', "0000-01-01 is outside the campaign's date range 2009-08-21 … 2024-11-15"],
    ['9999-12-31', "9999-12-31 is outside the campaign's date range 2009-08-21 … 2024-11-15"],
    ['2009-08-20', "2009-08-20 is outside the campaign's date range 2009-08-21 … 2024-11-15"],
    ['2024-11-16', "2024-11-16 is outside the campaign's date range 2009-08-21 … 2024-11-15"],
  ])('%s is refused with the allowed range', (cell, reason) => {
    expect(parseDateIn(cell, range)).toEqual({ ok: false, reason });
  });
  test('a leap day moves to 1 March in a common year', () => {
    const leap = { ...campaign, document: { ...campaign.document, issuedDate: '2008-02-29' } };
    expect(dateRangeOf(leap).min).toBe('1998-03-01');
  });
});

describe('parseOneOf', () => {
  const table = { 背街小巷: 'back', main: 'main' };
  test('finds a value by its own key, case-insensitively', () => {
    expect(parseOneOf('背街小巷', table, 'street class')).toEqual({ ok: true, value: 'back' });
    expect(parseOneOf('MAIN', table, 'street class')).toEqual({ ok: true, value: 'main' });
  });
  test.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    "'%s' is an unknown value, not a member of Object's prototype",
    (text) => {
      expect(parseOneOf(text, table, 'street class')).toEqual({
        ok: false,
        reason: `unknown street class '${text}' (背街小巷, main)`,
      });
    },
  );
});
