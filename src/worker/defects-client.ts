/**
 * Promise client of the defects worker, used by the app's defect pipeline. Answers come back in request order
 * (the worker handles one message at a time), so a 'view' sent after a 'filter' is made from the new selection.
 * Dropping answers that a newer request has overtaken is the caller's job (`latestOnly`).
 *
 * @example
 * const client = createDefectsClient();
 * const { columns } = await client.fetchDefects(files); // the worker keeps the table
 * await client.load(null, campaign);
 * const { facets, collection } = await client.filter({ taskForces: ['TF2'] }, '2019-09-12');
 */
import type { Campaign, IsoDate } from '../campaign/types';
import type { ClusterOptions } from '../defects/cluster';
import type { DefectFilter } from '../defects/filter';
import { defectTableBuffers, type DefectTable } from '../defects/table';
import type { DefectFileRef, DefectFilesRequest } from '../dataset/defects-load';
import type { DefectsLoaded } from '../dataset/read';
import type { DefectColumns, DefectIds } from '../dataset/types';
import { LazyIds } from '../dataset/lazy-ids';
import { PackedIds, type PackedIdsData } from '../dataset/packed-ids';
import type { HistoriesResult } from '../dataset/details-reader';
import type {
  DefectsRequest,
  DefectsResponse,
  ExpandAnswer,
  FilterAnswer,
  MarkersAnswer,
  MarkerView,
} from './defects-protocol';

/** Leaves returned with an expansion: enough for a list next to the map, not the whole cluster. */
const EXPAND_LEAF_LIMIT = 50;

export interface DefectsClient {
  /**
   * Has the worker fetch, hash-check and decode defects.bin (absolute URLs, or relative to the page) and keep the
   * table; resolves with the page's copy of the columns, or the errors naming the files. The columns' ids are a
   * LazyIds: the worker fetches defect-ids.json when the page first asks for them.
   */
  fetchDefects(files: DefectFilesRequest): Promise<DefectsLoaded>;
  /** True when `columns` are the copy of the table the worker fetched last, so `load` needs no table. */
  holds(columns: DefectColumns): boolean;
  /**
   * Makes the table the worker filters: `table` (its buffers are transferred: the caller's arrays are detached
   * afterwards), or without one the table the worker fetched last.
   */
  load(table: DefectTable | null, campaign: Campaign, clusterOptions?: ClusterOptions): Promise<number>;
  /** Last inspection day per entry of `table.tables.object` (see `objectLastDays`); copied to the worker. */
  setInspected(objectLastDay: Int32Array): Promise<void>;
  /** With `rollUp`, the answer also holds the selection rolled up onto the objects (see FilterAnswer.rollup). */
  filter(filter: DefectFilter, asOfDate: IsoDate, options?: { rollUp?: boolean }): Promise<FilterAnswer>;
  view(view: MarkerView): Promise<MarkersAnswer>;
  expand(clusterId: number, limit?: number): Promise<ExpandAnswer>;
  /**
   * defect-history.json of the data set at `baseUrl` (relative to the page, or absolute), fetched, checked and
   * decoded in the worker; on the page instead if the worker was terminated meanwhile.
   */
  histories(baseUrl: string, entry: { path: string; sha256: string }, count: number): Promise<HistoriesResult>;
  terminate(): void;
}

/** Anything with the Worker messaging surface; tests pass an in-process stand-in. */
export interface DefectsWorkerLike {
  postMessage(message: DefectsRequest, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<DefectsResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

/** A request without its id (distributed over the union, so each type keeps its own fields). */
type Body = DefectsRequest extends infer Q ? (Q extends DefectsRequest ? Omit<Q, 'id'> : never) : never;
type Answer<T extends DefectsResponse['type']> = Omit<Extract<DefectsResponse, { type: T }>, 'id' | 'type'>;

export function createDefectsClient(worker?: DefectsWorkerLike): DefectsClient {
  const w: DefectsWorkerLike =
    worker ??
    (new Worker(new URL('./defects.worker.ts', import.meta.url), { type: 'module' }) as unknown as DefectsWorkerLike);
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: DefectsResponse) => void; reject: (e: Error) => void }>();

  w.onmessage = (event) => {
    const waiter = pending.get(event.data.id);
    if (!waiter) return;
    pending.delete(event.data.id);
    if (event.data.type === 'error') waiter.reject(new Error(`defects worker: ${event.data.message}`));
    else waiter.resolve(event.data);
  };
  w.onerror = (event) => {
    const error = new Error(`defects worker failed: ${event.message}`);
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };

