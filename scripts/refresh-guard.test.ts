/**
 * The refresh never destroys, never leaks, never hangs: in-process (fast): what the refresh refuses to
 * replace, where its report goes, which source files it refuses to read, --max-skipped, and machine faults
 * (an injected fs that fails like a full, read-only or forbidden disk; a real size-limited tmpfs where `mount`
 * works). Every case checks the exact message, the exit code and that the folders are unchanged byte for byte.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as nodeFs from 'node:fs';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { limitHint } from '../src/ingest/limits';
import type { DirFs } from './lib/atomic-dir';
import { REPORT_HEADER } from './lib/problems-report';
import { refresh } from './refresh';
import { communitiesCsv, GOOD_ROWS, snapshotTree, writeDataDir } from './refresh-test-data';

let work: string;
let data: string;
let out: string;
let report: string;
let lines: string[];

type Extra = Partial<Parameters<typeof refresh>[0]>;
const run = (extra: Extra = {}) => refresh({ data, out, check: false, lenient: false, ...extra }, (l) => lines.push(l));
const refreshLines = () => lines.filter((l) => l.startsWith('refresh: '));
const writeRows = (rows: string[]) => writeFileSync(join(data, 'communities.csv'), communitiesCsv(rows));
const setSources = (edit: (s: { sources: Record<string, unknown>[]; limits?: unknown }) => void) => {
  const sources = JSON.parse(readFileSync(join(data, 'sources.json'), 'utf8'));
  edit(sources);
  writeFileSync(join(data, 'sources.json'), JSON.stringify(sources));
};
const fsError = (code: string, syscall: string) =>
  Object.assign(new Error(`${code}: simulated, ${syscall}`), { code, syscall });

beforeEach(() => {
  lines = [];
  work = mkdtempSync(join(tmpdir(), 'refresh-guard-'));
  data = join(work, 'data');
  out = join(work, 'public', 'data');
  report = join(data, 'refresh-problems.txt');
  writeDataDir(data, { communitiesCrs: 'gcj02' });
  writeRows(GOOD_ROWS);
});

afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('never destroys: what --out may be', () => {
  test('--out equal to --data is refused (exit 2), the sources untouched', async () => {
    const before = snapshotTree(data);
    expect(await run({ out: data })).toBe(2);
    expect(lines).toEqual([
      `refresh: --out ${data} is the data folder itself; the refresh replaces its output folder whole, so write it elsewhere (default public/data)`,
    ]);
    expect(snapshotTree(data)).toEqual(before);
  });

  test('--out inside --data, and --data inside --out, are refused', async () => {
    const before = snapshotTree(work);
    expect(await run({ out: join(data, 'public') })).toBe(2);
    expect(await run({ out: work })).toBe(2);
    expect(lines).toEqual([
      `refresh: --out ${join(data, 'public')} is inside the data folder ${data}; the refresh replaces its output folder whole, so write it outside the sources`,
      `refresh: --data ${data} is inside --out ${work}; replacing ${work} would delete the sources, so write the output elsewhere`,
    ]);
    expect(snapshotTree(work)).toEqual(before);
  });

  test('the same folder through a symbolic link is recognised', async () => {
    symlinkSync(data, join(work, 'data-link'));
    expect(await run({ out: join(work, 'data-link') })).toBe(2);
    expect(lines[0]).toContain('is the data folder itself');
  });

  test('a folder the refresh did not write (a deployed app) is refused with its first entries, kept byte for byte', async () => {
    mkdirSync(join(out, 'assets'), { recursive: true });
    writeFileSync(join(out, 'index.html'), '<!doctype html>');
    writeFileSync(join(out, 'assets', 'index-abc.js'), 'app');
    for (const n of ['a', 'b', 'c', 'd']) writeFileSync(join(out, `${n}.png`), n);
    const before = snapshotTree(work);
    expect(await run()).toBe(1);
    expect(lines).toEqual([
      `refresh: refusing to replace ${out}: it has no manifest.json from a refresh and holds a.png, assets/, b.png, c.png, d.png, … (6 entries); the refresh only writes into a missing or empty folder or one it wrote before (with its manifest.json); choose another --out or empty it`,
    ]);
    expect(snapshotTree(work)).toEqual(before);
  });

  test('its own folder with a stranger in it is refused; its own folder alone is replaced', async () => {
    expect(await run()).toBe(0);
    writeFileSync(join(out, 'notes.txt'), 'keep me');
    mkdirSync(join(out, 'tiles'));
    const before = snapshotTree(work);
    lines = [];
    expect(await run()).toBe(1);
    expect(lines).toEqual([
      `refresh: refusing to replace ${out}: besides the refresh's files it holds notes.txt, tiles/; the refresh only writes into a missing or empty folder or one it wrote before (with its manifest.json); choose another --out or empty it`,
    ]);
    expect(snapshotTree(work)).toEqual(before);
    rmSync(join(out, 'notes.txt'));
    rmSync(join(out, 'tiles'), { recursive: true });
    expect(await run()).toBe(0);
  });

  test('an empty folder is written; an old folder with problems.txt inside is still its own and loses that file', async () => {
    mkdirSync(out, { recursive: true });
    expect(await run()).toBe(0);
    writeFileSync(join(out, 'problems.txt'), 'communities.csv:row 4: 经度: not a number\n');
    expect(await run()).toBe(0);
    expect(existsSync(join(out, 'problems.txt'))).toBe(false);
  });

  test('a lock held by a running refresh stops a second one; a stale lock (dead pid, reused pid) is taken over', async () => {
    mkdirSync(dirname(out), { recursive: true });
    const lock = join(dirname(out), '.refresh-lock-data');
    const sleeper: ChildProcess = spawn('sleep', ['30']);
    try {
      await new Promise((resolve) => sleeper.once('spawn', resolve));
      const startedAt = new Date(Date.now() + 1000).toISOString();
      writeFileSync(lock, JSON.stringify({ pid: sleeper.pid, startedAt }));
      expect(await run()).toBe(1);
      expect(lines).toEqual([
        `refresh: ${out} is being refreshed by another refresh (pid ${sleeper.pid}, started ${startedAt}); wait for it to finish (if none is running, delete the lock file ${lock})`,
      ]);
      expect(existsSync(out)).toBe(false);
      // The same pid, but its process started after the lock was written: another program reused the pid.
      writeFileSync(lock, JSON.stringify({ pid: sleeper.pid, startedAt: '2026-01-01T00:00:00.000Z' }));
      lines = [];
      expect(await run()).toBe(0);
    } finally {
      sleeper.kill('SIGKILL');
    }
    const dead = spawnSync('true').pid;
    writeFileSync(lock, JSON.stringify({ pid: dead, startedAt: '2026-01-01T00:00:00.000Z' }));
    lines = [];
    expect(await run()).toBe(0);
    expect(readdirSync(dirname(out))).toEqual(['data']);
  });
});

describe('the problems report goes beside the sources, never into the served folder', () => {
  test('--lenient: <data>/refresh-problems.txt, recognisable first line; a later clean run removes it', async () => {
    writeRows([...GOOD_ROWS, 'C3,南珍社区,330902002003,abc,30.02,昌国街道']);
    expect(await run({ lenient: true, maxSkippedPercent: 50 })).toBe(0);
    expect(readdirSync(out)).not.toContain('problems.txt');
    const text = readFileSync(report, 'utf8').split('\n');
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(text).toEqual([
      REPORT_HEADER,
      `# data set generated at ${manifest.generatedAt}; 1 problem(s)`,
      "communities.csv:row 4: 经度: not a number: 'abc'",
      '',
    ]);
    expect(lines.at(-1)).toMatch(new RegExp(`; 1 problem\\(s\\) in ${report}$`));
    writeRows(GOOD_ROWS);
    lines = [];
    expect(await run()).toBe(0);
    expect(lines).toContain(`refresh: removed ${report}, the report of an earlier run with problems`);
    expect(existsSync(report)).toBe(false);
  });

  test('a file at the report path that the refresh did not write is refused, not overwritten', async () => {
    writeRows([...GOOD_ROWS, 'C3,南珍社区,330902002003,abc,30.02,昌国街道']);
    const mine = join(work, 'my-notes.txt');
    writeFileSync(mine, 'my notes\n');
    expect(await run({ lenient: true, maxSkippedPercent: 50, problemsPath: mine })).toBe(1);
    expect(lines).toEqual([
      `refresh: refusing to overwrite ${mine}: it is not a problems report the refresh wrote (its first line is not "${REPORT_HEADER}"); choose another path with --problems`,
    ]);
    expect(readFileSync(mine, 'utf8')).toBe('my notes\n');
    expect(existsSync(out)).toBe(false);
  });

  test('a report that cannot be written (missing folder) stops the refresh before anything is published', async () => {
    writeRows([...GOOD_ROWS, 'C3,南珍社区,330902002003,abc,30.02,昌国街道']);
    const path = join(work, 'no-such-folder', 'report.txt');
    expect(await run({ lenient: true, maxSkippedPercent: 50, problemsPath: path })).toBe(1);
    expect(lines.at(-1)).toBe(
      `refresh: cannot write ${path}: a parent folder is missing (ENOENT); choose another path with --problems`,
    );
    expect(readdirSync(dirname(out))).toEqual([]);
  });

  test('--problems inside --out is refused (exit 2)', async () => {
    expect(await run({ lenient: true, problemsPath: join(out, 'problems.txt') })).toBe(2);
    expect(lines).toEqual([
      `refresh: --problems ${join(out, 'problems.txt')} is inside --out ${out}, which is published; write it elsewhere`,
    ]);
  });
});

describe('--lenient skips rows, not files: --max-skipped', () => {
  const ROWS = [...GOOD_ROWS, 'C3,南珍社区,330902002003,abc,30.02,昌国街道'];

  test('a file losing more than 5 % fails: nothing written, the share named', async () => {
    expect(await run()).toBe(0);
    const before = snapshotTree(dirname(out));
    writeRows(ROWS);
    lines = [];
    expect(await run({ lenient: true })).toBe(1);
    expect(refreshLines()).toEqual([
      'refresh: communities.csv: kept 2 of 3 records',
      'refresh: --lenient: communities.csv: skipped 1 of 3 rows (33.3 %, more than --max-skipped 5 %)',
      `refresh: 1 file(s) lost too many rows; nothing written, ${out} is unchanged (fix the rows, or allow more with --max-skipped <percent>); the problems are listed in ${report}`,
    ]);
    expect(snapshotTree(dirname(out))).toEqual(before);
  });

  test('--max-skipped 50 lets it through and the summary lists the loss', async () => {
    writeRows(ROWS);
    expect(await run({ lenient: true, maxSkippedPercent: 50 })).toBe(0);
    expect(refreshLines()).toContain('refresh: --lenient: communities.csv: skipped 1 of 3 rows (33.3 %)');
  });

  test('a listed file that cannot be read fails even with --max-skipped 100', async () => {
    setSources((s) => s.sources.push({ id: 'm', path: 'markets.csv', kind: 'market', format: 'csv', crs: 'wgs84' }));
    expect(await run({ lenient: true, maxSkippedPercent: 100 })).toBe(1);
    expect(refreshLines()).toContain(
      'refresh: --lenient: markets.csv could not be read; --lenient skips bad rows, not whole files',
    );
    expect(existsSync(out)).toBe(false);
  });
});

describe('only regular files inside the data folder are read', () => {
  const listAs = (path: string) =>
    setSources((s) => s.sources.push({ id: 'x', path, kind: 'market', format: 'csv', crs: 'wgs84' }));
  const problemFor = (path: string) => lines.find((l) => l.startsWith(`${path}:`));

  test('a symbolic link out of the data folder is refused; one that stays inside is read', async () => {
    writeFileSync(join(work, 'secret.csv'), 'x');
    symlinkSync(join(work, 'secret.csv'), join(data, 'out-link.csv'));
    listAs('out-link.csv');
    expect(await run()).toBe(1);
    expect(problemFor('out-link.csv')).toBe(
      `out-link.csv:file: path: is a symbolic link to ${join(work, 'secret.csv')}, outside the data folder; copy the file into it instead`,
    );
    symlinkSync('communities.csv', join(data, 'in-link.csv'));
    setSources((s) => (s.sources[1].path = 'in-link.csv'));
    setSources((s) => s.sources.pop());
    lines = [];
    expect(await run()).toBe(0);
  });

  test('--osm-streets does not write its cache through a link out of the data folder', async () => {
    mkdirSync(join(work, 'elsewhere'));
    symlinkSync(join(work, 'elsewhere'), join(data, 'osm'));
    setSources((s) =>
      s.sources.push({
        id: 'osm',
        path: 'osm/streets.overpass.json',
        kind: 'street',
        format: 'overpass',
        crs: 'wgs84',
      }),
    );
    expect(await run({ osmStreets: true, overpassUrl: 'http://127.0.0.1:9/unused' })).toBe(1);
    expect(lines).toEqual([
      'refresh: --osm-streets: osm/streets.overpass.json leads out of the data folder (a symbolic link); not writing there',
    ]);
    expect(readdirSync(join(work, 'elsewhere'))).toEqual([]);
  });

  test('a link to /dev/zero, a named pipe, a folder and a socket: one line each, no hang', async () => {
    symlinkSync('/dev/zero', join(data, 'zero.csv'));
    expect(spawnSync('mkfifo', [join(data, 'pipe.csv')]).status).toBe(0);
    mkdirSync(join(data, 'folder.csv'));
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(join(data, 'sock.csv'), resolve));
    try {
      setSources((s) =>
        ['zero.csv', 'pipe.csv', 'folder.csv', 'sock.csv', 'dangling.csv'].forEach((path, i) =>
          s.sources.push({ id: `x${i}`, path, kind: 'market', format: 'csv', crs: 'wgs84' }),
        ),
      );
      symlinkSync('nowhere.csv', join(data, 'dangling.csv'));
      expect(await run()).toBe(1);
    } finally {
      server.close();
    }
    expect(lines.filter((l) => l.includes(':file: path:'))).toEqual([
      'zero.csv:file: path: is a symbolic link to /dev/zero, outside the data folder; copy the file into it instead',
      'pipe.csv:file: path: is a named pipe (FIFO), not a regular file',
      'folder.csv:file: path: is a folder, not a regular file',
      'sock.csv:file: path: is a socket, not a regular file',
      'dangling.csv:file: path: is a symbolic link to a missing file',
    ]);
  });

  test('a character device inside the data folder is refused (skipped where mknod is not allowed)', async (ctx) => {
    if (spawnSync('mknod', [join(data, 'null.csv'), 'c', '1', '3']).status !== 0)
      return ctx.skip('mknod needs CAP_MKNOD, which this machine does not grant');
    listAs('null.csv');
    expect(await run()).toBe(1);
    expect(problemFor('null.csv')).toBe('null.csv:file: path: is a character device, not a regular file');
  });

  test('a file over maxFileBytes is refused before it is read, with the size, the limit and how to raise it', async () => {
    setSources((s) => (s.sources[1].limits = { maxFileBytes: 100 }));
    const size = readFileSync(join(data, 'communities.csv')).length;
    expect(await run()).toBe(1);
    expect(problemFor('communities.csv')).toBe(
      `communities.csv:file: size: is ${size} bytes, over the limit; ${limitHint('maxFileBytes', 100)}`,
    );
  });

  test('campaign.json and sources.json: the same checks (a FIFO, a folder, over the limit)', async () => {
    setSources((s) => (s.limits = { maxFileBytes: 1000 }));
    const size = readFileSync(join(data, 'campaign.json')).length;
    expect(await run()).toBe(1);
    expect(lines[0]).toBe(
      `campaign.json:file: size: is ${size} bytes, over the limit; ${limitHint('maxFileBytes', 1000)}`,
    );
    rmSync(join(data, 'campaign.json'));
    expect(spawnSync('mkfifo', [join(data, 'campaign.json')]).status).toBe(0);
    rmSync(join(data, 'sources.json'));
    mkdirSync(join(data, 'sources.json'));
    lines = [];
    expect(await run()).toBe(1);
    expect(lines).toEqual([
      'sources.json:file: path: is a folder, not a regular file',
      'campaign.json:file: path: is a named pipe (FIFO), not a regular file',
      `refresh: 2 problem(s); nothing written; the problems are listed in ${report}`,
    ]);
  });
});

describe('faults are one line, exit 1, previous output intact, no temp folder, no lock left', () => {
  /** A DirFs whose `call` throws `code` the `nth` time it is made for a path matching `where`. */
  function failing(call: keyof DirFs, code: string, nth = 1, where: (path: string) => boolean = () => true): DirFs {
    let seen = 0;
    const wrapped = (...args: unknown[]) => {
      if ((typeof args[0] !== 'string' || where(args[0])) && ++seen === nth) throw fsError(code, call);
      return (nodeFs[call] as (...a: unknown[]) => unknown)(...args);
    };
    return { ...nodeFs, [call]: wrapped } as DirFs;
  }

  const cases: [string, () => DirFs, string][] = [
    ['disk full while writing the 3rd file', () => failing('writeSync', 'ENOSPC', 3), 'disk full (ENOSPC)'],
    [
      'read-only file system when creating the temp folder',
      () => failing('mkdirSync', 'EROFS', 1, (p) => basename(p).startsWith('.refresh-tmp-')),
      'read-only file system (EROFS)',
    ],
    [
      'permission denied on the second rename of the swap (the parked folder is put back)',
      () =>
        failing('renameSync', 'EACCES', 1, (p) => basename(p).startsWith('.refresh-tmp-data.') && !p.endsWith('.old')),
      'permission denied (EACCES)',
    ],
    ['EPERM when opening a file', () => failing('openSync', 'EPERM', 2), 'permission denied (EPERM)'],
  ];

  test.each(cases)('%s', async (_name, fs, reason) => {
    expect(await run()).toBe(0);
    const before = snapshotTree(dirname(out));
    lines = [];
    writeRows(GOOD_ROWS.slice(0, 1));
    expect(await run({ fs: fs() })).toBe(1);
    expect(refreshLines()).toEqual([`refresh: cannot write ${out}: ${reason}`]);
    expect(snapshotTree(dirname(out))).toEqual(before);
    expect(readdirSync(dirname(out))).toEqual(['data']);
  });

  test('with --lenient, a failed swap leaves no report of a data set that was not published', async () => {
    writeRows([...GOOD_ROWS, 'C3,南珍社区,330902002003,abc,30.02,昌国街道']);
    expect(await run({ lenient: true, maxSkippedPercent: 50, fs: failing('writeSync', 'ENOSPC', 2) })).toBe(1);
    expect(lines.at(-1)).toBe(`refresh: cannot write ${out}: disk full (ENOSPC)`);
    expect(existsSync(report)).toBe(false);
    expect(readdirSync(dirname(out))).toEqual([]);
  });

  test('a parent that is a file: one line naming it', async () => {
    writeFileSync(join(work, 'site'), 'a file');
    expect(await run({ out: join(work, 'site', 'data') })).toBe(1);
    expect(lines).toEqual([`refresh: cannot write ${join(work, 'site')}: it is a file, not a folder (EEXIST)`]);
  });
});

