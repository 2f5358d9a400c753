/**
 * The header's offline line: a 离线 badge with the date of the data shown when the network does not answer
 * (`离线 · 数据 2019-09-12 18:00`, the data set's generation time in the campaign's time zone), and 新版本 · 更新
 * when a new version of the app is waiting. It also keeps the offline copy current: each time a data set loads
 * without errors (at start, and when the manifest watch brings a new one), the service worker is asked to store
 * it, so the next reload without network shows it.
 */
import { useEffect, useState } from 'react';
import type { StoreReport } from '@/dataset/offline';
import { useAppStore } from '@/store/store';
import { useT } from '@/ui/i18n';
import { updateInProgress } from './app-update';
import { applyUpdate, networkAnswers, storeForOffline, usePwaState } from './pwa';
import './offline.css';

declare global {
  interface Window {
    /** The last offline copy stored for this page's data set (tests wait for it before cutting the network). */
    __offlineCopy?: StoreReport;
  }
}

/** How often the badge asks whether the network is back (the events below answer sooner when they fire). */
const CHECK_MS = 30_000;

export function OfflineStatus() {
  const t = useT();
  const offline = useOffline();
  const { updateReady, updating } = usePwaState();
  const dataset = useAppStore((s) => s.dataset);
  const timeZone = useAppStore((s) => s.dataset?.data.campaign?.timezone ?? 'Asia/Shanghai');
  const generatedAt = dataset?.manifest?.generatedAt ?? null;

  useEffect(() => {
    if (!dataset?.manifest || dataset.errors.length > 0 || dataset.pending?.length) return;
    let current = true;
    void storeForOffline().then((reply) => {
      if (reply && !reply.ok) console.warn(`offline copy not stored: ${reply.message}`);
      else if (current && reply) window.__offlineCopy = reply.report;
    });
    return () => {
      current = false;
    };
  }, [dataset]);

  const time = generatedAt ? shortInstant(generatedAt, timeZone) : null;
  return (
    <>
      {offline && (
        <span
          className="badge offline-badge"
          role="status"
          title={t('offlineBadgeTitle', { time: time ?? '—' })}
          data-testid="offline-badge"
        >
          {time ? t('offlineBadge', { time }) : t('offlineBadgeNoData')}
        </span>
      )}
      {updateReady && (
        <button
          type="button"
          className="update-ready"
          onClick={applyUpdate}
          disabled={updating}
          title={t('updateReadyTitle')}
          data-testid="update-ready"
        >
          {updating ? t('updating') : t('updateReady')}
        </button>
      )}
    </>
  );
}

/** Offline when the browser says so or the network does not answer; checked on online/offline events and every CHECK_MS. */
function useOffline(): boolean {
  const [offline, setOffline] = useState(() => !navigator.onLine);
  useEffect(() => {
    let current = true;
    const check = () => {
      // Quiet while the app updates itself (app-update.ts): the browser's own word only, no request.
      if (updateInProgress()) {
        if (!navigator.onLine) setOffline(true);
        return;
      }
      void networkAnswers().then((answers) => {
        if (current) setOffline(!answers);
      });
    };
    check();
    const timer = setInterval(check, CHECK_MS);
    window.addEventListener('online', check);
    window.addEventListener('offline', check);
    return () => {
      current = false;
      clearInterval(timer);
      window.removeEventListener('online', check);
      window.removeEventListener('offline', check);
    };
  }, []);
  return offline;
}

/** `2019-09-12 18:00` in `timeZone`, the same in both languages. */
function shortInstant(instant: string, timeZone: string): string {
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return instant;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
