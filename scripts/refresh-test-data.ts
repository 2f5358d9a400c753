/**
 * The data folder both refresh tests start from: the bundled campaign.json, the small test boundary
 * (src/dataset/test-data.ts) and a sources.json listing it, communities.csv and `extraSources`. Each test writes
 * its own communities.csv.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
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
