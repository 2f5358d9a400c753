/**
 * defects.bin: the defects as little-endian typed arrays behind a small JSON header, so a worker can check the
 * bytes and use most columns as views on the fetched buffer, with no parse and no copy. Written by the refresh
 * (write.ts), scripts and benches in Node, read by the defects worker in the browser; one encoder, one decoder.
 *
 * Layout: `ZMDB` (4 bytes), the header's byte length (uint32 LE), the header (UTF-8 JSON, `DefectsBinHeader`),
 * zero padding to a multiple of 8, then the columns, each at its `offset` from there (a multiple of 8, so every
 * view is aligned; the platform is assumed little-endian, as every browser and Node platform we ship to is).
 * Codes are uint8 while their table fits, else uint16, and decode as views on the buffer (no copy). The int32
 * columns are stored as four byte planes (all first bytes, then all second bytes, …), since their high bytes
 * barely change from one defect to the next and gzip then finds long runs: coordinates in units of 1e-7° (about
 * 1 cm; lossless for the 6 decimals the refresh keeps), longitudes and latitudes apart; objects (-1 = none); the
 * found, deadline (0 = none) and updated days. At 1M defects this takes defects.bin from 7.9 MB gzipped as plain
 * int32 to 4.1 MB, for one pass per column when decoding (scripts/bench/defects-format.bench.ts).
 * Ids are not in it: they are in defect-ids.json, which the map does not need to draw.
 */
import { idsToArray } from './packed-ids';
import type { DefectColumns, DefectIds } from './types';
import type { CodeColumn, DefectTable } from '../defects/table';

export const DEFECTS_BIN_VERSION = 1;
const MAGIC = [0x5a, 0x4d, 0x44, 0x42]; // 'ZMDB'
const COORD_SCALE = 1e7;
/** The code columns and their tables; a table may hold at most 65 536 entries (uint16). */
const CODE_COLUMNS = ['taskForce', 'category', 'state', 'unit', 'subdistrict'] as const;
const DAY_COLUMNS = ['found', 'deadline', 'updated'] as const;
const MAX_CODES = 65536;

type ColumnType = 'uint8' | 'uint16' | 'int32';
/** `planes`: the column's bytes stored as byte planes (see above); `plain`: as the typed array's bytes. */
type ColumnLayout = 'plain' | 'planes';

export interface DefectsBinColumn {
  name: string;
  type: ColumnType;
  layout: ColumnLayout;
  /** Byte offset from the start of the data (the first multiple of 8 after the header), a multiple of 8. */
  offset: number;
  /** Number of values (count for every column). */
  length: number;
}

export interface DefectsBinHeader {
  version: number;
  count: number;
  sample: boolean;
  tables: DefectColumns['tables'];
  columns: DefectsBinColumn[];
}

/** What a decode gives: the typed table (views on the buffer where the layout allows) and the sample flag. */
export interface DecodedDefects {
  table: DefectTable;
  sample: boolean;
}

const BYTES: Record<ColumnType, number> = { uint8: 1, uint16: 2, int32: 4 };
const pad8 = (n: number) => Math.ceil(n / 8) * 8;

/**
 * Encodes defect columns (ids are left out: see defectIdsJson). Throws naming the column and the defect when a code
 * is not an index into its table, a coordinate is not finite, or a table is too long for a uint16 code.
 *
 * @example writeFileSync('defects.bin', encodeDefectsBin(columns));
 */
