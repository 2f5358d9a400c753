import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LoadedDataset } from '@/dataset/read';
import { DATASET_SCHEMA_VERSION, type Manifest } from '@/dataset/types';
import { useAppStore } from '@/store/store';
import { markUpdating, updateInProgress } from './app-update';
import { DEFAULT_MANIFEST_POLL_MS, manifestPollMs, startManifestWatch } from './use-manifest-watch';

describe('manifestPollMs', () => {
  it('defaults to a minute', () => {
    expect(manifestPollMs('', undefined)).toBe(DEFAULT_MANIFEST_POLL_MS);
  });
  it('takes the URL parameter over the window setting', () => {
    expect(manifestPollMs('?manifestPollMs=5000', 1000)).toBe(5000);
    expect(manifestPollMs('?lang=en', 1000)).toBe(1000);
  });
  it('turns polling off with 0 and clamps tiny intervals', () => {
    expect(manifestPollMs('?manifestPollMs=0', undefined)).toBe(0);
    expect(manifestPollMs('?manifestPollMs=5', undefined)).toBe(200);
  });
  it('ignores nonsense', () => {
    expect(manifestPollMs('?manifestPollMs=abc', undefined)).toBe(DEFAULT_MANIFEST_POLL_MS);
    expect(manifestPollMs('?manifestPollMs=-1', undefined)).toBe(DEFAULT_MANIFEST_POLL_MS);
  });
});

const ORIGIN = 'http://localhost';
const manifest = {
  schemaVersion: DATASET_SCHEMA_VERSION,
  generatedAt: '2019-09-12T10:00:00Z',
  files: { campaign: { path: 'campaign.json', sha256: 'a' } },
} as unknown as Manifest;
let manifestHits = 0;
const server = setupServer(
  http.get(`${ORIGIN}/data/manifest.json`, () => {
    manifestHits++;
    // The same data set as the page's: a poll that reads it changes nothing.
    return HttpResponse.json(manifest);
  }),
);

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  // The page's fetches are relative to its address.
  const fetchOnPage = globalThis.fetch;
  vi.stubGlobal('fetch', (input: string, init?: RequestInit) => fetchOnPage(new URL(input, ORIGIN), init));
});
afterEach(() => server.resetHandlers());
afterAll(() => {
  server.close();
  vi.unstubAllGlobals();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the manifest watch', () => {
  it('polls until the app starts updating itself, stays quiet, and polls again if the update never comes', async () => {
    useAppStore.setState({ dataset: { manifest, errors: [], data: {} } as unknown as LoadedDataset });
    const stop = startManifestWatch(200);
    let gaveUp = false;
    try {
      await vi.waitFor(() => expect(manifestHits).toBeGreaterThanOrEqual(2), { timeout: 5000, interval: 50 });
      markUpdating(() => (gaveUp = true), 2000);
      expect(updateInProgress()).toBe(true);
      // A poll already on the wire may still land; none starts after it.
      await sleep(250);
      const atUpdate = manifestHits;
      await sleep(1000);
      expect(manifestHits).toBe(atUpdate);
      expect(gaveUp).toBe(false);
      // No reload came: the polls start again and the page is told (the button comes back).
      await vi.waitFor(() => expect(manifestHits).toBeGreaterThan(atUpdate), { timeout: 5000, interval: 50 });
      expect(gaveUp).toBe(true);
      expect(updateInProgress()).toBe(false);
    } finally {
      stop();
    }
  });
});
