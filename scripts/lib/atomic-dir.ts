/**
 * Replaces a directory's contents so that a reader never sees a half-written set: everything is written and
 * fsynced into a temp directory next to the target, then swapped in with two renames. If the process dies at any
 * point, the previous directory is either still in place or parked beside it, and `recoverDir` (run at the start
 * of the next refresh) puts it back. Temp names start with `.refresh-tmp` (ignored by git).
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface OutFile {
  path: string;
  content: string | Uint8Array;
}

/** Test hook: `REFRESH_TEST_PAUSE=mid-write|mid-swap` stops there until the process is killed. */
export type PausePoint = 'mid-write' | 'mid-swap';

const parked = (dir: string) => join(dirname(dir), `.refresh-tmp-${basename(dir)}.old`);
const tempPrefix = (dir: string) => `.refresh-tmp-${basename(dir)}.`;

/**
 * Puts back a directory a killed refresh left parked, and removes temp directories of refreshes that are no
 * longer running. Returns what it did, for the log.
 */
export function recoverDir(dir: string): string[] {
  const done: string[] = [];
  const old = parked(dir);
  if (existsSync(old)) {
    if (existsSync(dir)) rmSync(old, { recursive: true, force: true });
    else {
      renameSync(old, dir);
      done.push(`restored ${dir} from an interrupted refresh`);
    }
  }
  const parent = dirname(dir);
  if (!existsSync(parent)) return done;
  for (const name of readdirSync(parent)) {
    if (!name.startsWith(tempPrefix(dir)) || name.endsWith('.old')) continue;
    const pid = Number(name.slice(tempPrefix(dir).length));
    if (Number.isInteger(pid) && pid !== process.pid && isRunning(pid)) continue;
    rmSync(join(parent, name), { recursive: true, force: true });
    done.push(`removed ${name} left by an interrupted refresh`);
  }
  return done;
}

/** Writes `files` as the new contents of `dir`, all or nothing. */
export async function replaceDir(dir: string, files: OutFile[], pauseAt: PausePoint | null = null): Promise<void> {
  const parent = dirname(dir);
  mkdirSync(parent, { recursive: true });
  const temp = join(parent, `${tempPrefix(dir)}${process.pid}`);
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp);
  for (const [i, file] of files.entries()) {
    if (pauseAt === 'mid-write' && i === Math.floor(files.length / 2)) await pause(pauseAt);
    const target = join(temp, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeSynced(target, file.content);
  }
  fsyncPath(temp);
  const old = parked(dir);
  rmSync(old, { recursive: true, force: true });
  const hadOld = existsSync(dir);
  if (hadOld) renameSync(dir, old);
  if (pauseAt === 'mid-swap') await pause(pauseAt);
  renameSync(temp, dir);
  fsyncPath(parent);
  if (hadOld) rmSync(old, { recursive: true, force: true });
}

function writeSynced(path: string, content: string | Uint8Array): void {
  const fd = openSync(path, 'w');
  try {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function pause(point: PausePoint): Promise<never> {
  process.stderr.write(`refresh: paused at ${point} (REFRESH_TEST_PAUSE)\n`);
  return new Promise(() => setInterval(() => undefined, 1 << 30));
}
