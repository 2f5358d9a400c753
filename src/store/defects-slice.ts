/**
 * The defect filter (what the inspector ticked in the filter panel, or what a shared link restored) and what the
 * defects worker answered for it: facet counts, the selected rows and the markers of the map's last settled
 * view (camera-slice), and the selection rolled up onto the objects for the commander's ranking. The filter is kept in its canonical form (`normalizeFilter`) once the campaign is known, so equal
 * filters compare equal and the URL is stable. The answers are replaced, never mutated.
 */
import type { StateCreator } from 'zustand';
import type { IsoDate } from '@/campaign/types';
import type { DefectColumns } from '@/dataset/types';
import type { RollUp } from '@/geo/types';
import { normalizeFilter, type DefectFilter, type LinkWarning } from '@/defects/filter';
import type { Facets } from '@/defects/select';
import type { MarkerCollection } from '@/worker/defects-protocol';
import type { SettledView } from './camera-slice';
import { selectAsOfDate } from './selectors';
import type { AppState } from './store';

export interface DefectSelection {
  facets: Facets;
  /** Defects that exist at the as-of date, before any filter. */
  total: number;
  /** Selected rows of the defect columns, ascending. */
  indexes: Uint32Array;
  /** The selected defects rolled up onto `columns.tables.object` (asked for only while a filter is active). */
  rollup: RollUp | null;
  /** What the answer was made for: a panel compares these with the current ones to know it is up to date. */
  filter: DefectFilter;
  asOfDate: IsoDate;
  columns: DefectColumns;
}

/** What a marker collection was made for: the data set, filter, "today" and settled view the worker had. */
export interface MarkersFor {
  columns: DefectColumns;
  /** Null when the worker had no filter yet (it then selects every defect at the campaign's date). */
  filter: DefectFilter | null;
  asOfDate: IsoDate | null;
  view: SettledView;
}

/** The defects of one clicked cluster, listed next to the map (see panels/ClusterList.tsx). */
export interface ClusterList {
  /** All members of the cluster. */
  count: number;
  /** The first members' rows of `columns`, ascending (the worker sends up to 50). */
  rows: Uint32Array;
  columns: DefectColumns;
}

export interface DefectsSlice {
  defectFilter: DefectFilter;
  /** The worker's answer for the current filter; null until the first answer. */
  defectSelection: DefectSelection | null;
  /** Markers for `settledView`, built by the worker; null until the map asked for a view. */
  defectMarkers: MarkerCollection | null;
  /** What `defectMarkers` answer; the map's ready signal waits until that is the current filter and view. */
  defectMarkersFor: MarkersFor | null;
  defectError: string | null;
  /** The clicked cluster's defects; closed when the filter changes (the cluster no longer exists). */
  clusterList: ClusterList | null;
  showClusterList: (list: ClusterList) => void;
  closeClusterList: () => void;
  /** What a shared link held that could not be used (unknown codes, bad dates), for the filter panel to show. */
  filterWarnings: LinkWarning[];
  /** Replaces the filter; normalised (and checked: throws on an unknown code) when the campaign is loaded. */
  setDefectFilter: (filter: DefectFilter) => void;
  /** Changes some fields of the filter; a field set to undefined is removed. */
  patchDefectFilter: (patch: Partial<DefectFilter>) => void;
  clearDefectFilter: () => void;
  setDefectSelection: (selection: DefectSelection) => void;
  setDefectMarkers: (markers: MarkerCollection, madeFor: MarkersFor) => void;
  failDefects: (message: string) => void;
  setFilterWarnings: (warnings: LinkWarning[]) => void;
}

export const createDefectsSlice: StateCreator<AppState, [], [], DefectsSlice> = (set, get) => {
  const canonical = (filter: DefectFilter): DefectFilter => {
    const campaign = get().dataset?.data.campaign;
    return campaign ? normalizeFilter(filter, campaign) : filter;
  };
  return {
    defectFilter: {},
    defectSelection: null,
    defectMarkers: null,
    defectMarkersFor: null,
    defectError: null,
    filterWarnings: [],
    clusterList: null,
    setDefectFilter: (filter) => set({ defectFilter: canonical(filter), clusterList: null }),
    patchDefectFilter: (patch) => {
      const next: DefectFilter = { ...get().defectFilter, ...patch };
      for (const key of Object.keys(next) as (keyof DefectFilter)[]) if (next[key] === undefined) delete next[key];
      set({ defectFilter: canonical(next), clusterList: null });
    },
    clearDefectFilter: () => set({ defectFilter: {}, clusterList: null }),
    showClusterList: (clusterList) => set({ clusterList }),
    closeClusterList: () => set({ clusterList: null }),
    setDefectSelection: (defectSelection) => set({ defectSelection, defectError: null }),
    setDefectMarkers: (defectMarkers, defectMarkersFor) => set({ defectMarkers, defectMarkersFor }),
    failDefects: (defectError) => set({ defectError }),
    setFilterWarnings: (filterWarnings) => set({ filterWarnings }),
  };
};

/**
 * The markers on the map answer the current data set, filter, "today" and settled view (or there is nothing to
 * wait for: no defects file, or the defects worker failed and says so).
 */
export function selectMarkersCurrent(s: AppState): boolean {
  const defects = s.dataset?.data.defects;
  if (!defects || s.defectError !== null) return true;
  const made = s.defectMarkersFor;
  return (
    made !== null &&
    made.columns === defects &&
    made.filter === s.defectFilter &&
    made.asOfDate === selectAsOfDate(s) &&
    made.view === s.settledView
  );
}
