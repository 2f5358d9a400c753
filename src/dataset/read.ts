/**
 * The browser side of public/data: fetch manifest.json, then every file it lists, each checked against its
 * sha256 and its shape. One missing or broken file gives an error naming it while the others still load, so the
 * app can show a banner and draw what it has.
 */
import type { DefectFilesRequest } from './defects-load';
import { dataFileUrl, fetchJson } from './fetch-json';
import { LATER_FILES, ON_DEMAND_FILES } from './file-groups';
import { OPTIONAL_SHAPE_CHECKS, SHAPE_CHECKS, checkManifest } from './shape';
import {
  DATASET_SCHEMA_VERSION,
  type DatasetData,
  type DatasetFileKey,
  type Manifest,
  type OptionalFileKey,
} from './types';
import { DATASET_PATHS, MANIFEST_PATH, OPTIONAL_PATHS } from './paths';

export interface DatasetLoadError {
  /** The file name as the banner should show it, e.g. `markets.geojson`. */
  file: string;
  message: string;
}

export interface LoadedDataset {
  /** null when manifest.json itself could not be used; then nothing else is loaded. */
  manifest: Manifest | null;
  data: Partial<DatasetData>;
  errors: DatasetLoadError[];
  /** The URL the data set was loaded from (`data`, or `data/<adcode>`): where published field photos live. */
  baseUrl?: string;
  /** Files still loading (a first answer through `onBase`); absent or empty once everything is in. */
  pending?: string[];
}

export { LATER_FILES, ON_DEMAND_FILES } from './file-groups';

/**
 * Fetches, checks and decodes defects.bin and defect-ids.json somewhere else (the app: in the defects worker) and
 * hands back the main thread's columns. Never rejects for a bad file: those are `errors`.
 */
export type DefectsLoader = (request: DefectFilesRequest) => Promise<DefectsLoaded>;

export interface DefectsLoaded {
  columns: DatasetData['defects'] | null;
  errors: DatasetLoadError[];
}

export interface LoadOptions {
  /**
   * Called once with everything but LATER_FILES as soon as that is in (`pending` names what is still coming), so
   * the map and the zones can draw while the defects download and are checked.
   */
  onBase?: (base: LoadedDataset) => void;
  /** Where the defect files are fetched and decoded; by default here, with `fetchFn` (loadDefectFiles). */
  loadDefects?: DefectsLoader;
}

/**
 * Loads the data set under `baseUrl` (e.g. `${import.meta.env.BASE_URL}data`) with the shell's `fetchFn` (the
 * core does no I/O of its own: the app passes its fetch with `cache: 'no-cache'`).
 *
 * @example
 * const { data, errors } = await loadDataset('/data', fetch);
 * if (errors.length) showBanner(errors.map((e) => `${e.file}: ${e.message}`));
 */
