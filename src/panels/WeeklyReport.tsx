/**
 * The weekly progress table (附件1 进度表) as a printable form: pick the cut-off Wednesday, see each unit's
 * projects with this week's figures (and the defect ids behind them) and next week's items, add the unit's own
 * text in plain textareas, switch to a lead unit's Thursday merge, print it or export it as XLSX.
 *
 * The cut-off and the free text are either controlled (`cutoff` + `onCutoffChange`, `notes` + `onNotesChange`, for the
 * app's store) or kept in component state.
 */
import { useMemo, useState } from 'react';
import type { Campaign, IsoDate } from '@/campaign/types';
import { isIsoDate } from '@/campaign/dates';
import type { DefectColumns, DefectDetails } from '@/dataset/types';
import { campaignLabels, named, word, type ExportLang } from '@/export/labels';
import { t } from '@/ui/i18n';
import { buildWeeklyReport, cutoffFor, eventLabel, idList, latestCutoff, type WeeklyEvent, type WeeklyNotes, type WeeklyRow } from '@/export/weekly';
import { WEEKLY_COLUMNS, exportWeeklyReport } from '@/export/weekly-xlsx';
import { download } from './ExportPanel';
import './FieldSheet.css';
import './WeeklyReport.css';

export interface WeeklyReportProps {
  campaign: Campaign;
  defects: DefectColumns | null;
  /** defect-details.json (history); without it the figures come from the defect columns (the form says so). */
  details: DefectDetails | null;
  /** The data's as-of date and sample flag (manifest). */
  meta: { asOfDate: IsoDate; sample: boolean };
  /** Initial cut-off (snapped to the due weekday); default: the latest cut-off on or before the as-of date. */
  initialCutoff?: IsoDate;
  /** Controlled cut-off (already snapped), for the app's store; omit both to keep it in component state. */
  cutoff?: IsoDate;
  onCutoffChange?: (cutoff: IsoDate) => void;
  /** Controlled free text by row key (`unit|taskForce`); omit both to keep it in component state. */
  notes?: WeeklyNotes;
  onNotesChange?: (notes: WeeklyNotes) => void;
  lang: ExportLang;
}

const PROGRESS_EVENTS: WeeklyEvent[] = ['found', 'fixed', 'verified', 'reopened', 'overdue'];

