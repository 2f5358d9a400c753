/**
 * The big screen (大屏, `?screen=big`): one dark 16:9 wall, read from 3 m, that never scrolls. Every size is in
 * viewport units (big-screen.css), so 1080p and 4K show the same layout with text from 2.3vh (25 px at 1080p)
 * up. The map takes the left; the right holds the key figures and countdowns, the top zones, progress per task
 * force, the red/black list of units, the weekly trend (uPlot, loaded only here) and the mock inspection's
 * expected pass rate. The map tours the top zones one after another (every 12 s, `?tour=N` seconds, `?tour=off`
 * to start stopped); a button stops it, picking a zone stops it, and it starts stopped when the system asks for
 * reduced motion. The data reload themselves when the server publishes a new manifest (use-workspace-data); the
 * "数据更新于 …" line says which data are on show.
 */
import { useEffect, useRef, useState } from 'react';
import { taskForceByCode, unitByCode } from '@/campaign/model';
import { mockInspectionOf } from '@/campaign/mock-inspection';
import type { Campaign } from '@/campaign/types';
import { zoneBBox } from '@/insights/lookup';
import type { RankedZone } from '@/insights/ranking';
import type { UnitRecord } from '@/insights/units';
import { TopZones } from '@/panels/CommanderPanel';
import { ClusterList } from '@/panels/ClusterList';
import { DetailsPanel } from '@/panels/DetailsPanel';
import { KeyFigures } from '@/panels/KeyFigures';
import { formatShare } from '@/panels/insight-text';
import { useAppStore } from '@/store/store';
import { useRedBlackList, useTaskForceProgress, useZoneRanking } from '@/store/use-insights';
import { useMockInspection } from '@/store/use-mock-inspection';
import { formatCount, formatInstant } from '@/ui/format';
import { named, useT } from '@/ui/i18n';
import { BigTrendChart } from './BigTrendChart';
import { DataBanner } from './DataBanner';
import { MapArea } from './MapArea';
import { deskHref } from './screen-mode';
import { useWorkspaceData } from './use-workspace-data';
import './big-screen.css';

/** Zones listed on the wall and toured: enough to dispatch from, few enough to read across a room. */
const TOP_ZONES = 5;
/** Seconds between two tour stops. */
const TOUR_SECONDS = 12;
/** Shortest tour step a link may ask for (`?tour=3` in the browser tests). */
const MIN_TOUR_SECONDS = 2;

export function BigScreen() {
  const t = useT();
  const { expandCluster, campaign, bounds } = useWorkspaceData();
  const lang = useAppStore((s) => s.lang);
  const sample = useAppStore((s) => s.dataset?.manifest?.sample === true);
  const generatedAt = useAppStore((s) => s.dataset?.manifest?.generatedAt);
  const zones = useZoneRanking();
  const tour = useTour(zones);

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = `${t('appTitle')} · ${t('bigScreenTitle')}`;
  }, [lang, t]);

  return (
    <div className="big-screen">
      <header className="big-head">
        <h1>
          {t('appTitle')}
          {campaign && <span className="district"> · {named(lang, campaign.district)}</span>}
        </h1>
        {sample && <span className="badge sample">{t('sampleData')}</span>}
        <span className="spacer" />
        {generatedAt && campaign && (
          <span className="updated" data-testid="data-updated-at" data-generated-at={generatedAt}>
            {t('bigScreenUpdated', { time: formatInstant(generatedAt, lang, campaign.timezone) })}
          </span>
        )}
        <button
          type="button"
          className="tour-toggle"
          aria-pressed={tour.on}
          onClick={() => tour.set(!tour.on)}
          data-testid="tour-toggle"
        >
          {tour.on ? t('bigTourStop') : t('bigTourStart')}
        </button>
        <a className="exit" href={deskHref(window.location.pathname, window.location.search)} data-testid="big-exit">
          {t('bigScreenExit')}
        </a>
      </header>
      <DataBanner />
      <main className="big-body">
        <div className="big-map">
          <MapArea campaign={campaign} bounds={bounds} expandCluster={expandCluster}>
            {tour.on && tour.zone && (
              <p className="tour-caption" data-testid="tour-caption">
                {t('bigTourAt', { name: tour.zone.zone.anchorName })}
              </p>
            )}
            <div className="big-map-overlay">
              <ClusterList />
              <DetailsPanel />
            </div>
          </MapArea>
        </div>
        <div className="big-col">
          <section className="tile kpis">
            <KeyFigures big />
          </section>
          {campaign && (
            <section className="tile top" onClickCapture={() => tour.set(false)}>
              <h2>{t('bigScreenTopZones')}</h2>
              <TopZones campaign={campaign} limit={TOP_ZONES} />
            </section>
          )}
          {campaign && <BigProgress campaign={campaign} />}
        </div>
        <div className="big-col">
          {campaign && <BigRedBlack campaign={campaign} />}
          <section className="tile trend">
            <h2>{t('bigTrendTitle')}</h2>
            <BigTrendChart />
          </section>
          {campaign && <BigMock campaign={campaign} />}
        </div>
      </main>
    </div>
  );
}

