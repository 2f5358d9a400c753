import { describe, expect, it } from 'vitest';
import { campaign } from '../geo/__fixtures__/build';
import { columns } from './__fixtures__/defects';
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
