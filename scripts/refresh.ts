/**
 * `npm run refresh`: the one door through which data enters the product. Reads data/campaign.json and every
 * source listed in data/sources.json, validates and converts them (src/ingest), builds public/data
 * (src/dataset) and swaps it into place all at once (scripts/lib/atomic-dir.ts).
 *
 * Usage: tsx scripts/refresh.ts [--data <dir>] [--out <dir>] [--check] [--lenient] [--osm-streets [--overpass-url <url>]]
 *   --data          source directory (default: data)
 *   --out           output directory (default: public/data)
 *   --check         validate only, write nothing
 *   --lenient       skip bad rows and write problems.txt beside the data files instead of failing
 *   --osm-streets   first re-download the cache of each source with format "overpass" (e.g. osm/streets.overpass.json)
 *                   from --overpass-url, else $OVERPASS_URL, else the public overpass-api.de interpreter
 * Exit 0 on success, 1 on invalid input (every problem printed as `file:row-or-feature: field: message`),
 * 2 on a usage error.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { campaignProblems } from '../src/campaign/parse';
import type { Campaign } from '../src/campaign/types';
import { buildDataset } from '../src/dataset/write';
import { MANIFEST_PATH } from '../src/dataset/paths';
import { ingestSources, type SourceInput } from '../src/ingest/ingest';
import { fileProblem, formatProblem } from '../src/ingest/problems';
import { parseSources } from '../src/ingest/sources';
import type { Problem } from '../src/ingest/types';
import { recoverDir, replaceDir, type OutFile, type PausePoint } from './lib/atomic-dir';
import { DEFAULT_OVERPASS_URL, updateOverpassCache } from './lib/overpass';

export const PROBLEMS_REPORT = 'problems.txt';

interface Options {
  data: string;
  out: string;
  check: boolean;
  lenient: boolean;
  /** Re-download the Overpass caches first. */
  osmStreets?: boolean;
  overpassUrl?: string;
  overpassTimeoutMs?: number;
}

export async function refresh(options: Options, log: (line: string) => void = console.log): Promise<number> {
  const started = performance.now();
  const problems: Problem[] = [];
  for (const line of recoverDir(options.out)) log(`refresh: ${line}`);

  const campaignJson = readJson(join(options.data, 'campaign.json'), 'campaign.json', problems);
  const campaignIssues = campaignJson === undefined ? [] : campaignProblems(campaignJson);
  problems.push(...campaignIssues);
  const sourcesJson = readJson(join(options.data, 'sources.json'), 'sources.json', problems);
  if (campaignJson === undefined || campaignIssues.length > 0 || sourcesJson === undefined) return fail(problems, log);
  const campaign = campaignJson as Campaign;
  const { sources, problems: sourceProblems, limits } = parseSources(sourcesJson);
  problems.push(...sourceProblems);

  if (options.osmStreets) {
    const caches = sources.filter((s) => s.format === 'overpass');
    if (caches.length === 0) {
      log(
        'refresh: --osm-streets: sources.json lists no source with "format": "overpass"; add one, e.g. { "id": "osm-streets", "path": "osm/streets.overpass.json", "kind": "street", "format": "overpass", "crs": "wgs84" }',
      );
      return 1;
    }
    for (const spec of caches) {
      const url = options.overpassUrl ?? DEFAULT_OVERPASS_URL;
      log(`refresh: asking ${url} for the streets in [${campaign.district.bbox.join(', ')}]…`);
      const r = await updateOverpassCache({
        url,
        bbox: campaign.district.bbox,
        cachePath: join(options.data, spec.path),
        timeoutMs: options.overpassTimeoutMs,
      });
      if (!r.ok) {
        log(`refresh: ${r.message}`);
        return 1;
      }
      log(`refresh: cached ${r.elements} OSM elements (${kb(r.bytes)}) in ${spec.path}`);
    }
  }

  const inputs: SourceInput[] = [];
  for (const spec of sources) {
    const path = join(options.data, spec.path);
    const hint = spec.format === 'overpass' ? '; run npm run refresh -- --osm-streets once with network access' : '';
    if (!existsSync(path))
      problems.push(fileProblem(spec.path, 'path', `file not found (listed in sources.json as '${spec.id}')${hint}`));
    else inputs.push({ spec, bytes: new Uint8Array(readFileSync(path)) });
  }
  const result = await ingestSources(inputs, campaign, { limits });
  problems.push(...result.problems);
  for (const p of problems) log(formatProblem(p));
  for (const s of result.stats) {
    if (s.kept < s.records) log(`refresh: ${s.path}: kept ${s.kept} of ${s.records} records`);
  }
  if (problems.length > 0 && !options.lenient) {
    log(
      `refresh: ${problems.length} problem(s); ${options.check ? 'check failed' : `nothing written, ${options.out} is unchanged`}`,
    );
    return 1;
  }
  let built;
  try {
    built = buildDataset(result.data, campaign, { generatedAt: new Date().toISOString() });
  } catch (e) {
    log(`refresh: ${(e as Error).message}`);
    return 1;
  }
  if (options.check) {
    log(`refresh: check passed (${problems.length} problem(s) tolerated by --lenient), nothing written`);
    return 0;
  }
  const files: OutFile[] = [...built.files, { path: MANIFEST_PATH, content: built.manifestContent }];
  if (options.lenient && problems.length > 0)
    files.push({ path: PROBLEMS_REPORT, content: problems.map((p) => `${formatProblem(p)}\n`).join('') });
  await replaceDir(options.out, files, pausePoint());

  const totalBytes = Object.values(built.manifest.files).reduce((sum, f) => sum + f.bytes, 0);
  for (const f of Object.values(built.manifest.files))
    log(`  ${f.path.padEnd(22)} ${String(f.count).padStart(6)}  ${kb(f.bytes)}`);
  log(
    `refresh: wrote ${files.length} files (${kb(totalBytes)}) to ${relative(process.cwd(), options.out) || '.'} in ${Math.round(performance.now() - started)} ms${problems.length > 0 ? `; ${problems.length} problem(s) in ${PROBLEMS_REPORT}` : ''}`,
  );
  return 0;
}

function fail(problems: Problem[], log: (line: string) => void): number {
  for (const p of problems) log(formatProblem(p));
  log(`refresh: ${problems.length} problem(s); nothing written`);
  return 1;
}

function readJson(path: string, name: string, problems: Problem[]): unknown {
  if (!existsSync(path)) {
    problems.push(fileProblem(name, 'path', `file not found: ${path}`));
    return undefined;
  }
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
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

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        data: { type: 'string', default: 'data' },
        out: { type: 'string', default: 'public/data' },
        check: { type: 'boolean', default: false },
        lenient: { type: 'boolean', default: false },
        'osm-streets': { type: 'boolean', default: false },
        'overpass-url': { type: 'string' },
      },
      strict: true,
    }));
  } catch (e) {
    console.error(
      `refresh: ${(e as Error).message}\nusage: npm run refresh -- [--data <dir>] [--out <dir>] [--check] [--lenient] [--osm-streets [--overpass-url <url>]]`,
    );
    return 2;
  }
  return refresh({
    data: resolve(values.data),
    out: resolve(values.out),
    check: values.check,
    lenient: values.lenient,
    osmStreets: values['osm-streets'],
    overpassUrl: values['overpass-url'] ?? process.env.OVERPASS_URL,
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : err);
      process.exit(1);
    },
  );
}
