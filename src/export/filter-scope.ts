/**
 * The app's current defect filter as a zone-list selection: the objects the selected defects sit on (a defect not
 * linked to an object has none), and one readable line saying which filter it was, for the cover sheet.
 */
import type { Campaign, DefectState } from '../campaign/types';
import type { DefectColumns } from '../dataset/types';
import type { DefectFilter } from '../defects/filter';
import { campaignLabels, type ExportLang } from './labels';
import type { RowSelection } from './zone-rows';

/**
 * `{ by: 'filter' }` over the objects of the selected defect rows (`indexes` into the defect columns).
 *
 * @example filterSelection(defects, selection.indexes, filter, campaign, 'zh')
 */
export function filterSelection(
  defects: DefectColumns,
  indexes: ArrayLike<number>,
  filter: DefectFilter,
  campaign: Campaign,
  lang: ExportLang,
): Extract<RowSelection, { by: 'filter' }> {
  const objectIds = new Set<string>();
  for (let k = 0; k < indexes.length; k++) {
    const o = defects.object[indexes[k]];
    if (o >= 0) objectIds.add(defects.tables.object[o]);
  }
  return { by: 'filter', objectIds: [...objectIds].sort(), description: describeDefectFilter(filter, campaign, lang) };
}

/** e.g. `问题筛选：专项组 背街小巷；状态 整改中；仅超期` — the filter's fields in a fixed order, names from the data. */
export function describeDefectFilter(filter: DefectFilter, campaign: Campaign, lang: ExportLang): string {
  const L = campaignLabels(campaign, lang);
  const zh = lang === 'zh';
  const list = (codes: string[], label: (c: string) => string) => codes.map(label).join(zh ? '、' : ', ');
  const parts: string[] = [];
  if (filter.taskForces?.length) parts.push(`${zh ? '专项组' : 'task forces'} ${list(filter.taskForces, L.taskForce)}`);
  if (filter.categories?.length) parts.push(`${zh ? '类别' : 'categories'} ${list(filter.categories, L.category)}`);
  if (filter.states?.length)
    parts.push(`${zh ? '状态' : 'states'} ${list(filter.states, (s) => L.state(s as DefectState))}`);
  if (filter.overdueOnly) parts.push(zh ? '仅超期' : 'overdue only');
  if (filter.subdistricts?.length)
    parts.push(`${zh ? '街道（镇）' : 'subdistricts'} ${list(filter.subdistricts, L.subdistrict)}`);
  if (filter.units?.length) parts.push(`${zh ? '责任单位' : 'units'} ${list(filter.units, L.unit)}`);
  if (filter.foundFrom || filter.foundTo)
    parts.push(`${zh ? '发现日期' : 'found'} ${filter.foundFrom ?? '…'} – ${filter.foundTo ?? '…'}`);
  if (filter.staleDays !== undefined)
    parts.push(zh ? `${filter.staleDays} 天以上未检查` : `not inspected for ${filter.staleDays}+ days`);
  const head = zh ? '问题筛选：' : 'Defect filter: ';
  return head + (parts.length ? parts.join(zh ? '；' : '; ') : zh ? '无' : 'none');
}
