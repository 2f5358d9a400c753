/**
 * Panels the first view does not need (near me, field records, the mock inspection, the exports tab, 下载本片区) load as their own
 * chunks once the map is ready, so the first load carries only what draws the map and the ranking
 * (tests/e2e/bundle-size.e2e.test.ts). Once the map has been ready, they stay: a later recompute does not hide them.
 */
import { lazy, Suspense, type ComponentType } from 'react';
import { useAppStore } from '@/store/store';

// Without a map (no WebGL) they load once the map has failed, so exports and the field tools still work.
let everReady = useAppStore.getState().mapReady || useAppStore.getState().mapFailed;
useAppStore.subscribe((s) => {
  if (s.mapReady || s.mapFailed) everReady = true;
});

export function afterMapReady<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const Lazy = lazy(() => load().then((component) => ({ default: component })));
  return function AfterMapReady(props: P) {
    const ready = useAppStore((s) => s.mapReady || s.mapFailed);
    if (!ready && !everReady) return null;
    return (
      <Suspense fallback={null}>
        <Lazy {...props} />
      </Suspense>
    );
  };
}
