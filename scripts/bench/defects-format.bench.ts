/**
 * Which file format the defects travel in (issue #14): the same seeded defects as (a) today's columnar JSON,
 * (b) Arrow IPC through apache-arrow, (c) typed arrays behind a small JSON header (src/dataset/defects-bin.ts,
 * what the refresh writes), plus the variants of (c) that decided its layout. Per form: bytes raw and gzipped
 * (level 6 as `gzip` does, and level 1, nginx's default `gzip_comp_level`), encode and decode time (medians of 3,
 * decode = bytes to typed columns the defects worker can use), and for (b) the library's own gzipped size, which
 * the page would have to load before the first marker. Ids are measured apart (defect-ids.json), since the binary
 * forms leave them out. `--quick`: 5k and 100k only.
 *
 * The sets: the seeded synthetic defects (src/defects/synthetic.ts) and the browser bench's sets (the refreshed
 * sample repeated with a ±60 m jitter, scripts/bench/scaled-defects.ts) when public/data holds a refreshed sample.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import path from 'node:path';
import { tableFromArrays, tableFromIPC, tableToIPC } from 'apache-arrow';
import { parseCampaign } from '../../src/campaign/parse';
import { decodeDefectsBin, defectIdsJson, encodeDefectsBin } from '../../src/dataset/defects-bin';
import type { DefectColumns } from '../../src/dataset/types';
import { syntheticDefects } from '../../src/defects/synthetic';
import { defectTableFromColumns } from '../../src/defects/table';
import { readDefectColumns } from '../lib/defects-files';
import { scaleDefects } from './scaled-defects';

const quick = process.argv.includes('--quick');
const SCALES = quick ? [5_000, 100_000] : [5_000, 100_000, 1_000_000];
/** Issue #14: defects on the wire at 1M, gzipped. */
const TARGET_GZ_MB_AT_1M = 5;
const campaign = parseCampaign(JSON.parse(readFileSync('data/campaign.json', 'utf8')));

function median(f: () => void): number {
  const runs: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    f();
    runs.push(performance.now() - t0);
  }
  return runs.sort((a, b) => a - b)[1];
}

interface Form {
  name: string;
  encode: (c: DefectColumns) => Uint8Array;
  decode: (bytes: Uint8Array) => unknown;
}

const ab = (b: Uint8Array) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
const i32 = (xs: ArrayLike<number>, f: (x: number) => number = (x) => x) => Int32Array.from(xs, f);
const lngs = (c: DefectColumns) => Float64Array.from({ length: c.count }, (_, d) => c.coords[2 * d]);
const lats = (c: DefectColumns) => Float64Array.from({ length: c.count }, (_, d) => c.coords[2 * d + 1]);

/** Arrow: coordinates as float64 or int32 1e-7°, codes uint8, days int32 (what the decoder would have to read). */
function arrowForm(intCoords: boolean): Form {
  return {
    name: `(b) Arrow IPC, coords ${intCoords ? 'int32 1e-7°' : 'float64'}`,
    encode: (c) => {
      const coord = (xs: Float64Array) => (intCoords ? i32(xs, (x) => Math.round(x * 1e7)) : xs);
      const table = tableFromArrays({
        lng: coord(lngs(c)),
        lat: coord(lats(c)),
        taskForce: Uint8Array.from(c.taskForce),
        category: Uint16Array.from(c.category),
        state: Uint8Array.from(c.state),
        unit: Uint8Array.from(c.unit),
        subdistrict: Uint8Array.from(c.subdistrict),
        object: i32(c.object),
        found: i32(c.found),
        deadline: i32(c.deadline),
        updated: i32(c.updated),
      });
      return tableToIPC(table, 'file');
    },
    decode: (bytes) => {
      const table = tableFromIPC(bytes);
      return table.schema.fields.map((f) => table.getChild(f.name)!.toArray());
    },
  };
}

