/**
 * The task forces that are not zones, each as a section of the commander's "task forces" tab: volunteer stations
 * (three-element check and spot-check faults), public-ad sites (scene photos against the plan's range), door-to-
 * door visits per community, and the online-declaration checklist with days left. Stations and ad sites are
 * buttons that select the object and show it on the map.
 */
import { useState, type ReactNode } from 'react';
import { named, useT } from '@/ui/i18n';
import { formatCount, formatDate } from '@/ui/format';
import { categoryByCode } from '@/campaign/model';
import type { Campaign, ObjectKind } from '@/campaign/types';
import { geometryBBox } from '@/insights/lookup';
import { STATION_ELEMENTS } from '@/insights/task-forces';
import { useAppStore } from '@/store/store';
import { findObject } from '@/store/selectors';
import { formatShare } from './insight-text';
import { checkMark, ELEMENT_LABEL } from './ObjectExtras';
import { useAdSiteSummary, useDeclarationSummary, useStationSummary, useVisitsSummary } from '@/store/use-insights';

/** Rows of each list shown before "show all". */
const ROWS_SHOWN = 8;

export function TaskForceSections({ campaign }: { campaign: Campaign }) {
  return (
    <>
      <Stations campaign={campaign} />
      <AdSites />
      <Visits />
      <Declarations />
    </>
  );
}

function Stations({ campaign }: { campaign: Campaign }) {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const s = useStationSummary();
  if (!s) return null;
  return (
    <section className="tf-section" data-testid="stations-section">
      <h3>{t('stationsTitle')}</h3>
      <p>
        <strong data-testid="stations-complete">
          {t('stationsComplete', { n: formatCount(s.complete, lang), total: formatCount(s.total, lang) })}
        </strong>{' '}
        · <span className="error-text">{t('stationsIncomplete', { n: formatCount(s.incomplete, lang) })}</span> ·{' '}
        {t('stationsUnchecked', { n: formatCount(s.unchecked, lang) })}
      </p>
      <p className="muted small">
        {STATION_ELEMENTS.map((e) => t('elementMissing', { name: t(ELEMENT_LABEL[e]), n: s.missing[e] })).join(' · ')}
      </p>
      {s.faults.length > 0 && (
        <p className="small">
          {t('stationsFaults')}:{' '}
          {s.faults
            .map(({ code, stations }) => {
              const c = categoryByCode(campaign, code)?.category;
              return `${c ? named(lang, c) : code} ${stations}`;
            })
            .join(lang === 'zh' ? '、' : ', ')}
        </p>
      )}
      <ShowMore
        items={s.stations.filter((x) => x.complete !== true || x.faults.length > 0)}
        render={(x) => (
          <li key={x.id}>
            <ObjectButton kind="station" id={x.id} name={x.name} />
            <span className="muted small">
              {' '}
              {STATION_ELEMENTS.map((e) => `${checkMark(x.elements[e])}${t(ELEMENT_LABEL[e])}`).join(' ')}
            </span>
          </li>
        )}
      />
    </section>
  );
}

function AdSites() {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const a = useAdSiteSummary();
  if (!a) return null;
  return (
    <section className="tf-section" data-testid="adsites-section">
      <h3>{t('adsitesTitle')}</h3>
      <p>
        {t('adsitesPhotos', { submitted: formatCount(a.photosSubmitted, lang), min: a.range.min, max: a.range.max })}
        {' · '}
        <span className="error-text" data-testid="adsites-short">
          {t('adsitesShort', { n: formatCount(a.byPhotos.short, lang) })}
        </span>
        {a.byPhotos.over > 0 && ` · ${t('adsitesOver', { n: formatCount(a.byPhotos.over, lang) })}`}
      </p>
      <p className="muted small">
        {t('adsitesLandscape', { n: formatCount(a.landscape, lang), short: formatCount(a.landscapeShort, lang) })}
      </p>
      <ShowMore
        items={a.sites.filter((x) => x.photos !== 'ok')}
        render={(x) => (
          <li key={x.id}>
            <ObjectButton kind="adsite" id={x.id} name={x.name} />
            <span className="muted small"> {t('adsitePhotosOf', { n: x.photosSubmitted, short: x.photosShort })}</span>
          </li>
        )}
      />
    </section>
  );
}

