/**
 * Export buttons for the current zone, rule, task force or filtered view: CSV, XLSX, GeoJSON, KML, with a header
 * language choice. Calls the same core as `npm run export` (src/export/zone-export.ts, loaded on the first click) and saves the bytes through
 * a Blob and an object URL. Not tied to the store: the app passes the loaded data, the engine result and the
 * selection in.
 */
import { useMemo, useState, type ReactNode } from 'react';
import type { DatasetData, Manifest } from '@/dataset/types';
import type { EngineResult } from '@/geo/types';
import { exportContext } from '@/export/context';
import type { ExportLang } from '@/export/labels';
import { t } from '@/ui/i18n';
import { ZONE_FORMATS, type ZoneFormat } from '@/export/formats';
import { describeSelection, selectedRules, type RowSelection } from '@/export/zone-rows';
import './ExportPanel.css';

export interface ExportPanelProps {
  /** The loaded data set (`LoadedDataset.data`); only the campaign and the object files are read. */
  data: Partial<DatasetData> & Pick<DatasetData, 'campaign'>;
  /** `LoadedDataset.manifest`: the as-of date and the sample flag. */
  manifest: Pick<Manifest, 'asOfDate' | 'sample'> | null;
  /** The engine's latest result; the buttons are disabled while it is null. */
  engine: EngineResult | null;
  /** What to export: a zone, a rule, a task force, everything, or the current filter's object ids. */
  selection: RowSelection;
  /** Language of the panel's own text (the app's language). */
  lang: ExportLang;
  /** Initial header language of the files (default: the app's language). */
  defaultFileLang?: ExportLang;
  /** Called after a file was produced (for a toast, analytics, tests). */
  onExported?: (file: { filename: string; mime: string; bytes: Uint8Array; rowCount: number }) => void;
  /** Controls shown under the title, before the description of the selection (the app's scope picker). */
  children?: ReactNode;
}

const FORMAT_LABEL: Record<ZoneFormat, string> = { csv: 'CSV', xlsx: 'Excel (XLSX)', geojson: 'GeoJSON', kml: 'KML' };

export function ExportPanel({
  data,
  manifest,
  engine,
  selection,
  lang,
  defaultFileLang,
  onExported,
  children,
}: ExportPanelProps) {
  const [fileLang, setFileLang] = useState<ExportLang>(defaultFileLang ?? lang);
  const [busy, setBusy] = useState<ZoneFormat | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  // Indexing the objects is the costly part; it only changes with the data and the engine result.
  const ctx = useMemo(
    () => (engine ? exportContext(data, manifest, engine, new Date()) : null),
    [data, manifest, engine],
  );
  const what = useMemo((): { ok: boolean; text: string } => {
    if (!ctx) return { ok: false, text: t(lang, 'exportNoEngine') };
    try {
      selectedRules(ctx.engine, ctx.campaign, selection); // throws for an unknown zone, rule or task force
      return { ok: true, text: describeSelection(ctx, selection, lang) };
    } catch (e) {
      return { ok: false, text: (e as Error).message };
    }
  }, [ctx, selection, lang]);

  async function run(format: ZoneFormat) {
    if (!ctx) return;
    setBusy(format);
    setMessage(null);
    try {
      // The writers (XLSX with its zip, KML, CSV) load on the first export, not with the page.
      const { exportZoneList } = await import('@/export/zone-export');
      const file = await exportZoneList({ ...ctx, meta: { ...ctx.meta, generatedAt: new Date() } }, selection, format, {
        lang: fileLang,
      });
      download(file.bytes, file.filename, file.mime);
      setMessage({ kind: 'ok', text: t(lang, 'exported', { file: file.filename, n: file.rowCount }) });
      onExported?.(file);
    } catch (e) {
      setMessage({ kind: 'error', text: t(lang, 'exportFailed', { message: (e as Error).message }) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="panel export-panel" aria-labelledby="export-title" data-testid="export-panel">
      <h2 id="export-title">{t(lang, 'exportTitle')}</h2>
      {children}
      <p className="muted">
        {t(lang, 'exportWhat')}: <span data-testid="export-selection">{what.text}</span>
      </p>
      <fieldset className="export-lang">
        <legend>{t(lang, 'exportLanguage')}</legend>
        {(['zh', 'en'] as const).map((l) => (
          <label key={l}>
            <input type="radio" name="export-lang" value={l} checked={fileLang === l} onChange={() => setFileLang(l)} />
            {t(lang, l === 'zh' ? 'exportLangZh' : 'exportLangEn')}
          </label>
        ))}
      </fieldset>
      <div className="export-buttons">
        {ZONE_FORMATS.map((f) => (
          <button
            key={f}
            type="button"
            disabled={!ctx || !what.ok || busy !== null}
            onClick={() => void run(f)}
            data-testid={`export-${f}`}
          >
            {busy === f ? t(lang, 'exporting') : FORMAT_LABEL[f]}
          </button>
        ))}
      </div>
      {message && (
        <p
          role={message.kind === 'error' ? 'alert' : 'status'}
          className={message.kind === 'error' ? 'export-error' : 'muted'}
        >
          {message.text}
        </p>
      )}
    </section>
  );
}

/**
 * Save bytes as a file: a Blob, an object URL and a temporary `<a download>`. The URL is revoked after the click
 * has been handled.
 */
export function download(bytes: Uint8Array, filename: string, mime: string): void {
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
