import { describe, expect, test } from 'vitest';
import { PERSONAL_FALLBACK, rowOf } from './row';
import type { RawRecord } from './read-source';
import { cellText } from './values';

const record = (cells: Record<string, string>): RawRecord => ({ location: 'row 2', cells });
const columns = { visited: '已走访', community: '社区' };

describe('rowOf, personal records', () => {
  test('a parser that quotes the cell: the quote is cut', () => {
    const row = rowOf(record({ 已走访: '13857012345' }), columns, 'v.csv', { personal: true });
    expect(row.bool('visited', undefined)).toBeNull();
    expect(row.problems).toEqual([
      { file: 'v.csv', location: 'row 2', field: '已走访', message: 'not a yes/no value (是/否)' },
    ]);
  });

  test('a parser that forgot the quotes: the whole message gives way', () => {
    const row = rowOf(record({ 社区: '王秀英家' }), columns, 'v.csv', { personal: true });
    row.lookup('community', true, (c) => ({ ok: false, reason: `no such community ${cellText(c)}` }));
    expect(row.problems.map((p) => p.message)).toEqual([PERSONAL_FALLBACK]);
  });

  test('a message holding another cell of the record gives way too', () => {
    const row = rowOf(record({ 社区: 'C1', 姓名: '王秀英' }), columns, 'v.csv', { personal: true });
    row.fail('community', 'household of 王秀英 is listed twice');
    expect(row.problems.map((p) => p.message)).toEqual([PERSONAL_FALLBACK]);
  });

  test('records that are not personal keep the quoted value', () => {
    const row = rowOf(record({ 已走访: '也许' }), columns, 'v.csv');
    row.bool('visited', undefined);
    expect(row.problems.map((p) => p.message)).toEqual(["not a yes/no value (是/否): '也许'"]);
  });
});
