/**
 * Replaces a directory's contents so that a reader never sees a half-written set: everything is written and
 * fsynced into a temp directory next to the target, then swapped in with two renames. If the process dies at any
 * point, the previous directory is either still in place or parked beside it, and `recoverDir` (run at the start
 * of the next refresh, under its lock) puts it back. If a write fails (disk full, read-only), the temp directory
 * is removed, the previous directory stays (or is put back) and a RefreshFault names the folder and the cause.
 * Temp names start with `.refresh-tmp` (ignored by git). Callers hold the lock of scripts/lib/lock.ts.
 */
import * as nodeFs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fsFault } from './fault';

export interface OutFile {
  path: string;
  content: string | Uint8Array;
}

/** Test hook: `REFRESH_TEST_PAUSE=mid-write|mid-swap` stops there until the process is killed. */
export type PausePoint = 'mid-write' | 'mid-swap';

/** The fs calls this module makes; tests pass a wrapper that fails with ENOSPC, EROFS … on cue. */
export type DirFs = Pick<
  typeof nodeFs,
  | 'closeSync'
  | 'existsSync'
  | 'fsyncSync'
  | 'mkdirSync'
  | 'openSync'
  | 'readdirSync'
  | 'renameSync'
  | 'rmSync'
  | 'writeSync'
>;

export interface ReplaceOptions {
  pauseAt?: PausePoint | null;
  fs?: DirFs;
}

export const TEMP_PREFIX = '.refresh-tmp-';
const parked = (dir: string) => join(dirname(dir), `${TEMP_PREFIX}${basename(dir)}.old`);
const tempPrefix = (dir: string) => `${TEMP_PREFIX}${basename(dir)}.`;

/**
 * Puts back a directory a killed refresh left parked, and removes temp directories of refreshes that are no
 * longer running. Returns what it did, for the log.
 */
export function recoverDir(dir: string, fs: DirFs = nodeFs): string[] {
  try {
    return recover(dir, fs);
  } catch (e) {
    throw fsFault(e, dirname(dir));
  }
}

function recover(dir: string, fs: DirFs): string[] {
  const done: string[] = [];
  const old = parked(dir);
  if (fs.existsSync(old)) {
    if (fs.existsSync(dir)) fs.rmSync(old, { recursive: true, force: true });
    else {
      fs.renameSync(old, dir);
      done.push(`restored ${dir} from an interrupted refresh`);
    }
  }
  const parent = dirname(dir);
  if (!fs.existsSync(parent)) return done;
  for (const name of fs.readdirSync(parent)) {
    if (!name.startsWith(tempPrefix(dir)) || name.endsWith('.old')) continue;
    const pid = Number(name.slice(tempPrefix(dir).length));
    if (Number.isInteger(pid) && pid !== process.pid && isRunning(pid)) continue;
    fs.rmSync(join(parent, name), { recursive: true, force: true });
    done.push(`removed ${name} left by an interrupted refresh`);
  }
  return done;
}

/** Writes `files` as the new contents of `dir`, all or nothing. */
export async function replaceDir(dir: string, files: OutFile[], options: ReplaceOptions = {}): Promise<void> {
  const { pauseAt = null, fs = nodeFs } = options;
  const parent = dirname(dir);
  try {
    fs.mkdirSync(parent, { recursive: true });
  } catch (e) {
    throw fsFault(e, parent);
  }
  const temp = join(parent, `${tempPrefix(dir)}${process.pid}`);
  const old = parked(dir);
  let parkedOld = false;
  try {
    fs.rmSync(temp, { recursive: true, force: true });
    fs.mkdirSync(temp);
    for (const [i, file] of files.entries()) {
      if (pauseAt === 'mid-write' && i === Math.floor(files.length / 2)) await pause(pauseAt);
      const target = join(temp, file.path);
      fs.mkdirSync(dirname(target), { recursive: true });
      writeSynced(fs, target, file.content);
    }
    fsyncPath(fs, temp);
    fs.rmSync(old, { recursive: true, force: true });
    if (fs.existsSync(dir)) {
      fs.renameSync(dir, old);
      parkedOld = true;
    }
    if (pauseAt === 'mid-swap') await pause(pauseAt);
    fs.renameSync(temp, dir);
    parkedOld = false;
  } catch (e) {
    // Best effort: the fault itself (a full or read-only disk) may also stop the clean-up; recoverDir finishes it.
    if (parkedOld) attempt(() => fs.renameSync(old, dir));
    attempt(() => fs.rmSync(temp, { recursive: true, force: true }));
    throw fsFault(e, dir);
  }
  // The new set is in place: a failure from here on only leaves the parked copy, which recoverDir removes.
  attempt(() => fsyncPath(fs, parent));
  attempt(() => fs.rmSync(old, { recursive: true, force: true }));
}

function writeSynced(fs: DirFs, path: string, content: string | Uint8Array): void {
  const fd = fs.openSync(path, 'w');
  try {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    let offset = 0;
    while (offset < bytes.length) offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function fsyncPath(fs: DirFs, path: string): void {
  const fd = fs.openSync(path, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function attempt(step: () => void): void {
  try {
    step();
  } catch {
    // Reported by the caller's original error; see replaceDir.
  }
}

/** Whether a process with this id exists (EPERM: it exists but belongs to another user). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
}

function pause(point: PausePoint): Promise<never> {
  process.stderr.write(`refresh: paused at ${point} (REFRESH_TEST_PAUSE)\n`);
  return new Promise(() => setInterval(() => undefined, 1 << 30));
}
