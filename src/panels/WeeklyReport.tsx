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
import type { DefectHistories } from '@/dataset/details';
import type { DefectColumns } from '@/dataset/types';
import { campaignLabels, named, word, type ExportLang } from '@/export/labels';
import { t } from '@/ui/i18n';
import {
  buildWeeklyReport,
  cutoffFor,
  eventLabel,
  idList,
  latestCutoff,
  PROGRESS_EVENTS,
  WEEKLY_EVENTS,
  type WeeklyNotes,
  type WeeklyRow,
} from '@/export/weekly';
import { WEEKLY_COLUMNS, WEEKLY_IDS_COLUMN, exportWeeklyReport } from '@/export/weekly-xlsx';
import { download } from './ExportPanel';
import './FieldSheet.css';
import './WeeklyReport.css';

export interface WeeklyReportProps {
  campaign: Campaign;
  defects: DefectColumns | null;
  /** defect-history.json; null (not loaded yet, or broken): the figures come from the defect columns (the form says so). */
  histories: DefectHistories | null;
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

type Labels = ReturnType<typeof campaignLabels>;

export function WeeklyReport(props: WeeklyReportProps) {
  const { campaign, defects, histories, meta, lang } = props;
  const { cutoff, setCutoff, notes, setNotes } = useWeeklyInputs(props);
  const [view, setView] = useState<string>('units');
  const [error, setError] = useState<string | null>(null);
  const L = campaignLabels(campaign, lang);

  // Recompute when the week or the set of noted rows changes, not on every keystroke.
  const noteKeys = Object.keys(notes).sort().join('\n');
  const report = useMemo(() => {
    if (!defects) return null;
    const keyed = Object.fromEntries(noteKeys ? noteKeys.split('\n').map((k) => [k, {}]) : []);
    return buildWeeklyReport({ campaign, defects, histories, cutoffDate: cutoff, asOfDate: meta.asOfDate }, keyed);
  }, [campaign, defects, histories, cutoff, meta.asOfDate, noteKeys]);

  const merge = report?.merges.find((m) => m.leadUnit === view) ?? null;
  const rows: WeeklyRow[] = merge ? merge.rows : (report?.rows ?? []);

  function edit(key: string, field: 'progress' | 'plan', value: string) {
    setNotes({ ...notes, [key]: { ...notes[key], [field]: value } });
  }

  async function exportXlsx() {
    if (!report || !defects) return;
    setError(null);
    try {
      const input = { campaign, defects, histories, cutoffDate: cutoff, asOfDate: meta.asOfDate };
      const withNotes = buildWeeklyReport(input, notes);
      const file = await exportWeeklyReport(withNotes, campaign, notes, { ...meta, generatedAt: new Date() }, lang);
      download(file.bytes, file.filename, file.mime);
    } catch (e) {
      setError(t(lang, 'exportFailed', { message: (e as Error).message }));
    }
  }

  return (
    <section className="print-sheet weekly-report" data-testid="weekly-report" lang={lang === 'zh' ? 'zh-CN' : 'en'}>
      <WeeklyControls
        campaign={campaign}
        cutoff={cutoff}
        onCutoff={setCutoff}
        view={view}
        onView={setView}
        merges={report?.merges ?? []}
        onXlsx={report ? () => void exportXlsx() : null}
        error={error}
        labels={L}
        lang={lang}
      />
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
        <p key={w.en} className="wr-warning">
          {named(lang, w)}
        </p>
      ))}

      {rows.length === 0 ? (
        <p>{t(lang, 'weeklyReportNoRows')}</p>
      ) : (
        <WeeklyTable rows={rows} notes={notes} onEdit={edit} labels={L} lang={lang} />
      )}
    </section>
  );
}

/** The cut-off and the free text: the caller's (controlled) when given, else the component's own. */
function useWeeklyInputs({
  campaign,
  meta,
  initialCutoff,
  cutoff: cutoffProp,
  onCutoffChange,
  notes: notesProp,
  onNotesChange,
}: WeeklyReportProps) {
  const [ownCutoff, setOwnCutoff] = useState<IsoDate>(() =>
    initialCutoff ? cutoffFor(campaign, initialCutoff) : latestCutoff(campaign, meta.asOfDate),
  );
  const [ownNotes, setOwnNotes] = useState<WeeklyNotes>({});
  return {
    cutoff: cutoffProp ?? ownCutoff,
    setCutoff: (next: IsoDate) => (onCutoffChange ? onCutoffChange(next) : setOwnCutoff(next)),
    notes: notesProp ?? ownNotes,
    setNotes: (next: WeeklyNotes) => (onNotesChange ? onNotesChange(next) : setOwnNotes(next)),
  };
}

