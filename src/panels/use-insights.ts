/**
 * The insights core (src/insights) bound to the store: each hook selects the few store values it needs and
 * recomputes only when they change, so the commander panels, the detail panel and the big screen share one
 * computation per input rather than each scanning the defects.
 */
import { useMemo } from 'react';
import { rankStreets, rankZones } from '@/insights/ranking';
import { taskForceProgress } from '@/insights/progress';
import { redBlackList } from '@/insights/units';
import { openClosedByWeek } from '@/insights/weekly-series';
import { adSiteSummary, declarationSummary, stationSummary, visitsSummary } from '@/insights/task-forces';
import { defectRowsByObject } from '@/insights/lookup';
import { useAppStore } from '@/store/store';
import { selectAsOfDate } from '@/store/selectors';

export function useZoneRanking() {
  const result = useAppStore((s) => s.engineResult);
  return useMemo(() => (result ? rankZones(result) : null), [result]);
}

export function useStreetRanking() {
  const result = useAppStore((s) => s.engineResult);
  const campaign = useAppStore((s) => s.dataset?.data.campaign);
  const streets = useAppStore((s) => s.dataset?.data.streets);
  return useMemo(
    () => (result && campaign && streets ? rankStreets(result, campaign, streets) : null),
    [result, campaign, streets],
  );
}

export function useTaskForceProgress() {
  const campaign = useAppStore((s) => s.dataset?.data.campaign);
  const defects = useAppStore((s) => s.dataset?.data.defects);
  const asOfDate = useAppStore(selectAsOfDate);
  return useMemo(
    () => (campaign && defects && asOfDate ? taskForceProgress(campaign, defects, asOfDate) : null),
    [campaign, defects, asOfDate],
  );
}

export function useRedBlackList() {
  const campaign = useAppStore((s) => s.dataset?.data.campaign);
  const defects = useAppStore((s) => s.dataset?.data.defects);
  const details = useAppStore((s) => s.dataset?.data.defectDetails ?? null);
  const asOfDate = useAppStore(selectAsOfDate);
  return useMemo(
    () => (campaign && defects && asOfDate ? redBlackList(campaign, defects, details, asOfDate) : null),
    [campaign, defects, details, asOfDate],
  );
}

export function useWeeklySeries() {
  const campaign = useAppStore((s) => s.dataset?.data.campaign);
  const defects = useAppStore((s) => s.dataset?.data.defects);
  const details = useAppStore((s) => s.dataset?.data.defectDetails ?? null);
  const asOfDate = useAppStore(selectAsOfDate);
  return useMemo(
    () => (campaign && defects && asOfDate ? openClosedByWeek(campaign, defects, details, asOfDate) : null),
    [campaign, defects, details, asOfDate],
  );
}

export function useStationSummary() {
  const stations = useAppStore((s) => s.dataset?.data.stations);
  return useMemo(() => (stations ? stationSummary(stations) : null), [stations]);
}

export function useAdSiteSummary() {
  const campaign = useAppStore((s) => s.dataset?.data.campaign);
  const adsites = useAppStore((s) => s.dataset?.data.adsites);
  return useMemo(() => (campaign && adsites ? adSiteSummary(campaign, adsites) : null), [campaign, adsites]);
}

export function useVisitsSummary() {
  const visits = useAppStore((s) => s.dataset?.data.visits);
  const communities = useAppStore((s) => s.dataset?.data.communities ?? null);
  return useMemo(() => (visits ? visitsSummary(visits, communities) : null), [visits, communities]);
}

export function useDeclarationSummary() {
  const entries = useAppStore((s) => s.dataset?.data.declarations);
  const asOfDate = useAppStore(selectAsOfDate);
  return useMemo(() => (entries && asOfDate ? declarationSummary(entries, asOfDate) : null), [entries, asOfDate]);
}

export function useDefectRowsByObject() {
  const defects = useAppStore((s) => s.dataset?.data.defects);
  return useMemo(() => (defects ? defectRowsByObject(defects) : null), [defects]);
}