function Visits() {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const v = useVisitsSummary();
  if (!v) return null;
  return (
    <section className="tf-section" data-testid="visits-section">
      <h3>{t('visitsTitle')}</h3>
      <p>
        {t('visitsTotal', {
          visited: formatCount(v.visited, lang),
          households: formatCount(v.households, lang),
          rate: formatShare(v.coverage, lang),
          satisfaction: formatShare(v.satisfaction, lang),
        })}
      </p>
      <ShowMore
        items={v.communities}
        render={(c) => (
          <li key={c.community}>
            <ObjectButton kind="community" id={c.community} name={c.name} />
            <div className="muted small">
              {t('visitsCommunity', {
                rate: formatShare(c.coverage, lang),
                satisfaction:
                  c.satisfaction !== null
                    ? formatShare(c.satisfaction, lang)
                    : t(c.satisfactionSuppressed ? 'visitsFewAnswers' : 'visitsNoAnswers'),
                heads: c.stairwellHeads,
                stairwells: c.stairwells,
              })}
            </div>
          </li>
        )}
      />
      {v.suppressed.length > 0 && (
        <ul className="plain members" data-testid="visits-suppressed">
          {v.suppressed.map((c) => (
            <li key={c.community}>
              <ObjectButton kind="community" id={c.community} name={c.name} />
              <div className="muted small">{t('visitsSuppressed', { n: c.minHouseholds })}</div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Declarations() {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const d = useDeclarationSummary();
  if (!d) return null;
  const timing = (daysLeft: number | null): string =>
    daysLeft === null
      ? t('declarationSubmitted')
      : daysLeft === 0
        ? t('declarationDueToday')
        : daysLeft > 0
          ? t('declarationDaysLeft', { n: daysLeft })
          : t('declarationOverdue', { n: -daysLeft });
  return (
    <section className="tf-section" data-testid="declarations-section">
      <h3>{t('declarationsTitle')}</h3>
      <p>{t('declarationsSummary', { submitted: d.submitted, overdue: d.overdue, pending: d.pending })}</p>
      <ul className="plain declarations">
        {d.rows.map(({ entry, daysLeft }) => (
          <li key={entry.id} data-testid={`declaration-item-${entry.id}`}>
            <strong>{entry.entry}</strong> <span className="muted">{formatDate(entry.deadline, lang)}</span>{' '}
            <span className={daysLeft !== null && daysLeft < 0 ? 'error-text' : undefined}>{timing(daysLeft)}</span>
            <div className="small clamp">{entry.content}</div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function ShowMore<T>({ items, render }: { items: T[]; render: (item: T) => ReactNode }) {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const [all, setAll] = useState(false);
  if (items.length === 0) return null;
  return (
    <>
      <ul className="plain members">{(all ? items : items.slice(0, ROWS_SHOWN)).map(render)}</ul>
      {items.length > ROWS_SHOWN && (
        <button type="button" className="link-button" onClick={() => setAll(!all)}>
          {all ? t('showLess') : t('showAll', { n: formatCount(items.length, lang) })}
        </button>
      )}
    </>
  );
}

/** The object's name as a button: selects it and shows it on the map. */
function ObjectButton({ kind, id, name }: { kind: ObjectKind; id: string; name: string }) {
  const select = useAppStore((s) => s.select);
  const focusOn = useAppStore((s) => s.focusOn);
  const dataset = useAppStore((s) => s.dataset);
  return (
    <button
      type="button"
      className="link-button"
      onClick={() => {
        select({ kind, id });
        const feature = findObject(dataset, { kind, id });
        const box = feature ? geometryBBox(feature.geometry) : null;
        if (box) focusOn(box);
      }}
    >
      {name}
    </button>
  );
}
