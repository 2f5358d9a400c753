/**
 * Runs the mock inspection (模拟测评) in its worker for the view that shows it: the data go to the worker once per
 * data set, and each change of evaluation or as-of date asks for a new run (1,000 draws at the date and at each
 * of the last report-week cut-offs before it, for the trend). An answer overtaken by a newer request is dropped.
 * The result lands in the store (mock-slice.ts), where the panel, the big screen and the map layer read it.
 */
import { useEffect, useMemo, useRef } from 'react';
import { mockInspectionOf } from '@/campaign/mock-inspection';
import { addDays } from '@/campaign/dates';
import { reportWeek } from '@/campaign/model';
import type { Campaign, IsoDate } from '@/campaign/types';
import type { DefectHistories } from '@/dataset/details';
import type { LoadedDataset } from '@/dataset/read';
import type { BaseProps, DefectColumns } from '@/dataset/types';
import { dataKeyOf, mapKinds } from '@/campaign/object-kinds';
import type { MockDefects, MockInput, MockObjects } from '@/insights/mock-inspection';
import { createMockClient, type MockClient } from '@/worker/mock-client';
import { useHistories } from './use-details';
import { useAppStore } from './store';
import { selectAsOfDate } from './selectors';

/** Report weeks before the as-of date shown in the trend. */
const TREND_WEEKS = 5;

let client: MockClient | null = null;
const theClient = () => (client ??= createMockClient());

/** The evaluation shown: the user's choice, else the first one on or after the as-of date, else the last. */
export function mockEvaluationCode(campaign: Campaign, chosen: string | null, asOfDate: IsoDate): string | null {
  const codes = mockInspectionOf(campaign).evaluations.map((e) => e.evaluation);
  if (chosen && codes.includes(chosen)) return chosen;
  const upcoming = campaign.evaluations.filter((e) => codes.includes(e.code) && e.date >= asOfDate);
  return upcoming[0]?.code ?? codes.at(-1) ?? null;
}

/** The report-week cut-offs before the as-of date, oldest first, then the date itself. */
export function trendDates(campaign: Campaign, asOfDate: IsoDate, weeks = TREND_WEEKS): IsoDate[] {
  const end = reportWeek(campaign, asOfDate).endDate;
  const cutOffs = Array.from({ length: weeks + 1 }, (_, k) => addDays(end, -7 * (weeks - k))).filter(
    (d) => d < asOfDate,
  );
  return [...cutOffs.slice(-weeks), asOfDate];
}

export function useMockInspection(): void {
  const dataset = useAppStore((s) => s.dataset);
  const asOfDate = useAppStore(selectAsOfDate);
  const chosen = useAppStore((s) => s.mockEvaluation);
  const histories = useHistories();
  const input = useMemo(() => (dataset ? mockInputOf(dataset, histories) : null), [dataset, histories]);
  const loaded = useRef<{ input: MockInput; done: Promise<number> } | null>(null);
  const latest = useRef(0);

  useEffect(() => {
    if (!input || !asOfDate) return;
    const evaluation = mockEvaluationCode(input.campaign, chosen, asOfDate);
    if (!evaluation) return;
    const ticket = ++latest.current;
    const store = useAppStore.getState();
    store.setMockRunning();
    if (loaded.current?.input !== input) loaded.current = { input, done: theClient().load(input) };
    loaded.current.done
      .then(() => theClient().run(evaluation, asOfDate, trendDates(input.campaign, asOfDate)))
      .then(
        (run) => ticket === latest.current && useAppStore.getState().setMockRun(run),
        (e: unknown) => ticket === latest.current && useAppStore.getState().setMockError(String(e)),
      );
  }, [input, asOfDate, chosen]);
}

function mockInputOf(dataset: LoadedDataset, histories: DefectHistories | null): MockInput | null {
  const { campaign, defects } = dataset.data;
  if (!campaign || !defects) return null;
  const d = dataset.data;
  const objects: MockObjects = mapKinds((kind) => {
    const fc = d[dataKeyOf(kind)] as { features: { properties: SiteProps }[] } | undefined;
    return (fc?.features ?? []).map(({ properties: p }) => ({
      id: p.id,
      name: p.name,
      streetClass: typeof p.streetClass === 'string' ? p.streetClass : undefined,
      onRoute: p.onRoute === true,
    }));
  });
  // Without the ids: the runs never name a defect, and a million ids would be cloned to the worker for nothing.
  return { campaign, objects, defects: withoutIds(defects), histories };
}

function withoutIds({ id, ...columns }: DefectColumns): MockDefects {
  void id;
  return columns;
}

type SiteProps = BaseProps & { streetClass?: unknown; onRoute?: unknown };
