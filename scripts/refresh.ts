/**
 * `npm run refresh`: the one door through which data enters the product. Reads data/campaign.json and every
 * source listed in data/sources.json, validates and converts them (src/ingest), builds public/data
 * (src/dataset) and swaps it into place all at once (scripts/lib/atomic-dir.ts).
 *
 * Usage: tsx scripts/refresh.ts [--data <dir>] [--out <dir>] [--check] [--lenient [--max-skipped <percent>]]
 *          [--problems <file>] [--osm-streets [--overpass-url <url>]] [--replace-district]
 *   --data          source directory (default: $DATA_DIR, else data); printed first as
 *                   `数据目录: data, 区县: 定海区 (330902)` (scripts/lib/data-dir.ts)
 *   --out           output directory (default: public/data); only a missing or empty folder or one the refresh
 *                   wrote before is replaced (scripts/lib/out-guard.ts), one refresh at a time (scripts/lib/lock.ts)
 *   --check         validate only, write nothing
 *   --lenient       skip bad rows instead of failing, unless a file loses more than --max-skipped percent of its
 *                   rows (default 5)
 *   --problems      where the problems report goes (default <data>/refresh-problems.txt), after a run with
 *                   problems, failed or not (--check writes it only when --problems is given)
 *   --osm-streets   first re-download the cache of each source with format "overpass" (e.g. osm/streets.overpass.json)
 *                   from --overpass-url, else $OVERPASS_URL, else the public overpass-api.de interpreter
 *   --replace-district  replace an --out that holds another district's data (else refused); REPLACE_DISTRICT=1
 * Exit 0 on success, 1 on invalid input (every problem printed to stderr as `file:row-or-feature: field: message`)
 * or a refused or failed write (one line), 2 on a usage error. No stack trace unless REFRESH_DEBUG=1.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { pathToFileURL } from 'node:url';
import { campaignProblems } from '../src/campaign/parse';
import type { Campaign } from '../src/campaign/types';
import { buildDataset } from '../src/dataset/write';
import { MANIFEST_PATH } from '../src/dataset/paths';
import { ingestSources, isRowStreamed, type SourceInput, type SourceStats } from '../src/ingest/ingest';
import { DEFAULT_LIMITS, limitHint, resolveLimits, type Limits } from '../src/ingest/limits';
import { fileProblem, formatProblem } from '../src/ingest/problems';
import { parseSources } from '../src/ingest/sources';
import type { Problem, SourceSpec } from '../src/ingest/types';
import { recoverDir, replaceDir, type DirFs, type OutFile, type PausePoint } from './lib/atomic-dir';
import { fsFault, RefreshFault } from './lib/fault';
import { acquireLock, type Lock } from './lib/lock';
import { DEFAULT_OVERPASS_URL, updateOverpassCache } from './lib/overpass';
import { isWithin, overlapRefusal, ownershipRefusal } from './lib/out-guard';
import { checkReportPath, DEFAULT_REPORT_NAME, removeReport, writeReport } from './lib/problems-report';
import { readDataFile, streamDataFile } from './lib/read-file';
import {
  dataDirBanner,
  dataDirFromEnv,
  districtRefusal,
  folderLabel,
  readDataFolder,
  readServedOrigin,
} from './lib/data-dir';

/** From this many defects on, buildDataset collects garbage between its stages (exposedGc). */
const BIG_BUILD_DEFECTS = 100_000;

/** Share of a file's rows --lenient may skip before the refresh fails instead (percent). */
export const DEFAULT_MAX_SKIPPED_PERCENT = 5;

interface Options {
  data: string;
  out: string;
  check: boolean;
  lenient: boolean;
  /** --lenient fails when a file loses more than this percentage of its rows (default 5). */
  maxSkippedPercent?: number;
  /** Where the problems report goes (default `<data>/refresh-problems.txt`). */
  problemsPath?: string;
  /** Re-download the Overpass caches first. */
  osmStreets?: boolean;
  overpassUrl?: string;
  overpassTimeoutMs?: number;
  /** Replace an --out that holds another district's data (--replace-district); else that is refused. */
  replaceDistrict?: boolean;
  /** Test hook: the fs calls of the swap, to simulate a full or read-only disk. */
  fs?: DirFs;
}

