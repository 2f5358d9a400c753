/**
 * The one entry point the app's export buttons and `scripts/export.ts` share: a selection and a format in, a file
 * (bytes, name, MIME type) out. Nothing here touches the DOM or the file system.
 */
import type { Campaign } from '../campaign/types';
import { radiusChanges, type RadiusChange } from '../campaign/what-if';
import { CsvWriter } from './csv';
import { GEOJSON_MIME, toGeoJson, zoneFeatures } from './geojson';
import { KML_MIME, toKml, zoneKml } from './kml';
import { exportFilename } from './filename';
import { campaignLabels, radiusChangeLines, titleAtRadii, word, type ExportLang, type LabelOptions } from './labels';
import { ZONE_COLUMNS, zoneCells, zoneTable, type Cell } from './table';
import { XLSX_MIME, coverSheet, tableSheet, writeWorkbook, type WorkbookSheet } from './xlsx';
import {
  buildZoneRows,
  describeSelection,
  planZoneRows,
  selectedRules,
  type ExportContext,
  type RowSelection,
  type ZoneRow,
  type ZoneRowPlan,
} from './zone-rows';
import type { ZoneFormat } from './formats';

export { ZONE_FORMATS, type ZoneFormat } from './formats';

export interface ExportFile {
  bytes: Uint8Array;
  filename: string;
  mime: string;
}

export interface ZoneExportOptions {
  /** Header and label language (default zh). */
  lang?: ExportLang;
  /** XLSX: one sheet per zone or per rule (default: per zone for a zone selection, else per rule). */
  sheetPer?: 'zone' | 'rule';
}

export const CSV_MIME = 'text/csv;charset=utf-8';

const TITLE = { zh: '攻坚范围对象清单', en: 'Campaign zone list' };

/**
 * Build the rows of a selection and write them in one format.
 *
 * @example await exportZoneList(ctx, { by: 'rule', ruleId: 'R300' }, 'xlsx', { lang: 'zh' })
 */
export async function exportZoneList(
  ctx: ExportContext,
  sel: RowSelection,
  format: ZoneFormat,
  { lang = 'zh', sheetPer }: ZoneExportOptions = {},
): Promise<ExportFile & { rowCount: number }> {
  // The rules of this list computed off the plan's radius: every label, title and the file name say so.
  const radii = radiusChanges(ctx.campaign, selectedRules(ctx.engine, ctx.campaign, sel));
  const labels: LabelOptions = { radii };
  const filename = zoneFilename(ctx, sel, format, radii, lang);
  if (format === 'csv') {
    const plan = planZoneRows(ctx, sel);
    return { bytes: zoneCsvBytes(plan, ctx.campaign, lang, labels), filename, mime: CSV_MIME, rowCount: plan.count };
  }
  const rows = buildZoneRows(ctx, sel);
  const filters = [describeSelection(ctx, sel, lang)];
  const title = titleAtRadii(lang === 'en' ? TITLE.en : TITLE.zh, radii, lang);
  switch (format) {
    case 'geojson': {
      const fc = zoneFeatures(rows, ctx.objects, ctx.campaign, lang, labels);
      // A foreign member (RFC 7946 §6.1): GIS tools ignore it, a reader of the file learns what it is.
      const about = {
        title,
        filters,
        radii,
        asOfDate: ctx.meta.asOfDate,
        statusDate: ctx.engine.asOfDate,
        sample: ctx.meta.sample,
        generatedAt: ctx.meta.generatedAt.toISOString(),
      };
      const text = toGeoJson({ ...fc, export: about } as typeof fc);
      return { bytes: new TextEncoder().encode(text), filename, mime: GEOJSON_MIME, rowCount: rows.length };
    }
    case 'kml': {
      const kmlTitle = ctx.meta.sample ? `${title} (${lang === 'en' ? 'sample data' : '示例数据'})` : title;
      const doc = zoneKml(rows, ctx.objects, ctx.campaign, lang, { ...ctx.meta, title: kmlTitle, filters }, labels);
      return { bytes: new TextEncoder().encode(toKml(doc)), filename, mime: KML_MIME, rowCount: rows.length };
    }
    case 'xlsx': {
      const per = sheetPer ?? (sel.by === 'zone' ? 'zone' : 'rule');
      const sheets = zoneSheets(ctx, sel, rows, per, lang, labels);
      const cover = coverSheet(
        {
          campaign: ctx.campaign,
          title,
          filters,
          asOfDate: ctx.meta.asOfDate,
          statusDate: ctx.engine.asOfDate,
          generatedAt: ctx.meta.generatedAt,
          sample: ctx.meta.sample,
          extra: [
            ...radiusChangeLines(ctx.campaign, radii, lang).map((line, i): [string, string] => [
              i === 0 ? word(lang, 'whatIfRadius') : '',
              line,
            ]),
            ...sheets.map((s): [string, number] => [`${word(lang, 'sheets')}: ${s.name}`, s.data.length - 1]),
            ['', word(lang, 'representativePoint')],
          ],
        },
        lang,
      );
      const bytes = await writeWorkbook([cover, ...sheets]);
      return { bytes, filename, mime: XLSX_MIME, rowCount: rows.length };
    }
  }
}

/**
 * A zone list as CSV: the bytes `toCsvBytes(zoneSource(rows, campaign, lang), { lang })` gives for the plan's
 * rows, written from the plan without making the rows. An object's own cells are made and encoded on its first
 * row and copied to its row in each other zone, a zone's cells once for its run of rows; at 100k rows that is
 * half the cells, and no 100k row objects (the CSV target is 250 ms for the whole export).
 */
