/**
 * Bytes per defect in public/data: defects.bin with defect-ids.json (what the refresh writes), the columnar
 * defects.json it replaced, and the naive form (a GeoJSON FeatureCollection
 * of Point features with the same fields as properties), raw and gzipped, for the refreshed Dinghai sample and for
 * seeded synthetic sets of 100k and 1M defects. Also times JSON.parse of each, since the browser pays that on load.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { parseCampaign } from '../../src/campaign/parse';
import { isoFromDay } from '../../src/campaign/dates';
import type { DefectColumnsBuilder } from '../../src/dataset/types';
import { syntheticDefects } from '../../src/defects/synthetic';
import { decodeDefectsBin, defectIdsJson, encodeDefectsBin } from '../../src/dataset/defects-bin';
import { readDefectColumns } from '../lib/defects-files';

const quick = process.argv.includes('--quick');
const campaign = parseCampaign(JSON.parse(readFileSync('data/campaign.json', 'utf8')));

/** The naive file: one GeoJSON feature per defect, strings repeated in every feature. */
function naiveGeoJson(c: DefectColumnsBuilder): string {
  const features = [];
  for (let i = 0; i < c.count; i++) {
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [c.coords[2 * i], c.coords[2 * i + 1]] },
      properties: {
        id: c.id[i],
        taskForce: c.tables.taskForce[c.taskForce[i]],
        category: c.tables.category[c.category[i]],
        state: c.tables.state[c.state[i]],
        unit: c.tables.unit[c.unit[i]],
        subdistrict: c.tables.subdistrict[c.subdistrict[i]],
        object: c.object[i] < 0 ? null : c.tables.object[c.object[i]],
        found: isoFromDay(c.found[i]),
        deadline: isoFromDay(c.deadline[i]),
        updated: isoFromDay(c.updated[i]),
      },
    });
  }
  return JSON.stringify({ type: 'FeatureCollection', features });
}

function parseMs(text: string): number {
  const runs: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    JSON.parse(text);
    runs.push(performance.now() - t0);
  }
  return runs.sort((a, b) => a - b)[1];
}

interface Row {
  set: string;
  count: number;
  form: string;
  raw: number;
  gz: number;
  parse: number;
}
const rows: Row[] = [];
function measure(set: string, columns: DefectColumnsBuilder) {
  const columnar = JSON.stringify(columns);
  const naive = naiveGeoJson(columns);
  for (const [form, text] of [
    ['columnar defects.json', columnar],
    ['naive GeoJSON', naive],
  ] as const) {
    const raw = Buffer.byteLength(text);
    const gz = gzipSync(text, { level: 6 }).length;
    rows.push({ set, count: columns.count, form, raw, gz, parse: parseMs(text) });
  }
  // What the refresh writes now: the binary columns (decoded, not parsed) and the ids apart.
  const bin = encodeDefectsBin(columns);
  const ids = defectIdsJson(columns.id);
  binRows.push(
    {
      set,
      count: columns.count,
      form: 'defects.bin',
      raw: bin.byteLength,
      gz: gzipSync(bin).length,
      parse: decodeMs(bin),
    },
    {
      set,
      count: columns.count,
      form: 'defect-ids.json',
      raw: Buffer.byteLength(ids),
      gz: gzipSync(ids).length,
      parse: parseMs(ids),
    },
  );
}

function decodeMs(bytes: Uint8Array): number {
  const buffer = bytes.slice().buffer;
  const runs: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    decodeDefectsBin(buffer);
    runs.push(performance.now() - t0);
  }
  return runs.sort((a, b) => a - b)[1];
}

const binRows: Row[] = [];
if (existsSync('public/data/manifest.json')) {
  measure('Dinghai sample (public/data)', readDefectColumns('public/data'));
} else console.log('public/data/manifest.json is missing: run `npm run refresh` to include the sample');
for (const count of quick ? [100_000] : [100_000, 1_000_000]) {
  measure(
    `synthetic ${count / 1000}k`,
    syntheticDefects(campaign, { count, tiles: count >= 1_000_000 ? 100 : 10 }).columns,
  );
}

const kib = (b: number) => `${(b / 1024).toFixed(0)} KiB`;
console.log(
  'set                           | defects   | form                  | bytes/defect raw | gzip  | file raw   | gzip      | JSON.parse',
);
for (const r of rows) {
  console.log(
    [
      r.set.padEnd(29),
      String(r.count).padStart(9),
      r.form.padEnd(21),
      (r.raw / r.count).toFixed(1).padStart(16),
      (r.gz / r.count).toFixed(1).padStart(5),
      kib(r.raw).padStart(10),
      kib(r.gz).padStart(9),
      `${r.parse.toFixed(0)} ms`.padStart(10),
    ].join(' | '),
  );
}
for (const r of binRows)
  console.log(
    `${r.set.padEnd(29)} | ${String(r.count).padStart(9)} | ${r.form.padEnd(21)} | ${(r.raw / r.count).toFixed(1).padStart(16)} | ${(r.gz / r.count).toFixed(1).padStart(5)} | ${kib(r.raw).padStart(10)} | ${kib(r.gz).padStart(9)} | ${`${r.parse.toFixed(0)} ms`.padStart(10)}${r.form === 'defects.bin' ? ' (decode)' : ''}`,
  );
for (let i = 0; i < rows.length; i += 2) {
  const [c, n] = [rows[i], rows[i + 1]];
  console.log(
    `${c.set}: columnar is ${(n.raw / c.raw).toFixed(1)}× smaller raw, ${(n.gz / c.gz).toFixed(1)}× smaller gzipped, parses ${(n.parse / c.parse).toFixed(1)}× faster than the naive GeoJSON`,
  );
}
