/**
 * Defect details off the critical path (src/dataset/details.ts): what the chunks, one chunk and the compact history
 * file weigh at 5k (the sample in public/data), 100k and 1M defects, and what the history-based views pay to load
 * their histories: either the history file (JSON.parse + decode) or every chunk (JSON.parse of each). The larger
 * sets repeat the sample's details with new ids (their descriptions, photos and histories are the sample's), so the
 * bytes per defect are the sample's. Run `npm run refresh` first. `--quick` stops at 100k.
 *
 * The last column is what the history views compute once the histories are in, on the page's main thread: the
 * red/black list (redBlackList) and the weekly open/closed series (openClosedByWeek), on defects that repeat the
 * sample's as the browser bench's do (scaled-defects.ts), each with its own history.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { DETAILS_CHUNK_SIZE, buildDetailsFiles, decodeHistories, type DetailsRow } from '../../src/dataset/details';
import type { Campaign } from '../../src/campaign/types';
import type { DefectDetails, Manifest } from '../../src/dataset/types';
import { defectTableFromColumns } from '../../src/defects/table';
import { redBlackList } from '../../src/insights/units';
import { openClosedByWeek } from '../../src/insights/weekly-series';
import { readDefectColumns } from '../lib/defects-files';
import { scaleDefects } from './scaled-defects';

const quick = process.argv.includes('--quick');
const DATA = 'public/data';
if (!existsSync(path.join(DATA, 'manifest.json'))) {
  console.error(`${DATA}/manifest.json is missing: run \`npm run refresh\``);
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(path.join(DATA, 'manifest.json'), 'utf8')) as Manifest;
const defects = readDefectColumns(DATA);
const campaign = JSON.parse(readFileSync(path.join(DATA, manifest.files.campaign.path), 'utf8')) as Campaign;
const index = JSON.parse(readFileSync(path.join(DATA, manifest.files.defectDetails.path), 'utf8')) as {
  chunks: { path: string }[];
};
const sample: DefectDetails = {};
for (const c of index.chunks) Object.assign(sample, JSON.parse(readFileSync(path.join(DATA, c.path), 'utf8')));
const sampleRows: DetailsRow[] = defects.id.map((id) => ({ id, ...sample[id] }));

const gz = (text: string) => gzipSync(text, { level: 6 }).length;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;
const time = (f: () => void) => {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
};

console.log(`chunk size ${DETAILS_CHUNK_SIZE} defects; sizes raw / gzip (level 6); times are one run on this machine`);
console.log(
  'defects   | chunks | all chunks raw / gz     | one chunk raw / gz  | index raw | history raw / gz     | history parse+decode | all chunks parse | history views',
);
for (const count of quick ? [defects.count, 100_000] : [defects.count, 100_000, 1_000_000]) {
  const rows: DetailsRow[] = Array.from({ length: count }, (_, k) => ({
    ...sampleRows[k % sampleRows.length],
    id: k < sampleRows.length ? sampleRows[k].id : `X${String(k).padStart(7, '0')}`,
  }));
  const built = buildDetailsFiles(rows);
  let chunkRaw = 0;
  let chunkGz = 0;
  let parseAll = 0;
  for (const c of built.chunks) {
    chunkRaw += Buffer.byteLength(c.content);
    chunkGz += gz(c.content);
    parseAll += time(() => JSON.parse(c.content));
  }
  const one = built.chunks[0].content;
  let histories = null as ReturnType<typeof decodeHistories> | null;
  const decode = time(() => (histories = decodeHistories(JSON.parse(built.historyContent), count)));
  const scaled = scaleDefects(defects, count);
  const columns = {
    ...defectTableFromColumns({ ...scaled, sample: defects.sample }),
    id: scaled.id,
    sample: defects.sample,
  };
  const views = time(() => {
    redBlackList(campaign, columns, histories, campaign.asOfDate);
    openClosedByWeek(campaign, columns, histories, campaign.asOfDate);
  });
  console.log(
    [
      String(count).padStart(9),
      String(built.chunks.length).padStart(6),
      `${mb(chunkRaw)} / ${mb(chunkGz)}`.padStart(23),
      `${mb(Buffer.byteLength(one))} / ${mb(gz(one))}`.padStart(19),
      mb(Buffer.byteLength(built.indexContent)).padStart(9),
      `${mb(Buffer.byteLength(built.historyContent))} / ${mb(gz(built.historyContent))}`.padStart(20),
      `${decode.toFixed(0)} ms`.padStart(20),
      `${parseAll.toFixed(0)} ms`.padStart(16),
      `${views.toFixed(0)} ms`.padStart(13),
    ].join(' | '),
  );
}
