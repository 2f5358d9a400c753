/**
 * 下载本片区: before a trip, the inspector picks a zone or a subdistrict and the app stores on the device what it
 * needs (the data set, which holds its objects and defects; the details chunks and the photos of its defects on
 * this site), then says how much that was and what the site stores in total, and asks the browser to keep it
 * (persistent storage). Online basemap tiles are not downloaded: the OSM tile policy forbids bulk downloads, and
 * offline the map draws the built-in offline basemap from the data set.
 */
import { useMemo, useState } from 'react';
import type { Campaign } from '@/campaign/types';
import { offlinePhotoUrls, type StoreReport } from '@/dataset/offline';
import type { EngineResult } from '@/geo/types';
import { tripDefectRows, tripPhotos, type TripScope } from '@/insights/trip';
import { defectIdsFile, whenIds } from '@/dataset/lazy-ids';
import { useAppStore } from '@/store/store';
import { detailsReaderOf } from '@/store/use-details';
import { named, useT, type Lang } from '@/ui/i18n';
import { dataFolderUrl, offlineSupported, storeForOffline } from './pwa';
import './offline.css';

type Outcome =
  | { kind: 'done'; report: StoreReport; defects: number; photos: number; elsewhere: number; storage: StorageFigures }
  | { kind: 'error'; message: string }
  | { kind: 'unavailable' };

interface StorageFigures {
  usage: number | null;
  quota: number | null;
  persisted: boolean | null;
}

export function TripDownload() {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const campaign = useAppStore((s) => s.dataset?.data.campaign ?? null);
  const defects = useAppStore((s) => s.dataset?.data.defects ?? null);
  const dataset = useAppStore((s) => s.dataset);
  const engine = useAppStore((s) => s.engineResult);
  const selection = useAppStore((s) => s.selection);
  const [kind, setKind] = useState<TripScope['kind']>('zone');
  const [picked, setPicked] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const zones = useMemo(() => engine?.rules.flatMap((r) => r.zones) ?? [], [engine]);
  if (!campaign || !defects) return null;

  // The map's selected zone, else the first one; the first subdistrict.
  const fallback =
    kind === 'zone'
      ? ((selection?.kind === 'zone' && zones.some((z) => z.id === selection.id) ? selection.id : zones[0]?.id) ?? '')
      : (campaign.subdistricts[0]?.code ?? '');
  const value = picked ?? fallback;
  const scope: TripScope = kind === 'zone' ? { kind, zoneId: value } : { kind, code: value };

  async function download() {
    if (!defects) return;
    setBusy(true);
    setOutcome(null);
    try {
      if (!offlineSupported()) {
        setOutcome({ kind: 'unavailable' });
        return;
      }
      const rows = tripDefectRows(scope, defects, engine);
      // The details chunks holding the trip's defects: fetched now (for their photos) and stored with the data set.
      const reader = await detailsReaderOf(dataset);
      const trip = reader ? await reader.rows(rows) : null;
      if (trip?.errors.length) {
        setOutcome({ kind: 'error', message: trip.errors.map((e) => `${e.file}: ${e.message}`).join('; ') });
        return;
      }
      // The details are keyed by defect id: the ids come on first need (lazy-ids.ts).
      const ids = await whenIds(defects.id).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
      if (ids instanceof Error) {
        setOutcome({ kind: 'error', message: `${defectIdsFile(defects.id)}: ${ids.message}` });
        return;
      }
      const photos = tripPhotos(rows, { ...defects, id: ids }, trip?.details ?? null);
      const urls = offlinePhotoUrls(photos, dataFolderUrl());
      const chunks = (trip?.chunks ?? []).map((c) => `${dataFolderUrl()}/${c.path}?sha256=${c.sha256}`);
      const reply = await storeForOffline([...chunks, ...urls]);
      if (!reply) setOutcome({ kind: 'unavailable' });
      else if (!reply.ok) setOutcome({ kind: 'error', message: reply.message });
      else
        setOutcome({
          kind: 'done',
          report: reply.report,
          defects: rows.length,
          photos: urls.length,
          elsewhere: photos.length - urls.length,
          storage: await storageFigures(),
        });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel trip-download" aria-labelledby="trip-title" data-testid="trip-download">
      <h2 id="trip-title">{t('tripTitle')}</h2>
      <p className="muted">{t('tripIntro')}</p>
      <div className="trip-pick">
        <label>
          {t('tripKind')}{' '}
          <select
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as TripScope['kind']);
              setPicked(null);
            }}
            data-testid="trip-kind"
          >
            <option value="zone" disabled={zones.length === 0}>
              {t('tripKindZone')}
            </option>
            <option value="subdistrict">{t('tripKindSubdistrict')}</option>
          </select>
        </label>
        <label>
          {t('tripPick')}{' '}
          <select value={value} onChange={(e) => setPicked(e.target.value)} data-testid="trip-target">
            {kind === 'zone' ? (
              <ZoneOptions campaign={campaign} engine={engine} lang={lang} />
            ) : (
              <SubdistrictOptions campaign={campaign} lang={lang} />
            )}
          </select>
        </label>
      </div>
      <button type="button" onClick={() => void download()} disabled={busy || value === ''} data-testid="trip-button">
        {busy ? t('tripBusy') : t('tripButton')}
      </button>
      {outcome && <TripOutcome outcome={outcome} />}
      <p className="muted trip-note">{t('tripTiles')}</p>
    </section>
  );
}

