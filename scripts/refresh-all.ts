/**
 * `npm run refresh-all`: one site, several districts. Refreshes every data folder under --root into
 * `<out>/<adcode>/` with the ordinary refresh (each one atomic and on its own: a district with bad input keeps
 * its previous data set and does not hold up the others), then writes `<out>/districts.json` (src/dataset/
 * districts.ts) with each district's status and roll-up figures (src/insights/district-rollup.ts), and a top-level
 * `<out>/manifest.json` that points at it (an --out holding one district's data set is refused).
 *
 * Usage: tsx scripts/refresh-all.ts --root <folder of data folders> --out <site data folder> [--lenient]
 *   --root     one sub-folder per district, each an office's data folder (campaign.json, sources.json, files);
 *              folders without campaign.json are passed over with one line
 *   --out      the site's data folder, e.g. dist/data; each district goes to <out>/<adcode>/
 *   --lenient  passed on to each refresh
 * Exit 0 when every district refreshed, 1 when one or more failed (districts.json is written either way, naming
 * them), 2 on a usage error.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import type { Campaign } from '../src/campaign/types';
import {
  districtsPointer,
  isDistrictsPointer,
  DISTRICTS_PATH,
  DISTRICTS_SCHEMA_VERSION,
  type DistrictEntry,
  type DistrictsIndex,
} from '../src/dataset/districts';
import { DATASET_PATHS, MANIFEST_PATH, OPTIONAL_PATHS } from '../src/dataset/paths';
import type { DefectColumns, ImportReport, Manifest } from '../src/dataset/types';
import { rollupDistrict, rollupZones } from '../src/insights/district-rollup';
import { readDataFolder } from './lib/data-dir';
import { readDefectColumns } from './lib/defects-files';
import { refresh, reportCrash, type Log } from './refresh';

export interface RefreshAllOptions {
  root: string;
  out: string;
  lenient?: boolean;
  /** Clock for districts.json `generatedAt` (tests). */
  now?: () => Date;
}

/**
 * Refreshes each district folder under `root` and writes the index; returns the exit code.
 *
 * @example await refreshAll({ root: 'districts', out: 'dist/data' }) // dist/data/330902/…, dist/data/districts.json
 */
