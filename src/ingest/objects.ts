/**
 * Map objects (communities, markets, town seats, compounds, streets, stations, ad sites) plus the boundary, land
 * and division list: the fields each kind reads, its geometry types, and how a record becomes a feature.
 */
import type { Feature, Geometry } from 'geojson';
import { OBJECT_KIND_DEFS, type ObjectKind } from '../campaign/object-kinds';
import type { Campaign } from '../campaign/types';
import type { BaseProps, Division } from '../dataset/types';
import type { CampaignCodes } from './codes';
import type { FieldSpec } from './columns';
import type { Row } from './row';
import { parseDateIn, parseId, parseOneOf, type DateRange } from './values';

export interface IngestContext {
  campaign: Campaign;
  codes: CampaignCodes;
  /** Dates outside this range are refused (values.ts dateRangeOf). */
  dates: DateRange;
}

export type FeatureKind = ObjectKind | 'boundary' | 'land';

interface KindDef {
  fields: FieldSpec[];
  geometry: Geometry['type'][];
  /** Positions must lie in the district bbox (land outlines reach beyond it). */
  inDistrict: boolean;
  props(row: Row, ctx: IngestContext, sample: boolean): object | null;
}

const req = (field: string): FieldSpec => ({ field, required: true });
const opt = (field: string): FieldSpec => ({ field, required: false });
const BASE_FIELDS = [req('id'), req('name'), req('subdistrict'), opt('unit'), opt('lastInspected')];
const objectGeometry = (kind: ObjectKind): Geometry['type'][] => [...OBJECT_KIND_DEFS[kind].geometry];

const STREET_CLASSES: Record<string, 'back' | 'main'> = {
  back: 'back',
  背街小巷: 'back',
  背街: 'back',
  小巷: 'back',
  main: 'main',
  主次干道: 'main',
  主干道: 'main',
  次干道: 'main',
  商业大街: 'main',
};
const STATION_TYPES: Record<string, 'leifeng' | 'traffic_post'> = {
  leifeng: 'leifeng',
  学雷锋志愿服务站: 'leifeng',
  志愿服务站: 'leifeng',
  traffic_post: 'traffic_post',
  交通劝导岗: 'traffic_post',
  劝导岗: 'traffic_post',
  文明交通劝导岗: 'traffic_post',
};
const DIVISION_LEVELS = ['district', 'township', 'village'] as const;

export const FEATURE_KINDS: Record<FeatureKind, KindDef> = {
  community: {
    fields: [...BASE_FIELDS, req('code')],
    geometry: objectGeometry('community'),
    inDistrict: true,
    props: (row, ctx, sample) => {
      const base = baseProps(row, ctx, sample);
      const code = row.lookup('code', true, parseId);
      if (code && !/^\d{12}$/.test(code)) row.fail('code', `not a 12-digit NBS village code: '${code}'`);
      return base && code && /^\d{12}$/.test(code) ? { ...base, code } : null;
    },
  },
  market: {
    fields: [...BASE_FIELDS, opt('builtUp')],
    geometry: objectGeometry('market'),
    inDistrict: true,
    props: (row, ctx, sample) => {
      const base = baseProps(row, ctx, sample);
      const builtUp = row.bool('builtUp', undefined);
      if (!base || builtUp === null) return null;
      // Unless the file says otherwise, a market is built-up when its subdistrict is.
      const area = ctx.campaign.subdistricts.find((s) => s.code === base.subdistrict)?.area;
      return { ...base, builtUp: builtUp ?? area === 'builtUp' };
    },
  },
  townSeat: {
    fields: [...BASE_FIELDS, opt('source')],
    geometry: objectGeometry('townSeat'),
    inDistrict: true,
    props: (row, ctx, sample) => {
      const base = baseProps(row, ctx, sample);
      return base && { ...base, source: row.text('source', false) ?? '' };
    },
  },
  compound: {
    fields: [...BASE_FIELDS, opt('households')],
    geometry: objectGeometry('compound'),
    inDistrict: true,
    props: (row, ctx, sample) => {
      const base = baseProps(row, ctx, sample);
      const households = row.has('households') ? row.count('households', -1) : -1;
      if (!base || households === null) return null;
      return households >= 0 ? { ...base, households } : base;
    },
  },
  street: {
    fields: [...BASE_FIELDS, req('streetClass'), opt('onRoute')],
    geometry: objectGeometry('street'),
    inDistrict: true,
    props: (row, ctx, sample) => {
      const base = baseProps(row, ctx, sample);
      const streetClass = row.lookup('streetClass', true, (c) => parseOneOf(c, STREET_CLASSES, 'street class'));
      const onRoute = row.bool('onRoute', false);
      return base && streetClass && onRoute !== null ? { ...base, streetClass, onRoute } : null;
    },
  },
  station: {
    fields: [
      ...BASE_FIELDS,
      req('stationType'),
      opt('hasSign'),
      opt('volunteersPresent'),
      opt('hasServiceContent'),
      opt('faults'),
    ],
    geometry: objectGeometry('station'),
    inDistrict: true,
    props: (row, ctx, sample) => {
      const base = baseProps(row, ctx, sample);
      const stationType = row.lookup('stationType', true, (c) => parseOneOf(c, STATION_TYPES, 'station type'));
      // Blank means "not checked" (null), which is not the same as "checked and missing" (false).
      const hasSign = row.bool('hasSign', null);
      const volunteersPresent = row.bool('volunteersPresent', null);
      const hasServiceContent = row.bool('hasServiceContent', null);
      const faults = categoryList(row, 'faults', ctx, 'station');
      if (!base || !stationType || faults === null || row.problems.length > 0) return null;
      return { ...base, stationType, hasSign, volunteersPresent, hasServiceContent, faults };
    },
  },
  adsite: {
    fields: [...BASE_FIELDS, opt('siteType'), opt('landscapeFeature'), opt('photosSubmitted')],
    geometry: objectGeometry('adsite'),
    inDistrict: true,
    props: (row, ctx, sample) => {
      const base = baseProps(row, ctx, sample);
      const landscapeFeature = row.bool('landscapeFeature', false);
      const photosSubmitted = row.count('photosSubmitted', 0);
      if (!base || landscapeFeature === null || photosSubmitted === null) return null;
      return { ...base, siteType: row.text('siteType', false) ?? '', landscapeFeature, photosSubmitted };
    },
  },
  boundary: {
    fields: [req('name'), req('adcode')],
    geometry: ['Polygon', 'MultiPolygon'],
    inDistrict: true,
    props: (row) => {
      const name = row.text('name', true);
      const adcode = row.lookup('adcode', true, parseId);
      return name && adcode ? { name, adcode } : null;
    },
  },
  land: {
    fields: [opt('name')],
    geometry: ['Polygon', 'MultiPolygon'],
    inDistrict: false,
    props: (row) => {
      const name = row.text('name', false);
      return name ? { name } : {};
    },
  },
};

