/**
 * Messages between the app and the defects worker (separate from the zone-engine worker, so a long what-if
 * compute never holds up a filter click and the other way round). The typed table travels once, on 'load', with
 * its buffers transferred, or is fetched by the worker itself ('fetch': the worker hashes and decodes defects.bin,
 * keeps the table as views on the fetched buffer and sends the page a copy); the last-inspection days per object travel on 'inspected' whenever the zone engine's
 * statuses change, and the worker keeps that one array so the stale pass reuses its gathered column between
 * filters. A 'filter' answer carries the facets, the selected indexes (transferred), the selected defects rolled
 * up onto their objects (once the last-inspection days are known) and the markers of the last view, so a filter
 * change costs one round trip; 'view' answers a pan or zoom; 'expand' a click on a cluster.
 */
import type { Campaign, IsoDate } from '../campaign/types';
import type { BBox } from '../campaign/types';
import type { ClusterOptions, DefectMarkerProps } from '../defects/cluster';
import type { DefectFilter } from '../defects/filter';
import type { Facets } from '../defects/select';
import type { RollUp } from '../geo/types';
import type { DefectTable } from '../defects/table';
import type { DefectFileRef, DefectFilesRequest, DefectFilesError } from '../dataset/defects-load';
import type { DefectColumns } from '../dataset/types';
import type { PackedIdsData } from '../dataset/packed-ids';
import type { HistoriesResult } from '../dataset/details-reader';
import type { FeatureCollection, Point } from 'geojson';

export type MarkerCollection = FeatureCollection<Point, DefectMarkerProps>;

/**
 * The page's copy of the fetched table: the typed columns without the ids, which the page asks for apart ('ids')
 * when it first needs them (the client wraps that in a LazyIds, src/dataset/lazy-ids.ts).
 */
export type FetchedColumns = Omit<DefectColumns, 'id'>;

export interface MarkerView {
  bbox: BBox;
  zoom: number;
}

export type DefectsRequest =
  /**
   * From the page's first script (boot.ts), before the app runs: start fetching, checking and decoding these
   * files now; a later 'fetch' of the same files takes the result. Never answered.
   */
  | { id: number; type: 'prefetch'; files: DefectFilesRequest }
  /** Fetch, hash-check and decode defects.bin here, keep the table, answer with the page's copy (no ids). */
  | { id: number; type: 'fetch'; files: DefectFilesRequest }
  /**
   * Fetch, hash-check and pack defect-ids.json (`count`: the table's rows, checked). Handled outside the queue of
   * the other requests, so filters are not held up by its download; answered when it is in.
   */
  | { id: number; type: 'ids'; file: DefectFileRef; count: number }
  /**
   * Fetch, hash-check, parse and decode defect-history.json (`baseUrl` absolute; `count`: the table's rows,
   * checked), outside the queue as 'ids' is: at 1M defects that is 15 MB of JSON and ~1.4 s, off the page.
   */
  | { id: number; type: 'history'; baseUrl: string; entry: { path: string; sha256: string }; count: number }
  /** Without `table`, the one the last 'fetch' decoded. */
  | { id: number; type: 'load'; table?: DefectTable; campaign: Campaign; clusterOptions?: ClusterOptions }
  | { id: number; type: 'inspected'; objectLastDay: Int32Array }
  | {
      id: number;
      type: 'filter';
      filter: DefectFilter;
      asOfDate: IsoDate;
      /** Roll the selection up onto the objects too (costs ~35 ms at 1M defects for one task force, in the worker). */
      rollUp?: boolean;
    }
  | { id: number; type: 'view'; view: MarkerView }
  | { id: number; type: 'expand'; clusterId: number; limit: number };

/** Markers for a view: `collection` is null when no view was asked for yet. */
export interface MarkersAnswer {
  collection: MarkerCollection | null;
  /** Selected defects inside the view's bbox. */
  inView: number;
  /** The integer zoom the clusters were made for. */
  zoom: number | null;
}

export interface FilterAnswer extends MarkersAnswer {
  facets: Facets;
  /** Defects that exist at the as-of date, before any filter. */
  total: number;
  /** Selected defect indexes, ascending (rows of the JSON columns). */
  indexes: Uint32Array;
  /**
   * The selected defects rolled up onto the objects of `tables.object` (slot = entry; see defects/rollup-rows.ts);
   * null unless asked for (`rollUp`) and the worker has the last-inspection days ('inspected').
   */
  rollup: RollUp | null;
}

export interface ExpandAnswer {
  clusterId: number;
  /** Zoom at which the cluster falls apart; fly there. */
  expansionZoom: number;
  /** Up to `limit` member indexes, ascending. */
  leaves: Uint32Array;
  /** All members of the cluster. */
  count: number;
}

export type DefectsResponse =
  /** `columns`: a copy of the decoded table (buffers transferred), null when defects.bin failed. */
  | { id: number; type: 'fetched'; columns: FetchedColumns | null; errors: DefectFilesError[] }
  /** The ids packed (src/dataset/packed-ids.ts; `ends` transferred), or null with the errors naming the file. */
  | { id: number; type: 'ids'; ids: PackedIdsData | null; errors: DefectFilesError[] }
  /** The decoded histories (their arrays transferred), or the error naming the file. */
  | { id: number; type: 'history'; result: HistoriesResult }
  | { id: number; type: 'loaded'; count: number }
  | { id: number; type: 'inspected' }
  | ({ id: number; type: 'filtered' } & FilterAnswer)
  | ({ id: number; type: 'viewed' } & MarkersAnswer)
  | ({ id: number; type: 'expanded' } & ExpandAnswer)
  | { id: number; type: 'error'; message: string };