/** Typed arrays behind a JSON header without the byte planes: every column a plain little-endian array. */
function plainTyped(coords: 'float64' | 'int32'): Form {
  return {
    name: `(c') typed, coords ${coords} plain`,
    encode: (c) => {
      const header = new TextEncoder().encode(JSON.stringify({ count: c.count, tables: c.tables }));
      const cols: ArrayBufferView[] = [
        coords === 'float64' ? Float64Array.from(c.coords) : i32(c.coords, (x) => Math.round(x * 1e7)),
        Uint8Array.from(c.taskForce),
        Uint16Array.from(c.category),
        Uint8Array.from(c.state),
        Uint8Array.from(c.unit),
        Uint8Array.from(c.subdistrict),
        i32(c.object),
        i32(c.found),
        i32(c.deadline),
        i32(c.updated),
      ];
      const parts = [header, ...cols.map((a) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength))];
      const out = new Uint8Array(parts.reduce((n, p) => n + Math.ceil(p.byteLength / 8) * 8, 0));
      let at = 0;
      for (const p of parts) {
        out.set(p, at);
        at += Math.ceil(p.byteLength / 8) * 8;
      }
      return out;
    },
    decode: () => null,
  };
}

const FORMS: Form[] = [
  {
    name: '(a) defects.json (ids included)',
    encode: (c) => new TextEncoder().encode(JSON.stringify(c)),
    decode: (bytes) => defectTableFromColumns(JSON.parse(new TextDecoder().decode(bytes)) as DefectColumns),
  },
  arrowForm(false),
  arrowForm(true),
  plainTyped('float64'),
  plainTyped('int32'),
  {
    name: '(c) defects.bin: int32 1e-7° byte planes',
    encode: (c) => encodeDefectsBin(c),
    decode: (bytes) => decodeDefectsBin(ab(bytes)),
  },
  {
    name: 'defect-ids.json (ids alone)',
    encode: (c) => new TextEncoder().encode(defectIdsJson(c.id)),
    decode: (bytes) => JSON.parse(new TextDecoder().decode(bytes)) as unknown,
  },
];

const rows: Record<string, string | number>[] = [];
function measure(set: string, c: DefectColumns) {
  for (const form of FORMS) {
    let bytes: Uint8Array = new Uint8Array();
    const encodeMs = median(() => (bytes = form.encode(c)));
    const decodeMs = form.decode(bytes) === null ? null : median(() => form.decode(bytes));
    rows.push({
      set,
      defects: c.count.toLocaleString('en'),
      form: form.name,
      'raw bytes': bytes.byteLength,
      'gzip -6 bytes': gzipSync(bytes, { level: 6 }).byteLength,
      'gzip -1 bytes': gzipSync(bytes, { level: 1 }).byteLength,
      'encode ms': encodeMs.toFixed(0),
      'decode ms': decodeMs === null ? '—' : decodeMs.toFixed(0),
    });
  }
}

for (const n of SCALES) measure('synthetic', syntheticDefects(campaign, { count: n, seed: 20190821 }).columns);
const sample = existsSync('public/data/manifest.json') ? readDefectColumns('public/data') : null;
if (sample) for (const n of SCALES) measure('sample ×jitter', scaleDefects(sample, n));
else console.log('public/data has no refreshed sample: run `npm run refresh` to add the browser bench sets');
console.table(rows);

const arrowFile = path.join(
  path.dirname(createRequire(import.meta.url).resolve('apache-arrow')),
  'Arrow.es2015.min.js',
);
const arrowGz = gzipSync(readFileSync(arrowFile)).byteLength;
console.log(`apache-arrow ${path.basename(arrowFile)}: ${(arrowGz / 1024).toFixed(0)} KB gzipped (the whole library)`);
const at1M = rows.filter((r) => r.defects === '1,000,000' && String(r.form).startsWith('(c) '));
for (const r of at1M) {
  const mb = Number(r['gzip -6 bytes']) / 1e6;
  console.log(
    `${r.set} 1M defects.bin: ${mb.toFixed(2)} MB gzipped: target ≤ ${TARGET_GZ_MB_AT_1M} MB ${mb <= TARGET_GZ_MB_AT_1M ? 'met' : 'missed'}`,
  );
}
