import { describe, expect, it } from 'vitest';
import { campaign } from '../geo/__fixtures__/build';
import { columns, histories, type Row } from './__fixtures__/defects';
import { openClosedByWeek } from './weekly-series';

// Report weeks end on Wednesdays (dueWeekday 3): … Thu 08-29 – Wed 09-04, Thu 09-05 – Wed 09-11, Thu 09-12 – Wed 09-18.
const rows: Row[] = [
  {
    state: 'closed',
    found: '2019-08-30',
    steps: [
      ['2019-09-02', 'assigned'],
      ['2019-09-03', 'in_progress'],
      ['2019-09-06', 'awaiting_recheck'],
      ['2019-09-07', 'closed'],
    ],
  },
  // Closed, reopened, closed again: two closings.
  {
    state: 'closed',
    found: '2019-09-05',
    steps: [
      ['2019-09-05', 'closed'],
      ['2019-09-09', 'reopened'],
      ['2019-09-10', 'in_progress'],
      ['2019-09-10', 'awaiting_recheck'],
      ['2019-09-12', 'closed'],
    ],
  },
  {
    state: 'in_progress',
    found: '2019-09-11',
    steps: [
      ['2019-09-11', 'assigned'],
      ['2019-09-12', 'in_progress'],
    ],
  },
  // No history: closed on the day of its last change.
  { state: 'closed', found: '2019-08-31', updated: '2019-09-05' },
  // After the as-of date: not counted anywhere.
  { state: 'reported', found: '2019-09-13' },
];

describe('openClosedByWeek', () => {
  const weeks = openClosedByWeek(campaign, columns(rows), histories(rows), '2019-09-12');

  it('makes weeks that end on the report cut-off weekday, the last one still running', () => {
    expect(weeks.map((w) => [w.startDate, w.endDate, w.partial])).toEqual([
      ['2019-08-29', '2019-09-04', false],
      ['2019-09-05', '2019-09-11', false],
      ['2019-09-12', '2019-09-18', true],
    ]);
  });

  it('counts found, closings and open at the end of each week from the history', () => {
    expect(weeks.map((w) => [w.opened, w.closed, w.openAtEnd])).toEqual([
      [2, 0, 2],
      [2, 3, 2],
      [0, 1, 1],
    ]);
  });

  it('carries older weeks into the open count when only the latest are shown', () => {
    const last = openClosedByWeek(campaign, columns(rows), histories(rows), '2019-09-12', { maxWeeks: 1 });
    expect(last).toEqual([weeks[2]]);
  });
});

describe('openClosedByWeek over selected rows', () => {
  it('counts like the selected defects alone, and starts at their first find', () => {
    const keep = [1, 3, 4];
    const subset = keep.map((k) => rows[k]);
    const scoped = openClosedByWeek(campaign, columns(rows), histories(rows), '2019-09-12', { rows: keep });
    expect(scoped).toEqual(openClosedByWeek(campaign, columns(subset), histories(subset), '2019-09-12'));
    const all = openClosedByWeek(campaign, columns(rows), histories(rows), '2019-09-12');
    expect(scoped.map((w) => w.opened)).not.toEqual(all.slice(-scoped.length).map((w) => w.opened));
  });

  it('refuses a row that is not in the columns', () => {
    expect(() => openClosedByWeek(campaign, columns(rows), null, '2019-09-12', { rows: [0, rows.length] })).toThrow(
      `defect row ${rows.length} is not a row of the defect columns (${rows.length})`,
    );
  });
});
