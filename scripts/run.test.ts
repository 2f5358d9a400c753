/**
 * `--data <folder>` for start, dev, build and preview (scripts/run.ts): taken out before Vite sees it (which
 * refused it with CACError), handed on as DATA_DIR; DATA_DIR alone still works and no setting means the bundled
 * sample. The spawned runs go through `npm run preview -- --data …` as npm runs it, up to Vite's `preview --help` (which prints its version and exits).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PROJECT_ROOT } from './lib/data-dir';
import { refresh } from './refresh';
import { communitiesCsv, GOOD_ROWS, writeDataDir } from './refresh-test-data';
import { planRun } from './run';

const SERVE = ['--host', '127.0.0.1', '--port', '5173', '--strictPort'];

describe('planRun', () => {
  test('npm start with nothing set refreshes the bundled sample, then serves', () => {
    expect(planRun('start', [], {})).toEqual({
      dataDir: 'data',
      steps: [
        { kind: 'refresh', args: [] },
        { kind: 'bin', bin: 'vite', args: SERVE },
      ],
    });
  });

  test('--data is taken out, in either spelling, and the rest goes to Vite', () => {
    expect(planRun('start', ['--data', '../daishan-data', '--port', '5180'], {})).toEqual({
      dataDir: '../daishan-data',
      steps: [
        { kind: 'refresh', args: [] },
        { kind: 'bin', bin: 'vite', args: ['--host', '127.0.0.1', '--strictPort', '--port', '5180'] },
      ],
    });
    expect(planRun('dev', ['--open', '--data=x'], {})).toEqual({
      dataDir: 'x',
      steps: [
        { kind: 'check', served: 'dev' },
        { kind: 'bin', bin: 'vite', args: ['--open'] },
      ],
    });
  });

  test('a --port or --host of the user replaces the default one (Vite refuses two)', () => {
    expect(planRun('preview', ['--port=4180', '--host', '0.0.0.0'], {}).steps[1]).toEqual({
      kind: 'bin',
      bin: 'vite',
      args: ['preview', '--strictPort', '--port=4180', '--host', '0.0.0.0'],
    });
  });

  test('--data wins over DATA_DIR, which still works alone', () => {
    expect(planRun('preview', ['--data', 'a'], { DATA_DIR: 'b' }).dataDir).toBe('a');
    expect(planRun('preview', [], { DATA_DIR: 'b' }).dataDir).toBe('b');
    expect(planRun('build', [], { DATA_DIR: '' }).dataDir).toBe('data');
  });

  test('build refreshes, typechecks and builds; --replace-district goes to the refresh', () => {
    expect(planRun('build', ['--replace-district', '--data', 'x', '--mode', 'staging'], {}).steps).toEqual([
      { kind: 'refresh', args: ['--replace-district'] },
      { kind: 'bin', bin: 'tsc', args: ['-p', 'tsconfig.json', '--noEmit'] },
      { kind: 'bin', bin: 'vite', args: ['build', '--mode', 'staging'] },
    ]);
  });

  test('usage errors are one line each', () => {
    expect(() => planRun('start', ['--data'], {})).toThrow('--data needs a folder: --data <folder>');
    expect(() => planRun('start', ['--data', '--port'], {})).toThrow('--data needs a folder');
    expect(() => planRun('start', ['--data='], {})).toThrow('--data needs a folder: --data=<folder>');
    expect(() => planRun('preview', ['--replace-district'], {})).toThrow(
      '--replace-district is for start and build (which refresh), not preview',
    );
    expect(() => planRun('serve', [], {})).toThrow("unknown command 'serve'; use one of start, dev, build, preview");
  });
});

describe('npm run preview -- --data <folder>', () => {
  let work: string;
  let data: string;
  const npm = (args: string[], env: Record<string, string> = {}) => {
    const r = spawnSync('npm', ['run', '--silent', 'preview', '--', ...args], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      env: { ...process.env, DATA_DIR: '', BUILD_OUT_DIR: join(work, 'dist'), ...env },
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'run-test-'));
    data = join(work, 'daishan-data');
    writeDataDir(data, { communitiesCrs: 'wgs84' });
    writeFileSync(join(data, 'communities.csv'), communitiesCsv(GOOD_ROWS));
    const campaign = JSON.parse(readFileSync(join(data, 'campaign.json'), 'utf8')) as {
      district: { adcode: string; zh: string };
    };
    campaign.district = { ...campaign.district, adcode: '330921', zh: '岱山县' };
    writeFileSync(join(data, 'campaign.json'), JSON.stringify(campaign));
    const code = await refresh({ data, out: join(work, 'dist', 'data'), check: false, lenient: false }, () => {});
    expect(code).toBe(0);
  }, 60_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test('prints the folder and district, then Vite runs with the other options', () => {
    const r = npm(['--data', data, '--help']);
    expect(r.err).not.toContain('CACError');
    expect(r.code, r.err).toBe(0);
    const lines = r.out.split('\n').filter(Boolean);
    expect(lines[0]).toBe(`数据目录: ${data}, 区县: 岱山县 (330921)`);
    expect(lines[1]).toMatch(/^vite\/\d+\.\d+\.\d+/);
  }, 60_000);

  test('DATA_DIR without --data works the same; a missing folder is one line and exit 1', () => {
    expect(npm(['--help'], { DATA_DIR: data }).out.split('\n')[0]).toBe(`数据目录: ${data}, 区县: 岱山县 (330921)`);
    const missing = npm(['--data', join(work, 'nope'), '--help']);
    expect(missing.code).toBe(1);
    expect(missing.out.trim()).toBe(`preview: data folder ${join(work, 'nope')} not found`);
  }, 60_000);

  test('the bundled sample is not what dist holds: preview stops instead of serving the wrong district', () => {
    const r = npm(['--help']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('数据目录: data, 区县: 定海区 (330902)');
    expect(r.out).toContain(`preview: ${join(work, 'dist', 'data')} holds 岱山县 (330921)`);
  }, 60_000);
});
