/**
 * Small lookups the detail panels and the fly-to need: a zone and its members by zone id, the defects linked to
 * an object, and the box to show for a zone or a geometry.
 */
import type { Geometry, Position } from 'geojson';
import type { BBox } from '../campaign/types';
import type { DefectColumns } from '../dataset/types';
import { circleBBox } from '../geo/geodesy';
import type { EngineResult, Membership, RuleResult, Zone, ZoneFigures } from '../geo/types';

export interface ZoneLookup {
  zone: Zone;
  rule: RuleResult;
  figures: ZoneFigures;
  /** Objects with a hit in this zone, nearest first, each with that hit. */
  members: { membership: Membership; distanceM: number; insideLengthM?: number }[];
}

/** The zone `zoneId` (`R300:C1`) of the result with its figures and members, or null when it is not there. */
export function findZone(result: EngineResult, zoneId: string): ZoneLookup | null {
  for (const rule of result.rules) {
    const zone = rule.zones.find((z) => z.id === zoneId);
    if (!zone) continue;
    const figures = rule.zoneFigures.find((f) => f.zoneId === zoneId);
    if (!figures) return null;
    const members: ZoneLookup['members'] = [];
    for (const m of rule.memberships) {
      const hit = m.anchors.find((a) => a.zoneId === zoneId);
      if (hit) members.push({ membership: m, distanceM: hit.distanceM, insideLengthM: hit.insideLengthM });
    }
    members.sort((a, b) => a.distanceM - b.distanceM || a.membership.objectId.localeCompare(b.membership.objectId));
    return { zone, rule, figures, members };
  }
  return null;
}

/**
 * Rows of the defects linked to each object id, in row order. Built once per defect table (one pass), so a
 * detail panel finds a street's defects without scanning every defect.
 */
export function defectRowsByObject(defects: DefectColumns): Map<string, number[]> {
  const byIndex: number[][] = defects.tables.object.map(() => []);
  for (let row = 0; row < defects.count; row++) {
    const o = defects.object[row];
    if (o >= 0) byIndex[o].push(row);
  }
  return new Map(defects.tables.object.map((id, k) => [id, byIndex[k]]));
}

/**
 * The zones each object anchors (a community, market or town seat is the centre of one zone per rule that
 * picks it), keyed by anchor id, in rule order. Built once per engine result.
 */
export function zonesByAnchor(result: EngineResult): Map<string, Zone[]> {
  const out = new Map<string, Zone[]>();
  for (const rule of result.rules) {
    for (const zone of rule.zones) {
      const list = out.get(zone.anchorId);
      if (list) list.push(zone);
      else out.set(zone.anchorId, [zone]);
    }
  }
  return out;
}

/** The box around a zone's circle. */
export function zoneBBox(zone: Zone): BBox {
  return circleBBox(zone.center, zone.radiusM);
}

/** The box around any geometry's coordinates; null for an empty geometry. */
export function geometryBBox(geometry: Geometry): BBox | null {
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (p: Position) => {
    box[0] = Math.min(box[0], p[0]);
    box[1] = Math.min(box[1], p[1]);
    box[2] = Math.max(box[2], p[0]);
    box[3] = Math.max(box[3], p[1]);
  };
  const walk = (g: Geometry) => {
    if (g.type === 'Point') visit(g.coordinates);
    else if (g.type === 'LineString' || g.type === 'MultiPoint') g.coordinates.forEach(visit);
    else if (g.type === 'Polygon' || g.type === 'MultiLineString') g.coordinates.flat().forEach(visit);
    else if (g.type === 'MultiPolygon') g.coordinates.flat(2).forEach(visit);
    else g.geometries.forEach(walk);
  };
  walk(geometry);
  return Number.isFinite(box[0]) ? box : null;
}

/** A zone that lost more than this share of its circle to the sea is flagged in its details and the layer panel. */
export const MOSTLY_SEA_SHARE = 0.5;

/** Share of the zone's full circle at sea (off the land), for rules that clip to land; null for other rules. */
export function seaShare(zone: Zone): number | null {
  return zone.landShare === undefined ? null : 1 - zone.landShare;
}

/** True when most of the zone's circle is at sea (more than `MOSTLY_SEA_SHARE`). */
export function mostlyAtSea(zone: Zone): boolean {
  const share = seaShare(zone);
  return share !== null && share > MOSTLY_SEA_SHARE;
}
