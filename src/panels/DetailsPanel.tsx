/**
 * Details of the clicked feature: name, kind, subdistrict, unit, inspection state, open defects, the zones it is
 * in with distances (from the engine's memberships) or, for an anchor, the zones it is the centre of (rule and
 * radius), and the sample-data label; for a street also its length in scope and the defects along it, for a
 * station its three-element check, for an ad site its photos; and for a zone picked from the ranking its
 * figures, reasons and members (ZoneDetails). All data text is rendered as React text nodes, never as HTML.
 */
import { useMemo } from 'react';
import type { Campaign, ObjectKind } from '@/campaign/types';
import { subdistrictByCode, unitByCode } from '@/campaign/model';
import type { AdSiteProps, StationProps } from '@/dataset/types';
import type { EngineResult, Membership, Zone } from '@/geo/types';
import { zonesByAnchor } from '@/insights/lookup';
import { named, useT } from '@/ui/i18n';
import { formatCount, formatDate, formatMetres } from '@/ui/format';
import { useAppStore } from '@/store/store';
import { findDefectRow, findObject, type ObjectFeature } from '@/store/selectors';
import { useDefectIds } from '@/store/use-defect-ids';
import { IdsPending } from './IdsPending';
import type { Lang } from '@/store/view-slice';
import { stateEntry } from './state-legend';
import { Field, KIND_LABEL } from './details-parts';
import { AdSiteExtras, StationExtras, StreetExtras } from './ObjectExtras';
import { ZoneDetails } from './ZoneDetails';
import { DefectDetails } from './DefectDetails';
import { useObjectStatus } from '@/store/use-insights';
import { afterMapReady } from './after-map-ready';

// The field-record form (photos, position, the queue) loads once the map is ready, not with the page.
const FieldRecordActions = afterMapReady(() => import('./FieldRecordForm').then((m) => m.FieldRecordActions));

export function DetailsPanel() {
  const t = useT();
  const dataset = useAppStore((s) => s.dataset);
  const selection = useAppStore((s) => s.selection);
  const clearSelection = useAppStore((s) => s.clearSelection);
  // A defect is found by its id: a link that names one waits for the ids (lazy-ids.ts).
  // A marker clicked before the ids came waits for its id (selectDefectRow).
  const pendingRow = useAppStore((s) => s.pendingDefectRow);
  const ids = useDefectIds(selection?.kind === 'defect' || pendingRow !== null);
  const campaign = dataset?.data.campaign;
  if ((!selection && pendingRow === null) || !campaign) return null;
  const feature = selection ? findObject(dataset, selection) : null;
  const row = ids && selection ? findDefectRow(dataset, selection) : -1;
  const zone = selection?.kind === 'zone';
  const pending = (pendingRow !== null || (selection?.kind === 'defect' && !ids)) && !!dataset?.data.defects;
  if (!feature && row < 0 && !zone && !pending) return null;
  return (
    <section className="panel details" aria-labelledby="details-title" data-testid="details-panel">
      <header className="details-head">
        <h2 id="details-title">{t('detailsTitle')}</h2>
        <button type="button" onClick={clearSelection} aria-label={t('detailsClose')} data-testid="details-close">
          ×
        </button>
      </header>
      {feature && selection && selection.kind !== 'defect' && selection.kind !== 'zone' && (
        <>
          <ObjectDetails campaign={campaign} feature={feature} kind={selection.kind} />
          <FieldRecordActions
            campaign={campaign}
            target={{ kind: 'object', object: feature.properties.id, objectKind: selection.kind }}
          />
        </>
      )}
      {zone && selection && <ZoneDetails campaign={campaign} zoneId={selection.id} />}
      {pending && <IdsPending />}
      {row >= 0 && selection && dataset?.data.defects && (
        <>
          <DefectDetails campaign={campaign} defects={dataset.data.defects} row={row} />
          <FieldRecordActions campaign={campaign} target={{ kind: 'defect', defect: selection.id }} />
        </>
      )}
    </section>
  );
}

