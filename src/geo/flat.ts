/**
 * The engine's flat input: each object kind as typed arrays (one `Float64Array` of lng/lat pairs with ring and
 * object offsets) plus the few properties the rules read. `prepareFlat` (prepare.ts) takes this form, so a caller
 * that already has flat data (the benchmark's generator, a future columnar data file) never builds GeoJSON, and
 * `flattenCollections` turns the loaded GeoJSON into it, one collection at a time.
 */
import type { Feature, Geometry } from 'geojson';
import { dataKeyOf, OBJECT_KINDS, type ObjectKind } from '../campaign/object-kinds';
import type { Campaign } from '../campaign/types';
import type { LandFC } from '../dataset/types';
import { lastInspectedDay, NO_DAY } from './rollup';
import type { DefectColumnsLike, EngineCatalog, EngineInput } from './types';

export const GEOM_NONE = 0;
export const GEOM_POINT = 1;
export const GEOM_LINE = 2;
export const GEOM_POLYGON = 3;

/** Loose view of the properties: the engine tolerates null properties and missing fields. */
export type LooseProps = Record<string, unknown> | null;

/**
 * One object kind, flattened. Object i has rings `ringOffsets[i]..ringOffsets[i+1]-1`, ring r has vertices
 * `ringStarts[r]..ringStarts[r+1]-1` in `coords` (`ringStarts` has one more entry than there are rings). A point
 * is one ring of one vertex; a street one ring; polygon rings are closed, and a MultiPolygon's rings all belong
 * to its one object (the even-odd inside test and the edge distances work on the lot).
 */
export interface FlatCollection {
  count: number;
  ids: string[];
  names: string[];
  /** `properties.subdistrict` ('' when missing), for the rules' anchor areas. */
  subdistrict: string[];
  /** `properties.builtUp`: 1 true, 0 false, -1 not given. */
  builtUp: Int8Array;
  /** `properties.streetClass` (null when missing). */
  streetClass: (string | null)[];
  /** `properties.lastInspected` as days since 1970-01-01, NO_DAY for never. */
  lastInspectedDay: Int32Array;
  geomType: Uint8Array;
  ringOffsets: Uint32Array;
  ringStarts: Uint32Array;
  coords: Float64Array;
}

export interface FlatInput {
  campaign: Campaign;
  collections: Record<ObjectKind, FlatCollection>;
  land: LandFC | null;
  defects: DefectColumnsLike;
}

/**
 * The GeoJSON collections of an engine input as flat collections. Object ids come from `properties.id`, else the
 * feature's own `id`, else `${kind}#${index}`, so null properties never break the engine.
 *
 * @example prepareFlat(flattenCollections(input))
 */
export function flattenCollections(input: EngineInput): FlatInput {
  const collections = {} as Record<ObjectKind, FlatCollection>;
  const source = input as unknown as Record<
    string,
    { features: Feature<Geometry | null, LooseProps>[] } | null | undefined
  >;
  for (const kind of OBJECT_KINDS) {
    collections[kind] = flattenCollection(kind, source[dataKeyOf(kind)]?.features ?? []);
  }
  return { campaign: input.campaign, collections, land: input.land, defects: input.defects };
}

/** One GeoJSON collection of `kind` flattened (see `flattenCollections`). */
export function flattenCollection(kind: ObjectKind, features: Feature<Geometry | null, LooseProps>[]): FlatCollection {
  const b = new FlatCollectionBuilder(kind, features.length, countVertices(kind, features));
  for (let i = 0; i < features.length; i++) {
    const f = features[i];
    const p = f.properties ?? null;
    const id = objectId(kind, f, i);
    b.begin({
      id,
      name: typeof p?.name === 'string' ? p.name : '',
      subdistrict: typeof p?.subdistrict === 'string' ? p.subdistrict : '',
      builtUp: typeof p?.builtUp === 'boolean' ? p.builtUp : null,
      streetClass: typeof p?.streetClass === 'string' ? p.streetClass : null,
      lastInspectedDay: lastInspectedDay(p?.lastInspected as string | null | undefined, `${kind} ${id}`),
    });
    const g = f.geometry;
    if (!g) continue;
    if (g.type === 'Point') b.point(g.coordinates[0], g.coordinates[1]);
    else if (g.type === 'LineString' && kind === 'street') b.ring(GEOM_LINE, g.coordinates);
    else if (g.type === 'Polygon') for (const ring of g.coordinates) b.ring(GEOM_POLYGON, ring);
    else if (g.type === 'MultiPolygon')
      for (const poly of g.coordinates) for (const ring of poly) b.ring(GEOM_POLYGON, ring);
    else throw new Error(`${kind} ${id}: geometry type ${g.type} is not supported for this kind`);
  }
  return b.finish();
}