/** One line of output; `problem` lines (one problem each) belong on stderr, the rest (progress, summary) on stdout. */
export type Log = (line: string, channel?: 'problem') => void;

const consoleLog: Log = (line, channel) => (channel === 'problem' ? console.error(line) : console.log(line));

/**
 * Runs the refresh and returns the exit code; every message goes to `log`, one line each. Machine faults
 * (disk full, read-only, no permission) and refusals are logged as one line and give 1; only bugs throw.
 */
export async function refresh(options: Options, log: Log = consoleLog): Promise<number> {
  const overlap = overlapRefusal(options.data, options.out);
  if (overlap) {
    log(`refresh: ${overlap}`);
    return 2;
  }
  const problemsPath = options.problemsPath ?? join(options.data, DEFAULT_REPORT_NAME);
  if (isWithin(problemsPath, options.out)) {
    log(`refresh: --problems ${problemsPath} is inside --out ${options.out}, which is published; write it elsewhere`);
    return 2;
  }
  let lock: Lock | null = null;
  try {
    lock = options.check ? tryLock(options.out, log) : acquireLock(options.out);
    if (lock) for (const line of recoverDir(options.out, options.fs)) log(`refresh: ${line}`);
    if (!options.check) {
      // After the recovery, so a folder put back from an interrupted swap is judged like any other.
      const refusal = ownershipRefusal(options.out);
      if (refusal) throw new RefreshFault(refusal);
      const switching = switchRefusal(options);
      if (switching) throw new RefreshFault(switching);
    }
    if (writesReport(options)) checkReportPath(problemsPath);
    return await run(options, problemsPath, log);
  } catch (e) {
    if (!(e instanceof RefreshFault)) throw e;
    log(`refresh: ${e.message}`);
    return 1;
  } finally {
    lock?.release();
  }
}

/**
 * Why --out, holding another district's data, must not be replaced by --data's (unless --replace-district). A data
 * folder without a readable district is let through: the refresh then reports what is wrong with it.
 */
function switchRefusal(options: Options): string | null {
  const folder = readDataFolder(options.data);
  const held = readServedOrigin(options.out);
  if (!folder.ok || !folder.district || !held) return null;
  const next = { district: folder.district, dataDir: folderLabel(options.data) };
  return districtRefusal(folderLabel(options.out), held, next, options.replaceDistrict ?? false);
}

/**
 * --check takes the lock only to put back an interrupted swap; it creates nothing where there is nothing to put
 * back, and leaves a running refresh alone.
 */
function tryLock(out: string, log: Log): Lock | null {
  if (!existsSync(dirname(out))) return null;
  try {
    return acquireLock(out);
  } catch (e) {
    if (!(e instanceof RefreshFault)) throw e;
    log(`refresh: not checking ${out} for an interrupted swap: ${e.message}`);
    return null;
  }
}

/** --check writes nothing unless a report was asked for by name. */
function writesReport(options: Options): boolean {
  return !options.check || options.problemsPath !== undefined;
}

/**
 * One refresh: read the settings, re-download OSM caches if asked, read and ingest the sources, decide whether
 * the problems stop it (strict, or --lenient over --max-skipped), then build and publish the data set.
 */
