/**
 * districts.json: the index of a site that hosts several districts (`npm run refresh-all`), beside one data set
 * per district in `<adcode>/`. The app reads it to offer the districts and show them side by side; a site
 * without it is a single-district site, as before.
 */
import type { IsoDate } from '../campaign/types';
import type { DistrictRollup, RuleZones } from '../insights/district-rollup';

export const DISTRICTS_SCHEMA_VERSION = 1;
export const DISTRICTS_PATH = 'districts.json';

/**
 * The site's top-level `manifest.json` on a site of several districts: it only points at districts.json. The app
 * asks for `data/manifest.json` first on every site, so neither kind of site answers the app with a 404 (which a
 * browser logs as an error): a single district's data set manifest means one district, this pointer several.
 */
export interface DistrictsPointer {
  schemaVersion: typeof DISTRICTS_SCHEMA_VERSION;
  districts: typeof DISTRICTS_PATH;
}

export function districtsPointer(): DistrictsPointer {
  return { schemaVersion: DISTRICTS_SCHEMA_VERSION, districts: DISTRICTS_PATH };
}

/** Whether a parsed top-level manifest.json is the pointer of a site of several districts. */
export function isDistrictsPointer(value: unknown): value is DistrictsPointer {
  return (
    typeof value === 'object' && value !== null && (value as Partial<DistrictsPointer>).districts === DISTRICTS_PATH
  );
}

export interface DistrictsIndex {
  schemaVersion: typeof DISTRICTS_SCHEMA_VERSION;
  /** When refresh-all wrote this index (ISO date-time). */
  generatedAt: string;
  districts: DistrictEntry[];
}

export interface DistrictEntry {
  /** The folder of its data set under the site's data folder, and the `?d=` of its link. */
  adcode: string;
  /** The Chinese name, e.g. 定海区. */
  name: string;
  /** `failed`: the last refresh of the district failed; the data set kept (if any) is the previous one. */
  status: 'ok' | 'failed';
  /** One line saying why, when failed. */
  reason?: string;
  /** The kept data set's manifest figures, or null when the district has never refreshed successfully. */
  generatedAt: string | null;
  asOfDate: IsoDate | null;
  sample: boolean;
  rollup: DistrictRollup | null;
  /**
   * The kept data set's zones per rule (from its import-report.json), or null when it has no report (never
   * refreshed, or refreshed before the report existed). Absent from indexes written before the zones were added.
   */
  zones?: RuleZones[] | null;
}

/** A problem with a parsed districts.json, or null when the app can use it. */
export function checkDistrictsIndex(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'not a JSON object';
  const v = value as Partial<DistrictsIndex>;
  if (v.schemaVersion !== DISTRICTS_SCHEMA_VERSION)
    return `schemaVersion ${String(v.schemaVersion)} is not ${DISTRICTS_SCHEMA_VERSION}`;
  if (!Array.isArray(v.districts)) return 'districts is not a list';
  for (const [k, d] of v.districts.entries()) {
    if (typeof d !== 'object' || d === null) return `districts[${k}] is not an object`;
    const e = d as Partial<DistrictEntry>;
    if (typeof e.adcode !== 'string' || !/^\d{6}$/.test(e.adcode)) return `districts[${k}].adcode is not 6 digits`;
    if (typeof e.name !== 'string') return `districts[${k}].name is not text`;
    if (e.status !== 'ok' && e.status !== 'failed') return `districts[${k}].status is not ok or failed`;
  }
  return null;
}
