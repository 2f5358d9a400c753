/**
 * Zone engine benchmark: our engine against the naive Turf approach on seeded data at Dinghai scale,
 * ×10 and ×100. Each scale runs in two child processes. The engine process holds what the app's worker holds:
 * the data set in flat form (generated straight into it, as the worker gets it from a load) and the engine's
 * prepared copy; its peak memory is the target's figure. The comparison process holds the rest: the GeoJSON
 * features, the GeoJSON path and the naive Turf comparison. The target is about the engine, not the generator,
 * so the generator's own high-water mark is reported apart (read before the engine starts, after which the
 * kernel's peak counter is reset where Linux allows it), next to the whole process's maxRSS. Run it through the
 * bench runner: `npm run bench` or `npm run bench -- zone-engine` (`--quick` skips ×100). Wall time and CPU time
 * (process.cpuUsage, GC included) are both reported: the machine is shared, and CPU time is what others' load
 * disturbs least.
 *
 * The data is generated straight into the engine's flat form (see data.ts), as a columnar data file would give
 * it. What is timed, as medians:
 * - cold: `prepareFlat` + `computeCompact` on the flat data: indexing, state roll-up, then every rule.
 * - what-if: `computeCompact` with new radii for all rules on data already prepared (what the worker does when
 *   the commander moves a slider): zones, merged display geometry with land clipping, memberships with every
 *   anchor hit, street clipping (clipped geometry included), figures per rule and per zone. Its result is typed
 *   arrays; `expandResult` building the whole object form (`EngineResult`: every membership, circle and status
 *   record as objects, which the app only builds for what it shows) is timed apart, after the peak memory is read.
 * - GeoJSON path, in the comparison process: `computeEngine` on the same data as GeoJSON features (flattening
 *   included), and a check that its result is identical to the flat path's.
 * - naive, in the comparison process: buffer + union + land intersect per rule, then booleanPointInPolygon /
 *   booleanIntersects / lineSplit per target. Measured on the first tiles (each tile is one district), with targets
 *   subsampled and the per-target time extrapolated to all targets; the per-tile time is extrapolated linearly to all
 *   tiles. Both extrapolations favour naive (a union over more tiles is slower than linear, and a target test against
 *   a larger union is slower), so the ratio is a lower bound.
 * The same sampled targets are checked for the same membership in both; a disagreement is expected only within
 * Turf's buffer polygon error of the radius (turf.buffer draws 32-gon circles, up to 0.5% of r inside).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';
import { computeCompact, computeEngine } from '../../src/geo/engine';
import { expandResult } from '../../src/geo/expand';
import { catalogOf, prepareFlat, type Prepared } from '../../src/geo/prepare';
import type { CompactResult, EngineResult } from '../../src/geo/types';
import { benchGeoJSON, makeBenchData, type BenchData } from './data';

const SCALES = [1, 10, 100];
const TARGETS = { x10Ms: 150, x10Ratio: 50, x100Ms: 2000, x100RssMB: 500 };

interface ScaleResult {
  scale: number;
  counts: { anchors: number; compounds: number; streets: number; defects: number; members: number };
  coldMs: number[];
  coldCpuMs: number[];
  whatIfMs: number[];
  /** CPU time of each what-if (all threads, GC included): less disturbed than wall time on a shared machine. */
  whatIfCpuMs: number[];
  /** Peak RSS of the engine work (cold runs and what-ifs), the flat data set and Node included: the kernel's
   * high-water mark reset after generating (see `resetPeakRss`), else the process's maxRSS. */
  peakRssMB: number;
  /** How `peakRssMB` was read: 'engine phase' (reset after generating) or 'whole process'. */
  peakScope: string;
  /** maxRSS of the whole process, the generator's high-water mark included. */
  processMaxRssMB: number;
  /** RSS of Node with the modules loaded, before any data. */
  startRssMB: number;
  /** maxRSS while generating (the generator's garbage included), and RSS and heap + buffers in use after it (GC). */
  generateMaxRssMB: number;
  dataRssMB: number;
  dataHeapMB: number;
  /** Peak RSS (as `peakRssMB`) after the cold runs, before the what-ifs. */
  coldPeakRssMB: number;
  /** Heap and array buffers in use with the prepared data set held (the generator's input dropped), after GC. */
  engineHeapMB: number;
  /** Building the whole object form (`expandResult`, not lazy) of one what-if, and maxRSS after it. */
  expandMs: number;
  expandCpuMs: number;
  rssAfterExpandMB: number;
  /** 1-minute load average at the start and end of the scale's run (2 cores: above 2 means others are busy). */
  load: number[];
}

