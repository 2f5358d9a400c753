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

/** Files a load reads at once (everything but LATER_FILES and ON_DEMAND_FILES), by manifest key. */
export function isFirstFile(key: string): boolean {
  return !(LATER_FILES as readonly string[]).includes(key) && !(ON_DEMAND_FILES as readonly string[]).includes(key);
}