/**
 * The tour: the map fits each top zone in turn. On by default unless the link says `tour=off` or the system
 * asks for reduced motion.
 */
function useTour(zones: RankedZone[] | null) {
  const [on, set] = useState(() => {
    const param = new URLSearchParams(window.location.search).get('tour');
    const reduced = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
    return param !== 'off' && !reduced;
  });
  const [stop, setStop] = useState(0);
  const seconds = tourSeconds();
  const top = zones?.slice(0, TOP_ZONES) ?? [];
  const ids = top.map((z) => z.zone.id).join(',');
  // The tour reads the latest list at each step without restarting while the same zones stay on top.
  const topRef = useRef(top);
  useEffect(() => {
    topRef.current = top;
  });

  useEffect(() => {
    if (!on || ids === '') return;
    let k = 0;
    const step = () => {
      const list = topRef.current;
      if (list.length === 0) return;
      const i = k++ % list.length;
      setStop(i);
      useAppStore.getState().focusOn(zoneBBox(list[i].zone));
    };
    step();
    const timer = window.setInterval(step, seconds * 1000);
    return () => window.clearInterval(timer);
  }, [on, ids, seconds]);

  return { on, set, zone: top[stop] ?? null };
}

function tourSeconds(): number {
  const value = Number(new URLSearchParams(window.location.search).get('tour'));
  return Number.isFinite(value) && value >= MIN_TOUR_SECONDS ? value : TOUR_SECONDS;
}

function BigProgress({ campaign }: { campaign: Campaign }) {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const progress = useTaskForceProgress();
  return (
    <section className="tile progress">
      <h2>{t('tabProgress')}</h2>
      <ul className="big-progress" data-testid="big-progress">
        {(progress ?? [])
          .filter((p) => p.total > 0)
          .map((p) => {
            const tf = taskForceByCode(campaign, p.taskForce);
            return (
              <li key={p.taskForce}>
                <span className="big-progress-name">{tf ? named(lang, tf) : p.taskForce}</span>
                <span className="big-bar" aria-hidden="true">
                  <span className="big-bar-closed" style={{ width: `${(100 * p.closed) / p.total}%` }} />
                </span>
                <span className="big-progress-share">{formatShare(p.closedShare, lang)}</span>
              </li>
            );
          })}
      </ul>
    </section>
  );
}

function BigRedBlack({ campaign }: { campaign: Campaign }) {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const list = useRedBlackList();
  const rows = (units: UnitRecord[], testId: string) => (
    <ol className="big-units" data-testid={testId}>
      {units.map((u) => {
        const unit = unitByCode(campaign, u.unit);
        return (
          <li key={u.unit}>
            <span className="big-unit-name">{unit ? named(lang, unit) : u.unit}</span>
            <span className="big-unit-figures">
              {t('bigUnitLine', { rate: formatShare(u.closureRate, lang), n: formatCount(u.overdue, lang) })}
            </span>
          </li>
        );
      })}
    </ol>
  );
  return (
    <section className="tile redblack">
      <h2>{t('bigRedBlackTitle')}</h2>
      <p className="big-redblack-head">{t('bigUnitHead')}</p>
      {list && (
        <div className="big-redblack">
          <div className="red">
            <h3>{t('redList')}</h3>
            {rows(list.red, 'big-red-list')}
          </div>
          <div className="black">
            <h3>{t('blackList')}</h3>
            {rows(list.black, 'big-black-list')}
          </div>
        </div>
      )}
    </section>
  );
}

function BigMock({ campaign }: { campaign: Campaign }) {
  useMockInspection();
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const run = useAppStore((s) => s.mockRun);
  const evaluation = run ? campaign.evaluations.find((e) => e.code === run.evaluation) : undefined;
  const note = named(lang, mockInspectionOf(campaign).note);
  return (
    <section className="tile mock" data-testid="big-mock" title={note}>
      <h2>
        {t('mockBigTitle')}
        {evaluation && ` · ${named(lang, evaluation)}`}
      </h2>
      {run ? (
        <p className="big-mock-figures">
          <strong data-testid="big-mock-rate">{formatShare(run.result.overall.expectedRate, lang)}</strong>
          <span>
            {t('mockSpread', {
              low: formatShare(run.result.overall.p10, lang),
              high: formatShare(run.result.overall.p90, lang),
            })}
          </span>
        </p>
      ) : (
        <p>{t('mockRunning')}</p>
      )}
    </section>
  );
}
