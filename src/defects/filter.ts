/**
 * The defect filter as a plain, serialisable spec (`DefectFilter`) and its URL form. The spec is what the store
 * keeps, what the worker receives and what a shared link restores; `selectDefects` (select.ts) evaluates it.
 *
 * Semantics (evaluated in select.ts):
 * - Each set filter that is absent or empty does not restrict. Different filters combine with AND; codes inside
 *   one set combine with OR.
 * - Categories narrow per task force: a defect passes when none of its task force's categories is selected, or
 *   its own category is. So "TF1 + TF2, and under TF1 only TF1-03" keeps every TF2 defect, as the nested
 *   category list in the panel reads.
 * - `overdueOnly`: deadline day before the as-of day and the state not in `lifecycle.fixedStates`.
 * - `foundFrom`/`foundTo`: inclusive calendar dates.
 * - `staleDays`: only defects whose object has not been inspected within that many days of the as-of date
 *   (never inspected counts as stale, exactly N days ago does not, as in the zone engine's roll-up). A defect
 *   linked to no object never passes it.
 *
 * URL form (`filterToParams` / `filterFromParams`), keys in this order, codes in campaign order:
 *   tf=TF1,TF2  st=reported,assigned  od=1  cat=TF1-03  sd=330902002  un=U-CG  from=2019-08-21  to=2019-09-10  stale=14
 * Reading a URL is lenient: an unknown code or a bad value is DROPPED with a warning (an old link must still open,
 * and the panel shows what it ignored). A spec built in code is checked strictly by `checkFilter`, which throws.
 */
import type { Campaign, IsoDate } from '../campaign/types';
import { isIsoDate } from '../campaign/dates';

export interface DefectFilter {
  /** Task force codes, e.g. `TF2`. */
  taskForces?: string[];
  /** Lifecycle state codes, e.g. `in_progress`. */
  states?: string[];
  overdueOnly?: boolean;
  /** Category codes, e.g. `TF2-03` (unique across the campaign); they narrow their own task force only. */
  categories?: string[];
  /** NBS codes of subdistricts and towns. */
  subdistricts?: string[];
  /** Responsible unit codes. */
  units?: string[];
  foundFrom?: IsoDate;
  foundTo?: IsoDate;
  /** Only defects on objects not inspected within this many days. */
  staleDays?: number;
}

type SetKey = 'taskForces' | 'states' | 'categories' | 'subdistricts' | 'units';

/** URL keys in their serialised order. The app's other URL state must not use these names. */
export const FILTER_PARAM_KEYS = ['tf', 'st', 'od', 'cat', 'sd', 'un', 'from', 'to', 'stale'] as const;

/** What an unknown code in a link should have named. */
export type CodeKind = 'taskForce' | 'state' | 'category' | 'subdistrict' | 'unit' | 'rule';

/**
 * A value of a shared link that could not be used, as data: the app words it in the UI language
 * (ui/link-warnings.ts), so the core holds no UI text. `value` is the text as given in the link.
 */
export type LinkWarning =
  | { code: 'unknownCode'; param: string; what: CodeKind; value: string }
  | {
      code:
        | 'badZoom'
        | 'badCenter'
        | 'badSelection'
        | 'badLang'
        | 'badDate'
        | 'badFlag'
        | 'badDays'
        | 'badView'
        | 'badShade';
      param: string;
      value: string;
    }
  | { code: 'badRadius'; param: string; rule: string; value: string }
  | { code: 'reversedRange'; from: IsoDate; to: IsoDate }
  | { code: 'noCampaign' };

const SET_PARAMS: { key: SetKey; param: string; what: CodeKind }[] = [
  { key: 'taskForces', param: 'tf', what: 'taskForce' },
  { key: 'states', param: 'st', what: 'state' },
  { key: 'categories', param: 'cat', what: 'category' },
  { key: 'subdistricts', param: 'sd', what: 'subdistrict' },
  { key: 'units', param: 'un', what: 'unit' },
];

/**
 * Throws on anything `selectDefects` could not evaluate as meant: an unknown code (naming the filter field and
 * the code), a date that is not `YYYY-MM-DD`, `foundFrom` after `foundTo`, or a `staleDays` that is not a
 * non-negative integer.
 */
export function checkFilter(filter: DefectFilter, campaign: Campaign): void {
  const order = campaignOrder(campaign);
  for (const { key } of SET_PARAMS) {
    for (const code of filter[key] ?? []) {
      if (!order[key].has(code)) throw new Error(`filter.${key}: unknown code ${JSON.stringify(code)}`);
    }
  }
  for (const key of ['foundFrom', 'foundTo'] as const) {
    const date = filter[key];
    if (date !== undefined && !isIsoDate(date))
      throw new Error(`filter.${key} must be a YYYY-MM-DD date, got ${JSON.stringify(date)}`);
  }
  if (filter.foundFrom !== undefined && filter.foundTo !== undefined && filter.foundFrom > filter.foundTo) {
    throw new Error(`filter.foundFrom ${filter.foundFrom} is after filter.foundTo ${filter.foundTo}`);
  }
  if (filter.staleDays !== undefined && !(Number.isInteger(filter.staleDays) && filter.staleDays >= 0)) {
    throw new Error(`filter.staleDays must be a non-negative whole number of days, got ${filter.staleDays}`);
  }
}