interface WeeklyTableProps {
  rows: WeeklyRow[];
  notes: WeeklyNotes;
  onEdit: (key: string, field: 'progress' | 'plan', value: string) => void;
  labels: Labels;
  lang: ExportLang;
}

/** The form itself: one row per unit and task force, figures with their defect ids, and the unit's own text. */
function WeeklyTable({ rows, notes, onEdit, labels: L, lang }: WeeklyTableProps) {
  return (
    <table className="wr-table">
      <thead>
        <tr>
          <th scope="col">{named(lang, WEEKLY_COLUMNS.unit)}</th>
          <th scope="col">{named(lang, WEEKLY_COLUMNS.project)}</th>
          <th scope="col">{named(lang, WEEKLY_COLUMNS.progress)}</th>
          <th scope="col">{named(lang, WEEKLY_COLUMNS.plan)}</th>
          <th scope="col">{named(lang, WEEKLY_IDS_COLUMN)}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-testid={`weekly-row-${r.key}`}>
            <td>{L.unit(r.unit)}</td>
            <td>{L.taskForce(r.taskForce)}</td>
            <td>
              <NoteField
                label={`${t(lang, 'weeklyReportUnitText')}: ${L.unit(r.unit)} ${L.taskForce(r.taskForce)}`}
                value={notes[r.key]?.progress ?? ''}
                onChange={(v) => onEdit(r.key, 'progress', v)}
              />
              <ul className="wr-figures">
                {PROGRESS_EVENTS.map((e) => (
                  <li key={e}>
                    {eventLabel(e, lang)}: <strong data-testid={`weekly-${r.key}-${e}`}>{r.ids[e].length}</strong>
                  </li>
                ))}
              </ul>
            </td>
            <td>
              <NoteField
                label={`${t(lang, 'weeklyReportPlanText')}: ${L.unit(r.unit)} ${L.taskForce(r.taskForce)}`}
                value={notes[r.key]?.plan ?? ''}
                onChange={(v) => onEdit(r.key, 'plan', v)}
              />
              <p>
                {eventLabel('dueNextWeek', lang)}: <strong>{r.ids.dueNextWeek.length}</strong>
              </p>
            </td>
            <td className="wr-ids" data-testid={`weekly-${r.key}-ids`}>
              {WEEKLY_EVENTS.filter((e) => r.ids[e].length > 0).map((e) => (
                <p key={e}>
                  {eventLabel(e, lang)}: {idList(r.ids[e], lang)}
                </p>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A unit's own text: a textarea on screen, the same text as plain preformatted text on paper. */
function NoteField({ label, value, onChange }: { label: string; value: string; onChange: (value: string) => void }) {
  return (
    <>
      <textarea aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} rows={3} />
      <pre className="wr-print-text">{value}</pre>
    </>
  );
}

interface WeeklyControlsProps {
  campaign: Campaign;
  cutoff: IsoDate;
  onCutoff: (cutoff: IsoDate) => void;
  view: string;
  onView: (view: string) => void;
  merges: { leadUnit: string }[];
  /** Null while there is no report to export. */
  onXlsx: (() => void) | null;
  error: string | null;
  labels: Labels;
  lang: ExportLang;
}

/** Cut-off, all units or one lead unit's merge, XLSX and print: on screen only. */
function WeeklyControls({
  campaign,
  cutoff,
  onCutoff,
  view,
  onView,
  merges,
  onXlsx,
  error,
  labels,
  lang,
}: WeeklyControlsProps) {
  return (
    <div className="wr-controls no-print">
      <label>
        {t(lang, 'weeklyReportCutoff')}{' '}
        <input
          type="date"
          value={cutoff}
          onChange={(e) => isIsoDate(e.target.value) && onCutoff(cutoffFor(campaign, e.target.value))}
          data-testid="weekly-cutoff"
        />
      </label>
      <label>
        {t(lang, 'weeklyReportView')}{' '}
        <select value={view} onChange={(e) => onView(e.target.value)} data-testid="weekly-view">
          <option value="units">{t(lang, 'weeklyReportAllUnits')}</option>
          {merges.map((m) => (
            <option key={m.leadUnit} value={m.leadUnit}>
              {t(lang, 'weeklyReportMergeOf', { unit: labels.unit(m.leadUnit) })}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={onXlsx ?? undefined} disabled={!onXlsx} data-testid="weekly-xlsx">
        {t(lang, 'exportXlsx')}
      </button>
      <button type="button" onClick={() => window.print()}>
        {t(lang, 'printOrPdf')}
      </button>
      {error && <span role="alert">{error}</span>}
    </div>
  );
}
