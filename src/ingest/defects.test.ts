import { describe, expect, test } from 'vitest';
import type { DefectState } from '../campaign/types';
import { mergeDefects, type DefectObservation } from './defects';

const HEADERS = {
  id: '编号',
  state: '状态',
  found: '发现日期',
  object: '关联对象',
  taskForce: '专项',
  category: '类别',
};
const merge = (list: DefectObservation[]) => {
  const { defects, problems } = mergeDefects(list);
  expect(problems).toEqual([]);
  return defects;
};
const at = (file: string, location: string) => ({ origin: { file, location, headers: HEADERS } });

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
  origin: { file: 'x.csv', location: 'row 2', headers: HEADERS },
  ...extra,
});

describe('mergeDefects', () => {
  test('each change of state becomes a history entry with date, from, to and unit', () => {
    const [d] = merge([
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
    const forward = merge([...older, ...newer]);
    const backward = merge([...newer, ...older]);
    expect(backward).toEqual(forward);
    expect(backward[0]).toMatchObject({ state: 'closed', description: 'newer', updated: '2019-09-08' });
    expect(backward[0].history.map((h) => h.to)).toEqual(['in_progress', 'closed']);
  });

  test('the same state on the same date in two exports is an overlap, not a conflict', () => {
    const [d] = merge([
      obs('D1', '2019-09-03', 'assigned', 'U-ZHZF', { description: 'a' }),
      obs('D1', '2019-09-03', 'assigned', 'U-ZHZF', { description: 'b' }),
    ]);
    expect(d).toMatchObject({ state: 'assigned', description: 'b' });
  });

  test('a re-check that fails reopens the defect and keeps both passes', () => {
    const [d] = merge([
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
      merge([obs('D1', '2019-09-01', 'reported'), obs('D2', '2019-09-01', 'closed')]).map((d) => [d.id, d.state]),
    ).toEqual([
      ['D1', 'reported'],
      ['D2', 'closed'],
    ]);
  });
});

describe('mergeDefects refuses what it cannot know', () => {
  test('two states on the same date in two exports: a problem naming both places; the later row is left out', () => {
    const { defects, problems } = mergeDefects([
      obs('D1', '2019-09-01', 'reported', 'U-ZHZF', at('d1.csv', 'row 2')),
      obs('D1', '2019-09-05', 'in_progress', 'U-ZHZF', at('d1.csv', 'row 3')),
      obs('D1', '2019-09-05', 'closed', 'U-ZHZF', at('d2.csv', 'row 7')),
    ]);
    expect(problems).toEqual([
      {
        file: 'd2.csv',
        location: 'row 7',
        field: '状态',
        message:
          "'D1' on 2019-09-05: in_progress at d1.csv:row 3, closed here (same date, different states: correct one, or date the rows or the export's \"asOfDate\")",
      },
    ]);
    expect(defects[0]).toMatchObject({ state: 'in_progress', updated: '2019-09-05' });
    expect(defects[0].history.map((h) => h.to)).toEqual(['reported', 'in_progress']);
  });

  test('an id reused for another defect: a problem naming both places and the differing fields', () => {
    const { defects, problems } = mergeDefects([
      obs('D1', '2019-09-02', 'assigned', 'U-ZHZF', { object: 'H1', ...at('d1.csv', 'row 2') }),
      obs('D1', '2019-09-08', 'reported', 'U-ZHZF', { object: 'H2', found: '2019-09-07', ...at('d2.csv', 'row 4') }),
    ]);
    expect(problems).toEqual([
      {
        file: 'd2.csv',
        location: 'row 4',
        field: '编号',
        message:
          "id 'D1' is already a different defect at d1.csv:row 2: 发现日期 '2019-09-01' there, '2019-09-07' here; 关联对象 'H1' there, 'H2' here",
      },
    ]);
    expect(defects).toHaveLength(1);
    expect(defects[0]).toMatchObject({ object: 'H1', state: 'assigned', found: '2019-09-01' });
  });

  test('another category or no object any more is a different defect too', () => {
    const { problems } = mergeDefects([
      obs('D1', '2019-09-02', 'assigned', 'U-ZHZF', { object: 'S1', ...at('d1.csv', 'row 2') }),
      obs('D1', '2019-09-03', 'in_progress', 'U-ZHZF', { category: 'TF2-03', ...at('d1.csv', 'row 3') }),
    ]);
    expect(problems.map((p) => `${p.location}: ${p.field}: ${p.message}`)).toEqual([
      "row 3: 编号: id 'D1' is already a different defect at d1.csv:row 2: 关联对象 'S1' there, none here; 类别 'TF2-14' there, 'TF2-03' here",
    ]);
  });
});
