/**
 * The defects worker's logic, free of worker globals so it runs (and is tested) in Node: it holds one defect
 * session (src/defects/session.ts) and the last-inspection days between messages, and remembers the last view so
 * a filter answer can carry the new markers for it. defects.worker.ts only wires it to `self`.
 */
import { rollUpBuffers, rollUpRows } from '../defects/rollup-rows';
import { createDefectSession, type DefectSession } from '../defects/session';
import type { SelectOptions } from '../defects/select';
import type { DefectsRequest, DefectsResponse, FetchedColumns, MarkersAnswer, MarkerView } from './defects-protocol';
import { withErrorReply } from './error-reply';
import {
  columnsCopy,
  loadDefectFiles,
  loadIdsFile,
  type DefectFilesRequest,
  type LoadedDefectFiles,
} from '../dataset/defects-load';
import { loadHistories } from '../dataset/details-reader';
import type { DefectTable } from '../defects/table';
import { projectDefects } from '../defects/prepare';

export interface DefectsHandler {
  handle(request: DefectsRequest): { response: DefectsResponse; transfer: Transferable[] };
  /**
   * 'fetch' requests: fetches with `fetchFn` (or takes what a 'prefetch' of the same files got), keeps the decoded
   * table of the latest fetch for the next 'load' without one.
   */
  fetch(
    request: Extract<DefectsRequest, { type: 'fetch' }>,
    fetchFn: typeof fetch,
  ): Promise<{ response: DefectsResponse; transfer: Transferable[] }>;
  /** 'prefetch' requests: starts fetching, checking and decoding; answers nothing. */
  prefetch(request: Extract<DefectsRequest, { type: 'prefetch' }>, fetchFn: typeof fetch): void;
  /** 'ids' requests: fetches, checks and packs defect-ids.json; independent of the table and the session. */
  ids(
    request: Extract<DefectsRequest, { type: 'ids' }>,
    fetchFn: typeof fetch,
  ): Promise<{ response: DefectsResponse; transfer: Transferable[] }>;
  /** 'history' requests: fetches, checks and decodes defect-history.json; independent of the table too. */
  history(
    request: Extract<DefectsRequest, { type: 'history' }>,
    fetchFn: typeof fetch,
  ): Promise<{ response: DefectsResponse; transfer: Transferable[] }>;
}