/** What the comparison process measures: the GeoJSON path, identity with the flat path and the naive Turf way. */
interface ComparisonResult {
  scale: number;
  /** `computeEngine` on the GeoJSON features, flattening included. */
  coldMs: number[];
  coldCpuMs: number[];
  /** maxRSS of the comparison process (GeoJSON features and Turf included). */
  peakRssMB: number;
  /** Parts of the result that differ between the GeoJSON path and the flat path (empty: identical). */
  differences: string[];
  naiveEstimateMs: number;
  naiveMeasuredMs: number;
  naiveChecked: number;
  naiveAgree: number;
  naiveBoundary: number;
  naiveOther: string[];
  streetLengthDiffMedian: number | null;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Run `fn`, returning its value, wall time and CPU time in milliseconds. */
/**
 * `time`, appending the wall and CPU times to `wallMs` and `cpuMs` and returning only the value. The timed loops
 * use this form so the previous run's value is held by one variable, cleared before the next run: a destructured
 * `[value, …]` in the loop stays alive in its register during the next run, and two results (two prepared data
 * sets in the cold loop) would be alive at once, which the worker never has.
 */
function timeInto<T>(fn: () => T, wallMs: number[], cpuMs: number[]): T {
  const [value, ms, cpu] = time(fn);
  wallMs.push(ms);
  cpuMs.push(cpu);
  return value;
}

function time<T>(fn: () => T): [T, number, number] {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return [value, ms, (cpu.user + cpu.system) / 1000];
}

const maxRssMB = () => (process.resourceUsage().maxRSS * 1024) / 2 ** 20;
const rssMB = () => process.memoryUsage().rss / 2 ** 20;
const nextTick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Heap and ArrayBuffer memory in use after a full GC (and a pause, so freed buffers are swept), in MB. */
async function inUseMB(): Promise<number> {
  global.gc?.();
  await new Promise((resolve) => setTimeout(resolve, 50));
  global.gc?.();
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 2 ** 20;
}

/**
 * Reset the kernel's peak-RSS counter (VmHWM) to the current RSS, so the peak read later is that of what runs
 * after. Linux only (`/proc/self/clear_refs`); false elsewhere, and the caller falls back to maxRSS.
 */
function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return kernelPeakRssMB() !== null;
  } catch {
    return false;
  }
}

/** VmHWM of /proc/self/status in MB, null where there is none. */
function kernelPeakRssMB(): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/**
 * The engine process: generate the flat data set, then time the engine on it. After the cold runs the bench
 * keeps only what the app's worker keeps after a load (the prepared data set: flat arrays, indexes, land index,
 * defect columns), and the generator's land GeoJSON goes. Between timed cold runs the previous run's prepared
 * copy is collected outside the timing: the worker prepares once per load, so three copies alive at once would
 * be the harness's, not the engine's. The what-ifs run back to back with no forced GC, as a slider would.
 */
