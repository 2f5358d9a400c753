/**
 * Has the data set on the server changed since the app loaded it? The refresh writes a new manifest.json with
 * every run; comparing the generation time and the file hashes tells a real change from a re-served copy.
 */
import type { Manifest } from './types';

/**
 * True when `next` describes different data from `current`: another generation time, a file added or removed,
 * or a file whose sha256 differs. A null `current` (the first load failed) counts as changed.
 *
 * @example
 * if (manifestChanged(loaded.manifest, await fetchManifest())) reload();
 */
export function manifestChanged(current: Manifest | null, next: Manifest): boolean {
  if (current === null) return true;
  if (current.generatedAt !== next.generatedAt || current.schemaVersion !== next.schemaVersion) return true;
  const a = current.files as Record<string, { sha256: string } | undefined>;
  const b = next.files as Record<string, { sha256: string } | undefined>;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) if (a[key]?.sha256 !== b[key]?.sha256) return true;
  return false;
}
