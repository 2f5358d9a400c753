/**
 * Everything the engine can compute once per data set, independent of radii and dates: each object kind
 * flattened into typed arrays (one `Float64Array` of lng/lat pairs, ring and object offsets), a flatbush index
 * over object bboxes, street lengths, the id → slot map the defects link through, and the land index.
 * A what-if radius then only reruns the per-rule work in engine.ts.
 */
import Flatbush from 'flatbush';
import type { Feature, Geometry } from 'geojson';
import type { Campaign, ObjectKind } from '../campaign/types';
import { cumulativeLengthsM } from './clip';
import { buildLandIndex, type LandIndex } from './land';
import { lastInspectedDay } from './rollup';
import type { DefectColumnsLike, EngineInput } from './types';

export const GEOM_NONE = 0;
export const GEOM_POINT = 1;
export const GEOM_LINE = 2;
export const GEOM_POLYGON = 3;

/** Kinds in slot order; an object's global slot is its set's `slot0` plus its index. */
export const OBJECT_KINDS: ObjectKind[] = ['community', 'market', 'townSeat', 'compound', 'street', 'station', 'adsite'];

const INPUT_KEY: Record<ObjectKind, keyof EngineInput> = {
  community: 'communities',
  market: 'markets',
  townSeat: 'townSeats',
  compound: 'compounds',
  street: 'streets',
  station: 'stations',
  adsite: 'adsites',
};

/** Loose view of the properties: the engine tolerates null properties and missing fields. */
export type LooseProps = Record<string, unknown> | null;

/** One object kind, flattened. Object i has rings `ringOffsets[i]..ringOffsets[i+1]-1`, ring r has vertices
 * `ringStarts[r]..ringStarts[r+1]-1` in `coords`. A point is one ring of one vertex; polygon rings are closed. */
export interface ObjectSet {
  kind: ObjectKind;
  count: number;
  slot0: number;
  ids: string[];
  names: string[];
  /** `properties.subdistrict` ('' when missing), for the rules' anchor areas. */
  subdistrict: string[];
  /** `properties.builtUp` of markets: 1 true, 0 false, -1 not given. */
  builtUp: Int8Array;
  geomType: Uint8Array;
  ringOffsets: Uint32Array;
  ringStarts: Uint32Array;
  coords: Float64Array;
  /** Cumulative haversine length at each vertex, for lines (0 elsewhere). */
  cumM: Float64Array;
  lastInspectedDay: Int32Array;
  /** `properties.streetClass` of streets (null elsewhere), read once for the rules' target filters. */
  streetClass: (string | null)[];
  /** Bbox index over objects that have a geometry; `indexed[item]` is the object index. Null when none has one. */
  index: Flatbush | null;
  indexed: Uint32Array;
  /** On-land flags for clip-to-land rules, filled lazily: -1 unknown, 0 no, 1 yes. */
  onLand: Int8Array;
}

/**
 * The engine's own copy of a data set. It keeps no reference to the input's features (only typed arrays, ids,
 * names and the few properties the rules read), so a holder such as the worker can let the GeoJSON go.
 */
export interface Prepared {
  campaign: Campaign;
  defects: DefectColumnsLike;
  sets: Record<ObjectKind, ObjectSet>;
  setList: ObjectSet[];
  /** For each entry of `defects.tables.object`: the global slot, or -1 when no object has that id. */
  slotOfObject: Int32Array;
  land: LandIndex | null;
}

/**
 * Flatten and index a data set. Object ids come from `properties.id`, else the feature's own `id`, else
 * `${kind}#${index}`, so null properties never break the engine; two objects with one id are an error because
 * defects could not tell them apart.
 */
export function prepareEngine(input: EngineInput): Prepared {
  const setList: ObjectSet[] = [];
  let slot0 = 0;
  for (const kind of OBJECT_KINDS) {
    const fc = input[INPUT_KEY[kind]] as { features: Feature<Geometry | null, LooseProps>[] } | null;
    const set = flatten(kind, fc?.features ?? [], slot0);
    setList.push(set);
    slot0 += set.count;
  }
  const sets = Object.fromEntries(setList.map((s) => [s.kind, s])) as Record<ObjectKind, ObjectSet>;

  const slotById = new Map<string, number>();
  for (const set of setList) {
    for (let i = 0; i < set.count; i++) {
      const id = set.ids[i];
      const prev = slotById.get(id);
      if (prev !== undefined) throw new Error(`object id "${id}" is used twice (${kindOfSlot(setList, prev)} and ${set.kind})`);
      slotById.set(id, set.slot0 + i);
    }
  }
  const table = input.defects.tables.object;
  const slotOfObject = new Int32Array(table.length);
  for (let k = 0; k < table.length; k++) slotOfObject[k] = slotById.get(table[k]) ?? -1;

  const land = input.land ? buildLandIndex(input.land) : null;
  return { campaign: input.campaign, defects: input.defects, sets, setList, slotOfObject, land };
}