/** True when the filter restricts nothing (every defect that exists at the as-of date is selected). */
export function isEmptyFilter(filter: DefectFilter): boolean {
  return (
    SET_PARAMS.every(({ key }) => (filter[key]?.length ?? 0) === 0) &&
    !filter.overdueOnly &&
    filter.foundFrom === undefined &&
    filter.foundTo === undefined &&
    filter.staleDays === undefined
  );
}

/**
 * The canonical form of a (checked) filter: sets deduplicated and in campaign order, empty sets, `overdueOnly:
 * false` and other no-op fields left out. Two filters that select the same defects by the same rules normalise
 * to deep-equal objects, so the store can compare them and the URL is stable.
 */
export function normalizeFilter(filter: DefectFilter, campaign: Campaign): DefectFilter {
  checkFilter(filter, campaign);
  const order = campaignOrder(campaign);
  const out: DefectFilter = {};
  for (const { key } of SET_PARAMS) {
    const values = filter[key];
    if (values && values.length > 0) out[key] = sortByOrder([...new Set(values)], order[key]);
  }
  if (filter.overdueOnly) out.overdueOnly = true;
  if (filter.foundFrom !== undefined) out.foundFrom = filter.foundFrom;
  if (filter.foundTo !== undefined) out.foundTo = filter.foundTo;
  if (filter.staleDays !== undefined) out.staleDays = filter.staleDays;
  return out;
}

/**
 * URL parameters for a filter, in `FILTER_PARAM_KEYS` order with codes in campaign order, so one filter always
 * gives one URL. Throws like `checkFilter` on a bad spec.
 *
 * @example filterToParams({ states: ['assigned', 'reported'], taskForces: ['TF2'] }, c).toString() // 'tf=TF2&st=reported%2Cassigned'
 */
export function filterToParams(filter: DefectFilter, campaign: Campaign): URLSearchParams {
  const f = normalizeFilter(filter, campaign);
  const params = new URLSearchParams();
  const set = (key: SetKey, param: string) => {
    if (f[key]) params.set(param, f[key].join(','));
  };
  set('taskForces', 'tf');
  set('states', 'st');
  if (f.overdueOnly) params.set('od', '1');
  set('categories', 'cat');
  set('subdistricts', 'sd');
  set('units', 'un');
  if (f.foundFrom !== undefined) params.set('from', f.foundFrom);
  if (f.foundTo !== undefined) params.set('to', f.foundTo);
  if (f.staleDays !== undefined) params.set('stale', String(f.staleDays));
  return params;
}

/**
 * Read a filter from URL parameters. Keys other than `FILTER_PARAM_KEYS` are ignored (they are the app's other
 * state). Unknown codes and bad values are dropped, each with a warning naming the key and the value; the
 * result is normalised and always passes `checkFilter`. A repeated key adds to the set (`tf=TF1&tf=TF2`).
 */
export function filterFromParams(
  params: URLSearchParams,
  campaign: Campaign,
): { filter: DefectFilter; warnings: LinkWarning[] } {
  const order = campaignOrder(campaign);
  const warnings: LinkWarning[] = [];
  const filter: DefectFilter = {};
  for (const { key, param, what } of SET_PARAMS) {
    const codes = params
      .getAll(param)
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter((v) => v !== '');
    const known = codes.filter((code) => {
      if (order[key].has(code)) return true;
      warnings.push({ code: 'unknownCode', param, what, value: code });
      return false;
    });
    if (known.length > 0) filter[key] = known;
  }
  const od = params.get('od');
  if (od !== null) {
    if (od === '1') filter.overdueOnly = true;
    else if (od !== '0') warnings.push({ code: 'badFlag', param: 'od', value: od });
  }
  for (const [param, key] of [
    ['from', 'foundFrom'],
    ['to', 'foundTo'],
  ] as const) {
    const v = params.get(param);
    if (v === null) continue;
    if (isIsoDate(v)) filter[key] = v;
    else warnings.push({ code: 'badDate', param, value: v });
  }
  if (filter.foundFrom !== undefined && filter.foundTo !== undefined && filter.foundFrom > filter.foundTo) {
    warnings.push({ code: 'reversedRange', from: filter.foundFrom, to: filter.foundTo });
    delete filter.foundFrom;
    delete filter.foundTo;
  }
  const stale = params.get('stale');
  if (stale !== null) {
    if (/^\d{1,5}$/.test(stale)) filter.staleDays = Number(stale);
    else warnings.push({ code: 'badDays', param: 'stale', value: stale });
  }
  return { filter: normalizeFilter(filter, campaign), warnings };
}

/** Position of each code in the campaign's own lists: the canonical order of a set. */
type Order = Record<SetKey, Map<string, number>>;

const orders = new WeakMap<Campaign, Order>();

function campaignOrder(campaign: Campaign): Order {
  let order = orders.get(campaign);
  if (!order) {
    const positions = (codes: string[]) => new Map(codes.map((c, k) => [c, k]));
    order = {
      taskForces: positions(campaign.taskForces.map((t) => t.code)),
      states: positions(campaign.lifecycle.states.map((s) => s.code)),
      categories: positions(campaign.taskForces.flatMap((t) => t.categories.map((c) => c.code))),
      subdistricts: positions(campaign.subdistricts.map((s) => s.code)),
      units: positions(campaign.units.map((u) => u.code)),
    };
    orders.set(campaign, order);
  }
  return order;
}

function sortByOrder(codes: string[], order: Map<string, number>): string[] {
  return codes.sort((a, b) => order.get(a)! - order.get(b)!);
}
