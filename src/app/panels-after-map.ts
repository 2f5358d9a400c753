/**
 * The panels mount one render after the map: when the data set arrives, the render that makes the map (and
 * starts MapLibre's style, sources and first frame) comes first and alone; the panels (filters, ranking,
 * summary, exports) then render as a transition, which React cuts into slices the map's frames go between.
 * Before, one synchronous render made the map and every panel at once and the map started ~400 ms later.
 */
import { useDeferredValue } from 'react';
import { useAppStore } from '@/store/store';

/** False until the data set is in and the map's render has gone first; then true. */
export function usePanelsAfterMap(): boolean {
  const loaded = useAppStore((s) => !s.loading);
  return useDeferredValue(loaded, false);
}
