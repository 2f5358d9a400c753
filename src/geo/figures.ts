/**
 * Zone and rule figures: what is in scope, how recently it was inspected, its open defects by state, and a
 * priority score for "where to focus" whose weights live in campaign.priority.weights.
 */
import type { DefectState, PriorityWeights } from '../campaign/types';
import type { RollUp } from './rollup';
import type { Figures } from './types';

/** Order of the priority terms in `Figures.reasons`. */
const TERMS: (keyof PriorityWeights)[] = ['overdue', 'open', 'reopened', 'stale', 'neverInspected'];

/**
 * Sums the figures of a set of objects. Call `add` once per object (an object in several zones of a rule is
 * added once to the rule's figures, with its length inside the union of the circles).
 */
export class FiguresAccumulator {
  private objects = 0;
  private streets = 0;
  private inspectedRecently = 0;
  private neverInspected = 0;
  private stale = 0;
  private openDefects = 0;
  private overdue = 0;
  private reopened = 0;
  private closed = 0;
  private defects = 0;
  private streetLengthM = 0;
  private streetInspectedLengthM = 0;
  private readonly openByState: Uint32Array;

  constructor(
    private readonly rollup: RollUp,
    private readonly weights: PriorityWeights,
  ) {
    this.openByState = new Uint32Array(rollup.defectStates.length);
  }

  /** Add one object by global slot; `streetLengthM` is its length in scope when it is a street, else null. */
  add(slot: number, streetLengthM: number | null): void {
    const r = this.rollup;
    this.objects++;
    const stale = r.stale[slot] === 1;
    if (stale) this.stale++;
    if (r.neverInspected[slot]) this.neverInspected++;
    else if (!stale) this.inspectedRecently++;
    this.openDefects += r.openDefects[slot];
    this.overdue += r.overdue[slot];
    this.reopened += r.reopened[slot];
    this.closed += r.closed[slot];
    this.defects += r.defects[slot];
    const n = this.openByState.length;
    for (let k = 0; k < n; k++) this.openByState[k] += r.openByState[slot * n + k];
    if (streetLengthM !== null) {
      this.streets++;
      this.streetLengthM += streetLengthM;
      if (!stale) this.streetInspectedLengthM += streetLengthM;
    }
  }

  finish(): Figures {
    const openByState: Partial<Record<DefectState, number>> = {};
    this.rollup.defectStates.forEach((s, k) => {
      if (this.openByState[k] > 0) openByState[s] = this.openByState[k];
    });
    const counts: Record<keyof PriorityWeights, number> = {
      overdue: this.overdue,
      open: this.openDefects,
      reopened: this.reopened,
      stale: this.stale - this.neverInspected,
      neverInspected: this.neverInspected,
    };
    const { priority, priorityUnits, reasons } = priorityOf(
      counts,
      this.weights,
      this.objects - this.streets,
      this.streetLengthM,
    );
    return {
      objects: this.objects,
      inspectedRecently: this.inspectedRecently,
      neverInspected: this.neverInspected,
      stale: this.stale,
      openByState,
      openDefects: this.openDefects,
      overdue: this.overdue,
      reopened: this.reopened,
      closed: this.closed,
      verifiedShare: this.defects > 0 ? this.closed / this.defects : null,
      streetLengthM: this.streetLengthM,
      streetInspectedLengthM: this.streetInspectedLengthM,
      priority,
      priorityUnits,
      reasons,
    };
  }
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
  for (const term of TERMS) {
    const weight = weights[term];
    if (typeof weight !== 'number' || !Number.isFinite(weight)) {
      throw new Error(`campaign.priority.weights.${term} must be a number, got ${JSON.stringify(weight)}`);
    }
    sum += counts[term] * weight;
    reasons.push({ term, count: counts[term], weight });
  }
  const priorityUnits = Math.max(1, nonStreetObjects + streetLengthM / 1000);
  return { priority: sum / priorityUnits, priorityUnits, reasons };
}
