/**
 * The report views that open over the map from the export panel: the weekly report (附件1) with the units' text
 * kept in the store (and localStorage), the declaration tracker (附件2), and the printable field sheet of the chosen
 * zone with a snapshot of the map. Only one is mounted at a time: the field sheet and the weekly form print by
 * hiding everything else. The map stays mounted underneath, so closing the view returns to the same camera.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { latestCutoff } from '@/export/weekly';
import { exportContext } from '@/export/context';
import { buildFieldSheet, buildRouteSheet } from '@/export/field-sheet';
import { word } from '@/export/labels';
import { circleBBox } from '@/geo/geodesy';
import { t, type Lang } from '@/ui/i18n';
import { useModalDialog } from '@/ui/use-modal-dialog';
import { takeMapSnapshot } from '@/map/snapshot';
import { useAppStore } from '@/store/store';
import { selectAsOfDate } from '@/store/selectors';
import { useHistories } from '@/store/use-details';
import { weekKey, type DocView } from '@/store/exports-slice';
import type { WeeklyNotes } from '@/export/weekly';
import { DeclarationTracker } from './DeclarationTracker';
import { ZoneSelect } from './ExportSection';
import { FieldSheet, RouteTickList } from './FieldSheet';
import { WeeklyReport } from './WeeklyReport';
import { useDefectIds } from '@/store/use-defect-ids';
import { IdsPending } from './IdsPending';
import { useExportData, type ExportData } from './use-export-data';
import './DocumentView.css';

const TABS: { view: DocView; label: 'openWeekly' | 'openDeclarations' | 'openFieldSheet' }[] = [
  { view: 'weekly', label: 'openWeekly' },
  { view: 'declarations', label: 'openDeclarations' },
  { view: 'fieldSheet', label: 'openFieldSheet' },
];

const NO_NOTES: WeeklyNotes = {};

export function DocumentView() {
  const view = useAppStore((s) => s.docView);
  const lang = useAppStore((s) => s.lang);
  const exportData = useExportData();
  if (!view || !exportData) return null;
  return <DocumentDialog view={view} exportData={exportData} lang={lang} />;
}

/**
 * The open report view as a modal dialog: focus moves in on open and stays in, Esc closes it, and focus goes back
 * to the button that opened it. Mounted once per opening, so switching tabs keeps the opener.
 */
function DocumentDialog({ view, exportData, lang }: { view: DocView } & ViewProps) {
  const openDoc = useAppStore((s) => s.openDoc);
  const ref = useRef<HTMLDivElement>(null);
  useModalDialog(ref, () => openDoc(null));
  const current = TABS.find((tab) => tab.view === view);
  const ids = useDefectIds(view !== 'declarations');
  const waitIds = !!exportData.data.defects && !ids;
  return (
    <div
      ref={ref}
      className="doc-view"
      role="dialog"
      aria-modal="true"
      aria-label={`${t(lang, 'docViews')} · ${current ? t(lang, current.label) : ''}`}
      tabIndex={-1}
      data-testid="doc-view"
    >
      <nav className="doc-bar no-print" aria-label={t(lang, 'docViews')}>
        <button type="button" onClick={() => openDoc(null)} data-testid="doc-back">
          ← {t(lang, 'docBack')}
        </button>
        {TABS.map(({ view: v, label }) => (
          <button
            key={v}
            type="button"
            aria-pressed={v === view}
            className={v === view ? 'active' : undefined}
            onClick={() => openDoc(v)}
            data-testid={`doc-tab-${v}`}
          >
            {t(lang, label)}
          </button>
        ))}
      </nav>
      <div className="doc-body">
        {/* The weekly report and the field sheet name defects by id: they wait for the ids (lazy-ids.ts). */}
        {view !== 'declarations' && waitIds ? (
          <IdsPending />
        ) : (
          <>
            {view === 'weekly' && <WeeklyView exportData={exportData} lang={lang} />}
            {view === 'declarations' && <DeclarationsView exportData={exportData} lang={lang} />}
            {view === 'fieldSheet' && <FieldSheetView exportData={exportData} lang={lang} />}
          </>
        )}
      </div>
    </div>
  );
}

interface ViewProps {
  exportData: ExportData;
  lang: Lang;
}

