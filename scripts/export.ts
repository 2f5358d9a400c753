/**
 * Export from the command line, through the same core as the app's buttons (src/export) and the same zone engine
 * (src/geo/engine.ts). Reads a refreshed data directory, writes one file.
 *
 *   npm run export -- --data public/data --rule R300 --format xlsx --out r300.xlsx
 *   npm run export -- --zone R300:C-001 --format kml --out zone.kml
 *   npm run export -- --task-force TF1 --format csv --lang en --out tf1.csv
 *   npm run export -- --all --format geojson --out all.geojson
 *   npm run export -- --rule R300 --radius R300:400 --format csv --out r300-at-400m.csv
 *   npm run export -- --weekly 2019-09-18 --out weekly.xlsx
 *   npm run export -- --declarations --out declarations.xlsx
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isIsoDate } from '../src/campaign/dates';
import { checkRadiusM, readOverrides } from '../src/campaign/what-if';
import { OBJECT_DATA_KEYS } from '../src/campaign/object-kinds';
import { loadHistories } from '../src/dataset/details-reader';
import { DATASET_PATHS, MANIFEST_PATH } from '../src/dataset/paths';
import { readDefectColumns } from './lib/defects-files';
import { SHAPE_CHECKS, checkManifest } from '../src/dataset/shape';
import {
  DATASET_SCHEMA_VERSION,
  objectLayersOf,
  type DatasetData,
  type DatasetFileKey,
  type Manifest,
} from '../src/dataset/types';
import { computeEngine } from '../src/geo/engine';
import type { EngineInput } from '../src/geo/types';
import { exportContext } from '../src/export/context';
import { exportDeclarations } from '../src/export/declarations';
import type { ExportLang } from '../src/export/labels';
import { buildWeeklyReport } from '../src/export/weekly';
import { fileFetch } from './lib/file-fetch';
import { dataDirFromEnv, folderLabel, readDataFolder, readServedOrigin, servedMismatch } from './lib/data-dir';
import { exportWeeklyReport } from '../src/export/weekly-xlsx';
import { ZONE_FORMATS, exportZoneList, type ExportFile, type ZoneFormat } from '../src/export/zone-export';
import type { RowSelection } from '../src/export/zone-rows';

const USAGE = `usage: npm run export -- [--data <dir>] (--zone <id> | --rule <id> | --task-force <code> | --all)
                          --format csv|xlsx|geojson|kml --out <file> [--lang zh|en] [--as-of YYYY-MM-DD]
                          [--radius <rule>:<metres>[,<rule>:<metres>…]]
       npm run export -- [--data <dir>] --weekly <cut-off YYYY-MM-DD> --out <file.xlsx> [--lang zh|en]
       npm run export -- [--data <dir>] --declarations --out <file.xlsx> [--lang zh|en] [--as-of YYYY-MM-DD]
  --data      refreshed data directory (default public/data, which must then hold the district of the data
              folder DATA_DIR, else data); or an office's data folder, for which public/data must hold its district
  --as-of     "today" for overdue/stale states and days left (default: the data's as-of date)
  --radius    what-if radii, as in the app's link (r=R300:400): the list is computed at them and says so`;

export class UsageError extends Error {}

export interface Args {
  data: string;
  /** Without --data: the data folder (DATA_DIR, else data) whose district public/data must hold. */
  dataDir?: string;
  out: string;
  lang: ExportLang;
  asOf?: string;
  job:
    | { kind: 'zones'; selection: RowSelection; format: ZoneFormat; radius?: string }
    | { kind: 'weekly'; cutoff: string }
    | { kind: 'declarations' };
}

