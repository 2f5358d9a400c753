/**
 * Browser benchmark (the README's Scale in the browser table): the built app in real Chromium with 5k (the sample),
 * 100k and 1M defects in Dinghai, against a bare MapLibre page (scripts/bench/bare: the same land, outline and town
 * seats with Chinese labels, nothing else) served with the same data. `npm run bench -- browser` (`--quick`: 5k and
 * 100k only, 3 loads; `--scales=5000,20000`: your own list; `--runs=N` loads of each page per scale, default 5).
 *
 * Per scale the two pages load alternately, each in a fresh browser context; the medians give the ratio app / bare,
 * which issue #14 wants ≤ 1.5 on the sample and at 100k, ≤ 2 at 1M. Each app load also records its main-thread long
 * tasks (PerformanceObserver 'longtask'): the longest one is reported (target: none over 200 ms), beside the bare
 * page's own longest task (making the WebGL context and compiling its shaders), which no page with MapLibre avoids.
 *
 * Builds the app once into a temp dir, then per scale writes a copy whose data/defects.bin holds N seeded defects
 * (the bundled sample's 5 000 defects repeated with a seeded jitter of up to ±60 m, so they sit on the same
 * objects, keep their codes and dates, and the first 5 000 keep their ids and details) and a manifest with its
 * hash, serves it on loopback and opens it in a fresh Chromium (SwiftShader WebGL, as in the e2e tests).
 *
 * Reports per scale: defects.bin size; time until the page has the decoded defects from the worker (the
 * `defects-fetched` mark) and to map-ready (data loaded, zones computed, map idle); main-thread JS heap (CDP
 * Performance.getMetrics) and the PSS of all Chromium processes (browser, renderer, GPU:
 * /proc/<pid>/smaps_rollup), both at ready; the median time from a change to the
 * redrawn map (window.__mapReady again) for a what-if radius change and an as-of-date change (both re-run the
 * zone engine; the date also re-derives every defect's overdue state and re-pushes the defect source).
 * `--profile` records where the time goes in one more app load per scale (not in the medians): a Chrome trace (written next to the
 * bench's output, open it in DevTools' Performance panel), the long tasks, the data fetches (start → end) and the
 * main thread's top functions by self time (CDP CPU profile) up to map-ready.
 *
 * `--against=<dir>` adds a third page to each run: another build of the app (a `dist/` folder, e.g. of the last
 * commit: `git worktree add /tmp/base HEAD~1 && ln -s $PWD/node_modules /tmp/base/ && (cd /tmp/base && npm run build)`)
 * served with the same seeded data and loaded in turn with the two others, so a change is measured side by side
 * on one busy host rather than across two bench runs.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import type { Campaign } from '../../src/campaign/types';
import type { DefectColumnsBuilder } from '../../src/dataset/types';
import { readDefectColumns, writeDefectFiles, writeRepeatedHistory } from '../lib/defects-files';
import { scaleDefects } from './scaled-defects';
import { serveStatic } from '../../tests/e2e/static-server';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
/** How long after the histories' mark their views' redraw is counted (see timeHistories). */
const HISTORY_REDRAW_MS = 1000;
const profile = args.includes('--profile');
const runsArg = args.find((a) => a.startsWith('--runs='));
const RUNS = runsArg ? Number(runsArg.slice('--runs='.length)) : quick ? 3 : 5;
const scalesArg = args.find((a) => a.startsWith('--scales='));
const SCALES = scalesArg
  ? scalesArg.slice('--scales='.length).split(',').map(Number)
  : quick
    ? [5_000, 100_000]
    : [5_000, 100_000, 1_000_000];
/** How long one scale may take to become ready before it is reported as not working. */
const READY_TIMEOUT_MS = 300_000;
/** Changes timed per kind; the median is reported. */
const CHANGES = 3;
/** What an inspector would accept on an office PC from a change to the redrawn map. */
const TARGET_CHANGE_MS = 1_000;
/** Issue #14: map-ready within these multiples of the bare MapLibre page. */
const TARGET_RATIO = (scale: number) => (scale >= 1_000_000 ? 2 : 1.5);
const TARGET_LONG_TASK_MS = 200;
/** Where --profile writes its Chrome traces. */
const TRACE_DIR = path.join(tmpdir(), 'zonemap-bench-traces');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const againstArg = args.find((a) => a.startsWith('--against='));
/** Another build of the app, loaded in turn with this one and the bare page (see above). */
const AGAINST = againstArg ? path.resolve(againstArg.slice('--against='.length)) : null;

