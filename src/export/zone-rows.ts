/**
 * Zone lists: one row per (zone, object) for a zone, a rule, a task force, everything, or the app's current
 * filtered set. Built from the engine's memberships (each membership lists every anchor whose circle holds the
 * object, so an object in two overlapping circles gives two rows, one per zone) and the engine's per-object
 * status. Rows keep codes; labels are resolved per language when a table is written (`zoneTable`).
 */
import type { Campaign, IsoDate, ObjectKind } from '../campaign/types';
import type { EngineResult, ObjectState, RuleResult } from '../geo/types';
import { word, type ExportLang, campaignLabels } from './labels';
import type { ExportObject } from './objects';

/** What to list. `filter` is the app's current view: a set of object ids, optionally limited to some rules. */
export type RowSelection =
  | { by: 'zone'; zoneId: string }
  | { by: 'rule'; ruleId: string }
  | { by: 'taskForce'; code: string }
  | { by: 'all' }
  | { by: 'filter'; objectIds: Iterable<string>; ruleIds?: string[]; description?: string };

export interface ZoneRow {
  zoneId: string;
  ruleId: string;
  anchorId: string;
  anchorName: string;
  objectId: string;
  kind: ObjectKind;
  /** Empty when the membership names an object the data set does not hold. */
  objectName: string;
  subdistrict: string;
  unit: string;
  distanceM: number;
  /** Streets only: length inside this zone's circle. */
  insideM: number | null;
  /** Null when the engine has no status for the object. */
  state: ObjectState | null;
  openDefects: number | null;
  overdue: number | null;
  lastInspected: IsoDate | null;
  lng: number | null;
  lat: number | null;
}

/** Everything an export of zone lists needs: the plan, the data set's objects, the engine's answer, provenance. */
export interface ExportContext {
  campaign: Campaign;
  objects: ReadonlyMap<string, ExportObject>;
  engine: EngineResult;
  meta: ExportMeta;
}

export interface ExportMeta {
  /** The data's own as-of date (manifest.asOfDate). */
  asOfDate: IsoDate;
  /** True when the data set is the synthetic sample (manifest.sample). */
  sample: boolean;
  /** When the file is produced; shown in Asia/Shanghai time. */
  generatedAt: Date;
}

/**
 * The rules a selection covers, in campaign order. Throws a plain error naming the valid ids when the selection
 * names an unknown zone, rule or task force, so the CLI and the panel report the same thing.
 */
export function selectedRules(engine: EngineResult, campaign: Campaign, sel: RowSelection): RuleResult[] {
  const order = new Map(campaign.zoneRules.map((r, i) => [r.id, i]));
  const rules = [...engine.rules].sort((a, b) => (order.get(a.ruleId) ?? 1e9) - (order.get(b.ruleId) ?? 1e9));
  switch (sel.by) {
    case 'all':
      return rules;
    case 'rule': {
      const r = rules.find((x) => x.ruleId === sel.ruleId);
      if (!r) throw new Error(`unknown rule "${sel.ruleId}"; valid rules: ${rules.map((x) => x.ruleId).join(', ')}`);
      return [r];
    }
    case 'zone': {
      const r = rules.find((x) => x.zones.some((z) => z.id === sel.zoneId));
      if (!r) throw new Error(`unknown zone "${sel.zoneId}"; valid zones: ${listIds(rules.flatMap((x) => x.zones.map((z) => z.id)))}`);
      return [r];
    }
    case 'taskForce': {
      const tf = campaign.taskForces.find((t) => t.code === sel.code);
      const withZones = campaign.taskForces.filter((t) => campaign.zoneRules.some((r) => r.taskForce === t.code));
      const valid = `task forces with zone rules: ${withZones.map((t) => t.code).join(', ')}`;
      if (!tf) throw new Error(`unknown task force "${sel.code}"; ${valid}`);
      const ids = new Set(campaign.zoneRules.filter((r) => r.taskForce === tf.code).map((r) => r.id));
      if (!ids.size) throw new Error(`task force ${tf.code} (${tf.zh}) has no zone rule; ${valid}`);
      return rules.filter((r) => ids.has(r.ruleId));
    }
    case 'filter': {
      if (!sel.ruleIds) return rules;
      const known = new Set(rules.map((r) => r.ruleId));
      const bad = sel.ruleIds.filter((id) => !known.has(id));
      if (bad.length) throw new Error(`unknown rule "${bad[0]}"; valid rules: ${[...known].join(', ')}`);
      const want = new Set(sel.ruleIds);
      return rules.filter((r) => want.has(r.ruleId));
    }
  }
}