async function run(options: Options, problemsPath: string, log: Log): Promise<number> {
  const started = performance.now();
  const problems: Problem[] = [];
  const failed = (summary: string) => failWithReport(options, problemsPath, problems, summary, log);
  const settings = readSettings(options.data, problems);
  if (!settings) {
    for (const p of problems) log(formatProblem(p), 'problem');
    return failed(`refresh: ${problems.length} problem(s); nothing written`);
  }
  const { campaign, sources, limits } = settings;
  if (options.osmStreets && !(await refreshOsmCaches(options, campaign, sources, log))) return 1;

  const allSources = [...sources, ...returnSources(options.data, sources)];
  const inputs = readSources(options.data, allSources, limits, problems);
  const result = await ingestSources(inputs, campaign, { limits });
  problems.push(...result.problems);
  for (const p of problems) log(formatProblem(p), 'problem');
  // Warnings are printed, never counted: they neither fail the refresh nor count as rows --lenient skipped.
  for (const w of result.warnings) log(formatProblem(w), 'problem');
  for (const s of result.stats) {
    if (s.kept < s.records) log(`refresh: ${s.path}: kept ${s.kept} of ${s.records} records`);
  }
  const unchanged = options.check ? 'check failed' : `nothing written, ${options.out} is unchanged`;
  if (problems.length > 0 && !options.lenient) return failed(`refresh: ${problems.length} problem(s); ${unchanged}`);
  const tooMany = problems.length > 0 ? reportLosses(options, allSources, inputs, result.stats, problems, log) : 0;
  if (tooMany > 0)
    return failed(
      `refresh: ${tooMany} file(s) lost too many rows; ${unchanged} (fix the rows, or allow more with --max-skipped <percent>)`,
    );

  const generatedAt = new Date().toISOString();
  let built;
  try {
    built = buildDataset(result.data, campaign, {
      // Only a big build is worth the pauses (a full collection takes ~0.1-0.5 s at a million defects).
      betweenStages: result.data.defects.length >= BIG_BUILD_DEFECTS ? (exposedGc() ?? undefined) : undefined,
      generatedAt,
      dataDir: folderLabel(options.data),
      importReport: { sources: allSources, stats: result.stats, problems: [...problems, ...result.warnings] },
    });
  } catch (e) {
    log(`refresh: ${(e as Error).message}`);
    return 1;
  }
  if (options.check) {
    const tolerated = problems.length > 0 ? ` (${problems.length} problem(s) tolerated by --lenient)` : '';
    log(`refresh: check passed${tolerated}, nothing written`);
    return 0;
  }
  await publish(options, problemsPath, built, problems, generatedAt, log);
  const chunkBytes = built.detailsIndex.chunks.reduce((sum, c) => sum + c.bytes, 0);
  const totalBytes = Object.values(built.manifest.files).reduce((sum, f) => sum + f.bytes, 0) + chunkBytes;
  for (const f of Object.values(built.manifest.files))
    log(`  ${f.path.padEnd(26)} ${String(f.count).padStart(6)}  ${kb(f.bytes)}`);
  log(
    `  ${`defect-details-*.json (${built.detailsChunks.length})`.padEnd(26)} ${String(built.manifest.files.defects.count).padStart(6)}  ${kb(chunkBytes)}`,
  );
  log(
    `refresh: wrote ${built.files.length + built.detailsChunks.length + 1} files (${kb(totalBytes)}) to ${relative(process.cwd(), options.out) || '.'} in ${Math.round(performance.now() - started)} ms${problems.length > 0 ? `; ${problems.length} problem(s) in ${problemsPath}` : ''}`,
  );
  return 0;
}

/** A run that stops on its problems: the report, so the office has the list in a file, then the summary last. */
function failWithReport(options: Options, problemsPath: string, problems: Problem[], summary: string, log: Log) {
  let where = '';
  // The default path is inside --data: no report when that folder is what is missing.
  const place = options.problemsPath !== undefined || existsSync(dirname(problemsPath));
  if (problems.length > 0 && writesReport(options) && place) {
    try {
      const at = new Date().toISOString();
      writeReport(problemsPath, `refresh failed at ${at}; nothing written`, problems.map(formatProblem));
      where = `; the problems are listed in ${problemsPath}`;
    } catch (e) {
      if (!(e instanceof RefreshFault)) throw e;
      log(`refresh: ${e.message}`);
    }
  }
  log(`${summary}${where}`);
  return 1;
}

/** sources.json and campaign.json, checked; null (with the problems) when either cannot be used. */
function readSettings(
  data: string,
  problems: Problem[],
): { campaign: Campaign; sources: SourceSpec[]; limits: Limits } | null {
  const sourcesJson = readJson(data, 'sources.json', DEFAULT_LIMITS.maxFileBytes, problems, 'fixed');
  const parsed = sourcesJson === undefined ? undefined : parseSources(sourcesJson);
  const limits = parsed?.limits ?? resolveLimits();
  const campaignJson = readJson(data, 'campaign.json', limits.maxFileBytes, problems, 'settable');
  const campaignIssues = campaignJson === undefined ? [] : campaignProblems(campaignJson);
  problems.push(...campaignIssues);
  if (campaignJson === undefined || campaignIssues.length > 0 || parsed === undefined) return null;
  problems.push(...parsed.problems);
  return { campaign: campaignJson as Campaign, sources: parsed.sources, limits };
}

