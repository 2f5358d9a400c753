/**
 * The app's 导出 panel: the scope picker (a rule, a zone from the list or from the map's selection, a task force,
 * everything, the objects of the current defect filter) around <ExportPanel>, and the buttons that open the report
 * views (weekly report, declarations, field sheet of the chosen zone) over the map. The scope lives in the store, so
 * the field sheet uses the same zone. A link with `?zone=<id>` (the field sheet's QR code) opens on that zone.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Campaign } from '@/campaign/types';
import { filterSelection } from '@/export/filter-scope';
import type { RowSelection } from '@/export/zone-rows';
import { circleBBox } from '@/geo/geodesy';
import type { EngineResult, Zone } from '@/geo/types';
import { named, t, type Lang } from '@/ui/i18n';
import { useAppStore } from '@/store/store';
import type { DocView, ExportScope } from '@/store/exports-slice';
import { ExportPanel } from './ExportPanel';
import './DocumentView.css';
import { useExportData } from './use-export-data';

type ScopeKind = ExportScope['by'];
const SCOPE_KINDS: {
  by: ScopeKind;
  label: 'exportScopeRule' | 'exportScopeZone' | 'exportScopeTaskForce' | 'exportScopeAll' | 'exportScopeFilter';
}[] = [
  { by: 'rule', label: 'exportScopeRule' },
  { by: 'zone', label: 'exportScopeZone' },
  { by: 'taskForce', label: 'exportScopeTaskForce' },
  { by: 'all', label: 'exportScopeAll' },
  { by: 'filter', label: 'exportScopeFilter' },
];

const DOC_BUTTONS: { view: DocView; label: 'openWeekly' | 'openDeclarations' | 'openFieldSheet' }[] = [
  { view: 'weekly', label: 'openWeekly' },
  { view: 'declarations', label: 'openDeclarations' },
  { view: 'fieldSheet', label: 'openFieldSheet' },
];

export function ExportSection() {
  const lang = useAppStore((s) => s.lang);
  const engine = useAppStore((s) => s.engineResult);
  const chosen = useAppStore((s) => s.exportScope);
  const setExportScope = useAppStore((s) => s.setExportScope);
  const openDoc = useAppStore((s) => s.openDoc);
  const mapZones = useMapZones(engine);
  const exportData = useExportData();
  const filtered = useFilterSelection(exportData, lang);
  useZoneLink(engine);
  if (!exportData) return null;
  const { data, manifest } = exportData;
  // The filter scope falls back to the default while no filter is set (or its answer has not come yet).
  const scope = chosen && (chosen.by !== 'filter' || filtered) ? chosen : defaultScope(data.campaign);
  const selection: RowSelection = scope.by === 'filter' && filtered ? filtered : (scope as RowSelection);

  function openView(view: DocView) {
    // The field sheet is for one zone: keep the chosen one, else take the first zone of what is chosen.
    if (view === 'fieldSheet' && scope.by !== 'zone' && engine) {
      const zone = firstZone(engine, scope, data.campaign);
      if (zone) setExportScope({ by: 'zone', zoneId: zone.id });
    }
    openDoc(view);
  }

  return (
    <>
      <ExportPanel data={data} manifest={manifest} engine={engine} selection={selection} lang={lang}>
        <ScopePicker
          campaign={data.campaign}
          engine={engine}
          scope={scope}
          mapZones={mapZones}
          filterAvailable={filtered !== null}
          lang={lang}
          onChange={setExportScope}
        />
      </ExportPanel>
      <section className="panel export-docs" aria-labelledby="export-docs-title" data-testid="export-docs">
        <h2 id="export-docs-title">{t(lang, 'exportDocuments')}</h2>
        <div className="export-buttons">
          {DOC_BUTTONS.map(({ view, label }) => (
            <button
              key={view}
              type="button"
              onClick={() => openView(view)}
              disabled={view === 'fieldSheet' && !engine}
              data-testid={`open-${view}`}
            >
              {t(lang, label)}
            </button>
          ))}
        </div>
      </section>
    </>
  );
}

interface ScopePickerProps {
  campaign: Campaign;
  engine: EngineResult | null;
  scope: ExportScope;
  /** Zones the map's selection points at: the selected zone, or the zones of the selected object. */
  mapZones: Zone[];
  /** A defect filter is set and answered. */
  filterAvailable: boolean;
  lang: Lang;
  onChange: (scope: ExportScope) => void;
}

