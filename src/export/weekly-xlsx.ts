/**
 * The weekly report as a workbook: a cover, the units' 进度表 with the attachment's four columns (then the
 * figures as numbers), one Thursday merge sheet per lead unit, and a detail sheet listing every defect behind
 * every figure.
 */
import type { Row as XlsxRow } from 'write-excel-file/universal';
import type { Campaign } from '../campaign/types';
import { campaignLabels, named, type ExportLang } from './labels';
import { exportFilename } from './filename';
import { XLSX_MIME, coverSheet, writeWorkbook, xlsxCell, type WorkbookSheet } from './xlsx';
import {
  WEEKLY_EVENTS,
  eventLabel,
  idsText,
  planText,
  progressText,
  rowNames,
  type WeeklyNotes,
  type WeeklyReport,
  type WeeklyRow,
} from './weekly';
import type { ExportFile } from './zone-export';
import type { ExportMeta } from './zone-rows';

/** The attachment's columns (附件1), in its order. */
export const WEEKLY_COLUMNS = {
  unit: { zh: '单位（盖章）', en: 'Unit (stamp)' },
  project: { zh: '项目名称', en: 'Project' },
  progress: { zh: '本周工作进展情况', en: 'Progress this week' },
  plan: { zh: '下周工作进度安排', en: 'Plan for next week' },
};

/** After the attachment's four: the defect ids behind the figures, in a column of their own. */
export const WEEKLY_IDS_COLUMN = { zh: '问题编号', en: 'Defect ids' };

const W = {
  week: { zh: '报告周', en: 'Report week' },
  cutoff: { zh: '截止（每周三下班前报牵头单位）', en: 'Cut-off (units to lead unit)' },
  merge: { zh: '牵头单位汇总报送（每周四上午）', en: 'Lead-unit merge due' },
  sheetUnits: { zh: '进度表', en: 'Units' },
  sheetDetail: { zh: '明细', en: 'Details' },
  mergePrefix: { zh: '汇总-', en: 'Merge-' },
  leadUnit: { zh: '牵头单位', en: 'Lead unit' },
  coLead: { zh: '共同牵头', en: 'Co-lead' },
  event: { zh: '事项', en: 'Event' },
  date: { zh: '日期', en: 'Date' },
  defectId: { zh: '问题编号', en: 'Defect id' },
  category: { zh: '问题类别', en: 'Category' },
  object: { zh: '对象编号', en: 'Object id' },
  deadline: { zh: '整改期限', en: 'Deadline' },
  stateAtCutoff: { zh: '截止日状态', en: 'State at cut-off' },
  warning: { zh: '说明', en: 'Note' },
};

export async function exportWeeklyReport(
  report: WeeklyReport,
  campaign: Campaign,
  notes: WeeklyNotes,
  meta: ExportMeta,
  lang: ExportLang = 'zh',
): Promise<ExportFile> {
  const w = (k: keyof typeof W) => named(lang, W[k]);
  const title = `${named(lang, campaign.name)} ${named(lang, campaign.weeklyReport)}`;
  const cover = coverSheet(
    {
      campaign,
      title,
      filters: [`${w('week')}: ${report.week.startDate} — ${report.week.endDate}`],
      asOfDate: meta.asOfDate,
      generatedAt: meta.generatedAt,
      sample: meta.sample,
      extra: [
        [w('cutoff'), report.week.endDate],
        [w('merge'), report.week.mergeDate],
        ...report.warnings.map((x): [string, string] => [w('warning'), named(lang, x)]),
      ],
    },
    lang,
  );
  const units = formSheet(w('sheetUnits'), report.rows, campaign, notes, lang, null);
  const merges = report.merges.map((m) => {
    const L = campaignLabels(campaign, lang);
    const co = Object.entries(m.coLeads).map(
      ([tf, us]) => `${L.taskForce(tf)}: ${w('coLead')} ${us.map(L.unit).join('、')}`,
    );
    const heading = `${w('leadUnit')}: ${L.unit(m.leadUnit)}${co.length ? ` (${co.join('; ')})` : ''}`;
    return formSheet(`${w('mergePrefix')}${L.unit(m.leadUnit)}`, m.rows, campaign, notes, lang, heading);
  });
  const bytes = await writeWorkbook([cover, units, ...merges, detailSheet(report, campaign, lang, w('sheetDetail'))]);
  const filename = exportFilename([named(lang, campaign.weeklyReport)], report.week.endDate, meta.sample, 'xlsx', lang);
  return { bytes, filename, mime: XLSX_MIME };
}

function formSheet(
  name: string,
  rows: WeeklyRow[],
  campaign: Campaign,
  notes: WeeklyNotes,
  lang: ExportLang,
  heading: string | null,
): WorkbookSheet {
  const head = (value: string) => ({
    value,
    type: String,
    fontWeight: 'bold' as const,
    backgroundColor: '#E5E7EB',
    wrap: true,
  });
  const header: XlsxRow = [
    ...Object.values(WEEKLY_COLUMNS).map((c) => head(named(lang, c))),
    head(named(lang, WEEKLY_IDS_COLUMN)),
    ...WEEKLY_EVENTS.map((e) => head(eventLabel(e, lang))),
  ];
  const data: XlsxRow[] = heading ? [[{ value: heading, type: String, fontWeight: 'bold' }], header] : [header];
  for (const r of rows) {
    const n = rowNames(campaign, r, lang);
    const text = (value: string) => ({ value, type: String, wrap: true, alignVertical: 'top' as const });
    data.push([
      text(n.unit),
      text(n.project),
      text(progressText(r, notes, lang)),
      text(planText(r, notes, lang)),
      text(idsText(r, lang)),
      ...WEEKLY_EVENTS.map((e) => xlsxCell(r.ids[e].length)),
    ]);
  }
  return {
    name,
    data,
    widths: [20, 14, 50, 36, 40, ...WEEKLY_EVENTS.map(() => 10)],
    frozenRows: heading ? 2 : 1,
    headerRow: heading ? 2 : 1,
  };
}

function detailSheet(report: WeeklyReport, campaign: Campaign, lang: ExportLang, name: string): WorkbookSheet {
  const L = campaignLabels(campaign, lang);
  const w = (k: keyof typeof W) => named(lang, W[k]);
  const header = [
    w('event'),
    w('date'),
    w('defectId'),
    WEEKLY_COLUMNS.unit,
    WEEKLY_COLUMNS.project,
    w('category'),
    w('object'),
    w('deadline'),
    w('stateAtCutoff'),
  ].map((h) => ({
    value: typeof h === 'string' ? h : named(lang, h),
    type: String,
    fontWeight: 'bold' as const,
    backgroundColor: '#E5E7EB',
  }));
  const data: XlsxRow[] = [header];
  for (const r of report.rows) {
    for (const e of WEEKLY_EVENTS) {
      for (const id of r.ids[e]) {
        const it = report.items[id];
        data.push(
          [
            eventLabel(e, lang),
            it.events[e] ?? '',
            id,
            L.unit(it.unit),
            L.taskForce(it.taskForce),
            L.category(it.category),
            it.object ?? '',
            it.deadline,
            L.state(it.stateAtCutoff),
          ].map((v, j) => xlsxCell(v, j === 1 || j === 7)),
        );
      }
    }
  }
  return { name, data, widths: [22, 12, 16, 20, 14, 22, 14, 12, 14], frozenRows: 1, headerRow: 1 };
}
