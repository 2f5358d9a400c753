/**
 * Zone engine benchmark (issue 4): our engine against the naive Turf approach on seeded data at Dinghai scale,
 * ×10 and ×100. Each scale runs in child processes so its peak memory (the process's maxRSS high-water mark) is
 * its own. Run it through the bench runner: `npm run bench` or `npm run bench -- zone-engine` (`--quick` skips
 * ×100). Wall time and CPU time (process.cpuUsage, GC included) are both reported: the machine is shared, and
 * CPU time is what others' load disturbs least.
 *
 * The data is generated straight into the engine's flat form (see data.ts), as a columnar data file would give
 * it. What is timed, as medians:
 * - cold: `prepareFlat` + `computeCompact` on the flat data: indexing, state roll-up, then every rule.
 * - what-if: `computeCompact` with new radii for all rules on data already prepared (what the worker does when
 *   the commander moves a slider): zones, merged display geometry with land clipping, memberships with every
 *   anchor hit, street clipping (clipped geometry included), figures per rule and per zone. Its result is typed
 *   arrays; `expandResult` building the whole object form (`EngineResult`: every membership, circle and status
 *   record as objects, which the app only builds for what it shows) is timed apart, after the peak memory is read.
 * - GeoJSON path, in a second child process: `computeEngine` on the same data as GeoJSON features (flattening
 *   included), and a check that its result is identical to the flat path's.
 * - naive: buffer + union + land intersect per rule, then booleanPointInPolygon / booleanIntersects / lineSplit
 *   per target. Measured on the first tiles (each tile is one district), with targets subsampled and the
 *   per-target time extrapolated to all targets; the per-tile time is extrapolated linearly to all tiles. Both
 *   extrapolations favour naive (a union over more tiles is slower than linear, and a target test against a
 *   larger union is slower), so the ratio is a lower bound.
 * The same sampled targets are checked for the same membership in both; a disagreement is expected only within
 * Turf's buffer polygon error of the radius (turf.buffer draws 32-gon circles, up to 0.5% of r inside).
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';
import { booleanPointInPolygon, lineString, pointToLineDistance } from '@turf/turf';
import type { Feature, LineString, Point, Polygon } from 'geojson';
import type { LngLat } from '../../src/campaign/types';
import { computeCompact, computeEngine } from '../../src/geo/engine';
import { expandResult } from '../../src/geo/expand';
import { haversineM } from '../../src/geo/geodesy';
import { catalogOf, prepareFlat, type Prepared } from '../../src/geo/prepare';
import { mulberry32 } from '../../src/geo/prng';
import type { CompactResult, EngineResult } from '../../src/geo/types';
import { benchFeatures, benchGeoJSON, makeBenchData, type BenchData } from './data';
import { naiveMember, naiveZone } from './naive';

const SCALES = [1, 10, 100];
const TARGETS = { x10Ms: 150, x10Ratio: 50, x100Ms: 2000, x100RssMB: 500 };
/** Targets per kind and rule tested the naive way in each sampled tile. */
const NAIVE_SAMPLE = 120;
const NAIVE_TILES = 2;
/** turf.buffer's default 8 steps per quadrant: its polygon falls up to r·(1 − cos(π/32)) inside the circle. */
const BUFFER_ERROR_SHARE = 1 - Math.cos(Math.PI / 32);

interface ScaleResult {
  scale: number;
  counts: { anchors: number; compounds: number; streets: number; defects: number; members: number };
  coldMs: number[];
  coldCpuMs: number[];
  whatIfMs: number[];
  /** CPU time of each what-if (all threads, GC included): less disturbed than wall time on a shared machine. */
  whatIfCpuMs: number[];
  /** Process maxRSS after the cold runs and what-ifs (the flat input data included). */
  peakRssMB: number;
  /** RSS with the generated flat input alone, after GC. */
  dataRssMB: number;
  /** Heap and array buffers in use with the prepared data set held, after GC. */
  engineHeapMB: number;
  /** Building the whole object form (`expandResult`, not lazy) of one what-if, and maxRSS after it. */
  expandMs: number;
  expandCpuMs: number;
  rssAfterExpandMB: number;
  /** 1-minute load average at the start and end of the scale's run (2 cores: above 2 means others are busy). */
  load: number[];
  naiveEstimateMs: number;
  naiveMeasuredMs: number;
  naiveChecked: number;
  naiveAgree: number;
  naiveBoundary: number;
  naiveOther: string[];
  streetLengthDiffMedian: number | null;
}

