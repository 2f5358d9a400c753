/**
 * Filter evaluation: one pass over the typed columns gives the selected defect indexes and the live facet counts.
 *
 * Facets follow the usual faceted-search rule: the count shown next to a task force (state, category,
 * subdistrict, unit) applies every OTHER filter, so it says how many defects ticking that box would add. The
 * pass computes, per defect, a bit mask of the filters it fails: a mask of 0 means selected and counts for every
 * facet; a mask with exactly one bit counts only for that bit's facet; two or more failures count nowhere. So
 * all facets cost the same single pass as the selection, with no per-facet re-run.
 *
 * A defect found after the as-of date did not exist yet (the zone engine ignores it the same way), so it is
 * neither selected nor counted. Overdue uses the campaign's fixed states (`isFixedState`, via prepare.ts) and a
 * deadline of 0 or less means none is set.
 */
import type { IsoDate } from '../campaign/types';
import { dayFromIso } from '../campaign/dates';
import { categoryByCode } from '../campaign/model';
import { NO_DAY } from '../geo/rollup';
import { checkFilter, type DefectFilter } from './filter';
import { overdueAt, type PreparedDefects } from './prepare';

export interface SelectOptions {
  /** "Today" for overdue and stale; defaults to campaign.asOfDate. */
  asOfDate?: IsoDate;
  /**
   * Last inspection day per entry of `table.tables.object` (`NO_DAY` for never), e.g. from `objectLastDays`.
   * Needed for the stale filter and the stale count; without it `facets.stale` is null. Treat it as immutable:
   * it is gathered per defect once and reused while the same array is passed.
   */
  objectLastDay?: Int32Array;
}

/** Counts per code of the table (every code of the table present, 0 included). */
export type CodeCounts = Record<string, number>;

export interface Facets {
  taskForce: CodeCounts;
  state: CodeCounts;
  category: CodeCounts;
  subdistrict: CodeCounts;
  unit: CodeCounts;
  /** Overdue defects among those passing every other filter (the number next to "overdue only"). */
  overdue: number;
  /**
   * Defects on stale objects among those passing every other filter, with the filter's `staleDays` or else
   * campaign.staleDays; null when no `objectLastDay` was given.
   */
  stale: number | null;
}

export interface Selection {
  /** Selected defect indexes, ascending. Transferable (its own buffer). */
  indexes: Uint32Array;
  facets: Facets;
  /** Defects that exist at the as-of date (found on or before it), before any filter. */
  total: number;
  asOfDay: number;
}

const TF = 1;
const STATE = 2;
const OVERDUE = 4;
const CATEGORY = 8;
const SUBDISTRICT = 16;
const UNIT = 32;
const FOUND = 64;
const STALE = 128;

/**
 * Evaluate a filter. Throws (like `checkFilter`) on unknown codes or bad values, and when the filter asks for
 * stale objects but no `objectLastDay` was given.
 *
 * @example const { indexes, facets } = selectDefects(prepared, { taskForces: ['TF2'], overdueOnly: true });
 */
