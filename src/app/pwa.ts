/**
 * The page's side of the service worker (src/sw/sw.ts): registration and the update prompt, storing the data set
 * for offline use, and asking whether the network answers.
 *
 * Updates: a new build's worker installs in the background and waits; the header offers 新版本 · 更新, which tells
 * it to take over and reloads the page. Nothing in IndexedDB or the data cache is touched by an update.
 */
/// <reference types="vite-plugin-pwa/vanillajs" />
import { useSyncExternalStore } from 'react';
import { registerSW } from 'virtual:pwa-register';
import { OFFLINE_HEADER, type OfflineReply, type OfflineRequest } from '@/dataset/offline';
import { DISTRICTS_PATH } from '@/dataset/districts';
import { MANIFEST_PATH } from '@/dataset/paths';
import { useAppStore } from '@/store/store';
import { markUpdating } from './app-update';
import { SITE_DATA_URL, currentDataUrl, currentSite } from './site';

/** How long storing a data set may take before the page gives up waiting (a slow island connection). */
const STORE_TIMEOUT_MS = 10 * 60_000;

interface PwaState {
  /** A new version is installed and waiting for the page's word. */
  updateReady: boolean;
  /** 更新 was pressed: the waiting version is taking over and the page will reload. */
  updating: boolean;
}

let state: PwaState = { updateReady: false, updating: false };
const listeners = new Set<() => void>();
let updateServiceWorker: ((reloadPage?: boolean) => Promise<void>) | null = null;

/**
 * Registers the service worker (at the site's base path); a no-op where the browser has none (plain http), and
 * in `vite` dev mode, which serves no worker (a cached shell would hide every edit).
 */
export function registerServiceWorker(): void {
  // MODE, not DEV: a build run with NODE_ENV=test (vitest starts the tests' builds) has DEV true.
  if (import.meta.env.MODE === 'development' || !('serviceWorker' in navigator)) return;
  updateServiceWorker = registerSW({
    immediate: true,
    onNeedRefresh: () => setState({ updateReady: true }),
    onRegisterError: (e: unknown) => console.warn('service worker not registered:', e),
  });
}

/**
 * Registers the service worker once the first view is drawn (the store's `mapReady`), so neither the worker's
 * install (precaching the shell) nor workbox-window competes with what the map needs; a page without a map (the
 * districts roll-up) registers once it has loaded.
 */
export function registerServiceWorkerAfterFirstView(hasMap: boolean): void {
  if (!hasMap) {
    if (document.readyState === 'complete') registerServiceWorker();
    else window.addEventListener('load', () => registerServiceWorker(), { once: true });
    return;
  }
  if (useAppStore.getState().mapReady) return registerServiceWorker();
  const stop = useAppStore.subscribe((s) => {
    if (!s.mapReady) return;
    stop();
    registerServiceWorker();
  });
}

/**
 * Lets the waiting version take over; the page reloads when it does. Until then the page's own polls stay quiet
 * (app-update.ts says why, and when they start again if the reload does not come).
 */
export function applyUpdate(): void {
  if (state.updating) return;
  markUpdating(() => setState({ updating: false }));
  setState({ updating: true });
  void updateServiceWorker?.(true);
}

export function usePwaState(): PwaState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
}

function setState(next: Partial<PwaState>) {
  state = { ...state, ...next };
  for (const listener of listeners) listener();
}

/** The absolute URL of this page's data set folder, as the service worker keys it. */
export function dataFolderUrl(): string {
  return new URL(currentDataUrl(), window.location.href).href.replace(/\/+$/, '');
}

/** The site's index files a district page also needs offline (the districts pointer and districts.json). */
function siteIndexUrls(): string[] {
  if (currentSite().kind !== 'district') return [];
  const root = new URL(SITE_DATA_URL, window.location.href).href.replace(/\/+$/, '');
  return [`${root}/${MANIFEST_PATH}`, `${root}/${DISTRICTS_PATH}`];
}

/**
 * Asks the service worker to store this page's data set and `extra` files (a trip's photos); null where there is
 * no service worker, or none became active in time.
 */
export async function storeForOffline(extra: string[] = []): Promise<OfflineReply | null> {
  if (!('serviceWorker' in navigator) || typeof caches === 'undefined') return null;
  // On a first visit the worker is still installing (precaching the shell): wait for it, however slow the link.
  const registration = await withTimeout(navigator.serviceWorker.ready, STORE_TIMEOUT_MS);
  const worker = registration?.active;
  if (!worker) return null;
  const request: OfflineRequest = {
    type: 'store-dataset',
    folder: dataFolderUrl(),
    extra: [...siteIndexUrls(), ...extra],
  };
  const channel = new MessageChannel();
  const reply = new Promise<OfflineReply>((resolve) => {
    channel.port1.onmessage = (event: MessageEvent<OfflineReply>) => resolve(event.data);
  });
  worker.postMessage(request, [channel.port2]);
  return (await withTimeout(reply, STORE_TIMEOUT_MS)) ?? { ok: false, message: 'the service worker did not answer' };
}

/** True when this origin can keep data offline at all (a secure context with service workers). */
export function offlineSupported(): boolean {
  return window.isSecureContext && 'serviceWorker' in navigator && typeof caches !== 'undefined';
}

/**
 * Whether the network answers: false when the browser says it is offline, when asking for the manifest fails,
 * or when the service worker answered from its stored copy because the network did not.
 */
export async function networkAnswers(): Promise<boolean> {
  if (!navigator.onLine) return false;
  try {
    const response = await fetch(`${currentDataUrl()}/${MANIFEST_PATH}`, { cache: 'no-store' });
    return !response.headers.has(OFFLINE_HEADER);
  } catch {
    return false;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      () => {
        clearTimeout(timer);
        resolve(null);
      },
    );
  });
}
