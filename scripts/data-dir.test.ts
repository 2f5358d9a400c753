/**
 * The data folder setting (issue #12): DATA_DIR reaches the refresh, export, dev and preview; each says which folder
 * and district it works on; and no command puts one district's data over another's without being told to.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Manifest } from '../src/dataset/types';
import { checkServed } from './check-served';
import { parseCliArgs, run as runExport } from './export';
import { dataDirBanner, districtRefusal, folderLabel, PROJECT_ROOT, servedMismatch } from './lib/data-dir';
import { refresh } from './refresh';
import { communitiesCsv, GOOD_ROWS, snapshotTree, writeDataDir } from './refresh-test-data';

const DINGHAI = { adcode: '330902', name: '定海区' };
const DAISHAN = { adcode: '330921', name: '岱山县' };
const NODE_ARGS = ['--import', 'tsx', join(PROJECT_ROOT, 'scripts', 'refresh.ts')];

let work: string;
let dinghai: string;
let daishan: string;
let out: string;

/** A small data folder; the Daishan one is the same sources under another district in campaign.json. */
function dataFolder(dir: string, district: { adcode: string; name: string }): void {
  writeDataDir(dir, { communitiesCrs: 'wgs84' });
  writeFileSync(join(dir, 'communities.csv'), communitiesCsv(GOOD_ROWS));
  const campaign = JSON.parse(readFileSync(join(dir, 'campaign.json'), 'utf8')) as {
    district: { adcode: string; zh: string };
  };
  campaign.district.adcode = district.adcode;
  campaign.district.zh = district.name;
  writeFileSync(join(dir, 'campaign.json'), JSON.stringify(campaign));
}

/** The refresh as npm runs it: no --data, the folder from the environment. */
function cli(env: Record<string, string>, args: string[] = []) {
  const r = spawnSync(process.execPath, [...NODE_ARGS, '--out', out, ...args], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: '', REPLACE_DISTRICT: '', ...env },
  });
  return { code: r.status, lines: r.stdout.split('\n').filter(Boolean), stderr: r.stderr };
}

async function refreshIn(data: string, extra: { replaceDistrict?: boolean } = {}) {
  const lines: string[] = [];
  const code = await refresh({ data, out, check: false, lenient: false, ...extra }, (l) => lines.push(l));
  return { code, lines };
}

const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'data-dir-test-'));
  dinghai = join(work, 'data');
  daishan = join(work, 'data-daishan');
  out = join(work, 'public', 'data');
  dataFolder(dinghai, DINGHAI);
  dataFolder(daishan, DAISHAN);
});

