/**
 * Two real refresh processes into one folder, one of them killed at seeded random moments: the output folder is
 * always a complete data set (the old one or one of the new ones, every file matching its manifest), never lost,
 * and once a last refresh has run there is no temp folder and no lock left. Also: the CLI never prints a stack.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { reportCrash } from './refresh';
import { communitiesCsv, GOOD_ROWS, writeDataDir } from './refresh-test-data';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const NODE_ARGS = ['--import', 'tsx', join(root, 'scripts', 'refresh.ts')];
/** REFRESH_RACE_SEED=n replays or explores other kill schedules. */
const SEED = Number(process.env.REFRESH_RACE_SEED ?? 10);
/** Every kind of kill once per cycle: two at random moments, one at each pause point. */
const MODES = ['delay', 'mid-write', 'delay', 'mid-swap'] as const;
/** REFRESH_RACE_ROUNDS=n runs longer schedules (the default keeps the suite fast). */
const ROUNDS = Number(process.env.REFRESH_RACE_ROUNDS ?? MODES.length);

let work: string;
let out: string;
/** Two source folders whose data sets differ (2 and 1 communities), so each result is recognisable. */
let dataA: string;
let dataB: string;

interface Exit {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

function start(data: string, env: Record<string, string> = {}): { child: ChildProcess; exit: Promise<Exit> } {
  const child = spawn(process.execPath, [...NODE_ARGS, '--data', data, '--out', out], {
    cwd: root,
    env: { ...process.env, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exit = new Promise<Exit>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, exit };
}

/** Resolves when the child says it paused, or exits (whichever comes first). */
function pausedOrExited(p: ReturnType<typeof start>): Promise<void> {
  return new Promise((resolve) => {
    let seen = '';
    p.child.stderr!.on('data', (c: Buffer) => {
      seen += c.toString();
      if (seen.includes('paused at')) resolve();
    });
    void p.exit.then(() => resolve());
  });
}

/** A complete data set: exactly the manifest's files plus the manifest, each matching its hash. Returns its count. */
function completeSet(dir: string): number {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const files = Object.values(manifest.files) as { path: string; sha256: string }[];
  expect(readdirSync(dir).sort()).toEqual([...files.map((f) => f.path), 'manifest.json'].sort());
  for (const f of files)
    expect(
      createHash('sha256')
        .update(readFileSync(join(dir, f.path)))
        .digest('hex'),
      f.path,
    ).toBe(f.sha256);
  return manifest.files.communities.count;
}

/** mulberry32: a small seeded PRNG, so a failing round can be replayed. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NO_STACK = /^\s+at .+:\d+:\d+\)?$/m;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'refresh-race-'));
  out = join(work, 'public', 'data');
  dataA = join(work, 'a');
  dataB = join(work, 'b');
  writeDataDir(dataA, { communitiesCrs: 'gcj02' });
  writeDataDir(dataB, { communitiesCrs: 'gcj02' });
  writeFileSync(join(dataA, 'communities.csv'), communitiesCsv(GOOD_ROWS));
  writeFileSync(join(dataB, 'communities.csv'), communitiesCsv(GOOD_ROWS.slice(0, 1)));
});

afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('two refreshes into one folder, one killed at random', () => {
  test(`${ROUNDS} seeded rounds (seed ${SEED}): always a complete set, never lost; no leftovers at the end`, async () => {
    const random = prng(SEED);
    const t0 = performance.now();
    expect((await start(dataA).exit).code).toBe(0);
    // Kill moments spread over a whole run as long as it takes on this machine (start-up included).
    const runMs = performance.now() - t0;
    const log: string[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const mode = MODES[round % MODES.length];
      const [victimData, otherData] = random() < 0.5 ? [dataA, dataB] : [dataB, dataA];
      if (mode === 'delay') {
        // Both start at once; the victim dies at a random moment of its run (start-up, lock, read, write, swap).
        const victim = start(victimData);
        const other = start(otherData);
        const delayMs = Math.floor(random() * runMs * 1.1);
        const timer = setTimeout(() => victim.child.kill('SIGKILL'), delayMs);
        const [v, o] = await Promise.all([victim.exit, other.exit]);
        clearTimeout(timer);
        log.push(`round ${round}: killed after ${delayMs} ms (${v.signal ?? `exit ${v.code}`}), other exit ${o.code}`);
        expect(o.code === 0 || o.stdout.includes('is being refreshed by another refresh (pid'), o.stdout).toBe(true);
        expect(o.stdout + o.stderr).not.toMatch(NO_STACK);
      } else {
        // The victim holds the lock, paused at the worst moment; the other is refused, naming its pid.
        const victim = start(victimData, { REFRESH_TEST_PAUSE: mode });
        await pausedOrExited(victim);
        const o = await start(otherData).exit;
        victim.child.kill('SIGKILL');
        const v = await victim.exit;
        log.push(`round ${round}: killed at ${mode} (${v.signal ?? `exit ${v.code}`}), other exit ${o.code}`);
        expect(o.code).toBe(1);
        expect(o.stdout).toContain(`${out} is being refreshed by another refresh (pid ${victim.child.pid}, started `);
      }
      // Never lost: the output, or (killed between the two renames) its parked copy, is a complete set.
      const parked = join(dirname(out), '.refresh-tmp-data.old');
      const present = existsSync(out) ? out : parked;
      expect([1, 2], log.join('\n')).toContain(completeSet(present));
    }
    const last = await start(dataB).exit;
    expect(last.code, last.stdout).toBe(0);
    expect(completeSet(out)).toBe(1);
    expect(readdirSync(dirname(out)), log.join('\n')).toEqual(['data']);
  }, 120_000);
});

describe('the CLI prints one line, never a stack trace', () => {
  test('a fault: one line, exit 1', () => {
    writeFileSync(join(work, 'site'), 'a file');
    const r = spawnSync(process.execPath, [...NODE_ARGS, '--data', dataA, '--out', join(work, 'site', 'data')], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stdout + r.stderr).toBe(
      `数据目录: ${dataA}, 区县: 定海区 (330902)\nrefresh: cannot write ${join(work, 'site')}: it is a file, not a folder (EEXIST)\n`,
    );
  });

  test('an internal error: one line with the hint; the stack only with REFRESH_DEBUG=1', () => {
    const lines: string[] = [];
    const bug = new TypeError("Cannot read properties of undefined (reading 'x')");
    reportCrash(bug, {}, (l) => lines.push(l));
    expect(lines).toEqual([
      "refresh: internal error: Cannot read properties of undefined (reading 'x') (run again with REFRESH_DEBUG=1 for the stack trace, and report it)",
    ]);
    reportCrash(bug, { REFRESH_DEBUG: '1' }, (l) => lines.push(l));
    expect(lines[1]).toBe(bug.stack);
  });
});
