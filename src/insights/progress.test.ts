import { describe, expect, it } from 'vitest';
import { campaign } from '../geo/__fixtures__/build';
import { columns, type Row } from './__fixtures__/defects';
import { taskForceProgress } from './progress';

describe('taskForceProgress', () => {
  const defects = columns([
    { taskForce: 'TF2', state: 'closed', found: '2019-08-25', deadline: '2019-09-01' },
    { taskForce: 'TF2', state: 'in_progress', found: '2019-08-25', deadline: '2019-09-01' },
    // Fixed, awaiting re-check: open, but its deadline clock has stopped.
    { taskForce: 'TF2', state: 'awaiting_recheck', found: '2019-08-25', deadline: '2019-09-01' },
    // Due on the as-of date itself: not yet overdue.
    { taskForce: 'TF2', state: 'assigned', found: '2019-09-01', deadline: '2019-09-12' },
    // No deadline set yet.
    { taskForce: 'TF3', state: 'reported', found: '2019-09-11' },
    // Found after the as-of date: not counted.
    { taskForce: 'TF3', state: 'reported', found: '2019-09-13', deadline: '2019-09-01' },
  ]);
  const progress = taskForceProgress(campaign, defects, '2019-09-12');
  const of = (code: string) => progress.find((p) => p.taskForce === code)!;

  it('lists every task force of the plan in order, with none for one that has no defects', () => {
    expect(progress.map((p) => p.taskForce)).toEqual(campaign.taskForces.map((t) => t.code));
    expect(of('TF9')).toEqual({ taskForce: 'TF9', total: 0, closed: 0, open: 0, overdue: 0, closedShare: null });
  });

  it('counts closed of total, open, and overdue by the campaign rule', () => {
    expect(of('TF2')).toEqual({ taskForce: 'TF2', total: 4, closed: 1, open: 3, overdue: 1, closedShare: 0.25 });
    expect(of('TF3')).toMatchObject({ total: 1, open: 1, overdue: 0 });
  });

  it('moves with the as-of date', () => {
    const later = taskForceProgress(campaign, defects, '2019-09-13');
    expect(later.find((p) => p.taskForce === 'TF2')!.overdue).toBe(2);
    expect(later.find((p) => p.taskForce === 'TF3')!.total).toBe(2);
  });
});

describe('taskForceProgress over selected rows', () => {
  const rows: Row[] = [
    { taskForce: 'TF2', state: 'closed', found: '2019-08-25', deadline: '2019-09-01' },
    { taskForce: 'TF2', state: 'in_progress', found: '2019-08-25', deadline: '2019-09-01' },
    { taskForce: 'TF3', state: 'assigned', found: '2019-09-01', deadline: '2019-09-05' },
    { taskForce: 'TF3', state: 'closed', found: '2019-09-01', deadline: '2019-09-05' },
    { taskForce: 'TF3', state: 'reported', found: '2019-09-13' },
  ];

  it('counts only the selected rows, as if they were the only defects', () => {
    const keep = [1, 2, 4];
    const scoped = taskForceProgress(campaign, columns(rows), '2019-09-12', { rows: keep });
    expect(scoped).toEqual(taskForceProgress(campaign, columns(keep.map((k) => rows[k])), '2019-09-12'));
    expect(scoped.find((p) => p.taskForce === 'TF2')).toMatchObject({ total: 1, closed: 0, overdue: 1 });
    expect(scoped.find((p) => p.taskForce === 'TF3')).toMatchObject({ total: 1, open: 1, overdue: 1 });
  });

  it('counts nothing for an empty selection', () => {
    const none = taskForceProgress(campaign, columns(rows), '2019-09-12', { rows: new Uint32Array(0) });
    expect(none.every((p) => p.total === 0)).toBe(true);
  });
});