/**
 * The catalog (`EngineCatalog`) of an engine input without flattening its geometry: the same ids, names and
 * subdistricts in the same slots as `prepareEngine(input)`, for naming a compact result on the app's side of
 * the worker.
 */
export function catalogOfInput(input: EngineInput): EngineCatalog {
  const source = input as unknown as Record<
    string,
    { features: Feature<Geometry | null, LooseProps>[] } | null | undefined
  >;
  let slot0 = 0;
  const sets = OBJECT_KINDS.map((kind) => {
    const features = source[dataKeyOf(kind)]?.features ?? [];
    const set = {
      kind,
      slot0,
      count: features.length,
      ids: features.map((f, i) => objectId(kind, f, i)),
      names: features.map((f) => (typeof f.properties?.name === 'string' ? f.properties.name : '')),
      subdistrict: features.map((f) => (typeof f.properties?.subdistrict === 'string' ? f.properties.subdistrict : '')),
    };
    slot0 += set.count;
    return set;
  });
  return { campaign: input.campaign, sets };
}

/**
 * The catalog (`EngineCatalog`) of flat collections: the same slots as `prepareFlat(flat)`. Reads only the
 * string arrays and counts, so it still works after the collections' typed arrays were transferred away.
 */
export function catalogOfFlat(flat: Pick<FlatInput, 'campaign' | 'collections'>): EngineCatalog {
  let slot0 = 0;
  const sets = OBJECT_KINDS.map((kind) => {
    const c = flat.collections[kind];
    const set = { kind, slot0, count: c.count, ids: c.ids, names: c.names, subdistrict: c.subdistrict };
    slot0 += c.count;
    return set;
  });
  return { campaign: flat.campaign, sets };
}

function objectId(kind: ObjectKind, f: Feature<Geometry | null, LooseProps>, i: number): string {
  const rawId = f.properties?.id ?? f.id;
  return rawId === undefined || rawId === null || rawId === '' ? `${kind}#${i}` : String(rawId);
}

function countVertices(
  kind: ObjectKind,
  features: Feature<Geometry | null, LooseProps>[],
): { rings: number; vertices: number } {
  let rings = 0;
  let vertices = 0;
  for (const f of features) {
    const g = f.geometry;
    if (!g) continue;
    if (g.type === 'Point') {
      rings++;
      vertices++;
    } else if (g.type === 'LineString' && kind === 'street') {
      rings++;
      vertices += g.coordinates.length;
    } else if (g.type === 'Polygon') {
      rings += g.coordinates.length;
      for (const ring of g.coordinates) vertices += ring.length;
    } else if (g.type === 'MultiPolygon') {
      for (const poly of g.coordinates) {
        rings += poly.length;
        for (const ring of poly) vertices += ring.length;
      }
    }
  }
  return { rings, vertices };
}

export interface FlatObjectProps {
  id: string;
  name?: string;
  subdistrict?: string;
  builtUp?: boolean | null;
  streetClass?: string | null;
  /** Days since 1970-01-01; NO_DAY (or omitted) for never inspected. */
  lastInspectedDay?: number;
}

/**
 * Writes one flat collection object by object: `begin` an object, then give its geometry (`point`, or `ring`
 * once per ring; nothing for an object without geometry). Sizes are hints: the arrays grow when they are
 * exceeded and are trimmed by `finish`.
 *
 * @example
 * const b = new FlatCollectionBuilder('compound');
 * b.begin({ id: 'K1', subdistrict: '330902002' });
 * b.point(122.1, 30.02);
 * const compounds = b.finish();
 */
export class FlatCollectionBuilder {
  private count = 0;
  private rings = 0;
  private vertices = 0;
  private ids: string[] = [];
  private names: string[] = [];
  private subdistrict: string[] = [];
  private streetClass: (string | null)[] = [];
  private builtUp: Int8Array;
  private lastDay: Int32Array;
  private geomType: Uint8Array;
  private ringOffsets: Uint32Array;
  private ringStarts: Uint32Array;
  private coords: Float64Array;

  constructor(
    private readonly kind: ObjectKind,
    objects = 16,
    { rings = objects, vertices = objects }: { rings?: number; vertices?: number } = {},
  ) {
    this.builtUp = new Int8Array(objects);
    this.lastDay = new Int32Array(objects);
    this.geomType = new Uint8Array(objects);
    this.ringOffsets = new Uint32Array(objects + 1);
    this.ringStarts = new Uint32Array(rings + 1);
    this.coords = new Float64Array(2 * vertices);
  }

