/**
 * The defects' ids for the panels that show or write them. They arrive after the defects (src/dataset/lazy-ids.ts):
 * a component that needs them gets null at first, which asks for them, and renders again when they are in.
 *
 * @example
 * const ids = useDefectIds();
 * if (!ids) return <p>{t('defectIdsLoading')}</p>;
 * ids.at(row);
 */
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { LazyIds, idsReady, whenIds } from '@/dataset/lazy-ids';
import type { DefectIds } from '@/dataset/types';
import { useAppStore } from './store';

const NO_SUBSCRIPTION = () => () => undefined;

/**
 * The ids once they answer, else null; with `ask` (the default) asks for them when they are not in yet, without it
 * only renders again when something else brought them.
 */
export function useDefectIds(ask = true): DefectIds | null {
  const ids = useAppStore((s) => s.dataset?.data.defects?.id ?? null);
  const ready = useIdsState(ids, () => (ids ? idsReady(ids) : false));
  useEffect(() => {
    // A failed load is shown by the banner (useDefectIdsError); asking again is the next mount's.
    if (ask && ids && !idsReady(ids)) whenIds(ids).catch(() => undefined);
  }, [ids, ask]);
  return ids && ready ? ids : null;
}

/** What went wrong loading the ids, as the data banner lists it, or null. */
export function useDefectIdsError(): { file: string; message: string } | null {
  const ids = useAppStore((s) => s.dataset?.data.defects?.id ?? null);
  const message = useIdsState(ids, () => (ids instanceof LazyIds ? ids.error : null));
  return ids instanceof LazyIds && message ? { file: ids.file, message } : null;
}

/**
 * Once the map is ready, loads the ids when the page is next idle (within 2 s), so that a click on a marker or a
 * list finds them in; never before, so they are not on the way to the first map.
 */
export function usePreloadDefectIds(): void {
  const mapReady = useAppStore((s) => s.mapReady);
  const ids = useAppStore((s) => s.dataset?.data.defects?.id ?? null);
  useEffect(() => {
    if (!mapReady || !ids || idsReady(ids)) return;
    const load = () => void whenIds(ids).catch(() => undefined);
    if (typeof requestIdleCallback === 'function') {
      const handle = requestIdleCallback(load, { timeout: 2000 });
      return () => cancelIdleCallback(handle);
    }
    const handle = setTimeout(load, 200);
    return () => clearTimeout(handle);
  }, [mapReady, ids]);
}

function useIdsState<T>(ids: DefectIds | null, read: () => T): T {
  const subscribe = useCallback(
    (listener: () => void) => (ids instanceof LazyIds ? ids.subscribe(listener) : NO_SUBSCRIPTION()),
    [ids],
  );
  return useSyncExternalStore(subscribe, read, read);
}
