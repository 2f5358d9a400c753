/**
 * The defects' half of the data flow: defect columns → typed table → defects worker; the store's filter and
 * "today" → facets, selected rows and markers; the map's settled view → markers. Last-inspection days per object
 * come from the zone engine's statuses (which count the defects' own found/updated days) and go to the worker
 * once per new status object, so the stale pass keeps its gathered column between filters.
 *
 * Filter and view answers share one `latestOnly` channel for the markers, so a collection that a newer filter or
 * view has overtaken is never drawn (cluster ids then always name clusters of the worker's latest view); facets
 * have their own channel, so a pan right after a click does not drop the counts.
 */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { IsoDate } from '@/campaign/types';
import type { DefectColumns } from '@/dataset/types';
import type { DefectFilter } from '@/defects/filter';
import { isEmptyFilter } from '@/defects/filter';
import type { SettledView } from '@/store/camera-slice';
import { objectLastDays } from '@/defects/select';
import { defectTableFromColumns } from '@/defects/table';
import type { ExpandCluster } from '@/map/defect-expander';
import { selectAsOfDate } from '@/store/selectors';
import { useAppStore } from '@/store/store';
import type { DefectsClient } from '@/worker/defects-client';
import type { FilterAnswer, MarkersAnswer } from '@/worker/defects-protocol';
import { latestOnly } from './latest-only';
import { releaseDefectsClient, takeDefectsClient } from './prestart';
import { provideHistoriesLoader } from '@/store/use-details';

/** Runs the pipeline; returns what the map calls when a cluster is clicked. */
export function useDefectPipeline(): ExpandCluster {
  const run = useRef<DefectsClient | null>(null);
  /** What the current worker holds: the columns its table came from, the last-inspection days it was sent. */
  const sent = useRef<{ columns: DefectColumns | null; lastDays: Int32Array | null }>({
    columns: null,
    lastDays: null,
  });
  useEffect(() => {
    const client = takeDefectsClient();
    run.current = client;
    // The histories (for the views that replay them) are decoded in this worker too, off the main thread.
    const withdraw = provideHistoriesLoader(client.histories);
    return () => {
      withdraw();
      run.current = null;
      sent.current = { columns: null, lastDays: null };
      releaseDefectsClient(client);
      client.terminate();
    };
  }, []);

  const defects = useAppStore((s) => s.dataset?.data.defects ?? null);
  const campaign = useAppStore((s) => s.dataset?.data.campaign ?? null);
  const status = useAppStore((s) => s.engineResult?.status ?? null);
  const filter = useAppStore((s) => s.defectFilter);
  const asOfDate = useAppStore(selectAsOfDate);
  const view = useAppStore((s) => s.settledView);

  const channels = useMemo(
    () => ({
      markers: latestOnly((answer: Promise<MarkersAnswer>) => answer),
      facets: latestOnly((answer: Promise<FilterAnswer>) => answer),
    }),
    [],
  );
  /** The filter, "today" and view the worker holds, so each marker answer says what it was made for. */
  const worker = useRef<{ filter: DefectFilter | null; asOfDate: IsoDate | null; view: SettledView | null }>({
    filter: null,
    asOfDate: null,
    view: null,
  });
  const drawMarkers = useCallback(
    (answer: Promise<MarkersAnswer>, columns: DefectColumns) => {
      const { filter, asOfDate, view } = worker.current;
      channels.markers(
        answer,
        (a) => {
          if (a.collection && view) {
            // Single markers carry their row (`index`): a click selects by row (selectDefectRow).
            useAppStore.getState().setDefectMarkers(a.collection, { columns, filter, asOfDate, view });
          }
        },
        fail,
      );
    },
    [channels],
  );

  // Effects run in this order within a commit, so each one below sees what the ones above have sent.
  useEffect(() => {
    const client = run.current;
    if (!client || !defects || !campaign) return;
    sent.current = { columns: null, lastDays: null };
    worker.current = { filter: null, asOfDate: null, view: null };
    try {
      // Posted, not awaited: the worker answers in order, so the filter below is made from this table. The table
      // the worker fetched itself stays there; columns loaded elsewhere are sent over.
      client.load(client.holds(defects) ? null : defectTableFromColumns(defects), campaign).catch(fail);
      sent.current.columns = defects;
    } catch (e) {
      fail(e);
    }
  }, [defects, campaign]);

  // One array per engine status object: the worker gathers the stale column once per array it receives.
  const lastDays = useMemo(
    () => (defects && status ? objectLastDays(defects.tables.object, (id) => status[id]?.lastInspected ?? null) : null),
    [defects, status],
  );
  useEffect(() => {
    const client = run.current;
    if (!client || !lastDays || sent.current.columns !== defects) return;
    client.setInspected(lastDays).catch(fail);
    sent.current.lastDays = lastDays;
  }, [defects, lastDays]);

  useEffect(() => {
    const client = run.current;
    if (!client || !defects || !asOfDate || sent.current.columns !== defects) return;
    // The stale filter needs the engine's last-inspection days; until they come, wait rather than fail.
    if (filter.staleDays !== undefined && !sent.current.lastDays) return;
    // The commander's ranking needs the filtered roll-up; unfiltered it uses the engine's own.
    const answer = client.filter(filter, asOfDate, { rollUp: !isEmptyFilter(filter) });
    worker.current = { ...worker.current, filter, asOfDate };
    channels.facets(
      answer,
      ({ facets, total, indexes, rollup }) =>
        useAppStore
          .getState()
          .setDefectSelection({ facets, total, indexes, rollup, filter, asOfDate, columns: defects }),
      fail,
    );
    drawMarkers(answer, defects);
  }, [defects, filter, asOfDate, lastDays, channels, drawMarkers]);

  useEffect(() => {
    const client = run.current;
    if (!client || !defects || !view || sent.current.columns !== defects) return;
    const answer = client.view({ bbox: view.bbox, zoom: view.zoom });
    worker.current = { ...worker.current, view };
    drawMarkers(answer, defects);
  }, [defects, view, drawMarkers]);

  return useCallback((clusterId: number) => {
    const client = run.current;
    return client ? client.expand(clusterId) : Promise.reject(new Error('defects worker is not running'));
  }, []);
}

function fail(e: unknown) {
  useAppStore.getState().failDefects(e instanceof Error ? e.message : String(e));
}