export function zoneCsvBytes(
  plan: ZoneRowPlan,
  campaign: Campaign,
  lang: ExportLang,
  options: LabelOptions = {},
): Uint8Array {
  const cells = zoneCells(campaign, lang, options);
  const row: Cell[] = new Array(ZONE_COLUMNS.length);
  // An object's own cells are about half a row.
  const w = new CsvWriter(ZONE_COLUMNS, { rows: plan.count + Math.ceil(plan.objects.length / 2) });
  // Each object's own cells first, before the file starts, in plan order: the order the objects were made in, so
  // their fields and strings are read in memory order (in row order, most objects' first row was a cache miss).
  // Per object: where its cells 4–8 start, where they end and 11–16 start, where those end (each cell with its
  // leading comma, as in a row).
  const at = new Int32Array(plan.objects.length * 3);
  for (let k = 0; k < plan.objects.length; k++) {
    cells.object(plan.objects[k], row);
    at[3 * k] = w.mark();
    for (let j = 4; j < 9; j++) w.cell(j, row[j]);
    at[3 * k + 1] = w.mark();
    for (let j = 11; j < 17; j++) w.cell(j, row[j]);
    at[3 * k + 2] = w.mark();
  }
  w.header({ lang });
  let zone = -1;
  let zoneStart = 0;
  let zoneEnd = 0;
  for (let r = 0; r < plan.count; r++) {
    if (plan.zone[r] === zone) {
      w.repeat(zoneStart, zoneEnd);
    } else {
      zone = plan.zone[r];
      cells.zone(plan.zones[zone], row);
      zoneStart = w.mark();
      for (let j = 0; j < 4; j++) w.cell(j, row[j]);
      zoneEnd = w.mark();
    }
    const k = 3 * plan.object[r];
    w.repeat(at[k], at[k + 1]);
    w.cell(9, plan.distanceM[r]);
    w.cell(10, plan.insideM[r]);
    w.repeat(at[k + 1], at[k + 2]);
    w.endRow();
  }
  return w.bytes();
}

function zoneSheets(
  ctx: ExportContext,
  sel: RowSelection,
  rows: ZoneRow[],
  per: 'zone' | 'rule',
  lang: ExportLang,
  labels: LabelOptions,
): WorkbookSheet[] {
  const L = campaignLabels(ctx.campaign, lang, labels);
  const groups = new Map<string, { name: string; rows: ZoneRow[] }>();
  for (const rule of selectedRules(ctx.engine, ctx.campaign, sel)) {
    if (per === 'rule') groups.set(rule.ruleId, { name: L.rule(rule.ruleId), rows: [] });
    else if (sel.by === 'zone') {
      const z = rule.zones.find((x) => x.id === sel.zoneId);
      if (z) groups.set(z.id, { name: `${z.anchorName} ${rule.ruleId}`, rows: [] });
    }
  }
  for (const r of rows) {
    const key = per === 'rule' ? r.ruleId : r.zoneId;
    let g = groups.get(key);
    if (!g) {
      g = { name: `${r.anchorName} ${r.ruleId}`, rows: [] };
      groups.set(key, g);
    }
    g.rows.push(r);
  }
  return [...groups.values()].map((g) => tableSheet(g.name, zoneTable(g.rows, ctx.campaign, lang, labels), lang));
}

/**
 * The file name in the file's language: what was selected (a zone as its rule, anchor and radius; a rule or a task
 * force as its code and name; everything; the filter's objects), the what-if radii where they differ from the
 * plan's, the as-of date and the sample marker; made safe for file systems by `exportFilename`.
 *
 * @example zoneFilename(ctx, { by: 'zone', zoneId: 'R300-C1' }, 'xlsx', [], 'zh') // 'R300_文昌社区周边300米_2019-09-12_示例数据.xlsx'
 */
export function zoneFilename(
  ctx: Pick<ExportContext, 'meta' | 'engine' | 'campaign'>,
  sel: RowSelection,
  format: ZoneFormat,
  radii: readonly RadiusChange[] = [],
  lang: ExportLang = 'zh',
): string {
  const L = campaignLabels(ctx.campaign, lang);
  const whatIf = radii.map((c) => (lang === 'zh' ? `${c.ruleId}试算${c.usedM}米` : `${c.ruleId}-what-if-${c.usedM}m`));
  let parts: string[];
  if (sel.by === 'zone') {
    const zone = ctx.engine.rules.flatMap((r) => r.zones).find((z) => z.id === sel.zoneId);
    parts = zone
      ? [
          zone.ruleId,
          lang === 'zh' ? `${zone.anchorName}周边${zone.radiusM}米` : `${zone.anchorName} ${zone.radiusM} m`,
        ]
      : [sel.zoneId];
  } else if (sel.by === 'rule') parts = [sel.ruleId, L.rule(sel.ruleId), ...whatIf];
  else if (sel.by === 'taskForce') parts = [sel.code, L.taskForce(sel.code), ...whatIf];
  else parts = [FILE_WHAT[sel.by][lang], ...whatIf];
  return exportFilename(parts, ctx.meta.asOfDate, ctx.meta.sample, format, lang);
}

const FILE_WHAT = {
  all: { zh: '全部攻坚范围', en: 'all-zones' },
  filter: { zh: '筛选结果', en: 'filtered' },
};
