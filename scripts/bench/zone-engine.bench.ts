/**
 * Zone engine benchmark (issue 4): our engine against the naive Turf approach on seeded data at Dinghai scale,
 * ×10 and ×100. Each scale runs in its own child process so its peak memory (the process's maxRSS high-water
 * mark) is its own. Run it through the bench runner: `npm run bench` or `npm run bench -- zone-engine`.
 *
 * What is timed, as medians:
 * - cold: `computeEngine` on a new input object: flattening and indexing, state roll-up, then every rule.
 * - what-if: `computePrepared` with new radii for all rules on data already loaded (what the worker does when the
 *   commander moves a slider): zones, merged display geometry with land clipping, memberships, street clipping,
 *   figures.
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
import { fileURLToPath } from 'node:url';
import { booleanPointInPolygon, lineString, pointToLineDistance } from '@turf/turf';
import type { Feature, LineString, Point, Polygon } from 'geojson';
import type { LngLat, ObjectKind } from '../../src/campaign/types';
import { computeEngine, computePrepared } from '../../src/geo/engine';
import { haversineM } from '../../src/geo/geodesy';
import { prepareEngine } from '../../src/geo/prepare';
import { mulberry32 } from '../../src/geo/prng';
import type { EngineInput, EngineResult } from '../../src/geo/types';
import { makeBenchData } from './data';
import { naiveMember, naiveZone } from './naive';

const SCALES = [1, 10, 100];
const TARGETS = { x10Ms: 150, x10Ratio: 50, x100Ms: 2000, x100RssMB: 500 };
/** Targets per kind and rule tested the naive way in each sampled tile. */
const NAIVE_SAMPLE = 120;
const NAIVE_TILES = 2;
/** turf.buffer's default 8 steps per quadrant: its polygon falls up to r·(1 − cos(π/32)) inside the circle. */
const BUFFER_ERROR_SHARE = 1 - Math.cos(Math.PI / 32);

const INPUT_KEY: Record<ObjectKind, keyof EngineInput> = {
  community: 'communities',
  market: 'markets',
  townSeat: 'townSeats',
  compound: 'compounds',
  street: 'streets',
  station: 'stations',
  adsite: 'adsites',
};

interface ScaleResult {
  scale: number;
  counts: { anchors: number; compounds: number; streets: number; defects: number; members: number };
  coldMs: number[];
  whatIfMs: number[];
  /** CPU time of each what-if (all threads, GC included): less disturbed than wall time on a shared machine. */
  whatIfCpuMs: number[];
  peakRssMB: number;
  dataRssMB: number;
  /** Heap in use with only the prepared data set (and no GeoJSON) held, after GC. */
  engineHeapMB: number;
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

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const value = fn();
  return [value, performance.now() - t0];
}

async function runScale(scale: number): Promise<ScaleResult> {
  const loadAtStart = loadavg()[0];
  let data: ReturnType<typeof makeBenchData> | null = makeBenchData(scale);
  global.gc?.();
  const dataRssMB = process.memoryUsage().rss / 2 ** 20;
  const runs = scale >= 100 ? 3 : 5;

  const coldMs: number[] = [];
  let result: EngineResult | null = null;
  for (let k = 0; k < runs; k++) {
    const input = { ...data.input };
    const [r, ms] = time(() => computeEngine(input));
    coldMs.push(ms);
    result = r;
  }
  const counts = {
    anchors: result!.rules.reduce((n, r) => n + r.zones.length, 0),
    compounds: data.input.compounds.features.length,
    streets: data.input.streets.features.length,
    defects: data.input.defects.count,
    members: result!.rules.reduce((n, r) => n + r.memberships.length, 0),
  };
  const naive = runNaive(data, result!);

  // What-if as the worker runs it: the prepared arrays only, the GeoJSON released after loading.
  const prepared = prepareEngine(data.input);
  computePrepared(prepared);
  data = null;
  result = null;
  // As in the worker, where loading and computing are separate messages: a later turn of the event loop, so no
  // stack slot of this function still holds the GeoJSON when it is collected.
  await new Promise((resolve) => setTimeout(resolve, 0));
  global.gc?.();
  const engineHeapMB = process.memoryUsage().heapUsed / 2 ** 20;
  const whatIfMs: number[] = [];
  const whatIfCpuMs: number[] = [];
  for (let k = 0; k < runs + 2; k++) {
    const radiusOverrides = { R300: 310 + 10 * k, R500: 520 + 40 * k, R1000: 1050 + 50 * k };
    const cpu0 = process.cpuUsage();
    whatIfMs.push(time(() => computePrepared(prepared, { radiusOverrides }))[1]);
    const cpu = process.cpuUsage(cpu0);
    whatIfCpuMs.push((cpu.user + cpu.system) / 1000);
  }
  const peakRssMB = (process.resourceUsage().maxRSS * 1024) / 2 ** 20;
  return {
    scale,
    counts,
    coldMs,
    whatIfMs,
    whatIfCpuMs,
    peakRssMB,
    dataRssMB,
    engineHeapMB,
    load: [loadAtStart, loadavg()[0]],
    ...naive,
  };
}