interface GeoJSONResult {
  scale: number;
  /** `computeEngine` on the GeoJSON features, flattening included. */
  coldMs: number[];
  coldCpuMs: number[];
  peakRssMB: number;
  /** Parts of the result that differ between the GeoJSON path and the flat path (empty: identical). */
  differences: string[];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Run `fn`, returning its value, wall time and CPU time in milliseconds. */
function time<T>(fn: () => T): [T, number, number] {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return [value, ms, (cpu.user + cpu.system) / 1000];
}

const maxRssMB = () => (process.resourceUsage().maxRSS * 1024) / 2 ** 20;
const nextTick = () => new Promise((resolve) => setTimeout(resolve, 0));

async function runScale(scale: number): Promise<ScaleResult> {
  const loadAtStart = loadavg()[0];
  const data = makeBenchData(scale);
  global.gc?.();
  const dataRssMB = process.memoryUsage().rss / 2 ** 20;
  const runs = scale >= 100 ? 3 : 5;

  const coldMs: number[] = [];
  const coldCpuMs: number[] = [];
  let cold: { p: Prepared; result: CompactResult } | null = null;
  for (let k = 0; k < runs; k++) {
    cold = null;
    const [value, ms, cpuMs] = time(() => {
      const p = prepareFlat(data.input);
      return { p, result: computeCompact(p) };
    });
    coldMs.push(ms);
    coldCpuMs.push(cpuMs);
    cold = value;
  }
  const { p: prepared, result } = cold!;
  const c = data.input.collections;
  const counts = {
    anchors: result.rules.reduce((n, r) => n + r.zoneAnchor.length, 0),
    compounds: c.compound.count,
    streets: c.street.count,
    defects: data.input.defects.count,
    members: result.rules.reduce((n, r) => n + r.memberSlot.length, 0),
  };
  const naive = runNaive(data, prepared, result);
  cold = null;

  // What-if as the worker runs it, on a later turn of the event loop after loading.
  await nextTick();
  global.gc?.();
  const mem = process.memoryUsage();
  const engineHeapMB = (mem.heapUsed + mem.arrayBuffers) / 2 ** 20;
  const whatIfMs: number[] = [];
  const whatIfCpuMs: number[] = [];
  let last: CompactResult | null = null;
  for (let k = 0; k < runs + 2; k++) {
    const radiusOverrides = { R300: 310 + 10 * k, R500: 520 + 40 * k, R1000: 1050 + 50 * k };
    last = null;
    const [value, ms, cpuMs] = time(() => computeCompact(prepared, { radiusOverrides }));
    last = value;
    whatIfMs.push(ms);
    whatIfCpuMs.push(cpuMs);
  }
  const peakRssMB = maxRssMB();
  const [, expandMs, expandCpuMs] = time(() => expandResult(catalogOf(prepared), last!));
  return {
    scale,
    counts,
    coldMs,
    coldCpuMs,
    whatIfMs,
    whatIfCpuMs,
    peakRssMB,
    dataRssMB,
    engineHeapMB,
    expandMs,
    expandCpuMs,
    rssAfterExpandMB: maxRssMB(),
    load: [loadAtStart, loadavg()[0]],
    ...naive,
  };
}

/** The GeoJSON path on the same data: `computeEngine` from features, and identity with the flat path. */
function runGeoJSON(scale: number): GeoJSONResult {
  const runs = scale >= 100 ? 2 : 5;
  const data = makeBenchData(scale);
  const input = benchGeoJSON(data);
  const coldMs: number[] = [];
  const coldCpuMs: number[] = [];
  let viaGeoJSON: EngineResult | null = null;
  for (let k = 0; k < runs; k++) {
    viaGeoJSON = null;
    const [value, ms, cpuMs] = time(() => computeEngine({ ...input }));
    viaGeoJSON = value;
    coldMs.push(ms);
    coldCpuMs.push(cpuMs);
  }
  const peakRssMB = maxRssMB();
  const p = prepareFlat(data.input);
  const viaFlat = expandResult(catalogOf(p), computeCompact(p));
  const differences: string[] = [];
  if (!isDeepStrictEqual(viaGeoJSON!.status, viaFlat.status)) differences.push('status');
  viaFlat.rules.forEach((rule, k) => {
    for (const key of Object.keys(rule) as (keyof typeof rule)[]) {
      if (!isDeepStrictEqual(rule[key], viaGeoJSON!.rules[k][key])) differences.push(`${rule.ruleId}.${key}`);
    }
  });
  return { scale, coldMs, coldCpuMs, peakRssMB, differences };
}

function runNaive(data: BenchData, p: Prepared, result: CompactResult) {
  const rnd = mulberry32(7);
  const { campaign, collections, land: landFC } = data.input;
  const tiles = Math.min(NAIVE_TILES, data.tiles);
  let measuredMs = 0;
  let estimatePerTileMs = 0;
  let checked = 0;
  let agree = 0;
  let boundary = 0;
  const other: string[] = [];
  const lengthDiffs: number[] = [];

  for (let t = 0; t < tiles; t++) {
    for (const rule of campaign.zoneRules) {
      const compact = result.rules.find((r) => r.ruleId === rule.id)!;
      const anchors = p.sets[rule.anchorKind];
      const inTile = (set: { slot0: number; kind: keyof typeof data.tileStart }, slot: number) =>
        slot - set.slot0 >= data.tileStart[set.kind][t] && slot - set.slot0 < data.tileStart[set.kind][t + 1];
      const centers: LngLat[] = [];
      compact.zoneAnchor.forEach((slot, z) => {
        if (inTile(anchors, slot)) centers.push([compact.zoneCenter[2 * z], compact.zoneCenter[2 * z + 1]]);
      });
      const anchorPoints = centers.map(
        (c) => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: c } }) as Feature<Point>,
      );
      const land = rule.clipToLand && landFC ? { ...landFC, features: [landFC.features[t]] } : null;
      const [zone, zoneMs] = time(() => naiveZone(anchorPoints, rule.radiusM, land));
      measuredMs += zoneMs;
      estimatePerTileMs += zoneMs / tiles;
      if (!zone) continue;
      /** Inside length (NaN unless a street) of each member in the tile, by slot. */
      const members = new Map<number, number>();
      const targetSets = rule.targetKinds.map((k) => p.sets[k]);
      compact.memberSlot.forEach((slot, m) => {
        const set = targetSets.find((s) => slot >= s.slot0 && slot < s.slot0 + s.count)!;
        if (inTile(set, slot)) members.set(slot, compact.memberInsideM[m]);
      });

