import readXlsxFile from 'read-excel-file/universal';
import { describe, expect, it } from 'vitest';
import { dayFromIso } from '../campaign/dates';
import type { DefectState } from '../campaign/types';
import { historiesFromLists, type DefectHistories } from '../dataset/details';
import { emptyDefectColumns, type DefectColumns, type DefectHistoryEntry } from '../dataset/types';
import { campaign } from './__fixtures__/zone-fixture';
import {
  IDS_IN_TEXT,
  buildWeeklyReport,
  cutoffFor,
  idList,
  idsText,
  latestCutoff,
  planText,
  progressText,
} from './weekly';
import { exportWeeklyReport } from './weekly-xlsx';

interface D {
  id: string;
  unit: string;
  tf: string;
  category: string;
  found: string;
  deadline: string;
  /** [date, to] steps; the first starts from no state. Empty = no history in the details file. */
  steps: [string, DefectState][];
  /** Current state and its date when there is no history. */
  current?: [string, DefectState];
}

// Week of cut-off Wed 2019-09-18: Thu 09-12 … Wed 09-18; next week 09-19 … 09-25.
const HAND: D[] = [
  {
    id: 'D1',
    unit: 'U-CG',
    tf: 'TF1',
    category: 'TF1-01',
    found: '2019-09-05',
    deadline: '2019-09-20',
    steps: [
      ['2019-09-05', 'reported'],
      ['2019-09-06', 'assigned'],
      ['2019-09-08', 'in_progress'],
      ['2019-09-14', 'awaiting_recheck'],
    ],
  },
  {
    id: 'D2',
    unit: 'U-CG',
    tf: 'TF1',
    category: 'TF1-03',
    found: '2019-09-13',
    deadline: '2019-09-16',
    steps: [
      ['2019-09-13', 'reported'],
      ['2019-09-13', 'assigned'],
      ['2019-09-14', 'in_progress'],
      ['2019-09-15', 'awaiting_recheck'],
      ['2019-09-17', 'closed'],
    ],
  },
  {
    id: 'D3',
    unit: 'U-CG',
    tf: 'TF1',
    category: 'TF1-06',
    found: '2019-09-01',
    deadline: '2019-09-10',
    steps: [
      ['2019-09-01', 'reported'],
      ['2019-09-02', 'assigned'],
      ['2019-09-03', 'in_progress'],
    ],
  },
  {
    id: 'D4',
    unit: 'U-HN',
    tf: 'TF1',
    category: 'TF1-07',
    found: '2019-09-10',
    deadline: '2019-09-22',
    steps: [
      ['2019-09-10', 'reported'],
      ['2019-09-11', 'assigned'],
    ],
  },
  {
    id: 'D5',
    unit: 'U-ZHZF',
    tf: 'TF2',
    category: 'TF2-01',
    found: '2019-09-14',
    deadline: '2019-09-30',
    steps: [
      ['2019-09-14', 'reported'],
      ['2019-09-20', 'closed'],
    ],
  },
  {
    id: 'D6',
    unit: 'U-CG',
    tf: 'TF1',
    category: 'TF1-01',
    found: '2019-09-02',
    deadline: '2019-09-15',
    steps: [
      ['2019-09-02', 'reported'],
      ['2019-09-03', 'assigned'],
      ['2019-09-04', 'in_progress'],
      ['2019-09-11', 'awaiting_recheck'],
      ['2019-09-16', 'reopened'],
    ],
  },
  {
    id: 'D7',
    unit: 'U-CG',
    tf: 'TF1',
    category: 'TF1-01',
    found: '2019-09-19',
    deadline: '2019-09-21',
    steps: [['2019-09-19', 'reported']],
  },
  {
    id: 'D8',
    unit: 'U-CG',
    tf: 'TF1',
    category: 'TF1-02',
    found: '2019-09-09',
    deadline: '2019-09-12',
    steps: [],
    current: ['2019-09-16', 'closed'],
  },
];