/** --osm-streets: re-downloads the cache of each "overpass" source; false (said in the log) when it cannot. */
async function refreshOsmCaches(options: Options, campaign: Campaign, sources: SourceSpec[], log: Log) {
  const caches = sources.filter((s) => s.format === 'overpass');
  if (caches.length === 0) {
    log(
      'refresh: --osm-streets: sources.json lists no source with "format": "overpass"; add one, e.g. { "id": "osm-streets", "path": "osm/streets.overpass.json", "kind": "street", "format": "overpass", "crs": "wgs84" }',
    );
    return false;
  }
  for (const spec of caches) {
    const url = options.overpassUrl ?? DEFAULT_OVERPASS_URL;
    const cachePath = join(options.data, spec.path);
    if (!isWithin(cachePath, options.data))
      throw new RefreshFault(
        `--osm-streets: ${spec.path} leads out of the data folder (a symbolic link); not writing there`,
      );
    log(`refresh: asking ${url} for the streets in [${campaign.district.bbox.join(', ')}]…`);
    let r;
    try {
      r = await updateOverpassCache({
        url,
        bbox: campaign.district.bbox,
        cachePath,
        timeoutMs: options.overpassTimeoutMs,
      });
    } catch (e) {
      throw fsFault(e, cachePath);
    }
    if (!r.ok) {
      log(`refresh: ${r.message}`);
      return false;
    }
    log(`refresh: cached ${r.elements} OSM elements (${kb(r.bytes)}) in ${spec.path}`);
  }
  return true;
}

/** The bytes of every listed source that can be read; a problem for each that cannot. */
function readSources(data: string, sources: SourceSpec[], limits: Limits, problems: Problem[]): SourceInput[] {
  const inputs: SourceInput[] = [];
  for (const spec of sources) {
    const maxBytes = resolveLimits(limits, spec.limits).maxFileBytes;
    const hint = limitHint('maxFileBytes', maxBytes);
    // A defects export may be hundreds of megabytes: a CSV is read row by row from the disk, never held whole; a
    // workbook's bytes are held (a zip is read from its directory at the end), its sheet unpacked row by row.
    const read = isRowStreamed(spec)
      ? streamDataFile(data, spec.path, maxBytes, hint)
      : readDataFile(data, spec.path, maxBytes, hint);
    if (read.ok) inputs.push('stream' in read ? { spec, stream: read.stream } : { spec, bytes: read.bytes });
    else if (read.reason === 'missing') {
      const hint = spec.format === 'overpass' ? '; run npm run refresh -- --osm-streets once with network access' : '';
      problems.push(fileProblem(spec.path, 'path', `file not found (listed in sources.json as '${spec.id}')${hint}`));
    } else problems.push(fileProblem(spec.path, read.field, read.message));
  }
  return inputs;
}

/** The folder of the data where the office drops the field records zips the inspectors send (issue 11). */
export const RETURNS_DIR = 'returns';

/**
 * Every `*.zip` in `<data>/returns/` as a source of kind fieldRecord, unless sources.json lists it already; sorted
 * by name so the order (and the import report) is the same on every machine. Folders and links are left to
 * readDataFile, which refuses them with one line.
 */
function returnSources(data: string, listed: SourceSpec[]): SourceSpec[] {
  const dir = join(data, RETURNS_DIR);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw fsFault(e, dir, 'read');
  }
  const known = new Set(listed.map((s) => s.path.replace(/\\/g, '/')));
  return names
    .filter((name) => /\.zip$/i.test(name) && !known.has(`${RETURNS_DIR}/${name}`))
    .sort()
    .map((name) => ({
      id: `${RETURNS_DIR}/${name}`,
      path: `${RETURNS_DIR}/${name}`,
      kind: 'fieldRecord',
      format: 'zip',
      crs: 'wgs84',
    }));
}