interface Row {
  scale: number;
  jsonMB: number;
  fetchedMs: number | null;
  readyMs: number | null;
  /** Median of the bare page's loads. */
  bareMs: number | null;
  /** Every load's map-ready time, app and bare. */
  appRuns: number[];
  bareRuns: number[];
  /** With --against: the other build's map-ready times, loaded in turn with the two others. */
  againstRuns: number[];
  /** Longest main-thread task during an app load (the worst of the runs). */
  longTaskMs: number | null;
  /** Longest main-thread task during a bare-page load (the worst of the runs): what MapLibre alone costs. */
  bareLongTaskMs: number | null;
  heapMB: number | null;
  pssMB: number | null;
  radiusMs: number | null;
  dateMs: number | null;
  /** From map-ready to the histories decoded (the views that replay them), and the longest main-thread task then. */
  historiesMs: number | null;
  historiesTaskMs: number | null;
  note: string;
}

async function main() {
  const work = mkdtempSync(path.join(tmpdir(), 'zonemap-bench-'));
  try {
    const built = path.join(work, 'build');
    // The build serves public/data, which `npm start` and `npm run build` refresh from data/: so does the bench
    // (a fresh clone has none yet; a stale one would measure old data).
    console.log('refreshing public/data from data/ (npm run refresh) …');
    const refresh = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/refresh.ts'], { encoding: 'utf8' });
    if (refresh.status !== 0) throw new Error(`the refresh failed:\n${refresh.stderr}`);
    console.log('building the app and the bare MapLibre page (vite build) …');
    // Unminified when profiling, so the profile names our functions.
    const minify = profile ? ['--minify', 'false'] : [];
    const build = spawnSync(
      process.execPath,
      ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error', ...minify],
      {
        env: { ...process.env, BUILD_OUT_DIR: built },
        encoding: 'utf8',
      },
    );
    if (build.status !== 0) throw new Error(`vite build failed:\n${build.stderr}`);
    const bareArgs = ['build', 'scripts/bench/bare', '--base', './', '--outDir', path.join(built, 'bare')];
    const bare = spawnSync(
      process.execPath,
      ['node_modules/vite/bin/vite.js', ...bareArgs, '--logLevel', 'error', ...minify],
      {
        encoding: 'utf8',
      },
    );
    if (bare.status !== 0) throw new Error(`vite build of the bare page failed:\n${bare.stderr}`);
    const sample = readDefectColumns(path.join(built, 'data'));
    const campaign = JSON.parse(readFileSync(path.join(built, 'data/campaign.json'), 'utf8')) as Campaign;
    const bareQuery = `bare/?bbox=${campaign.district.bbox.join(',')}`;

    const rows: Row[] = [];
    for (const scale of SCALES) {
      const site = path.join(work, `site-${scale}`);
      cpSync(built, site, { recursive: true, filter: (src) => !src.endsWith('.map') });
      const jsonBytes = writeScaledDefects(path.join(site, 'data'), sample, scale);
      const against = AGAINST ? path.join(work, `against-${scale}`) : null;
      if (AGAINST && against) {
        cpSync(AGAINST, against, { recursive: true, filter: (src) => !src.endsWith('.map') });
        cpSync(path.join(site, 'data'), path.join(against, 'data'), { recursive: true });
      }
      const row = await measure(site, bareQuery, scale, jsonBytes, against);
      rows.push(row);
      rmSync(site, { recursive: true, force: true });
      if (against) rmSync(against, { recursive: true, force: true });
      printRow(row);
    }
    console.log(
      `\nbrowser bench (Chromium, SwiftShader WebGL, 1366×768; medians of ${RUNS} loads of each page, alternating;` +
        ' times in ms, memory in MB)',
    );
    console.table(
      rows.map((r) => {
        const ratio = r.readyMs !== null && r.bareMs ? r.readyMs / r.bareMs : null;
        return {
          defects: r.scale.toLocaleString('en'),
          'defects.bin MB': r.jsonMB.toFixed(1),
          'bare ms': fmt(r.bareMs),
          'map-ready ms': fmt(r.readyMs),
          'app / bare': ratio === null ? '—' : `${ratio.toFixed(2)}×`,
          [`ratio target`]:
            ratio === null
              ? 'FAIL'
              : ratio <= TARGET_RATIO(r.scale)
                ? `met (≤${TARGET_RATIO(r.scale)})`
                : `missed (≤${TARGET_RATIO(r.scale)})`,
          'fetched ms': fmt(r.fetchedMs),
          'longest task ms': fmt(r.longTaskMs),
          'bare longest task ms': fmt(r.bareLongTaskMs),
          [`task ≤${TARGET_LONG_TASK_MS}`]:
            r.longTaskMs === null ? '—' : r.longTaskMs <= TARGET_LONG_TASK_MS ? 'met' : 'missed',
          'JS heap MB': fmt(r.heapMB),
          'Chromium PSS MB': fmt(r.pssMB),
          'radius→idle ms': fmt(r.radiusMs),
          'date→idle ms': fmt(r.dateMs),
          'histories ms': fmt(r.historiesMs),
          'task in histories ms': fmt(r.historiesTaskMs),
          [`change ≤${TARGET_CHANGE_MS}`]:
            r.radiusMs !== null && r.dateMs !== null && Math.max(r.radiusMs, r.dateMs) <= TARGET_CHANGE_MS
              ? 'met'
              : 'missed',
          note: r.note,
        };
      }),
    );
    for (const r of rows) {
      console.log(
        `${r.scale.toLocaleString('en')}: app ${r.appRuns.map((x) => x.toFixed(0)).join(' ')} ms; bare ${r.bareRuns.map((x) => x.toFixed(0)).join(' ')} ms`,
      );
      if (AGAINST && r.bareMs) {
        const ratio = (runs: number[]) => (runs.length ? `${(median(runs) / r.bareMs!).toFixed(2)}×` : '—');
        console.log(
          `  against ${AGAINST}: ${r.againstRuns.map((x) => x.toFixed(0)).join(' ')} ms — app / bare ${ratio(r.appRuns)}, against / bare ${ratio(r.againstRuns)}`,
        );
      }
    }
    console.log(
      `cores: ${(await import('node:os')).cpus().length}, load average: ${(await import('node:os'))
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Writes data/defects.bin and defect-ids.json with `n` defects and their manifest entries; returns defects.bin's size. */
function writeScaledDefects(dataDir: string, sample: DefectColumnsBuilder, n: number): number {
  const bytes = writeDefectFiles(dataDir, scaleDefects(sample, n)).bin.byteLength;
  // The history file must describe as many defects as defects.bin, or the history views say it does not match.
  writeRepeatedHistory(dataDir, n);
  return bytes;
}

/** Loads the bare page and the app alternately, RUNS times each, then times changes in one more app load. */
async function measure(
  site: string,
  bareQuery: string,
  scale: number,
  jsonBytes: number,
  against: string | null,
): Promise<Row> {
  const row: Row = {
    scale,
    jsonMB: jsonBytes / 1e6,
    fetchedMs: null,
    readyMs: null,
    bareMs: null,
    appRuns: [],
    bareRuns: [],
    againstRuns: [],
    longTaskMs: null,
    bareLongTaskMs: null,
    heapMB: null,
    pssMB: null,
    radiusMs: null,
    dateMs: null,
    historiesMs: null,
    historiesTaskMs: null,
    note: '',
  };
  const server = await serveStatic(site);
  const againstServer = against ? await serveStatic(against) : null;
  const browser = await launch();
  const problems: string[] = [];
  const fetched: number[] = [];
  try {
    // With --profile, one more app load is recorded after the timed ones; it counts in no median.
    for (let run = 0; run < RUNS + (profile ? 1 : 0); run++) {
      const profiled = run === RUNS;
      if (profiled) {
        const app = await loadOnce(browser, server.url, { markers: true, profileAs: scale });
        await app.context.close();
        continue;
      }
      const bare = await loadOnce(browser, server.url + bareQuery, { markers: false });
      if (bare.readyMs !== null) row.bareRuns.push(bare.readyMs);
      else problems.push(`bare: ${bare.problem}`);
      row.bareLongTaskMs = Math.max(row.bareLongTaskMs ?? 0, bare.longTaskMs ?? 0);
      await bare.context.close();
      const last = run === RUNS - 1;
      const app = await loadOnce(browser, server.url, { markers: true });
      if (app.readyMs !== null) row.appRuns.push(app.readyMs);
      else problems.push(`app: ${app.problem}`);
      if (app.fetchedMs !== null) fetched.push(app.fetchedMs);
      row.longTaskMs = Math.max(row.longTaskMs ?? 0, app.longTaskMs ?? 0);
      if (last && app.readyMs !== null) {
        row.heapMB = await heapMB(app.cdp);
        row.pssMB = chromiumPssMB();
        await timeHistories(app.page, row, problems);
        await timeChanges(app.page, row, problems);
        row.pssMB = Math.max(row.pssMB ?? 0, chromiumPssMB() ?? 0);
      }
      await app.context.close();
      let other: number | null = null;
      if (againstServer) {
        const load = await loadOnce(browser, againstServer.url, { markers: true });
        other = load.readyMs;
        if (other !== null) row.againstRuns.push(other);
        else problems.push(`against: ${load.problem}`);
        await load.context.close();
      }
      console.log(
        `  run ${run + 1}/${RUNS}: bare ${fmt(bare.readyMs)} ms, app ${fmt(app.readyMs)} ms (defects fetched ${fmt(app.fetchedMs)} ms, longest task ${fmt(app.longTaskMs)} ms, bare ${fmt(bare.longTaskMs)} ms)${againstServer ? `, against ${fmt(other)} ms` : ''}`,
      );
    }
  } finally {
    await browser.close();
    await server.close();
    await againstServer?.close();
  }
  row.readyMs = row.appRuns.length ? median(row.appRuns) : null;
  row.bareMs = row.bareRuns.length ? median(row.bareRuns) : null;
  row.fetchedMs = fetched.length ? median(fetched) : null;
  if (problems.length) row.note = [...new Set(problems)].join('; ');
  return row;
}

interface Load {
  context: BrowserContext;
  page: Page;
  cdp: CDPSession;
  readyMs: number | null;
  fetchedMs: number | null;
  longTaskMs: number | null;
  problem: string;
}

/**
 * One load in a fresh context: the time to window.__mapReady (for the app also to the defect markers drawn), the
 * defects file's download end and the longest main-thread task. `profileAs` records a trace and a CPU profile.
 */
async function loadOnce(
  browser: Browser,
  url: string,
  { markers, profileAs = null }: { markers: boolean; profileAs?: number | null },
): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const load: Load = {
    context,
    page,
    cdp: await context.newCDPSession(page),
    readyMs: null,
    fetchedMs: null,
    longTaskMs: null,
    problem: '',
  };
  const problems: string[] = [];
  page.on('crash', () => problems.push('renderer crashed'));
  page.on('pageerror', (e) => problems.push(String(e).slice(0, 120)));
  await page.addInitScript(() => {
    const tasks: { start: number; ms: number }[] = [];
    (window as unknown as { __longTasks: typeof tasks }).__longTasks = tasks;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push({ start: e.startTime, ms: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await load.cdp.send('Performance.enable');
  const tracePath = profileAs === null ? null : path.join(TRACE_DIR, `app-${profileAs}.json`);
  if (tracePath) {
    mkdirSync(TRACE_DIR, { recursive: true });
    await browser.startTracing(page, { path: tracePath, screenshots: false });
    await load.cdp.send('Profiler.enable');
    await load.cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
    await load.cdp.send('Profiler.start');
  }
  await page.goto(url);
  try {
    await page.waitForFunction(() => window.__mapReady === true, undefined, { timeout: READY_TIMEOUT_MS, polling: 50 });
    // window.__mapReady covers the data and the zones; the defect markers come from the defects worker on their
    // own, so also wait until they are drawn (the defects source has features and the map is idle).
    if (markers)
      await page.waitForFunction(
        () => {
          const map = window.__map;
          return !!map && map.querySourceFeatures('defects').length > 0 && map.loaded() && !map.isMoving();
        },
        undefined,
        { timeout: READY_TIMEOUT_MS, polling: 50 },
      );
    load.readyMs = await page.evaluate(() => performance.now());
  } catch (e) {
    load.problem =
      `not ready after ${READY_TIMEOUT_MS / 1000} s ${problems.join('; ')} ${String(e).slice(0, 120)}`.trim();
    return load;
  }
  const timings = await page.evaluate(() => ({
    defectsFetched: performance.getEntriesByName('defects-fetched')[0]?.startTime ?? null,
    tasks: (window as unknown as { __longTasks: { start: number; ms: number }[] }).__longTasks,
    fetches: performance
      .getEntriesByType('resource')
      .map((e) => e as PerformanceResourceTiming)
      .map((e) => ({ name: e.name, start: e.startTime, end: e.responseEnd, bytes: e.encodedBodySize })),
  }));
  load.longTaskMs = timings.tasks.reduce((m, t) => Math.max(m, t.ms), 0);
  // The defects worker fetches defects.bin itself: its fetch is not in the page's resource timing, so the page
  // marks when the decoded columns reached it (defects-client.ts).
  load.fetchedMs =
    timings.defectsFetched ?? timings.fetches.find((f) => /\/data\/defects[.-]/.test(f.name))?.end ?? null;
  if (tracePath) {
    await printProfile(load.cdp, tracePath.replace(/\.json$/, '.cpuprofile'));
    console.log(`  CPU profile: ${tracePath.replace(/\.json$/, '.cpuprofile')}`);
    await browser.stopTracing();
    console.log(`  Chrome trace: ${tracePath}`);
    console.log(`  long tasks up to map-ready at ${load.readyMs.toFixed(0)} ms (start → ms):`);
    for (const t of timings.tasks) console.log(`    ${t.start.toFixed(0).padStart(7)} ${t.ms.toFixed(0).padStart(6)}`);
    console.log('  fetches (start → end ms, KB on the wire):');
    for (const f of timings.fetches.filter((f) => !f.name.startsWith('data:')))
      console.log(
        `    ${f.start.toFixed(0).padStart(7)} ${f.end.toFixed(0).padStart(7)} ${(f.bytes / 1024).toFixed(0).padStart(7)}  ${new URL(f.name).pathname}`,
      );
  }
  return load;
}

/**
 * Opens 红黑榜 (a view that replays the histories) after map-ready and waits for the histories: the time from
 * map-ready to their 'histories-loaded' mark, and the longest main-thread task from map-ready until the views
 * have redrawn with them (fetched and decoded in the defects worker; at 1M defects that is 15 MB of JSON).
 */
async function timeHistories(page: Page, row: Row, problems: string[]) {
  try {
    await page.getByTestId('commander-tab-redBlack').click();
    await page.waitForFunction(
      () =>
        performance.getEntriesByName('histories-loaded').length +
          performance.getEntriesByName('histories-failed').length >
        0,
      undefined,
      { timeout: READY_TIMEOUT_MS, polling: 50 },
    );
    // The views redraw with the histories after the mark: their tasks count too.
    await page.waitForTimeout(HISTORY_REDRAW_MS);
    const t = await page.evaluate((redraw) => {
      const ready = performance.getEntriesByName('map-ready')[0]?.startTime ?? 0;
      const loaded = performance.getEntriesByName('histories-loaded')[0]?.startTime ?? null;
      const tasks = (window as unknown as { __longTasks: { start: number; ms: number }[] }).__longTasks;
      const during = tasks.filter((x) => x.start >= ready && (loaded === null || x.start <= loaded + redraw));
      return { ms: loaded === null ? null : loaded - ready, task: Math.max(0, ...during.map((x) => x.ms)) };
    }, HISTORY_REDRAW_MS);
    if (t.ms === null) problems.push('histories: failed to load (histories-failed)');
    row.historiesMs = t.ms;
    row.historiesTaskMs = t.task;
    // Back to the first view's tab, so the changes timed next redraw what they did before this step was added.
    await page.getByTestId('commander-tab-ranking').click();
  } catch (e) {
    problems.push(`histories: ${String(e).split('\n')[0]}`);
  }
}

/** The median time to the redrawn map after a what-if radius change and an as-of-date change. */
async function timeChanges(page: Page, row: Row, problems: string[]) {
  const radii = ['350', '400', '300'];
  const dates = ['2019-09-20', '2019-09-27', '2019-09-12'];
  const radiusTimes: number[] = [];
  const dateTimes: number[] = [];
  try {
    for (let k = 0; k < CHANGES; k++) {
      radiusTimes.push(
        await timeChange(page, async () => {
          await page.getByTestId('radius-input-R300').fill(radii[k]);
          await page.getByTestId('radius-input-R300').press('Enter');
        }),
      );
      dateTimes.push(await timeChange(page, () => page.getByTestId('as-of-date').fill(dates[k])));
    }
  } catch (e) {
    problems.push(`change ${radiusTimes.length + dateTimes.length + 1}: ${String(e).split('\n')[0]}`);
  }
  row.radiusMs = radiusTimes.length ? median(radiusTimes) : null;
  row.dateMs = dateTimes.length ? median(dateTimes) : null;
}

function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--ignore-gpu-blocklist',
      '--enable-precise-memory-info',
    ],
  });
}

/** Time from starting `act` to the map being ready again with the change drawn. */
async function timeChange(page: Page, act: () => Promise<unknown>): Promise<number> {
  await page.evaluate(() => {
    window.__mapReady = false;
    (window as unknown as { __t0: number }).__t0 = performance.now();
  });
  await act();
  await page.waitForFunction(() => window.__mapReady === true, undefined, {
    timeout: READY_TIMEOUT_MS,
    polling: 'raf',
  });
  return page.evaluate(() => performance.now() - (window as unknown as { __t0: number }).__t0);
}

async function heapMB(cdp: CDPSession): Promise<number | null> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value;
  return used === undefined ? null : used / 1e6;
}

/** PSS (shared pages split fairly) of every Chromium process under this Node process, in MB. */
function chromiumPssMB(): number | null {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // The process ended while we looked.
    }
  }
  let kb = 0;
  const stack = [...(children.get(process.pid) ?? [])];
  while (stack.length) {
    const pid = stack.pop()!;
    stack.push(...(children.get(pid) ?? []));
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('chrom')) continue;
      const m = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8').match(/^Pss:\s+(\d+) kB/m);
      if (m) kb += Number(m[1]);
    } catch {
      // Gone or not readable.
    }
  }
  return kb ? kb / 1024 : null;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** A stretch of the main thread without an idle sample longer than this is printed with what filled it. */
const STRETCH_MS = 200;

/**
 * The main thread's top functions by self time from start to map-ready, then each busy stretch (samples with no
 * idle one between them) longer than STRETCH_MS with its top functions by total time: what the long tasks are.
 */
async function printProfile(cdp: CDPSession, saveAs: string) {
  const { profile: p } = (await cdp.send('Profiler.stop')) as unknown as {
    profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number };
  };
  writeFileSync(saveAs, JSON.stringify(p));
  const byNode = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (f: ProfileNode['callFrame']) =>
    `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
  const self = new Map<string, number>();
  const stretches: { start: number; ms: number; total: Map<string, number> }[] = [];
  let open: (typeof stretches)[number] | null = null;
  let t = 0;
  p.samples.forEach((id, i) => {
    const ms = p.timeDeltas[i] / 1000;
    t += ms;
    const f = byNode.get(id)!.callFrame;
    if (!f.url && f.functionName === '(idle)') {
      if (open && open.ms > STRETCH_MS) stretches.push(open);
      open = null;
      return;
    }
    self.set(name(f), (self.get(name(f)) ?? 0) + ms);
    open ??= { start: t - ms, ms: 0, total: new Map() };
    open.ms += ms;
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const key = name(byNode.get(n)!.callFrame);
      if (seen.has(key) || key.startsWith('(root)')) continue;
      seen.add(key);
      open.total.set(key, (open.total.get(key) ?? 0) + ms);
    }
  });
  const last = open as (typeof stretches)[number] | null;
  if (last && last.ms > STRETCH_MS) stretches.push(last);
  console.log('main thread, self time up to map-ready (ms):');
  for (const [k, ms] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15))
    console.log(`  ${ms.toFixed(0).padStart(7)}  ${k}`);
  console.log(`  busy stretches over ${STRETCH_MS} ms (ms from the profile's start; top functions by total time):`);
  for (const s of stretches) {
    console.log(`    at ${s.start.toFixed(0)} ms, ${s.ms.toFixed(0)} ms:`);
    const top = [...s.total.entries()].sort((a, b) => b[1] - a[1]);
    for (const [k, ms] of top.slice(0, 12)) console.log(`      ${ms.toFixed(0).padStart(6)}  ${k}`);
    // The app's components and hooks by name (MapLibre's minified names are two or three letters).
    const own = top.filter(([k]) => /^(use[A-Z]\w+|[A-Z][a-z]+[A-Z]?\w{2,}) /.test(k)).slice(0, 8);
    if (own.length)
      console.log(`      components, hooks: ${own.map(([k, ms]) => `${k.split(' ')[0]} ${ms.toFixed(0)}`).join(', ')}`);
  }
}

function printRow(r: Row, when = '') {
  console.log(
    `${when}${r.scale.toLocaleString('en')} defects: ${r.jsonMB.toFixed(1)} MB defects.bin, fetched ${fmt(r.fetchedMs)} ms, ready ${fmt(r.readyMs)} ms, heap ${fmt(r.heapMB)} MB, PSS ${fmt(r.pssMB)} MB, radius→idle ${fmt(r.radiusMs)} ms, date→idle ${fmt(r.dateMs)} ms, histories ${fmt(r.historiesMs)} ms after map-ready (longest task meanwhile ${fmt(r.historiesTaskMs)} ms) ${r.note}`,
  );
}

const fmt = (x: number | null) => (x === null ? '—' : x.toFixed(0));
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