export async function refreshAll(options: RefreshAllOptions, log: Log = consoleLog): Promise<number> {
  if (!existsSync(options.root)) {
    log(`refresh-all: --root ${options.root} not found`);
    return 2;
  }
  const top = join(options.out, MANIFEST_PATH);
  if (existsSync(top) && !isDistrictsPointer(readJsonOrNull(top))) {
    log(
      `refresh-all: --out ${options.out} holds one district's data set (its manifest.json); a site of several districts keeps only districts.json, manifest.json and one folder per district there: use an empty folder, or empty this one first`,
    );
    return 2;
  }
  mkdirSync(options.out, { recursive: true });
  const entries: DistrictEntry[] = [];
  for (const name of readdirSync(options.root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
    .map((d) => d.name)
    .sort()) {
    const data = join(options.root, name);
    const folder = readDataFolder(data);
    const adcode = folder.ok && folder.district ? folder.district.adcode : /^\d{6}$/.test(name) ? name : null;
    if (!folder.ok || adcode === null) {
      log(
        `refresh-all: ${name}: ${folder.ok ? 'campaign.json names no district adcode' : folder.message}; passed over`,
      );
      continue;
    }
    const lines: string[] = [];
    const code = await refresh(
      { data, out: join(options.out, adcode), check: false, lenient: options.lenient ?? false },
      (line, channel) => {
        lines.push(line);
        log(`[${adcode}] ${line}`, channel);
      },
    ).catch((e: unknown) => {
      reportCrash(e, process.env, (line) => lines.push(line));
      return 1;
    });
    const reason = code === 0 ? undefined : failureReason(lines, options.root, options.out);
    entries.push(entryOf(join(options.out, adcode), adcode, folder.district?.name ?? name, reason));
  }
  const index: DistrictsIndex = {
    schemaVersion: DISTRICTS_SCHEMA_VERSION,
    generatedAt: (options.now ?? (() => new Date()))().toISOString(),
    districts: entries,
  };
  writeAtomically(join(options.out, DISTRICTS_PATH), `${JSON.stringify(index, null, 2)}\n`);
  // Last: the app takes the site for one of several districts once this points at an index that exists.
  writeAtomically(top, `${JSON.stringify(districtsPointer(), null, 2)}\n`);
  const failed = entries.filter((e) => e.status === 'failed');
  log(
    `refresh-all: ${entries.length - failed.length} of ${entries.length} district(s) refreshed` +
      (failed.length
        ? `; failed (previous data kept): ${failed.map((e) => `${e.name} (${e.adcode})`).join(', ')}`
        : ''),
  );
  return failed.length ? 1 : 0;
}

/** The district's entry from what its folder holds now: the new data set, or the one a failed refresh kept. */
function entryOf(dir: string, adcode: string, name: string, reason: string | undefined): DistrictEntry {
  const status = reason === undefined ? 'ok' : 'failed';
  const manifest = readJsonOrNull<Manifest>(join(dir, MANIFEST_PATH));
  const campaign = readJsonOrNull<Campaign>(join(dir, DATASET_PATHS.campaign));
  const defects = manifest ? defectsOrNull(dir) : null;
  const base = { adcode, name: manifest?.district?.name ?? name, status, ...(reason ? { reason } : {}) } as const;
  if (!manifest || !campaign || !defects)
    return { ...base, generatedAt: null, asOfDate: null, sample: false, rollup: null, zones: null };
  // The report is optional in a data set; the one kept with it is read only when its manifest lists it.
  const report = manifest.files.importReport
    ? readJsonOrNull<ImportReport>(join(dir, OPTIONAL_PATHS.importReport))
    : null;
  return {
    ...base,
    generatedAt: manifest.generatedAt,
    asOfDate: manifest.asOfDate,
    sample: manifest.sample,
    rollup: rollupDistrict(campaign, defects, manifest.asOfDate),
    zones: Array.isArray(report?.coverage) ? rollupZones(campaign, report.coverage) : null,
  };
}

/**
 * One line for districts.json, which is published: the first problem (file, row, field, message) with the
 * refresh's count, or its one-line fault; the server's folders are named relative to --root and --out.
 */
function failureReason(lines: string[], root: string, out: string): string {
  const faults = lines.filter((l) => l.startsWith('refresh: ')).map((l) => l.slice('refresh: '.length));
  const first = lines.find((l) => !l.startsWith('refresh: ') && !l.startsWith('  ') && !l.includes(': warning: '));
  const count = faults.map((f) => /^(\d+ problem\(s\))/.exec(f)?.[1]).find(Boolean);
  const line = first ? `${first}${count ? ` (${count})` : ''}` : (faults.at(-1) ?? 'refresh failed');
  return line
    .split(resolve(out) + sep)
    .join('')
    .split(resolve(root) + sep)
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The data set's defects, or null when they are missing or unreadable (the entry then has no figures). */
function defectsOrNull(dir: string): DefectColumns | null {
  try {
    return readDefectColumns(dir);
  } catch {
    return null;
  }
}

function readJsonOrNull<T>(path: string): T | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return null;
  }
}

/** Written beside the target, flushed, then renamed over it: a reader sees the old index or the new, never half. */
function writeAtomically(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

const consoleLog: Log = (line, channel) => (channel === 'problem' ? console.error(line) : console.log(line));

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { root: { type: 'string' }, out: { type: 'string' }, lenient: { type: 'boolean', default: false } },
    }));
  } catch (e) {
    console.error(`refresh-all: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
  if (!values.root || !values.out) {
    console.error(
      'refresh-all: usage: npm run refresh-all -- --root <folder of data folders> --out <site data folder>',
    );
    return 2;
  }
  return refreshAll({ root: resolve(values.root), out: resolve(values.out), lenient: values.lenient });
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
