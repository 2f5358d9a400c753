/**
 * Which files of a data set the browser fetches when: kept apart from read.ts so the page's first script
 * (src/app/boot.ts) knows which files to start fetching without loading the reader.
 */
import type { DatasetFileKey, OptionalFileKey } from './types';

/** The big files a first answer (`onBase`) goes without: the map, zones and panels need none of them to start. */
export const LATER_FILES: readonly (DatasetFileKey | OptionalFileKey)[] = ['defects', 'defectIds'];

/**
 * Files loadDataset does not read: the details index and the histories, fetched on demand (src/dataset/details.ts)
 * once a defect opens or a history view needs them, so no load waits for them. A manifest must still list them.
 */
export const ON_DEMAND_FILES: readonly DatasetFileKey[] = ['defectDetails', 'defectHistory'];

/**
 * Whether a manifest entry is one of the files a load reads at once: a data-set file (its key a plain name, as in
 * DATASET_PATHS and OPTIONAL_PATHS; published photos are listed as `photo:<path>`), JSON or GeoJSON, and not in
 * LATER_FILES or ON_DEMAND_FILES. Decided from the entry alone so the boot script need not load the paths and the
 * object kinds; a test checks it against DATASET_PATHS and OPTIONAL_PATHS.
 */
export function isFirstFile(key: string, path: string): boolean {
  return (
    /^[A-Za-z]+$/.test(key) &&
    /^[\w.-]+\.(geo)?json$/.test(path) &&
    !(LATER_FILES as readonly string[]).includes(key) &&
    !(ON_DEMAND_FILES as readonly string[]).includes(key)
  );
}
