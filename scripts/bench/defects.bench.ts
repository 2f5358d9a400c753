/**
 * Defect filter + cluster benchmark (README, Growing past one district: 1M defects in the worker): the time from a
 * filter change to the clusters of a view, on the worker side, at 100k and 1M seeded defects spread like Dinghai
 * (one 10k-defect district) up to a province (100 districts over about 4° × 3.5°). Run through the runner:
 * `npm run bench -- defects` (`--quick`: 100k only).
 *
 * Per filter change and view, ours = `selectDefects` (selection + facet counts) then `clusterView`; naive = filter
 * an array of plain objects, build GeoJSON features, `new Supercluster({ map, reduce }).load()` counting states,
 * task forces and overdue (so its clusters know their mix too), then `getClusters` for the view. Views: a city
 * at zoom 12 (1600 × 900 px around one district's core) and the whole region at zoom 8. The same nine filter
 * changes, cycled, for both; medians over all changes. Each scale and approach runs in its own child process so
 * its memory is its own: "worker RSS" is the RSS after GC once the JSON columns are dropped (what the worker
 * holds: table, prepared arrays, last view), "peak" is the process's maxRSS including the generator's JSON.
 * CPU time per change is printed next to the wall time, with the load average: on a shared machine the wall
 * time includes waiting for a core. Targets are judged on the wall-time median.
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import Supercluster from 'supercluster';
import campaignJson from '../../data/campaign.json';
import type { BBox, Campaign } from '../../src/campaign/types';
import { addDays, dayFromIso } from '../../src/campaign/dates';
import { categoryByCode } from '../../src/campaign/model';
import { clusterView } from '../../src/defects/cluster';
import type { DefectFilter } from '../../src/defects/filter';
import { prepareDefects } from '../../src/defects/prepare';
import { selectDefects } from '../../src/defects/select';
import { syntheticDefects } from '../../src/defects/synthetic';
import { defectTableFromColumns } from '../../src/defects/table';
import { NO_DAY } from '../../src/geo/rollup';

const campaign = campaignJson as unknown as Campaign;
const SCALES = [100_000, 1_000_000];
const DEFECTS_PER_DISTRICT = 10_000;
const TARGETS_MS: Record<number, number> = { 100_000: 50, 1_000_000: 200 };
const WORKER_RSS_TARGET_MB = 500;
/** Ours cycles the filter list this many times; naive runs it once (four of the nine at 1M, it is slow). */
const OURS_CYCLES = 3;

const asOf = campaign.asOfDate;
const FILTERS: { name: string; filter: DefectFilter }[] = [
  { name: 'one task force', filter: { taskForces: ['TF2'] } },
  { name: 'task force + 3 states', filter: { taskForces: ['TF2'], states: ['reported', 'assigned', 'in_progress'] } },
  { name: 'overdue only', filter: { overdueOnly: true } },
  {
    name: 'categories under 2 task forces',
    filter: { taskForces: ['TF1', 'TF4'], categories: ['TF1-03', 'TF1-05', 'TF4-02'] },
  },
  {
    name: 'built-up subdistricts + units',
    filter: { subdistricts: ['330902002', '330902004'], units: ['U-CG', 'U-CD', 'U-ZJJ', 'U-ZHZF'] },
  },
  { name: 'found in the last 14 days', filter: { foundFrom: addDays(asOf, -14), foundTo: asOf } },
  { name: 'stale 14 days', filter: { staleDays: 14 } },
  { name: 'reopened, overdue, stale 7', filter: { states: ['reopened', 'assigned'], overdueOnly: true, staleDays: 7 } },
  { name: 'cleared', filter: {} },
];

interface View {
  name: string;
  bbox: BBox;
  zoom: number;
}

function views(scale: number): View[] {
  const districts = scale / DEFECTS_PER_DISTRICT;
  const rows = Math.ceil(districts / 10);
  const cols = Math.min(10, districts);
  // The generator's first district core is at 121.6 E, 28.5 N; districts sit 0.4° × 0.35° apart.
  const pxDeg = 360 / (512 * 2 ** 12);
  const city: BBox = [
    121.6 - 800 * pxDeg,
    28.5 - 450 * pxDeg * Math.cos((28.5 * Math.PI) / 180),
    121.6 + 800 * pxDeg,
    28.5 + 450 * pxDeg * Math.cos((28.5 * Math.PI) / 180),
  ];
  const region: BBox = [121.45, 28.35, 121.75 + (cols - 1) * 0.4, 28.65 + (rows - 1) * 0.35];
  return [
    { name: 'city z12', bbox: city, zoom: 12 },
    { name: 'region z8', bbox: region, zoom: 8 },
  ];
}

