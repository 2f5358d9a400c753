/**
 * Layer panel: object layers and the zones of each rule, each toggleable, with the zone count and a what-if
 * radius per rule; and the basemap choice.
 */
import { useState, type SyntheticEvent } from 'react';
import type { ZoneRule } from '@/campaign/types';
import { checkRadiusM, effectiveRadiusM, MAX_RADIUS_M, MIN_RADIUS_M } from '@/campaign/what-if';
import { named, useT, type MessageKey } from '@/ui/i18n';
import { formatCount } from '@/ui/format';
import { mostlyAtSea } from '@/insights/lookup';
import { useAppStore } from '@/store/store';
import { OBJECT_LAYER_KEYS, type BasemapId, type ObjectLayerKey } from '@/store/view-slice';

const LAYER_LABEL: Record<ObjectLayerKey, MessageKey> = {
  communities: 'layerCommunities',
  markets: 'layerMarkets',
  townSeats: 'layerTownSeats',
  compounds: 'layerCompounds',
  streets: 'layerStreets',
  stations: 'layerStations',
  adsites: 'layerAdsites',
  defects: 'layerDefects',
};

const BASEMAP_LABEL: Record<BasemapId, MessageKey> = {
  offline: 'basemapOffline',
  osm: 'basemapOsm',
  tianditu: 'basemapTianditu',
};

export function LayerPanel({ basemaps }: { basemaps: BasemapId[] }) {
  const t = useT();
  const rules = useAppStore((s) => s.dataset?.data.campaign?.zoneRules);
  return (
    <section className="panel" aria-labelledby="layers-title" data-testid="layer-panel">
      <h2 id="layers-title">{t('layersTitle')}</h2>
      <h3>{t('layerZones')}</h3>
      <ul className="plain">
        {(rules ?? []).map((rule) => (
          <ZoneRuleRow key={rule.id} rule={rule} />
        ))}
      </ul>
      <ul className="plain">
        {OBJECT_LAYER_KEYS.map((key) => (
          <ObjectLayerRow key={key} layer={key} />
        ))}
      </ul>
      <BasemapChoice basemaps={basemaps} />
    </section>
  );
}

function ObjectLayerRow({ layer }: { layer: ObjectLayerKey }) {
  const t = useT();
  const visible = useAppStore((s) => s.layerVisible[layer]);
  const setLayerVisible = useAppStore((s) => s.setLayerVisible);
  return (
    <li>
      <label>
        <input
          type="checkbox"
          checked={visible}
          onChange={(e) => setLayerVisible(layer, e.target.checked)}
          data-testid={`layer-toggle-${layer}`}
        />
        {t(LAYER_LABEL[layer])}
      </label>
    </li>
  );
}

function ZoneRuleRow({ rule }: { rule: ZoneRule }) {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const visible = useAppStore((s) => !s.zoneHidden[rule.id]);
  const setZoneVisible = useAppStore((s) => s.setZoneVisible);
  const zones = useAppStore((s) => s.engineResult?.rules.find((r) => r.ruleId === rule.id)?.zones.length);
  const atSea = useAppStore(
    (s) => s.engineResult?.rules.find((r) => r.ruleId === rule.id)?.zones.filter(mostlyAtSea).length,
  );
  return (
    <li className="rule-row">
      <label>
        <input
          type="checkbox"
          checked={visible}
          onChange={(e) => setZoneVisible(rule.id, e.target.checked)}
          data-testid={`zone-toggle-${rule.id}`}
        />
        <span className="swatch" style={{ background: rule.color }} aria-hidden="true" />
        {named(lang, rule)}
      </label>
      <RadiusInput rule={rule} zones={zones} />
      {atSea !== undefined && atSea > 0 && (
        <span className="muted" data-testid={`layer-zone-sea-${rule.id}`}>
          {t('zoneSeaCount', { n: formatCount(atSea, lang) })}
        </span>
      )}
    </li>
  );
}

/** What-if radius: typed freely, applied on Enter or leaving the field, so the worker runs once per change. */
function RadiusInput({ rule, zones }: { rule: ZoneRule; zones: number | undefined }) {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const overrides = useAppStore((s) => s.radiusOverrides);
  const setRadius = useAppStore((s) => s.setRadius);
  const resetRadius = useAppStore((s) => s.resetRadius);
  const overridden = Object.hasOwn(overrides, rule.id);
  const current = effectiveRadiusM(rule, overrides);
  const [draft, setDraft] = useState<string | null>(null);
  const [invalid, setInvalid] = useState(false);

  const commit = (e?: SyntheticEvent) => {
    e?.preventDefault();
    if (draft === null) return;
    const radiusM = draft.trim() === '' ? Number.NaN : Number(draft);
    if (checkRadiusM(radiusM)) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    setDraft(null);
    if (radiusM === rule.radiusM) resetRadius(rule.id);
    else if (radiusM !== current) setRadius(rule.id, radiusM);
  };

  return (
    <form className="radius" onSubmit={commit}>
      <label>
        {t('radiusLabel')}
        <input
          type="number"
          min={MIN_RADIUS_M}
          max={MAX_RADIUS_M}
          step={50}
          inputMode="numeric"
          value={draft ?? String(current)}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={() => commit()}
          onKeyDown={(e) => e.key === 'Enter' && commit(e)}
          aria-invalid={invalid}
          aria-label={`${named(lang, rule)} ${t('radiusLabel')}`}
          data-testid={`radius-input-${rule.id}`}
        />
      </label>
      <span className="muted" data-testid={`layer-zone-count-${rule.id}`}>
        {zones === undefined ? '…' : t('zoneCountSuffix', { n: formatCount(zones, lang) })}
      </span>
      {overridden && (
        <button type="button" onClick={() => resetRadius(rule.id)} data-testid={`radius-reset-${rule.id}`}>
          {t('radiusReset', { n: rule.radiusM })}
        </button>
      )}
      {invalid && (
        <span role="alert" className="error-text">
          {t('radiusInvalid', { min: MIN_RADIUS_M, max: MAX_RADIUS_M })}
        </span>
      )}
    </form>
  );
}

function BasemapChoice({ basemaps }: { basemaps: BasemapId[] }) {
  const t = useT();
  const basemap = useAppStore((s) => s.basemap);
  const failed = useAppStore((s) => s.basemapFailed);
  const setBasemap = useAppStore((s) => s.setBasemap);
  return (
    <fieldset className="basemaps">
      <legend>{t('basemapTitle')}</legend>
      {basemaps.map((id) => (
        <label key={id}>
          <input
            type="radio"
            name="basemap"
            value={id}
            checked={basemap === id}
            onChange={() => setBasemap(id)}
            data-testid={`basemap-${id}`}
          />
          {t(BASEMAP_LABEL[id])}
        </label>
      ))}
      {failed && (
        <p role="status" className="notice" data-testid="basemap-fallback">
          {t('basemapFailed', { name: t(BASEMAP_LABEL[failed]) })}
        </p>
      )}
    </fieldset>
  );
}