function ObjectDetails({ campaign, feature, kind }: { campaign: Campaign; feature: ObjectFeature; kind: ObjectKind }) {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const result = useAppStore((s) => s.engineResult);
  const memberships = useMembershipIndex(result).get(feature.properties.id) ?? [];
  const anchored = useAnchorIndex(result).get(feature.properties.id) ?? [];
  const p = feature.properties;
  const status = useObjectStatus()?.[p.id];
  const state = status ? stateEntry(campaign, status.state) : null;
  return (
    <>
      <h3 className="details-name" data-testid="details-name">
        {p.name}
        {p.sample && <SampleBadge />}
      </h3>
      <dl className="fields">
        <Field label={t('detailsKind')}>{t(KIND_LABEL[kind])}</Field>
        <Field label={t('detailsSubdistrict')}>{subdistrictName(campaign, p.subdistrict, lang)}</Field>
        <Field label={t('detailsUnit')}>{unitName(campaign, p.unit, lang)}</Field>
        {kind === 'street' && (
          <>
            <Field label={t('detailsStreetClass')}>{t(p.streetClass === 'main' ? 'streetMain' : 'streetBack')}</Field>
            <Field label={t('detailsOnRoute')}>{t(p.onRoute ? 'yes' : 'no')}</Field>
          </>
        )}
        {state && (
          <Field label={t('detailsState')}>
            <span className="swatch" style={{ background: state.color }} aria-hidden="true" />
            <span data-testid="details-state">{named(lang, state.name)}</span>
            {status?.stale && <span className="tag">{t('detailsStale')}</span>}
          </Field>
        )}
        {status && (
          <Field label={t('detailsOpenDefects')}>
            <span data-testid="details-open-defects">{formatCount(status.openDefects, lang)}</span>
            {status.overdue > 0 && ` (${t('detailsOverdue')} ${formatCount(status.overdue, lang)})`}
          </Field>
        )}
        <Field label={t('detailsLastInspected')}>
          {p.lastInspected ? formatDate(p.lastInspected, lang) : t('detailsNeverInspected')}
        </Field>
      </dl>
      {kind === 'street' && <StreetExtras campaign={campaign} streetId={p.id} />}
      {kind === 'station' && <StationExtras campaign={campaign} station={p as unknown as StationProps} />}
      {kind === 'adsite' && <AdSiteExtras campaign={campaign} site={p as unknown as AdSiteProps} />}
      <h4>{t('detailsZones')}</h4>
      {anchored.length > 0 && (
        <ul className="plain zones" data-testid="details-anchor-of">
          {anchored.map((z) => (
            <AnchoredZone key={z.id} campaign={campaign} zone={z} lang={lang} />
          ))}
        </ul>
      )}
      {memberships.length === 0 ? (
        anchored.length === 0 && (
          <p className="muted" data-testid="details-no-zones">
            {result ? t('detailsNoZones') : '…'}
          </p>
        )
      ) : (
        <ul className="plain zones" data-testid="details-zones">
          {memberships.map((m) => (
            <MembershipItem key={m.ruleId} campaign={campaign} membership={m} lang={lang} />
          ))}
        </ul>
      )}
    </>
  );
}

function MembershipItem({ campaign, membership, lang }: { campaign: Campaign; membership: Membership; lang: Lang }) {
  const t = useT();
  const rule = campaign.zoneRules.find((r) => r.id === membership.ruleId);
  return (
    <li data-testid={`details-zone-${membership.ruleId}`}>
      <span className="swatch" style={{ background: rule?.color }} aria-hidden="true" />
      <strong>{rule ? named(lang, rule) : membership.ruleId}</strong>
      <ul className="plain anchors">
        {[...membership.anchors]
          .sort((a, b) => a.distanceM - b.distanceM)
          .map((a) => (
            <li key={a.zoneId}>
              {t('detailsDistance', { anchor: a.anchorName, m: formatMetres(a.distanceM, lang) })}
              {a.insideLengthM !== undefined && ` · ${t('detailsInside', { m: formatMetres(a.insideLengthM, lang) })}`}
            </li>
          ))}
      </ul>
    </li>
  );
}

/** A zone this object is the centre of: its rule and radius (the what-if radius when one is set). */
function AnchoredZone({ campaign, zone, lang }: { campaign: Campaign; zone: Zone; lang: Lang }) {
  const t = useT();
  const rule = campaign.zoneRules.find((r) => r.id === zone.ruleId);
  return (
    <li data-testid={`details-anchor-${zone.ruleId}`}>
      <span className="swatch" style={{ background: rule?.color }} aria-hidden="true" />
      {t('detailsAnchorOf', { rule: rule ? named(lang, rule) : zone.ruleId, m: formatMetres(zone.radiusM, lang) })}
    </li>
  );
}

function SampleBadge() {
  const t = useT();
  return (
    <span className="badge sample" data-testid="details-sample">
      {t('sampleData')}
    </span>
  );
}

/** Zones by anchor id, built once per engine result. */
function useAnchorIndex(result: EngineResult | null): Map<string, Zone[]> {
  return useMemo(() => (result ? zonesByAnchor(result) : new Map<string, Zone[]>()), [result]);
}

/** Memberships by object id, built once per engine result. */
function useMembershipIndex(result: EngineResult | null): Map<string, Membership[]> {
  return useMemo(() => {
    const index = new Map<string, Membership[]>();
    for (const rule of result?.rules ?? []) {
      for (const m of rule.memberships) {
        const list = index.get(m.objectId);
        if (list) list.push(m);
        else index.set(m.objectId, [m]);
      }
    }
    return index;
  }, [result]);
}

/** Name of a subdistrict by NBS code; the bare code when the plan does not list it (e.g. 临城, 千岛). */
function subdistrictName(campaign: Campaign, code: string, lang: Lang): string {
  const s = subdistrictByCode(campaign, code);
  return s ? named(lang, s) : code;
}

function unitName(campaign: Campaign, code: string, lang: Lang): string {
  const u = unitByCode(campaign, code);
  return u ? named(lang, u) : code;
}