export function encodeDefectsBin(columns: Omit<DefectColumns, 'id'>): Uint8Array {
  const n = columns.count;
  if (!Number.isInteger(n) || n < 0) throw new Error(`defects: count must be a non-negative integer, got ${n}`);
  if (columns.coords.length !== 2 * n)
    throw new Error(`defects: coords has ${columns.coords.length} numbers, expected 2 × count = ${2 * n}`);
  const lng = new Int32Array(n);
  const lat = new Int32Array(n);
  for (let d = 0; d < n; d++) {
    const x = columns.coords[2 * d];
    const y = columns.coords[2 * d + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y) || Math.abs(x) > 180 || Math.abs(y) > 90)
      throw new Error(`defects: defect ${d}: coordinate [${x}, ${y}] is not a finite lng/lat`);
    lng[d] = Math.round(x * COORD_SCALE);
    lat[d] = Math.round(y * COORD_SCALE);
  }
  const blobs: { name: string; type: ColumnType; layout: ColumnLayout; bytes: Uint8Array }[] = [
    { name: 'lng', type: 'int32', layout: 'planes', bytes: toPlanes(lng) },
    { name: 'lat', type: 'int32', layout: 'planes', bytes: toPlanes(lat) },
  ];
  for (const key of CODE_COLUMNS) {
    const size = columns.tables[key].length;
    if (size > MAX_CODES)
      throw new Error(`defects: tables.${key} has ${size} entries; codes hold at most ${MAX_CODES}`);
    const column = size <= 256 ? new Uint8Array(n) : new Uint16Array(n);
    copyChecked(columns[key], column, key, 0, size);
    blobs.push({ name: key, type: size <= 256 ? 'uint8' : 'uint16', layout: 'plain', bytes: bytesOf(column) });
  }
  const object = new Int32Array(n);
  copyChecked(columns.object, object, 'object', -1, columns.tables.object.length);
  blobs.push({ name: 'object', type: 'int32', layout: 'planes', bytes: toPlanes(object) });
  for (const key of DAY_COLUMNS) {
    const days = new Int32Array(n);
    const values = columns[key];
    if (values.length !== n) throw new Error(`defects: column ${key} has ${values.length} entries, expected ${n}`);
    for (let d = 0; d < n; d++) {
      const v = values[d];
      // A missing deadline is 0 (none), as DefectTable reads it.
      days[d] = Number.isFinite(v) ? v : 0;
    }
    blobs.push({ name: key, type: 'int32', layout: 'planes', bytes: toPlanes(days) });
  }

  let offset = 0;
  const layout = blobs.map((b): DefectsBinColumn => {
    const column = { name: b.name, type: b.type, layout: b.layout, offset, length: n };
    offset = pad8(offset + b.bytes.byteLength);
    return column;
  });
  const header: DefectsBinHeader = {
    version: DEFECTS_BIN_VERSION,
    count: n,
    sample: columns.sample,
    tables: columns.tables,
    columns: layout,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const base = pad8(8 + json.byteLength);
  const out = new Uint8Array(base + offset);
  out.set(MAGIC, 0);
  new DataView(out.buffer).setUint32(4, json.byteLength, true);
  out.set(json, 8);
  layout.forEach((c, i) => out.set(blobs[i].bytes, base + c.offset));
  return out;
}

/**
 * Decodes defects.bin into a DefectTable. The code columns are views on `buffer` (so keep the buffer; copy them
 * to send them elsewhere); the int32 columns are unpacked from their byte planes, coordinates into a Float64Array. Checks the magic, the version, the header, that each column lies within the buffer with the
 * expected type and length, and that every code indexes its table; throws `<file>: <column>: <what>` otherwise.
 *
 * @example const { table } = decodeDefectsBin(await response.arrayBuffer(), 'defects.bin');
 */
