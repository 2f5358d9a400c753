/**
 * Zone lists: one row per (zone, object) for a zone, a rule, a task force, everything, or the app's current
 * filtered set. Built from the engine's memberships (each membership lists every anchor whose circle holds the
 * object, so an object in two overlapping circles gives two rows, one per zone) and the engine's per-object
 * status. Rows keep codes; labels are resolved per language when a table is written (`zoneTable`).
 */
import type { Campaign, IsoDate, ObjectKind } from '../campaign/types';
import { radiusChanges } from '../campaign/what-if';
import type { AnchorHit, EngineResult, Membership, ObjectState, ObjectStatus, RuleResult } from '../geo/types';
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
      if (!r)
        throw new Error(
          `unknown zone "${sel.zoneId}"; valid zones: ${listIds(rules.flatMap((x) => x.zones.map((z) => z.id)))}`,
        );
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
export function buildZoneRows(
  ctx: Pick<ExportContext, 'campaign' | 'objects' | 'engine'>,
  sel: RowSelection,
): ZoneRow[] {
  const plan = planZoneRows(ctx, sel);
  const out: ZoneRow[] = [];
  for (let r = 0; r < plan.count; r++) {
    const z = plan.zones[plan.zone[r]];
    const o = plan.objects[plan.object[r]];
    out.push({
      zoneId: z.zoneId,
      ruleId: z.ruleId,
      anchorId: z.anchorId,
      anchorName: z.anchorName,
      objectId: o.objectId,
      kind: o.kind,
      objectName: o.objectName,
      subdistrict: o.subdistrict,
      unit: o.unit,
      distanceM: plan.distanceM[r],
      insideM: plan.insideM[r],
      state: o.state,
      openDefects: o.openDefects,
      overdue: o.overdue,
      lastInspected: o.lastInspected,
      lng: o.lng,
      lat: o.lat,
    });
  }
  return out;
}

/** A zone as its rows list it. */
export type ListedZone = Pick<ZoneRow, 'zoneId' | 'ruleId' | 'anchorId' | 'anchorName'>;

/** An object as one rule lists it: the fields of its rows that are the same in every zone it lies in. */
export type ListedObject = Omit<ZoneRow, keyof ListedZone | 'distanceM' | 'insideM'>;

/**
 * A selection's rows in order, before they become `ZoneRow`s: row r is `zones[zone[r]]`, `objects[object[r]]`,
 * `distanceM[r]` and `insideM[r]`. An object in several zones of a rule is one `ListedObject`, so a writer can
 * make its cells once (the CSV writer does: in a 100k-row list every object repeats in a second zone).
 */
export interface ZoneRowPlan {
  count: number;
  zones: ListedZone[];
  objects: ListedObject[];
  zone: Int32Array;
  object: Int32Array;
  /** As `ZoneRow.distanceM`: rounded to 0.1 m. */
  distanceM: Float64Array;
  /** As `ZoneRow.insideM`: streets only, rounded to 0.1 m. */
  insideM: (number | null)[];
}

/**
 * The rows `buildZoneRows` gives, as a plan.
 *
 * @example planZoneRows(ctx, { by: 'all' }).count // rows in the full list
 */
export function planZoneRows(
  ctx: Pick<ExportContext, 'campaign' | 'objects' | 'engine'>,
  sel: RowSelection,
): ZoneRowPlan {
  const rules = selectedRules(ctx.engine, ctx.campaign, sel);
  const onlyObjects = sel.by === 'filter' ? new Set(sel.objectIds) : null;
  const onlyZone = sel.by === 'zone' ? sel.zoneId : null;
  const zones: ListedZone[] = [];
  const objects: ListedObject[] = [];
  // Every row of every rule as first met (by membership), in typed arrays (off the JS heap: a minor GC during the
  // export does not copy them); `order` then lists them as they go out.
  let most = 0;
  for (const rule of rules) for (const m of rule.memberships) most += m.anchors.length;
  const rowZone = new Int32Array(most);
  const rowObject = new Int32Array(most);
  const rowDistance = new Float64Array(most);
  const rowInside: (number | null)[] = [];
  const order = new Int32Array(most);
  let n = 0;
  for (const rule of rules) {
    // Bucketed by zone, so the sort is per zone (small) rather than over every row of the rule.
    const byZone = new Map<string, { rows: number[]; zones: number[] }>();
    for (const m of rule.memberships) {
      if (onlyObjects && !onlyObjects.has(m.objectId)) continue;
      const k = objects.length;
      let listed = false;
      for (const a of m.anchors) {
        if (onlyZone !== null && a.zoneId !== onlyZone) continue;
        let bucket = byZone.get(a.zoneId);
        if (!bucket) {
          bucket = { rows: [], zones: [] };
          byZone.set(a.zoneId, bucket);
        }
        const i = rowInside.length;
        bucket.rows.push(i);
        rowZone[i] = zoneIndex(zones, bucket.zones, rule.ruleId, a);
        rowObject[i] = k;
        rowDistance[i] = round1(a.distanceM);
        rowInside.push(a.insideLengthM === undefined ? null : round1(a.insideLengthM));
        listed = true;
      }
      if (listed) objects.push(listedObject(m, ctx.objects.get(m.objectId), ctx.engine.status[m.objectId]));
    }
    const idOf = (i: number) => objects[rowObject[i]].objectId;
    for (const zoneId of [...byZone.keys()].sort()) {
      for (const i of sortInZone(byZone.get(zoneId)!.rows, rowDistance, idOf)) order[n++] = i;
    }
  }
  const plan: ZoneRowPlan = {
    count: n,
    zones,
    objects,
    zone: new Int32Array(n),
    object: new Int32Array(n),
    distanceM: new Float64Array(n),
    insideM: [],
  };
  for (let r = 0; r < n; r++) {
    const i = order[r];
    plan.zone[r] = rowZone[i];
    plan.object[r] = rowObject[i];
    plan.distanceM[r] = rowDistance[i];
    plan.insideM.push(rowInside[i]);
  }
  return plan;
}

