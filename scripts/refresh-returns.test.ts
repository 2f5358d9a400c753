/**
 * Field records zips in the data folder's returns/ (issue 11), through the real refresh process: picked up
 * without a sources.json entry, merged into the defects with their photos published stripped, reported when they
 * no longer fit, refused with file, row and column when bad, and the same zip twice changes nothing.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DetailsReader } from '../src/dataset/details-reader';
import type { DefectDetails, ImportReport, Manifest } from '../src/dataset/types';
import { fileFetch } from './lib/file-fetch';
import { jpegWithMetadata } from '../src/field/__fixtures__/exif';
import { hasJpegMetadata } from '../src/field/jpeg-strip';
import { newDefectId, type FieldRecord } from '../src/field/record';
import { recordsZip } from '../src/field/records-zip';
import { communitiesCsv, GOOD_ROWS, writeDataDir } from './refresh-test-data';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const NODE_ARGS = ['--import', 'tsx', join(root, 'scripts', 'refresh.ts')];

let work: string;
let data: string;
let out: string;

function run() {
  const r = spawnSync(process.execPath, [...NODE_ARGS, '--data', data, '--out', out], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const record = (over: Partial<FieldRecord>): FieldRecord => ({
  id: 'R20190913-00000001',
  verdict: 'rectified',
  defect: 'D1',
  object: null,
  taskForce: null,
  category: null,
  note: '',
  inspector: '张三',
  time: '2019-09-13T10:05:00+08:00',
  lngLat: [122.1051, 30.0201],
  accuracyM: 6,
  photos: [],
  ...over,
});
const RECTIFIED = record({ photos: ['R20190913-00000001_1.jpg'] });
const NEW_ISSUE = record({
  id: 'R20190913-00000002',
  verdict: 'newIssue',
  defect: null,
  object: 'C1',
  taskForce: 'TF1',
  category: 'TF1-01',
  note: '外墙脱落',
});
const UNKNOWN = record({ id: 'R20190913-00000003', verdict: 'stillThere', defect: 'D404' });
const zip = (records: FieldRecord[]) =>
  recordsZip(records, new Map([['R20190913-00000001_1.jpg', jpegWithMetadata()]]));

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'refresh-returns-'));
  data = join(work, 'data');
  out = join(work, 'out');
  writeDataDir(data, {
    communitiesCrs: 'wgs84',
    extraSources: [{ id: 'defects', path: 'defects.csv', kind: 'defect', format: 'csv', crs: 'wgs84' }],
  });
  writeFileSync(join(data, 'communities.csv'), communitiesCsv(GOOD_ROWS));
  writeFileSync(
    join(data, 'defects.csv'),
    '编号,专项,类别,状态,经度,纬度,发现日期,整改期限,状态日期,责任单位,所属街道\n' +
      'D1,背街小巷,TF2-01,整改中,122.105,30.02,2019-09-01,2019-09-20,2019-09-05,U-ZHZF,昌国街道\n',
  );
  mkdirSync(join(data, 'returns'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('refresh with returns/', () => {
  test('merges every zip, publishes the photos stripped, warns about what no longer fits; twice is once', async () => {
    writeFileSync(join(data, 'returns', '巡查记录_张三_2019-09-13.zip'), zip([RECTIFIED, NEW_ISSUE, UNKNOWN]));
    const first = run();
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain(
      "returns/巡查记录_张三_2019-09-13.zip/巡查记录.csv:row 4: warning: 问题编号: unknown defect id 'D404'",
    );
    // Read the published chunks through the browser's reader, as scripts/export.ts does.
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
    const reader = new DetailsReader(out, fileFetch, manifest.files.defectDetails);
    const all = await reader.rows([...Array(manifest.files.defects.count).keys()]);
    expect(all.errors).toEqual([]);
    const details: DefectDetails = all.details;
    expect(details.D1.history.at(-1)).toMatchObject({
      date: '2019-09-13',
      from: 'in_progress',
      to: 'awaiting_recheck',
      field: { by: '张三', lngLat: [122.1051, 30.0201], photos: ['field-photo-R20190913-00000001_1.jpg'] },
    });
    const created = details[newDefectId('R20190913-00000002')];
    expect(created.history).toMatchObject([{ from: null, to: 'reported', field: { verdict: 'newIssue' } }]);
    const photo = new Uint8Array(readFileSync(join(out, 'field-photo-R20190913-00000001_1.jpg')));
    expect(hasJpegMetadata(photo)).toBe(false);
    const report = JSON.parse(readFileSync(join(out, 'import-report.json'), 'utf8')) as ImportReport;
    expect(report.sources.map((s) => s.path)).toContain('returns/巡查记录_张三_2019-09-13.zip');

    const files = () =>
      Object.fromEntries(
        readdirSync(out)
          .filter((n) => n !== 'manifest.json' && n !== 'import-report.json')
          .map((n) => [n, readFileSync(join(out, n), 'base64')]),
      );
    const before = files();
    cpSync(join(data, 'returns', '巡查记录_张三_2019-09-13.zip'), join(data, 'returns', 'sent-again.zip'));
    const second = run();
    expect(second.code, second.stderr).toBe(0);
    expect(files()).toEqual(before);
    // Two refresh processes: generous for a shared, loaded machine.
  }, 180_000);

  test('a bad record fails the refresh naming the zip, the row and the column; the output is unchanged', () => {
    const good = run();
    expect(good.code, good.stderr).toBe(0);
    const manifest = readFileSync(join(out, 'manifest.json'), 'utf8');
    writeFileSync(
      join(data, 'returns', 'bad.zip'),
      zip([RECTIFIED, record({ id: 'R20190913-00000009', inspector: '' })]),
    );
    const bad = run();
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('returns/bad.zip/巡查记录.csv:row 3: 巡查员: missing');
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(manifest);
  }, 180_000);
});
