import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { campaign, communities, compounds, markets, streets } from '../src/export/__fixtures__/zone-fixture';
import { exportContext } from '../src/export/context';
import { exportZoneList } from '../src/export/zone-export';
import { computeEngine } from '../src/geo/engine';
import { emptyDefectColumns, type DefectColumns } from '../src/dataset/types';
import { parseCliArgs, run, UsageError } from './export';
import { defectFileBytes } from './lib/defects-files';

const EMPTY = { type: 'FeatureCollection', features: [] };
const NO_DEFECTS: DefectColumns = emptyDefectColumns(
  0,
  { taskForce: [], category: [], state: [], unit: [], subdistrict: [], object: [] },
  true,
);
const FILES = {
  campaign,
  communities,
  markets,
  compounds,
  streets,
  townSeats: EMPTY,
  stations: EMPTY,
  adsites: EMPTY,
  declarations: [
    {
      id: 'DE-1',
      kind: 'report',
      entry: '说明报告',
      content: '举措',
      units: ['U-WMB'],
      deadline: '2019-09-05',
      status: 'in_progress',
    },
  ],
};
const PATHS: Record<string, string> = {
  campaign: 'campaign.json',
  communities: 'communities.geojson',
  markets: 'markets.geojson',
  compounds: 'compounds.geojson',
  streets: 'streets.geojson',
  townSeats: 'townSeats.geojson',
  stations: 'stations.geojson',
  adsites: 'adsites.geojson',
  declarations: 'declarations.json',
};

function dataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'export-cli-'));
  const files: Record<string, { path: string; count: number; bytes: number; sha256: string }> = {};
  for (const [key, value] of Object.entries(FILES)) {
    writeFileSync(path.join(dir, PATHS[key]), JSON.stringify(value));
    files[key] = { path: PATHS[key], count: 0, bytes: 0, sha256: 'x' };
  }
  const defects = defectFileBytes(NO_DEFECTS);
  writeFileSync(path.join(dir, 'defects.bin'), defects.bin);
  writeFileSync(path.join(dir, 'defect-ids.json'), defects.ids);
  files.defects = { path: 'defects.bin', count: 0, bytes: 0, sha256: 'x' };
  files.defectIds = { path: 'defect-ids.json', count: 0, bytes: 0, sha256: 'x' };
  writeFileSync(
    path.join(dir, 'manifest.json'),
    JSON.stringify({
      schemaVersion: 1,
      campaignId: campaign.id,
      generatedAt: '2019-09-12T00:00:00Z',
      asOfDate: '2019-09-12',
      sample: true,
      files,
      attribution: [],
    }),
  );
  return dir;
}

