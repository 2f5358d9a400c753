/**
 * Shapes the loaded data and the engine's results into what the map sources take. Pure, so each source gets a
 * new object only when its inputs changed and `setData` is called only then.
 */
import type { Feature, FeatureCollection, Geometry, Point } from 'geojson';
import { isOverdue } from '@/campaign/model';
import type { Campaign, DefectState } from '@/campaign/types';
import type { DefectColumns } from '@/dataset/types';
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

export interface DefectFeatureProps {
  id: string;
  /** What the marker is coloured by: 'overdue' when past its deadline and not fixed, else its lifecycle state. */
  state: DefectState | 'overdue';
  taskForce: string;
  category: string;
}

/**
 * Defect markers as points, overdue as of `asOfDay` by the campaign's rule (`isOverdue`; without the campaign
 * nothing is marked overdue). The defects source is a plain GeoJSON source today; clustering (a later issue)
 * swaps in clusters built in the worker without touching the layer.
 */
export function defectFeatures(
  defects: DefectColumns,
  campaign: Campaign | null,
  asOfDay: number | null,
): FeatureCollection<Point, DefectFeatureProps> {
  const { tables } = defects;
  const features: Feature<Point, DefectFeatureProps>[] = new Array(defects.count);
  for (let i = 0; i < defects.count; i++) {
    features[i] = {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [defects.coords[2 * i], defects.coords[2 * i + 1]] },
      properties: {
        id: defects.id[i],
        state:
          campaign &&
          asOfDay !== null &&
          isOverdue(defects.deadline[i], tables.state[defects.state[i]], asOfDay, campaign)
            ? 'overdue'
            : tables.state[defects.state[i]],
        taskForce: tables.taskForce[defects.taskForce[i]],
        category: tables.category[defects.category[i]],
      },
    };
  }
  return { type: 'FeatureCollection', features };
}

/** The display polygon of a rule's zones (the engine's merged, land-clipped geometry) as a source's data. */
export function zoneFeatures(rule: RuleResult | undefined): FeatureCollection {
  if (!rule?.geometry) return EMPTY_FC;
  return { type: 'FeatureCollection', features: [rule.geometry] };
}
