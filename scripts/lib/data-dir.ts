/**
 * The one data folder setting (issue #12): `DATA_DIR` (default `data`, the bundled Dinghai sample) names the
 * office's data folder for every command. Each command says which folder and district it works on
 * (`数据目录: data, 区县: 定海区 (330902)`), and a command that finds another district's data already in the output
 * stops with one line instead of silently switching: the refresh records the district and the data folder in the
 * manifest it writes, and this module compares them.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATASET_PATHS, MANIFEST_PATH } from '../../src/dataset/paths';
import type { ManifestDistrict } from '../../src/dataset/types';
import { DEFAULT_LIMITS } from '../../src/ingest/limits';
import { readDataFile } from './read-file';

/** The folder every command uses when DATA_DIR is not set. */
export const DEFAULT_DATA_DIR = 'data';

const CAMPAIGN_FILE = 'campaign.json';

/** The project folder (where package.json is); data folder labels are relative to it. */
export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where the data came from: the district, and the data folder when known. */
export interface DataOrigin {
  district: ManifestDistrict;
  /** As recorded in the manifest (see `folderLabel`); unknown for data refreshed before issue #12. */
  dataDir?: string;
}

/** The data folder from the environment: DATA_DIR, else `data`. */
export function dataDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATA_DIR || DEFAULT_DATA_DIR;
}

/**
 * How a folder is named in the manifest and in messages: relative to the project when inside it, else absolute.
 *
 * @example folderLabel('/srv/app/data-daishan') // 'data-daishan' when the project is /srv/app
 */
export function folderLabel(dir: string, root: string = PROJECT_ROOT): string {
  const abs = resolve(dir);
  const rel = relative(root, abs);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? abs : rel;
}

/**
 * The district a data folder's campaign.json declares. A missing folder or campaign.json is a one-line message;
 * a campaign.json the refresh would reject gives `district: null` (the refresh then says exactly what is wrong).
 */
export function readDataFolder(
  dir: string,
): { ok: true; district: ManifestDistrict | null } | { ok: false; message: string } {
  const label = folderLabel(dir);
  const abs = resolve(dir);
  if (!existsSync(dir))
    return { ok: false, message: `data folder ${label} not found${label === abs ? '' : ` (${abs})`}` };
  if (!isFolder(dir)) return { ok: false, message: `data folder ${label} is not a folder (or cannot be read)` };
  // Read as the refresh reads it (a plain file inside the folder, within the size limit); any other fault is
  // left for the refresh to report with its file and field.
  const read = readDataFile(dir, CAMPAIGN_FILE, DEFAULT_LIMITS.maxFileBytes, '');
  if (!read.ok && read.reason === 'missing')
    return {
      ok: false,
      message: `data folder ${label} has no ${CAMPAIGN_FILE}; is it the office's data folder (campaign.json, sources.json and the source files)?`,
    };
  return { ok: true, district: read.ok ? districtOf(parseJsonOrNull(new TextDecoder().decode(read.bytes))) : null };
}

/**
 * The line every command starts with.
 *
 * @example dataDirBanner('data', { adcode: '330902', name: '定海区' }) // '数据目录: data, 区县: 定海区 (330902)'
 */
export function dataDirBanner(label: string, district: ManifestDistrict | null): string {
  return `数据目录: ${label}, 区县: ${district ? describeDistrict(district) : '? (campaign.json has no valid district)'}`;
}

/**
 * What a refreshed folder (public/data, dist/data) holds: the manifest's district and data folder, or for a
 * manifest written before issue #12, the district of the campaign.json it lists. Null when the folder holds no
 * refreshed data (missing, empty, or no readable manifest).
 */
export function readServedOrigin(dir: string): DataOrigin | null {
  const manifest = readJsonOrNull(join(dir, MANIFEST_PATH));
  if (!isRecord(manifest)) return null;
  const fromManifest = districtOf({ district: manifest.district });
  const dataDir = typeof manifest.dataDir === 'string' ? manifest.dataDir : undefined;
  if (fromManifest) return { district: fromManifest, dataDir };
  const files = isRecord(manifest.files) ? manifest.files : {};
  const campaignFile = isRecord(files.campaign) && typeof files.campaign.path === 'string' ? files.campaign.path : '';
  const district = districtOf(readJsonOrNull(join(dir, campaignFile || DATASET_PATHS.campaign)));
  return district ? { district, dataDir } : null;
}

/**
 * The refresh's refusal to put `next` where `held` is, when they are different districts; null when the same
 * district (whatever folder it came from) or when `allowed` (--replace-district).
 *
 * @example
 * districtRefusal('public/data', held, next, false)
 * // 'public/data holds 岱山县 (330921) from data-daishan; refusing to replace it with 定海区 (330902) from data. Run
 * //  with DATA_DIR=data-daishan, or add --replace-district to switch'
 */
export function districtRefusal(outLabel: string, held: DataOrigin, next: DataOrigin, allowed: boolean): string | null {
  if (allowed || held.district.adcode === next.district.adcode) return null;
  return `${outLabel} holds ${describeOrigin(held)}; refusing to replace it with ${describeOrigin(next)}. Run with DATA_DIR=${held.dataDir ?? '<its data folder>'}, or add --replace-district to switch`;
}

/**
 * Why a command that reads `servedLabel` (dev, preview, export) must not use what it holds for `wanted`, or null.
 * `switchCommand` is the npm script that writes that folder (`npm run refresh`, `npm run build`).
 *
 * @example
 * servedMismatch('public/data', held, wanted, 'npm run refresh')
 * // 'public/data holds 岱山县 (330921) from data-daishan, not 定海区 (330902) from data. Run with
 * //  DATA_DIR=data-daishan, or switch with DATA_DIR=data REPLACE_DISTRICT=1 npm run refresh'
 */
export function servedMismatch(
  servedLabel: string,
  held: DataOrigin | null,
  wanted: DataOrigin & { dataDir: string },
  switchCommand: string,
): string | null {
  const fill = `DATA_DIR=${wanted.dataDir} ${switchCommand}`;
  if (!held) return `${servedLabel} holds no refreshed data; run ${fill} first`;
  if (held.district.adcode === wanted.district.adcode) return null;
  return `${servedLabel} holds ${describeOrigin(held)}, not ${describeOrigin(wanted)}. Run with DATA_DIR=${held.dataDir ?? '<its data folder>'}, or switch with DATA_DIR=${wanted.dataDir} REPLACE_DISTRICT=1 ${switchCommand}`;
}

function describeOrigin(o: DataOrigin): string {
  return `${describeDistrict(o.district)} from ${o.dataDir ?? 'an unrecorded data folder'}`;
}

function describeDistrict(d: ManifestDistrict): string {
  return `${d.name} (${d.adcode})`;
}

/** `{ adcode, name }` from a campaign.json-like `{ district: { adcode, zh } }` or a manifest's `{ adcode, name }`. */
function districtOf(value: unknown): ManifestDistrict | null {
  if (!isRecord(value) || !isRecord(value.district)) return null;
  const { adcode, zh, name } = value.district;
  const label = typeof name === 'string' ? name : zh;
  return typeof adcode === 'string' && adcode !== '' && typeof label === 'string' && label !== ''
    ? { adcode, name: label }
    : null;
}

function readJsonOrNull(path: string): unknown {
  try {
    return parseJsonOrNull(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

function parseJsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