function columns(ds: D[]): { defects: DefectColumns; histories: DefectHistories } {
  const tables = {
    taskForce: [] as string[],
    category: [] as string[],
    state: [] as DefectState[],
    unit: [] as string[],
    subdistrict: ['330902002'],
    object: ['K-001'],
  };
  const ix = <T extends string>(arr: T[], v: T) => (arr.includes(v) ? arr.indexOf(v) : arr.push(v) - 1);
  const c = emptyDefectColumns(ds.length, tables, true);
  const histories: Record<string, DefectHistoryEntry[]> = {};
  for (const d of ds) {
    const last = d.steps.length ? d.steps[d.steps.length - 1] : d.current!;
    c.id.push(d.id);
    c.coords.push(122.1, 30.02);
    c.taskForce.push(ix(tables.taskForce, d.tf));
    c.category.push(ix(tables.category, d.category));
    c.state.push(ix(tables.state, last[1]));
    c.unit.push(ix(tables.unit, d.unit));
    c.subdistrict.push(0);
    c.object.push(d.id === 'D1' ? 0 : -1);
    c.found.push(dayFromIso(d.found));
    c.deadline.push(dayFromIso(d.deadline));
    c.updated.push(dayFromIso(last[0]));
    if (d.steps.length) {
      const history: DefectHistoryEntry[] = d.steps.map(([date, to], i) => ({
        date,
        from: i ? d.steps[i - 1][1] : null,
        to,
        unit: d.unit,
      }));
      histories[d.id] = history;
    }
  }
  return { defects: c, histories: historiesFromLists(c.id.map((id) => histories[id])) };
}

function report(notes = {}) {
  const { defects, histories } = columns(HAND);
  return buildWeeklyReport({ campaign, defects, histories, cutoffDate: '2019-09-18' }, notes);
}

describe('buildWeeklyReport', () => {
  it('covers Thursday to the cut-off Wednesday, merge on Thursday', () => {
    const r = report();
    expect(r.week).toEqual({ startDate: '2019-09-12', endDate: '2019-09-18', mergeDate: '2019-09-19' });
    expect(r.nextWeek).toEqual({ startDate: '2019-09-19', endDate: '2019-09-25' });
  });

  it('counts found, fixed, verified, reopened and still-overdue from the history, with the ids', () => {
    const cg = report().rows.find((x) => x.key === 'U-CG|TF1')!;
    expect(cg.ids).toEqual({
      found: ['D2'], // D1, D3, D6, D8 were found before the week; D7 after the cut-off
      fixed: ['D1', 'D2'],
      verified: ['D2', 'D8'], // D8 from its columns (no history)
      reopened: ['D6'],
      overdue: ['D3', 'D6'], // D2's deadline passed but it was fixed; D8 closed
      dueNextWeek: [],
    });
    expect(cg.openAtCutoff).toBe(3); // D1 (awaiting re-check is open), D3, D6
  });

  it('does not count a defect found last week as new, and lists open items due next week', () => {
    const hn = report().rows.find((x) => x.key === 'U-HN|TF1')!;
    expect(hn.ids.found).toEqual([]);
    expect(hn.ids.dueNextWeek).toEqual(['D4']);
  });

  it('takes the state at the cut-off, not today: a defect closed after the cut-off is still open then', () => {
    const r = report();
    const zf = r.rows.find((x) => x.key === 'U-ZHZF|TF2')!;
    expect(zf.ids.found).toEqual(['D5']);
    expect(zf.ids.verified).toEqual([]);
    expect(zf.openAtCutoff).toBe(1);
    expect(r.items.D5.stateAtCutoff).toBe('reported');
    expect(r.items.D7).toBeUndefined();
  });

  it('merges every unit under the task force lead unit for Thursday', () => {
    const r = report();
    expect(r.merges.map((m) => [m.leadUnit, m.taskForces, m.rows.map((x) => x.key)])).toEqual([
      ['U-ZJJ', ['TF1'], ['U-CG|TF1', 'U-HN|TF1']],
      ['U-ZHZF', ['TF2'], ['U-ZHZF|TF2']],
    ]);
    expect(r.merges[0].totals).toEqual({ found: 1, fixed: 2, verified: 2, reopened: 1, overdue: 2, dueNextWeek: 1 });
  });

  it('warns when figures come from columns without history, and when the cut-off is past the data', () => {
    expect(report().warnings).toHaveLength(1);
    expect(report().warnings[0].en).toMatch(/^1 defect\(s\) have no history/);
    expect(report().warnings[0].zh).toMatch(/^1 个问题在 defect-history.json 中没有处理记录/);
    const { defects, histories } = columns(HAND);
    const late = buildWeeklyReport({ campaign, defects, histories, cutoffDate: '2019-09-18', asOfDate: '2019-09-12' });
    expect(late.warnings).toContainEqual({
      zh: '数据截至 2019-09-12，早于本期截止日 2019-09-18：2019-09-12 之后的变化不在本表数字中',
      en: 'the data runs to 2019-09-12, before the cut-off 2019-09-18: changes after 2019-09-12 are not in these figures',
    });
  });

  it('refuses a cut-off that is not the due weekday and names the right one', () => {
    const { defects, histories } = columns(HAND);
    expect(() => buildWeeklyReport({ campaign, defects, histories, cutoffDate: '2019-09-12' })).toThrow(
      /2019-09-12 is a Thursday; reports are due on Wednesdays — the week containing 2019-09-12 is cut off on 2019-09-18/,
    );
    expect(cutoffFor(campaign, '2019-09-12')).toBe('2019-09-18');
    expect(latestCutoff(campaign, '2019-09-12')).toBe('2019-09-11');
    expect(latestCutoff(campaign, '2019-09-11')).toBe('2019-09-11');
    expect(latestCutoff(campaign, '2019-09-10')).toBe('2019-09-04');
  });

  it('lists at most IDS_IN_TEXT ids in a text and says how many in all', () => {
    const ids = Array.from({ length: IDS_IN_TEXT + 5 }, (_, i) => `D${i}`);
    expect(idList(ids, 'zh').endsWith(`D${IDS_IN_TEXT - 1} 等 ${IDS_IN_TEXT + 5} 个`)).toBe(true);
    expect(idList(ids.slice(0, 2), 'en')).toBe('D0, D1');
  });

  it('writes texts with numbers, ids and the unit’s own words; a note adds a row', () => {
    const notes = {
      'U-CG|TF1': { progress: '完成外墙修补 3 处', plan: '=先做楼道灯' },
      'U-YC|TF1': { progress: '本周无新问题' },
    };
    const r = report(notes);
    const cg = r.rows.find((x) => x.key === 'U-CG|TF1')!;
    expect(progressText(cg, notes, 'zh').split('\n')).toEqual([
      '完成外墙修补 3 处',
      '新发现问题 1 个',
      '整改完成待复核 2 个',
      '复核销号 2 个',
      '复核未通过返工 1 个',
      '截至本周三仍超期未整改 2 个',
    ]);
    expect(planText(cg, notes, 'en')).toBe('=先做楼道灯\nOpen, due next week: 0');
    expect(idsText(cg, 'zh').split('\n')).toEqual([
      '新发现问题：D2',
      '整改完成待复核：D1、D2',
      '复核销号：D2、D8',
      '复核未通过返工：D6',
      '截至本周三仍超期未整改：D3、D6',
    ]);
    const yc = r.rows.find((x) => x.key === 'U-YC|TF1')!;
    expect(progressText(yc, notes, 'en').split('\n')[0]).toBe('本周无新问题');
    expect(idsText(yc, 'en')).toBe('');
    expect(r.rows.map((x) => x.key)).toContain('U-YC|TF1');
  });
});

