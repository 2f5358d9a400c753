/**
 * The commander's panel: key figures, then tabs for the priority ranking of zones and streets (a click selects
 * the zone or street and flies the map there), progress per task force, the red/black list of units, found versus
 * closed per week, and the task forces that are not zones (stations, ad sites, visits, declarations).
 */
import { useId, useState, type KeyboardEvent } from 'react';
import { named, useT, type MessageKey } from '@/ui/i18n';
import { formatCount } from '@/ui/format';
import { taskForceByCode, unitByCode } from '@/campaign/model';
import type { Campaign } from '@/campaign/types';
import { geometryBBox, zoneBBox } from '@/insights/lookup';
import type { RankedStreet, RankedZone } from '@/insights/ranking';
import type { UnitRecord } from '@/insights/units';
import { useAppStore } from '@/store/store';
import { findObject } from '@/store/selectors';
import { formatScore, formatShare, scoreSumText } from './insight-text';
import { KeyFigures } from './KeyFigures';
import { TaskForceSections } from './TaskForcePanels';
import {
  useRedBlackList,
  useStreetRanking,
  useTaskForceProgress,
  useWeeklySeries,
  useZoneRanking,
} from '@/store/use-insights';
import { WeeklyChart } from './WeeklyChart';
import './commander.css';

type Tab = 'ranking' | 'progress' | 'redBlack' | 'weekly' | 'taskForces';
const TABS: { id: Tab; label: MessageKey }[] = [
  { id: 'ranking', label: 'tabRanking' },
  { id: 'progress', label: 'tabProgress' },
  { id: 'redBlack', label: 'tabRedBlack' },
  { id: 'weekly', label: 'tabWeekly' },
  { id: 'taskForces', label: 'tabTaskForces' },
];
/** Ranking rows shown at first and added by each "show more". */
const RANKING_PAGE = 10;