export function WeeklyReport({
  campaign,
  defects,
  details,
  meta,
  initialCutoff,
  cutoff: cutoffProp,
  onCutoffChange,
  notes: notesProp,
  onNotesChange,
  lang,
}: WeeklyReportProps) {
  const [ownCutoff, setOwnCutoff] = useState<IsoDate>(() => (initialCutoff ? cutoffFor(campaign, initialCutoff) : latestCutoff(campaign, meta.asOfDate)));
  const cutoff = cutoffProp ?? ownCutoff;
  const setCutoff = (next: IsoDate) => (onCutoffChange ? onCutoffChange(next) : setOwnCutoff(next));
  const [ownNotes, setOwnNotes] = useState<WeeklyNotes>({});
  const notes = notesProp ?? ownNotes;
  const setNotes = (next: WeeklyNotes) => (onNotesChange ? onNotesChange(next) : setOwnNotes(next));
  const [view, setView] = useState<string>('units');
  const [error, setError] = useState<string | null>(null);
  const L = campaignLabels(campaign, lang);

  // Recompute when the week or the set of noted rows changes, not on every keystroke.
  const noteKeys = Object.keys(notes).sort().join('\n');
  const report = useMemo(() => {
    if (!defects) return null;
    const keyed = Object.fromEntries(noteKeys ? noteKeys.split('\n').map((k) => [k, {}]) : []);
    return buildWeeklyReport({ campaign, defects, details, cutoffDate: cutoff, asOfDate: meta.asOfDate }, keyed);
  }, [campaign, defects, details, cutoff, meta.asOfDate, noteKeys]);

  const merge = report?.merges.find((m) => m.leadUnit === view) ?? null;
  const rows: WeeklyRow[] = merge ? merge.rows : (report?.rows ?? []);

  function edit(key: string, field: 'progress' | 'plan', value: string) {
    setNotes({ ...notes, [key]: { ...notes[key], [field]: value } });
  }

  async function exportXlsx() {
    if (!report) return;
    setError(null);
    try {
      const withNotes = buildWeeklyReport({ campaign, defects: defects!, details, cutoffDate: cutoff, asOfDate: meta.asOfDate }, notes);
      const file = await exportWeeklyReport(withNotes, campaign, notes, { ...meta, generatedAt: new Date() }, lang);
      download(file.bytes, file.filename, file.mime);
    } catch (e) {
      setError(t(lang, 'exportFailed', { message: (e as Error).message }));
    }
  }

  return (
    <section className="print-sheet weekly-report" data-testid="weekly-report" lang={lang === 'zh' ? 'zh-CN' : 'en'}>
      <div className="wr-controls no-print">
        <label>
          {t(lang, 'weeklyReportCutoff')}{' '}
          <input
            type="date"
            value={cutoff}
            onChange={(e) => isIsoDate(e.target.value) && setCutoff(cutoffFor(campaign, e.target.value))}
            data-testid="weekly-cutoff"
          />
        </label>
        <label>
          {t(lang, 'weeklyReportView')}{' '}
          <select value={view} onChange={(e) => setView(e.target.value)} data-testid="weekly-view">
            <option value="units">{t(lang, 'weeklyReportAllUnits')}</option>
            {report?.merges.map((m) => (
              <option key={m.leadUnit} value={m.leadUnit}>
                {t(lang, 'weeklyReportMergeOf', { unit: L.unit(m.leadUnit) })}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => void exportXlsx()} disabled={!report} data-testid="weekly-xlsx">
          {t(lang, 'exportXlsx')}
        </button>
        <button type="button" onClick={() => window.print()}>
          {t(lang, 'printOrPdf')}
        </button>
        {error && <span role="alert">{error}</span>}
      </div>

      <h1>{`${named(lang, campaign.name)} ${named(lang, campaign.weeklyReport)}`}</h1>
      <p>
        {t(lang, 'weeklyReportWeek')}: {report?.week.startDate ?? '—'} — {cutoff}
        {merge && ` · ${t(lang, 'weeklyReportMergeOf', { unit: L.unit(merge.leadUnit) })}`}
        {' · '}
        {word(lang, 'asOfDate')}: {meta.asOfDate}
        {meta.sample && (
          <>
            {' · '}
            <strong className="fs-sample">{word(lang, 'sampleData')}</strong>
          </>
        )}
      </p>
      {report?.warnings.map((w) => (
        <p key={w} className="wr-warning">
          {w}
        </p>
      ))}

      {rows.length === 0 ? (
        <p>{t(lang, 'weeklyReportNoRows')}</p>
      ) : (
        <table className="wr-table">
          <thead>
            <tr>
              <th scope="col">{named(lang, WEEKLY_COLUMNS.unit)}</th>
              <th scope="col">{named(lang, WEEKLY_COLUMNS.project)}</th>
              <th scope="col">{named(lang, WEEKLY_COLUMNS.progress)}</th>
              <th scope="col">{named(lang, WEEKLY_COLUMNS.plan)}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-testid={`weekly-row-${r.key}`}>
                <td>{L.unit(r.unit)}</td>
                <td>{L.taskForce(r.taskForce)}</td>
                <td>
                  <ul className="wr-figures">
                    {PROGRESS_EVENTS.map((e) => (
                      <li key={e}>
                        {eventLabel(e, lang)}: <strong data-testid={`weekly-${r.key}-${e}`}>{r.ids[e].length}</strong>
                        {r.ids[e].length > 0 && <span className="wr-ids"> ({idList(r.ids[e], lang)})</span>}
                      </li>
                    ))}
                  </ul>
                  <textarea
                    aria-label={`${t(lang, 'weeklyReportUnitText')}: ${L.unit(r.unit)} ${L.taskForce(r.taskForce)}`}
                    value={notes[r.key]?.progress ?? ''}
                    onChange={(e) => edit(r.key, 'progress', e.target.value)}
                    rows={3}
                  />
                  <pre className="wr-print-text">{notes[r.key]?.progress ?? ''}</pre>
                </td>
                <td>
                  <p>
                    {eventLabel('dueNextWeek', lang)}: <strong>{r.ids.dueNextWeek.length}</strong>
                    {r.ids.dueNextWeek.length > 0 && <span className="wr-ids"> ({idList(r.ids.dueNextWeek, lang)})</span>}
                  </p>
                  <textarea
                    aria-label={`${t(lang, 'weeklyReportPlanText')}: ${L.unit(r.unit)} ${L.taskForce(r.taskForce)}`}
                    value={notes[r.key]?.plan ?? ''}
                    onChange={(e) => edit(r.key, 'plan', e.target.value)}
                    rows={3}
                  />
                  <pre className="wr-print-text">{notes[r.key]?.plan ?? ''}</pre>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