/**
 * Rows of a selection, ordered by rule (campaign order), zone id, distance, object id.
 *
 * @example buildZoneRows(ctx, { by: 'zone', zoneId: 'R300:C-001' })
 */
export function buildZoneRows(ctx: Pick<ExportContext, 'campaign' | 'objects' | 'engine'>, sel: RowSelection): ZoneRow[] {
  const rules = selectedRules(ctx.engine, ctx.campaign, sel);
  const onlyObjects = sel.by === 'filter' ? new Set(sel.objectIds) : null;
  const onlyZone = sel.by === 'zone' ? sel.zoneId : null;
  const out: ZoneRow[] = [];
  for (const rule of rules) {
    // Bucketed by zone, so the sort is per zone (small) rather than over every row of the rule.
    const byZone = new Map<string, ZoneRow[]>();
    for (const m of rule.memberships) {
      if (onlyObjects && !onlyObjects.has(m.objectId)) continue;
      const obj = ctx.objects.get(m.objectId);
      const st = ctx.engine.status[m.objectId];
      for (const a of m.anchors) {
        if (onlyZone !== null && a.zoneId !== onlyZone) continue;
        let bucket = byZone.get(a.zoneId);
        if (!bucket) {
          bucket = [];
          byZone.set(a.zoneId, bucket);
        }
        bucket.push({
          zoneId: a.zoneId,
          ruleId: rule.ruleId,
          anchorId: a.anchorId,
          anchorName: a.anchorName,
          objectId: m.objectId,
          kind: m.kind,
          objectName: obj?.name ?? '',
          subdistrict: obj?.subdistrict ?? '',
          unit: obj?.unit ?? '',
          distanceM: round1(a.distanceM),
          insideM: a.insideLengthM === undefined ? null : round1(a.insideLengthM),
          state: st?.state ?? null,
          openDefects: st?.openDefects ?? null,
          overdue: st?.overdue ?? null,
          lastInspected: st ? st.lastInspected : (obj?.lastInspected ?? null),
          lng: obj?.point ? obj.point[0] : null,
          lat: obj?.point ? obj.point[1] : null,
        });
      }
    }
    for (const zoneId of [...byZone.keys()].sort()) {
      const bucket = byZone.get(zoneId)!;
      bucket.sort(compareInZone);
      for (const r of bucket) out.push(r);
    }
  }
  return out;
}

/** One line per filter for the cover sheet, e.g. `规则：城市社区周边300米（R300）`. */
export function describeSelection(ctx: Pick<ExportContext, 'campaign' | 'engine'>, sel: RowSelection, lang: ExportLang): string {
  const labels = campaignLabels(ctx.campaign, lang);
  const colon = lang === 'zh' ? '：' : ': ';
  switch (sel.by) {
    case 'all':
      return word(lang, 'all');
    case 'rule':
      return `${word(lang, 'rule')}${colon}${labels.rule(sel.ruleId)} (${sel.ruleId})`;
    case 'taskForce':
      return `${word(lang, 'taskForce')}${colon}${labels.taskForce(sel.code)} (${sel.code})`;
    case 'zone': {
      const zone = ctx.engine.rules.flatMap((r) => r.zones).find((z) => z.id === sel.zoneId);
      const rule = zone ? labels.rule(zone.ruleId) : '';
      return `${word(lang, 'zone')}${colon}${zone ? `${zone.anchorName} · ${rule}` : ''} (${sel.zoneId})`;
    }
    case 'filter': {
      const n = new Set(sel.objectIds).size;
      const rules = sel.ruleIds ? ` · ${sel.ruleIds.map((id) => labels.rule(id)).join(lang === 'zh' ? '、' : ', ')}` : '';
      const text = sel.description ? ` · ${sel.description}` : '';
      return `${word(lang, 'filter')}${colon}${n} ${word(lang, 'objectsSelected')}${rules}${text}`;
    }
  }
}

function compareInZone(a: ZoneRow, b: ZoneRow): number {
  if (a.distanceM !== b.distanceM) return a.distanceM - b.distanceM;
  return a.objectId < b.objectId ? -1 : a.objectId > b.objectId ? 1 : 0;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

function listIds(ids: string[]): string {
  const MAX = 200;
  return ids.length > MAX ? `${ids.slice(0, MAX).join(', ')} … (${ids.length} in all)` : ids.join(', ');
}