/** --lenient: logs each file's loss; returns how many files lost more than --max-skipped (or were not read). */
function reportLosses(
  options: Options,
  sources: SourceSpec[],
  inputs: SourceInput[],
  stats: SourceStats[],
  problems: Problem[],
  log: Log,
): number {
  const maxSkipped = options.maxSkippedPercent ?? DEFAULT_MAX_SKIPPED_PERCENT;
  let tooMany = 0;
  for (const l of lenientLosses(sources, inputs, stats, problems)) {
    const share = l.unread ? 100 : ((l.records - l.kept) / l.records) * 100;
    const over = l.unread || share > maxSkipped;
    if (over) tooMany += 1;
    log(
      l.unread
        ? `refresh: --lenient: ${l.path} could not be read; --lenient skips bad rows, not whole files`
        : `refresh: --lenient: ${l.path}: skipped ${l.records - l.kept} of ${l.records} rows (${share.toFixed(1)} %${over ? `, more than --max-skipped ${maxSkipped} %` : ''})`,
    );
  }
  return tooMany;
}

/** Writes the report (first, so a full disk stops before anything is published), then swaps the data set in. */
async function publish(
  options: Options,
  problemsPath: string,
  built: ReturnType<typeof buildDataset>,
  problems: Problem[],
  generatedAt: string,
  log: Log,
): Promise<void> {
  const files: OutFile[] = [
    ...built.files,
    ...built.detailsChunks,
    ...built.photos.map((p) => ({ path: p.path, content: p.bytes })),
    { path: MANIFEST_PATH, content: built.manifestContent },
  ];
  if (problems.length > 0)
    writeReport(problemsPath, `data set generated at ${generatedAt}`, problems.map(formatProblem));
  try {
    await replaceDir(options.out, files, { pauseAt: pausePoint(), fs: options.fs });
  } catch (e) {
    // The report describes a data set that was not published; the swap's fault is the one to report.
    if (problems.length > 0) attempt(() => removeReport(problemsPath));
    throw e;
  }
  const removed = problems.length === 0 ? removeReport(problemsPath) : null;
  if (removed) log(`refresh: ${removed}`);
}

interface RowLoss {
  path: string;
  records: number;
  kept: number;
  /** Missing, refused or unparseable: nothing of it was read. */
  unread: boolean;
}

/**
 * Rows --lenient skipped, per source with at least one problem: records read minus records kept (a source
 * without problems may keep fewer on purpose, e.g. OSM service roads). A listed source that could not be read at
 * all is unread, so --lenient never publishes a layer emptied by accident.
 */
function lenientLosses(
  sources: SourceSpec[],
  inputs: SourceInput[],
  stats: SourceStats[],
  problems: Problem[],
): RowLoss[] {
  const losses: RowLoss[] = [];
  for (const spec of sources) {
    if (!problems.some((p) => p.file === spec.path)) continue;
    const s = stats.find((x) => x.id === spec.id);
    const read = inputs.some((i) => i.spec.id === spec.id) && s !== undefined;
    if (!read || (s.records === 0 && problems.some((p) => p.file === spec.path && p.location === 'file')))
      losses.push({ path: spec.path, records: 0, kept: 0, unread: true });
    else if (s.kept < s.records) losses.push({ path: spec.path, records: s.records, kept: s.kept, unread: false });
  }
  return losses;
}

function attempt(step: () => void): void {
  try {
    step();
  } catch {
    // See the caller.
  }
}

/** Reads a settings file of the data folder as JSON; a problem (not an exception) when that fails. */
function readJson(
  data: string,
  name: string,
  maxBytes: number,
  problems: Problem[],
  limit: 'fixed' | 'settable',
): unknown {
  const hint =
    limit === 'settable'
      ? limitHint('maxFileBytes', maxBytes)
      : `limit ${maxBytes} bytes (fixed for ${name}); keep it smaller`;
  const read = readDataFile(data, name, maxBytes, hint);
  if (!read.ok) {
    const message = read.reason === 'missing' ? `file not found: ${join(data, name)}` : read.message;
    problems.push(fileProblem(name, read.field, message));
    return undefined;
  }
  try {
    return JSON.parse(new TextDecoder().decode(read.bytes));
  } catch (e) {
    problems.push(fileProblem(name, 'json', `not valid JSON: ${(e as Error).message}`));
    return undefined;
  }
}