export function CommanderPanel() {
  const t = useT();
  const campaign = useAppStore((s) => s.dataset?.data.campaign);
  const [tab, setTab] = useState<Tab>('ranking');
  const base = useId();
  if (!campaign) return null;
  // Arrow keys move between tabs, as in the WAI-ARIA tabs pattern; Tab then enters the panel.
  const onKey = (e: KeyboardEvent) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const next = TABS[(TABS.findIndex((x) => x.id === tab) + step + TABS.length) % TABS.length].id;
    setTab(next);
    document.getElementById(`${base}-tab-${next}`)?.focus();
  };
  return (
    <section className="panel commander" aria-labelledby={`${base}-title`} data-testid="commander-panel">
      <h2 id={`${base}-title`}>{t('commanderTitle')}</h2>
      <KeyFigures />
      <div role="tablist" className="tabs" aria-label={t('commanderTitle')} onKeyDown={onKey}>
        {TABS.map(({ id, label }) => (
          <button
            key={id}
            id={`${base}-tab-${id}`}
            type="button"
            role="tab"
            aria-selected={tab === id}
            aria-controls={`${base}-panel`}
            tabIndex={tab === id ? 0 : -1}
            onClick={() => setTab(id)}
            data-testid={`commander-tab-${id}`}
          >
            {t(label)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${base}-panel`} aria-labelledby={`${base}-tab-${tab}`} tabIndex={0}>
        {tab === 'ranking' && <Ranking campaign={campaign} />}
        {tab === 'progress' && <Progress campaign={campaign} />}
        {tab === 'redBlack' && <RedBlack campaign={campaign} />}
        {tab === 'weekly' && <Weekly />}
        {tab === 'taskForces' && <TaskForceSections campaign={campaign} />}
      </div>
    </section>
  );
}

function Ranking({ campaign }: { campaign: Campaign }) {
  const t = useT();
  const [of, setOf] = useState<'zones' | 'streets'>('zones');
  const [shown, setShown] = useState(RANKING_PAGE);
  const zones = useZoneRanking();
  const streets = useStreetRanking();
  const list = of === 'zones' ? zones : streets;
  const w = campaign.priority.weights;
  return (
    <>
      <div className="segmented" role="group">
        {(['zones', 'streets'] as const).map((k) => (
          <button
            key={k}
            type="button"
            aria-pressed={of === k}
            onClick={() => {
              setOf(k);
              setShown(RANKING_PAGE);
            }}
            data-testid={`ranking-of-${k}`}
          >
            {t(k === 'zones' ? 'rankingZones' : 'rankingStreets')}
          </button>
        ))}
      </div>
      {list === null ? (
        <p className="muted">{t('rankingNoResult')}</p>
      ) : list.length === 0 ? (
        <p className="muted">{t('rankingEmpty')}</p>
      ) : (
        <ol className="ranking" data-testid="ranking-list">
          {of === 'zones'
            ? (list as RankedZone[])
                .slice(0, shown)
                .map((r, i) => <ZoneRow key={r.zone.id} campaign={campaign} item={r} index={i} />)
            : (list as RankedStreet[]).slice(0, shown).map((r, i) => <StreetRow key={r.streetId} item={r} index={i} />)}
        </ol>
      )}
      {list && list.length > shown && (
        <button type="button" className="link-button" onClick={() => setShown(shown + RANKING_PAGE)}>
          {t('rankingShowMore', { n: Math.min(RANKING_PAGE, list.length - shown) })}
        </button>
      )}
      <p className="muted rule-note">{t('rankingRule', { ...w })}</p>
    </>
  );
}

function ZoneRow({ campaign, item, index }: { campaign: Campaign; item: RankedZone; index: number }) {
  const lang = useAppStore((s) => s.lang);
  const t = useT();
  const select = useAppStore((s) => s.select);
  const focusOn = useAppStore((s) => s.focusOn);
  const selected = useAppStore((s) => s.selection?.kind === 'zone' && s.selection.id === item.zone.id);
  const rule = campaign.zoneRules.find((r) => r.id === item.zone.ruleId);
  return (
    <li>
      <button
        type="button"
        className="rank-item"
        aria-current={selected || undefined}
        onClick={() => {
          select({ kind: 'zone', id: item.zone.id });
          focusOn(zoneBBox(item.zone));
        }}
        data-testid={`ranking-item-${index}`}
        data-zone-id={item.zone.id}
      >
        <span className="rank-head">
          <span className="swatch" style={{ background: rule?.color }} aria-hidden="true" />
          <span className="rank-name">{item.zone.anchorName}</span>
          <span className="rank-score">{t('rankingScore', { score: formatScore(item.priority, lang) })}</span>
        </span>
        <span className="rank-why" data-testid={`ranking-reason-${index}`}>
          {rule ? `${named(lang, rule)} · ` : ''}
          {scoreSumText(lang, item.reasons, item.priorityUnits, item.priority)}
        </span>
      </button>
    </li>
  );
}

function StreetRow({ item, index }: { item: RankedStreet; index: number }) {
  const lang = useAppStore((s) => s.lang);
  const t = useT();
  const select = useAppStore((s) => s.select);
  const focusOn = useAppStore((s) => s.focusOn);
  const dataset = useAppStore((s) => s.dataset);
  const selected = useAppStore((s) => s.selection?.kind === 'street' && s.selection.id === item.streetId);
  return (
    <li>
      <button
        type="button"
        className="rank-item"
        aria-current={selected || undefined}
        onClick={() => {
          select({ kind: 'street', id: item.streetId });
          const feature = findObject(dataset, { kind: 'street', id: item.streetId });
          const box = feature ? geometryBBox(feature.geometry) : null;
          if (box) focusOn(box);
        }}
        data-testid={`ranking-item-${index}`}
        data-street-id={item.streetId}
      >
        <span className="rank-head">
          <span className="rank-name">{item.name}</span>
          <span className="rank-score">{t('rankingScore', { score: formatScore(item.priority, lang) })}</span>
        </span>
        <span className="rank-why" data-testid={`ranking-reason-${index}`}>
          {t(item.streetClass === 'main' ? 'streetMain' : 'streetBack')} ·{' '}
          {scoreSumText(lang, item.reasons, item.priorityUnits, item.priority)}
        </span>
      </button>
    </li>
  );
}

/** The first `limit` zones of the ranking, as the big screen shows them. */
export function TopZones({ campaign, limit }: { campaign: Campaign; limit: number }) {
  const zones = useZoneRanking();
  if (!zones) return null;
  return (
    <ol className="ranking" data-testid="top-zones">
      {zones.slice(0, limit).map((r, i) => (
        <ZoneRow key={r.zone.id} campaign={campaign} item={r} index={i} />
      ))}
    </ol>
  );
}

export function Progress({ campaign }: { campaign: Campaign }) {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const progress = useTaskForceProgress();
  if (!progress) return null;
  return (
    <ul className="plain progress-list" data-testid="progress-list">
      {progress.map((p) => {
        const tf = taskForceByCode(campaign, p.taskForce);
        return (
          <li key={p.taskForce} data-testid={`progress-${p.taskForce}`}>
            <div className="progress-label">
              <span>{tf ? named(lang, tf) : p.taskForce}</span>
              <span className="muted">{formatShare(p.closedShare, lang)}</span>
            </div>
            {p.total > 0 ? (
              <>
                <div className="bar" aria-hidden="true">
                  <span className="bar-closed" style={{ width: `${(100 * p.closed) / p.total}%` }} />
                  <span className="bar-overdue" style={{ width: `${(100 * p.overdue) / p.total}%` }} />
                </div>
                <div className="muted small">
                  {t('progressVerified', { closed: formatCount(p.closed, lang), total: formatCount(p.total, lang) })} ·{' '}
                  {t('progressOpen', { n: formatCount(p.open, lang) })} ·{' '}
                  <span className={p.overdue > 0 ? 'error-text' : undefined}>
                    {t('progressOverdue', { n: formatCount(p.overdue, lang) })}
                  </span>
                </div>
              </>
            ) : (
              <div className="muted small">{t('progressNoDefects')}</div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function RedBlack({ campaign }: { campaign: Campaign }) {
  const t = useT();
  const list = useRedBlackList();
  if (!list) return null;
  return (
    <>
      <h3 className="red-list-title">{t('redList')}</h3>
      <UnitList campaign={campaign} units={list.red} testId="red-list" />
      <h3 className="black-list-title">{t('blackList')}</h3>
      <UnitList campaign={campaign} units={list.black} testId="black-list" />
      <p className="muted rule-note">{t('redBlackRule', { min: list.options.minDefects, size: list.options.size })}</p>
    </>
  );
}

function UnitList({ campaign, units, testId }: { campaign: Campaign; units: UnitRecord[]; testId: string }) {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  if (units.length === 0) return <p className="muted">{t('redBlackEmpty')}</p>;
  return (
    <ol className="unit-list" data-testid={testId}>
      {units.map((u) => {
        const unit = unitByCode(campaign, u.unit);
        return (
          <li key={u.unit}>
            <strong>{unit ? named(lang, unit) : u.unit}</strong>
            <div className="muted small">
              {t('unitClosure', { rate: formatShare(u.closureRate, lang) })} ·{' '}
              {t('unitOverdue', { n: formatCount(u.overdue, lang) })} ·{' '}
              {u.avgDaysToClose === null ? t('unitNoClosed') : t('unitAvgDays', { n: u.avgDaysToClose.toFixed(1) })}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

function Weekly() {
  const weeks = useWeeklySeries();
  return weeks ? <WeeklyChart weeks={weeks} /> : null;
}
