/**
 * The mock inspection panel (模拟测评): for the chosen evaluation (省测/国测), the expected pass rate overall and per
 * kind of site with its 10th–90th percentile over the draws, the chance that a visit finds nothing, the sites
 * that fail most often in the draws (a click selects the site and flies there), the trend over the last report
 * weeks, and a switch that draws one example sample on the map. The settings' note says the sample sizes are
 * settings, not the plan's. The run happens in the mock-inspection worker (use-mock-inspection.ts).
 */
import { useId } from 'react';
import { categoryByCode } from '@/campaign/model';
import { mockInspectionOf } from '@/campaign/mock-inspection';
import type { Campaign, MockInspectionSettings } from '@/campaign/types';
import { geometryBBox } from '@/insights/lookup';
import type { MockFailingSite, MockRun } from '@/insights/mock-inspection';
import { useAppStore } from '@/store/store';
import { findObject } from '@/store/selectors';
import { mockEvaluationCode, useMockInspection } from '@/store/use-mock-inspection';
import { selectAsOfDate } from '@/store/selectors';
import { formatCount, formatDate } from '@/ui/format';
import { named, useT, type Lang } from '@/ui/i18n';
import { formatShare } from './insight-text';
import './mock-inspection.css';

/** Failing sites listed: enough to assign the work, short enough to read. */
const TOP_SITES = 8;
/** Reasons shown per failing site. */
const TOP_REASONS = 4;

export function MockInspectionPanel() {
  useMockInspection();
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const campaign = useAppStore((s) => s.dataset?.data.campaign);
  const sample = useAppStore((s) => s.dataset?.manifest?.sample === true);
  const run = useAppStore((s) => s.mockRun);
  const status = useAppStore((s) => s.mockStatus);
  const error = useAppStore((s) => s.mockError);
  const chosen = useAppStore((s) => s.mockEvaluation);
  const asOfDate = useAppStore(selectAsOfDate);
  const showExample = useAppStore((s) => s.mockShowExample);
  const setEvaluation = useAppStore((s) => s.setMockEvaluation);
  const setShowExample = useAppStore((s) => s.setMockShowExample);
  const titleId = useId();
  if (!campaign || !asOfDate) return null;
  const settings = mockInspectionOf(campaign);
  const current = mockEvaluationCode(campaign, chosen, asOfDate);
  const shown = run && run.evaluation === current ? run : null;

  return (
    <section className="panel mock-inspection" aria-labelledby={titleId} data-testid="mock-inspection">
      <h2 id={titleId}>
        {t('mockTitle')} {sample && <span className="badge sample">{t('sampleData')}</span>}
      </h2>
      <div className="mock-evaluations" role="group" aria-label={t('mockEvaluationPick')}>
        {settings.evaluations.map((e) => {
          const evaluation = campaign.evaluations.find((x) => x.code === e.evaluation);
          return (
            <button
              key={e.evaluation}
              type="button"
              aria-pressed={current === e.evaluation}
              onClick={() => setEvaluation(e.evaluation)}
              data-testid={`mock-evaluation-${e.evaluation}`}
            >
              {evaluation ? named(lang, evaluation) : e.evaluation}
            </button>
          );
        })}
      </div>
      <p className="mock-note">{named(lang, settings.note)}</p>
      <p className="muted">{t('mockIntro', { draws: formatCount(settings.draws, lang), seed: settings.seed })}</p>
      {status === 'error' && error && (
        <p role="alert" className="error">
          {t('mockFailed', { message: error })}
        </p>
      )}
      {!shown ? (
        status !== 'error' && (
          <p role="status" className="muted">
            {t('mockRunning')}
          </p>
        )
      ) : (
        <MockResultView
          run={shown}
          campaign={campaign}
          settings={settings}
          lang={lang}
          pending={status === 'running'}
          showExample={showExample}
          setShowExample={setShowExample}
        />
      )}
    </section>
  );
}

interface ResultProps {
  run: MockRun;
  campaign: Campaign;
  settings: MockInspectionSettings;
  lang: Lang;
  pending: boolean;
  showExample: boolean;
  setShowExample: (show: boolean) => void;
}