export function decodeDefectsBin(buffer: ArrayBuffer, file = 'defects.bin'): DecodedDefects {
  const fail = (where: string, message: string): never => {
    throw new Error(`${file}: ${where}: ${message}`);
  };
  if (buffer.byteLength < 8) fail('header', `${buffer.byteLength} bytes is too short for a defects file`);
  const bytes = new Uint8Array(buffer);
  if (MAGIC.some((b, i) => bytes[i] !== b)) {
    const text = bytes[0] === 0x7b ? ' (it looks like JSON: an older defects.json? run the refresh again)' : '';
    fail('header', `not a defects.bin file${text}`);
  }
  const headerBytes = new DataView(buffer).getUint32(4, true);
  if (8 + headerBytes > buffer.byteLength)
    fail('header', `says ${headerBytes} header bytes but the file has ${buffer.byteLength - 8} after the magic`);
  let header: DefectsBinHeader;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerBytes))) as DefectsBinHeader;
  } catch (e) {
    return fail('header', `not valid JSON: ${(e as Error).message}`);
  }
  if (typeof header !== 'object' || header === null) return fail('header', 'not an object');
  if (header.version !== DEFECTS_BIN_VERSION)
    fail(
      'header',
      `version ${String(header.version)}, this app reads version ${DEFECTS_BIN_VERSION}: run the refresh again`,
    );
  const n = header.count;
  if (!Number.isInteger(n) || n < 0) fail('header', `count must be a non-negative integer, got ${String(n)}`);
  if (typeof header.tables !== 'object' || header.tables === null) fail('header', 'tables are missing');
  for (const key of [...CODE_COLUMNS, 'object'] as const) {
    const t = header.tables[key] as unknown;
    if (!Array.isArray(t) || !t.every((s) => typeof s === 'string')) fail(`tables.${key}`, 'not a list of strings');
  }
  if (!Array.isArray(header.columns)) fail('header', 'columns are missing');
  const base = pad8(8 + headerBytes);

  const column = (name: string, types: ColumnType[], layout: ColumnLayout): DefectsBinColumn => {
    const c = header.columns.find((x) => x?.name === name);
    if (!c) return fail(name, 'column is missing');
    if (!types.includes(c.type)) fail(name, `type ${String(c.type)}, expected ${types.join(' or ')}`);
    if (c.layout !== layout) fail(name, `layout ${String(c.layout)}, expected ${layout}`);
    if (c.length !== n) fail(name, `has ${String(c.length)} values, expected count ${n}`);
    if (!Number.isInteger(c.offset) || c.offset % 8 !== 0 || c.offset < 0)
      fail(name, `offset ${String(c.offset)} is not a multiple of 8`);
    const start = base + c.offset;
    const end = start + n * BYTES[c.type];
    if (end > buffer.byteLength)
      fail(name, `ends at byte ${end}, past the end of the file (${buffer.byteLength} bytes): the file is cut short`);
    return { ...c, offset: start };
  };
  const view = (c: DefectsBinColumn) =>
    c.type === 'uint8' ? new Uint8Array(buffer, c.offset, n) : new Uint16Array(buffer, c.offset, n);

  const lng = fromPlanes(bytes.subarray(column('lng', ['int32'], 'planes').offset), n);
  const lat = fromPlanes(bytes.subarray(column('lat', ['int32'], 'planes').offset), n);
  const coords = new Float64Array(2 * n);
  for (let d = 0; d < n; d++) {
    coords[2 * d] = lng[d] / COORD_SCALE;
    coords[2 * d + 1] = lat[d] / COORD_SCALE;
  }
  const codes = {} as Record<(typeof CODE_COLUMNS)[number], CodeColumn>;
  for (const key of CODE_COLUMNS) {
    const size = header.tables[key].length;
    const values = view(column(key, size <= 256 ? ['uint8'] : ['uint16'], 'plain')) as CodeColumn;
    for (let d = 0; d < n; d++)
      if (values[d] >= size)
        fail(key, `defect ${d}: code ${values[d]} is not an index into tables.${key} (${size} entries)`);
    codes[key] = values;
  }
  const object = fromPlanes(bytes.subarray(column('object', ['int32'], 'planes').offset), n);
  const objects = header.tables.object.length;
  for (let d = 0; d < n; d++) {
    const v = object[d];
    if (v < -1 || v >= objects)
      fail('object', `defect ${d}: ${v} is not -1 or an index into tables.object (${objects} entries)`);
  }
  const days = {} as Record<(typeof DAY_COLUMNS)[number], Int32Array>;
  for (const key of DAY_COLUMNS) days[key] = fromPlanes(bytes.subarray(column(key, ['int32'], 'planes').offset), n);
  return {
    table: { count: n, tables: header.tables, coords, ...codes, object, ...days },
    sample: header.sample === true,
  };
}

/** defect-ids.json: the ids in the order of defects.bin, as a JSON array of strings. */
export function defectIdsJson(ids: DefectIds): string {
  return JSON.stringify(idsToArray(ids));
}

/**
 * Checks parsed defect-ids.json against the defects' count (skipped when unknown: defects.bin unusable); returns
 * null or what is wrong.
 */
export function defectIdsProblem(value: unknown, count: number | undefined): string | null {
  if (!Array.isArray(value) || !value.every((x) => typeof x === 'string')) return 'not a JSON array of strings';
  return defectIdsCountProblem(value.length, count);
}

/** `ids` ids against the defects' count (skipped when unknown); null or what is wrong. */
export function defectIdsCountProblem(ids: number, count: number | undefined): string | null {
  return count === undefined || ids === count ? null : `has ${ids} ids, defects.bin has ${count} defects`;
}

function copyChecked(
  values: ArrayLike<number>,
  into: Uint8Array | Uint16Array | Int32Array,
  key: string,
  min: number,
  size: number,
) {
  if (values.length !== into.length)
    throw new Error(`defects: column ${key} has ${values.length} entries, expected ${into.length}`);
  for (let d = 0; d < values.length; d++) {
    const v = values[d];
    if (!Number.isInteger(v) || v < min || v >= size)
      throw new Error(`defects: defect ${d}: ${key} ${v} is not ${min < 0 ? '-1 or ' : ''}an index into tables.${key}`);
    into[d] = v;
  }
}

function bytesOf(a: Uint8Array | Uint16Array | Int32Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

/** Int32 values (little-endian) as four byte planes: byte 0 of every value, then byte 1, … */
function toPlanes(values: Int32Array): Uint8Array {
  const n = values.length;
  const src = bytesOf(values);
  const out = new Uint8Array(4 * n);
  for (let d = 0; d < n; d++) {
    out[d] = src[4 * d];
    out[n + d] = src[4 * d + 1];
    out[2 * n + d] = src[4 * d + 2];
    out[3 * n + d] = src[4 * d + 3];
  }
  return out;
}

function fromPlanes(planes: Uint8Array, n: number): Int32Array {
  const out = new Int32Array(n);
  for (let d = 0; d < n; d++)
    out[d] = planes[d] | (planes[n + d] << 8) | (planes[2 * n + d] << 16) | (planes[3 * n + d] << 24);
  return out;
}
