/**
 * The shareable part of the app's state in the page URL, so that reloading or sending the link restores the
 * same view: camera, defect filter, selection, what-if radii, "today" and language. Pure (URLSearchParams in,
 * URLSearchParams out); src/app/use-url-state.ts reads it once when the data arrive and writes it back with
 * `history.replaceState`, debounced.
 *
 * Keys (documented in the README, "Shareable links"):
 *   z=13.25               map zoom
 *   c=122.10640,30.01720  map centre, lng,lat
 *   sel=defect:D00042     selection, <kind>:<id> (kinds: the object kinds of src/campaign/object-kinds.ts, defect, zone)
 *   r=R300:400,R500:650   what-if radii in metres by rule id (plan radii are left out; src/campaign/what-if.ts)
 *   today=2019-09-10      the "today" figures are computed for (left out: the data's as-of date)
 *   lang=en               interface language (left out: zh)
 *   view=check            the data check page (数据体检) over the map (left out: the map)
 *   shade=rule            zones and streets coloured by rule (left out: by priority score)
 *   tf st od cat sd un from to stale   the defect filter (src/defects/filter.ts, `filterToParams`)
 * Any other key (`screen`, `manifestPollMs`, …) belongs to someone else and is kept as it is.
 *
 * Reading is lenient like `filterFromParams`: a bad value is dropped with a warning naming the key, so an old
 * or hand-edited link still opens.
 */
import type { Campaign, IsoDate, LngLat } from '@/campaign/types';
import { isIsoDate } from '@/campaign/dates';
import { formatOverrides, readOverrides } from '@/campaign/what-if';
import { OBJECT_KINDS } from '@/campaign/object-kinds';
import {
  FILTER_PARAM_KEYS,
  filterFromParams,
  filterToParams,
  type DefectFilter,
  type LinkWarning,
} from '@/defects/filter';
import type { Selection, SelectionKind } from '@/store/selection-slice';
import type { Lang, ZoneShading } from '@/store/view-slice';

export interface UrlState {
  camera: { center: LngLat; zoom: number } | null;
  filter: DefectFilter;
  selection: Selection | null;
  radii: Record<string, number>;
  today: IsoDate | null;
  lang: Lang;
  /** A page shown over the map; null for the map itself. */
  view: 'check' | null;
  /** How zones and streets are coloured. */
  shading: ZoneShading;
}

/** Every key this module writes; the rest of a URL is left alone. */
export const URL_STATE_KEYS = ['z', 'c', 'sel', 'r', 'today', 'lang', 'view', 'shade', ...FILTER_PARAM_KEYS] as const;

const SELECTION_KINDS: SelectionKind[] = [...OBJECT_KINDS, 'defect', 'zone'];
/** Decimals of the centre: 1e-5° is about a metre, finer than any shared view needs. */
const CENTER_DECIMALS = 5;
const ZOOM_DECIMALS = 2;
const MAX_ZOOM = 24;

/**
 * The state a URL names. Without the campaign (its file failed) the filter and the radii cannot be checked and
 * are left out with a warning; the rest still applies.
 *
 * @example readUrlState(new URLSearchParams('z=14&c=122.1,30.01&tf=TF2'), campaign).state.filter // { taskForces: ['TF2'] }
 */
export function readUrlState(
  params: URLSearchParams,
  campaign: Campaign | null,
): { state: UrlState; warnings: LinkWarning[] } {
  const warnings: LinkWarning[] = [];
  const state: UrlState = {
    camera: null,
    filter: {},
    selection: null,
    radii: {},
    today: null,
    lang: 'zh',
    view: null,
    shading: 'priority',
  };

  const z = params.get('z');
  const c = params.get('c');
  if (z !== null || c !== null) {
    const zoom = Number(z);
    const center = (c ?? '').split(',').map(Number);
    if (z === null || !Number.isFinite(zoom) || zoom < 0 || zoom > MAX_ZOOM) {
      warnings.push({ code: 'badZoom', param: 'z', value: z ?? '' });
    } else if (center.length !== 2 || !(Math.abs(center[0]) <= 180) || !(Math.abs(center[1]) <= 90)) {
      warnings.push({ code: 'badCenter', param: 'c', value: c ?? '' });
    } else state.camera = { center: [center[0], center[1]], zoom };
  }

  const sel = params.get('sel');
  if (sel !== null) {
    const colon = sel.indexOf(':');
    const kind = sel.slice(0, colon) as SelectionKind;
    const id = sel.slice(colon + 1);
    if (colon > 0 && SELECTION_KINDS.includes(kind) && id !== '') state.selection = { kind, id };
    else warnings.push({ code: 'badSelection', param: 'sel', value: sel });
  }

  const lang = params.get('lang');
  if (lang === 'en' || lang === 'zh') state.lang = lang;
  else if (lang !== null) warnings.push({ code: 'badLang', param: 'lang', value: lang });

  const view = params.get('view');
  if (view === 'check') state.view = view;
  else if (view !== null) warnings.push({ code: 'badView', param: 'view', value: view });

  const shade = params.get('shade');
  if (shade === 'rule' || shade === 'priority') state.shading = shade;
  else if (shade !== null) warnings.push({ code: 'badShade', param: 'shade', value: shade });

  const today = params.get('today');
  if (today !== null) {
    if (isIsoDate(today)) state.today = today;
    else warnings.push({ code: 'badDate', param: 'today', value: today });
  }

  const radii = params.get('r');
  const hasFilter = FILTER_PARAM_KEYS.some((k) => params.has(k));
  if (!campaign) {
    if (radii !== null || hasFilter) warnings.push({ code: 'noCampaign' });
    return { state, warnings };
  }
  const read = readOverrides(radii ?? '', campaign);
  state.radii = read.overrides;
  for (const d of read.dropped) {
    if (d.reason === 'unknownRule') warnings.push({ code: 'unknownCode', param: 'r', what: 'rule', value: d.ruleId });
    else warnings.push({ code: 'badRadius', param: 'r', rule: d.ruleId, value: String(d.value) });
  }
  const filter = filterFromParams(params, campaign);
  state.filter = filter.filter;
  warnings.push(...filter.warnings);
  return { state, warnings };
}

/**
 * `previous` with this module's keys replaced by `state` (defaults left out, so a plain link stays plain) and
 * every other key kept. A null camera keeps the camera keys of `previous` (the map has not settled yet).
 */
export function writeUrlState(state: UrlState, campaign: Campaign | null, previous: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of previous) {
    const ours = (URL_STATE_KEYS as readonly string[]).includes(key);
    const keptCamera = state.camera === null && (key === 'z' || key === 'c');
    if (!ours || keptCamera) out.append(key, value);
  }
  if (state.camera) {
    out.set('z', state.camera.zoom.toFixed(ZOOM_DECIMALS));
    out.set('c', state.camera.center.map((v) => v.toFixed(CENTER_DECIMALS)).join(','));
  }
  if (state.selection) out.set('sel', `${state.selection.kind}:${state.selection.id}`);
  const radii = formatOverrides(state.radii);
  if (radii) out.set('r', radii);
  if (state.today) out.set('today', state.today);
  if (state.lang !== 'zh') out.set('lang', state.lang);
  if (state.view) out.set('view', state.view);
  if (state.shading !== 'priority') out.set('shade', state.shading);
  if (campaign) for (const [key, value] of filterToParams(state.filter, campaign)) out.set(key, value);
  return out;
}
