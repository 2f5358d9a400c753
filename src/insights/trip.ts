/**
 * What an inspector's trip to one zone or one subdistrict covers (下载本片区): the defects in it and the photos
 * their details name. The data set itself is stored whole (the app needs every file to start), so the trip adds
 * what is kept per defect.
 */
import type { LngLat } from '../campaign/types';
import type { DefectColumns, DefectDetails } from '../dataset/types';
import { haversineRawM } from '../geo/geodesy';
import type { EngineResult } from '../geo/types';
import { findZone } from './lookup';

export type TripScope = { kind: 'zone'; zoneId: string } | { kind: 'subdistrict'; code: string };

/**
 * Rows of the defects a trip covers, in row order. A zone: the defects linked to its anchor or to one of its
 * members, and any defect whose position lies within the zone's circle (a defect linked to no object, or to an
 * object outside, still stands in the street the inspector walks). A subdistrict: its defects. An unknown zone
 * covers nothing.
 */
export function tripDefectRows(scope: TripScope, defects: DefectColumns, result: EngineResult | null): number[] {
  if (scope.kind === 'subdistrict') {
    const index = defects.tables.subdistrict.indexOf(scope.code);
    const rows: number[] = [];
    if (index < 0) return rows;
    for (let row = 0; row < defects.count; row++) if (defects.subdistrict[row] === index) rows.push(row);
    return rows;
  }
  const found = result ? findZone(result, scope.zoneId) : null;
  if (!found) return [];
  const objects = new Set([found.zone.anchorId, ...found.members.map((m) => m.membership.objectId)]);
  const [lng, lat]: LngLat = found.zone.center;
  const rows: number[] = [];
  for (let row = 0; row < defects.count; row++) {
    const o = defects.object[row];
    const linked = o >= 0 && objects.has(defects.tables.object[o]);
    if (linked || haversineRawM(lng, lat, defects.coords[2 * row], defects.coords[2 * row + 1]) <= found.zone.radiusM)
      rows.push(row);
  }
  return rows;
}

/** The photo addresses the details of `rows` name, each once, in row order. */
export function tripPhotos(rows: readonly number[], defects: DefectColumns, details: DefectDetails | null): string[] {
  const out = new Set<string>();
  if (!details) return [];
  for (const row of rows) for (const photo of details[defects.id.at(row)!]?.photos ?? []) out.add(photo);
  return [...out];
}
