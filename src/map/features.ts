/**
 * Shapes the loaded data and the engine's results into what the map sources take. Pure, so each source gets a
 * new object only when its inputs changed and `setData` is called only then.
 */
import type { FeatureCollection, Geometry } from 'geojson';
import type { ObjectState, ObjectStatus, RuleResult } from '@/geo/types';

export const EMPTY_FC: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** An object whose drawn state changes: its id (the source's promoted `id`) and the state to draw, or null. */
export interface StateChange {
  id: string;
  state: ObjectState | null;
}

/**
 * The objects of one layer whose state differs from what the map was last given (`drawn`, updated in place), so
 * a filter change sends MapLibre a few feature states instead of every geometry again. Objects the engine did not
 * rate have no state and draw in the "pending" colour.
 *
 * @example stateChanges(compounds, status, drawn) // [{ id: 'C1', state: 'overdue' }]
 */
export function stateChanges(
  fc: FeatureCollection<Geometry, { id: string }>,
  status: Record<string, ObjectStatus> | null,
  drawn: Map<string, ObjectState | null>,
): StateChange[] {
  const changes: StateChange[] = [];
  for (const f of fc.features) {
    const id = f.properties.id;
    const state = status?.[id]?.state ?? null;
    if ((drawn.get(id) ?? null) === state) continue;
    drawn.set(id, state);
    changes.push({ id, state });
  }
  return changes;
}

/** The display polygon of a rule's zones (the engine's merged, land-clipped geometry) as a source's data. */
export function zoneFeatures(rule: RuleResult | undefined): FeatureCollection {
  if (!rule?.geometry) return EMPTY_FC;
  return { type: 'FeatureCollection', features: [rule.geometry] };
}

/**
 * The streets with their class on the priority scale (`pcls`, see priority-layers.ts) joined in by id; a street
 * not ranked (out of every zone and off the route) gets -1, drawn as "nothing to do".
 */
export function withPriorityClass<G extends Geometry, P extends { id: string }>(
  fc: FeatureCollection<G, P>,
  classes: Record<string, number> | null,
): FeatureCollection<G, P & { pcls?: number }> {
  if (!classes) return fc;
  return {
    type: 'FeatureCollection',
    features: fc.features.map((f) => ({ ...f, properties: { ...f.properties, pcls: classes[f.properties.id] ?? -1 } })),
  };
}