  let terminated = false;
  async function send<R extends DefectsResponse['type']>(
    body: Body,
    expect: R,
    transfer: Transferable[] = [],
  ): Promise<Answer<R>> {
    if (terminated) throw new Error('defects worker terminated');
    const id = nextId++;
    const response = await new Promise<DefectsResponse>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      w.postMessage({ ...body, id }, transfer);
    });
    if (response.type !== expect) throw new Error(`defects worker: expected '${expect}', got '${response.type}'`);
    // The answer keeps its id and type fields; callers read only the named ones they expect.
    return response as Extract<DefectsResponse, { type: R }>;
  }

  /**
   * The ids through this worker; if it was terminated meanwhile (a remount makes another), fetched, checked and
   * packed on the page instead, so the columns it gave never wait for ever.
   */
  async function idsOf(file: DefectFileRef, count: number): Promise<DefectIds> {
    try {
      return await fetchIds(file, count);
    } catch (e) {
      if (!terminated) throw e;
      const { loadIdsFile } = await import('../dataset/defects-load');
      const { ids, errors } = await loadIdsFile(
        (input, init) => fetch(input, { cache: 'no-cache', ...init }),
        file,
        count,
      );
      return packedOrThrow(ids, errors);
    }
  }

  async function fetchIds(file: DefectFileRef, count: number): Promise<PackedIds> {
    // When the page first asked (the e2e tests check it comes after map-ready unless something needed an id).
    if (typeof performance !== 'undefined' && performance.getEntriesByName('defect-ids-asked').length === 0)
      performance.mark('defect-ids-asked');
    const answer = await send({ type: 'ids', file, count }, 'ids');
    return packedOrThrow(answer.ids, answer.errors);
  }

  let fetched: DefectColumns | null = null;
  return {
    async fetchDefects(files) {
      // The worker's own URL is its script's: resolve against the page.
      const absolute = (ref: DefectFileRef): DefectFileRef =>
        typeof location === 'undefined' ? ref : { ...ref, url: new URL(ref.url, location.href).href };
      const answer = await send({ type: 'fetch', files: { bin: absolute(files.bin), ids: null } }, 'fetched');
      // When the page had the defects (fetched, checked and decoded in the worker): the bench reads it, as the
      // worker's own fetch is not in the page's resource timing.
      if (typeof performance !== 'undefined' && performance.getEntriesByName('defects-fetched').length === 0)
        performance.mark('defects-fetched');
      const ref = files.ids && absolute(files.ids);
      const columns: DefectColumns | null = answer.columns && {
        ...answer.columns,
        id: ref ? new LazyIds(answer.columns.count, () => idsOf(ref, answer.columns!.count), ref.path) : [],
      };
      const { errors } = answer;
      fetched = columns;
      return { columns, errors };
    },
    holds: (columns) => columns === fetched,
    async load(table, campaign, clusterOptions) {
      const answer = table
        ? await send({ type: 'load', table, campaign, clusterOptions }, 'loaded', defectTableBuffers(table))
        : await send({ type: 'load', campaign, clusterOptions }, 'loaded');
      return answer.count;
    },
    async setInspected(objectLastDay) {
      await send({ type: 'inspected', objectLastDay }, 'inspected');
    },
    filter: (filter, asOfDate, { rollUp = false } = {}) =>
      send({ type: 'filter', filter, asOfDate, rollUp }, 'filtered'),
    view: (view) => send({ type: 'view', view }, 'viewed'),
    expand: (clusterId, limit = EXPAND_LEAF_LIMIT) => send({ type: 'expand', clusterId, limit }, 'expanded'),
    async histories(baseUrl, entry, count) {
      const absolute = typeof location === 'undefined' ? baseUrl : new URL(baseUrl, location.href).href;
      try {
        return (await send({ type: 'history', baseUrl: absolute, entry, count }, 'history')).result;
      } catch (e) {
        if (!terminated) throw e;
        const { loadHistories } = await import('../dataset/details-reader');
        return loadHistories(absolute, (input, init) => fetch(input, { cache: 'no-cache', ...init }), entry, count);
      }
    },
    terminate() {
      terminated = true;
      w.terminate();
      for (const waiter of pending.values()) waiter.reject(new Error('defects worker terminated'));
      pending.clear();
    },
  };
}

/** Loaded ids as the page keeps them, or one Error naming every problem (the file, and why). */
function packedOrThrow(ids: PackedIdsData | null | undefined, errors: { message: string }[]): PackedIds {
  if (!ids) throw new Error(errors.map((e) => e.message).join('; ') || 'did not load');
  return new PackedIds(ids);
}