function ScopePicker({ campaign, engine, scope, mapZones, filterAvailable, lang, onChange }: ScopePickerProps) {
  const rules = campaign.zoneRules;
  const taskForces = campaign.taskForces.filter((tf) => rules.some((r) => r.taskForce === tf.code));
  const zoneById = useMemo(
    () => new Map((engine?.rules ?? []).flatMap((r) => r.zones.map((z) => [z.id, z] as const))),
    [engine],
  );

  function changeKind(by: ScopeKind) {
    if (by === 'all' || by === 'filter') onChange({ by });
    else if (by === 'rule') onChange({ by, ruleId: ruleOf(scope, zoneById) ?? rules[0].id });
    else if (by === 'taskForce') onChange({ by, code: taskForces[0].code });
    else {
      const zone = mapZones[0] ?? (engine ? firstZone(engine, scope, campaign) : undefined);
      if (zone) onChange({ by, zoneId: zone.id });
    }
  }

  return (
    <div className="export-scope">
      <label>
        {t(lang, 'exportScope')}{' '}
        <select value={scope.by} onChange={(e) => changeKind(e.target.value as ScopeKind)} data-testid="export-scope">
          {SCOPE_KINDS.map(({ by, label }) => (
            <option key={by} value={by} disabled={(by === 'zone' && !engine) || (by === 'filter' && !filterAvailable)}>
              {t(lang, label)}
            </option>
          ))}
        </select>
      </label>
      {scope.by === 'rule' && (
        <label>
          {t(lang, 'exportPickRule')}{' '}
          <select
            value={scope.ruleId}
            onChange={(e) => onChange({ by: 'rule', ruleId: e.target.value })}
            data-testid="export-rule"
          >
            {rules.map((r) => (
              <option key={r.id} value={r.id}>
                {named(lang, r)}
              </option>
            ))}
          </select>
        </label>
      )}
      {scope.by === 'taskForce' && (
        <label>
          {t(lang, 'exportPickTaskForce')}{' '}
          <select
            value={scope.code}
            onChange={(e) => onChange({ by: 'taskForce', code: e.target.value })}
            data-testid="export-task-force"
          >
            {taskForces.map((tf) => (
              <option key={tf.code} value={tf.code}>
                {named(lang, tf)}
              </option>
            ))}
          </select>
        </label>
      )}
      {scope.by === 'zone' && engine && (
        <ZoneSelect
          campaign={campaign}
          engine={engine}
          zoneId={scope.zoneId}
          mapZones={mapZones}
          lang={lang}
          onChange={(zoneId) => onChange({ by: 'zone', zoneId })}
          testId="export-zone"
        />
      )}
      {scope.by === 'zone' && mapZones.length === 0 && (
        <p className="muted export-hint">{t(lang, 'exportMapZonesHint')}</p>
      )}
    </div>
  );
}

interface ZoneSelectProps {
  campaign: Campaign;
  engine: EngineResult;
  zoneId: string;
  mapZones: Zone[];
  lang: Lang;
  onChange: (zoneId: string) => void;
  testId: string;
  /** Label before the list (default: 范围 / Zone). */
  label?: string;
}

/**
 * Every zone, grouped by rule, with the zones the map's selection points at first, each named by its anchor and
 * subdistrict; a search box above narrows the list to the zones whose anchor name, subdistrict or id contains
 * what is typed (the chosen zone stays listed), and says how many match.
 */
export function ZoneSelect({ campaign, engine, zoneId, mapZones, lang, onChange, testId, label }: ZoneSelectProps) {
  const [query, setQuery] = useState('');
  const searchId = useId();
  const ruleName = new Map(campaign.zoneRules.map((r) => [r.id, named(lang, r)]));
  const subdistrictName = new Map(campaign.subdistricts.map((s) => [s.code, named(lang, s)]));
  const name = (z: Zone) => {
    const sub = subdistrictName.get(z.subdistrict);
    return sub ? `${z.anchorName} · ${sub}` : z.anchorName;
  };
  const needle = query.trim().toLowerCase();
  const hit = (z: Zone) =>
    [z.anchorName, z.id, z.subdistrict, subdistrictName.get(z.subdistrict) ?? ''].some((s) =>
      s.toLowerCase().includes(needle),
    );
  const groups = engine.rules.map((r) => ({
    ruleId: r.ruleId,
    zones: needle ? r.zones.filter((z) => z.id === zoneId || hit(z)) : r.zones,
  }));
  const count = needle ? engine.rules.reduce((n, r) => n + r.zones.filter(hit).length, 0) : 0;
  return (
    <div className="zone-picker">
      <label htmlFor={searchId}>{t(lang, 'zoneSearch')}</label>
      <input
        id={searchId}
        type="search"
        value={query}
        placeholder={t(lang, 'zoneSearchPlaceholder')}
        onChange={(e) => setQuery(e.target.value)}
        aria-controls={`${searchId}-list`}
        data-testid={`${testId}-search`}
      />
      {needle && (
        <span className="muted" role="status" data-testid={`${testId}-matches`}>
          {count ? t(lang, 'zoneSearchCount', { n: count }) : t(lang, 'zoneSearchNone')}
        </span>
      )}
      <label>
        {label ?? t(lang, 'exportPickZone')}{' '}
        <select id={`${searchId}-list`} value={zoneId} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
          {mapZones.length > 0 && (
            <optgroup label={t(lang, 'exportMapZones')}>
              {mapZones.map((z) => (
                <option key={`map-${z.id}`} value={z.id}>
                  {zoneLabel(z, ruleName)}
                </option>
              ))}
            </optgroup>
          )}
          {groups
            .filter((g) => g.zones.length > 0)
            .map((g) => (
              <optgroup key={g.ruleId} label={ruleName.get(g.ruleId) ?? g.ruleId}>
                {g.zones.map((z) => (
                  <option key={z.id} value={z.id} title={z.id}>
                    {name(z)}
                  </option>
                ))}
              </optgroup>
            ))}
        </select>
      </label>
    </div>
  );
}