export async function loadDataset(
  baseUrl: string,
  fetchFn: typeof fetch,
  { onBase, loadDefects }: LoadOptions = {},
): Promise<LoadedDataset> {
  const url = (path: string) => dataFileUrl(baseUrl, path);
  const manifestResult = await fetchJson(fetchFn, url(MANIFEST_PATH), null);
  const manifestProblem = manifestResult.ok
    ? checkManifest(manifestResult.value, DATASET_SCHEMA_VERSION)
    : manifestResult.message;
  if (manifestProblem !== null)
    return { manifest: null, data: {}, errors: [{ file: MANIFEST_PATH, message: manifestProblem }] };
  const manifest = (manifestResult as { value: Manifest }).value;

  const data: Partial<DatasetData> = {};
  const errors: DatasetLoadError[] = [];
  const load = async (key: string, entry: { path: string; sha256: string }, check: (v: unknown) => string | null) => {
    const result = await fetchJson(fetchFn, url(entry.path), entry.sha256);
    const problem = result.ok ? check(result.value) : result.message;
    if (problem !== null) errors.push({ file: entry.path, message: problem });
    else (data as Record<string, unknown>)[key] = (result as { value: unknown }).value;
  };
  const order = [...Object.values(DATASET_PATHS), ...Object.values(OPTIONAL_PATHS)];
  const sorted = (list: DatasetLoadError[]) => [...list].sort((a, b) => order.indexOf(a.file) - order.indexOf(b.file));
  const keys = [
    ...(Object.keys(DATASET_PATHS) as DatasetFileKey[]).map((key) => ({ key, required: true })),
    // An optional file is fetched only when the manifest lists it; an older data set simply has none.
    ...(Object.keys(OPTIONAL_PATHS) as OptionalFileKey[]).map((key) => ({ key, required: false })),
  ];
  const loads = keys.map(async ({ key, required }) => {
    if (key === 'defectIds') return; // with the defects
    if (key === 'defects') {
      await loadDefectsInto(manifest, url, fetchFn, loadDefects, data, errors);
      return;
    }
    const entry = manifest.files[key];
    if (ON_DEMAND_FILES.includes(key as DatasetFileKey)) {
      if (!entry) errors.push({ file: DATASET_PATHS[key as DatasetFileKey], message: 'not listed in manifest.json' });
      return;
    }
    const check = required ? SHAPE_CHECKS[key as DatasetFileKey] : OPTIONAL_SHAPE_CHECKS[key as OptionalFileKey];
    if (entry) await load(key, entry, check);
    else if (required)
      errors.push({ file: DATASET_PATHS[key as DatasetFileKey], message: 'not listed in manifest.json' });
  });
  if (onBase) {
    const later = keys.filter(({ key }) => LATER_FILES.includes(key) && manifest.files[key]);
    await Promise.all(loads.filter((_, i) => !LATER_FILES.includes(keys[i].key)));
    if (later.length)
      onBase({
        manifest,
        data: { ...data },
        errors: sorted(errors),
        pending: later.map(({ key }) => manifest.files[key]!.path),
        baseUrl,
      });
  }
  await Promise.all(loads);
  return { manifest, data, errors: sorted(errors), baseUrl };
}

/** The defect files of `manifest`, through `loadDefects` or here; their columns go into `data.defects`. */
async function loadDefectsInto(
  manifest: Manifest,
  url: (path: string) => string,
  fetchFn: typeof fetch,
  loadDefects: DefectsLoader | undefined,
  data: Partial<DatasetData>,
  errors: DatasetLoadError[],
): Promise<void> {
  const bin = manifest.files.defects;
  if (!bin) {
    errors.push({ file: DATASET_PATHS.defects, message: 'not listed in manifest.json' });
    return;
  }
  if (bin.path.endsWith('.json')) {
    errors.push({
      file: bin.path,
      message: `written by an older refresh: this app reads ${DATASET_PATHS.defects}; run the refresh again`,
    });
    return;
  }
  const ids = manifest.files.defectIds;
  if (!ids) errors.push({ file: DATASET_PATHS.defectIds, message: 'not listed in manifest.json' });
  const request: DefectFilesRequest = {
    bin: { url: url(bin.path), path: bin.path, sha256: bin.sha256 },
    ids: ids ? { url: url(ids.path), path: ids.path, sha256: ids.sha256 } : null,
  };
  const loaded = await (loadDefects ?? ((files) => loadDefectsHere(fetchFn, files)))(request);
  errors.push(...loaded.errors);
  if (loaded.columns) data.defects = loaded.columns;
}

/**
 * The default DefectsLoader: fetch, check and decode in this thread. Imported on use: the app's first load leaves
 * the decoder to the defects worker.
 */
export async function loadDefectsHere(fetchFn: typeof fetch, files: DefectFilesRequest): Promise<DefectsLoaded> {
  const { columnsCopy, loadDefectFiles } = await import('./defects-load');
  const { decoded, ids, errors } = await loadDefectFiles(fetchFn, files);
  return { columns: decoded ? columnsCopy(decoded, ids).columns : null, errors };
}