async function runScale(scale: number): Promise<ScaleResult> {
  const loadAtStart = loadavg()[0];
  global.gc?.();
  const startRssMB = rssMB();
  let data: BenchData | null = makeBenchData(scale);
  const generateMaxRssMB = maxRssMB();
  const dataHeapMB = await inUseMB();
  const dataRssMB = rssMB();
  const engineOnly = resetPeakRss();
  const runs = scale >= 100 ? 3 : 5;

  const coldMs: number[] = [];
  const coldCpuMs: number[] = [];
  let cold: { p: Prepared; result: CompactResult } | null = null;
  for (let k = 0; k < runs; k++) {
    cold = null;
    global.gc?.();
    cold = timeInto(() => coldRun(data!.input), coldMs, coldCpuMs);
  }
  const coldPeakRssMB = (engineOnly ? kernelPeakRssMB() : null) ?? maxRssMB();
  const prepared = cold!.p;
  const c = prepared.sets;
  const counts = {
    anchors: cold!.result.rules.reduce((n, r) => n + r.zoneAnchor.length, 0),
    compounds: c.compound.count,
    streets: c.street.count,
    defects: prepared.defects.count,
    members: cold!.result.rules.reduce((n, r) => n + r.memberSlot.length, 0),
  };
  cold = null;
  data = null;

  // What-if as the worker runs it, on a later turn of the event loop after loading.
  const engineHeapMB = await inUseMB();
  await nextTick();
  const whatIfMs: number[] = [];
  const whatIfCpuMs: number[] = [];
  let last: CompactResult | null = null;
  for (let k = 0; k < runs + 2; k++) {
    last = null;
    last = timeInto(() => computeCompact(prepared, { radiusOverrides: whatIfRadii(k) }), whatIfMs, whatIfCpuMs);
  }
  const processMaxRssMB = maxRssMB();
  const peak = engineOnly ? kernelPeakRssMB() : null;
  const [, expandMs, expandCpuMs] = time(() => expandResult(catalogOf(prepared), last!));
  return {
    scale,
    counts,
    coldMs,
    coldCpuMs,
    whatIfMs,
    whatIfCpuMs,
    peakRssMB: peak ?? processMaxRssMB,
    peakScope: peak === null ? 'whole process' : 'engine phase',
    processMaxRssMB,
    startRssMB,
    generateMaxRssMB,
    dataRssMB,
    dataHeapMB,
    coldPeakRssMB,
    engineHeapMB,
    expandMs,
    expandCpuMs,
    rssAfterExpandMB: maxRssMB(),
    load: [loadAtStart, loadavg()[0]],
  };
}

/** A load as the worker does it: index the flat data set, then compute every rule at the plan's radii. */
function coldRun(input: BenchData['input']): { p: Prepared; result: CompactResult } {
  const p = prepareFlat(input);
  return { p, result: computeCompact(p) };
}

/** The what-if radii of run k: every rule changed, a little more each run. */
const whatIfRadii = (k: number) => ({ R300: 310 + 10 * k, R500: 520 + 40 * k, R1000: 1050 + 50 * k });

/**
 * The comparison process: the GeoJSON path (`computeEngine` from features) on the same data, identity with the
 * flat path, and the naive Turf comparison on sampled tiles.
 */
async function runComparison(scale: number): Promise<ComparisonResult> {
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
  const p = prepareFlat(data.input);
  const compact = computeCompact(p);
  const viaFlat = expandResult(catalogOf(p), compact);
  const differences: string[] = [];
  if (!isDeepStrictEqual(viaGeoJSON!.status, viaFlat.status)) differences.push('status');
  viaFlat.rules.forEach((rule, k) => {
    for (const key of Object.keys(rule) as (keyof typeof rule)[]) {
      if (!isDeepStrictEqual(rule[key], viaGeoJSON!.rules[k][key])) differences.push(`${rule.ruleId}.${key}`);
    }
  });
  viaGeoJSON = null;
  // Turf is loaded here only: the engine process never holds it.
  const { compareWithNaive } = await import('./naive');
  const naive = compareWithNaive(data, p, compact);
  return { scale, coldMs, coldCpuMs, peakRssMB: maxRssMB(), differences, ...naive };
}

