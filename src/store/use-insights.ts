/**
 * The insights core (src/insights) bound to the store: each hook selects the few store values it needs and
 * recomputes only when they change, so the commander panels, the detail panel and the big screen share one
 * computation per input rather than each scanning the defects.
 *
 * The defect figures follow the inspector's filter: with a filter active they count the rows the defects worker
 * selected (`useFilterScope`), and the ranking scores zones and streets on the worker's roll-up of those rows.
 * Until the worker's first answer for a filter they are null (shown as "—"); while a newer filter is being
 * answered they keep the last answer's figures and `pending` says so.
 */
import { useMemo } from 'react';
import type { PriorityWeights } from '@/campaign/types';
import { isEmptyFilter } from '@/defects/filter';
import type { EngineResult, ObjectStatus, RollUp } from '@/geo/types';
import { rankStreets, rankZones } from '@/insights/ranking';
import { taskForceProgress } from '@/insights/progress';
import { scopeFigures, type ScopedFigures } from '@/insights/scope';
import { redBlackList } from '@/insights/units';
import { openClosedByWeek } from '@/insights/weekly-series';
import { adSiteSummary, declarationSummary, stationSummary, visitsSummary } from '@/insights/task-forces';
import { defectRowsByObject } from '@/insights/lookup';
import { useAppStore } from '@/store/store';
import { selectAsOfDate } from '@/store/selectors';
import { useHistories } from '@/store/use-details';

export interface FilterScope {
  /** A filter restricts the defects. */
  active: boolean;
  /** The worker's selected rows for the filter (undefined: every row); null while there is no answer yet. */
  rows: Uint32Array | undefined | null;
  /** Those rows rolled up onto the defect table's objects; null without a filter or before it comes. */
  rollup: RollUp | null;
  /** Selected and existing defects at the as-of date (for "按筛选：n / total"); null without an answer. */
  selected: number | null;
  total: number | null;
  /** The figures are the last answer's, not yet the current filter's. */
  pending: boolean;
}

/** Which defects the figures count (see the module comment). */
export function useFilterScope(): FilterScope {
  const filter = useAppStore((s) => s.defectFilter);
  const selection = useAppStore((s) => s.defectSelection);
  const defects = useAppStore((s) => s.dataset?.data.defects ?? null);
  const asOfDate = useAppStore(selectAsOfDate);
  return useMemo(() => {
    const active = !isEmptyFilter(filter);
    // An answer made from another data set names other rows: as good as none.
    const usable = selection && selection.columns === defects ? selection : null;
    const current = usable !== null && usable.filter === filter && usable.asOfDate === asOfDate;
    if (!active) {
      return { active, rows: undefined, rollup: null, selected: null, total: null, pending: false };
    }
    return {
      active,
      rows: usable ? usable.indexes : null,
      rollup: usable?.rollup ?? null,
      selected: usable ? usable.indexes.length : null,
      total: usable ? usable.total : null,
      pending: !current || usable.rollup === null,
    };
  }, [filter, selection, defects, asOfDate]);
}

/** The scope's rows for a core call: `{}` for every row, `{ rows }` under a filter, null while there are none. */
function useScopeRows(): { rows?: Uint32Array } | null {
  const { active, rows } = useFilterScope();
  return useMemo(() => (!active ? {} : rows ? { rows } : null), [active, rows]);
}

/**
 * The last `scopeFigures` answer for each engine result, so the ranking, the detail panel and the map share one
 * overlay per input. Keyed by the result rather than held in one module variable: a result belongs to one store,
 * so two stores (the app's, a test's) never see each other's figures, and the entry goes when the result does.
 */
const scopedByResult = new WeakMap<
  EngineResult,
  { rollup: RollUp; objectIds: readonly string[]; weights: PriorityWeights; scoped: ScopedFigures }
>();

