/**
 * Details of a zone (one rule's circle around one anchor), shown by DetailsPanel when a zone is selected from the
 * ranking: its rule, centre and radius, its figures, the priority score with its reasons, and the objects inside
 * it, each a button that selects the object and shows it on the map. Under a defect filter the figures and the
 * members' counts are the scoped ones the ranking scores with (use-insights `useScopedFigures`), so the score here
 * is the ranking row's.
 */
import { useState } from 'react';
import type { Campaign } from '@/campaign/types';
import { named, useT } from '@/ui/i18n';
import { formatCount, formatMetres } from '@/ui/format';
import { findZone, geometryBBox, mostlyAtSea, seaShare, zoneBBox } from '@/insights/lookup';
import { reasonTerms } from '@/insights/ranking';
import { useAppStore } from '@/store/store';
import { findObject } from '@/store/selectors';
import { formatScore, formatShare, reasonText } from './insight-text';
import { Field, KIND_LABEL } from './details-parts';
import { useObjectStatus, useScopedFigures } from '@/store/use-insights';

/** Members listed before "show all": enough to see the pattern without a long scroll in the sidebar. */
const MEMBERS_SHOWN = 25;

export function ZoneDetails({ campaign, zoneId }: { campaign: Campaign; zoneId: string }) {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const result = useAppStore((s) => s.engineResult);
  const dataset = useAppStore((s) => s.dataset);
  const select = useAppStore((s) => s.select);
  const focusOn = useAppStore((s) => s.focusOn);
  const [showAll, setShowAll] = useState(false);
  const { ready, scoped } = useScopedFigures();
  const status = useObjectStatus();
  const found = result ? findZone(result, zoneId) : null;
  if (!found) return <p className="muted">{result ? t('detailsNoZones') : t('rankingNoResult')}</p>;
  if (!ready) return <p className="muted">{t('scopeFilteredWaiting')}</p>;
  const { zone, members } = found;
  const figures = scoped?.zoneFigures.get(zoneId) ?? found.figures;
  const rule = campaign.zoneRules.find((r) => r.id === zone.ruleId);
  const shown = showAll ? members : members.slice(0, MEMBERS_SHOWN);
  return (
    <>
      <h3 className="details-name" data-testid="details-name">
        {zone.anchorName}
      </h3>
      <dl className="fields">
        <Field label={t('detailsKind')}>{t('kindZone')}</Field>
        <Field label={t('zoneDetailsRule')}>
          <span className="swatch" style={{ background: rule?.color }} aria-hidden="true" />
          {rule ? named(lang, rule) : zone.ruleId}
        </Field>
        <Field label={t('zoneDetailsRadius')}>{t('metresUnit', { m: formatMetres(zone.radiusM, lang) })}</Field>
        <Field label={t('zoneDetailsPriority')}>
          <strong data-testid="zone-priority">{formatScore(figures.priority, lang)}</strong>
        </Field>
        <Field label={t('zoneDetailsWhy')}>
          <span data-testid="zone-reasons">{reasonText(lang, reasonTerms(figures.reasons))}</span>
        </Field>
        <Field label={t('zoneDetailsObjects')}>{formatCount(figures.objects, lang)}</Field>
        <Field label={t('detailsOpenDefects')}>
          <span data-testid="zone-open">{formatCount(figures.openDefects, lang)}</span>
          {figures.overdue > 0 && ` (${t('detailsOverdue')} ${formatCount(figures.overdue, lang)})`}
        </Field>
        <Field label={t('zoneDetailsClosed')}>
          {formatCount(figures.closed, lang)} · {formatShare(figures.verifiedShare, lang)}
        </Field>
        <Field label={t('zoneDetailsInspected')}>
          {formatCount(figures.inspectedRecently, lang)} / {formatCount(figures.objects, lang)}
        </Field>
        {figures.streetLengthM > 0 && (
          <Field label={t('zoneDetailsStreetLength')}>
            {t('metresUnit', { m: formatMetres(figures.streetLengthM, lang) })}
          </Field>
        )}
      </dl>
      {mostlyAtSea(zone) && (
        <p className="notice" data-testid="zone-sea">
          {t('zoneDetailsSea', { p: formatShare(seaShare(zone), lang) })}
        </p>
      )}
      <button type="button" className="link-button" onClick={() => focusOn(zoneBBox(zone))}>
        {t('zoneDetailsFlyTo')}
      </button>
      <h4>{t('zoneDetailsMembers', { n: formatCount(members.length, lang) })}</h4>
      <ul className="plain members" data-testid="zone-members">
        {shown.map(({ membership: m, distanceM, insideLengthM }) => {
          const feature = findObject(dataset, { kind: m.kind, id: m.objectId });
          const state = status?.[m.objectId];
          return (
            <li key={m.objectId}>
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  select({ kind: m.kind, id: m.objectId });
                  const box = feature ? geometryBBox(feature.geometry) : null;
                  if (box) focusOn(box);
                }}
              >
                {feature?.properties.name ?? m.objectId}
              </button>
              <span className="muted">
                {' '}
                {t(KIND_LABEL[m.kind])} · {t('metresUnit', { m: formatMetres(distanceM, lang) })}
                {insideLengthM !== undefined && ` · ${t('detailsInside', { m: formatMetres(insideLengthM, lang) })}`}
                {state && state.openDefects > 0 && ` · ${t('reasonOpen')} ${formatCount(state.openDefects, lang)}`}
              </span>
            </li>
          );
        })}
      </ul>
      {members.length > MEMBERS_SHOWN && (
        <button type="button" className="link-button" onClick={() => setShowAll(!showAll)}>
          {showAll ? t('showLess') : t('showAll', { n: formatCount(members.length, lang) })}
        </button>
      )}
    </>
  );
}