      for (const kind of rule.targetKinds) {
        const set = p.sets[kind];
        const all = benchFeatures(collections[kind], data.tileStart[kind][t], data.tileStart[kind][t + 1]);
        const slotOf = new Map(all.map((f, k) => [f, set.slot0 + data.tileStart[kind][t] + k]));
        const targets = all.filter(
          (f) => !rule.targetFilter?.streetClass || f.properties.streetClass === rule.targetFilter.streetClass,
        );
        const sample =
          targets.length <= NAIVE_SAMPLE
            ? targets
            : Array.from({ length: NAIVE_SAMPLE }, () => targets[Math.floor(rnd() * targets.length)]);
        if (sample.length === 0) continue;
        const [answers, ms] = time(() => sample.map((f) => naiveMember(f, zone)));
        measuredMs += ms;
        estimatePerTileMs += ((ms / sample.length) * targets.length) / tiles;

        sample.forEach((f, k) => {
          const ours = members.get(slotOf.get(f)!);
          checked++;
          if (answers[k].member === (ours !== undefined)) {
            agree++;
            const theirs = answers[k].insideLengthM;
            if (ours !== undefined && theirs !== undefined && ours > 10)
              lengthDiffs.push(Math.abs(theirs - ours) / ours);
            return;
          }
          const d = Math.min(...centers.map((c) => nearestM(c, f.geometry)));
          if (Math.abs(d - rule.radiusM) <= rule.radiusM * BUFFER_ERROR_SHARE + 1) boundary++;
          else
            other.push(
              `${rule.id} ${f.properties.id}: ours ${ours !== undefined}, naive ${answers[k].member}, nearest ${d.toFixed(1)} m`,
            );
        });
      }
    }
  }
  return {
    naiveEstimateMs: estimatePerTileMs * data.tiles,
    naiveMeasuredMs: measuredMs,
    naiveChecked: checked,
    naiveAgree: agree,
    naiveBoundary: boundary,
    naiveOther: other,
    streetLengthDiffMedian: lengthDiffs.length ? median(lengthDiffs) : null,
  };
}

