/**
 * Shapes the loaded data and the engine's results into what the map sources take. Pure, so each source gets a
 * new object only when its inputs changed and `setData` is called only then.
 */
import type { FeatureCollection, Geometry } from 'geojson';
import type { ObjectState, ObjectStatus, RuleResult } from '@/geo/types';

export const EMPTY_FC: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Properties the map adds to each object: its inspection state and open-defect count from the engine. */
export interface StatusProps {
  state?: ObjectState;
  openDefects?: number;
}

/**
 * The objects of one layer with the engine's state joined in by id (objects the engine did not rate keep no
 * state and draw in the "pending" colour).
 */
export function withStatus<G extends Geometry, P extends { id: string }>(
  fc: FeatureCollection<G, P>,
  status: Record<string, ObjectStatus> | null,
): FeatureCollection<G, P & StatusProps> {
  if (!status) return fc;
  return {
    type: 'FeatureCollection',
    features: fc.features.map((f) => {
      const s = status[f.properties.id];
      return s ? { ...f, properties: { ...f.properties, state: s.state, openDefects: s.openDefects } } : f;
    }),
  };
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