export function selectDefects(prepared: PreparedDefects, filter: DefectFilter, options: SelectOptions = {}): Selection {
  const { table, campaign, codeIndex } = prepared;
  checkFilter(filter, campaign);
  const asOfDay = dayFromIso(options.asOfDate ?? campaign.asOfDate);
  const lastDay = options.objectLastDay ? defectLastDays(prepared, options.objectLastDay) : null;
  if (filter.staleDays !== undefined && !lastDay) {
    throw new Error('filter.staleDays needs options.objectLastDay (last inspection day per object)');
  }

  const tfFail = failMask(codeIndex.taskForce, table.tables.taskForce.length, filter.taskForces, TF);
  const stateFail = failMask(codeIndex.state, table.tables.state.length, filter.states, STATE);
  const sdFail = failMask(codeIndex.subdistrict, table.tables.subdistrict.length, filter.subdistricts, SUBDISTRICT);
  const unitFail = failMask(codeIndex.unit, table.tables.unit.length, filter.units, UNIT);
  // Categories narrow only their own task force: tfNarrowed[tf] = CATEGORY when some category of it is chosen,
  // catChosen[c] = CATEGORY when c is chosen; a defect fails when narrowed and not chosen.
  const tfNarrowed = new Uint8Array(table.tables.taskForce.length);
  const catChosen = new Uint8Array(table.tables.category.length);
  for (const code of filter.categories ?? []) {
    const tf = codeIndex.taskForce.get(categoryByCode(campaign, code)!.taskForce.code);
    if (tf !== undefined) tfNarrowed[tf] = CATEGORY;
    const c = codeIndex.category.get(code);
    if (c !== undefined) catChosen[c] = CATEGORY;
  }
  const foundFrom = filter.foundFrom !== undefined ? dayFromIso(filter.foundFrom) : -Infinity;
  const foundTo = filter.foundTo !== undefined ? dayFromIso(filter.foundTo) : Infinity;
  const overdueOnly = filter.overdueOnly === true;
  const staleFilter = filter.staleDays !== undefined;
  const staleDays = filter.staleDays ?? campaign.staleDays;

  const tfCount = new Uint32Array(tfFail.length);
  const stateCount = new Uint32Array(stateFail.length);
  const catCount = new Uint32Array(catChosen.length);
  const sdCount = new Uint32Array(sdFail.length);
  const unitCount = new Uint32Array(unitFail.length);
  let overdueCount = 0;
  let staleCount = 0;
  let total = 0;

  const { taskForce, state, category, subdistrict, unit, found } = table;
  const out = new Uint32Array(table.count);
  let selected = 0;
  for (let d = 0; d < table.count; d++) {
    const foundDay = found[d];
    if (foundDay > asOfDay) continue;
    total++;
    const tf = taskForce[d];
    const s = state[d];
    const c = category[d];
    const sd = subdistrict[d];
    const u = unit[d];
    const overdue = overdueAt(prepared, d, asOfDay);
    let stale = false;
    if (lastDay) {
      const last = lastDay[d];
      stale = last !== UNLINKED && (last === NO_DAY || asOfDay - last > staleDays);
    }
    let fail = tfFail[tf] | stateFail[s] | sdFail[sd] | unitFail[u] | (tfNarrowed[tf] & ~catChosen[c]);
    if (overdueOnly && !overdue) fail |= OVERDUE;
    if (foundDay < foundFrom || foundDay > foundTo) fail |= FOUND;
    if (staleFilter && !stale) fail |= STALE;

    if (fail === 0) {
      out[selected++] = d;
      tfCount[tf]++;
      stateCount[s]++;
      catCount[c]++;
      sdCount[sd]++;
      unitCount[u]++;
      if (overdue) overdueCount++;
      if (stale) staleCount++;
    } else if ((fail & (fail - 1)) === 0) {
      if (fail === TF) tfCount[tf]++;
      else if (fail === STATE) stateCount[s]++;
      else if (fail === CATEGORY) catCount[c]++;
      else if (fail === SUBDISTRICT) sdCount[sd]++;
      else if (fail === UNIT) unitCount[u]++;
    }
  }

  const tables = table.tables;
  return {
    indexes: out.slice(0, selected),
    facets: {
      taskForce: byCode(tables.taskForce, tfCount),
      state: byCode(tables.state, stateCount),
      category: byCode(tables.category, catCount),
      subdistrict: byCode(tables.subdistrict, sdCount),
      unit: byCode(tables.unit, unitCount),
      overdue: overdueCount,
      stale: lastDay ? staleCount : null,
    },
    total,
    asOfDay,
  };
}

/**
 * Last inspection day per entry of `objectIds` (pass `table.tables.object`), `NO_DAY` where `lastInspected`
 * gives null or undefined. In the worker, take the dates from the zone engine's object statuses, which already
 * count the defects' own found/updated days: `objectLastDays(table.tables.object, (id) => status[id]?.lastInspected)`.
 */
export function objectLastDays(
  objectIds: string[],
  lastInspected: (objectId: string) => IsoDate | null | undefined,
): Int32Array {
  return Int32Array.from(objectIds, (id) => {
    const date = lastInspected(id);
    return date === null || date === undefined ? NO_DAY : dayFromIso(date);
  });
}

/** Marks a defect linked to no object in the per-defect last-inspection column (above any real day number). */
const UNLINKED = 2147483647;

const gathered = new WeakMap<PreparedDefects, { source: Int32Array; perDefect: Int32Array }>();

/**
 * The object's last inspection day per defect, gathered once per `objectLastDay` array: reading it through the
 * object index costs a cache miss per defect (about 20 ms of a 1M pass), the gathered column reads in order.
 */
function defectLastDays(prepared: PreparedDefects, objectLastDay: Int32Array): Int32Array {
  const { table } = prepared;
  if (objectLastDay.length !== table.tables.object.length) {
    throw new Error(
      `objectLastDay has ${objectLastDay.length} entries, expected one per table object (${table.tables.object.length})`,
    );
  }
  const cached = gathered.get(prepared);
  if (cached && cached.source === objectLastDay) return cached.perDefect;
  const perDefect = new Int32Array(table.count);
  for (let d = 0; d < table.count; d++) {
    const o = table.object[d];
    perDefect[d] = o < 0 ? UNLINKED : objectLastDay[o];
  }
  gathered.set(prepared, { source: objectLastDay, perDefect });
  return perDefect;
}

/** For one code column: FAIL_BIT on every entry the filter leaves out, 0 elsewhere (all 0 when unrestricted). */
function failMask(index: Map<string, number>, size: number, codes: string[] | undefined, bit: number): Uint8Array {
  const mask = new Uint8Array(size);
  if (!codes || codes.length === 0) return mask;
  mask.fill(bit);
  for (const code of codes) {
    const k = index.get(code);
    if (k !== undefined) mask[k] = 0;
  }
  return mask;
}

function byCode(codes: string[], counts: Uint32Array): CodeCounts {
  const out: CodeCounts = {};
  codes.forEach((code, k) => (out[code] = counts[k]));
  return out;
}