describe('real faults on a tmpfs (skipped where mount is not allowed)', () => {
  let mnt: string;
  let mounted = false;
  const mount = (...args: string[]) => spawnSync('mount', args, { encoding: 'utf8' });

  beforeEach(() => {
    mnt = join(work, 'mnt');
    mkdirSync(mnt);
    mounted = mount('-t', 'tmpfs', '-o', 'size=160k', 'tmpfs', mnt).status === 0;
    out = join(mnt, 'site', 'data');
  });
  afterEach(() => {
    if (mounted) spawnSync('umount', [mnt]);
  });

  test('disk full: the second refresh (needs room for two sets) fails cleanly', async (ctx) => {
    if (!mounted) return ctx.skip('mount -t tmpfs is not permitted here (not root or no CAP_SYS_ADMIN)');
    expect(await run()).toBe(0);
    const before = snapshotTree(mnt);
    // Leave room for the lock file, not for a second data set.
    const { bavail, bsize } = nodeFs.statfsSync(mnt);
    const fill = Buffer.alloc((bavail - 4) * bsize, 120);
    writeFileSync(join(mnt, 'fill'), fill);
    lines = [];
    expect(await run()).toBe(1);
    expect(refreshLines()).toEqual([`refresh: cannot write ${out}: disk full (ENOSPC)`]);
    expect(snapshotTree(mnt)).toEqual({ ...before, fill: fill.toString('base64') });
  });

  test('read-only: one line naming the folder, nothing changed', async (ctx) => {
    if (!mounted) return ctx.skip('mount -t tmpfs is not permitted here (not root or no CAP_SYS_ADMIN)');
    expect(await run()).toBe(0);
    expect(mount('-o', 'remount,ro', mnt).status).toBe(0);
    const before = snapshotTree(mnt);
    lines = [];
    expect(await run()).toBe(1);
    expect(lines).toEqual([`refresh: cannot write ${dirname(out)}: read-only file system (EROFS)`]);
    expect(snapshotTree(mnt)).toEqual(before);
  });
});
