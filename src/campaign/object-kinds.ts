/**
 * The kinds of object the data set holds, in one table. Every list of kinds, every data key and file name, and
 * every record keyed by kind is derived from it, so a new kind is added here and then filled in exactly where
 * the compiler points (the per-kind properties, ingest fields, map layers and app labels; see
 * object-kinds.test.ts). Imports nothing from ./types, which re-exports `ObjectKind` from here.
 */
import type { Geometry } from 'geojson';

export interface KindDef {
  /** Key of the kind's collection in the data (`ObjectLayers`, the engine input, the layer toggles, map sources). */
  dataKey: string;
  /** Its file in public/data. */
  file: string;
  /** Geometry types a feature of this kind may have (ingest and the data set shape check enforce them). */
  geometry: readonly Geometry['type'][];
  /** Anchors are the centres of zone rules; targets are what the rules count. */
  role: 'anchor' | 'target';
  /** Name of the kind in exports (the app's own words are in its i18n table). */
  label: { zh: string; en: string };
}

/** In slot order: the engine numbers objects kind by kind in this order. */
export const OBJECT_KIND_DEFS = {
  community: {
    dataKey: 'communities',
    file: 'communities.geojson',
    geometry: ['Point'],
    role: 'anchor',
    label: { zh: '城市社区', en: 'Community' },
  },
  market: {
    dataKey: 'markets',
    file: 'markets.geojson',
    geometry: ['Point'],
    role: 'anchor',
    label: { zh: '农贸市场', en: 'Farmers’ market' },
  },
  townSeat: {
    dataKey: 'townSeats',
    file: 'townSeats.geojson',
    geometry: ['Point'],
    role: 'anchor',
    label: { zh: '镇（街道）驻地', en: 'Town seat' },
  },
  compound: {
    dataKey: 'compounds',
    file: 'compounds.geojson',
    geometry: ['Point', 'Polygon'],
    role: 'target',
    label: { zh: '居民小区', en: 'Residential compound' },
  },
  street: {
    dataKey: 'streets',
    file: 'streets.geojson',
    geometry: ['LineString'],
    role: 'target',
    label: { zh: '街巷道路', en: 'Street' },
  },
  station: {
    dataKey: 'stations',
    file: 'stations.geojson',
    geometry: ['Point'],
    role: 'target',
    label: { zh: '志愿服务站点', en: 'Volunteer station' },
  },
  adsite: {
    dataKey: 'adsites',
    file: 'adsites.geojson',
    geometry: ['Point'],
    role: 'target',
    label: { zh: '公益广告点位', en: 'Public-service ad site' },
  },
} as const satisfies Record<string, KindDef>;

type Defs = typeof OBJECT_KIND_DEFS;

export type ObjectKind = keyof Defs;
export type DataKeyOf<K extends ObjectKind> = Defs[K]['dataKey'];
/** `'communities' | 'markets' | …`: the keys of the object collections. */
export type ObjectDataKey = DataKeyOf<ObjectKind>;
export type AnchorKind = { [K in ObjectKind]: Defs[K]['role'] extends 'anchor' ? K : never }[ObjectKind];
/** The GeoJSON geometry of a kind, e.g. `Point | Polygon` for compounds. */
export type GeometryOf<K extends ObjectKind> = Extract<Geometry, { type: Defs[K]['geometry'][number] }>;

/** Every kind, in slot order. */
export const OBJECT_KINDS = Object.keys(OBJECT_KIND_DEFS) as readonly ObjectKind[];
/** The kinds a zone rule can be centred on. */
export const ANCHOR_KINDS = OBJECT_KINDS.filter((k) => OBJECT_KIND_DEFS[k].role === 'anchor') as readonly AnchorKind[];
/** Every data key, in slot order. */
export const OBJECT_DATA_KEYS: readonly ObjectDataKey[] = OBJECT_KINDS.map(dataKeyOf);

/** @example dataKeyOf('townSeat') // 'townSeats' */
export function dataKeyOf<K extends ObjectKind>(kind: K): DataKeyOf<K> {
  return OBJECT_KIND_DEFS[kind].dataKey;
}

/** @example kindOfDataKey('townSeats') // 'townSeat' */
export function kindOfDataKey(key: ObjectDataKey): ObjectKind {
  return OBJECT_KINDS[OBJECT_DATA_KEYS.indexOf(key)];
}

/** A complete record by kind, in slot order. @example mapKinds((k) => 0) // { community: 0, market: 0, … } */
export function mapKinds<T>(fn: (kind: ObjectKind) => T): Record<ObjectKind, T> {
  return Object.fromEntries(OBJECT_KINDS.map((k) => [k, fn(k)])) as Record<ObjectKind, T>;
}

/** A complete record by data key, in slot order. @example mapDataKeys(() => true) // { communities: true, … } */
export function mapDataKeys<T>(fn: (key: ObjectDataKey, kind: ObjectKind) => T): Record<ObjectDataKey, T> {
  return Object.fromEntries(OBJECT_KINDS.map((k) => [dataKeyOf(k), fn(dataKeyOf(k), k)])) as Record<ObjectDataKey, T>;
}