export function createDefectsHandler(): DefectsHandler {
  let session: DefectSession | null = null;
  let objectLastDay: Int32Array | undefined;
  let lastView: MarkerView | null = null;
  /** The table the last 'fetch' decoded (views on its buffer), until a 'load' takes it. */
  let fetched: DefectTable | null = null;
  /** The 'fetch' requests made so far: only the latest one's table is kept, whichever finishes last. */
  let fetches = 0;
  /**
   * The fetched table's Web-Mercator positions, made right after the table is sent to the page (while the page
   * takes it, before it asks for a 'load'), so the load does not spend that time on the way to the first markers.
   */
  let projected: { table: DefectTable; merc: Float64Array } | null = null;
  /** Files the page's first script asked for, on their way; a 'fetch' of the same files takes them once. */
  let prefetched: { key: string; loaded: Promise<LoadedDefectFiles> } | null = null;

  const current = () => {
    if (!session) throw new Error('defect request before load: send the defect table first');
    return session;
  };

  function markers(s: DefectSession): MarkersAnswer {
    if (!lastView) return { collection: null, inView: 0, zoom: null };
    const view = s.view(lastView);
    return { collection: view.collection, inView: view.inView, zoom: view.zoom };
  }

  function answer(request: DefectsRequest): { response: DefectsResponse; transfer: Transferable[] } {
    const { id } = request;
    switch (request.type) {
      case 'fetch':
      case 'prefetch':
      case 'ids':
      case 'history':
        throw new Error(`${request.type} requests go to ${request.type}()`);
      case 'load': {
        const table = request.table ?? fetched;
        if (!table) throw new Error('load without a table before any fetch: send the table or fetch it first');
        const merc = projected?.table === table ? projected.merc : undefined;
        projected = null;
        session = createDefectSession(table, request.campaign, request.clusterOptions, merc);
        // Last-inspection days index the old table's objects; they come again with the new engine result.
        objectLastDay = undefined;
        return { response: { id, type: 'loaded', count: table.count }, transfer: [] };
      }
      case 'inspected': {
        const objects = current().prepared.table.tables.object.length;
        if (request.objectLastDay.length !== objects) {
          throw new Error(
            `objectLastDay has ${request.objectLastDay.length} entries, expected one per table object (${objects})`,
          );
        }
        // Kept as the same array until the next 'inspected', so the stale column is gathered once per change.
        objectLastDay = request.objectLastDay;
        return { response: { id, type: 'inspected' }, transfer: [] };
      }
      case 'filter': {
        const s = current();
        const options: SelectOptions = { asOfDate: request.asOfDate, objectLastDay };
        const selection = s.setFilter(request.filter, options);
        // The selection keeps its own copy; the answer's indexes are transferred away.
        const indexes = selection.indexes.slice();
        // Asked for only under a filter: unfiltered, the engine's own roll-up says the same, and at 1M defects
        // this pass (~190 ms) would double the answer's time.
        const rollup =
          request.rollUp && objectLastDay ? rollUpRows(s.prepared, indexes, objectLastDay, selection.asOfDay) : null;
        return {
          response: {
            id,
            type: 'filtered',
            facets: selection.facets,
            total: selection.total,
            indexes,
            rollup,
            ...markers(s),
          },
          transfer: [indexes.buffer, ...(rollup ? rollUpBuffers(rollup) : [])],
        };
      }
      case 'view': {
        const s = current();
        lastView = request.view;
        return { response: { id, type: 'viewed', ...markers(s) }, transfer: [] };
      }
      case 'expand': {
        const s = current();
        const all = s.leaves(request.clusterId);
        const leaves = all.slice(0, Math.max(0, request.limit));
        return {
          response: {
            id,
            type: 'expanded',
            clusterId: request.clusterId,
            expansionZoom: s.expansionZoom(request.clusterId),
            leaves,
            count: all.length,
          },
          transfer: [leaves.buffer],
        };
      }
      default:
        throw new Error(`unknown request type ${JSON.stringify((request as { type: unknown }).type)}`);
    }
  }

  async function fetchTable(
    request: Extract<DefectsRequest, { type: 'fetch' }>,
    fetchFn: typeof fetch,
  ): Promise<{ response: DefectsResponse; transfer: Transferable[] }> {
    const mine = ++fetches;
    const files = tableOnly(request.files);
    const key = filesKey(files);
    const early = prefetched?.key === key ? prefetched.loaded : null;
    prefetched = null;
    const { decoded, errors } = await (early ?? loadDefectFiles(fetchFn, files));
    if (mine === fetches) fetched = decoded?.table ?? null;
    const table = fetched;
    // After this answer is posted (a task later), unless a 'load' took the table first.
    if (mine === fetches && table)
      setTimeout(() => {
        // A load that came first projected the table itself.
        if (fetched === table && session?.prepared.table !== table) projected = { table, merc: projectDefects(table) };
      }, 0);
    if (!decoded)
      return { response: { id: request.id, type: 'fetched', columns: null, errors } as const, transfer: [] };
    const { columns, transfer } = columnsCopy(decoded, null);
    // No ids with the table: the page asks for them apart ('ids').
    const answer: FetchedColumns & { id?: unknown } = columns;
    delete answer.id;
    return { response: { id: request.id, type: 'fetched', columns: answer, errors } as const, transfer };
  }

  async function fetchIds(
    request: Extract<DefectsRequest, { type: 'ids' }>,
    fetchFn: typeof fetch,
  ): Promise<{ response: DefectsResponse; transfer: Transferable[] }> {
    // A million ids cross as one string and one transferred array, not a million strings to clone.
    const { ids, errors } = await loadIdsFile(fetchFn, request.file, request.count);
    return {
      response: { id: request.id, type: 'ids', ids, errors },
      transfer: ids ? [ids.ends.buffer as ArrayBuffer] : [],
    };
  }

  async function fetchHistory(
    request: Extract<DefectsRequest, { type: 'history' }>,
    fetchFn: typeof fetch,
  ): Promise<{ response: DefectsResponse; transfer: Transferable[] }> {
    const result = await loadHistories(request.baseUrl, fetchFn, request.entry, request.count);
    const transfer = result.ok
      ? [result.histories.start.buffer, result.histories.day.buffer, result.histories.to.buffer]
      : [];
    return { response: { id: request.id, type: 'history', result }, transfer: transfer as ArrayBuffer[] };
  }

  function prefetch(request: Extract<DefectsRequest, { type: 'prefetch' }>, fetchFn: typeof fetch): void {
    // loadDefectFiles never rejects: what went wrong reaches the 'fetch' that takes it, as errors naming the files.
    const files = tableOnly(request.files);
    prefetched = { key: filesKey(files), loaded: loadDefectFiles(fetchFn, files) };
  }

  return { handle: withErrorReply(answer), fetch: fetchTable, prefetch, ids: fetchIds, history: fetchHistory };
}

/** The table's file alone: the ids come later, on their own request ('ids'), when the page needs them. */
function tableOnly(files: DefectFilesRequest): DefectFilesRequest {
  return { bin: files.bin, ids: null };
}

/** Same URLs and hashes, same files. */
function filesKey({ bin, ids }: DefectFilesRequest): string {
  return JSON.stringify([bin.url, bin.sha256, ids?.url ?? null, ids?.sha256 ?? null]);
}