describe('parseCliArgs', () => {
  it('reads a zone-list job', () => {
    expect(parseCliArgs(['--rule', 'R300', '--format', 'csv', '--out', 'x.csv', '--lang', 'en'], {})).toEqual({
      data: 'public/data',
      dataDir: 'data',
      out: 'x.csv',
      lang: 'en',
      asOf: undefined,
      job: { kind: 'zones', selection: { by: 'rule', ruleId: 'R300' }, format: 'csv' },
    });
    expect(parseCliArgs(['--task-force', 'TF1', '--format', 'kml', '--out', 'x']).job).toEqual({
      kind: 'zones',
      selection: { by: 'taskForce', code: 'TF1' },
      format: 'kml',
    });
    expect(parseCliArgs(['--weekly', '2019-09-11', '--out', 'w.xlsx']).job).toEqual({
      kind: 'weekly',
      cutoff: '2019-09-11',
    });
  });

  it.each([
    [['--rule', 'R300', '--format', 'pdf', '--out', 'x'], /--format must be one of csv\|xlsx\|geojson\|kml, not "pdf"/],
    [['--rule', 'R300', '--all', '--format', 'csv', '--out', 'x'], /choose one of --rule, --all/],
    [['--format', 'csv', '--out', 'x'], /say what to export/],
    [['--all', '--format', 'csv'], /--out <file> is required/],
    [['--all', '--format', 'csv', '--out', 'x', '--lang', 'fr'], /--lang must be zh or en/],
    [['--weekly', '2019-9-11', '--out', 'x'], /--weekly needs the cut-off date as YYYY-MM-DD/],
    [['--declarations', '--format', 'csv', '--out', 'x'], /--declarations writes xlsx only/],
    [['--all', '--format', 'csv', '--out', 'x', '--bogus'], /Unknown option '--bogus'/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});

describe('run', () => {
  const now = new Date('2019-09-12T02:00:00Z');

  it('computes the zones with the engine and writes the same bytes as the app’s core', async () => {
    const dir = dataDir();
    const { file, summary } = await run(
      parseCliArgs(['--data', dir, '--all', '--format', 'csv', '--lang', 'en', '--out', 'x.csv']),
      now,
    );
    const engine = computeEngine({
      campaign,
      communities,
      markets,
      compounds,
      streets,
      townSeats: EMPTY,
      stations: EMPTY,
      adsites: EMPTY,
      land: null,
      defects: NO_DEFECTS,
    } as never);
    const same = await exportZoneList(
      exportContext(FILES as never, { asOfDate: '2019-09-12', sample: true }, engine, now),
      { by: 'all' },
      'csv',
      { lang: 'en' },
    );
    expect(new TextDecoder().decode(file.bytes)).toBe(new TextDecoder().decode(same.bytes));
    expect(same.rowCount).toBeGreaterThan(0);
    expect(summary).toBe(`${same.rowCount} row(s)`);
    expect(file.filename).toBe('all-zones_2019-09-12_sample.csv');
  });

  it('names the valid rules for an unknown one', async () => {
    await expect(
      run(parseCliArgs(['--data', dataDir(), '--rule', 'R9', '--format', 'csv', '--out', 'x']), now),
    ).rejects.toThrow(/unknown rule "R9"; valid rules: R300, R500, R1000/);
  });

  it('says what is missing when the data directory is wrong', async () => {
    await expect(
      run(parseCliArgs(['--data', '/nonexistent', '--all', '--format', 'csv', '--out', 'x']), now),
    ).rejects.toThrow(/no manifest.json in \/nonexistent/);
  });

  it('writes the declaration tracker', async () => {
    const { file } = await run(parseCliArgs(['--data', dataDir(), '--declarations', '--out', 'd.xlsx']), now);
    expect(file.filename).toBe('网上申报_2019-09-12_示例数据.xlsx');
  });
});

describe('--radius', () => {
  const now = new Date('2019-09-12T02:00:00Z');

  it('computes the list at the what-if radius and says so, as the app does', async () => {
    const args = parseCliArgs([
      '--data',
      dataDir(),
      '--rule',
      'R300',
      '--radius',
      'R300:400',
      '--format',
      'csv',
      '--out',
      'x.csv',
    ]);
    expect(args.job).toEqual({
      kind: 'zones',
      selection: { by: 'rule', ruleId: 'R300' },
      format: 'csv',
      radius: 'R300:400',
    });
    const { file } = await run(args, now);
    const input = {
      campaign,
      communities,
      markets,
      compounds,
      streets,
      townSeats: EMPTY,
      stations: EMPTY,
      adsites: EMPTY,
      land: null,
      defects: NO_DEFECTS,
    } as never;
    const engine = computeEngine(input, { radiusOverrides: { R300: 400 } });
    const same = await exportZoneList(
      exportContext(FILES as never, { asOfDate: '2019-09-12', sample: true }, engine, now),
      { by: 'rule', ruleId: 'R300' },
      'csv',
    );
    expect(file.bytes).toEqual(same.bytes);
    expect(file.filename).toBe('R300_城市社区周边300米_R300试算400米_2019-09-12_示例数据.csv');
    expect(new TextDecoder().decode(file.bytes)).toContain('城市社区周边300米（试算半径 400 米，方案 300 米）');
  });

  it.each([
    [['--radius', 'R300:1e308'], /--radius "R300:1e308": must be a number of metres from 10 to 20000 \(got 1e\+308\)/],
    [['--radius', 'R300'], /--radius "R300": must be <rule>:<metres>/],
    [['--radius', 'R300:'], /--radius "R300:": must be a number of metres/],
  ])('rejects %j as a usage error', (extra, message) => {
    const argv = ['--all', '--format', 'csv', '--out', 'x', ...extra];
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });

  it('is for zone lists only', () => {
    expect(() => parseCliArgs(['--weekly', '2019-09-11', '--radius', 'R300:400', '--out', 'w.xlsx'])).toThrow(
      /--radius applies to zone lists/,
    );
  });

  it('names the valid rules for an unknown one', async () => {
    const args = parseCliArgs(['--data', dataDir(), '--all', '--radius', 'R9:400', '--format', 'csv', '--out', 'x']);
    await expect(run(args, now)).rejects.toThrow('--radius: unknown rule "R9"; valid rules: R300, R500, R1000');
  });
});
