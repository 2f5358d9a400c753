/**
 * Which column (or property) holds which field. Staff keep their own Chinese headers; the usual ones work out of
 * the box and sources.json can name any other (`"columns": { "name": "小区名称" }`).
 */
import type { Problem, SourceSpec } from './types';

/** Usual headers per field, in order of preference; matched ignoring case, full-width forms and spaces. */
export const DEFAULT_HEADERS: Record<string, string[]> = {
  id: ['编号', 'id', 'ID', '代码'],
  name: ['名称', 'name', '名字'],
  lng: ['经度', 'lng', 'lon', 'longitude'],
  lat: ['纬度', 'lat', 'latitude'],
  subdistrict: ['所属街道', '街道', '镇街', '所属镇街', 'subdistrict'],
  unit: ['责任单位', 'unit'],
  lastInspected: ['最近检查', '最近检查日期', 'lastInspected'],
  code: ['区划代码', '社区代码', 'code'],
  builtUp: ['建成区', 'builtUp'],
  source: ['来源', 'source'],
  households: ['户数', 'households'],
  streetClass: ['道路类别', '道路类型', 'streetClass', 'class'],
  onRoute: ['测评路线', '迎检路线', 'onRoute'],
  vertices: ['经纬度串', '坐标串', 'vertices'],
  stationType: ['站点类型', 'stationType', 'type'],
  hasSign: ['有标识', 'hasSign'],
  volunteersPresent: ['志愿者在岗', 'volunteersPresent'],
  hasServiceContent: ['有服务内容', 'hasServiceContent'],
  faults: ['问题', '检查问题', 'faults'],
  siteType: ['点位类型', 'siteType', 'type'],
  landscapeFeature: ['景观小品', 'landscapeFeature'],
  photosSubmitted: ['照片数', '已报送照片', 'photosSubmitted'],
  taskForce: ['专项', 'taskForce'],
  category: ['类别', '问题类别', 'category'],
  state: ['状态', 'state'],
  found: ['发现日期', 'found'],
  deadline: ['整改期限', '截止日期', 'deadline'],
  updated: ['状态日期', '更新日期', 'updated'],
  object: ['关联对象', '对象编号', 'object'],
  description: ['问题描述', '描述', 'description'],
  photos: ['照片', 'photos'],
  community: ['社区', '所属社区', '社区编码', 'community'],
  stairwell: ['楼道', '单元', 'stairwell'],
  stairwellHead: ['楼道长', 'stairwellHead'],
  visited: ['已走访', '是否走访', '已走访户数', 'visited'],
  questionnaire: ['问卷回收', '问卷', 'questionnaire'],
  satisfied: ['满意度', '是否满意', 'satisfied'],
  questionnaires: ['回收问卷', '问卷数', 'questionnaires'],
  satisfaction: ['满意率', 'satisfaction'],
  stairwells: ['楼道数', 'stairwells'],
  stairwellHeads: ['楼道长数', 'stairwellHeads'],
  kind: ['类型', 'kind'],
  entry: ['条目', '申报条目', 'entry'],
  content: ['内容', '网上申报内容', 'content'],
  units: ['责任单位', 'units'],
  status: ['进度', '状态', 'status'],
  note: ['备注', 'note'],
  level: ['级别', 'level'],
  parentCode: ['上级代码', 'parent_code', 'parentCode'],
  type: ['类型', 'type'],
  adcode: ['adcode', '行政区划代码'],
};

export interface FieldSpec {
  field: string;
  required: boolean;
}

/** Field name → the header that holds it in this file (absent when the file has no such column). */
export type ColumnMap = Partial<Record<string, string>>;

/**
 * Finds each field's column: the header sources.json names, else the first usual header present. Reports a
 * mapped header that is not in the file, a mapping for a field this kind does not have, and each missing
 * required column (location `row 1`, the header row, or `file` for GeoJSON/KML).
 */
export function resolveColumns(
  spec: SourceSpec,
  headers: string[],
  fields: FieldSpec[],
  where: 'row 1' | 'file',
): { columns: ColumnMap; problems: Problem[] } {
  const problems: Problem[] = [];
  const byKey = new Map<string, string>();
  for (const h of headers) if (!byKey.has(headerKey(h))) byKey.set(headerKey(h), h);
  const columns: ColumnMap = {};
  const known = new Set(fields.map((f) => f.field));
  for (const field of Object.keys(spec.columns ?? {})) {
    if (!known.has(field)) {
      problems.push({
        file: spec.path,
        location: where,
        field,
        message: `sources.json maps a field that a ${spec.kind} does not have (fields: ${[...known].join(', ')})`,
      });
    }
  }
  for (const { field, required } of fields) {
    const mapped = spec.columns?.[field];
    if (mapped !== undefined) {
      const header = byKey.get(headerKey(mapped));
      if (header !== undefined) columns[field] = header;
      else
        problems.push({
          file: spec.path,
          location: where,
          field,
          message: `column '${mapped}' named in sources.json is not in the file (its columns: ${headers.filter((h) => h.trim() !== '').join(', ')})`,
        });
      continue;
    }
    const header = (DEFAULT_HEADERS[field] ?? [field]).map((h) => byKey.get(headerKey(h))).find((h) => h !== undefined);
    if (header !== undefined) columns[field] = header;
    else if (required) {
      problems.push({
        file: spec.path,
        location: where,
        field,
        message: `missing required column (expected one of ${(DEFAULT_HEADERS[field] ?? [field]).join(', ')})`,
      });
    }
  }
  return { columns, problems };
}

/**
 * How headers are compared: case, full-width forms and every space ignored, so 纬 度, ＬＮＧ and "Last Inspected"
 * (typed in Excel, where an extra space is invisible) find 纬度, lng and lastInspected.
 */
function headerKey(header: string): string {
  return header.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}
