import { describe, expect, it } from 'vitest';
import { campaign } from '../geo/__fixtures__/build';
import { columns, histories, type Row } from './__fixtures__/defects';
import { redBlackList } from './units';

/** `n` defects of `unit`, the first `closed` of them closed after `days` days, `overdue` of the rest overdue. */
function unitRows(unit: string, n: number, closed: number, overdue: number, days = 4): Row[] {
  return Array.from({ length: n }, (_, k): Row => {
    if (k < closed)
      return {
        unit,
        state: 'closed',
        found: '2019-09-01',
        deadline: '2019-09-20',
        steps: [[`2019-09-0${1 + days}`, 'closed']],
      };
    return {
      unit,
      state: 'in_progress',
      found: '2019-09-01',
      deadline: k - closed < overdue ? '2019-09-05' : '2019-09-30',
    };
  });
}

describe('redBlackList', () => {
  const rows = [
    ...unitRows('U-A', 10, 9, 0, 2),
    ...unitRows('U-B', 10, 9, 0, 5),
    ...unitRows('U-C', 10, 5, 1),
    ...unitRows('U-D', 10, 5, 3),
    ...unitRows('U-E', 10, 2, 6),
    ...unitRows('U-F', 3, 3, 0),
  ];
  const list = redBlackList(campaign, columns(rows), histories(rows), '2019-09-12', { size: 2, minDefects: 5 });

  it('orders by closure rate, then fewer overdue, then faster closing', () => {
    expect(list.ranked.map((u) => u.unit)).toEqual(['U-A', 'U-B', 'U-C', 'U-D', 'U-E']);
    expect(list.ranked[0]).toEqual({
      unit: 'U-A',
      total: 10,
      closed: 9,
      open: 1,
      overdue: 0,
      closureRate: 0.9,
      avgDaysToClose: 2,
    });
  });

  it('puts the top on the red list and the bottom, worst first, on the black list', () => {
    expect(list.red.map((u) => u.unit)).toEqual(['U-A', 'U-B']);
    expect(list.black.map((u) => u.unit)).toEqual(['U-E', 'U-D']);
  });

  it('leaves out units with too few defects, and never lists a unit on both', () => {
    expect(list.tooFew.map((u) => u.unit)).toEqual(['U-F']);
    const few = redBlackList(campaign, columns(rows), histories(rows), '2019-09-12', { size: 3, minDefects: 5 });
    expect(few.red.map((u) => u.unit)).toEqual(['U-A', 'U-B', 'U-C']);
    expect(few.black.map((u) => u.unit)).toEqual(['U-E', 'U-D']);
  });

  it('times a closed defect without history by its last change', () => {
    const bare: Row[] = [{ unit: 'U-A', state: 'closed', found: '2019-09-01', updated: '2019-09-08' }];
    expect(redBlackList(campaign, columns(bare), null, '2019-09-12', { minDefects: 1 }).ranked[0].avgDaysToClose).toBe(
      7,
    );
  });
});

describe('redBlackList over selected rows', () => {
  it('ranks units on the selected defects alone', () => {
    const rows = [...unitRows('U-A', 10, 9, 0, 2), ...unitRows('U-B', 10, 2, 3), ...unitRows('U-C', 12, 6, 0)];
    // Leave out U-A's closed defects: it falls from the red list's head.
    const keep = rows.flatMap((_, k) => (k < 9 ? [] : [k]));
    const subset = keep.map((k) => rows[k]);
    const scoped = redBlackList(campaign, columns(rows), histories(rows), '2019-09-12', {
      rows: keep,
      size: 1,
      minDefects: 1,
    });
    const alone = redBlackList(campaign, columns(subset), histories(subset), '2019-09-12', { size: 1, minDefects: 1 });
    expect(scoped).toEqual(alone);
    expect(
      redBlackList(campaign, columns(rows), histories(rows), '2019-09-12', { size: 1, minDefects: 1 }).red[0].unit,
    ).toBe('U-A');
    expect(scoped.red[0].unit).toBe('U-C');
    expect(scoped.options).toEqual({ size: 1, minDefects: 1 });
  });
});