function zoneLabel(z: Zone, ruleName: Map<string, string>): string {
  return `${z.anchorName} · ${ruleName.get(z.ruleId) ?? z.ruleId}`;
}

/** The zones the map's selection points at: a selected zone, or every zone holding the selected object. */
function useMapZones(engine: EngineResult | null): Zone[] {
  const selection = useAppStore((s) => s.selection);
  return useMemo(() => {
    if (!engine || !selection) return [];
    const zones = engine.rules.flatMap((r) => r.zones);
    if (selection.kind === 'zone') return zones.filter((z) => z.id === selection.id);
    const ids = new Set(
      engine.rules.flatMap((r) =>
        r.memberships.filter((m) => m.objectId === selection.id).flatMap((m) => m.anchors.map((a) => a.zoneId)),
      ),
    );
    return zones.filter((z) => ids.has(z.id));
  }, [engine, selection]);
}

function defaultScope(campaign: Campaign): ExportScope {
  return campaign.zoneRules.length ? { by: 'rule', ruleId: campaign.zoneRules[0].id } : { by: 'all' };
}

function ruleOf(scope: ExportScope, zoneById: Map<string, Zone>): string | undefined {
  if (scope.by === 'rule') return scope.ruleId;
  if (scope.by === 'zone') return zoneById.get(scope.zoneId)?.ruleId;
  return undefined;
}

/** The first zone (in engine order) that a scope covers. */
function firstZone(engine: EngineResult, scope: ExportScope, campaign: Campaign): Zone | undefined {
  const inRules = (ruleIds: Set<string> | null) =>
    engine.rules.find((r) => (!ruleIds || ruleIds.has(r.ruleId)) && r.zones.length > 0)?.zones[0];
  switch (scope.by) {
    case 'zone':
      return engine.rules.flatMap((r) => r.zones).find((z) => z.id === scope.zoneId);
    case 'rule':
      return inRules(new Set([scope.ruleId]));
    case 'taskForce':
      return inRules(new Set(campaign.zoneRules.filter((r) => r.taskForce === scope.code).map((r) => r.id)));
    case 'all':
    case 'filter':
      return inRules(null);
  }
}

/** The current defect filter as a selection of objects; null while no filter is set or it has no answer yet. */
function useFilterSelection(exportData: ReturnType<typeof useExportData>, lang: Lang): RowSelection | null {
  const filter = useAppStore((s) => s.defectFilter);
  const answer = useAppStore((s) => s.defectSelection);
  return useMemo(() => {
    const defects = exportData?.data.defects;
    if (!exportData || !defects || !answer || Object.keys(filter).length === 0) return null;
    return filterSelection(defects, answer.indexes, filter, exportData.data.campaign, lang);
  }, [exportData, filter, answer, lang]);
}

/**
 * Opens on the zone a link names (`?zone=<id>`, the field sheet's QR code): it becomes the export scope and the
 * selection, and the map flies to it. Once, when the first engine result arrives.
 */
function useZoneLink(engine: EngineResult | null) {
  const handled = useRef(false);
  useEffect(() => {
    if (handled.current || !engine) return;
    handled.current = true;
    const id = new URLSearchParams(window.location.search).get('zone');
    const zone = id ? engine.rules.flatMap((r) => r.zones).find((z) => z.id === id) : undefined;
    if (!zone) return;
    const { setExportScope, select, focusOn } = useAppStore.getState();
    setExportScope({ by: 'zone', zoneId: zone.id });
    select({ kind: 'zone', id: zone.id });
    focusOn(circleBBox(zone.center, zone.radiusM));
  }, [engine]);
}