function nearestM(anchor: LngLat, g: Point | Polygon | LineString): number {
  if (g.type === 'Point') return haversineM(anchor, g.coordinates as LngLat);
  if (g.type === 'LineString') return pointToLineDistance(anchor, g, { units: 'meters', method: 'geodesic' });
  if (booleanPointInPolygon(anchor, g)) return 0;
  return pointToLineDistance(anchor, lineString(g.coordinates[0]), { units: 'meters', method: 'geodesic' });
}

function report(results: ScaleResult[], geojson: GeoJSONResult[]): void {
  const fmt = (ms: number) => (ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`);
  console.log(
    '\nZone engine vs naive Turf (medians, wall / CPU; naive extrapolated from sampled tiles and targets, a lower bound)\n',
  );
  const head = [
    'scale',
    'anchors',
    'compounds',
    'streets',
    'defects',
    'members',
    'cold',
    'cold GeoJSON',
    'what-if',
    'naive (est.)',
    'ratio',
    'peak RSS',
    'same members',
    'flat = GeoJSON',
  ];
  const rows = results.map((r) => {
    const g = geojson.find((x) => x.scale === r.scale);
    const whatIf = median(r.whatIfMs);
    return [
      `×${r.scale}`,
      String(r.counts.anchors),
      String(r.counts.compounds),
      String(r.counts.streets),
      String(r.counts.defects),
      String(r.counts.members),
      `${fmt(median(r.coldMs))} / ${fmt(median(r.coldCpuMs))}`,
      g ? `${fmt(median(g.coldMs))} / ${fmt(median(g.coldCpuMs))}` : 'not run',
      `${fmt(whatIf)} / ${fmt(median(r.whatIfCpuMs))}`,
      fmt(r.naiveEstimateMs),
      `${(r.naiveEstimateMs / whatIf).toFixed(0)}× / ${(r.naiveEstimateMs / median(r.coldMs)).toFixed(0)}×`,
      `${r.peakRssMB.toFixed(0)} MB`,
      `${r.naiveAgree}/${r.naiveChecked} (+${r.naiveBoundary} at edge)`,
      g ? (g.differences.length === 0 ? 'identical' : `DIFFERS: ${g.differences.join(', ')}`) : 'not run',
    ];
  });
  const widths = head.map((h, k) => Math.max(h.length, ...rows.map((row) => row[k].length)));
  const line = (cells: string[]) => cells.map((c, k) => c.padStart(widths[k])).join('  ');
  console.log(line(head));
  for (const row of rows) console.log(line(row));
  console.log(
    '\ncold = prepareFlat + computeCompact on flat data; cold GeoJSON = computeEngine on the same data as features (own process). ' +
      "ratio = naive / what-if and naive / cold (wall). peak RSS = maxRSS of the scale's process (flat input data included).",
  );
  for (const r of results) {
    const g = geojson.find((x) => x.scale === r.scale);
    const diff = r.streetLengthDiffMedian === null ? 'n/a' : `${(r.streetLengthDiffMedian * 100).toFixed(2)}%`;
    const runs = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
    console.log(
      `×${r.scale}: cold ${runs(r.coldMs)} ms (CPU ${runs(r.coldCpuMs)}); what-if ${runs(r.whatIfMs)} ms (CPU ${runs(r.whatIfCpuMs)}); ` +
        `naive measured ${fmt(r.naiveMeasuredMs)}; RSS with the flat input alone ${r.dataRssMB.toFixed(0)} MB; prepared data ${r.engineHeapMB.toFixed(0)} MB (heap + buffers); ` +
        `whole object form of one what-if (expandResult) ${fmt(r.expandMs)} / CPU ${fmt(r.expandCpuMs)}, maxRSS after it ${r.rssAfterExpandMB.toFixed(0)} MB; ` +
        `load average ${r.load.map((x) => x.toFixed(1)).join(' → ')}; median street length gap to lineSplit ${diff}` +
        (g
          ? `; GeoJSON path ${runs(g.coldMs)} ms (CPU ${runs(g.coldCpuMs)}), its process maxRSS ${g.peakRssMB.toFixed(0)} MB`
          : ''),
    );
    for (const o of r.naiveOther.slice(0, 10)) console.log(`  disagreement away from the edge: ${o}`);
  }

  const x10 = results.find((r) => r.scale === 10);
  const x100 = results.find((r) => r.scale === 100);
  const verdict = (ok: boolean) => (ok ? 'MET' : 'NOT MET');
  console.log(
    '\nTargets (2-core machine, medians; wall time is what the target names, CPU time shown for the shared machine):',
  );
  if (x10) {
    const whatIf = median(x10.whatIfMs);
    const cpu = median(x10.whatIfCpuMs);
    console.log(
      `  ×10 what-if recompute ≤ ${TARGETS.x10Ms} ms: wall ${fmt(whatIf)} ${verdict(whatIf <= TARGETS.x10Ms)}, CPU ${fmt(cpu)} ${verdict(cpu <= TARGETS.x10Ms)}`,
    );
    const ratio = x10.naiveEstimateMs / whatIf;
    console.log(
      `  ×10 ≥ ${TARGETS.x10Ratio}× faster than naive Turf: ${ratio.toFixed(0)}× ${verdict(ratio >= TARGETS.x10Ratio)}`,
    );
  }
  if (x100) {
    const whatIf = median(x100.whatIfMs);
    const cpu = median(x100.whatIfCpuMs);
    console.log(
      `  ×100 what-if recompute ≤ ${TARGETS.x100Ms} ms: wall ${fmt(whatIf)} ${verdict(whatIf <= TARGETS.x100Ms)}, CPU ${fmt(cpu)} ${verdict(cpu <= TARGETS.x100Ms)}`,
    );
    console.log(
      `  ×100 peak memory < ${TARGETS.x100RssMB} MB: ${x100.peakRssMB.toFixed(0)} MB ${verdict(x100.peakRssMB < TARGETS.x100RssMB)}`,
    );
  }
  const disagreements = results.reduce((n, r) => n + r.naiveOther.length, 0);
  console.log(
    `  same members as naive on the samples (away from Turf's buffer error): ${verdict(disagreements === 0)}`,
  );
  const differing = geojson.filter((g) => g.differences.length > 0);
  console.log(
    `  flat path identical to the GeoJSON path at ${geojson.map((g) => `×${g.scale}`).join(', ') || 'no scale'}: ${verdict(differing.length === 0 && geojson.length > 0)}`,
  );
}

function child<T>(args: string[]): T {
  const self = fileURLToPath(import.meta.url);
  const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (run.status !== 0) throw new Error(`bench ${args.join(' ')} failed with exit code ${run.status}`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as T;
}

const scaleArg = process.argv.indexOf('--scale');
if (scaleArg >= 0) {
  const scale = Number(process.argv[scaleArg + 1]);
  console.log(JSON.stringify(process.argv.includes('--geojson') ? runGeoJSON(scale) : await runScale(scale)));
} else {
  const scales = process.argv.includes('--quick') ? SCALES.slice(0, 2) : SCALES;
  const results: ScaleResult[] = [];
  const geojson: GeoJSONResult[] = [];
  for (const scale of scales) {
    const t0 = performance.now();
    results.push(child<ScaleResult>(['--scale', String(scale)]));
    geojson.push(child<GeoJSONResult>(['--scale', String(scale), '--geojson']));
    console.log(`scale ×${scale} done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  report(results, geojson);
}