export function parseCliArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): Args {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        data: { type: 'string' },
        zone: { type: 'string' },
        rule: { type: 'string' },
        'task-force': { type: 'string' },
        all: { type: 'boolean' },
        weekly: { type: 'string' },
        declarations: { type: 'boolean' },
        format: { type: 'string' },
        out: { type: 'string' },
        lang: { type: 'string', default: 'zh' },
        'as-of': { type: 'string' },
        radius: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.help) throw new UsageError('');
  const chosen = (['zone', 'rule', 'task-force', 'all', 'weekly', 'declarations'] as const).filter(
    (k) => values[k] !== undefined && values[k] !== false,
  );
  if (chosen.length !== 1) {
    throw new UsageError(
      chosen.length
        ? `choose one of --${chosen.join(', --')}`
        : 'say what to export: --zone, --rule, --task-force, --all, --weekly or --declarations',
    );
  }
  if (!values.out) throw new UsageError('--out <file> is required');
  if (values.lang !== 'zh' && values.lang !== 'en')
    throw new UsageError(`--lang must be zh or en, not "${values.lang}"`);
  const asOf = values['as-of'];
  if (asOf !== undefined && !isIsoDate(asOf)) throw new UsageError(`--as-of must be a YYYY-MM-DD date, not "${asOf}"`);
  // --data names either a refreshed data set (its manifest.json) or, like for the other commands, the office's
  // data folder (campaign.json, no manifest): then public/data is exported once it holds that folder's district.
  const officeFolder = values.data !== undefined && isOfficeFolder(values.data);
  const base = {
    data: values.data === undefined || officeFolder ? 'public/data' : values.data,
    ...(values.data === undefined ? { dataDir: dataDirFromEnv(env) } : officeFolder ? { dataDir: values.data } : {}),
    out: values.out,
    lang: values.lang as ExportLang,
    asOf,
  };
  const what = chosen[0];
  if (what === 'weekly' || what === 'declarations') {
    if (values.radius !== undefined) throw new UsageError(`--radius applies to zone lists, not --${what}`);
    if (values.format !== undefined && values.format !== 'xlsx')
      throw new UsageError(`--${what} writes xlsx only, not "${values.format}"`);
    if (what === 'weekly') {
      if (!isIsoDate(values.weekly))
        throw new UsageError(`--weekly needs the cut-off date as YYYY-MM-DD, not "${values.weekly}"`);
      if (asOf !== undefined) throw new UsageError('--as-of does not apply to --weekly (the cut-off is the date)');
      return { ...base, job: { kind: 'weekly', cutoff: values.weekly } };
    }
    return { ...base, job: { kind: 'declarations' } };
  }
  const format = values.format;
  if (!format) throw new UsageError(`--format is required: ${ZONE_FORMATS.join('|')}`);
  if (!(ZONE_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--format must be one of ${ZONE_FORMATS.join('|')}, not "${format}"`);
  const selection: RowSelection =
    what === 'zone'
      ? { by: 'zone', zoneId: nonEmpty('--zone', values.zone) }
      : what === 'rule'
        ? { by: 'rule', ruleId: nonEmpty('--rule', values.rule) }
        : what === 'task-force'
          ? { by: 'taskForce', code: nonEmpty('--task-force', values['task-force']) }
          : { by: 'all' };
  const radius = values.radius;
  if (radius !== undefined) {
    // The rule ids are checked against the campaign in `run`; the form and the range can be checked now.
    for (const part of radius.split(',')) {
      const colon = part.indexOf(':');
      const problem = colon > 0 ? checkRadiusM(Number(part.slice(colon + 1) || Number.NaN)) : 'must be <rule>:<metres>';
      if (problem) throw new UsageError(`--radius "${part}": ${problem}`);
    }
    return { ...base, job: { kind: 'zones', selection, format: format as ZoneFormat, radius } };
  }
  return { ...base, job: { kind: 'zones', selection, format: format as ZoneFormat } };
}

function nonEmpty(flag: string, v: string | undefined): string {
  if (!v) throw new UsageError(`${flag} needs a value`);
  return v;
}

type Loaded = { manifest: Manifest; data: Partial<DatasetData> };

/** Reads and shape-checks the files a job needs; a missing optional file (land) is left out. */
function loadData(dir: string, need: DatasetFileKey[], optional: DatasetFileKey[] = []): Loaded {
  const manifestPath = path.join(dir, MANIFEST_PATH);
  if (!existsSync(manifestPath))
    throw new Error(`no ${MANIFEST_PATH} in ${dir}: run \`npm run refresh\` or pass --data <dir>`);
  const manifest = readJson(manifestPath);
  const problem = checkManifest(manifest, DATASET_SCHEMA_VERSION);
  if (problem) throw new Error(`${manifestPath}: ${problem}`);
  const m = manifest as Manifest;
  const data: Record<string, unknown> = {};
  for (const key of [...need, ...optional]) {
    if (key === 'defects') {
      data.defects = readDefectColumns(dir);
      continue;
    }
    const file = path.join(dir, m.files[key]?.path ?? DATASET_PATHS[key]);
    if (!existsSync(file)) {
      if (optional.includes(key)) continue;
      throw new Error(`${file} is missing`);
    }
    const value = readJson(file);
    const bad = SHAPE_CHECKS[key](value);
    if (bad) throw new Error(`${file}: ${bad}`);
    data[key] = value;
  }
  return { manifest: m, data: data as Partial<DatasetData> };
}