function WeeklyView({ exportData: { data, meta }, lang }: ViewProps) {
  const today = useAppStore(selectAsOfDate) ?? meta.asOfDate;
  const chosen = useAppStore((s) => s.weeklyCutoff);
  const histories = useHistories();
  const setWeeklyCutoff = useAppStore((s) => s.setWeeklyCutoff);
  const setWeeklyNotes = useAppStore((s) => s.setWeeklyNotes);
  const { campaign } = data;
  const cutoff = chosen ?? latestCutoff(campaign, today);
  const notes = useAppStore((s) => s.weeklyNotes[weekKey(campaign.id, cutoff)]) ?? NO_NOTES;
  return (
    <WeeklyReport
      campaign={campaign}
      defects={data.defects ?? null}
      histories={histories}
      meta={meta}
      cutoff={cutoff}
      onCutoffChange={setWeeklyCutoff}
      notes={notes}
      onNotesChange={(next) => setWeeklyNotes(campaign.id, cutoff, next)}
      lang={lang}
    />
  );
}

function DeclarationsView({ exportData: { data, meta }, lang }: ViewProps) {
  const today = useAppStore(selectAsOfDate) ?? meta.asOfDate;
  return (
    <DeclarationTracker
      campaign={data.campaign}
      entries={data.declarations ?? []}
      meta={meta}
      statusDate={today}
      lang={lang}
    />
  );
}

/** A finished snapshot: the PNG, or null when no map could draw. */
interface Snapshot {
  zoneId: string;
  seq: number;
  url: string | null;
}

function FieldSheetView({ exportData: { data, manifest }, lang }: ViewProps) {
  const engine = useAppStore((s) => s.engineResult);
  const scope = useAppStore((s) => s.exportScope);
  const setExportScope = useAppStore((s) => s.setExportScope);
  const ctx = useMemo(
    () => (engine ? exportContext(data, manifest, engine, new Date()) : null),
    [data, manifest, engine],
  );
  const zone = useMemo(
    () =>
      engine && scope?.by === 'zone'
        ? engine.rules.flatMap((r) => r.zones).find((z) => z.id === scope.zoneId)
        : undefined,
    [engine, scope],
  );
  const model = useMemo(
    () => (ctx && zone ? buildFieldSheet(ctx, zone.id, data.defects ?? null) : null),
    [ctx, zone, data.defects],
  );
  const plannedRoute = useAppStore((s) => s.route);
  const route = useMemo(() => (plannedRoute ? buildRouteSheet(plannedRoute) : null), [plannedRoute]);

  // A fresh snapshot per zone (and on request); a late answer for another zone or an older request is dropped.
  const [seq, setSeq] = useState(0);
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  useEffect(() => {
    if (!zone) return;
    let live = true;
    takeMapSnapshot(circleBBox(zone.center, zone.radiusM))
      .catch(() => null)
      .then((url) => live && setSnapshot({ zoneId: zone.id, seq, url }));
    return () => {
      live = false;
    };
  }, [zone, seq]);
  // No finished snapshot for this zone and request yet means one is being taken.
  const current = snapshot && zone && snapshot.zoneId === zone.id && snapshot.seq === seq ? snapshot : null;

  // Today's route prints on its own when no zone is chosen (the inspector came from the near-me list).
  if (engine && !zone && route)
    return (
      <article className="print-sheet field-sheet" data-testid="field-sheet" lang={lang === 'zh' ? 'zh-CN' : 'en'}>
        {(manifest?.sample ?? data.defects?.sample) && (
          <p className="fs-sample" data-testid="field-sheet-sample">
            {word(lang, 'sampleData')}
          </p>
        )}
        <RouteTickList route={route} lang={lang} />
        <button type="button" className="fs-print no-print" onClick={() => window.print()}>
          {t(lang, 'printOrPdf')}
        </button>
      </article>
    );
  if (!engine || !zone || !model) return null;
  return (
    <div className="field-sheet-view">
      <div className="doc-toolbar no-print">
        <ZoneSelect
          campaign={data.campaign}
          engine={engine}
          zoneId={zone.id}
          mapZones={[]}
          lang={lang}
          onChange={(zoneId) => setExportScope({ by: 'zone', zoneId })}
          testId="field-sheet-zone"
          label={t(lang, 'fieldSheetZone')}
        />
        <button type="button" onClick={() => setSeq((n) => n + 1)} disabled={!current}>
          {t(lang, 'fieldSheetRetake')}
        </button>
        {!current && <span role="status">{t(lang, 'fieldSheetCapturing')}</span>}
        {current?.url === null && <span role="status">{t(lang, 'fieldSheetNoMap')}</span>}
      </div>
      <FieldSheet
        model={model}
        campaign={data.campaign}
        appUrl={zoneLink(zone.id)}
        mapImageDataUrl={current?.url ?? undefined}
        lang={lang}
        route={route}
      />
    </div>
  );
}

/** This page's address with `zone=<id>`: the link and QR code on the printed sheet. */
function zoneLink(zoneId: string): string {
  const url = new URL(window.location.href);
  url.searchParams.set('zone', zoneId);
  url.hash = '';
  return url.href;
}
