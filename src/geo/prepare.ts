/**
 * Everything the engine can compute once per data set, independent of radii and dates: each object kind
 * flattened into typed arrays (one `Float64Array` of lng/lat pairs, ring and object offsets), a flatbush index
 * over object bboxes, street lengths, the id → slot map the defects link through, and the land index.
 * A what-if radius then only reruns the per-rule work in engine.ts.
 */
import Flatbush from 'flatbush';
import { OBJECT_KINDS, type ObjectKind } from '../campaign/object-kinds';
import type { Campaign } from '../campaign/types';
import { cumulativeLengthsM } from './clip';
import {
  FlatCollectionBuilder,
  flattenCollections,
  GEOM_LINE,
  GEOM_NONE,
  type FlatCollection,
  type FlatInput,
} from './flat';
import { buildLandIndex, type LandIndex } from './land';
import type { DefectColumnsLike, EngineCatalog, EngineInput } from './types';

export { GEOM_LINE, GEOM_NONE, GEOM_POINT, GEOM_POLYGON, type LooseProps } from './flat';

/** One object kind, flattened (see `FlatCollection`) and indexed. */
export interface ObjectSet extends FlatCollection {
  kind: ObjectKind;
  slot0: number;
  /** Cumulative haversine length at each vertex, for lines (0 elsewhere); empty when the kind has no line. */
  cumM: Float64Array;
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
 * Flatten and index a data set given as GeoJSON: `prepareFlat(flattenCollections(input))`. Object ids come from
 * `properties.id`, else the feature's own `id`, else `${kind}#${index}`, so null properties never break the
 * engine; two objects with one id are an error because defects could not tell them apart.
 */
export function prepareEngine(input: EngineInput): Prepared {
  return prepareFlat(flattenCollections(input));
}

/**
 * Index a data set given as flat collections (see flat.ts). The typed arrays of `flat` are taken over, not copied.
 */
export function prepareFlat(flat: FlatInput): Prepared {
  const setList: ObjectSet[] = [];
  let slot0 = 0;
  for (const kind of OBJECT_KINDS) {
    const set = indexCollection(kind, flat.collections[kind] ?? new FlatCollectionBuilder(kind, 0).finish(), slot0);
    setList.push(set);
    slot0 += set.count;
  }
  const sets = Object.fromEntries(setList.map((s) => [s.kind, s])) as Record<ObjectKind, ObjectSet>;

  const slotById = new Map<string, number>();
  for (const set of setList) {
    for (let i = 0; i < set.count; i++) {
      const id = set.ids[i];
      const prev = slotById.get(id);
      if (prev !== undefined)
        throw new Error(`object id "${id}" is used twice (${kindOfSlot(setList, prev)} and ${set.kind})`);
      slotById.set(id, set.slot0 + i);
    }
  }
  const table = flat.defects.tables.object;
  const slotOfObject = new Int32Array(table.length);
  for (let k = 0; k < table.length; k++) slotOfObject[k] = slotById.get(table[k]) ?? -1;

  const land = flat.land ? buildLandIndex(flat.land) : null;
  return { campaign: flat.campaign, defects: flat.defects, sets, setList, slotOfObject, land };
}

/** The ids, names and subdistricts by slot that `expandResult` names objects with. */
export function catalogOf(p: Prepared): EngineCatalog {
  return { campaign: p.campaign, sets: p.setList };
}

function kindOfSlot(sets: ObjectSet[], slot: number): ObjectKind {
  return sets.find((s) => slot >= s.slot0 && slot < s.slot0 + s.count)!.kind;
}

function indexCollection(kind: ObjectKind, c: FlatCollection, slot0: number): ObjectSet {
  const { count, geomType, ringOffsets, ringStarts, coords } = c;
  // Only lines read it (streets): a kind without lines gets an empty array, not one number per vertex.
  let hasLines = false;
  for (let i = 0; i < count && !hasLines; i++) hasLines = geomType[i] === GEOM_LINE;
  const cumM = new Float64Array(hasLines ? coords.length / 2 : 0);
  for (let i = 0; hasLines && i < count; i++) {
    if (geomType[i] !== GEOM_LINE) continue;
    const r = ringOffsets[i];
    cumulativeLengthsM(coords, ringStarts[r], ringStarts[r + 1] - 1, cumM);
  }

  let withGeometry = 0;
  for (let i = 0; i < count; i++) if (geomType[i] !== GEOM_NONE) withGeometry++;
  const indexed = new Uint32Array(withGeometry);
  let index: Flatbush | null = null;
  if (withGeometry > 0) {
    index = new Flatbush(withGeometry);
    let item = 0;
    for (let i = 0; i < count; i++) {
      if (geomType[i] === GEOM_NONE) continue;
      indexed[item++] = i;
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
  return { ...c, kind, slot0, cumM, index, indexed, onLand: new Int8Array(count).fill(-1) };
}
