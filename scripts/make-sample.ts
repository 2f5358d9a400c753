/**
 * `npm run sample`: writes the Dinghai sample source files under data/ (see src/sample/generate.ts) and
 * data/sources.json. Same inputs, same bytes: the committed files are checked against a fresh run in the tests.
 *
 * Usage: tsx scripts/make-sample.ts [--data <dir>]   (default: the repository's data/)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseCampaign } from '../src/campaign/parse';
import { generateSample } from '../src/sample/generate';
import type { SampleInputs, Vocabulary } from '../src/sample/settings';
import vocabulary from '../src/sample/vocabulary.json';

export const DEFAULT_DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'data');

/** Reads the real inputs the generator draws on from a data directory. */
export function loadSampleInputs(dataDir: string): SampleInputs {
  const text = (path: string) => readFileSync(join(dataDir, path), 'utf8');
  return {
    campaign: parseCampaign(JSON.parse(text('campaign.json')), 'campaign.json'),
    divisionsCsv: text('geodata/dinghai_divisions.csv'),
    townPoints: JSON.parse(text('geodata/dinghai_township_points_geonames_wgs84.geojson')),
    land: JSON.parse(text('geodata/zhoushan_land_osm_wgs84.geojson')),
    boundary: JSON.parse(text('geodata/dinghai_boundary_wgs84.geojson')),
    vocabulary: vocabulary as unknown as Vocabulary,
  };
}

async function main(argv: string[]): Promise<void> {
  const flag = argv.indexOf('--data');
  const dataDir = flag >= 0 && argv[flag + 1] ? resolve(argv[flag + 1]) : DEFAULT_DATA_DIR;
  const { files, counts } = await generateSample(loadSampleInputs(dataDir));
  for (const file of files) {
    const path = join(dataDir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.bytes);
  }
  console.log(`sample: wrote ${files.length} files under ${dataDir}`);
  console.log(
    Object.entries(counts)
      .map(([k, v]) => `  ${k}: ${v}`)
      .join('\n'),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