function MockResultView({ run, campaign, settings, lang, pending, showExample, setShowExample }: ResultProps) {
  const t = useT();
  const { overall, kinds, topFailing, example } = run.result;
  const siteName = (code: string) => {
    const kind = settings.sites.find((s) => s.code === code);
    return kind ? named(lang, kind) : code;
  };
  return (
    <div className="mock-result" aria-busy={pending} data-testid="mock-result">
      <p className="mock-overall">
        <span className="mock-label">
          {t('mockExpected')} · {t('mockAsOf', { date: formatDate(run.asOfDate, lang) })}
        </span>
        <strong className="mock-rate" data-testid="mock-overall-rate">
          {formatShare(overall.expectedRate, lang)}
        </strong>
        <span>{t('mockSpread', { low: formatShare(overall.p10, lang), high: formatShare(overall.p90, lang) })}</span>
        <span>{t('mockAllPass', { share: formatShare(overall.allPassShare, lang) })}</span>
      </p>
      <table className="mock-kinds" data-testid="mock-kinds">
        <thead>
          <tr>
            <th scope="col">{t('mockKind')}</th>
            <th scope="col">{t('mockSampled')}</th>
            <th scope="col">{t('mockFailing')}</th>
            <th scope="col">{t('mockRate')}</th>
            <th scope="col">{t('mockRange')}</th>
          </tr>
        </thead>
        <tbody>
          {kinds.map((k) => (
            <tr key={k.site}>
              <th scope="row">{siteName(k.site)}</th>
              <td>
                {k.sampled} / {formatCount(k.population, lang)}
              </td>
              <td>{formatCount(k.failing, lang)}</td>
              <td>{k.sampled > 0 ? formatShare(k.expectedRate, lang) : t('mockNoSites')}</td>
              <td>{k.sampled > 0 ? `${formatShare(k.p10, lang)}–${formatShare(k.p90, lang)}` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('mockTopTitle')}</h3>
      {topFailing.length === 0 ? (
        <p className="muted">{t('mockTopNone')}</p>
      ) : (
        <ol className="mock-top" data-testid="mock-top">
          {topFailing.slice(0, TOP_SITES).map((s) => (
            <FailingSite
              key={s.id}
              site={s}
              draws={run.result.draws}
              campaign={campaign}
              lang={lang}
              kindName={siteName(s.site)}
              settings={settings}
            />
          ))}
        </ol>
      )}
      {run.trend.length > 1 && (
        <>
          <h3>{t('mockTrendTitle')}</h3>
          <table className="mock-trend" data-testid="mock-trend">
            <thead>
              <tr>
                <th scope="col">{t('mockTrendDate')}</th>
                <th scope="col">{t('mockRate')}</th>
              </tr>
            </thead>
            <tbody>
              {run.trend.map((p) => (
                <tr key={p.date}>
                  <th scope="row">{formatDate(p.date, lang)}</th>
                  <td>
                    <span className="mock-bar" style={{ width: `${(p.expectedRate ?? 0) * 100}%` }} />
                    <span className="mock-bar-value">{formatShare(p.expectedRate, lang)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <label className="mock-example">
        <input
          type="checkbox"
          checked={showExample}
          onChange={(e) => setShowExample(e.target.checked)}
          data-testid="mock-show-example"
        />
        {t('mockShowExample', { n: example.length })}
      </label>
      {showExample && <p className="muted">{t('mockExampleLegend')}</p>}
    </div>
  );
}

interface FailingSiteProps {
  site: MockFailingSite;
  draws: number;
  campaign: Campaign;
  settings: MockInspectionSettings;
  lang: Lang;
  kindName: string;
}

function FailingSite({ site, draws, campaign, settings, lang, kindName }: FailingSiteProps) {
  const t = useT();
  const select = useAppStore((s) => s.select);
  const focusOn = useAppStore((s) => s.focusOn);
  // The most frequent few reasons: enough to assign the work without a wall of categories.
  const reasons = site.reasons
    .slice(0, TOP_REASONS)
    .map((code) => {
      const found = categoryByCode(campaign, code);
      return found ? named(lang, found.category) : code;
    })
    .join(lang === 'zh' ? '、' : ', ')
    .concat(site.reasons.length > TOP_REASONS ? (lang === 'zh' ? ' 等' : ', …') : '');
  const onClick = () => {
    const kind = settings.sites.find((s) => s.code === site.site)?.kind;
    if (!kind) return;
    select({ kind, id: site.id });
    const feature = findObject(useAppStore.getState().dataset, { kind, id: site.id });
    const bbox = feature ? geometryBBox(feature.geometry) : null;
    if (bbox) focusOn(bbox);
  };
  return (
    <li>
      <button type="button" className="mock-site-link" onClick={onClick}>
        {site.name}
      </button>{' '}
      <span className="muted">{kindName}</span>
      <span className="mock-top-share">{t('mockTopRow', { share: formatShare(site.failedDraws / draws, lang) })}</span>
      <span className="mock-top-why">{reasons}</span>
    </li>
  );
}
