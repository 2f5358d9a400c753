/**
 * District folders for the several-districts tests (scripts/refresh-all.test.ts, tests/e2e/districts.e2e.test.ts):
 * a district made by `npm run new-district` from the bundled DataV file of two Zhoushan districts, with a few
 * seeded defect rows (labelled sample) at a point inside its boundary, and the Dinghai data folder copied.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { pointOnFeature } from '@turf/turf';
import type { SourceSpec, SourcesFile } from '../src/ingest/types';
import { newDistrict } from './new-district';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ZHOUSHAN_BOUNDARIES = join(root, 'data', 'geodata', 'zhoushan_more_districts_gcj02.geojson');

/** One seeded defect: task force, state, found, deadline and state dates (the unit and place are filled in). */
export type SeededDefect = [taskForce: string, state: string, found: string, deadline: string, updated: string];

const DEFECT_COLUMNS = [
  '编号',
  '专项',
  '类别',
  '状态',
  '经度',
  '纬度',
  '发现日期',
  '整改期限',
  '状态日期',
  '责任单位',
  '所属街道',
];

/** Copies the bundled Dinghai data folder (campaign, sources and the sample files) to `dir`. */
export function copyDinghai(dir: string): void {
  cpSync(join(root, 'data'), dir, {
    recursive: true,
    filter: (src) => !src.endsWith('refresh-problems.txt'),
  });
}

/**
 * Makes `dir` for the district `pick` (adcode or name) of the Zhoushan file and adds `defects` as a sample CSV
 * source, in place of the empty templates. Throws when new-district refuses.
 */
export async function makeSeededDistrict(dir: string, pick: string, defects: SeededDefect[]): Promise<void> {
  const lines: string[] = [];
  const code = await newDistrict(
    { boundary: ZHOUSHAN_BOUNDARIES, crs: 'gcj02', pick, out: dir, campaignFrom: join(root, 'data', 'campaign.json') },
    (l) => lines.push(l),
  );
  if (code !== 0) throw new Error(`new-district ${pick}: ${lines.join('; ')}`);
  const boundary = JSON.parse(readFileSync(join(dir, 'geodata', 'boundary_wgs84.geojson'), 'utf8')) as
    FeatureCollection<Polygon | MultiPolygon> | Feature<Polygon | MultiPolygon>;
  const feature = boundary.type === 'FeatureCollection' ? boundary.features[0] : boundary;
  const [lng, lat] = pointOnFeature(feature).geometry.coordinates;
  const campaign = JSON.parse(readFileSync(join(dir, 'campaign.json'), 'utf8')) as {
    subdistricts: { zh: string }[];
  };
  const rows = defects.map(([tf, state, found, deadline, updated], i) =>
    [
      `S${i + 1}`,
      tf,
      `${tf}-01`,
      state,
      lng.toFixed(6),
      lat.toFixed(6),
      found,
      deadline,
      updated,
      'U-ZJJ',
      campaign.subdistricts[0].zh,
    ].join(','),
  );
  writeFileSync(join(dir, 'seeded-defects.csv'), [DEFECT_COLUMNS.join(','), ...rows].join('\n') + '\n');
  const sources = JSON.parse(readFileSync(join(dir, 'sources.json'), 'utf8')) as SourcesFile;
  const spec: SourceSpec = {
    id: 'seeded-defects',
    path: 'seeded-defects.csv',
    kind: 'defect',
    format: 'csv',
    crs: 'wgs84',
    encoding: 'utf8',
    sample: true,
  };
  // The empty templates stay listed (each is a warning, not a problem); the seeded defects come on top.
  sources.sources.push(spec);
  writeFileSync(join(dir, 'sources.json'), JSON.stringify(sources, null, 2));
}
