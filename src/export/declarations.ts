/**
 * The online-declaration tracker (附件2 网上申报攻坚条目): entries, responsible units by Chinese name, deadlines,
 * status, and days left (positive) or overdue (negative) at the as-of date. A submitted entry has no days figure.
 */
import type { Campaign, IsoDate, Named } from '../campaign/types';
import type { DeclarationEntry } from '../dataset/types';
import { declarationRows, type DeclarationRow } from '../insights/task-forces';
import { campaignLabels, named, type ExportLang } from './labels';
import type { Cell, Column, Table } from './table';
import { exportFilename } from './filename';
import { XLSX_MIME, coverSheet, tableSheet, writeWorkbook } from './xlsx';
import type { ExportFile } from './zone-export';
import type { ExportMeta } from './zone-rows';

export const DECLARATION_KIND_LABELS: Record<DeclarationEntry['kind'], Named> = {
  activity_photos: { zh: '活动类图片资料', en: 'Activity photos' },
  scene_photos: { zh: '公益广告实景照片', en: 'Public-ad scene photos' },
  report: { zh: '说明报告', en: 'Explanatory report' },
};

export const DECLARATION_STATUS_LABELS: Record<DeclarationEntry['status'], Named> = {
  not_started: { zh: '未开始', en: 'Not started' },
  in_progress: { zh: '进行中', en: 'In progress' },
  submitted: { zh: '已报送', en: 'Submitted' },
};

export const DECLARATION_COLUMNS: Column[] = [
  { key: 'no', zh: '序号', width: 6 },
  { key: 'entry', zh: '条目', width: 14 },
  { key: 'kind', zh: '类别', width: 16 },
  { key: 'content', zh: '网上申报内容', width: 60 },
  { key: 'units', zh: '责任单位', width: 36 },
  { key: 'deadline', zh: '截止日期', width: 12, date: true },
  { key: 'status', zh: '状态', width: 10 },
  { key: 'days_left', zh: '剩余天数（负数为超期）', width: 12 },
  { key: 'timing', zh: '期限情况', width: 14 },
  { key: 'note', zh: '备注', width: 30 },
];

export function timingText(daysLeft: number | null, lang: ExportLang): string {
  if (daysLeft === null) return lang === 'zh' ? '已报送' : 'Submitted';
  if (daysLeft === 0) return lang === 'zh' ? '今日截止' : 'Due today';
  if (daysLeft > 0) return lang === 'zh' ? `剩余 ${daysLeft} 天` : `${daysLeft} day(s) left`;
  return lang === 'zh' ? `超期 ${-daysLeft} 天` : `${-daysLeft} day(s) overdue`;
}

export function declarationTable(rows: DeclarationRow[], campaign: Campaign, lang: ExportLang): Table {
  const L = campaignLabels(campaign, lang);
  const sep = lang === 'zh' ? '、' : ', ';
  return {
    columns: DECLARATION_COLUMNS,
    rows: rows.map(({ entry: e, daysLeft }, i): Cell[] => [
      i + 1,
      e.entry,
      named(lang, DECLARATION_KIND_LABELS[e.kind]),
      e.content,
      e.units.map(L.unit).join(sep),
      e.deadline,
      named(lang, DECLARATION_STATUS_LABELS[e.status]),
      daysLeft,
      timingText(daysLeft, lang),
      e.note ?? null,
    ]),
  };
}

export async function exportDeclarations(
  entries: DeclarationEntry[],
  campaign: Campaign,
  meta: ExportMeta,
  lang: ExportLang = 'zh',
  /** The day days-left is counted to; defaults to the data's as-of date. */
  statusDate: IsoDate = meta.asOfDate,
): Promise<ExportFile> {
  const rows = declarationRows(entries, statusDate);
  const title =
    lang === 'zh' ? '网上申报攻坚条目（内容）及责任单位 — 进度跟踪' : 'Online declaration entries — tracker';
  const overdue = rows.filter((r) => r.daysLeft !== null && r.daysLeft < 0).length;
  const submitted = rows.filter((r) => r.daysLeft === null).length;
  const cover = coverSheet(
    {
      campaign,
      title,
      filters: [lang === 'zh' ? `全部条目 ${rows.length} 条` : `All ${rows.length} entries`],
      asOfDate: meta.asOfDate,
      statusDate,
      generatedAt: meta.generatedAt,
      sample: meta.sample,
      extra: [
        [lang === 'zh' ? '已报送' : 'Submitted', submitted],
        [lang === 'zh' ? '超期未报送' : 'Overdue, not submitted', overdue],
      ],
    },
    lang,
  );
  const sheet = tableSheet(lang === 'zh' ? '申报条目' : 'Entries', declarationTable(rows, campaign, lang), lang);
  const bytes = await writeWorkbook([cover, sheet]);
  const filename = exportFilename([lang === 'zh' ? '网上申报' : 'declarations'], statusDate, meta.sample, 'xlsx', lang);
  return { bytes, filename, mime: XLSX_MIME };
}