function scopedOnce(result: EngineResult, objectIds: readonly string[], rollup: RollUp, weights: PriorityWeights) {
  const last = scopedByResult.get(result);
  if (last && last.rollup === rollup && last.objectIds === objectIds && last.weights === weights) return last.scoped;
  const scoped = scopeFigures(result, { objectIds, rollup }, weights);
  scopedByResult.set(result, { rollup, objectIds, weights, scoped });
  return scoped;
}

/**
 * The engine's figures with the filter's defect counts: `scoped` undefined without a filter (use the engine's),
 * `ready` false under a filter until the worker's roll-up is there.
 */
export function useScopedFigures(): { ready: boolean; scoped: ScopedFigures | undefined } {
  const scope = useFilterScope();
  const result = useAppStore((s) => s.engineResult);
  const objectIds = useAppStore((s) => s.dataset?.data.defects?.tables.object);
  const weights = useAppStore((s) => s.dataset?.data.campaign?.priority.weights);
  const { active, rollup } = scope;
  return useMemo(() => {
    if (!active) return { ready: true, scoped: undefined };
    if (!result || !rollup || !objectIds || !weights) return { ready: false, scoped: undefined };
    return { ready: true, scoped: scopedOnce(result, objectIds, rollup, weights) };
  }, [active, result, rollup, objectIds, weights]);
}

/**
 * Object statuses as the filter sees them: the scoped ones under a filter, else the engine's. While the worker
 * answers a first filter the engine's stay, so the map does not flash grey.
 */
export function useObjectStatus(): Record<string, ObjectStatus> | null {
  const result = useAppStore((s) => s.engineResult);
  const { scoped } = useScopedFigures();
  return scoped?.status ?? result?.status ?? null;
}

export function useZoneRanking() {
  const result = useAppStore((s) => s.engineResult);
  const { ready, scoped } = useScopedFigures();
  return useMemo(() => (result && ready ? rankZones(result, { scoped }) : null), [result, ready, scoped]);
}

export function useStreetRanking() {
  const result = useAppStore((s) => s.engineResult);
  const campaign = useAppStore((s) => s.dataset?.data.campaign);
  const streets = useAppStore((s) => s.dataset?.data.streets);
  const { ready, scoped } = useScopedFigures();
  return useMemo(
    () => (result && campaign && streets && ready ? rankStreets(result, campaign, streets, { scoped }) : null),
    [result, campaign, streets, ready, scoped],
  );
}

export function useTaskForceProgress() {
  const campaign = useAppStore((s) => s.dataset?.data.campaign);
  const defects = useAppStore((s) => s.dataset?.data.defects);
  const asOfDate = useAppStore(selectAsOfDate);
  const scope = useScopeRows();
  return useMemo(
    () => (campaign && defects && asOfDate && scope ? taskForceProgress(campaign, defects, asOfDate, scope) : null),
    [campaign, defects, asOfDate, scope],
  );
}

export function useRedBlackList() {
  const campaign = useAppStore((s) => s.dataset?.data.campaign);
  const defects = useAppStore((s) => s.dataset?.data.defects);
  const histories = useHistories();
  const asOfDate = useAppStore(selectAsOfDate);
  const scope = useScopeRows();
  return useMemo(
    () =>
      campaign && defects && asOfDate && scope ? redBlackList(campaign, defects, histories, asOfDate, scope) : null,
    [campaign, defects, histories, asOfDate, scope],
  );
}

export function useWeeklySeries() {
  const campaign = useAppStore((s) => s.dataset?.data.campaign);
  const defects = useAppStore((s) => s.dataset?.data.defects);
  const histories = useHistories();
  const asOfDate = useAppStore(selectAsOfDate);
  const scope = useScopeRows();
  return useMemo(
    () =>
      campaign && defects && asOfDate && scope ? openClosedByWeek(campaign, defects, histories, asOfDate, scope) : null,
    [campaign, defects, histories, asOfDate, scope],
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
