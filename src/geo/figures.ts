/**
 * Zone and rule figures: what is in scope, how recently it was inspected, its open defects by state, and a
 * priority score for "where to focus" whose weights live in campaign.priority.weights.
 */
import type { DefectState, PriorityWeights } from '../campaign/types';
import type { Figures, RollUp } from './types';

/** Order of the priority terms in `Figures.reasons`. */
const TERMS: (keyof PriorityWeights)[] = ['overdue', 'open', 'reopened', 'stale', 'neverInspected'];

/** Columns of a figures row; the open defects per lifecycle state follow from `OPEN_BY_STATE` on. */
const OBJECTS = 0;
const STREETS = 1;
const INSPECTED_RECENTLY = 2;
const NEVER_INSPECTED = 3;
const STALE = 4;
const OPEN_DEFECTS = 5;
const OVERDUE = 6;
const REOPENED = 7;
const CLOSED = 8;
const DEFECTS = 9;
const STREET_LENGTH_M = 10;
const STREET_INSPECTED_LENGTH_M = 11;
const OPEN_BY_STATE = 12;

/**
 * Width of one figures row for this roll-up. Figures are summed in rows of a `Float64Array` (one row per zone, or
 * one for a rule) rather than in objects, so a what-if with thousands of zones allocates one array.
 */
export function figuresStride(rollup: RollUp): number {
  return OPEN_BY_STATE + rollup.defectStates.length;
}

/**
 * Add one object by global slot to row `row` of `stats`; `streetLengthM` is its length in scope when it is a
 * street, else null. An object in several zones of a rule is added once to the rule's row, with its length
 * inside the union of the circles.
 */
export function addFigures(
  stats: Float64Array,
  row: number,
  rollup: RollUp,
  slot: number,
  streetLengthM: number | null,
): void {
  const n = rollup.defectStates.length;
  const o = row * (OPEN_BY_STATE + n);
  stats[o + OBJECTS]++;
  const stale = rollup.stale[slot] === 1;
  if (stale) stats[o + STALE]++;
  if (rollup.neverInspected[slot]) stats[o + NEVER_INSPECTED]++;
  else if (!stale) stats[o + INSPECTED_RECENTLY]++;
  stats[o + OPEN_DEFECTS] += rollup.openDefects[slot];
  stats[o + OVERDUE] += rollup.overdue[slot];
  stats[o + REOPENED] += rollup.reopened[slot];
  stats[o + CLOSED] += rollup.closed[slot];
  stats[o + DEFECTS] += rollup.defects[slot];
  for (let k = 0; k < n; k++) stats[o + OPEN_BY_STATE + k] += rollup.openByState[slot * n + k];
  if (streetLengthM !== null) {
    stats[o + STREETS]++;
    stats[o + STREET_LENGTH_M] += streetLengthM;
    if (!stale) stats[o + STREET_INSPECTED_LENGTH_M] += streetLengthM;
  }
}

/** Priority score of row `row`: `priorityOf(...).priority` without building the reasons (it runs per zone). */
export function priorityOfRow(
  stats: Float64Array,
  row: number,
  defectStates: readonly unknown[],
  weights: PriorityWeights,
): number {
  const o = row * (OPEN_BY_STATE + defectStates.length);
  const sum =
    0 +
    stats[o + OVERDUE] * weights.overdue +
    stats[o + OPEN_DEFECTS] * weights.open +
    stats[o + REOPENED] * weights.reopened +
    (stats[o + STALE] - stats[o + NEVER_INSPECTED]) * weights.stale +
    stats[o + NEVER_INSPECTED] * weights.neverInspected;
  return sum / Math.max(1, stats[o + OBJECTS] - stats[o + STREETS] + stats[o + STREET_LENGTH_M] / 1000);
}

/** Row `row` of `stats` as the `Figures` the app shows. */
export function figuresOfRow(
  stats: Float64Array,
  row: number,
  defectStates: readonly DefectState[],
  weights: PriorityWeights,
): Figures {
  const o = row * (OPEN_BY_STATE + defectStates.length);
  const openByState: Partial<Record<DefectState, number>> = {};
  defectStates.forEach((s, k) => {
    if (stats[o + OPEN_BY_STATE + k] > 0) openByState[s] = stats[o + OPEN_BY_STATE + k];
  });
  const objects = stats[o + OBJECTS];
  const streetLengthM = stats[o + STREET_LENGTH_M];
  const { priority, priorityUnits, reasons } = priorityOf(
    countsOfRow(stats, o),
    weights,
    objects - stats[o + STREETS],
    streetLengthM,
  );
  const defects = stats[o + DEFECTS];
  return {
    objects,
    inspectedRecently: stats[o + INSPECTED_RECENTLY],
    neverInspected: stats[o + NEVER_INSPECTED],
    stale: stats[o + STALE],
    openByState,
    openDefects: stats[o + OPEN_DEFECTS],
    overdue: stats[o + OVERDUE],
    reopened: stats[o + REOPENED],
    closed: stats[o + CLOSED],
    verifiedShare: defects > 0 ? stats[o + CLOSED] / defects : null,
    streetLengthM,
    streetInspectedLengthM: stats[o + STREET_INSPECTED_LENGTH_M],
    priority,
    priorityUnits,
    reasons,
  };
}

function countsOfRow(stats: Float64Array, o: number): Record<keyof PriorityWeights, number> {
  return {
    overdue: stats[o + OVERDUE],
    open: stats[o + OPEN_DEFECTS],
    reopened: stats[o + REOPENED],
    stale: stats[o + STALE] - stats[o + NEVER_INSPECTED],
    neverInspected: stats[o + NEVER_INSPECTED],
  };
}

/**
 * Priority score for commanders, following campaign.priority.formula ("per km of street or per object"):
 *
 *   priority = (wOverdue·overdue + wOpen·open + wReopened·reopened + wStale·stale + wNever·neverInspected) / units
 *   units    = max(1, objects that are not streets + kilometres of street in scope)
 *
 * overdue, open and reopened count defects; stale counts objects inspected once but not within staleDays, and
 * neverInspected the objects never inspected (kept apart so a never-inspected object is not weighted twice).
 * Dividing by units makes a small zone with many problems outrank a large zone with the same number; the floor
 * of 1 keeps a zone holding one short street from being scaled up. Each reason carries its count and weight so
 * the UI can say "3 overdue × 5".
 */
export function priorityOf(
  counts: Record<keyof PriorityWeights, number>,
  weights: PriorityWeights,
  nonStreetObjects: number,
  streetLengthM: number,
): Pick<Figures, 'priority' | 'priorityUnits' | 'reasons'> {
  let sum = 0;
  const reasons: Figures['reasons'] = [];
  checkWeights(weights);
  for (const term of TERMS) {
    const weight = weights[term];
    sum += counts[term] * weight;
    reasons.push({ term, count: counts[term], weight });
  }
  const priorityUnits = Math.max(1, nonStreetObjects + streetLengthM / 1000);
  return { priority: sum / priorityUnits, priorityUnits, reasons };
}

/** Every priority weight must be a finite number: a missing one would turn every score into NaN. */
export function checkWeights(weights: PriorityWeights): void {
  for (const term of TERMS) {
    const weight = weights[term];
    if (typeof weight !== 'number' || !Number.isFinite(weight)) {
      throw new Error(`campaign.priority.weights.${term} must be a number, got ${JSON.stringify(weight)}`);
    }
  }
}