export const DIVISION_FIELDS = [req('code'), req('name'), req('level'), req('parentCode'), opt('type')];

/** One row of the NBS division list (统计用区划代码). */
export function divisionOf(row: Row): Division | null {
  const code = row.lookup('code', true, parseId);
  const name = row.text('name', true);
  const level = row.text('level', true);
  const parentCode = row.lookup('parentCode', true, parseId);
  if (code && !/^\d{6,12}$/.test(code)) row.fail('code', `not an NBS division code: '${code}'`);
  if (level && !(DIVISION_LEVELS as readonly string[]).includes(level))
    row.fail('level', `unknown level '${level}' (${DIVISION_LEVELS.join(', ')})`);
  if (!code || !name || !level || !parentCode || row.problems.length > 0) return null;
  return { code, name, level: level as Division['level'], parentCode, type: row.text('type', false) ?? '' };
}

/**
 * Builds one feature; null (with problems in `row`) when the record is bad. The properties are checked even when
 * the geometry already failed, so one pass reports every fault of the record.
 */
export function featureOf(
  kind: FeatureKind,
  row: Row,
  geometry: Geometry | null,
  ctx: IngestContext,
  sample: boolean,
): Feature | null {
  const props = FEATURE_KINDS[kind].props(row, ctx, sample);
  if (!props || !geometry || row.problems.length > 0) return null;
  return { type: 'Feature', geometry, properties: props as Record<string, unknown> };
}

function baseProps(row: Row, ctx: IngestContext, sample: boolean): BaseProps | null {
  const id = row.lookup('id', true, parseId);
  const name = row.text('name', true);
  const subdistrict = row.lookup('subdistrict', true, ctx.codes.subdistrict);
  const unit = row.lookup('unit', false, ctx.codes.unit);
  const lastInspected = row.lookup('lastInspected', false, (c) => parseDateIn(c, ctx.dates));
  if (!id || !name || !subdistrict || unit === null || lastInspected === null) return null;
  const unitCode = unit ?? subdistrict.unit;
  if (!unitCode)
    return row.fail('unit', `missing, and ${subdistrict.zh} has no default responsible unit in the campaign`);
  return { id, name, subdistrict: subdistrict.code, unit: unitCode, lastInspected: lastInspected ?? null, sample };
}

/** A list of category codes or names (split on , ， ; ； 、) from task forces that target `kind`. */
function categoryList(row: Row, field: string, ctx: IngestContext, kind: ObjectKind): string[] | null {
  const text = row.text(field, false) ?? '';
  if (text === '') return [];
  const taskForces = ctx.campaign.taskForces.filter((t) => t.targetKinds.includes(kind));
  const codes: string[] = [];
  for (const item of text
    .split(/[,，;；、]/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const hit = taskForces.map((tf) => ctx.codes.category(item, tf)).find((r) => r.ok);
    if (!hit?.ok)
      return row.fail(
        field,
        `unknown ${kind} fault '${item}' (a category of ${taskForces.map((t) => t.code).join(' or ')})`,
      );
    codes.push(hit.value);
  }
  return codes;
}
