/**
 * Object states from the defects a filter kept: the zone engine's own roll-up (`rollUp`, src/geo/rollup.ts) run
 * on the selected rows only, onto the objects the defect table names (`table.tables.object`, slot = entry). The
 * commander's zone and street ranking then scores with the filtered open, overdue and reopened counts.
 *
 * The defects worker holds no object data, so each object's last inspection comes from the engine's statuses
 * (`objectLastDays`, the same array the stale filter uses). Those days already count every defect's found and
 * updated day, so stale and never-inspected stay what the engine says: visiting an object is an inspection
 * whatever task force the visit was for; only the defect counts follow the filter.
 *
 * @example const rollup = rollUpRows(prepared, selection.indexes, objectLastDay, selection.asOfDay);
 */
import { rollUp } from '../geo/rollup';
import type { DefectColumnsLike, RollUp } from '../geo/types';
import type { PreparedDefects } from './prepare';

const identitySlots = new WeakMap<PreparedDefects, Int32Array>();

/**
 * Roll the defects of `rows` (ascending rows of the table) up onto the table's objects as of `asOfDay`; the
 * result's per-slot arrays are indexed by entry of `table.tables.object`. Costs one gather of five columns over
 * the rows plus the roll-up's pass over them and the objects.
 */
export function rollUpRows(
  prepared: PreparedDefects,
  rows: Uint32Array,
  objectLastDay: Int32Array,
  asOfDay: number,
): RollUp {
  const { table, campaign } = prepared;
  const objects = table.tables.object.length;
  if (objectLastDay.length !== objects) {
    throw new Error(`objectLastDay has ${objectLastDay.length} entries, expected one per table object (${objects})`);
  }
  const n = rows.length;
  const subset: DefectColumnsLike = {
    count: n,
    tables: table.tables,
    state: new Uint16Array(n),
    object: new Int32Array(n),
    found: new Int32Array(n),
    deadline: new Int32Array(n),
    updated: new Int32Array(n),
  };
  const state = subset.state as Uint16Array;
  const object = subset.object as Int32Array;
  const found = subset.found as Int32Array;
  const deadline = subset.deadline as Int32Array;
  const updated = subset.updated as Int32Array;
  for (let k = 0; k < n; k++) {
    const d = rows[k];
    if (d >= table.count) throw new Error(`row ${d} is not a row of the defect table (${table.count})`);
    state[k] = table.state[d];
    object[k] = table.object[d];
    found[k] = table.found[d];
    deadline[k] = table.deadline[d];
    updated[k] = table.updated[d];
  }
  let slots = identitySlots.get(prepared);
  if (!slots) {
    slots = Int32Array.from({ length: objects }, (_, k) => k);
    identitySlots.set(prepared, slots);
  }
  return rollUp(campaign, [{ slot0: 0, count: objects, lastInspectedDay: objectLastDay }], subset, slots, asOfDay);
}

/** The buffers of a roll-up's per-slot arrays, to transfer it from the worker. */
export function rollUpBuffers(r: RollUp): ArrayBuffer[] {
  const arrays = [
    r.stateIndex,
    r.openDefects,
    r.overdue,
    r.reopened,
    r.closed,
    r.defects,
    r.openByState,
    r.lastDay,
    r.stale,
    r.neverInspected,
  ];
  return arrays.map((a) => a.buffer as ArrayBuffer);
}