afterEach(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('the messages', () => {
  test('the banner names the folder and the district', () => {
    expect(dataDirBanner('data', DINGHAI)).toBe('数据目录: data, 区县: 定海区 (330902)');
  });

  test('the refusal, word for word', () => {
    expect(
      districtRefusal(
        'public/data',
        { district: DAISHAN, dataDir: 'data-daishan' },
        { district: DINGHAI, dataDir: 'data' },
        false,
      ),
    ).toBe(
      'public/data holds 岱山县 (330921) from data-daishan; refusing to replace it with 定海区 (330902) from data. Run with DATA_DIR=data-daishan, or add --replace-district to switch',
    );
    expect(
      districtRefusal('public/data', { district: DAISHAN }, { district: DINGHAI, dataDir: 'data' }, true),
    ).toBeNull();
    expect(
      districtRefusal(
        'public/data',
        { district: DINGHAI, dataDir: 'data' },
        { district: DINGHAI, dataDir: 'data-copy' },
        false,
      ),
    ).toBeNull();
  });

  test('a folder inside the project is named relative to it, one outside by its absolute path', () => {
    expect(folderLabel(join(PROJECT_ROOT, 'data-daishan'))).toBe('data-daishan');
    expect(folderLabel('/srv/office/data')).toBe('/srv/office/data');
  });

  test('a served folder from another district names both and how to switch', () => {
    expect(
      servedMismatch(
        'public/data',
        { district: DAISHAN, dataDir: 'data-daishan' },
        { district: DINGHAI, dataDir: 'data' },
        'npm run refresh',
      ),
    ).toBe(
      'public/data holds 岱山县 (330921) from data-daishan, not 定海区 (330902) from data. Run with DATA_DIR=data-daishan, or switch with DATA_DIR=data REPLACE_DISTRICT=1 npm run refresh',
    );
  });
});

describe('refresh', () => {
  test('takes its data folder from DATA_DIR, says so first, and records it in the manifest', () => {
    const r = cli({ DATA_DIR: daishan });
    expect(r.code, r.lines.join('\n')).toBe(0);
    expect(r.lines[0]).toBe(`数据目录: ${daishan}, 区县: 岱山县 (330921)`);
    expect(manifestOf(out)).toMatchObject({ district: DAISHAN, dataDir: daishan });

    // `npm start` without DATA_DIR afterwards: the bundled sample (data/) must not go over it.
    const plain = cli({});
    expect(plain.code).toBe(1);
    expect(plain.lines).toEqual([
      '数据目录: data, 区县: 定海区 (330902)',
      `refresh: ${out} holds 岱山县 (330921) from ${daishan}; refusing to replace it with 定海区 (330902) from data. Run with DATA_DIR=${daishan}, or add --replace-district to switch`,
    ]);
    expect(manifestOf(out)).toMatchObject({ district: DAISHAN, dataDir: daishan });
  });

  test('refuses to replace another district, with one line, and leaves the output as it was', async () => {
    expect((await refreshIn(daishan)).code).toBe(0);
    const before = snapshotTree(out);
    const r = await refreshIn(dinghai);
    expect(r.code).toBe(1);
    expect(r.lines).toEqual([
      `refresh: ${out} holds 岱山县 (330921) from ${daishan}; refusing to replace it with 定海区 (330902) from ${dinghai}. Run with DATA_DIR=${daishan}, or add --replace-district to switch`,
    ]);
    expect(snapshotTree(out)).toEqual(before);
  });

  test('--replace-district and REPLACE_DISTRICT=1 switch districts', async () => {
    expect((await refreshIn(daishan)).code).toBe(0);
    expect(cli({ DATA_DIR: dinghai }, ['--replace-district']).code).toBe(0);
    expect(manifestOf(out)).toMatchObject({ district: DINGHAI, dataDir: dinghai });
    expect(cli({ DATA_DIR: daishan, REPLACE_DISTRICT: '1' }).code).toBe(0);
    expect(manifestOf(out)).toMatchObject({ district: DAISHAN, dataDir: daishan });
  });

  test('the same district from another folder is no switch', async () => {
    const copy = join(work, 'data-copy');
    dataFolder(copy, DINGHAI);
    expect((await refreshIn(dinghai)).code).toBe(0);
    expect((await refreshIn(copy)).code).toBe(0);
    expect(manifestOf(out).dataDir).toBe(copy);
  });

  test('data refreshed before the manifest named its district is judged by its campaign.json', async () => {
    expect((await refreshIn(daishan)).code).toBe(0);
    const legacy: Partial<Manifest> = manifestOf(out);
    delete legacy.district;
    delete legacy.dataDir;
    writeFileSync(join(out, 'manifest.json'), JSON.stringify(legacy));
    const r = await refreshIn(dinghai);
    expect(r.code).toBe(1);
    expect(r.lines[0]).toContain('holds 岱山县 (330921) from an unrecorded data folder; refusing to replace it');
  });

  test('a missing data folder or campaign.json is one line, exit 1, no stack trace', () => {
    const missing = join(work, 'data-nowhere');
    const r = cli({ DATA_DIR: missing });
    expect(r.code).toBe(1);
    expect(r.lines).toEqual([`refresh: data folder ${missing} not found`]);
    expect(r.stderr).toBe('');

    const empty = join(work, 'data-empty');
    mkdirSync(empty);
    const e = cli({ DATA_DIR: empty });
    expect(e.code).toBe(1);
    expect(e.lines).toEqual([
      `refresh: data folder ${empty} has no campaign.json; is it the office's data folder (campaign.json, sources.json and the source files)?`,
    ]);
    expect(e.stderr).toBe('');
  });
});

describe('export', () => {
  const now = new Date('2019-09-12T02:00:00Z');
  const job = ['--declarations', '--out', 'd.xlsx'];

  test('without --data, checks public/data against DATA_DIR (else data)', () => {
    expect(parseCliArgs(job, { DATA_DIR: 'data-daishan' })).toMatchObject({
      data: 'public/data',
      dataDir: 'data-daishan',
    });
    expect(parseCliArgs(job, {})).toMatchObject({ dataDir: 'data' });
    expect(parseCliArgs(['--data', 'elsewhere', ...job], { DATA_DIR: 'data-daishan' })).not.toHaveProperty('dataDir');
  });

  test('--data naming an office data folder (campaign.json, no manifest) works like DATA_DIR', async () => {
    expect(parseCliArgs(['--data', daishan, ...job], { DATA_DIR: 'data' })).toMatchObject({
      data: 'public/data',
      dataDir: daishan,
    });
    expect((await refreshIn(daishan)).code).toBe(0);
    // A refreshed data set (its manifest.json) is exported as it is.
    expect(parseCliArgs(['--data', out, ...job], {})).not.toHaveProperty('dataDir');
    expect(parseCliArgs(['--data', out, ...job], {}).data).toBe(out);
  });

  test('exports the district DATA_DIR names, and refuses another', async () => {
    expect((await refreshIn(daishan)).code).toBe(0);
    const args = { ...parseCliArgs(job, {}), data: out };
    const { file } = await runExport({ ...args, dataDir: daishan }, now);
    expect(file.bytes.byteLength).toBeGreaterThan(0);
    await expect(runExport({ ...args, dataDir: dinghai }, now)).rejects.toThrow(
      `${out} holds 岱山县 (330921) from ${daishan}, not 定海区 (330902) from ${dinghai}.`,
    );
  });
});

describe('preview (and dev)', () => {
  test('prints the banner and serves only the district of DATA_DIR', async () => {
    expect((await refreshIn(daishan)).code).toBe(0);
    const env = { BUILD_OUT_DIR: join(work, 'public') };
    const lines: string[] = [];
    expect(checkServed('preview', { ...env, DATA_DIR: daishan }, (l) => lines.push(l))).toBe(0);
    expect(lines).toEqual([`数据目录: ${daishan}, 区县: 岱山县 (330921)`]);
    lines.length = 0;
    expect(checkServed('preview', { ...env, DATA_DIR: dinghai }, (l) => lines.push(l))).toBe(1);
    expect(lines[1]).toBe(
      `preview: ${out} holds 岱山县 (330921) from ${daishan}, not 定海区 (330902) from ${dinghai}. Run with DATA_DIR=${daishan}, or switch with DATA_DIR=${dinghai} REPLACE_DISTRICT=1 npm run build`,
    );
  });

  test('serves a site of several districts whatever DATA_DIR is', () => {
    const site = join(work, 'multi', 'data');
    mkdirSync(site, { recursive: true });
    writeFileSync(join(site, 'manifest.json'), JSON.stringify({ schemaVersion: 1, districts: 'districts.json' }));
    const lines: string[] = [];
    expect(
      checkServed('preview', { BUILD_OUT_DIR: join(work, 'multi'), DATA_DIR: dinghai }, (l) => lines.push(l)),
    ).toBe(0);
    expect(lines[1]).toBe(`preview: ${site} is a site of several districts (districts.json, npm run refresh-all)`);
  });

  test('nothing built yet, or no data folder: one line each', () => {
    const lines: string[] = [];
    expect(checkServed('preview', { BUILD_OUT_DIR: join(work, 'dist'), DATA_DIR: dinghai }, (l) => lines.push(l))).toBe(
      1,
    );
    expect(lines[1]).toBe(
      `preview: ${join(work, 'dist', 'data')} holds no refreshed data; run DATA_DIR=${dinghai} npm run build first`,
    );
    lines.length = 0;
    expect(checkServed('dev', { DATA_DIR: join(work, 'nope') }, (l) => lines.push(l))).toBe(1);
    expect(lines).toEqual([`dev: data folder ${join(work, 'nope')} not found`]);
  });
});
