import readXlsxFile from 'read-excel-file/universal';
import { describe, expect, it } from 'vitest';
import type { DeclarationEntry } from '../dataset/types';
import { HOSTILE, campaign } from './__fixtures__/zone-fixture';
import { declarationRows } from '../insights/task-forces';
import { declarationTable, exportDeclarations, timingText } from './declarations';

const ENTRIES: DeclarationEntry[] = [
  {
    id: 'DE-3',
    kind: 'report',
    entry: '说明报告',
    content: '至少 3 条举措',
    units: ['U-WMB'],
    deadline: '2019-09-05',
    status: 'submitted',
  },
  {
    id: 'DE-1',
    kind: 'activity_photos',
    entry: 'Ⅲ-8-1)-②',
    content: '核心价值观教育实践活动图片',
    units: ['U-CD', 'U-CG', 'U-HN', 'U-YC'],
    deadline: '2019-08-31',
    status: 'in_progress',
  },
  {
    id: 'DE-2',
    kind: 'scene_photos',
    entry: '公益广告',
    content: HOSTILE.formula,
    units: ['U-XCB', 'U-BQ'],
    deadline: '2019-09-15',
    status: 'not_started',
    note: HOSTILE.html,
  },
];

describe('declaration tracker', () => {
  it('sorts by deadline and counts days left or overdue at the as-of date', () => {
    const rows = declarationRows(ENTRIES, '2019-09-12');
    expect(rows.map((r) => [r.entry.id, r.daysLeft])).toEqual([
      ['DE-1', -12],
      ['DE-3', null],
      ['DE-2', 3],
    ]);
    expect(timingText(-12, 'zh')).toBe('超期 12 天');
    expect(timingText(0, 'en')).toBe('Due today');
  });

  it('names units in Chinese from the campaign data', () => {
    const t = declarationTable(declarationRows(ENTRIES, '2019-09-12'), campaign, 'zh');
    expect(t.rows[0]).toEqual([
      1,
      'Ⅲ-8-1)-②',
      '活动类图片资料',
      '核心价值观教育实践活动图片',
      '城东街道、昌国街道、环南街道、盐仓街道',
      '2019-08-31',
      '进行中',
      -12,
      '超期 12 天',
      null,
    ]);
  });

  it('writes an XLSX with a cover and the entries; hostile text stays text', async () => {
    const file = await exportDeclarations(ENTRIES, campaign, {
      asOfDate: '2019-09-12',
      sample: true,
      generatedAt: new Date('2019-09-12T00:00:00Z'),
    });
    expect(file.filename).toBe('网上申报_2019-09-12_示例数据.xlsx');
    const u8 = file.bytes;
    const sheets = await readXlsxFile(u8.buffer.slice(u8.byteOffset, u8.byteOffset + u8.byteLength) as ArrayBuffer);
    expect(sheets.map((s) => s.sheet)).toEqual(['封面', '申报条目']);
    expect(sheets[0].data.flat()).toContain('超期未报送');
    expect(sheets[1].data[0]).toEqual([
      '序号',
      '条目',
      '类别',
      '网上申报内容',
      '责任单位',
      '截止日期',
      '状态',
      '剩余天数（负数为超期）',
      '期限情况',
      '备注',
    ]);
    expect(sheets[1].data[3]).toEqual([
      3,
      '公益广告',
      '公益广告实景照片',
      HOSTILE.formula,
      '区委宣传部、白泉镇',
      new Date('2019-09-15T00:00:00Z'),
      '未开始',
      3,
      '剩余 3 天',
      HOSTILE.html,
    ]);
  });
});
