/**
 * The data folder both refresh tests start from: the bundled campaign.json, the small test boundary
 * (src/dataset/test-data.ts) and a sources.json listing it, communities.csv and `extraSources`. Each test writes
 * its own communities.csv (`communitiesCsv`); `snapshotTree` captures a folder to prove it unchanged.
 */
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { smallBoundary } from '../src/dataset/test-data';
import type { SourceSpec } from '../src/ingest/types';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function writeDataDir(
  data: string,
  { communitiesCrs, extraSources = [] }: { communitiesCrs: SourceSpec['crs']; extraSources?: SourceSpec[] },
): void {
  mkdirSync(data, { recursive: true });
  cpSync(join(root, 'data', 'campaign.json'), join(data, 'campaign.json'));
  writeFileSync(join(data, 'boundary.geojson'), JSON.stringify(smallBoundary()));
  writeFileSync(
    join(data, 'sources.json'),
    JSON.stringify({
      schemaVersion: 1,
      sources: [
        { id: 'boundary', path: 'boundary.geojson', kind: 'boundary', format: 'geojson', crs: 'wgs84' },
        { id: 'communities', path: 'communities.csv', kind: 'community', format: 'csv', crs: communitiesCrs },
        ...extraSources,
      ],
    }),
  );
}

/** communities.csv with the usual Chinese headers and these rows. */
export const communitiesCsv = (rows: string[]) => ['编号,名称,区划代码,经度,纬度,所属街道', ...rows].join('\n') + '\n';

export const GOOD_ROWS = [
  'C1,西安社区,330902002001,122.105,30.02,昌国街道',
  'C2,东管庙社区,330902002002,122.106,30.021,昌国街道',
];

/**
 * Everything under `dir` (recursively, links not followed) with its type and bytes, for "unchanged byte for byte"
 * checks; undefined when `dir` does not exist.
 */
export function snapshotTree(dir: string): Record<string, string> | undefined {
  if (!existsSync(dir)) return undefined;
  const tree: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const path = join(rel, name);
      const stat = lstatSync(join(dir, path));
      if (stat.isSymbolicLink()) tree[path] = `link:${readlinkSync(join(dir, path))}`;
      else if (stat.isDirectory()) {
        tree[path] = 'dir';
        walk(path);
      } else if (stat.isFile()) tree[path] = readFileSync(join(dir, path), 'base64');
      else tree[path] = 'special';
    }
  };
  walk('');
  return tree;
}