/**
 * Index in `zones` of the zone an anchor hit names, added the first time. A zone's hits all carry its anchor, so
 * `seen` (the zone id's entries so far) has one entry; it is a list so a hit that disagrees still lists as it says.
 */
function zoneIndex(zones: ListedZone[], seen: number[], ruleId: string, a: AnchorHit): number {
  for (const z of seen) {
    if (zones[z].anchorId === a.anchorId && zones[z].anchorName === a.anchorName) return z;
  }
  seen.push(zones.length);
  return zones.push({ zoneId: a.zoneId, ruleId, anchorId: a.anchorId, anchorName: a.anchorName }) - 1;
}

function listedObject(m: Membership, obj: ExportObject | undefined, st: ObjectStatus | undefined): ListedObject {
  return {
    objectId: m.objectId,
    kind: m.kind,
    objectName: obj?.name ?? '',
    subdistrict: obj?.subdistrict ?? '',
    unit: obj?.unit ?? '',
    state: st?.state ?? null,
    openDefects: st?.openDefects ?? null,
    overdue: st?.overdue ?? null,
    lastInspected: st ? st.lastInspected : (obj?.lastInspected ?? null),
    lng: obj?.point ? obj.point[0] : null,
    lat: obj?.point ? obj.point[1] : null,
  };
}

/** One line per filter for the cover sheet, e.g. `规则：城市社区周边300米（R300）`. */
export function describeSelection(
  ctx: Pick<ExportContext, 'campaign' | 'engine'>,
  sel: RowSelection,
  lang: ExportLang,
): string {
  const labels = campaignLabels(ctx.campaign, lang, { radii: radiusChanges(ctx.campaign, ctx.engine.rules) });
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
      const rules = sel.ruleIds
        ? ` · ${sel.ruleIds.map((id) => labels.rule(id)).join(lang === 'zh' ? '、' : ', ')}`
        : '';
      const text = sel.description ? ` · ${sel.description}` : '';
      return `${word(lang, 'filter')}${colon}${n} ${word(lang, 'objectsSelected')}${rules}${text}`;
    }
  }
}

/**
 * A zone's rows (indices into `distanceM` and `idOf`) ordered by distance, then object id, the ids compared as
 * strings; rows equal in both keep their order. Sorted through numeric keys: V8 sorts a Float64Array natively,
 * while a comparator called ~10 times per row was a third of building a 100k-row list. A distance is a whole
 * number of decimetres (`round1`), so `decimetres · SLOT + position` is an exact key that orders by distance and
 * keeps equal distances in their first order; each run of equal distances is then sorted by id. A distance that is
 * not whole decimetres (or not finite) takes the comparator for the whole zone, so the order never differs.
 */
function sortInZone(rows: number[], distanceM: Float64Array, idOf: (i: number) => string): number[] {
  const byDistanceThenId = (a: number, b: number): number => {
    if (distanceM[a] !== distanceM[b]) return distanceM[a] - distanceM[b];
    const x = idOf(a);
    const y = idOf(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
  const n = rows.length;
  if (n < 2 || n > SLOT) return rows.sort(byDistanceThenId);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = distanceM[rows[i]];
    const dm = Math.round(d * 10);
    if (!(Math.abs(dm) < MAX_DM) || dm / 10 !== d) return rows.sort(byDistanceThenId);
    keys[i] = dm * SLOT + i;
  }
  keys.sort();
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = rows[keys[i] - Math.floor(keys[i] / SLOT) * SLOT];
  // Then each run of equal distances by id: usually a few rows, sorted in place by insertion (stable, like the
  // comparator's sort); a long run (many objects at one distance) by the comparator.
  for (let i = 0; i < n;) {
    let end = i + 1;
    while (end < n && distanceM[out[end]] === distanceM[out[i]]) end++;
    if (end - i > 16) {
      const run = out.slice(i, end).sort(byDistanceThenId);
      for (let k = 0; k < run.length; k++) out[i + k] = run[k];
    } else {
      for (let j = i + 1; j < end; j++) {
        const row = out[j];
        let k = j;
        for (; k > i && idOf(out[k - 1]) > idOf(row); k--) out[k] = out[k - 1];
        out[k] = row;
      }
    }
    i = end;
  }
  return out;
}

/** Positions per distance in a sort key (2^21), and the decimetres that keep `dm · SLOT + i` below 2^53. */
const SLOT = 2 ** 21;
const MAX_DM = 2 ** 31;

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

function listIds(ids: string[]): string {
  const MAX = 200;
  return ids.length > MAX ? `${ids.slice(0, MAX).join(', ')} … (${ids.length} in all)` : ids.join(', ');
}