function pausePoint(): PausePoint | null {
  const value = process.env.REFRESH_TEST_PAUSE;
  return value === 'mid-write' || value === 'mid-swap' ? value : null;
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

const USAGE =
  'usage: npm run refresh -- [--data <dir>] [--out <dir>] [--check] [--lenient [--max-skipped <percent>]] [--problems <file>] [--osm-streets [--overpass-url <url>]] [--replace-district]';

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        data: { type: 'string', default: dataDirFromEnv() },
        out: { type: 'string', default: 'public/data' },
        check: { type: 'boolean', default: false },
        lenient: { type: 'boolean', default: false },
        'max-skipped': { type: 'string' },
        problems: { type: 'string' },
        'osm-streets': { type: 'boolean', default: false },
        'overpass-url': { type: 'string' },
        'replace-district': { type: 'boolean', default: process.env.REPLACE_DISTRICT === '1' },
      },
      strict: true,
    }));
  } catch (e) {
    console.error(`refresh: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const maxSkipped = values['max-skipped'] === undefined ? undefined : Number(values['max-skipped']);
  if (maxSkipped !== undefined && !(maxSkipped >= 0 && maxSkipped <= 100)) {
    console.error(
      `refresh: --max-skipped must be a percentage from 0 to 100, got '${values['max-skipped']}'\n${USAGE}`,
    );
    return 2;
  }
  const data = resolve(values.data);
  const folder = readDataFolder(data);
  if (!folder.ok) {
    console.log(`refresh: ${folder.message}`);
    return 1;
  }
  console.log(dataDirBanner(folderLabel(data), folder.district));
  const stopCollecting = collectGarbageOften();
  try {
    return await refresh({
      data,
      out: resolve(values.out),
      check: values.check,
      lenient: values.lenient,
      maxSkippedPercent: maxSkipped,
      problemsPath: values.problems === undefined ? undefined : resolve(values.problems),
      osmStreets: values['osm-streets'],
      overpassUrl: values['overpass-url'] ?? process.env.OVERPASS_URL,
      replaceDistrict: values['replace-district'],
    });
  } finally {
    stopCollecting();
  }
}

/**
 * A full garbage collection every 2 s while the refresh runs. With memory to spare V8 lets garbage pile up: a
 * 1M-row defects CSV reached 2.1 GB of RSS with about 0.9 GB live; collecting often keeps the heap near what is
 * live (`npm run bench -- refresh`). A ceiling (`--max-old-space-size`) would do it too, but would crash a larger
 * refresh that needs the memory; this only collects sooner. Returns the function that stops it.
 */
function collectGarbageOften(): () => void {
  const gc = exposedGc();
  if (!gc) return () => undefined;
  const timer = setInterval(gc, 2000);
  timer.unref();
  return () => clearInterval(timer);
}

let exposed: (() => void) | null | undefined;

/**
 * V8's full garbage collection (looked up once), or null where it cannot be had. The timer above cannot run
 * while the data set is built (one synchronous call), so buildDataset also collects between its stages: at 1M
 * defects the columns stage alone left ~250 MB of garbage, and the peak went from 1.84 to 1.48 GB
 * (`npm run bench -- refresh`).
 */
function exposedGc(): (() => void) | null {
  if (exposed === undefined) {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as (() => void) | undefined;
    exposed = typeof gc === 'function' ? gc : null;
  }
  return exposed;
}

/** The last line of defence: one line for the user, the stack only with REFRESH_DEBUG=1. */
export function reportCrash(
  err: unknown,
  env: NodeJS.ProcessEnv = process.env,
  write: (line: string) => void = console.error,
): void {
  if (err instanceof RefreshFault) write(`refresh: ${err.message}`);
  else if (env.REFRESH_DEBUG === '1') write(err instanceof Error ? (err.stack ?? err.message) : String(err));
  else
    write(
      `refresh: internal error: ${err instanceof Error ? err.message : String(err)} (run again with REFRESH_DEBUG=1 for the stack trace, and report it)`,
    );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      reportCrash(err);
      process.exit(1);
    },
  );
}