interface ChildResult {
  approach: 'ours' | 'naive';
  scale: number;
  /** One-off: JSON columns → table → prepared (ours) or → plain objects (naive). */
  loadMs: number;
  /** Per view name: total ms per filter change, and for ours the selection part. */
  perView: Record<
    string,
    { filters: string[]; totalMs: number[]; cpuMs: number[]; selectMs: number[]; features: number[] }
  >;
  /** Selected count per filter name, to check both approaches agree. */
  selected: Record<string, number>;
  /** RSS after GC before any data: Node, tsx and the modules. */
  baseRssMB: number;
  workerRssMB: number;
  peakRssMB: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function rssMB(): number {
  global.gc?.();
  global.gc?.();
  return process.memoryUsage().rss / 2 ** 20;
}

function runOurs(scale: number): ChildResult {
  const baseRssMB = rssMB();
  let synthetic: ReturnType<typeof syntheticDefects> | null = syntheticDefects(campaign, {
    count: scale,
    tiles: scale / DEFECTS_PER_DISTRICT,
  });
  const objectLastDay = synthetic.objectLastDay;
  const t0 = performance.now();
  const table = defectTableFromColumns(synthetic.columns);
  const prepared = prepareDefects(table, campaign);
  const loadMs = performance.now() - t0;
  synthetic = null; // the worker receives the table, never the JSON columns

  const result: ChildResult = {
    approach: 'ours',
    scale,
    loadMs,
    perView: {},
    selected: {},
    baseRssMB,
    workerRssMB: 0,
    peakRssMB: 0,
  };
  const vs = views(scale);
  for (const v of vs) result.perView[v.name] = { filters: [], totalMs: [], cpuMs: [], selectMs: [], features: [] };
  // Warm-up: the JIT, not the user, pays for the first pass.
  for (const v of vs) clusterView(prepared, selectDefects(prepared, {}, { objectLastDay }), v);
  for (let cycle = 0; cycle < OURS_CYCLES; cycle++) {
    for (const { name, filter } of FILTERS) {
      for (const v of vs) {
        const c1 = process.cpuUsage();
        const t1 = performance.now();
        const selection = selectDefects(prepared, filter, { objectLastDay });
        const t2 = performance.now();
        const view = clusterView(prepared, selection, v);
        const t3 = performance.now();
        const cpu = process.cpuUsage(c1);
        const r = result.perView[v.name];
        r.filters.push(name);
        r.totalMs.push(t3 - t1);
        r.cpuMs.push((cpu.user + cpu.system) / 1000);
        r.selectMs.push(t2 - t1);
        r.features.push(view.collection.features.length);
        result.selected[name] = selection.indexes.length;
      }
    }
  }
  result.workerRssMB = rssMB();
  result.peakRssMB = (process.resourceUsage().maxRSS * 1024) / 2 ** 20;
  return result;
}

/** The plain objects a naive implementation would keep, one per defect. */
interface PlainDefect {
  lng: number;
  lat: number;
  taskForce: string;
  category: string;
  state: string;
  unit: string;
  subdistrict: string;
  object: number;
  found: number;
  deadline: number;
}

function runNaive(scale: number): ChildResult {
  const baseRssMB = rssMB();
  const synthetic = syntheticDefects(campaign, { count: scale, tiles: scale / DEFECTS_PER_DISTRICT });
  const { columns: c, objectLastDay } = synthetic;
  const t0 = performance.now();
  const defects: PlainDefect[] = Array.from({ length: c.count }, (_, d) => ({
    lng: c.coords[2 * d],
    lat: c.coords[2 * d + 1],
    taskForce: c.tables.taskForce[c.taskForce[d]],
    category: c.tables.category[c.category[d]],
    state: c.tables.state[c.state[d]],
    unit: c.tables.unit[c.unit[d]],
    subdistrict: c.tables.subdistrict[c.subdistrict[d]],
    object: c.object[d],
    found: c.found[d],
    deadline: c.deadline[d],
  }));
  const loadMs = performance.now() - t0;
  const asOfDay = dayFromIso(asOf);
  const fixed = new Set(campaign.lifecycle.fixedStates as string[]);
  const isOverdue = (p: PlainDefect) => !fixed.has(p.state) && p.deadline > 0 && p.deadline < asOfDay;
  const states = campaign.lifecycle.states.map((s) => s.code);
  const taskForces = campaign.taskForces.map((t) => t.code);
  type Mix = Record<string, number>;

  const result: ChildResult = {
    approach: 'naive',
    scale,
    loadMs,
    perView: {},
    selected: {},
    baseRssMB,
    workerRssMB: 0,
    peakRssMB: 0,
  };
  const vs = views(scale);
  for (const v of vs) result.perView[v.name] = { filters: [], totalMs: [], cpuMs: [], selectMs: [], features: [] };
  // At 1M each naive change takes seconds: time a spread of small and large selections, not all nine.
  const filters = scale >= 1_000_000 ? FILTERS.filter((_, k) => [0, 2, 6, 8].includes(k)) : FILTERS;
  for (const { name, filter } of filters) {
    for (const v of vs) {
      const c1 = process.cpuUsage();
      const t1 = performance.now();
      const set = (xs?: string[]) => (xs && xs.length ? new Set(xs) : null);
      const [tf, st, cat, sd, un] = [
        filter.taskForces,
        filter.states,
        filter.categories,
        filter.subdistricts,
        filter.units,
      ].map(set);
      const narrowed = new Set((filter.categories ?? []).map((code) => categoryByCode(campaign, code)!.taskForce.code));
      const from = filter.foundFrom ? dayFromIso(filter.foundFrom) : -Infinity;
      const to = filter.foundTo ? dayFromIso(filter.foundTo) : Infinity;
      const selected = defects.filter(
        (p) =>
          p.found <= asOfDay &&
          (!tf || tf.has(p.taskForce)) &&
          (!st || st.has(p.state)) &&
          (!cat || !narrowed.has(p.taskForce) || cat.has(p.category)) &&
          (!sd || sd.has(p.subdistrict)) &&
          (!un || un.has(p.unit)) &&
          (!filter.overdueOnly || isOverdue(p)) &&
          p.found >= from &&
          p.found <= to &&
          (filter.staleDays === undefined ||
            (p.object >= 0 &&
              (objectLastDay[p.object] === NO_DAY || asOfDay - objectLastDay[p.object] > filter.staleDays))),
      );
      const t2 = performance.now();
      const index = new Supercluster<{ state: string; taskForce: string; overdue: number }, Mix>({
        radius: 50,
        extent: 512,
        maxZoom: 16,
        map: (p) => ({ [`s_${p.state}`]: 1, [`tf_${p.taskForce}`]: 1, overdue: p.overdue }),
        reduce: (acc, p) => {
          for (const s of states) acc[`s_${s}`] = (acc[`s_${s}`] ?? 0) + (p[`s_${s}`] ?? 0);
          for (const t of taskForces) acc[`tf_${t}`] = (acc[`tf_${t}`] ?? 0) + (p[`tf_${t}`] ?? 0);
          acc.overdue += p.overdue;
        },
      }).load(
        selected.map((p) => ({
          type: 'Feature' as const,
          properties: { state: p.state, taskForce: p.taskForce, overdue: isOverdue(p) ? 1 : 0 },
          geometry: { type: 'Point' as const, coordinates: [p.lng, p.lat] },
        })),
      );
      const features = index.getClusters(v.bbox, v.zoom);
      const t3 = performance.now();
      const cpu = process.cpuUsage(c1);
      const r = result.perView[v.name];
      r.filters.push(name);
      r.totalMs.push(t3 - t1);
      r.cpuMs.push((cpu.user + cpu.system) / 1000);
      r.selectMs.push(t2 - t1);
      r.features.push(features.length);
      result.selected[name] = selected.length;
    }
  }
  result.workerRssMB = rssMB();
  result.peakRssMB = (process.resourceUsage().maxRSS * 1024) / 2 ** 20;
  return result;
}

function child(approach: string, scale: number): ChildResult {
  const self = fileURLToPath(import.meta.url);
  const run = spawnSync(
    process.execPath,
    ['--expose-gc', '--max-old-space-size=6144', '--import', 'tsx', self, '--child', approach, String(scale)],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 2 ** 20,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  if (run.status !== 0)
    throw new Error(`${approach} at ${scale} defects failed with exit code ${run.status ?? run.signal}`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as ChildResult;
}

function report(pairs: { ours: ChildResult; naive: ChildResult }[]): boolean {
  const fmt = (ms: number) => (ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`);
  const head = [
    'defects',
    'view',
    'ours median',
    'ours CPU',
    'select',
    'cluster',
    'markers',
    'naive median',
    'naive filter',
    'ratio',
    'target',
    'met',
  ];
  const rows: string[][] = [];
  let ok = true;
  for (const { ours, naive } of pairs) {
    for (const name of Object.keys(ours.perView)) {
      const o = ours.perView[name];
      const n = naive.perView[name];
      const total = median(o.totalMs);
      const select = median(o.selectMs);
      const target = TARGETS_MS[ours.scale];
      const met = total <= target;
      ok &&= met;
      rows.push([
        ours.scale.toLocaleString('en'),
        name,
        fmt(total),
        fmt(median(o.cpuMs)),
        fmt(select),
        fmt(median(o.totalMs.map((t, k) => t - o.selectMs[k]))),
        `${Math.min(...o.features)}–${Math.max(...o.features)}`,
        fmt(median(n.totalMs)),
        fmt(median(n.selectMs)),
        `${(median(n.totalMs) / median(o.totalMs.filter((_, k) => n.filters.includes(o.filters[k])))).toFixed(0)}×`,
        `≤ ${target} ms`,
        met ? 'MET' : 'NOT MET',
      ]);
    }
  }
  const widths = head.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k].length)));
  const line = (cells: string[]) => cells.map((c, k) => c.padStart(widths[k])).join('  ');
  console.log(
    '\nFilter change → clusters for the view (worker side, medians over every filter change;\n' +
      'ratio = naive median / ours median over the same filters naive ran)\n',
  );
  console.log(
    `load average now ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} on ${cpus().length} cores: wall time above CPU time means other processes took turns\n`,
  );
  console.log(line(head));
  for (const r of rows) console.log(line(r));

  console.log('\nOne-off load and memory:');
  for (const { ours, naive } of pairs) {
    console.log(
      `  ${ours.scale.toLocaleString('en')}: ours table+prepare ${fmt(ours.loadMs)}, worker RSS ${ours.workerRssMB.toFixed(0)} MB (${(ours.workerRssMB - ours.baseRssMB).toFixed(0)} MB over the ${ours.baseRssMB.toFixed(0)} MB of an empty process; ` +
        `peak with the JSON ${ours.peakRssMB.toFixed(0)} MB); naive objects ${fmt(naive.loadMs)}, RSS ${naive.workerRssMB.toFixed(0)} MB (peak ${naive.peakRssMB.toFixed(0)} MB)`,
    );
  }
  console.log('\nSelected counts, ours = naive for each filter timed by both:');
  for (const { ours, naive } of pairs) {
    const names = Object.keys(naive.selected);
    const bad = names.filter((n) => naive.selected[n] !== ours.selected[n]);
    ok &&= bad.length === 0;
    console.log(
      `  ${ours.scale.toLocaleString('en')}: ${bad.length === 0 ? `same for all ${names.length}` : `DIFFERENT for ${bad.map((n) => `${n} (${ours.selected[n]} vs ${naive.selected[n]})`).join(', ')}`}`,
    );
  }
  const big = pairs.find((p) => p.ours.scale === 1_000_000);
  console.log('\nTargets (2-core machine):');
  for (const { ours } of pairs) {
    const worst = Math.max(...Object.values(ours.perView).map((v) => median(v.totalMs)));
    console.log(
      `  ${ours.scale.toLocaleString('en')} defects, ≤ ${TARGETS_MS[ours.scale]} ms median per view: slowest view ${fmt(worst)} ${worst <= TARGETS_MS[ours.scale] ? 'MET' : 'NOT MET'}`,
    );
  }
  if (big) {
    const met = big.ours.workerRssMB < WORKER_RSS_TARGET_MB;
    ok &&= met;
    console.log(
      `  1,000,000 defects, worker side well under the page's 1 GB (< ${WORKER_RSS_TARGET_MB} MB RSS): ${big.ours.workerRssMB.toFixed(0)} MB ${met ? 'MET' : 'NOT MET'}`,
    );
  } else console.log('  1,000,000 defects: not run (--quick)');
  return ok;
}

const childArg = process.argv.indexOf('--child');
if (childArg >= 0) {
  const approach = process.argv[childArg + 1];
  const scale = Number(process.argv[childArg + 2]);
  console.log(JSON.stringify(approach === 'ours' ? runOurs(scale) : runNaive(scale)));
} else {
  const scales = process.argv.includes('--quick') ? SCALES.slice(0, 1) : SCALES;
  const pairs = scales.map((scale) => {
    const t0 = performance.now();
    const pair = { ours: child('ours', scale), naive: child('naive', scale) };
    console.log(`${scale.toLocaleString('en')} defects done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    return pair;
  });
  process.exit(report(pairs) ? 0 : 1);
}
