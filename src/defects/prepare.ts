/**
 * What the filter and cluster passes derive once per table and campaign (in the worker, after the table
 * arrives): Web-Mercator positions, because clustering works in projected space and projecting 1M points per
 * query would cost more than the rest of the query; the fixed flag of each state entry, from the campaign's
 * lifecycle through `isFixedState`; and code → table index maps for compiling filters.
 */
import type { Campaign } from '../campaign/types';
import { isFixedState, stateByCode } from '../campaign/model';
import type { DefectTable } from './table';

export interface PreparedDefects {
  table: DefectTable;
  campaign: Campaign;
  /** Web-Mercator `[x0, y0, x1, y1, …]` in [0, 1] (x east, y south), stride 2, as supercluster projects. */
  merc: Float64Array;
  /** Per entry of `table.tables.state`: 1 when the state is one of `lifecycle.fixedStates`. */
  fixedState: Uint8Array;
  /** Per code column: code → index into the matching `table.tables` list. */
  codeIndex: {
    taskForce: Map<string, number>;
    category: Map<string, number>;
    state: Map<string, number>;
    unit: Map<string, number>;
    subdistrict: Map<string, number>;
  };
}

/**
 * Prepare a table for `selectDefects` and `clusterView`. Throws when the table holds a state the campaign's
 * lifecycle does not know, since overdue could not be decided for it.
 */
export function prepareDefects(
  table: DefectTable,
  campaign: Campaign,
  merc: Float64Array = projectDefects(table),
): PreparedDefects {
  const { tables } = table;
  const fixedState = new Uint8Array(tables.state.length);
  tables.state.forEach((code, k) => {
    if (!stateByCode(campaign, code))
      throw new Error(`defect state ${JSON.stringify(code)} is not in campaign.lifecycle.states`);
    fixedState[k] = isFixedState(campaign, code) ? 1 : 0;
  });

  if (merc.length !== 2 * table.count) throw new Error(`merc has ${merc.length} values for ${table.count} defects`);
  const positions = (codes: string[]) => new Map(codes.map((c, k) => [c, k]));
  return {
    table,
    campaign,
    merc,
    fixedState,
    codeIndex: {
      taskForce: positions(tables.taskForce),
      category: positions(tables.category),
      state: positions(tables.state),
      unit: positions(tables.unit),
      subdistrict: positions(tables.subdistrict),
    },
  };
}

/**
 * The defects' Web-Mercator positions (PreparedDefects.merc): the part of preparing that needs no campaign, so the
 * worker can make it while the page is still taking the table it just sent (defects-handler.ts).
 */
export function projectDefects(table: DefectTable): Float64Array {
  const merc = new Float64Array(2 * table.count);
  const { coords } = table;
  for (let k = 0; k < merc.length; k += 2) {
    merc[k] = lngX(coords[k]);
    merc[k + 1] = latY(coords[k + 1]);
  }
  return merc;
}

/**
 * Overdue (超期) for row `d` at `asOfDay`: the campaign rule (`isOverdue` in campaign/model.ts: deadline day passed,
 * state not fixed) on the typed columns, with a deadline of 0 or less meaning none set, as in the zone engine.
 * The select and cluster passes call it per defect, so it reads the precomputed fixed flags.
 */
export function overdueAt(prepared: PreparedDefects, d: number, asOfDay: number): boolean {
  const due = prepared.table.deadline[d];
  return prepared.fixedState[prepared.table.state[d]] === 0 && due > 0 && due < asOfDay;
}

/** Longitude to Web-Mercator x in [0, 1] (supercluster's `lngX`). */
export function lngX(lng: number): number {
  return lng / 360 + 0.5;
}

/** Latitude to Web-Mercator y in [0, 1], clamped at the poles (supercluster's `latY`). */
export function latY(lat: number): number {
  const sin = Math.sin((lat * Math.PI) / 180);
  const y = 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI;
  return y < 0 ? 0 : y > 1 ? 1 : y;
}

export function xLng(x: number): number {
  return (x - 0.5) * 360;
}

export function yLat(y: number): number {
  const y2 = ((180 - y * 360) * Math.PI) / 180;
  return (360 * Math.atan(Math.exp(y2))) / Math.PI - 90;
}
