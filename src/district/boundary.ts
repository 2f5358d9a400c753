/**
 * The district boundary for a new data folder: read a GeoJSON file (a FeatureCollection, a Feature, or DataV
 * GeoAtlas's bare array of Features), pick the district's feature by adcode or name, convert it to WGS-84 and
 * compute the campaign's bbox and centre from it. Pure: parsed JSON in, values out; every fault is an Error
 * with a one-line message.
 */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { centerOfMass } from '@turf/turf';
import type { BBox, LngLat } from '../campaign/types';
import { checkGeometry } from '../ingest/geometry';
import type { SourceCrs } from '../ingest/types';

/** Degrees kept in the bbox and centre: 5 decimals is about 1 m. */
const DECIMALS = 5;

export type BoundaryFeature = Feature<Polygon | MultiPolygon, Record<string, unknown>>;

/** The features of a GeoJSON document, whatever its wrapping. */
export function geojsonFeatures(json: unknown): Feature[] {
  const obj = json as { type?: unknown; features?: unknown };
  const list = Array.isArray(json)
    ? json
    : obj?.type === 'FeatureCollection' && Array.isArray(obj.features)
      ? obj.features
      : obj?.type === 'Feature'
        ? [json]
        : null;
  if (!list) throw new Error('expected a FeatureCollection, a Feature or an array of Features');
  list.forEach((f, i) => {
    if ((f as { type?: unknown })?.type !== 'Feature') throw new Error(`feature ${i} is not a GeoJSON Feature`);
  });
  if (list.length === 0) throw new Error('the file holds no feature');
  return list as Feature[];
}

/** `330921 岱山县` for the choice list; adcode and name are read from the usual DataV/NBS property names. */
export function describeFeature(f: Feature, index: number): string {
  const { adcode, name } = idOf(f);
  return [adcode, name].filter(Boolean).join(' ') || `feature ${index} (no adcode or name)`;
}

/**
 * The one feature to use: the only one, or the one whose adcode or name is `pick`. Throws listing the choices
 * when the file holds several and `pick` is missing, matches none, or matches more than one.
 *
 * @example pickFeature(features, '岱山县') // the 330921 feature
 */
export function pickFeature(features: Feature[], pick?: string): Feature {
  const choices = () => features.map(describeFeature).join(', ');
  if (pick === undefined) {
    if (features.length === 1) return features[0];
    throw new Error(`the file holds ${features.length} features; choose one with --pick: ${choices()}`);
  }
  const wanted = pick.normalize('NFKC').trim();
  const hits = features.filter((f) => {
    const { adcode, name } = idOf(f);
    return adcode === wanted || name === wanted;
  });
  if (hits.length === 1) return hits[0];
  if (hits.length === 0) throw new Error(`no feature has adcode or name '${pick}'; the file holds: ${choices()}`);
  throw new Error(`${hits.length} features match '${pick}'; pick by adcode: ${choices()}`);
}

/** Adcode (6 digits) and name of a feature, '' when absent. */
export function idOf(f: Feature): { adcode: string; name: string } {
  const p = (f.properties ?? {}) as Record<string, unknown>;
  const adcode = String(p.adcode ?? p.code ?? p.ADCODE ?? '').trim();
  const name = String(p.name ?? p.NAME ?? p['名称'] ?? '').trim();
  return { adcode: /^\d{6}$/.test(adcode) ? adcode : '', name };
}

/**
 * The feature in WGS-84, checked the way the refresh checks a boundary (closed rings, no bow-ties), with only
 * its adcode and name as properties (the refresh's boundary fields).
 */
export function boundaryInWgs84(f: Feature, crs: SourceCrs, adcode: string, name: string): BoundaryFeature {
  const check = checkGeometry(f.geometry, ['Polygon', 'MultiPolygon'], crs, null);
  if (!check.ok) throw new Error(`the boundary geometry is not usable: ${check.reasons.join('; ')}`);
  return { type: 'Feature', properties: { adcode, name }, geometry: check.geometry as Polygon | MultiPolygon };
}

/**
 * The campaign's bbox (rounded outwards, so every vertex stays inside) and centre (the area's centre of mass,
 * inside the bbox) of a WGS-84 boundary.
 */
export function boundaryExtent(f: BoundaryFeature): { bbox: BBox; center: LngLat } {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  for (const polygon of polygons)
    for (const [lng, lat] of polygon[0]) {
      w = Math.min(w, lng);
      s = Math.min(s, lat);
      e = Math.max(e, lng);
      n = Math.max(n, lat);
    }
  const k = 10 ** DECIMALS;
  const bbox: BBox = [Math.floor(w * k) / k, Math.floor(s * k) / k, Math.ceil(e * k) / k, Math.ceil(n * k) / k];
  const [lng, lat] = centerOfMass(f).geometry.coordinates;
  const center: LngLat = [Math.round(lng * k) / k, Math.round(lat * k) / k];
  return { bbox, center };
}
