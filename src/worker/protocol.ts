/**
 * Messages between the app and the engine worker. The GeoJSON collections are structured-cloned once, on 'load';
 * the defect columns the engine reads travel as typed arrays whose buffers are transferred, not copied (at 1M
 * defects that is 17 MB moved instead of five 1M-element arrays cloned). Each 'compute' answer is the engine's
 * compact result (`CompactResult`: typed arrays, whose buffers are transferred back) rather than an object graph
 * of memberships; the client names it with the ids it already holds. The object states (the roll-up) come only
 * when they changed (first answer, new data or a new as-of date), since at province scale they are the biggest
 * part of the answer.
 */
import type { RollUp } from '../geo/rollup';
import type { CompactResult, DefectColumnsLike, EngineInput, EngineOptions } from '../geo/types';

/** Defect columns as the worker holds them. */
export interface DefectArrays extends DefectColumnsLike {
  state: Uint8Array | Uint16Array;
  object: Int32Array;
  found: Int32Array;
  deadline: Int32Array;
  updated: Int32Array;
}

export type EngineData = Omit<EngineInput, 'defects'> & { defects: DefectArrays };

export type EngineRequest =
  | { id: number; type: 'load'; data: EngineData }
  | { id: number; type: 'compute'; options: EngineOptions };

/** A compute answer: `rollup` is null when it is the same as in the previous answer. */
export type ComputedResult = Omit<CompactResult, 'rollup'> & { rollup: RollUp | null };

export type EngineResponse =
  | { id: number; type: 'loaded'; objects: number; defects: number }
  | { id: number; type: 'computed'; result: ComputedResult }
  | { id: number; type: 'error'; message: string };

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
  const defects: DefectArrays = {
    count: n,
    tables: { state: columns.tables.state, object: columns.tables.object },
    state: columns.tables.state.length <= 256 ? Uint8Array.from(columns.state) : Uint16Array.from(columns.state),
    object: Int32Array.from(columns.object),
    found: Int32Array.from(columns.found),
    deadline: Int32Array.from(columns.deadline, (d) => (Number.isFinite(d) ? d : 0)),
    updated: Int32Array.from(columns.updated),
  };
  const transfer = [defects.state, defects.object, defects.found, defects.deadline, defects.updated].map(
    (a) => a.buffer as ArrayBuffer,
  );
  return { defects, transfer };
}
