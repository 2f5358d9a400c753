/**
 * Where to send people: zones and streets ranked by the campaign's priority score, each with the terms that make
 * up its score so the UI can say why ("3 overdue × 5, 2 reopened × 3 …").
 *
 * Zones: the engine already scores every zone (`ZoneFigures.priority`, see `priorityOf` in src/geo/figures.ts);
 * this only orders them and picks the terms worth showing.
 *
 * Streets: scored one by one with the same formula (`priorityOf`), from the street's own state in the engine's
 * status: overdue, open and reopened defects, stale (inspected once, not within staleDays) and never inspected
 * (each 0 or 1 for one street). The weighted sum is divided by the kilometres of the street in scope, floored at
 * 1 (campaign.priority.formula: "per km of street or per object"), exactly as a zone holding only that street
 * would be scored. In scope means: inside a zone rule (length inside the union of that rule's circles, the longest
 * when several rules hold it) or on the 省测/国测 route (the whole street, task force 4's scope).
 */
import type { Campaign, LngLat, PriorityWeights, StreetClass } from '../campaign/types';
import type { StreetFC } from '../dataset/types';
import { priorityOf } from '../geo/figures';
import { haversineM } from '../geo/geodesy';
import type { EngineResult, Figures, ObjectStatus, Zone, ZoneFigures } from '../geo/types';
import type { ScopedFigures } from './scope';

/** One term of a score: `count` things of this kind, each worth `weight`, adding `points` before normalising. */
export interface ReasonTerm {
  term: keyof PriorityWeights;
  count: number;
  weight: number;
  points: number;
}

export interface RankedZone {
  zone: Zone;
  figures: ZoneFigures;
  priority: number;
  /** Objects plus kilometres of street the weighted sum was divided by. */
  priorityUnits: number;
  /** Terms that add points, largest first. */
  reasons: ReasonTerm[];
}

export interface RankedStreet {
  streetId: string;
  name: string;
  subdistrict: string;
  unit: string;
  streetClass: StreetClass;
  onRoute: boolean;
  /** Whole length of the street, metres. */
  lengthM: number;
  /** Length in scope (see the module comment), metres. */
  inScopeLengthM: number;
  /** Rules whose zones hold the street, in campaign order. */
  ruleIds: string[];
  /** Where to fly to: the middle vertex of the street. */
  center: LngLat;
  status: ObjectStatus;
  priority: number;
  priorityUnits: number;
  reasons: ReasonTerm[];
}

/**
 * Every zone of every rule (or of `ruleIds`), highest priority first; ties go to more overdue defects, then to
 * the zone id so the order is stable. With `scoped` (scope.ts), zones are scored on the filtered defects.
 *
 * @example rankZones(result)[0].reasons // [{ term: 'overdue', count: 3, weight: 5, points: 15 }, …]
 */
export function rankZones(
  result: EngineResult,
  { ruleIds, scoped }: { ruleIds?: string[]; scoped?: ScopedFigures } = {},
): RankedZone[] {
  const ranked: RankedZone[] = [];
  for (const rule of result.rules) {
    if (ruleIds && !ruleIds.includes(rule.ruleId)) continue;
    const zoneById = new Map(rule.zones.map((z) => [z.id, z]));
    for (const engineFigures of rule.zoneFigures) {
      const figures = scoped?.zoneFigures.get(engineFigures.zoneId) ?? engineFigures;
      const zone = zoneById.get(figures.zoneId);
      if (!zone) throw new Error(`zone figures name zone ${figures.zoneId}, which rule ${rule.ruleId} does not have`);
      ranked.push({
        zone,
        figures,
        priority: figures.priority,
        priorityUnits: figures.priorityUnits,
        reasons: reasonTerms(figures.reasons),
      });
    }
  }
  return ranked.sort(
    (a, b) => b.priority - a.priority || b.figures.overdue - a.figures.overdue || a.zone.id.localeCompare(b.zone.id),
  );
}

/**
 * Streets in scope (see the module comment), highest priority first; ties go to more overdue defects, then the
 * street id. Streets the engine has no status for (not rated yet) are left out. With `scoped`, each street is
 * scored on its filtered defects.
 */
export function rankStreets(
  result: EngineResult,
  campaign: Campaign,
  streets: StreetFC,
  { scoped }: { scoped?: ScopedFigures } = {},
): RankedStreet[] {
  const statusById = scoped?.status ?? result.status;
  const inScope = new Map<string, { lengthM: number; ruleIds: string[] }>();
  for (const rule of result.rules) {
    for (const m of rule.memberships) {
      if (m.kind !== 'street') continue;
      const entry = inScope.get(m.objectId) ?? { lengthM: 0, ruleIds: [] };
      entry.lengthM = Math.max(entry.lengthM, m.insideLengthM ?? 0);
      entry.ruleIds.push(rule.ruleId);
      inScope.set(m.objectId, entry);
    }
  }
  const ranked: RankedStreet[] = [];
  for (const f of streets.features) {
    const p = f.properties;
    const status = statusById[p.id];
    const zoned = inScope.get(p.id);
    if (!status || (!zoned && !p.onRoute)) continue;
    const coords = f.geometry.coordinates as LngLat[];
    const lengthM = lineLengthM(coords);
    const inScopeLengthM = p.onRoute ? lengthM : (zoned?.lengthM ?? 0);
    const never = status.lastInspected === null;
    const counts: Record<keyof PriorityWeights, number> = {
      overdue: status.overdue,
      open: status.openDefects,
      reopened: status.reopened,
      stale: status.stale && !never ? 1 : 0,
      neverInspected: never ? 1 : 0,
    };
    const score = priorityOf(counts, campaign.priority.weights, 0, inScopeLengthM);
    ranked.push({
      streetId: p.id,
      name: p.name,
      subdistrict: p.subdistrict,
      unit: p.unit,
      streetClass: p.streetClass,
      onRoute: p.onRoute,
      lengthM,
      inScopeLengthM,
      ruleIds: zoned?.ruleIds ?? [],
      center: coords[Math.floor(coords.length / 2)],
      status,
      priority: score.priority,
      priorityUnits: score.priorityUnits,
      reasons: reasonTerms(score.reasons),
    });
  }
  return ranked.sort(
    (a, b) => b.priority - a.priority || b.status.overdue - a.status.overdue || a.streetId.localeCompare(b.streetId),
  );
}

/** The terms that add points (count and weight both non-zero), largest contribution first. */
export function reasonTerms(reasons: Figures['reasons']): ReasonTerm[] {
  return reasons
    .map((r) => ({ ...r, points: r.count * r.weight }))
    .filter((r) => r.points > 0)
    .sort((a, b) => b.points - a.points);
}

function lineLengthM(coords: LngLat[]): number {
  let m = 0;
  for (let i = 1; i < coords.length; i++) m += haversineM(coords[i - 1], coords[i]);
  return m;
}
