/**
 * Zone lists as GeoJSON: one feature per row with the object's own geometry (a street stays a line, a compound
 * polygon stays a polygon) and the row's columns as properties under their English keys, values in the chosen
 * language, plus the codes (`rule_id`, `state_code`, `subdistrict_code`, `unit_code`) so a GIS can re-join.
 * `<`, U+2028 and U+2029 are written as \u escapes so the text is safe even when pasted inside an HTML script.
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { Campaign } from '../campaign/types';
import type { ExportLang, LabelOptions } from './labels';
import type { ExportObject } from './objects';
import { zoneTable } from './table';
import type { ZoneRow } from './zone-rows';

export const GEOJSON_MIME = 'application/geo+json';

export type ZoneRowProperties = Record<string, string | number | null>;

export function zoneFeatures(
  rows: ZoneRow[],
  objects: ReadonlyMap<string, ExportObject>,
  campaign: Campaign,
  lang: ExportLang,
  options: LabelOptions = {},
): FeatureCollection<Geometry | null, ZoneRowProperties> {
  const table = zoneTable(rows, campaign, lang, options);
  const features: Feature<Geometry | null, ZoneRowProperties>[] = rows.map((r, i) => {
    const props: ZoneRowProperties = {};
    table.columns.forEach((c, j) => {
      props[c.key] = table.rows[i][j];
    });
    props.rule_id = r.ruleId;
    props.state_code = r.state;
    props.subdistrict_code = r.subdistrict || null;
    props.unit_code = r.unit || null;
    const obj = objects.get(r.objectId);
    const geometry: Geometry | null = obj
      ? obj.geometry
      : r.lng !== null && r.lat !== null
        ? { type: 'Point', coordinates: [r.lng, r.lat] }
        : null;
    return { type: 'Feature', id: `${r.zoneId}|${r.objectId}`, geometry, properties: props };
  });
  return { type: 'FeatureCollection', features };
}

export function toGeoJson(fc: FeatureCollection<Geometry | null>): string {
  return JSON.stringify(fc).replace(/[<\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
