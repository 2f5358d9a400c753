/**
 * The data set's first fetches, started by the page's first script (boot.ts) while the app's code still downloads
 * and compiles, then handed to the app: resolveSite and the data pipeline take a prefetched response instead of
 * fetching the same URL again. The manifest is fetched at once, then every file a load reads at once; on a phone
 * with a slow link the data no longer waits for 450 KB of code, and on a fast one the map starts ~300 ms sooner.
 *
 * Each response is taken as many times as it was prefetched for (the manifest: by resolveSite and by the
 * loader), then forgotten, so a later reload (a new manifest published) fetches afresh; one nobody took within
 * MAX_AGE_MS of its answer is dropped, with everything else prefetched. What the app does with a response is
 * unchanged: status, hash and shape are checked as for any fetch.
 */

interface Entry {
  response: Promise<Response>;
  uses: number;
  at: number;
}

/** A prefetched response older than this is not used: the app fetches again. */
export const MAX_AGE_MS = 60_000;
const REGISTRY = '__zonemapPrefetch';

function registry(): Map<string, Entry> {
  const g = globalThis as unknown as Record<string, Map<string, Entry> | undefined>;
  return (g[REGISTRY] ??= new Map());
}

function absolute(url: string): string {
  return new URL(url, globalThis.location?.href ?? 'http://localhost/').href;
}

/** Fetches `url` as the app would (revalidated with the server) and keeps the response for `uses` takers. */
export function prefetch(url: string, uses = 1, now = Date.now()): Promise<Response> {
  const key = absolute(url);
  const response = fetch(key, { cache: 'no-cache' });
  const entry: Entry = { response, uses, at: now };
  // The age counts from the answer (a slow link may take long to bring the app's code); a failure reaches whoever
  // takes it, who fetches again or reports it (unhandled here it would be logged).
  response.then(
    () => (entry.at = Math.max(entry.at, Date.now())),
    () => undefined,
  );
  registry().set(key, entry);
  return response;
}

/**
 * The response prefetched for `url`, or null (fetch it yourself). While other takers remain, each gets a copy
 * and the last the original.
 */
export function takePrefetched(url: string, now = Date.now()): Promise<Response> | null {
  const key = absolute(url);
  const entry = registry().get(key);
  if (!entry) return null;
  if (now - entry.at > MAX_AGE_MS) {
    // All or nothing: files prefetched for one manifest must not be read against a fresher one.
    registry().clear();
    return null;
  }
  entry.uses -= 1;
  if (entry.uses > 0) return entry.response.then((r) => r.clone());
  registry().delete(key);
  return entry.response;
}

/** `fetch` that first looks for a prefetched response of a plain GET of the same URL. */
export const fetchPrefetched: typeof fetch = (input, init) => {
  const plain = typeof input === 'string' && (!init || !init.method || init.method === 'GET') && !init?.signal;
  return (plain ? takePrefetched(input) : null) ?? fetch(input, init);
};

/** Forgets everything prefetched (tests). */
export function clearPrefetched(): void {
  registry().clear();
}
