import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dayFromIso } from './dates';
import {
  canTransition,
  categoryByCode,
  daysToEvaluations,
  findPath,
  historyProblems,
  initialStates,
  isFixedState,
  isOpenState,
  isOverdue,
  phaseForDate,
  phaseRanges,
  reportWeek,
  stateByCode,
  subdistrictArea,
  taskForceByCode,
  unitByCode,
} from './model';
import { parseCampaign } from './parse';
import type { Campaign } from './types';

const campaign = parseCampaign(JSON.parse(readFileSync(new URL('../../data/campaign.json', import.meta.url), 'utf8')));
const day = dayFromIso;

describe('lookups', () => {
  it('finds task forces, categories, states, units and subdistricts by code', () => {
    expect(taskForceByCode(campaign, 'TF2')?.zh).toBe('背街小巷');
    expect(categoryByCode(campaign, 'TF2-03')?.category.zh).toBe('路灯缺失或损坏');
    expect(categoryByCode(campaign, 'TF2-03')?.taskForce.code).toBe('TF2');
    expect(stateByCode(campaign, 'awaiting_recheck')?.zh).toBe('待复核');
    expect(unitByCode(campaign, 'U-ZJJ')?.zh).toBe('区住建局');
    expect(subdistrictArea(campaign, '330902004')).toBe('builtUp');
    expect(subdistrictArea(campaign, '330902100')).toBe('rural');
    expect(subdistrictArea(campaign, '330902006')).toBe('other');
  });
  it('returns undefined for unknown codes', () => {
    expect(taskForceByCode(campaign, 'TF10')).toBeUndefined();
    expect(categoryByCode(campaign, 'TF1-99')).toBeUndefined();
    expect(stateByCode(campaign, 'done')).toBeUndefined();
    expect(unitByCode(campaign, 'U-NONE')).toBeUndefined();
    expect(subdistrictArea(campaign, '330902001')).toBeUndefined();
  });
  it('answers from the campaign it is given, not from a cached older one', () => {
    const edited: Campaign = structuredClone(campaign);
    edited.units[0].zh = '改名';
    expect(unitByCode(edited, 'U-CJB')?.zh).toBe('改名');
    expect(unitByCode(campaign, 'U-CJB')?.zh).toBe('区创建办');
  });
});

describe('phases and evaluations', () => {
  it('ends phase 1 the day before 省测 and starts phase 2 the day after', () => {
    const [p1, p2] = phaseRanges(campaign);
    expect([p1.startDay, p1.endDay]).toEqual([day('2019-08-21'), day('2019-09-19')]);
    expect([p2.startDay, p2.endDay]).toEqual([day('2019-09-21'), day('2019-11-14')]);
  });
  it('puts a date in its phase, and the evaluation day and dates outside the plan in none', () => {
    expect(phaseForDate(campaign, '2019-08-21')?.code).toBe('P1');
    expect(phaseForDate(campaign, '2019-09-12')?.code).toBe('P1');
    expect(phaseForDate(campaign, '2019-09-19')?.code).toBe('P1');
    expect(phaseForDate(campaign, '2019-09-20')).toBeNull();
    expect(phaseForDate(campaign, '2019-09-21')?.code).toBe('P2');
    expect(phaseForDate(campaign, '2019-11-14')?.code).toBe('P2');
    expect(phaseForDate(campaign, '2019-11-15')).toBeNull();
    expect(phaseForDate(campaign, '2019-08-20')).toBeNull();
  });
  it('follows a moved evaluation date without code changes', () => {
    const moved: Campaign = structuredClone(campaign);
    moved.evaluations[0].date = '2019-10-08';
    expect(phaseForDate(moved, '2019-09-25')?.code).toBe('P1');
  });
  it('counts days left to each evaluation, negative once passed', () => {
    expect(daysToEvaluations(campaign, '2019-09-12').map((e) => [e.evaluation.code, e.daysLeft])).toEqual([
      ['provincial', 8],
      ['national', 64],
    ]);
    expect(daysToEvaluations(campaign, '2019-09-20')[0].daysLeft).toBe(0);
    expect(daysToEvaluations(campaign, '2019-09-22')[0].daysLeft).toBe(-2);
  });
});

