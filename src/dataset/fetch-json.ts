/** One data-set file fetched, checked against its sha256 (when given) and parsed as JSON; failures as messages. */
import { sha256HexAsync } from './hash';

/** The URL of `path` in the data set at `baseUrl` (`data`, `data/<adcode>`, with or without a trailing slash). */
export function dataFileUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${path}`;
}

export type JsonResult = { ok: true; value: unknown } | { ok: false; message: string };

export async function fetchJson(fetchFn: typeof fetch, url: string, sha256: string | null): Promise<JsonResult> {
  let bytes: Uint8Array;
  try {
    const response = await fetchFn(url);
    if (!response.ok)
      return { ok: false, message: `HTTP ${response.status}${response.status === 404 ? ' (missing)' : ''}` };
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (e) {
    return { ok: false, message: `could not be fetched: ${(e as Error).message}` };
  }
  if (sha256 !== null) {
    const actual = await sha256HexAsync(bytes);
    if (actual !== sha256)
      return {
        ok: false,
        message: `content does not match manifest.json (sha256 ${actual.slice(0, 12)}…, expected ${sha256.slice(0, 12)}…)`,
      };
  }
  try {
    return { ok: true, value: JSON.parse(new TextDecoder().decode(bytes)) };
  } catch (e) {
    return { ok: false, message: `not valid JSON: ${(e as Error).message}` };
  }
}
