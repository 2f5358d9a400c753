/**
 * A table is the common shape every tabular writer (CSV, XLSX) takes: headers plus rows of cells. A cell is a
 * string, a number or empty. Numbers are ones the export computed (distances, counts, coordinates) and stay
 * numbers; strings may come from the data and are treated as hostile by every writer.
 */
import type { Campaign } from '../campaign/types';
import { campaignLabels, type ExportLang, type LabelOptions } from './labels';
import type { ListedObject, ListedZone, ZoneRow } from './zone-rows';

export type Cell = string | number | null;

export interface Column {
  /** English header (the machine-readable name). */
  key: string;
  zh: string;
  /** Column width in characters for XLSX. */
  width: number;
  /** Numbers in this column are written with exactly this many decimals in text formats (CSV). */
  decimals?: number;
  /** ISO dates in this column are date cells in XLSX (text in CSV). */
  date?: boolean;
}

export interface Table {
  columns: Column[];
  rows: Cell[][];
}

/**
 * A table whose rows are made on demand into a reused array: what the CSV writer reads, so a 100k-row list does
 * not first become 100k arrays.
 */
export interface RowSource {
  columns: Column[];
  count: number;
  /** Fill `out` with row `i`'s cells and return it. */
  row(i: number, out: Cell[]): Cell[];
}

export function tableSource(table: Table): RowSource {
  return { columns: table.columns, count: table.rows.length, row: (i) => table.rows[i] };
}

/** The zone-list columns, in order. The English keys are the `--lang en` CSV header. */
export const ZONE_COLUMNS: Column[] = [
  { key: 'zone_id', zh: '范围编号', width: 22 },
  { key: 'rule', zh: '规则', width: 24 },
  { key: 'anchor_id', zh: '中心点编号', width: 14 },
  { key: 'anchor_name', zh: '中心点名称', width: 18 },
  { key: 'object_id', zh: '对象编号', width: 14 },
  { key: 'object_kind', zh: '对象类型', width: 12 },
  { key: 'object_name', zh: '对象名称', width: 24 },
  { key: 'subdistrict', zh: '所属街道（镇）', width: 14 },
  { key: 'unit', zh: '责任单位', width: 20 },
  { key: 'distance_m', zh: '距离（米）', width: 10, decimals: 1 },
  { key: 'inside_m', zh: '范围内长度（米）', width: 14, decimals: 1 },
  { key: 'state', zh: '状态', width: 12 },
  { key: 'open_defects', zh: '未结问题数', width: 10 },
  { key: 'overdue', zh: '超期问题数', width: 10 },
  { key: 'last_inspected', zh: '最近检查日期', width: 12, date: true },
  { key: 'lng', zh: '经度', width: 12, decimals: 6 },
  { key: 'lat', zh: '纬度', width: 12, decimals: 6 },
];

export function headerOf(col: Column, lang: ExportLang): string {
  return lang === 'en' ? col.key : col.zh;
}

/**
 * Zone rows as a table in one language: codes become labels from the campaign data (a rule computed at a what-if
 * radius says so, see `LabelOptions`).
 */
export function zoneTable(rows: ZoneRow[], campaign: Campaign, lang: ExportLang, options: LabelOptions = {}): Table {
  const src = zoneSource(rows, campaign, lang, options);
  const out: Cell[][] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = src.row(i, new Array(ZONE_COLUMNS.length));
  return { columns: ZONE_COLUMNS, rows: out };
}

/** Zone rows as a row source (cells made on demand), the same cells as `zoneTable`. */
export function zoneSource(
  rows: ZoneRow[],
  campaign: Campaign,
  lang: ExportLang,
  options: LabelOptions = {},
): RowSource {
  const cells = zoneCells(campaign, lang, options);
  return {
    columns: ZONE_COLUMNS,
    count: rows.length,
    row(i, out) {
      const r = rows[i];
      cells.zone(r, out);
      cells.object(r, out);
      out[9] = r.distanceM;
      out[10] = r.insideM;
      return out;
    },
  };
}

/**
 * A zone-list row's cells in two parts with the labels resolved: the zone's (columns 0–3) and the object's
 * (4–8 and 11–16), which are the same on each of its rows; only the distances (9, 10) are the row's own. What
 * `zoneSource` puts together, and what the CSV writer makes once per zone and once per object.
 */
export function zoneCells(campaign: Campaign, lang: ExportLang, options: LabelOptions = {}) {
  const L = campaignLabels(campaign, lang, options);
  return {
    zone(z: ListedZone, out: Cell[]): void {
      out[0] = z.zoneId;
      out[1] = L.rule(z.ruleId);
      out[2] = z.anchorId;
      out[3] = z.anchorName;
    },
    object(o: ListedObject, out: Cell[]): void {
      out[4] = o.objectId;
      out[5] = L.kind(o.kind);
      out[6] = o.objectName;
      out[7] = o.subdistrict ? L.subdistrict(o.subdistrict) : '';
      out[8] = o.unit ? L.unit(o.unit) : '';
      out[11] = o.state === null ? null : L.state(o.state);
      out[12] = o.openDefects;
      out[13] = o.overdue;
      out[14] = o.lastInspected;
      out[15] = o.lng;
      out[16] = o.lat;
    },
  };
}