describe('exportWeeklyReport', () => {
  it('writes the attachment columns, a merge sheet per lead unit and the details', async () => {
    const notes = { 'U-CG|TF1': { progress: '完成外墙修补 3 处', plan: '=先做楼道灯' } };
    const file = await exportWeeklyReport(report(notes), campaign, notes, {
      asOfDate: '2019-09-12',
      sample: true,
      generatedAt: new Date('2019-09-18T09:00:00Z'),
    });
    expect(file.filename).toBe('进度表_2019-09-18_示例数据.xlsx');
    const u8 = file.bytes;
    const sheets = await readXlsxFile(u8.buffer.slice(u8.byteOffset, u8.byteOffset + u8.byteLength) as ArrayBuffer);
    expect(sheets.map((s) => s.sheet)).toEqual(['封面', '进度表', '汇总-区住建局', '汇总-区综合执法局', '明细']);
    expect(sheets[0].data.flat().join(' ')).toContain('示例数据');
    const form = sheets[1].data;
    expect(form[0].slice(0, 5)).toEqual([
      '单位（盖章）',
      '项目名称',
      '本周工作进展情况',
      '下周工作进度安排',
      '问题编号',
    ]);
    const cg = form.find((r) => r[0] === '昌国街道')!;
    expect(cg[1]).toBe('居民小区');
    expect(String(cg[2]).split('\n')[0]).toBe('完成外墙修补 3 处');
    expect(String(cg[2])).toContain('整改完成待复核 2 个');
    expect(String(cg[2])).not.toContain('D1');
    expect(String(cg[3])).toBe('=先做楼道灯\n下周到期待整改 0 个');
    expect(String(cg[4])).toContain('整改完成待复核：D1、D2');
    expect(cg.slice(5)).toEqual([1, 2, 2, 1, 2, 0]);
    expect(String(sheets[2].data[0][0])).toBe('牵头单位: 区住建局');
    expect(sheets[2].data.slice(2).map((r) => r[0])).toEqual(['昌国街道', '环南街道']);
    const detail = sheets[4].data;
    expect(detail.find((r) => r[2] === 'D6' && r[0] === '复核未通过返工')).toEqual([
      '复核未通过返工',
      new Date('2019-09-16T00:00:00Z'),
      'D6',
      '昌国街道',
      '居民小区',
      '外墙立面',
      null,
      new Date('2019-09-15T00:00:00Z'),
      '返工',
    ]);
  });
});
