/**
 * The defects worker's logic, free of worker globals so it runs (and is tested) in Node: it holds one defect
 * session (src/defects/session.ts) and the last-inspection days between messages, and remembers the last view so
 * a filter answer can carry the new markers for it. defects.worker.ts only wires it to `self`.
 */
import { rollUpBuffers, rollUpRows } from '../defects/rollup-rows';
import { createDefectSession, type DefectSession } from '../defects/session';
import type { SelectOptions } from '../defects/select';
import type { DefectsRequest, DefectsResponse, MarkersAnswer, MarkerView } from './defects-protocol';
import { withErrorReply } from './error-reply';
import { columnsCopy, loadDefectFiles } from '../dataset/defects-load';
import type { DefectTable } from '../defects/table';

export interface DefectsHandler {
  handle(request: DefectsRequest): { response: DefectsResponse; transfer: Transferable[] };
  /** 'fetch' requests: fetches with `fetchFn`, keeps the decoded table for the next 'load' without one. */
  fetch(
    request: Extract<DefectsRequest, { type: 'fetch' }>,
    fetchFn: typeof fetch,
  ): Promise<{ response: DefectsResponse; transfer: Transferable[] }>;
}

export function createDefectsHandler(): DefectsHandler {
  let session: DefectSession | null = null;
  let objectLastDay: Int32Array | undefined;
  let lastView: MarkerView | null = null;
  /** The table the last 'fetch' decoded (views on its buffer), until a 'load' takes it. */
  let fetched: DefectTable | null = null;

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
        throw new Error('fetch requests go to fetch()');
      case 'load': {
        const table = request.table ?? fetched;
        if (!table) throw new Error('load without a table before any fetch: send the table or fetch it first');
        session = createDefectSession(table, request.campaign, request.clusterOptions);
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
    const { decoded, ids, errors } = await loadDefectFiles(fetchFn, request.files);
    fetched = decoded?.table ?? null;
    if (!decoded)
      return { response: { id: request.id, type: 'fetched', columns: null, errors } as const, transfer: [] };
    const { columns, transfer } = columnsCopy(decoded, ids);
    return { response: { id: request.id, type: 'fetched', columns, errors } as const, transfer };
  }

  return { handle: withErrorReply(answer), fetch: fetchTable };
}
