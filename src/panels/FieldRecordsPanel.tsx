/**
 * The records queued on this device (现场巡查): each with its verdict, target, time, position (or that it has
 * none) and photos, deletable before export; one export per day, a zip named so a person recognises it
 * (巡查记录_<inspector>_<date>.zip, src/field/records-zip.ts) that the inspector sends to the office, who drops it
 * into the data folder's returns/. Also the way to record a new problem at the device's position.
 */
import { useEffect, useState } from 'react';
import { recordDate, recordsZipName, type FieldRecord } from '@/field/record';
import { formatInstant } from '@/ui/format';
import { useT } from '@/ui/i18n';
import { readPhotos } from '@/store/field-queue';
import { useAppStore } from '@/store/store';
import { FieldRecordActions } from './FieldRecordForm';
import { VERDICT_KEY } from './field-verdicts';
import './field-records.css';

export function FieldRecordsPanel() {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const campaign = useAppStore((s) => s.dataset?.data.campaign);
  const status = useAppStore((s) => s.fieldQueue);
  const records = useAppStore((s) => s.fieldRecords);
  const inspector = useAppStore((s) => s.inspector);
  const loadFieldQueue = useAppStore((s) => s.loadFieldQueue);
  const deleteFieldRecord = useAppStore((s) => s.deleteFieldRecord);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    void loadFieldQueue();
  }, [loadFieldQueue]);

  const days = [...new Set(records.map((r) => recordDate(r.time)))].sort().reverse();
  const timeZone = campaign?.timezone ?? 'Asia/Shanghai';

  const exportDay = async (day: string) => {
    const list = records.filter((r) => recordDate(r.time) === day);
    try {
      const photos = await readPhotos(list.flatMap((r) => r.photos));
      // The zip writer (fflate, the CSV writer) loads on the first export, not with the page.
      const { recordsZip } = await import('@/field/records-zip');
      const bytes = recordsZip(list, photos);
      const who = inspector || list[0]?.inspector || '';
      const name = recordsZipName(who, day);
      const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setMessage(t('fieldExported', { name }));
    } catch (e) {
      setMessage(t('fieldExportFailed', { reason: e instanceof Error ? e.message : String(e) }));
    }
  };

  return (
    <section className="panel field-records" aria-labelledby="field-records-title" data-testid="field-records">
      <h2 id="field-records-title">{t('fieldTitle')}</h2>
      {campaign && <FieldRecordActions campaign={campaign} target={{ kind: 'position' }} />}
      {status === 'failed' ? (
        <p className="field-errors" role="alert">
          {t('fieldQueueFailed')}
        </p>
      ) : records.length === 0 ? (
        <p className="muted" data-testid="field-queue-empty">
          {t('fieldQueueEmpty')}
        </p>
      ) : (
        <>
          <p data-testid="field-queue-count">{t('fieldQueue', { n: records.length })}</p>
          <ol className="plain field-list" data-testid="field-list">
            {[...records].reverse().map((r) => (
              <RecordItem
                key={r.id}
                record={r}
                when={formatInstant(r.time, lang, timeZone)}
                onDelete={() => void deleteFieldRecord(r.id)}
              />
            ))}
          </ol>
          <div className="field-verdicts">
            {days.map((day) => (
              <button
                key={day}
                type="button"
                className="field-button primary"
                onClick={() => void exportDay(day)}
                data-testid={`field-export-${day}`}
              >
                {t('fieldExportDay', { date: day, n: records.filter((r) => recordDate(r.time) === day).length })}
              </button>
            ))}
          </div>
        </>
      )}
      {message && (
        <p className="field-saved" role="status" data-testid="field-export-message">
          {message}
        </p>
      )}
    </section>
  );
}

function RecordItem({ record: r, when, onDelete }: { record: FieldRecord; when: string; onDelete: () => void }) {
  const t = useT();
  return (
    <li className="field-item" data-testid="field-item">
      <div>
        <strong>{t(VERDICT_KEY[r.verdict])}</strong> <span>{r.defect ?? r.object ?? ''}</span>{' '}
        <span className="muted small">{when}</span>
      </div>
      <div className="muted small">
        {r.lngLat
          ? t('fieldPosition', { lng: r.lngLat[0], lat: r.lngLat[1], m: r.accuracyM ?? '?' })
          : t('fieldNoPosition', { reason: t('fieldGeoUnavailable') })}
        {r.photos.length > 0 && ` · ${t('fieldPhotoCount', { n: r.photos.length })}`}
      </div>
      {r.note && <div className="field-note">{r.note}</div>}
      <button
        type="button"
        className="field-delete"
        aria-label={t('fieldDelete', { id: r.id })}
        onClick={onDelete}
        data-testid="field-delete"
      >
        ×
      </button>
    </li>
  );
}