  begin(props: FlatObjectProps): void {
    const i = this.count++;
    if (i + 1 >= this.ringOffsets.length) {
      const n = 2 * (i + 1);
      this.builtUp = grow(this.builtUp, n);
      this.lastDay = grow(this.lastDay, n);
      this.geomType = grow(this.geomType, n);
      this.ringOffsets = grow(this.ringOffsets, n + 1);
    }
    this.ids.push(props.id);
    this.names.push(props.name ?? '');
    this.subdistrict.push(props.subdistrict ?? '');
    this.streetClass.push(props.streetClass ?? null);
    this.builtUp[i] = props.builtUp === true ? 1 : props.builtUp === false ? 0 : -1;
    this.lastDay[i] = props.lastInspectedDay ?? NO_DAY;
    this.geomType[i] = GEOM_NONE;
    this.ringOffsets[i] = this.rings;
  }

  point(lng: number, lat: number): void {
    this.startRing(GEOM_POINT, 1);
    this.coords[2 * this.vertices] = lng;
    this.coords[2 * this.vertices + 1] = lat;
    this.vertices++;
  }

  /** A ring of a polygon (GEOM_POLYGON, closed) or the one line of a street (GEOM_LINE). */
  ring(type: typeof GEOM_LINE | typeof GEOM_POLYGON, positions: ArrayLike<ArrayLike<number>>): void {
    this.startRing(type, positions.length);
    let v = this.vertices;
    for (let k = 0; k < positions.length; k++, v++) {
      this.coords[2 * v] = positions[k][0];
      this.coords[2 * v + 1] = positions[k][1];
    }
    this.vertices = v;
  }

  /** A ring from flat `[lng0, lat0, lng1, lat1, …]` numbers. */
  flatRing(type: typeof GEOM_LINE | typeof GEOM_POLYGON, flat: ArrayLike<number>): void {
    this.startRing(type, flat.length / 2);
    for (let k = 0; k < flat.length; k++) this.coords[2 * this.vertices + k] = flat[k];
    this.vertices += flat.length / 2;
  }

  finish(): FlatCollection {
    const n = this.count;
    this.ringOffsets[n] = this.rings;
    if (this.rings + 1 > this.ringStarts.length) this.ringStarts = grow(this.ringStarts, this.rings + 1);
    this.ringStarts[this.rings] = this.vertices;
    // An object whose rings hold no vertex has no geometry.
    for (let i = 0; i < n; i++) {
      if (this.ringStarts[this.ringOffsets[i + 1]] === this.ringStarts[this.ringOffsets[i]])
        this.geomType[i] = GEOM_NONE;
    }
    return {
      count: n,
      ids: this.ids,
      names: this.names,
      subdistrict: this.subdistrict,
      builtUp: this.builtUp.slice(0, n),
      streetClass: this.streetClass,
      lastInspectedDay: this.lastDay.slice(0, n),
      geomType: this.geomType.slice(0, n),
      ringOffsets: this.ringOffsets.slice(0, n + 1),
      ringStarts: this.ringStarts.slice(0, this.rings + 1),
      coords: this.coords.slice(0, 2 * this.vertices),
    };
  }

  private startRing(type: number, vertices: number): void {
    const i = this.count - 1;
    if (i < 0) throw new Error(`${this.kind}: geometry given before begin()`);
    if (this.geomType[i] !== GEOM_NONE && this.geomType[i] !== type) {
      throw new Error(`${this.kind} ${this.ids[i]}: one object cannot mix geometry types`);
    }
    if ((type === GEOM_POINT || type === GEOM_LINE) && this.geomType[i] === type) {
      throw new Error(`${this.kind} ${this.ids[i]}: a point or street has one ring`);
    }
    this.geomType[i] = type;
    if (this.rings + 2 > this.ringStarts.length) this.ringStarts = grow(this.ringStarts, 2 * (this.rings + 2));
    this.ringStarts[this.rings++] = this.vertices;
    const need = 2 * (this.vertices + vertices);
    if (need > this.coords.length) this.coords = grow(this.coords, Math.max(need, 2 * this.coords.length));
  }
}

function grow<T extends Int8Array | Uint8Array | Int32Array | Uint32Array | Float64Array>(a: T, length: number): T {
  const b = new (a.constructor as new (n: number) => T)(Math.max(length, 2 * a.length));
  b.set(a);
  return b;
}
