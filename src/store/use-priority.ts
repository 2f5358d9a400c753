/**
 * Priority on the map, bound to the store: one sequential scale over the scores of the ranked zones and streets
 * (the same rankings the commander panel shows, under the same filter), each street's class on it, and the
 * badges of the top zones.
 */
import { useMemo } from 'react';
import { priorityBadges, priorityClass, priorityScale, type PriorityScale } from '@/insights/priority-scale';
import { useStreetRanking, useZoneRanking } from './use-insights';

const EMPTY_SCALE: PriorityScale = { breaks: [], max: 0 };

export function usePriorityScale(): PriorityScale {
  const zones = useZoneRanking();
  const streets = useStreetRanking();
  return useMemo(
    () =>
      zones || streets
        ? priorityScale([...(zones ?? []).map((z) => z.priority), ...(streets ?? []).map((s) => s.priority)])
        : EMPTY_SCALE,
    [zones, streets],
  );
}

/** Class of each ranked street on the scale, by street id; null before the ranking is there. */
export function useStreetPriorityClasses(): Record<string, number> | null {
  const streets = useStreetRanking();
  const scale = usePriorityScale();
  return useMemo(
    () => (streets ? Object.fromEntries(streets.map((s) => [s.streetId, priorityClass(scale, s.priority)])) : null),
    [streets, scale],
  );
}

export function usePriorityBadges() {
  const zones = useZoneRanking();
  return useMemo(() => (zones ? priorityBadges(zones) : null), [zones]);
}
