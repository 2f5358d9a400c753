/**
 * What the detail panel adds for some kinds of object: a street's length in scope and the defects along it, a
 * volunteer station's three-element check and spot-check faults, an ad site's scene photos.
 */
import { useState } from 'react';
import type { Campaign } from '@/campaign/types';
import { isoFromDay } from '@/campaign/dates';
import { categoryByCode } from '@/campaign/model';
import { named, useT, type MessageKey } from '@/ui/i18n';
import { formatCount, formatDate, formatMetres } from '@/ui/format';
import type { AdSiteProps, StationProps } from '@/dataset/types';
import type { StationElement } from '@/insights/task-forces';
import { useAppStore } from '@/store/store';
import { Field } from './details-parts';
import { stateEntry } from './state-legend';
import { useDefectRowsByObject, useStreetRanking } from '@/store/use-insights';

/** Defects listed before "show all". */
const DEFECTS_SHOWN = 15;

export const ELEMENT_LABEL: Record<StationElement, MessageKey> = {
  sign: 'elementSign',
  volunteers: 'elementVolunteers',
  service: 'elementService',
};

export function StreetExtras({ campaign, streetId }: { campaign: Campaign; streetId: string }) {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const defects = useAppStore((s) => s.dataset?.data.defects);
  const selectDefectRow = useAppStore((s) => s.selectDefectRow);
  const ranked = useStreetRanking()?.find((s) => s.streetId === streetId);
  const rows = useDefectRowsByObject()?.get(streetId) ?? [];
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? rows : rows.slice(0, DEFECTS_SHOWN);
  return (
    <>
      {ranked && (
        <dl className="fields">
          <Field label={t('streetLength')}>{t('metresUnit', { m: formatMetres(ranked.lengthM, lang) })}</Field>
          <Field label={t('streetInScope')}>
            <span data-testid="street-in-scope">
              {t('metresUnit', { m: formatMetres(ranked.inScopeLengthM, lang) })}
            </span>
          </Field>
        </dl>
      )}
      <h4>{t('streetDefects', { n: formatCount(rows.length, lang) })}</h4>
      {rows.length === 0 || !defects ? (
        <p className="muted">{t('streetNoDefects')}</p>
      ) : (
        <ul className="plain members" data-testid="street-defects">
          {shown.map((row) => {
            const code = defects.tables.category[defects.category[row]];
            const category = categoryByCode(campaign, code)?.category;
            const state = stateEntry(campaign, defects.tables.state[defects.state[row]]);
            return (
              <li key={row}>
                <span className="swatch" style={{ background: state?.color }} aria-hidden="true" />
                <button type="button" className="link-button" onClick={() => void selectDefectRow(row)}>
                  {category ? named(lang, category) : code}
                </button>
                <span className="muted">
                  {' '}
                  {state ? named(lang, state.name) : ''}
                  {defects.deadline[row] > 0 &&
                    ` · ${t('detailsDeadline')} ${formatDate(isoFromDay(defects.deadline[row]), lang)}`}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {rows.length > DEFECTS_SHOWN && (
        <button type="button" className="link-button" onClick={() => setShowAll(!showAll)}>
          {showAll ? t('showLess') : t('showAll', { n: formatCount(rows.length, lang) })}
        </button>
      )}
    </>
  );
}

export function StationExtras({ campaign, station }: { campaign: Campaign; station: StationProps }) {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const elements: Record<StationElement, boolean | null> = {
    sign: station.hasSign,
    volunteers: station.volunteersPresent,
    service: station.hasServiceContent,
  };
  return (
    <dl className="fields">
      <Field label={t('stationElements')}>
        <ul className="plain elements" data-testid="station-elements">
          {(Object.keys(elements) as StationElement[]).map((e) => (
            <li key={e} className={elements[e] === false ? 'error-text' : undefined}>
              {checkMark(elements[e])} {t(ELEMENT_LABEL[e])}
            </li>
          ))}
        </ul>
      </Field>
      <Field label={t('stationFaults')}>
        {station.faults.length === 0
          ? t('no')
          : station.faults
              .map((code) => {
                const c = categoryByCode(campaign, code)?.category;
                return c ? named(lang, c) : code;
              })
              .join(lang === 'zh' ? '、' : ', ')}
      </Field>
    </dl>
  );
}

export function AdSiteExtras({ campaign, site }: { campaign: Campaign; site: AdSiteProps }) {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const { min, max } = campaign.adSitePhotos;
  const short = Math.max(0, min - site.photosSubmitted);
  return (
    <dl className="fields">
      <Field label={t('adsiteLandscape')}>{t(site.landscapeFeature ? 'yes' : 'no')}</Field>
      <Field label={t('adsitePhotos')}>
        <span className={short > 0 ? 'error-text' : undefined}>
          {t('adsitePhotosOf', { n: formatCount(site.photosSubmitted, lang), short: formatCount(short, lang) })}
        </span>{' '}
        <span className="muted">
          ({min}–{max})
        </span>
      </Field>
    </dl>
  );
}

/** ✓ shown, ✗ missing, ? not checked. */
export function checkMark(value: boolean | null): string {
  return value === null ? '?' : value ? '✓' : '✗';
}
