/**
 * Export benchmarks: a 100k-row zone list as CSV (target ≤ 250 ms) and a 10k-row zone list as XLSX
 * (target ≤ 3 s), each the whole path the export button takes: rows from memberships, labels, writer, bytes.
 * Seeded data (mulberry32), so two runs compare. Prints the medians and whether the targets are met.
 *
 *   npm run bench -- export            (or: npx tsx scripts/bench/export.bench.ts [--quick])
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Feature, LineString, Point } from 'geojson';
import type { Campaign } from '../../src/campaign/types';
import { objectLayersOf, type CompoundProps, type StreetProps } from '../../src/dataset/types';
import { mulberry32 } from '../../src/geo/prng';
import type { EngineResult, Membership, ObjectState, ObjectStatus, RuleResult, Zone } from '../../src/geo/types';
import { indexObjects } from '../../src/export/objects';
import { exportZoneList, zoneCsvBytes } from '../../src/export/zone-export';
import { planZoneRows, type ExportContext } from '../../src/export/zone-rows';

export interface BenchResult {
  name: string;
  /** Median wall-clock time; the target is judged on this. */
  medianMs: number;
  /** Median CPU time of the process (all threads, GC included): a steadier figure on a shared, loaded machine. */
  medianCpuMs: number;
  /** Fastest run: the closest to the time on an idle machine. */
  minMs: number;
  /** Null for a part of a benchmark shown for where the time goes (no target of its own). */
  targetMs: number | null;
  ok: boolean;
  runs: number[];
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const STATES: ObjectState[] = [
  'overdue',
  'reported',
  'assigned',
  'in_progress',
  'awaiting_recheck',
  'clean',
  'neverInspected',
  'reopened',
];
const UNITS = ['U-CG', 'U-HN', 'U-CD', 'U-YC', 'U-ZJJ', 'U-ZHZF'];
const SUBDISTRICTS = ['330902002', '330902003', '330902004', '330902005'];

/**
 * A synthetic context with `rows` zone rows: 80 % compounds (points) and 20 % streets (lines), two rows per object
 * (each object in two overlapping zones), names with commas, quotes and a formula now and then.
 */
export function syntheticContext(rows: number, seed = 42): ExportContext {
  const rnd = mulberry32(seed);
  const campaign = JSON.parse(readFileSync(path.join(ROOT, 'data/campaign.json'), 'utf8')) as Campaign;
  const objectsNeeded = Math.ceil(rows / 2);
  const compounds: Feature<Point, CompoundProps>[] = [];
  const streets: Feature<LineString, StreetProps>[] = [];
  const status: Record<string, ObjectStatus> = {};
  const zonesPerRule = 50;
  const mk = (ruleId: string): RuleResult => ({
    ruleId,
    radiusM: 300,
    zones: Array.from({ length: zonesPerRule }, (_, i): Zone => ({
      id: `${ruleId}:A${i}`,
      ruleId,
      anchorId: `A${i}`,
      anchorName: `社区${i}`,
      anchorKind: 'community',
      subdistrict: SUBDISTRICTS[i % 4],
      center: [122.1, 30.02],
      radiusM: 300,
    })),
    geometry: null,
    circles: { type: 'FeatureCollection', features: [] },
    memberships: [],
    figures: {} as RuleResult['figures'],
    zoneFigures: [],
  });
  const r300 = mk('R300');
  const r500 = mk('R500');
  for (let i = 0; i < objectsNeeded; i++) {
    const id = `O${i}`;
    const street = rnd() < 0.2;
    const lng = 122.0 + rnd() * 0.2;
    const lat = 29.95 + rnd() * 0.15;
    const base = {
      id,
      name: rnd() < 0.01 ? `=HYPERLINK("x","${i}")` : rnd() < 0.05 ? `小区 "${i}", 东区` : `和平小区${i}号`,
      subdistrict: SUBDISTRICTS[i % 4],
      unit: UNITS[i % UNITS.length],
      lastInspected: rnd() < 0.8 ? '2019-09-10' : null,
      sample: true,
    };
    if (street) {
      const coords = Array.from({ length: 6 }, (_, k) => [lng + k * 0.0005, lat + (rnd() - 0.5) * 0.0005]);
      streets.push({
        type: 'Feature',
        geometry: { type: 'LineString', coordinates: coords },
        properties: { ...base, streetClass: 'back', onRoute: false },
      });
    } else {
      compounds.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [lng, lat] }, properties: base });
    }
    const rule = street ? r500 : r300;
    const z1 = Math.floor(rnd() * zonesPerRule);
    const z2 = (z1 + 1) % zonesPerRule;
    const d1 = rnd() * 300;
    const m: Membership = {
      ruleId: rule.ruleId,
      objectId: id,
      kind: street ? 'street' : 'compound',
      distanceM: d1,
      anchors: [z1, z2].map((z, k) => ({
        zoneId: rule.zones[z].id,
        anchorId: rule.zones[z].anchorId,
        anchorName: rule.zones[z].anchorName,
        distanceM: d1 + k * 50,
        ...(street ? { insideLengthM: rnd() * 500 } : {}),
      })),
    };
    rule.memberships.push(m);
    const open = Math.floor(rnd() * 4);
    status[id] = {
      objectId: id,
      kind: m.kind,
      state: STATES[Math.floor(rnd() * STATES.length)],
      openDefects: open,
      overdue: open ? Math.floor(rnd() * open) : 0,
      reopened: 0,
      lastInspected: base.lastInspected,
      stale: false,
    };
  }
  const empty = { type: 'FeatureCollection' as const, features: [] };
  const objects = indexObjects(
    objectLayersOf(
      {
        compounds: { type: 'FeatureCollection', features: compounds },
        streets: { type: 'FeatureCollection', features: streets },
      },
      empty,
    ),
  );
  const engine: EngineResult = { asOfDate: '2019-09-12', rules: [r300, r500], status };
  return {
    campaign,
    objects,
    engine,
    meta: { asOfDate: '2019-09-12', sample: true, generatedAt: new Date('2019-09-12T01:00:00Z') },
  };
}

