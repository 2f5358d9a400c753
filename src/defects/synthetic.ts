/**
 * Seeded synthetic defects for the tests and scripts/bench/defects.bench.ts (not sample data: nothing here is
 * shown to users). One "tile" is a Dinghai-like district: a built-up core 3.5 km across holding 75% of the
 * objects, and 7 town seats about 9 km out holding the rest. Tiles are laid 0.4° × 0.35° apart on a 10-wide grid
 * (as in scripts/bench/data.ts), so 100 tiles span a province about 4° × 3.5°. Defects sit within 40 m of their
 * object, so they pile up on objects as real ones do; codes come from the campaign so every filter has real values.
 */
import type { Campaign, LngLat } from '../campaign/types';
import { dayFromIso } from '../campaign/dates';
import type { DefectColumnsBuilder } from '../dataset/types';
import { NO_DAY } from '../geo/rollup';
import { mulberry32 } from '../geo/prng';

export interface SyntheticOptions {
  /** Number of defects. */
  count: number;
  /** Number of districts (tiles) the defects are spread over. */
  tiles?: number;
  /** Defects per object on average. */
  defectsPerObject?: number;
  seed?: number;
}

export interface SyntheticDefects {
  columns: DefectColumnsBuilder;
  /** Last inspection day per entry of `columns.tables.object` (NO_DAY: never). */
  objectLastDay: Int32Array;
}

const TILE_COLUMNS = 10;
const TILE_DLNG = 0.4;
const TILE_DLAT = 0.35;
/** Degrees per metre near 29° N. */
const LAT_PER_M = 1 / 111_320;
const LNG_PER_M = 1 / (111_320 * Math.cos((29 * Math.PI) / 180));
const STATE_WEIGHTS: Record<string, number> = {
  reported: 0.15,
  reopened: 0.05,
  assigned: 0.2,
  in_progress: 0.2,
  awaiting_recheck: 0.1,
  closed: 0.3,
};

export function syntheticDefects(campaign: Campaign, options: SyntheticOptions): SyntheticDefects {
  const { count, tiles = 1, defectsPerObject = 6, seed = 20190821 } = options;
  const rnd = mulberry32(seed);
  const asOf = dayFromIso(campaign.asOfDate);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const builtUp = campaign.subdistricts.filter((s) => s.area === 'builtUp').map((s) => s.code);
  const rural = campaign.subdistricts.filter((s) => s.area === 'rural').map((s) => s.code);
  const taskForces = campaign.taskForces.map((t) => t.code);
  const categories = campaign.taskForces.flatMap((t) => t.categories.map((c) => c.code));
  const categoriesOf = campaign.taskForces.map((t) => t.categories.map((c) => categories.indexOf(c.code)));
  const states = campaign.lifecycle.states.map((s) => s.code);
  const units = campaign.units.map((u) => u.code);

  const objectCount = Math.max(1, Math.round(count / defectsPerObject));
  const objectAt: LngLat[] = [];
  const objectSubdistrict: number[] = [];
  const objectIds: string[] = [];
  const objectLastDay = new Int32Array(objectCount);
  const subdistricts = [...builtUp, ...rural];
  for (let o = 0; o < objectCount; o++) {
    const t = o % tiles;
    const center: LngLat = [121.6 + (t % TILE_COLUMNS) * TILE_DLNG, 28.5 + Math.floor(t / TILE_COLUMNS) * TILE_DLAT];
    let at: LngLat;
    let sd: string;
    if (rnd() < 0.75) {
      at = offset(center, 1750 * Math.sqrt(rnd()), rnd() * 2 * Math.PI);
      sd = pick(builtUp);
    } else {
      const k = Math.floor(rnd() * rural.length);
      const seat = offset(center, 9000, (2 * Math.PI * k) / rural.length);
      at = offset(seat, 1000 * Math.sqrt(rnd()), rnd() * 2 * Math.PI);
      sd = rural[k];
    }
    objectAt.push(at);
    objectSubdistrict.push(subdistricts.indexOf(sd));
    objectIds.push(`T${t}-O${o}`);
    const r = rnd();
    objectLastDay[o] = r < 0.15 ? NO_DAY : asOf - Math.floor(r * 40);
  }

  const columns: DefectColumnsBuilder = {
    count,
    tables: {
      taskForce: taskForces,
      category: categories,
      state: states,
      unit: units,
      subdistrict: subdistricts,
      object: objectIds,
    },
    id: [],
    coords: new Array(2 * count),
    taskForce: new Array(count),
    category: new Array(count),
    state: new Array(count),
    unit: new Array(count),
    subdistrict: new Array(count),
    object: new Array(count),
    found: new Array(count),
    deadline: new Array(count),
    updated: new Array(count),
    sample: false,
  };
  for (let d = 0; d < count; d++) {
    const linked = rnd() >= 0.02;
    const o = Math.floor(rnd() * objectCount);
    const at = offset(objectAt[o], 40 * Math.sqrt(rnd()), rnd() * 2 * Math.PI);
    const tf = Math.floor(rnd() * taskForces.length);
    let u = rnd();
    let s = 0;
    while (s < states.length - 1 && u > (STATE_WEIGHTS[states[s]] ?? 0)) u -= STATE_WEIGHTS[states[s++]] ?? 0;
    // Found up to 60 days before the as-of date, and a few after it (entered with a later as-of in mind).
    const foundDay = asOf - Math.floor(rnd() * 62) + 2;
    columns.id.push(`D${d}`);
    columns.coords[2 * d] = Math.round(at[0] * 1e6) / 1e6;
    columns.coords[2 * d + 1] = Math.round(at[1] * 1e6) / 1e6;
    columns.taskForce[d] = tf;
    columns.category[d] = pick(categoriesOf[tf]);
    columns.state[d] = s;
    columns.unit[d] = Math.floor(rnd() * units.length);
    columns.subdistrict[d] = objectSubdistrict[o];
    columns.object[d] = linked ? o : -1;
    columns.found[d] = foundDay;
    columns.deadline[d] = states[s] === 'reported' && rnd() < 0.5 ? 0 : foundDay + 5 + Math.floor(rnd() * 21);
    columns.updated[d] = Math.min(asOf, foundDay + Math.floor(rnd() * 10));
  }
  return { columns, objectLastDay };
}

function offset(from: LngLat, distanceM: number, angle: number): LngLat {
  return [from[0] + Math.cos(angle) * distanceM * LNG_PER_M, from[1] + Math.sin(angle) * distanceM * LAT_PER_M];
}