describe('overdue', () => {
  const asOf = day('2019-09-12');
  it('is overdue after the deadline day when not fixed', () => {
    expect(isOverdue(day('2019-09-11'), 'in_progress', asOf, campaign)).toBe(true);
    expect(isOverdue(day('2019-09-11'), 'reported', asOf, campaign)).toBe(true);
    expect(isOverdue(day('2019-09-11'), 'reopened', asOf, campaign)).toBe(true);
  });
  it('is on time all of the deadline day', () => {
    expect(isOverdue(day('2019-09-12'), 'in_progress', asOf, campaign)).toBe(false);
  });
  it('is never overdue once fixed (awaiting re-check or closed)', () => {
    expect(isOverdue(day('2019-09-01'), 'awaiting_recheck', asOf, campaign)).toBe(false);
    expect(isOverdue(day('2019-09-01'), 'closed', asOf, campaign)).toBe(false);
  });
  it('reads open and fixed states from the data', () => {
    expect(isOpenState(campaign, 'awaiting_recheck')).toBe(true);
    expect(isOpenState(campaign, 'closed')).toBe(false);
    expect(isFixedState(campaign, 'awaiting_recheck')).toBe(true);
    expect(isFixedState(campaign, 'in_progress')).toBe(false);
  });
});

describe('lifecycle', () => {
  it('allows the plan transitions and nothing else', () => {
    expect(canTransition(campaign, 'reported', 'assigned')).toBe(true);
    expect(canTransition(campaign, 'awaiting_recheck', 'reopened')).toBe(true);
    expect(canTransition(campaign, 'assigned', 'reported')).toBe(false);
    expect(canTransition(campaign, 'reported', 'awaiting_recheck')).toBe(false);
  });
  it('starts histories at 上报', () => {
    expect(initialStates(campaign)).toEqual(['reported']);
  });
  it('finds the shortest chain of allowed transitions', () => {
    expect(findPath(campaign, 'reported', 'awaiting_recheck')).toEqual([
      'reported',
      'assigned',
      'in_progress',
      'awaiting_recheck',
    ]);
    expect(findPath(campaign, 'reported', 'closed')).toEqual(['reported', 'closed']);
    expect(findPath(campaign, 'reopened', 'awaiting_recheck')).toEqual(['reopened', 'in_progress', 'awaiting_recheck']);
    expect(findPath(campaign, 'closed', 'closed')).toEqual(['closed']);
    expect(findPath(campaign, 'in_progress', 'reported')).toBeNull();
  });
  it('accepts a consistent history and names each bad entry', () => {
    expect(
      historyProblems(campaign, [
        { date: '2019-08-21', from: null, to: 'reported' },
        { date: '2019-08-22', from: 'reported', to: 'assigned' },
      ]),
    ).toEqual([]);
    expect(
      historyProblems(campaign, [
        { date: '2019-08-21', from: null, to: 'assigned' },
        { date: '2019-08-20', from: 'assigned', to: 'closed' },
        { date: '2019-08-23', from: 'in_progress', to: 'closed' },
      ]),
    ).toEqual([
      'history[0].to: assigned is not an initial state',
      'history[1]: assigned → closed is not an allowed transition',
      'history[1].date: 2019-08-20 is before 2019-08-21',
      'history[2].from: in_progress does not follow closed',
    ]);
  });
});

describe('reportWeek', () => {
  it('runs Thursday to the Wednesday cut-off, merged on Thursday', () => {
    expect(reportWeek(campaign, '2019-09-12')).toEqual({
      startDate: '2019-09-12',
      endDate: '2019-09-18',
      mergeDate: '2019-09-19',
    });
    expect(reportWeek(campaign, '2019-09-16')).toEqual({
      startDate: '2019-09-12',
      endDate: '2019-09-18',
      mergeDate: '2019-09-19',
    });
  });
  it('counts the cut-off Wednesday in the week it closes', () => {
    expect(reportWeek(campaign, '2019-09-11')).toEqual({
      startDate: '2019-09-05',
      endDate: '2019-09-11',
      mergeDate: '2019-09-12',
    });
  });
  it('follows the weekdays in the data', () => {
    const friday: Campaign = structuredClone(campaign);
    friday.weeklyReport.dueWeekday = 5;
    friday.weeklyReport.mergeWeekday = 1;
    expect(reportWeek(friday, '2019-09-12')).toEqual({
      startDate: '2019-09-07',
      endDate: '2019-09-13',
      mergeDate: '2019-09-16',
    });
  });
});
