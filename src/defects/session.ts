/**
 * The defect state one worker holds between messages: the prepared table, the current filter's selection and
 * the latest view, so a filter change re-selects and re-clusters, a pan or zoom only re-clusters, and a click
 * on a cluster is answered from the view the marker came from. Pure (no worker globals), so the worker's
 * message handler stays a thin switch and the same session runs in tests and in the bench.
 *
 * @example
 * const session = createDefectSession(table, campaign);
 * const { facets } = session.setFilter({ taskForces: ['TF2'] }, { objectLastDay });
 * const { collection } = session.view({ bbox, zoom });
 */
import type { Campaign } from '../campaign/types';
import {
  clusterExpansionZoom,
  clusterLeaves,
  clusterView,
  type ClusterOptions,
  type ClusterView,
  type ViewQuery,
} from './cluster';
import type { DefectFilter } from './filter';
import { prepareDefects, type PreparedDefects } from './prepare';
import { selectDefects, type SelectOptions, type Selection } from './select';
import type { DefectTable } from './table';

export interface DefectSession {
  readonly prepared: PreparedDefects;
  /**
   * Evaluate a filter (all defects selected until the first call); the last view must be asked for again, and is
   * made anew unless the filter selects the same defects at the same date.
   */
  setFilter(filter: DefectFilter, options?: SelectOptions): Selection;
  /** Markers for a view of the current selection; becomes the view that cluster ids refer to. */
  view(query: ViewQuery): ClusterView;
  /** Zoom to fly to when a cluster of the latest view is clicked. */
  expansionZoom(clusterId: number): number;
  /** Defect indexes of a cluster of the latest view. */
  leaves(clusterId: number, page?: { limit?: number; offset?: number }): Uint32Array;
}

export function createDefectSession(
  table: DefectTable,
  campaign: Campaign,
  clusterOptions: ClusterOptions = {},
  /** The table's positions when already projected (projectDefects). */
  merc?: Float64Array,
): DefectSession {
  const prepared = prepareDefects(table, campaign, merc);
  // Everything selected until the first filter, made only if a view comes first: the pipeline always filters
  // first, and a full pass over a million defects at load that the first filter replaces is time lost.
  let selection: Selection | null = null;
  let latest: ClusterView | null = null;
  const latestView = () => {
    if (!latest) throw new Error('no view yet: ask for markers with view({ bbox, zoom }) first');
    return latest;
  };
  return {
    prepared,
    setFilter(filter, options) {
      const next = selectDefects(prepared, filter, options);
      // The same defects at the same date (a filter sent again for new last-inspection days, which change only
      // the stale count): the latest view's markers still hold, and the next view of the same place reuses them.
      if (!selection || !sameSelection(selection, next)) latest = null;
      selection = next;
      return selection;
    },
    view(query) {
      selection ??= selectDefects(prepared, {});
      if (latest && sameQuery(latest, query)) return latest;
      latest = clusterView(prepared, selection, query, clusterOptions);
      return latest;
    },
    expansionZoom: (clusterId) => clusterExpansionZoom(latestView(), clusterId),
    leaves: (clusterId, page) => clusterLeaves(latestView(), clusterId, page),
  };
}

/** The same defects selected at the same as-of day (the facets may differ: the stale count). */
function sameSelection(a: Selection, b: Selection): boolean {
  if (a.asOfDay !== b.asOfDay || a.indexes.length !== b.indexes.length) return false;
  for (let i = 0; i < a.indexes.length; i++) if (a.indexes[i] !== b.indexes[i]) return false;
  return true;
}

/** A query that makes the same markers as `view`: the same bbox at the same integer zoom. */
function sameQuery(view: ClusterView, query: ViewQuery): boolean {
  return view.zoom === Math.floor(query.zoom) && view.bbox.every((v, i) => v === query.bbox[i]);
}
