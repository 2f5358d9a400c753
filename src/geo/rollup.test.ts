import { describe, expect, it } from 'vitest';
import { dayFromIso } from '../campaign/dates';
import { campaign, defectColumns, emptyInput, fc, feat, obj, type DefectRow } from './__fixtures__/build';
import { computeEngine } from './engine';

const AS_OF = dayFromIso(campaign.asOfDate);
const point = { type: 'Point' as const, coordinates: [122.1, 30.02] };

function statusOf(rows: DefectRow[], props: Record<string, unknown> = {}, asOfDate?: string) {
  const input = emptyInput({
    compounds: fc([feat(point, obj('K1', props))]),
    defects: defectColumns(rows),
  });
  return computeEngine(input, { asOfDate }).status.K1;
}

describe('object state roll-up', () => {
  it('makes overdue beat a reopened defect', () => {
    const s = statusOf([
      { object: 'K1', state: 'reopened', found: AS_OF - 10, deadline: AS_OF + 5 },
      { object: 'K1', state: 'in_progress', found: AS_OF - 10, deadline: AS_OF - 1 },
    ]);
    expect(s).toMatchObject({ state: 'overdue', openDefects: 2, overdue: 1, reopened: 1 });
  });

  it('takes the worst open defect by lifecycle severity when nothing is overdue', () => {
    const s = statusOf([
      { object: 'K1', state: 'in_progress', found: AS_OF - 3, deadline: AS_OF + 5 },
      { object: 'K1', state: 'reopened', found: AS_OF - 3, deadline: AS_OF + 5 },
      { object: 'K1', state: 'assigned', found: AS_OF - 3, deadline: AS_OF + 5 },
    ]);
    expect(s.state).toBe('reopened');
  });

  it('does not call a fix awaiting re-check overdue, nor a defect due today', () => {
    const s = statusOf([
      { object: 'K1', state: 'awaiting_recheck', found: AS_OF - 20, deadline: AS_OF - 5 },
      { object: 'K1', state: 'assigned', found: AS_OF - 20, deadline: AS_OF },
    ]);
    expect(s).toMatchObject({ state: 'assigned', overdue: 0 });
  });

  it('does not call a defect without a deadline overdue', () => {
    expect(statusOf([{ object: 'K1', state: 'reported', found: AS_OF - 30, deadline: 0 }]).state).toBe('reported');
  });

  it('says neverInspected for an object with no inspection and no defects, and counts it stale', () => {
    expect(statusOf([])).toMatchObject({ state: 'neverInspected', lastInspected: null, stale: true });
  });

  it('says clean for an inspected object whose defects are all closed', () => {
    const s = statusOf([{ object: 'K1', state: 'closed', found: AS_OF - 3, deadline: AS_OF - 1, updated: AS_OF - 2 }]);
    expect(s).toMatchObject({ state: 'clean', openDefects: 0, lastInspected: '2019-09-10', stale: false });
  });

  it('is stale when last inspected more than staleDays before the as-of date, and not at exactly staleDays', () => {
    const day = (n: number) => new Date(Date.UTC(2019, 8, 12 - n)).toISOString().slice(0, 10);
    expect(statusOf([], { lastInspected: day(campaign.staleDays) })).toMatchObject({ state: 'clean', stale: false });
    expect(statusOf([], { lastInspected: day(campaign.staleDays + 1) })).toMatchObject({ state: 'clean', stale: true });
  });

  it('uses the latest of lastInspected and the defects’ found and updated days', () => {
    const s = statusOf([{ object: 'K1', state: 'closed', found: AS_OF - 40, deadline: 0, updated: AS_OF - 4 }], {
      lastInspected: '2019-07-01',
    });
    expect(s.lastInspected).toBe('2019-09-08');
  });

  it('ignores defects found after the as-of date', () => {
    const rows: DefectRow[] = [{ object: 'K1', state: 'reported', found: AS_OF - 2, deadline: AS_OF + 3 }];
    expect(statusOf(rows, {}, '2019-09-01')).toMatchObject({ state: 'neverInspected', openDefects: 0 });
    expect(statusOf(rows).state).toBe('reported');
  });

  it('rejects a defect state the lifecycle does not know', () => {
    const input = emptyInput({
      defects: defectColumns([{ object: 'K1', state: 'lost' as never, found: 1, deadline: 1 }]),
    });
    expect(() => computeEngine(input)).toThrow('defect state "lost" is not in campaign.lifecycle.states');
  });

  it('rejects an unparseable lastInspected', () => {
    const input = emptyInput({ compounds: fc([feat(point, obj('K1', { lastInspected: '12/09/2019' }))]) });
    expect(() => computeEngine(input)).toThrow(
      'compound K1: lastInspected must be a YYYY-MM-DD date or null, got "12/09/2019"',
    );
  });

  it('ignores defects linked to no object or to an unknown id', () => {
    const cols = defectColumns([
      { object: 'nobody', state: 'reported', found: AS_OF, deadline: AS_OF },
      { object: 'K1', state: 'reported', found: AS_OF, deadline: AS_OF },
    ]);
    cols.object[1] = -1;
    const input = emptyInput({ compounds: fc([feat(point, obj('K1'))]), defects: cols });
    expect(computeEngine(input).status.K1.openDefects).toBe(0);
  });
});
