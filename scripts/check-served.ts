/**
 * Run before `npm run dev` and `npm run preview`, which serve data without refreshing it: prints the data folder
 * banner and stops (exit 1, one line) unless the folder they serve holds the district of DATA_DIR's data folder.
 *
 * Usage: tsx scripts/check-served.ts dev|preview
 *   dev      serves public/data, written by `npm run refresh`
 *   preview  serves <BUILD_OUT_DIR, else dist>/data, written by `npm run build`
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isDistrictsPointer } from '../src/dataset/districts';
import { MANIFEST_PATH } from '../src/dataset/paths';
import { pathToFileURL } from 'node:url';
import {
  dataDirBanner,
  dataDirFromEnv,
  folderLabel,
  readDataFolder,
  readServedOrigin,
  servedMismatch,
} from './lib/data-dir';

/** The folder each command serves and the npm script that writes it. */
const SERVED = {
  dev: { dir: () => 'public/data', writer: 'npm run refresh' },
  preview: { dir: (env: NodeJS.ProcessEnv) => join(env.BUILD_OUT_DIR || 'dist', 'data'), writer: 'npm run build' },
} as const;

/** Prints the banner and checks the served folder; returns the exit code. */
export function checkServed(
  command: keyof typeof SERVED,
  env: NodeJS.ProcessEnv = process.env,
  log: (line: string) => void = console.log,
): number {
  const data = resolve(dataDirFromEnv(env));
  const folder = readDataFolder(data);
  if (!folder.ok) {
    log(`${command}: ${folder.message}`);
    return 1;
  }
  const dataDir = folderLabel(data);
  log(dataDirBanner(dataDir, folder.district));
  if (!folder.district) {
    log(`${command}: ${dataDir}/campaign.json has no valid district; run npm run refresh to see what is wrong`);
    return 1;
  }
  const served = resolve(SERVED[command].dir(env));
  if (servesDistricts(served)) {
    log(`${command}: ${folderLabel(served)} is a site of several districts (districts.json, npm run refresh-all)`);
    return 0;
  }
  const mismatch = servedMismatch(
    folderLabel(served),
    readServedOrigin(served),
    { district: folder.district, dataDir },
    SERVED[command].writer,
  );
  if (mismatch) {
    log(`${command}: ${mismatch}`);
    return 1;
  }
  return 0;
}

/** A folder refresh-all wrote: its manifest.json points at districts.json, and each district is in its folder. */
function servesDistricts(dir: string): boolean {
  try {
    return isDistrictsPointer(JSON.parse(readFileSync(join(dir, MANIFEST_PATH), 'utf8')));
  } catch {
    return false;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const command = process.argv[2];
  if (command !== 'dev' && command !== 'preview') {
    console.error('usage: tsx scripts/check-served.ts dev|preview');
    process.exit(2);
  }
  process.exit(checkServed(command));
}
