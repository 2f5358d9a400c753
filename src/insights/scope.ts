/**
 * The zone engine's figures limited to the defects a filter kept, for the commander's ranking. The defects worker
 * rolls the selected defects up onto the objects they name (defects/rollup-rows.ts, the engine's own `rollUp`);
 * this overlays those counts on the engine's result: object states and open, overdue and reopened counts per
 * object, and each zone's defect figures summed again over its members. What does not depend on the defects
 * (members, street length in scope, stale and never inspected) stays the engine's, and so does the divisor of the
 * priority score (objects that are not streets plus kilometres of street).
 */
import type { PriorityWeights } from '../campaign/types';
import { priorityOf } from '../geo/figures';
import type { DefectState } from '../campaign/types';
import type { EngineResult, ObjectStatus, RollUp, ZoneFigures } from '../geo/types';

/** A roll-up of some defects onto the objects `objectIds` (slot k is `objectIds[k]`, the defects' object table). */
export interface ScopeRollUp {
  objectIds: readonly string[];
  rollup: RollUp;
}

/** The engine's status and zone figures with the defect counts of the scope. */
export interface ScopedFigures {
  status: Record<string, ObjectStatus>;
  /** By zone id, every zone of every rule. */
  zoneFigures: Map<string, ZoneFigures>;
}

/**
 * Overlay `scope` on `result`. An object the scope's table does not name has no defects in or out of the
 * filter, so it keeps the engine's status.
 *
 * @example rankZones(result, { scoped: scopeFigures(result, { objectIds, rollup }, campaign.priority.weights) })
 */
export function scopeFigures(result: EngineResult, scope: ScopeRollUp, weights: PriorityWeights): ScopedFigures {
  const { objectIds, rollup } = scope;
  if (rollup.stateIndex.length !== objectIds.length) {
    throw new Error(
      `roll-up has ${rollup.stateIndex.length} objects, expected one per object id (${objectIds.length})`,
    );
  }
  const slotOf = new Map<string, number>();
  objectIds.forEach((id, k) => slotOf.set(id, k));

  const status: Record<string, ObjectStatus> = { ...result.status };
  objectIds.forEach((id, k) => {
    const base = result.status[id];
    if (!base) return;
    status[id] = {
      ...base,
      state: rollup.stateNames[rollup.stateIndex[k]],
      openDefects: rollup.openDefects[k],
      overdue: rollup.overdue[k],
      reopened: rollup.reopened[k],
    };
  });

  const nStates = rollup.defectStates.length;
  const zoneFigures = new Map<string, ZoneFigures>();
  for (const rule of result.rules) {
    const sums = new Map(rule.zoneFigures.map((f) => [f.zoneId, emptySums(nStates)]));
    for (const m of rule.memberships) {
      const k = slotOf.get(m.objectId);
      for (const hit of m.anchors) {
        const s = sums.get(hit.zoneId);
        if (!s) throw new Error(`membership of ${m.objectId} names zone ${hit.zoneId}, which has no figures`);
        s.objects++;
        if (m.kind === 'street') s.streets++;
        if (k === undefined) continue;
        s.open += rollup.openDefects[k];
        s.overdue += rollup.overdue[k];
        s.reopened += rollup.reopened[k];
        s.closed += rollup.closed[k];
        s.defects += rollup.defects[k];
        for (let j = 0; j < nStates; j++) s.openByState[j] += rollup.openByState[k * nStates + j];
      }
    }
    for (const base of rule.zoneFigures) {
      const s = sums.get(base.zoneId)!;
      const counts = {
        overdue: s.overdue,
        open: s.open,
        reopened: s.reopened,
        stale: base.stale - base.neverInspected,
        neverInspected: base.neverInspected,
      };
      const score = priorityOf(counts, weights, s.objects - s.streets, base.streetLengthM);
      zoneFigures.set(base.zoneId, {
        ...base,
        openByState: openByStateOf(rollup.defectStates, s.openByState),
        openDefects: s.open,
        overdue: s.overdue,
        reopened: s.reopened,
        closed: s.closed,
        verifiedShare: s.defects > 0 ? s.closed / s.defects : null,
        ...score,
      });
    }
  }
  return { status, zoneFigures };
}

interface Sums {
  objects: number;
  streets: number;
  open: number;
  overdue: number;
  reopened: number;
  closed: number;
  defects: number;
  openByState: Float64Array;
}

function emptySums(nStates: number): Sums {
  return {
    objects: 0,
    streets: 0,
    open: 0,
    overdue: 0,
    reopened: 0,
    closed: 0,
    defects: 0,
    openByState: new Float64Array(nStates),
  };
}

/** Only the states with open defects, as `figuresOfRow` writes them. */
function openByStateOf(states: readonly DefectState[], counts: Float64Array): Partial<Record<DefectState, number>> {
  const out: Partial<Record<DefectState, number>> = {};
  states.forEach((s, j) => {
    if (counts[j] > 0) out[s] = counts[j];
  });
  return out;
}
