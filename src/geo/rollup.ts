/**
 * State roll-up: from the columnar defects to one inspection state per object as of a date.
 *
 * Rules (campaign.lifecycle is the source of every name and severity):
 * - A defect found after the as-of date did not exist yet and is ignored. The columns hold each defect's current
 *   state only (its history is in the details file), so an earlier as-of date still sees today's state.
 * - A defect is overdue when its deadline is before the as-of date and its state is not in
 *   `lifecycle.fixedStates` (a fix awaiting re-check is not overdue). A deadline of 0 or less (or NaN, what a
 *   JSON null becomes in a typed array) means none was set yet, e.g. a defect only just reported.
 * - The object's state is 'overdue' if any defect is overdue, else its worst open defect by severity, else
 *   'clean' if it was ever inspected, else 'neverInspected'.
 * - Last inspected is the latest of the object's `lastInspected` and its defects' found and updated days, all
 *   capped at the as-of date. Stale: never inspected, or last inspected more than `staleDays` before the as-of
 *   date (exactly `staleDays` ago is still recent).
 */
import type { Campaign } from '../campaign/types';
import { dayFromIso, isoFromDay } from '../campaign/dates';
import type { DefectColumnsLike, EngineCatalog, ObjectState, ObjectStatus, RollUp } from './types';
import type { ObjectSet } from './prepare';

/** Sentinel day for "never": below any real day number. */
export const NO_DAY = -2147483648;

/**
 * Roll the defects up onto the objects of `sets` as of `asOfDay`. `slotOfObject` maps each entry of
 * `defects.tables.object` to a global slot (-1 when the id names no object in the data set). Only the sets' slots
 * and last-inspection days are read, so a holder of the defects alone (the defects worker, rolling up a filter's
 * defects onto the table's objects) can pass one set of its own.
 */
export function rollUp(
  campaign: Campaign,
  sets: readonly Pick<ObjectSet, 'slot0' | 'count' | 'lastInspectedDay'>[],
  defects: DefectColumnsLike,
  slotOfObject: Int32Array,
  asOfDay: number,
): RollUp {
  const lifecycle = campaign.lifecycle;
  const defectStates = lifecycle.states.map((s) => s.code);
  const nStates = defectStates.length;
  const stateNames: ObjectState[] = ['overdue', ...defectStates, 'clean', 'neverInspected'];
  const CLEAN = nStates + 1;
  const NEVER = nStates + 2;

  // Per entry of defects.tables.state: its position in the lifecycle, open flag, fixed flag, severity.
  const table = defects.tables.state;
  const lifecycleIndex = new Int32Array(table.length);
  const isOpen = new Uint8Array(table.length);
  const isFixed = new Uint8Array(table.length);
  const isReopened = new Uint8Array(table.length);
  const severity = new Float64Array(table.length);
  table.forEach((name, k) => {
    const idx = defectStates.indexOf(name);
    if (idx < 0) throw new Error(`defect state "${name}" is not in campaign.lifecycle.states`);
    lifecycleIndex[k] = idx;
    isOpen[k] = lifecycle.states[idx].open ? 1 : 0;
    isFixed[k] = lifecycle.fixedStates.includes(name) ? 1 : 0;
    isReopened[k] = name === 'reopened' ? 1 : 0;
    severity[k] = lifecycle.states[idx].severity;
  });

  const slots = sets.reduce((n, s) => n + s.count, 0);
  const openDefects = new Uint32Array(slots);
  const overdue = new Uint32Array(slots);
  const reopened = new Uint32Array(slots);
  const closed = new Uint32Array(slots);
  const total = new Uint32Array(slots);
  const openByState = new Uint32Array(slots * nStates);
  const lastDay = new Int32Array(slots).fill(NO_DAY);
  const worstSeverity = new Float64Array(slots).fill(-Infinity);
  const worstState = new Int32Array(slots).fill(-1);

  for (const set of sets) {
    for (let i = 0; i < set.count; i++) {
      const day = set.lastInspectedDay[i];
      if (day !== NO_DAY) lastDay[set.slot0 + i] = Math.min(day, asOfDay);
    }
  }

  const { state, object, found, deadline, updated } = defects;
  for (let d = 0; d < defects.count; d++) {
    const o = object[d];
    if (o < 0) continue;
    const slot = slotOfObject[o];
    if (slot < 0) continue;
    const foundDay = found[d];
    if (foundDay > asOfDay) continue;
    const s = state[d];
    total[slot]++;
    const seen = Math.min(asOfDay, Math.max(foundDay, updated[d]));
    if (seen > lastDay[slot]) lastDay[slot] = seen;
    if (!isOpen[s]) {
      closed[slot]++;
      continue;
    }
    openDefects[slot]++;
    openByState[slot * nStates + lifecycleIndex[s]]++;
    if (isReopened[s]) reopened[slot]++;
    const due = deadline[d];
    if (!isFixed[s] && due > 0 && due < asOfDay) overdue[slot]++;
    if (severity[s] > worstSeverity[slot]) {
      worstSeverity[slot] = severity[s];
      worstState[slot] = lifecycleIndex[s];
    }
  }

  const stateIndex = new Uint8Array(slots);
  const stale = new Uint8Array(slots);
  const neverInspected = new Uint8Array(slots);
  for (let slot = 0; slot < slots; slot++) {
    const last = lastDay[slot];
    if (last === NO_DAY) neverInspected[slot] = 1;
    stale[slot] = last === NO_DAY || asOfDay - last > campaign.staleDays ? 1 : 0;
    if (overdue[slot] > 0) stateIndex[slot] = 0;
    else if (worstState[slot] >= 0) stateIndex[slot] = 1 + worstState[slot];
    else stateIndex[slot] = last === NO_DAY ? NEVER : CLEAN;
  }

  return {
    asOfDay,
    stateNames,
    defectStates,
    stateIndex,
    openDefects,
    overdue,
    reopened,
    closed,
    defects: total,
    openByState,
    lastDay,
    stale,
    neverInspected,
  };
}

/** Day number of `lastInspected` or NO_DAY; an unparseable date is an error, not "never". */
export function lastInspectedDay(value: string | null | undefined, where: string): number {
  if (value === null || value === undefined || value === '') return NO_DAY;
  try {
    return dayFromIso(value);
  } catch {
    throw new Error(`${where}: lastInspected must be a YYYY-MM-DD date or null, got ${JSON.stringify(value)}`);
  }
}

/** The roll-up as the `ObjectStatus` records the app shows, keyed by object id. */
export function statusRecords(sets: EngineCatalog['sets'], rollup: RollUp): Record<string, ObjectStatus> {
  const out: Record<string, ObjectStatus> = {};
  for (const set of sets) {
    for (let i = 0; i < set.count; i++) {
      const slot = set.slot0 + i;
      const last = rollup.lastDay[slot];
      out[set.ids[i]] = {
        objectId: set.ids[i],
        kind: set.kind,
        state: rollup.stateNames[rollup.stateIndex[slot]],
        openDefects: rollup.openDefects[slot],
        overdue: rollup.overdue[slot],
        reopened: rollup.reopened[slot],
        lastInspected: last === NO_DAY ? null : isoFromDay(last),
        stale: rollup.stale[slot] === 1,
      };
    }
  }
  return out;
}
