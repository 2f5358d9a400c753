/**
 * The online-declaration tracker (附件2): entries, responsible units, deadlines, status and days left or overdue
 * at the as-of date, with an XLSX export through the same core as `npm run export -- --declarations`.
 */
import { useMemo, useState } from 'react';
import type { Campaign, IsoDate } from '@/campaign/types';
import type { DeclarationEntry } from '@/dataset/types';
import { DECLARATION_COLUMNS, declarationTable, exportDeclarations } from '@/export/declarations';
import { declarationRows } from '@/insights/task-forces';
import { headerOf } from '@/export/table';
import { word, type ExportLang } from '@/export/labels';
import { t } from '@/ui/i18n';
import { download } from './ExportPanel';
import './ExportPanel.css';

export interface DeclarationTrackerProps {
  campaign: Campaign;
  entries: DeclarationEntry[];
  /** The data's as-of date and sample flag (manifest). */
  meta: { asOfDate: IsoDate; sample: boolean };
  /** The day days-left is counted to (the app's "today"); default the as-of date. */
  statusDate?: IsoDate;
  lang: ExportLang;
}

const DAYS_COLUMN = DECLARATION_COLUMNS.findIndex((c) => c.key === 'days_left');

export function DeclarationTracker({ campaign, entries, meta, statusDate, lang }: DeclarationTrackerProps) {
  const day = statusDate ?? meta.asOfDate;
  const rows = useMemo(() => declarationRows(entries, day), [entries, day]);
  const table = useMemo(() => declarationTable(rows, campaign, lang), [rows, campaign, lang]);
  const [error, setError] = useState<string | null>(null);
  // Labels are for people: English headers come from the zh/en column names, not the machine keys.
  const headers = DECLARATION_COLUMNS.map((c) => (lang === 'zh' ? c.zh : headerOf(c, 'en').replace(/_/g, ' ')));

  async function exportXlsx() {
    setError(null);
    try {
      const file = await exportDeclarations(entries, campaign, { ...meta, generatedAt: new Date() }, lang, day);
      download(file.bytes, file.filename, file.mime);
    } catch (e) {
      setError(t(lang, 'exportFailed', { message: (e as Error).message }));
    }
  }

  return (
    <section
      className="panel declaration-tracker"
      aria-labelledby="declarations-title"
      data-testid="declaration-tracker"
    >
      <h2 id="declarations-title">{t(lang, 'declarationTrackerTitle')}</h2>
      <p className="muted">
        {word(lang, 'asOfDate')}: {meta.asOfDate}
        {day !== meta.asOfDate && ` · ${word(lang, 'statusDate')}: ${day}`}
        {meta.sample && ` · ${word(lang, 'sampleData')}`}
      </p>
      <button type="button" onClick={() => void exportXlsx()} data-testid="declarations-xlsx">
        {t(lang, 'exportXlsx')}
      </button>
      {error && <p role="alert">{error}</p>}
      <table>
        <thead>
          <tr>
            {headers.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((cells, i) => {
            const daysLeft = rows[i].daysLeft;
            const cls = daysLeft === null ? 'submitted' : daysLeft < 0 ? 'overdue' : undefined;
            return (
              <tr key={rows[i].entry.id} className={cls} data-testid={`declaration-${rows[i].entry.id}`}>
                {cells.map((c, j) => (
                  <td key={j} className={j === DAYS_COLUMN ? 'num' : undefined}>
                    {c ?? ''}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
