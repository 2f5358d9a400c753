/**
 * One refresh at a time per output folder: a lock file beside it (`.refresh-lock-<dir>` in the same parent) holds
 * the pid of the refresh that writes it. It is created whole with link(2), which fails if it exists, so a second
 * refresh sees either no lock or a complete one. A lock whose pid is no longer running (a killed refresh) is
 * stale and taken over: it is renamed aside first (only one refresh can win that rename) and checked to be the
 * same file that was found stale, so two refreshes taking over at once cannot both win.
 */
import {
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { errorCode, fsFault, RefreshFault } from './fault';
import { isRunning } from './atomic-dir';

export const LOCK_PREFIX = '.refresh-lock-';

export interface Lock {
  path: string;
  /** Removes the lock if it is still this process's own. */
  release(): void;
}

/** The lock file of an output folder. */
export function lockPath(dir: string): string {
  return join(dirname(dir), `${LOCK_PREFIX}${basename(dir)}`);
}

/**
 * Takes the lock of `dir` (creating its parent folder if needed) or throws a RefreshFault naming the pid that
 * holds it.
 *
 * @example const lock = acquireLock('/srv/zonemap/dist/data'); try { … } finally { lock.release(); }
 */
export function acquireLock(dir: string): Lock {
  const path = lockPath(dir);
  try {
    mkdirSync(dirname(dir), { recursive: true });
  } catch (e) {
    if (errorCode(e) === 'EEXIST')
      throw new RefreshFault(`cannot write ${dirname(dir)}: it is a file, not a folder (EEXIST)`);
    throw fsFault(e, dirname(dir));
  }
  const mine = `${path}.${process.pid}`;
  const content = `${JSON.stringify({ pid: process.pid, host: hostname(), startedAt: new Date().toISOString() })}\n`;
  try {
    writeFileSync(mine, content);
  } catch (e) {
    try {
      unlinkSync(mine);
    } catch {
      // Nothing was created.
    }
    throw fsFault(e, dirname(dir));
  }
  try {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        linkSync(mine, path);
        removeLeftovers(path);
        return { path, release: () => release(path, content) };
      } catch (e) {
        if (errorCode(e) !== 'EEXIST') throw fsFault(e, dirname(dir));
      }
      const holder = readHolder(path);
      if (holder === null) continue; // Released between our link and our read: try again.
      if (holder.pid !== undefined && holder.pid !== process.pid && holds(holder.pid, holder.startedAt))
        throw new RefreshFault(
          `${dir} is being refreshed by another refresh (pid ${holder.pid}, started ${holder.startedAt ?? 'at an unknown time'}); wait for it to finish (if none is running, delete the lock file ${path})`,
        );
      takeOver(path, holder.ino);
    }
    throw new RefreshFault(`could not take the lock ${path}: other refreshes keep taking it; try again`);
  } finally {
    try {
      unlinkSync(mine);
    } catch {
      // Already gone; the lock itself is a second link to the same file.
    }
  }
}

function readHolder(path: string): { pid?: number; startedAt?: string; ino: number } | null {
  try {
    const ino = lstatSync(path).ino;
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { pid?: unknown; startedAt?: unknown };
    return {
      pid: Number.isSafeInteger(parsed.pid) ? (parsed.pid as number) : undefined,
      startedAt: typeof parsed.startedAt === 'string' ? parsed.startedAt : undefined,
      ino,
    };
  } catch (e) {
    if (errorCode(e) === 'ENOENT') return null;
    // Not our format (garbage, empty): treated as stale, like a lock of a dead pid.
    return { ino: safeIno(path) };
  }
}

/**
 * Whether `pid` may still be the refresh that wrote a lock at `startedAt`: it runs, and (where /proc tells) it
 * did not start after the lock was written, which would make it another program that reused the pid (common after
 * a container restart, where pids start again from 1).
 */
function holds(pid: number, startedAt: string | undefined): boolean {
  if (!isRunning(pid)) return false;
  const lockedMs = startedAt === undefined ? NaN : Date.parse(startedAt);
  const processMs = processStartMs(pid);
  return Number.isNaN(lockedMs) || processMs === null || processMs <= lockedMs + 2000;
}

/** When `pid` started (Linux /proc: boot time + start ticks at the usual 100 Hz), or null where unknown. */
function processStartMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may itself hold spaces.
    const startTicks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    const bootSec = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    return Number.isFinite(startTicks) && Number.isFinite(bootSec) ? bootSec * 1000 + startTicks * 10 : null;
  } catch {
    return null;
  }
}

/** Moves a stale lock aside; if what was moved is not the stale file (someone else's fresh lock), puts it back. */
function takeOver(path: string, staleIno: number): void {
  const aside = `${path}.stale.${process.pid}`;
  try {
    renameSync(path, aside);
  } catch (e) {
    if (errorCode(e) === 'ENOENT') return; // Another refresh took it over first.
    throw fsFault(e, dirname(path));
  }
  if (safeIno(aside) !== staleIno) {
    try {
      linkSync(aside, path);
    } catch {
      // A third refresh holds the lock now; the one whose lock we moved sees it is gone when it releases.
    }
  }
  try {
    unlinkSync(aside);
  } catch {
    // Tidying only: removeLeftovers clears it once this process has ended.
  }
}

/** Removes `<lock>.<pid>` and `<lock>.stale.<pid>` files a refresh killed while locking left behind. */
function removeLeftovers(path: string): void {
  const prefix = `${basename(path)}.`;
  try {
    for (const name of readdirSync(dirname(path))) {
      if (!name.startsWith(prefix)) continue;
      const pid = Number(name.split('.').pop());
      if (Number.isInteger(pid) && pid !== process.pid && !isRunning(pid)) unlinkSync(join(dirname(path), name));
    }
  } catch {
    // Tidying only; the next refresh tries again.
  }
}

function release(path: string, content: string): void {
  try {
    if (readFileSync(path, 'utf8') === content) unlinkSync(path);
  } catch {
    // Gone already (taken over as stale by mistake, or removed by hand): nothing to release.
  }
}

function safeIno(path: string): number {
  try {
    return lstatSync(path).ino;
  } catch {
    return -1;
  }
}