async function measure(
  name: string,
  runs: number,
  targetMs: number | null,
  fn: () => Promise<unknown>,
): Promise<BenchResult> {
  await fn(); // warm-up: JIT and lazy module work are not what the user waits for twice
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const medianMs = median(times);
  return {
    name,
    medianMs,
    medianCpuMs: median(cpu),
    minMs: Math.min(...times),
    targetMs,
    ok: targetMs === null || medianMs <= targetMs,
    runs: times,
  };
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function runExportBench(
  log: (line: string) => void = console.log,
  { quick = false } = {},
): Promise<BenchResult[]> {
  const n = (runs: number) => (quick ? 3 : runs);
  const big = syntheticContext(100_000);
  const mid = syntheticContext(10_000);
  const results: BenchResult[] = [];
  results.push(
    await measure('export: 100k-row zone list → CSV', n(7), 250, async () => {
      const f = await exportZoneList(big, { by: 'all' }, 'csv');
      if (f.rowCount !== 100_000) throw new Error(`expected 100000 rows, got ${f.rowCount}`);
    }),
  );
  // The same CSV split in two, to see where the time goes: planning the rows (selection, lookups, order), and
  // writing them.
  const bigPlan = planZoneRows(big, { by: 'all' });
  results.push(
    await measure('  part: planning the 100k rows', n(7), null, async () => planZoneRows(big, { by: 'all' })),
  );
  results.push(
    await measure('  part: writing the 100k rows as CSV', n(7), null, async () =>
      zoneCsvBytes(bigPlan, big.campaign, 'zh'),
    ),
  );
  results.push(
    await measure('export: 10k-row zone list → XLSX', n(5), 3000, async () => {
      const f = await exportZoneList(mid, { by: 'all' }, 'xlsx');
      if (f.rowCount !== 10_000) throw new Error(`expected 10000 rows, got ${f.rowCount}`);
    }),
  );
  for (const r of results) {
    log(
      `${r.name}: median ${r.medianMs.toFixed(1)} ms` +
        (r.targetMs === null ? '; ' : ` (target ≤ ${r.targetMs} ms) ${r.ok ? 'OK' : 'OVER TARGET'}; `) +
        `min ${r.minMs.toFixed(1)} ms; CPU median ${r.medianCpuMs.toFixed(1)} ms; runs: ${r.runs.map((t) => t.toFixed(0)).join(', ')}`,
    );
  }
  const load = loadavg()[0];
  if (load > cpus().length)
    log(`note: load average ${load.toFixed(1)} on ${cpus().length} CPUs — wall times include waiting for a CPU`);
  return results;
}

export default runExportBench;

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runExportBench(console.log, { quick: process.argv.includes('--quick') }).then((rs) =>
    process.exit(rs.every((r) => r.ok) ? 0 : 1),
  );
}