function kindOfSlot(sets: ObjectSet[], slot: number): ObjectKind {
  return sets.find((s) => slot >= s.slot0 && slot < s.slot0 + s.count)!.kind;
}

function flatten(kind: ObjectKind, features: Feature<Geometry | null, LooseProps>[], slot0: number): ObjectSet {
  const count = features.length;
  const ids: string[] = new Array(count);
  const names: string[] = new Array(count);
  const subdistrict: string[] = new Array(count);
  const builtUp = new Int8Array(count).fill(-1);
  const geomType = new Uint8Array(count);
  const streetClass: (string | null)[] = new Array(count).fill(null);
  const lastDay = new Int32Array(count);
  const ringOffsets = new Uint32Array(count + 1);
  const ringStartList: number[] = [];
  const coordList: number[] = [];

  for (let i = 0; i < count; i++) {
    const f = features[i];
    const p = f.properties ?? null;
    subdistrict[i] = typeof p?.subdistrict === 'string' ? p.subdistrict : '';
    if (typeof p?.builtUp === 'boolean') builtUp[i] = p.builtUp ? 1 : 0;
    const rawId = p?.id ?? f.id;
    ids[i] = rawId === undefined || rawId === null || rawId === '' ? `${kind}#${i}` : String(rawId);
    names[i] = typeof p?.name === 'string' ? p.name : '';
    if (typeof p?.streetClass === 'string') streetClass[i] = p.streetClass;
    lastDay[i] = lastInspectedDay(p?.lastInspected as string | null | undefined, `${kind} ${ids[i]}`);
    ringOffsets[i] = ringStartList.length;
    const g = f.geometry;
    if (!g) continue;
    const addRing = (ring: number[][]) => {
      ringStartList.push(coordList.length / 2);
      for (const c of ring) coordList.push(c[0], c[1]);
    };
    if (g.type === 'Point') {
      geomType[i] = GEOM_POINT;
      addRing([g.coordinates]);
    } else if (g.type === 'LineString' && kind === 'street') {
      geomType[i] = GEOM_LINE;
      addRing(g.coordinates);
    } else if (g.type === 'Polygon') {
      geomType[i] = GEOM_POLYGON;
      g.coordinates.forEach(addRing);
    } else if (g.type === 'MultiPolygon') {
      // Rings of all parts together: the even-odd inside test and the edge distances work on the lot.
      geomType[i] = GEOM_POLYGON;
      for (const poly of g.coordinates) poly.forEach(addRing);
    } else {
      throw new Error(`${kind} ${ids[i]}: geometry type ${g.type} is not supported for this kind`);
    }
  }
  ringOffsets[count] = ringStartList.length;
  ringStartList.push(coordList.length / 2);
  const ringStarts = Uint32Array.from(ringStartList);
  const coords = Float64Array.from(coordList);

  const cumM = new Float64Array(coords.length / 2);
  for (let i = 0; i < count; i++) {
    if (geomType[i] !== GEOM_LINE) continue;
    const r = ringOffsets[i];
    cumulativeLengthsM(coords, ringStarts[r], ringStarts[r + 1] - 1, cumM);
  }

  const withGeometry: number[] = [];
  for (let i = 0; i < count; i++) {
    if (geomType[i] === GEOM_NONE) continue;
    if (ringStarts[ringOffsets[i + 1]] > ringStarts[ringOffsets[i]]) withGeometry.push(i);
    else geomType[i] = GEOM_NONE;
  }
  let index: Flatbush | null = null;
  if (withGeometry.length > 0) {
    index = new Flatbush(withGeometry.length);
    for (const i of withGeometry) {
      let w = Infinity;
      let s = Infinity;
      let e = -Infinity;
      let n = -Infinity;
      for (let v = ringStarts[ringOffsets[i]]; v < ringStarts[ringOffsets[i + 1]]; v++) {
        const x = coords[2 * v];
        const y = coords[2 * v + 1];
        if (x < w) w = x;
        if (x > e) e = x;
        if (y < s) s = y;
        if (y > n) n = y;
      }
      index.add(w, s, e, n);
    }
    index.finish();
  }

  return {
    kind,
    count,
    slot0,
    ids,
    names,
    subdistrict,
    builtUp,
    geomType,
    ringOffsets,
    ringStarts,
    coords,
    cumM,
    lastInspectedDay: lastDay,
    streetClass,
    index,
    indexed: Uint32Array.from(withGeometry),
    onLand: new Int8Array(count).fill(-1),
  };
}
