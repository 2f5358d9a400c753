import { describe, expect, test } from 'vitest';
import type { DefectState } from '../campaign/types';
import { mergeDefects, type DefectObservation } from './defects';

const obs = (
  id: string,
  date: string,
  state: DefectState,
  unit = 'U-ZHZF',
  extra: Partial<DefectObservation> = {},
): DefectObservation => ({
  id,
  lngLat: [122.1, 30.02],
  taskForce: 'TF2',
  category: 'TF2-14',
  state,
  unit,
  subdistrict: '330902002',
  object: null,
  found: '2019-09-01',
  deadline: '2019-09-10',
  date,
  description: '',
  photos: [],
  sample: false,
  origin: { file: 'x.csv', location: 'row 2' },
  ...extra,
});

describe('mergeDefects', () => {
  test('each change of state becomes a history entry with date, from, to and unit', () => {
    const [d] = mergeDefects([
      obs('D1', '2019-09-01', 'reported', 'U-CJB'),
      obs('D1', '2019-09-02', 'assigned'),
      obs('D1', '2019-09-03', 'assigned'),
      obs('D1', '2019-09-06', 'in_progress'),
    ]);
    expect(d.history).toEqual([
      { date: '2019-09-01', from: null, to: 'reported', unit: 'U-CJB' },
      { date: '2019-09-02', from: 'reported', to: 'assigned', unit: 'U-ZHZF' },
      { date: '2019-09-06', from: 'assigned', to: 'in_progress', unit: 'U-ZHZF' },
    ]);
    expect(d.state).toBe('in_progress');
    expect(d.updated).toBe('2019-09-06');
  });

  test('an older export read after a newer one does not overwrite the newer state', () => {
    const newer = [obs('D1', '2019-09-08', 'closed', 'U-ZHZF', { description: 'newer' })];
    const older = [obs('D1', '2019-09-03', 'in_progress', 'U-ZHZF', { description: 'older' })];
    const forward = mergeDefects([...older, ...newer]);
    const backward = mergeDefects([...newer, ...older]);
    expect(backward).toEqual(forward);
    expect(backward[0]).toMatchObject({ state: 'closed', description: 'newer', updated: '2019-09-08' });
    expect(backward[0].history.map((h) => h.to)).toEqual(['in_progress', 'closed']);
  });

  test('on the same date the later input wins', () => {
    const [d] = mergeDefects([obs('D1', '2019-09-03', 'assigned'), obs('D1', '2019-09-03', 'in_progress')]);
    expect(d.state).toBe('in_progress');
  });

  test('a re-check that fails reopens the defect and keeps both passes', () => {
    const [d] = mergeDefects([
      obs('D1', '2019-09-05', 'awaiting_recheck'),
      obs('D1', '2019-09-06', 'reopened', 'U-CJB'),
      obs('D1', '2019-09-07', 'in_progress'),
      obs('D1', '2019-09-04', 'in_progress'),
    ]);
    expect(d.history.map((h) => `${h.date} ${h.from}→${h.to}`)).toEqual([
      '2019-09-04 null→in_progress',
      '2019-09-05 in_progress→awaiting_recheck',
      '2019-09-06 awaiting_recheck→reopened',
      '2019-09-07 reopened→in_progress',
    ]);
  });

  test('different defects stay apart', () => {
    expect(
      mergeDefects([obs('D1', '2019-09-01', 'reported'), obs('D2', '2019-09-01', 'closed')]).map((d) => [
        d.id,
        d.state,
      ]),
    ).toEqual([
      ['D1', 'reported'],
      ['D2', 'closed'],
    ]);
  });
});