function report(results: ScaleResult[], comparisons: ComparisonResult[]): void {
  const fmt = (ms: number) => (ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`);
  const mb = (x: number) => `${x.toFixed(0)} MB`;
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
    'engine peak RSS',
    'same members',
    'flat = GeoJSON',
  ];
  const rows = results.map((r) => {
    const g = comparisons.find((x) => x.scale === r.scale);
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
      g ? fmt(g.naiveEstimateMs) : 'not run',
      g ? `${(g.naiveEstimateMs / whatIf).toFixed(0)}× / ${(g.naiveEstimateMs / median(r.coldMs)).toFixed(0)}×` : '',
      mb(r.peakRssMB),
      g ? `${g.naiveAgree}/${g.naiveChecked} (+${g.naiveBoundary} at edge)` : 'not run',
      g ? (g.differences.length === 0 ? 'identical' : `DIFFERS: ${g.differences.join(', ')}`) : 'not run',
    ];
  });
  const widths = head.map((h, k) => Math.max(h.length, ...rows.map((row) => row[k].length)));
  const line = (cells: string[]) => cells.map((c, k) => c.padStart(widths[k])).join('  ');
  console.log(line(head));
  for (const row of rows) console.log(line(row));
  console.log(
    '\ncold = prepareFlat + computeCompact on flat data; cold GeoJSON = computeEngine on the same data as features. ' +
      'ratio = naive / what-if and naive / cold (wall).\n' +
      "Memory is measured in the engine process, which holds what the app's worker holds: Node, the data set in flat form and " +
      "the engine's prepared copy. The GeoJSON features, the GeoJSON path and the naive Turf comparison run in a separate " +
      'comparison process. engine peak RSS = the high-water mark of the cold runs and what-ifs, counted from the RSS after ' +
      "generating (the generator's freed memory still in RSS counts; its transient peak does not): the target is about the " +
      "engine, not the generator. The whole process's maxRSS is shown too.",
  );
  for (const r of results) {
    const g = comparisons.find((x) => x.scale === r.scale);
    const diff = !g || g.streetLengthDiffMedian === null ? 'n/a' : `${(g.streetLengthDiffMedian * 100).toFixed(2)}%`;
    const runs = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
    console.log(
      `×${r.scale}: cold ${runs(r.coldMs)} ms (CPU ${runs(r.coldCpuMs)}); what-if ${runs(r.whatIfMs)} ms (CPU ${runs(r.whatIfCpuMs)}); ` +
        `load average ${r.load.map((x) => x.toFixed(1)).join(' → ')}\n` +
        `  memory: Node + modules ${mb(r.startRssMB)}; generating: maxRSS ${mb(r.generateMaxRssMB)}, then RSS ${mb(r.dataRssMB)} ` +
        `with ${mb(r.dataHeapMB)} in use (heap + buffers); peak after the cold runs ${mb(r.coldPeakRssMB)}; ` +
        `prepared data set alone ${mb(r.engineHeapMB)} in use; ` +
        `engine peak RSS ${mb(r.peakRssMB)} (${r.peakScope}); whole process maxRSS ${mb(r.processMaxRssMB)}; ` +
        `whole object form of one what-if (expandResult, after the peak was read) ${fmt(r.expandMs)} / CPU ${fmt(r.expandCpuMs)}, maxRSS after it ${mb(r.rssAfterExpandMB)}` +
        (g
          ? `\n  comparison process: GeoJSON path ${runs(g.coldMs)} ms (CPU ${runs(g.coldCpuMs)}); naive measured ${fmt(g.naiveMeasuredMs)}; ` +
            `median street length gap to lineSplit ${diff}; maxRSS ${mb(g.peakRssMB)}`
          : ''),
    );
    for (const o of g?.naiveOther.slice(0, 10) ?? []) console.log(`  disagreement away from the edge: ${o}`);
  }

  const x10 = results.find((r) => r.scale === 10);
  const x100 = results.find((r) => r.scale === 100);
  const naiveOf = (r: ScaleResult) => comparisons.find((x) => x.scale === r.scale)?.naiveEstimateMs ?? NaN;
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
    const ratio = naiveOf(x10) / whatIf;
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
      `  ×100 peak memory < ${TARGETS.x100RssMB} MB (engine process): engine phase ${mb(x100.peakRssMB)} ${verdict(x100.peakRssMB < TARGETS.x100RssMB)}` +
        `, whole process with the generator ${mb(x100.processMaxRssMB)} ${verdict(x100.processMaxRssMB < TARGETS.x100RssMB)}`,
    );
  }
  const disagreements = comparisons.reduce((n, g) => n + g.naiveOther.length, 0);
  console.log(
    `  same members as naive on the samples (away from Turf's buffer error): ${verdict(disagreements === 0 && comparisons.length > 0)}`,
  );
  const differing = comparisons.filter((g) => g.differences.length > 0);
  console.log(
    `  flat path identical to the GeoJSON path at ${comparisons.map((g) => `×${g.scale}`).join(', ') || 'no scale'}: ${verdict(differing.length === 0 && comparisons.length > 0)}`,
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
  console.log(JSON.stringify(process.argv.includes('--compare') ? await runComparison(scale) : await runScale(scale)));
} else {
  const scales = process.argv.includes('--quick') ? SCALES.slice(0, 2) : SCALES;
  const results: ScaleResult[] = [];
  const comparisons: ComparisonResult[] = [];
  for (const scale of scales) {
    const t0 = performance.now();
    results.push(child<ScaleResult>(['--scale', String(scale)]));
    comparisons.push(child<ComparisonResult>(['--scale', String(scale), '--compare']));
    console.log(`scale ×${scale} done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  report(results, comparisons);
}
