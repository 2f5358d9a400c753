/**
 * Messages between the app and the engine worker. On 'load' the client sends the data set in the engine's flat
 * form (`FlatInput`, see geo/flat.ts): each collection's geometry and numeric properties as typed arrays and the
 * defect columns the engine reads, all with their buffers transferred, not copied; only the ids, names and the
 * few string properties (and the land polygons, one district's coastline) are structured-cloned. At province
 * scale (313k objects) cloning the GeoJSON cost the main thread 1.7 s and the worker 4.3 s and half a gigabyte
 * of objects to flatten; flattening on the main thread costs 0.6 s and sends 18 MB of strings and 25 MB of buffers. Each 'compute' answer is the engine's
 * compact result (`CompactResult`: typed arrays, whose buffers are transferred back) rather than an object graph
 * of memberships; the client names it with the ids it already holds. The object states (the roll-up) come only
 * when they changed (first answer, new data or a new as-of date), since at province scale they are the biggest
 * part of the answer.
 */
import { flattenCollections, type FlatCollection, type FlatInput } from '../geo/flat';
import type { CompactResult, DefectColumnsLike, EngineInput, EngineOptions, RollUp } from '../geo/types';

/** Defect columns as the worker holds them. */
export interface DefectArrays extends DefectColumnsLike {
  state: Uint8Array | Uint16Array;
  object: Int32Array;
  found: Int32Array;
  deadline: Int32Array;
  updated: Int32Array;
}

/** The data set as the worker receives it: flat collections and defect arrays. */
export type EngineData = Omit<FlatInput, 'defects'> & { defects: DefectArrays };

export type EngineRequest =
  { id: number; type: 'load'; data: EngineData } | { id: number; type: 'compute'; options: EngineOptions };

/** A compute answer: `rollup` is null when it is the same as in the previous answer. */
export type ComputedResult = Omit<CompactResult, 'rollup'> & { rollup: RollUp | null };

export type EngineResponse =
  | { id: number; type: 'loaded'; objects: number; defects: number }
  | { id: number; type: 'computed'; result: ComputedResult }
  | { id: number; type: 'error'; message: string };

/**
 * The 'load' message's data for an engine input: its collections flattened (the caller's GeoJSON is left
 * intact) and its defect columns copied into typed arrays, plus every buffer to transfer. The flat collections'
 * string arrays stay usable by the caller after the transfer (they are cloned, not moved), so the client names
 * results with them.
 */
export function toEngineData(input: EngineInput): { data: EngineData; transfer: ArrayBuffer[] } {
  const { defects, transfer } = toDefectArrays(input.defects);
  const flat = flattenCollections(input);
  for (const c of Object.values(flat.collections)) transfer.push(...collectionBuffers(c));
  return { data: { ...flat, defects }, transfer };
}

function collectionBuffers(c: FlatCollection): ArrayBuffer[] {
  return [c.builtUp, c.lastInspectedDay, c.geomType, c.ringOffsets, c.ringStarts, c.coords].map(
    (a) => a.buffer as ArrayBuffer,
  );
}

/**
 * A copy of `column` as a `Type` array to transfer: a block copy when it already is one (the loaded columns from
 * defects.bin; element by element took ~50 ms per column at a million defects), else element by element.
 */
function copyOf<T extends Uint8Array | Uint16Array | Int32Array>(
  column: ArrayLike<number>,
  Type: { new (source: ArrayLike<number>): T; from(source: ArrayLike<number>): T },
): T {
  return column instanceof Type ? (column.slice() as T) : Type.from(column);
}

/**
 * The engine's defect columns as fresh typed arrays, plus their buffers to transfer. The caller's columns are
 * left intact (the arrays are copies), and ids, coordinates and the other columns stay on the main thread.
 */
export function toDefectArrays(columns: DefectColumnsLike): { defects: DefectArrays; transfer: ArrayBuffer[] } {
  const n = columns.count;
  for (const key of ['state', 'object', 'found', 'deadline', 'updated'] as const) {
    if (columns[key].length !== n) {
      throw new Error(`defect column ${key} has ${columns[key].length} entries, expected count ${n}`);
    }
  }
  const small = columns.tables.state.length <= 256;
  const defects: DefectArrays = {
    count: n,
    tables: { state: columns.tables.state, object: columns.tables.object },
    state: small ? copyOf(columns.state, Uint8Array) : copyOf(columns.state, Uint16Array),
    object: copyOf(columns.object, Int32Array),
    found: copyOf(columns.found, Int32Array),
    // A missing deadline is 0; a typed column already holds 0 there.
    deadline:
      columns.deadline instanceof Int32Array
        ? columns.deadline.slice()
        : Int32Array.from(columns.deadline as ArrayLike<number>, (d) => (Number.isFinite(d) ? d : 0)),
    updated: copyOf(columns.updated, Int32Array),
  };
  const transfer = [defects.state, defects.object, defects.found, defects.deadline, defects.updated].map(
    (a) => a.buffer as ArrayBuffer,
  );
  return { defects, transfer };
}
