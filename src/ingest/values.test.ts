import iconv from 'iconv-lite';
import { describe, expect, test } from 'vitest';
import { cleanText, decodeText } from './text';
import { parseBool, parseDate, parseNumber } from './values';

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
    expect(() => decodeText(gbk, 'utf8')).toThrow('not valid UTF-8');
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
  test('是/否', () => {
    expect(parseBool('是')).toEqual({ ok: true, value: true });
    expect(parseBool('否')).toEqual({ ok: true, value: false });
    expect(parseBool('FALSE')).toEqual({ ok: true, value: false });
    expect(parseBool('也许').ok).toBe(false);
  });
});