function runNaive(data: ReturnType<typeof makeBenchData>, result: EngineResult) {
  const rnd = mulberry32(7);
  const { input, tileOf } = data;
  const tiles = Math.min(NAIVE_TILES, data.tiles);
  let measuredMs = 0;
  let estimatePerTileMs = 0;
  let checked = 0;
  let agree = 0;
  let boundary = 0;
  const other: string[] = [];
  const lengthDiffs: number[] = [];

  for (let t = 0; t < tiles; t++) {
    for (const rule of input.campaign.zoneRules) {
      const ruleResult = result.rules.find((r) => r.ruleId === rule.id)!;
      const zones = ruleResult.zones.filter((z) => tileOf.get(z.anchorId) === t);
      const anchorPoints = zones.map((z) => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: z.center } }) as Feature<Point>);
      const land = rule.clipToLand && input.land ? { ...input.land, features: [input.land.features[t]] } : null;
      const [zone, zoneMs] = time(() => naiveZone(anchorPoints, rule.radiusM, land));
      measuredMs += zoneMs;
      estimatePerTileMs += zoneMs / tiles;
      if (!zone) continue;
      const members = new Map(ruleResult.memberships.map((m) => [m.objectId, m]));

      for (const kind of rule.targetKinds) {
        const all = (input[INPUT_KEY[kind]] as { features: Feature<Point | Polygon | LineString, Record<string, unknown>>[] }).features;
        const inTile = all.filter(
          (f) =>
            tileOf.get(String(f.properties.id)) === t &&
            (!rule.targetFilter?.streetClass || f.properties.streetClass === rule.targetFilter.streetClass),
        );
        const sample = inTile.length <= NAIVE_SAMPLE ? inTile : Array.from({ length: NAIVE_SAMPLE }, () => inTile[Math.floor(rnd() * inTile.length)]);
        if (sample.length === 0) continue;
        const [answers, ms] = time(() => sample.map((f) => naiveMember(f, zone)));
        measuredMs += ms;
        estimatePerTileMs += ((ms / sample.length) * inTile.length) / tiles;

        sample.forEach((f, k) => {
          const id = String(f.properties.id);
          const ours = members.get(id);
          checked++;
          if (answers[k].member === !!ours) {
            agree++;
            const theirs = answers[k].insideLengthM;
            if (ours && theirs !== undefined && ours.insideLengthM! > 10) {
              lengthDiffs.push(Math.abs(theirs - ours.insideLengthM!) / ours.insideLengthM!);
            }
            return;
          }
          const d = Math.min(...zones.map((z) => nearestM(z.center, f.geometry)));
          if (Math.abs(d - rule.radiusM) <= rule.radiusM * BUFFER_ERROR_SHARE + 1) boundary++;
          else other.push(`${rule.id} ${id}: ours ${!!ours}, naive ${answers[k].member}, nearest ${d.toFixed(1)} m`);
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

function report(results: ScaleResult[]): void {
  const fmt = (ms: number) => (ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`);
  console.log('\nZone engine vs naive Turf (medians; naive extrapolated from sampled tiles and targets, a lower bound)\n');
  const head = ['scale', 'anchors', 'compounds', 'streets', 'defects', 'members', 'cold', 'what-if', 'naive (est.)', 'ratio', 'peak RSS', 'same members'];
  const rows = results.map((r) => {
    const whatIf = median(r.whatIfMs);
    return [
      `×${r.scale}`,
      String(r.counts.anchors),
      String(r.counts.compounds),
      String(r.counts.streets),
      String(r.counts.defects),
      String(r.counts.members),
      fmt(median(r.coldMs)),
      fmt(whatIf),
      fmt(r.naiveEstimateMs),
      `${(r.naiveEstimateMs / whatIf).toFixed(0)}× / ${(r.naiveEstimateMs / median(r.coldMs)).toFixed(0)}×`,
      `${r.peakRssMB.toFixed(0)} MB`,
      `${r.naiveAgree}/${r.naiveChecked} (+${r.naiveBoundary} at edge)`,
    ];
  });
  const widths = head.map((h, k) => Math.max(h.length, ...rows.map((row) => row[k].length)));
  const line = (cells: string[]) => cells.map((c, k) => c.padStart(widths[k])).join('  ');
  console.log(line(head));
  for (const row of rows) console.log(line(row));
  console.log('\nratio = naive / what-if and naive / cold. peak RSS = the scale\'s process maxRSS (the GeoJSON data included).');
  for (const r of results) {
    const diff = r.streetLengthDiffMedian === null ? 'n/a' : `${(r.streetLengthDiffMedian * 100).toFixed(2)}%`;
    console.log(
      `×${r.scale}: cold runs ${r.coldMs.map((x) => x.toFixed(0)).join(', ')} ms; what-if runs ${r.whatIfMs.map((x) => x.toFixed(0)).join(', ')} ms; ` +
        `what-if CPU ${r.whatIfCpuMs.map((x) => x.toFixed(0)).join(', ')} ms; naive measured ${fmt(r.naiveMeasuredMs)}; ` +
        `RSS with the GeoJSON data alone ${r.dataRssMB.toFixed(0)} MB; heap with only the prepared engine data ${r.engineHeapMB.toFixed(0)} MB; ` +
        `load average ${r.load.map((x) => x.toFixed(1)).join(' → ')}; median street length gap to lineSplit ${diff}`,
    );
    for (const o of r.naiveOther.slice(0, 10)) console.log(`  disagreement away from the edge: ${o}`);
  }

  const x10 = results.find((r) => r.scale === 10);
  const x100 = results.find((r) => r.scale === 100);
  const verdict = (ok: boolean) => (ok ? 'MET' : 'NOT MET');
  console.log('\nTargets (2-core machine, medians):');
  if (x10) {
    const whatIf = median(x10.whatIfMs);
    const cold = median(x10.coldMs);
    console.log(`  ×10 what-if recompute ≤ ${TARGETS.x10Ms} ms: ${fmt(whatIf)} ${verdict(whatIf <= TARGETS.x10Ms)} (cold incl. loading: ${fmt(cold)} ${verdict(cold <= TARGETS.x10Ms)})`);
    const ratio = x10.naiveEstimateMs / whatIf;
    console.log(`  ×10 ≥ ${TARGETS.x10Ratio}× faster than naive Turf: ${ratio.toFixed(0)}× ${verdict(ratio >= TARGETS.x10Ratio)} (cold: ${(x10.naiveEstimateMs / cold).toFixed(0)}×)`);
  }
  if (x100) {
    const whatIf = median(x100.whatIfMs);
    const cold = median(x100.coldMs);
    console.log(`  ×100 recompute ≤ ${TARGETS.x100Ms} ms: what-if ${fmt(whatIf)} ${verdict(whatIf <= TARGETS.x100Ms)}, cold ${fmt(cold)} ${verdict(cold <= TARGETS.x100Ms)}`);
    console.log(
      `  ×100 peak memory < ${TARGETS.x100RssMB} MB: ${x100.peakRssMB.toFixed(0)} MB ${verdict(x100.peakRssMB < TARGETS.x100RssMB)} ` +
        `(the GeoJSON input alone takes ${x100.dataRssMB.toFixed(0)} MB RSS; the engine's prepared data ${x100.engineHeapMB.toFixed(0)} MB heap)`,
    );
  }
  const disagreements = results.reduce((n, r) => n + r.naiveOther.length, 0);
  console.log(`  same members as naive on the samples (away from Turf's buffer error): ${verdict(disagreements === 0)}`);
}

const scaleArg = process.argv.indexOf('--scale');
if (scaleArg >= 0) {
  console.log(JSON.stringify(await runScale(Number(process.argv[scaleArg + 1]))));
} else {
  const self = fileURLToPath(import.meta.url);
  const scales = process.argv.includes('--quick') ? SCALES.slice(0, 2) : SCALES;
  const results: ScaleResult[] = [];
  for (const scale of scales) {
    const t0 = performance.now();
    const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, '--scale', String(scale)], {
      encoding: 'utf8',
      maxBuffer: 64 * 2 ** 20,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (child.status !== 0) throw new Error(`bench at scale ×${scale} failed with exit code ${child.status}`);
    results.push(JSON.parse(child.stdout.trim().split('\n').pop()!) as ScaleResult);
    console.log(`scale ×${scale} done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  report(results);
}
