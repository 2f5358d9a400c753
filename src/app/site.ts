/**
 * One district or several: decided once, before the app renders. A site whose data folder holds districts.json
 * (`npm run refresh-all`, which also writes a top-level manifest.json pointing at it) hosts one data set per
 * district in `data/<adcode>/`; `?d=<adcode>` opens one, and without it the app shows the districts side by side.
 * Otherwise the site is a single-district one and the data set is `data/` itself, as before. `data/manifest.json`
 * is asked for first, so a single-district site is never asked for a districts.json it lacks (a 404 the browser
 * logs as an error).
 */
import {
  checkDistrictsIndex,
  DISTRICTS_PATH,
  isDistrictsPointer,
  type DistrictEntry,
  type DistrictsIndex,
} from '@/dataset/districts';
import { MANIFEST_PATH } from '@/dataset/paths';
import type { Lang } from '@/ui/i18n';

/** The site's data folder: `data/` under the base path, so the app also works from a sub-path. */
export const SITE_DATA_URL = `${import.meta.env.BASE_URL}data`;

/** The query key that opens one district of a several-district site. */
export const DISTRICT_PARAM = 'd';

export type Site =
  | { kind: 'single' }
  | { kind: 'rollup'; index: DistrictsIndex; unknown: string | null }
  | { kind: 'district'; index: DistrictsIndex; district: DistrictEntry };

let site: Site = { kind: 'single' };

/** The site as `resolveSite` found it (single-district until then). */
export function currentSite(): Site {
  return site;
}

/** Where this page's data set lives: `data/`, or `data/<adcode>` for one district of several. */
export function currentDataUrl(): string {
  return site.kind === 'district' ? `${SITE_DATA_URL}/${site.district.adcode}` : SITE_DATA_URL;
}

/**
 * What a page with query `search` shows, given the site's districts.json (null when it has none): a `d` naming
 * one of its districts opens it; any other `d`, or none, shows the roll-up (`unknown` holds a `d` it lacks).
 */
export function siteFor(index: DistrictsIndex | null, search: string): Site {
  if (!index) return { kind: 'single' };
  const wanted = new URLSearchParams(search).get(DISTRICT_PARAM);
  const district = wanted === null ? undefined : index.districts.find((d) => d.adcode === wanted);
  if (district) return { kind: 'district', index, district };
  return { kind: 'rollup', index, unknown: wanted };
}

/**
 * Fetches districts.json and settles the site for this page. A missing or unusable index means a single-district
 * site (the data set loads, or its banner says what is wrong, as before).
 */
export async function resolveSite(search: string, fetchFn: typeof fetch = fetch): Promise<Site> {
  site = siteFor(await fetchIndex(fetchFn), search);
  return site;
}

async function fetchIndex(fetchFn: typeof fetch): Promise<DistrictsIndex | null> {
  try {
    const top = await fetchFn(`${SITE_DATA_URL}/${MANIFEST_PATH}`, { cache: 'no-cache' });
    // A data set's manifest (or none that can be read): the data pipeline loads data/ and reports what is wrong.
    if (!top.ok || !isDistrictsPointer(await top.json())) return null;
    const response = await fetchFn(`${SITE_DATA_URL}/${DISTRICTS_PATH}`, { cache: 'no-cache' });
    if (!response.ok) return null;
    const value: unknown = await response.json();
    const problem = checkDistrictsIndex(value);
    if (problem !== null) console.warn(`${DISTRICTS_PATH}: ${problem}; showing the site's own data set`);
    return problem === null ? (value as DistrictsIndex) : null;
  } catch {
    return null;
  }
}

/** The link to one district of the site (or the roll-up, for null), keeping the language. */
export function districtHref(adcode: string | null, lang: Lang): string {
  const query = new URLSearchParams();
  if (adcode !== null) query.set(DISTRICT_PARAM, adcode);
  if (lang === 'en') query.set('lang', 'en');
  const text = query.toString();
  return `${window.location.pathname}${text ? `?${text}` : ''}`;
}
