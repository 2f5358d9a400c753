/**
 * The refresh script as staff run it: a real process on a real directory. The kill tests pause the script with
 * REFRESH_TEST_PAUSE at the worst moments, SIGKILL it, and check that the previous output is still intact.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { writeDataDir } from './refresh-test-data';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SCRIPT = join(root, 'scripts', 'refresh.ts');
// One process (node with tsx's loader), not the tsx wrapper, so SIGKILL hits the process that is writing.
const NODE_ARGS = ['--import', 'tsx', SCRIPT];

let work: string;
let data: string;
let out: string;

const communities = (rows: string[]) => ['编号,名称,区划代码,经度,纬度,所属街道', ...rows].join('\n') + '\n';
const GOOD_ROWS = [
  'C1,西安社区,330902002001,122.105,30.02,昌国街道',
  'C2,东管庙社区,330902002002,122.106,30.021,昌国街道',
];

function writeData(rows: string[]): void {
  writeFileSync(join(data, 'communities.csv'), communities(rows));
}

function run(args: string[]) {
  const r = spawnSync(process.execPath, [...NODE_ARGS, '--data', data, '--out', out, ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every file under `dir` with its bytes. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => [name, readFileSync(join(dir, name), 'base64')]),
  );
}

/** Starts the script, waits until it pauses at `point`, then SIGKILLs it. */
async function killAt(point: string): Promise<void> {
  const child = spawn(process.execPath, [...NODE_ARGS, '--data', data, '--out', out], {
    cwd: root,
    env: { ...process.env, REFRESH_TEST_PAUSE: point },
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`refresh did not pause at ${point} within 20 s`));
    }, 20_000);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes(`paused at ${point}`)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`refresh exited (${code}) before pausing: ${stderr}`)));
  });
  child.kill('SIGKILL');
  await new Promise((resolve) => child.on('exit', resolve));
}

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'refresh-test-'));
  data = join(work, 'data');
  out = join(work, 'public', 'data');
  writeDataDir(data, { communitiesCrs: 'gcj02' });
  writeData(GOOD_ROWS);
});

afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('npm run refresh', { timeout: 90_000 }, () => {
  test('writes every data file and the manifest, prints a summary, exits 0', () => {
    const r = run([]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'adsites.geojson',
      'boundary.geojson',
      'campaign.json',
      'communities.geojson',
      'compounds.geojson',
      'declarations.json',
      'defect-details-index.json',
      'defect-history.json',
      'defect-ids.json',
      'defects.bin',
      'divisions.json',
      'import-report.json',
      'land.geojson',
      'manifest.json',
      'markets.geojson',
      'stations.geojson',
      'streets.geojson',
      'townSeats.geojson',
      'visits.json',
    ]);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).files.communities.count).toBe(2);
    expect(r.stdout).toMatch(/communities\.geojson +2 +[\d.]+ KiB/);
    expect(r.stdout).toMatch(/refresh: wrote 19 files \([\d.]+ KiB\) to .* in \d+ ms/);
    expect(readdirSync(dirname(out))).toEqual(['data']);
  });

  test('invalid input: every problem printed to stderr and listed in the report, exit 1, the output untouched', () => {
    expect(run([]).code).toBe(0);
    const before = snapshot(out);
    writeData([
      ...GOOD_ROWS,
      'C3,南珍社区,330902002003,30.02,122.105,昌国街道',
      'C1,重复社区,330902002004,122.1,30.02,解放街道',
    ]);
    const r = run([]);
    expect(r.code).toBe(1);
    const problems = [
      'communities.csv:row 4: 经度/纬度: [30.02, 122.105] (GCJ02; WGS-84 [30.02, 122.105]) is outside the district bbox [121.81771, 29.93173, 122.27837, 30.24959]; lng and lat look swapped',
      "communities.csv:row 5: 所属街道: unknown subdistrict '解放街道'",
    ];
    expect(r.stderr.split('\n').filter(Boolean)).toEqual(problems);
    const report = join(data, 'refresh-problems.txt');
    expect(r.stdout.split('\n').filter(Boolean).at(-1)).toBe(
      `refresh: 2 problem(s); nothing written, ${out} is unchanged; the problems are listed in ${report}`,
    );
    const text = readFileSync(report, 'utf8').split('\n');
    expect(text[1]).toMatch(/^# refresh failed at \S+; nothing written; 2 problem\(s\)$/);
    expect(text.slice(2)).toEqual([...problems, '']);
    expect(snapshot(out)).toEqual(before);
    writeData(GOOD_ROWS);
    expect(run([]).code).toBe(0);
    expect(existsSync(report)).toBe(false);
  });

  test('--check validates without writing', () => {
    const r = run(['--check']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('check passed');
    // Nothing was tolerated, so --lenient is not mentioned.
    expect(r.stdout).not.toContain('--lenient');
    expect(existsSync(out)).toBe(false);
    writeData(['C1,西安社区,330902002001,abc,30.02,昌国街道']);
    expect(run(['--check']).code).toBe(1);
    expect(existsSync(join(data, 'refresh-problems.txt'))).toBe(false);
    const report = join(work, 'check-report.txt');
    expect(run(['--check', '--problems', report]).code).toBe(1);
    expect(readFileSync(report, 'utf8')).toContain("communities.csv:row 2: 经度: not a number: 'abc'");
  });

  test('--lenient over --max-skipped: fails, and the report lists the problems', () => {
    writeData([...GOOD_ROWS, 'C3,南珍社区,330902002003,abc,30.02,昌国街道']);
    const r = run(['--lenient']);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').filter(Boolean).at(-1)).toBe(
      `refresh: 1 file(s) lost too many rows; nothing written, ${out} is unchanged (fix the rows, or allow more with --max-skipped <percent>); the problems are listed in ${join(data, 'refresh-problems.txt')}`,
    );
    expect(readFileSync(join(data, 'refresh-problems.txt'), 'utf8')).toContain(
      "communities.csv:row 4: 经度: not a number: 'abc'",
    );
    expect(existsSync(out)).toBe(false);
  });

  test('a table cut to its header is said as a warning, and its layer is published empty', () => {
    writeData([]);
    const r = run([]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'communities.csv:file: warning: table: no rows (only a header): nothing from this file is published\n',
    );
    expect(JSON.parse(readFileSync(join(out, 'communities.geojson'), 'utf8')).features).toEqual([]);
  });

  test('--lenient skips bad rows and writes its report beside the sources, not into the served folder', () => {
    writeData([...GOOD_ROWS, 'C3,南珍社区,330902002003,abc,30.02,昌国街道']);
    const r = run(['--lenient', '--max-skipped', '50']);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'communities.geojson'), 'utf8')).features).toHaveLength(2);
    expect(readdirSync(out)).not.toContain('problems.txt');
    expect(readFileSync(join(data, 'refresh-problems.txt'), 'utf8').split('\n').slice(2)).toEqual([
      "communities.csv:row 4: 经度: not a number: 'abc'",
      '',
    ]);
  });

  test('a missing source file and a broken sources.json entry are problems, not crashes', () => {
    const sources = JSON.parse(readFileSync(join(data, 'sources.json'), 'utf8'));
    sources.sources.push(
      { id: 'markets', path: 'markets.xlsx', kind: 'market', format: 'xlsx', crs: 'wgs84' },
      { id: 'x', path: 'x.csv', kind: 'shop', format: 'csv', crs: 'wgs84' },
    );
    writeFileSync(join(data, 'sources.json'), JSON.stringify(sources));
    const r = run([]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("sources.json:source 3: kind: 'shop' is not one of");
    expect(r.stderr).toContain("markets.xlsx:file: path: file not found (listed in sources.json as 'markets')");
  });

  test('a broken campaign.json: each problem printed at its field, nothing written', () => {
    const campaign = JSON.parse(readFileSync(join(data, 'campaign.json'), 'utf8'));
    campaign.zoneRules[0].radiusM = 0;
    campaign.lifecycle.states[0].colour = '#ff0000';
    writeFileSync(join(data, 'campaign.json'), JSON.stringify(campaign));
    const r = run([]);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([
      'campaign.json:file: zoneRules[0].radiusM: must be a number of metres from 10 to 20000 (got 0)',
      'campaign.json:file: lifecycle.states[0].colour: unknown field',
    ]);
    expect(existsSync(out)).toBe(false);
    expect(readFileSync(join(data, 'refresh-problems.txt'), 'utf8')).toContain('campaign.json:file: zoneRules[0]');
  });

  test('usage errors exit 2', () => {
    const r = run(['--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('usage: npm run refresh');
    expect(run(['--max-skipped', 'lots']).stderr).toMatch(
      /^refresh: --max-skipped must be a percentage from 0 to 100, got 'lots'\n/,
    );
  });

  test('killed while writing: the previous output stays intact, the next run cleans up', async () => {
    expect(run([]).code).toBe(0);
    const before = snapshot(out);
    writeData(GOOD_ROWS.slice(0, 1));
    await killAt('mid-write');
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(dirname(out)).some((n) => n.startsWith('.refresh-tmp-data.'))).toBe(true);
    const r = run([]);
    expect(r.code).toBe(0);
    expect(readdirSync(dirname(out))).toEqual(['data']);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).files.communities.count).toBe(1);
  });

  test('killed between the two renames: the next run (even --check) puts the previous output back', async () => {
    expect(run([]).code).toBe(0);
    const before = snapshot(out);
    await killAt('mid-swap');
    expect(existsSync(out)).toBe(false);
    expect(snapshot(join(dirname(out), '.refresh-tmp-data.old'))).toEqual(before);
    const r = run(['--check']);
    expect(r.stdout).toContain('restored');
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(dirname(out))).toEqual(['data']);
  });
});

describe('the bundled sample', () => {
  test('passes strict validation (npm run refresh -- --check)', async () => {
    const { refresh } = await import('./refresh');
    const lines: string[] = [];
    const code = await refresh(
      { data: join(root, 'data'), out: join(work, 'unused'), check: true, lenient: false },
      (l) => lines.push(l),
    );
    expect(lines.filter((l) => !l.startsWith('refresh: check passed'))).toEqual([]);
    expect(code).toBe(0);
  });
});