function ZoneOptions({ campaign, engine, lang }: { campaign: Campaign; engine: EngineResult | null; lang: Lang }) {
  return (
    <>
      {(engine?.rules ?? []).map((r) => {
        const rule = campaign.zoneRules.find((z) => z.id === r.ruleId);
        return (
          <optgroup key={r.ruleId} label={rule ? named(lang, rule) : r.ruleId}>
            {r.zones.map((z) => (
              <option key={z.id} value={z.id}>
                {z.anchorName} ({z.id})
              </option>
            ))}
          </optgroup>
        );
      })}
    </>
  );
}

function SubdistrictOptions({ campaign, lang }: { campaign: Campaign; lang: Lang }) {
  return (
    <>
      {campaign.subdistricts.map((s) => (
        <option key={s.code} value={s.code}>
          {named(lang, s)}
        </option>
      ))}
    </>
  );
}

function TripOutcome({ outcome }: { outcome: Outcome }) {
  const t = useT();
  if (outcome.kind === 'unavailable')
    return (
      <p className="trip-outcome error" role="status" data-testid="trip-outcome">
        {t('tripUnavailable')}
      </p>
    );
  if (outcome.kind === 'error')
    return (
      <p className="trip-outcome error" role="status" data-testid="trip-outcome">
        {t('tripError', { message: outcome.message })}
      </p>
    );
  const { report, storage } = outcome;
  return (
    <div className="trip-outcome" role="status" data-testid="trip-outcome">
      <p data-testid="trip-done">
        {t('tripDone', {
          defects: outcome.defects,
          files: report.files,
          mb: mb(report.bytes),
          fetched: report.fetchedFiles,
          fetchedMb: mb(report.fetchedBytes),
        })}
        {outcome.photos > 0 && ` ${t('tripPhotos', { n: outcome.photos })}`}
      </p>
      {outcome.elsewhere > 0 && <p className="muted">{t('tripPhotosElsewhere', { n: outcome.elsewhere })}</p>}
      {report.failed.length > 0 && (
        <p className="error" data-testid="trip-failed">
          {t('tripFailed', { n: report.failed.length, files: report.failed.join('; ') })}
        </p>
      )}
      {storage.usage !== null && storage.quota !== null && (
        <p data-testid="trip-storage">{t('tripStorage', { usage: mb(storage.usage), quota: mb(storage.quota) })}</p>
      )}
      {storage.persisted !== null && (
        <p className="muted" data-testid="trip-persisted">
          {storage.persisted ? t('tripPersisted') : t('tripNotPersisted')}
        </p>
      )}
    </div>
  );
}

/** What the site stores in total, and whether the browser agreed to keep it (asked here, after a download). */
async function storageFigures(): Promise<StorageFigures> {
  const storage = navigator.storage;
  if (!storage) return { usage: null, quota: null, persisted: null };
  const persisted = storage.persist ? await storage.persist().catch(() => null) : null;
  const estimate = storage.estimate ? await storage.estimate().catch(() => null) : null;
  return { usage: estimate?.usage ?? null, quota: estimate?.quota ?? null, persisted };
}

/** Bytes as MB with one decimal (two below 0.1 MB, so a small trip does not read 0.0). */
function mb(bytes: number): string {
  const value = bytes / (1024 * 1024);
  return value < 0.1 ? value.toFixed(2) : value.toFixed(1);
}
