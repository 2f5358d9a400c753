/**
 * What the refresh may replace. It swaps a whole folder, so it only ever replaces a folder that is missing, empty,
 * or one it wrote before. A folder is the refresh's own when it holds a `manifest.json` the refresh wrote (an
 * object with a whole-number `schemaVersion` and a `files` map) and nothing but regular files the refresh writes:
 * the manifest, the data set's files (src/dataset/paths.ts), the files the manifest lists, and `problems.txt`
 * (where older versions put the --lenient report; the next write drops it). Anything else (a
 * sub-folder, an index.html, a note someone left) means it is not, and the refresh refuses with one line.
 * The source folder and the output must not contain each other either.
 */
import { closeSync, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, constants } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { isDetailsChunkPath } from '../../src/dataset/details';
import { DATASET_PATHS, MANIFEST_PATH } from '../../src/dataset/paths';
import { errorCode, fsFault } from './fault';

/** The report name earlier versions wrote inside the output; a folder holding it is still the refresh's own. */
export const LEGACY_REPORT = 'problems.txt';
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
const LISTED = 5;

/** Whether `inner` is `outer` or inside it (both absolute, symbolic links resolved where the path exists). */
export function isWithin(inner: string, outer: string): boolean {
  const rel = relative(realish(outer), realish(inner));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Why `--data` and `--out` cannot be used together (one contains the other), or null.
 *
 * @example overlapRefusal('/w/data', '/w/data/out') // --out /w/data/out is inside the data folder /w/data; …
 */
export function overlapRefusal(data: string, out: string): string | null {
  if (realish(data) === realish(out))
    return `--out ${out} is the data folder itself; the refresh replaces its output folder whole, so write it elsewhere (default public/data)`;
  if (isWithin(out, data))
    return `--out ${out} is inside the data folder ${data}; the refresh replaces its output folder whole, so write it outside the sources`;
  if (isWithin(data, out))
    return `--data ${data} is inside --out ${out}; replacing ${out} would delete the sources, so write the output elsewhere`;
  return null;
}

/** Why the refresh must not replace `dir`, or null when it may (missing, empty, or its own; see above). */
export function ownershipRefusal(dir: string): string | null {
  let stat;
  try {
    stat = lstatSync(dir);
  } catch (e) {
    if (errorCode(e) === 'ENOENT') return null;
    throw fsFault(e, dir, 'read');
  }
  const refuse = (what: string) =>
    `refusing to replace ${dir}: ${what}; the refresh only writes into a missing or empty folder or one it wrote before (with its manifest.json); choose another --out or empty it`;
  if (stat.isSymbolicLink()) return refuse(`it is a symbolic link (to ${safeRealpath(dir)}); give the real folder`);
  if (!stat.isDirectory()) return refuse('it is a file, not a folder');
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    throw fsFault(e, dir, 'read');
  }
  if (entries.length === 0) return null;
  const label = (e: (typeof entries)[number]) => (e.isDirectory() ? `${e.name}/` : e.name);
  const names = entries.map(label).sort();
  const listed = (list: string[]) =>
    `${list.slice(0, LISTED).join(', ')}${list.length > LISTED ? `, … (${list.length} entries)` : ''}`;
  const manifestFiles = readManifestFiles(join(dir, MANIFEST_PATH));
  if (manifestFiles === null) return refuse(`it has no manifest.json from a refresh and holds ${listed(names)}`);
  const own = new Set([MANIFEST_PATH, LEGACY_REPORT, ...Object.values(DATASET_PATHS), ...manifestFiles]);
  // Details chunks are listed in the details index, not the manifest (src/dataset/details.ts).
  const foreign = entries.filter((e) => !e.isFile() || !(own.has(e.name) || isDetailsChunkPath(e.name))).map(label);
  return foreign.length === 0 ? null : refuse(`besides the refresh's files it holds ${listed(foreign.sort())}`);
}

/** The file names a refresh manifest lists, or null when the file is missing or not a refresh manifest. */
function readManifestFiles(path: string): string[] | null {
  let text: string;
  try {
    const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    try {
      const stat = fstatSync(fd);
      if (!stat.isFile() || stat.size > MAX_MANIFEST_BYTES) return null;
      const bytes = Buffer.alloc(stat.size);
      let offset = 0;
      while (offset < bytes.length) {
        const n = readSync(fd, bytes, offset, bytes.length - offset, offset);
        if (n === 0) break;
        offset += n;
      }
      text = bytes.subarray(0, offset).toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
  try {
    const m = JSON.parse(text) as { schemaVersion?: unknown; files?: unknown };
    if (!Number.isSafeInteger(m.schemaVersion) || !m.files || typeof m.files !== 'object') return null;
    return Object.values(m.files as Record<string, { path?: unknown }>)
      .map((f) => f?.path)
      .filter((p): p is string => typeof p === 'string' && p !== '' && !/[\\/]/.test(p));
  } catch {
    return null;
  }
}

/** `path` with symbolic links resolved as far as it exists (the rest appended), so `a/../b` and links compare. */
function realish(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(realish(parent), basename(path));
  }
}

function safeRealpath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return 'a missing target';
  }
}