/**
 * The histories of a refreshed data set through the browser's reader (hash-checked); null, with a note, when the
 * manifest lists none (the report then works from the defect columns and says so). A broken file stops the export.
 */
async function readHistories(dir: string, manifest: Manifest, count: number) {
  const entry = manifest.files.defectHistory;
  if (!entry) {
    console.warn(`note: ${MANIFEST_PATH} lists no ${DATASET_PATHS.defectHistory}: run \`npm run refresh\``);
    return null;
  }
  const result = await loadHistories(dir, fileFetch, entry, count);
  if (!result.ok) throw new Error(`${path.join(dir, result.error.file)}: ${result.error.message}`);
  return result.histories;
}

/** An office's data folder (what the refresh reads), not a refreshed data set. */
function isOfficeFolder(dir: string): boolean {
  return existsSync(path.join(dir, 'campaign.json')) && !existsSync(path.join(dir, MANIFEST_PATH));
}

/** Throws unless `served` holds the district of the data folder `dataDir` (so DATA_DIR picks what is exported). */
function checkDistrict(served: string, dataDir: string): void {
  const folder = readDataFolder(dataDir);
  if (!folder.ok) throw new Error(folder.message);
  if (!folder.district) throw new Error(`${dataDir}/campaign.json has no valid district; pass --data <dir>`);
  const wanted = { district: folder.district, dataDir: folderLabel(dataDir) };
  const mismatch = servedMismatch(served, readServedOrigin(served), wanted, 'npm run refresh');
  if (mismatch) throw new Error(mismatch);
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`);
  }
}

/** Run one export job; returns the file (not yet written) and a one-line summary. */
export async function run(args: Args, now: Date): Promise<{ file: ExportFile; summary: string }> {
  const { job } = args;
  if (args.dataDir !== undefined) checkDistrict(args.data, args.dataDir);
  if (job.kind === 'zones') {
    const { manifest, data } = loadData(args.data, ['campaign', ...OBJECT_DATA_KEYS, 'defects'], ['land']);
    const d = data as DatasetData;
    const input: EngineInput = {
      campaign: d.campaign,
      ...objectLayersOf(d, { type: 'FeatureCollection', features: [] }),
      land: data.land ?? null,
      defects: d.defects,
    };
    const radii = readOverrides(job.radius ?? '', d.campaign);
    if (radii.dropped.length) throw new Error(`--radius: ${radii.dropped.map((x) => x.message).join('; ')}`);
    const engine = computeEngine(input, {
      radiusOverrides: radii.overrides,
      ...(args.asOf ? { asOfDate: args.asOf } : {}),
    });
    const ctx = exportContext(d, manifest, engine, now);
    const file = await exportZoneList(ctx, job.selection, job.format, { lang: args.lang });
    return { file, summary: `${file.rowCount} row(s)` };
  }
  if (job.kind === 'weekly') {
    const { manifest, data } = loadData(args.data, ['campaign', 'defects']);
    const d = data as DatasetData;
    const histories = await readHistories(args.data, manifest, d.defects.count);
    const report = buildWeeklyReport({
      campaign: d.campaign,
      defects: d.defects,
      histories,
      cutoffDate: job.cutoff,
      asOfDate: manifest.asOfDate,
    });
    const file = await exportWeeklyReport(
      report,
      d.campaign,
      {},
      { asOfDate: manifest.asOfDate, sample: manifest.sample, generatedAt: now },
      args.lang,
    );
    for (const w of report.warnings) console.warn(`note: ${w.en}`);
    return {
      file,
      summary: `${report.rows.length} unit/project row(s), week ${report.week.startDate} … ${report.week.endDate}`,
    };
  }
  const { manifest, data } = loadData(args.data, ['campaign', 'declarations']);
  const d = data as DatasetData;
  const meta = { asOfDate: manifest.asOfDate, sample: manifest.sample, generatedAt: now };
  const file = await exportDeclarations(d.declarations, d.campaign, meta, args.lang, args.asOf ?? manifest.asOfDate);
  return { file, summary: `${d.declarations.length} entr(ies)` };
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseCliArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    if (e.message) console.error(`error: ${e.message}`);
    console.error(USAGE);
    return e.message ? 2 : 0;
  }
  try {
    const { file, summary } = await run(args, new Date());
    mkdirSync(path.dirname(path.resolve(args.out)), { recursive: true });
    writeFileSync(args.out, file.bytes);
    console.log(`wrote ${args.out} (${summary}, ${file.bytes.byteLength} bytes)`);
    return 0;
  } catch (e) {
    console.error(`error: ${(e as Error).message}`);
    return 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then((code) => process.exit(code));
}
