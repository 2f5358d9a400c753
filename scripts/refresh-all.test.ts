/**
 * `npm run refresh-all` over a root of three districts: Dinghai (the bundled sample folder), 岱山县 made by
 * new-district with seeded sample defects, and 嵊泗县, refreshed once and then broken: its previous data set is
 * kept and districts.json names it failed, with the one-line reason and the time of the data kept.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkDistrictsIndex, type DistrictsIndex } from '../src/dataset/districts';
import type { ImportReport, Manifest } from '../src/dataset/types';
import { copyDinghai, makeSeededDistrict } from './districts-test-data';
import { refreshAll } from './refresh-all';

let work: string;
let root: string;
let out: string;
let first: DistrictsIndex;
let second: DistrictsIndex;
let secondCode: number;
let lines: string[];

const readIndex = () => JSON.parse(readFileSync(join(out, 'districts.json'), 'utf8')) as DistrictsIndex;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'refresh-all-'));
  root = join(work, 'districts');
  out = join(work, 'site-data');
  copyDinghai(join(root, 'dinghai'));
  await makeSeededDistrict(join(root, 'daishan'), '330921', [
    ['TF1', 'in_progress', '2019-09-01', '2019-09-05', '2019-09-02'],
    ['TF1', 'reported', '2019-09-10', '2019-09-20', '2019-09-10'],
    ['TF2', 'closed', '2019-09-01', '2019-09-20', '2019-09-11'],
  ]);
  await makeSeededDistrict(join(root, 'shengsi'), '330922', [
    ['TF2', 'assigned', '2019-09-01', '2019-09-30', '2019-09-02'],
  ]);
  const log: string[] = [];
  expect(
    await refreshAll({ root, out, now: () => new Date('2019-09-12T08:00:00Z') }, (l) => log.push(l)),
    log.join('\n'),
  ).toBe(0);
  first = readIndex();
  // 嵊泗 breaks: a defect with a state the campaign does not know.
  const csv = join(root, 'shengsi', 'seeded-defects.csv');
  writeFileSync(csv, readFileSync(csv, 'utf8').replace('assigned', '不存在的状态'));
  lines = [];
  secondCode = await refreshAll({ root, out }, (l) => lines.push(l));
  second = readIndex();
}, 240_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('refresh-all', () => {
  test('refreshes each district into <out>/<adcode>/ and indexes them', () => {
    expect(checkDistrictsIndex(first)).toBeNull();
    expect(first.generatedAt).toBe('2019-09-12T08:00:00.000Z');
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))).toEqual({
      schemaVersion: 1,
      districts: 'districts.json',
    });
    expect(first.districts.map((d) => `${d.adcode} ${d.name} ${d.status} ${d.sample}`)).toEqual([
      '330921 岱山县 ok true',
      '330902 定海区 ok true',
      '330922 嵊泗县 ok true',
    ]);
  });

  test('rolls up each district at its own as-of date', () => {
    const daishan = first.districts.find((d) => d.adcode === '330921')!;
    expect(daishan.asOfDate).toBe('2019-09-12');
    expect(daishan.rollup!.totals).toEqual({ open: 2, overdue: 1, closedThisWeek: 1, worstState: 'overdue' });
    expect(daishan.rollup!.worstTaskForce).toBe('TF1');
    const dinghai = first.districts.find((d) => d.adcode === '330902')!;
    expect(dinghai.rollup!.totals.open).toBeGreaterThan(100);
  });

  test("gives each district's zones per rule from the coverage its refresh published", () => {
    for (const d of first.districts) {
      const report = JSON.parse(readFileSync(join(out, d.adcode, 'import-report.json'), 'utf8')) as ImportReport;
      expect(
        d.zones!.map((z) => [z.ruleId, z.radiusM, z.zones, z.members, z.emptyZones]),
        d.name,
      ).toEqual(report.coverage.map((c) => [c.ruleId, c.radiusM, c.zones, c.members, c.emptyZones.length]));
    }
    const dinghai = first.districts.find((d) => d.adcode === '330902')!;
    expect(dinghai.zones!.every((z) => z.zones > 0 && z.members > 0)).toBe(true);
    // The seeded districts have defects but no anchors yet: every rule listed, with no zone.
    const daishan = first.districts.find((d) => d.adcode === '330921')!;
    expect(daishan.zones!.map((z) => z.ruleId)).toEqual(dinghai.zones!.map((z) => z.ruleId));
    expect(daishan.zones!.every((z) => z.zones === 0 && z.members === 0)).toBe(true);
  });

  test('a failing district keeps its previous data and is named failed, the others go on', () => {
    expect(secondCode).toBe(1);
    const shengsi = second.districts.find((d) => d.adcode === '330922')!;
    const before = first.districts.find((d) => d.adcode === '330922')!;
    expect(shengsi.status).toBe('failed');
    expect(shengsi.reason).toMatch(/seeded-defects\.csv:row 2: .*不存在的状态/);
    expect(shengsi.reason).toMatch(/\(1 problem\(s\)\)$/);
    expect(shengsi.reason).not.toContain(work);
    expect(shengsi).toMatchObject({ generatedAt: before.generatedAt, rollup: before.rollup, zones: before.zones });
    const daishan = second.districts.find((d) => d.adcode === '330921')!;
    expect(daishan.status).toBe('ok');
    expect(daishan.generatedAt).not.toBe(first.districts.find((d) => d.adcode === '330921')!.generatedAt);
    // The kept data set of the failed district is the one its entry describes.
    for (const d of second.districts) {
      const manifest = JSON.parse(readFileSync(join(out, d.adcode, 'manifest.json'), 'utf8')) as Manifest;
      expect(d).toMatchObject({ generatedAt: manifest.generatedAt, asOfDate: manifest.asOfDate });
    }
    expect(lines.at(-1)).toBe(
      'refresh-all: 2 of 3 district(s) refreshed; failed (previous data kept): 嵊泗县 (330922)',
    );
  });

  test("refuses an --out that holds one district's data set", async () => {
    const log: string[] = [];
    expect(await refreshAll({ root, out: join(out, '330902') }, (l) => log.push(l))).toBe(2);
    expect(log).toHaveLength(1);
    expect(log[0]).toContain("holds one district's data set");
  });
});
