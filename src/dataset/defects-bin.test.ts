import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Campaign } from '../campaign/types';
import { syntheticDefects } from '../defects/synthetic';
import {
  decodeDefectsBin,
  defectIdsJson,
  defectIdsProblem,
  encodeDefectsBin,
  type DefectsBinHeader,
} from './defects-bin';
import { emptyDefectColumns, type DefectColumnsBuilder } from './types';

const campaign = JSON.parse(readFileSync(new URL('../../data/campaign.json', import.meta.url), 'utf8')) as Campaign;
const { columns } = syntheticDefects(campaign, { count: 3000, seed: 5 });

const buf = (bytes: Uint8Array) =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

/** The table's columns back as plain arrays, to compare with the columns they were encoded from. */
function expectSame(decoded: ReturnType<typeof decodeDefectsBin>, c: DefectColumnsBuilder) {
  const t = decoded.table;
  expect(t.count).toBe(c.count);
  expect(t.tables).toEqual(c.tables);
  expect(decoded.sample).toBe(c.sample);
  expect([...t.coords]).toEqual(c.coords);
  for (const key of ['taskForce', 'category', 'state', 'unit', 'subdistrict', 'object', 'found', 'updated'] as const)
    expect([...t[key]], key).toEqual(c[key]);
  expect([...t.deadline]).toEqual(c.deadline.map((d) => (Number.isFinite(d) ? d : 0)));
}

/** Rewrites the header of an encoded file (same length or shorter, padded with spaces). */
function withHeader(bytes: Uint8Array, change: (h: DefectsBinHeader) => void): ArrayBuffer {
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as DefectsBinHeader;
  change(header);
  const json = new TextEncoder().encode(JSON.stringify(header));
  if (json.byteLength > length) throw new Error('test header grew');
  const out = bytes.slice();
  out.fill(0x20, 8, 8 + length);
  out.set(json, 8);
  return buf(out);
}

describe('defects.bin', () => {
  it('round-trips the columns: coordinates to the 6th decimal, codes, -1 objects, days and no-deadline', () => {
    const c = structuredClone(columns);
    c.object[0] = -1;
    c.deadline[1] = 0;
    c.deadline[2] = Number.NaN; // an unset deadline reads as 0
    c.coords[0] = -179.999999;
    c.coords[1] = -89.123457;
    c.sample = true;
    expect(c.object.filter((o) => o === -1).length).toBeGreaterThan(10);
    expectSame(decodeDefectsBin(buf(encodeDefectsBin(c))), c);
  });

  it('decodes the code columns as views on the buffer, aligned; the byte-plane columns into their own arrays', () => {
    const buffer = buf(encodeDefectsBin(columns));
    const { table } = decodeDefectsBin(buffer);
    for (const a of [table.taskForce, table.category, table.state, table.unit, table.subdistrict]) {
      expect(a.buffer).toBe(buffer);
      expect(a.byteOffset % 8).toBe(0);
    }
    for (const a of [table.coords, table.object, table.found, table.deadline, table.updated])
      expect(a.buffer).not.toBe(buffer);
  });

  it('round-trips an empty set', () => {
    const c = emptyDefectColumns(0, columns.tables, false);
    const { table } = decodeDefectsBin(buf(encodeDefectsBin(c)));
    expect(table.count).toBe(0);
    expect(table.coords.length).toBe(0);
    expect(table.tables).toEqual(columns.tables);
  });

  it('stores codes as uint16 once a table passes 256 entries, up to 65 536 entries', () => {
    const c = emptyDefectColumns(
      3,
      { ...columns.tables, unit: Array.from({ length: 65536 }, (_, i) => `U${i}`) },
      false,
    );
    c.coords.push(122, 30, 122.1, 30.1, 122.2, 30.2);
    c.unit.push(0, 65535, 300);
    for (const key of ['taskForce', 'category', 'state', 'subdistrict', 'found', 'deadline', 'updated'] as const)
      c[key].push(0, 1, 2);
    c.object.push(-1, 0, 1);
    const { table } = decodeDefectsBin(buf(encodeDefectsBin(c)));
    expect(table.unit).toBeInstanceOf(Uint16Array);
    expect([...table.unit]).toEqual([0, 65535, 300]);
    expect(table.state).toBeInstanceOf(Uint8Array);
    const tooMany = { ...c, tables: { ...c.tables, unit: [...c.tables.unit, 'one more'] } };
    expect(() => encodeDefectsBin(tooMany)).toThrow('tables.unit has 65537 entries; codes hold at most 65536');
  });

  it('refuses to encode a code outside its table or a coordinate that is not a lng/lat', () => {
    const badCode = { ...columns, state: [...columns.state] };
    badCode.state[7] = columns.tables.state.length;
    expect(() => encodeDefectsBin(badCode)).toThrow(`defect 7: state ${columns.tables.state.length} is not an index`);
    const badCoord = { ...columns, coords: [...columns.coords] };
    badCoord.coords[9] = Number.POSITIVE_INFINITY;
    expect(() => encodeDefectsBin(badCoord)).toThrow('defect 4: coordinate');
  });

  it('names the file and what is wrong with a bad header', () => {
    const bytes = encodeDefectsBin(columns);
    expect(() => decodeDefectsBin(new ArrayBuffer(5), 'data/defects.bin')).toThrow(
      'data/defects.bin: header: 5 bytes is too short',
    );
    expect(() => decodeDefectsBin(buf(new TextEncoder().encode('{"count":1,"tables":{}}')))).toThrow(
      'defects.bin: header: not a defects.bin file (it looks like JSON: an older defects.json? run the refresh again)',
    );
    expect(() => decodeDefectsBin(withHeader(bytes, (h) => (h.version = 2)))).toThrow(
      'defects.bin: header: version 2, this app reads version 1',
    );
    expect(() => decodeDefectsBin(withHeader(bytes, (h) => (h.count = -3)))).toThrow('header: count must be');
    expect(() =>
      decodeDefectsBin(withHeader(bytes, (h) => (h.columns = h.columns.filter((c) => c.name !== 'found')))),
    ).toThrow('defects.bin: found: column is missing');
    expect(() => decodeDefectsBin(withHeader(bytes, (h) => (h.columns[2].length = 5)))).toThrow(
      `defects.bin: taskForce: has 5 values, expected count ${columns.count}`,
    );
    expect(() => decodeDefectsBin(withHeader(bytes, (h) => (h.columns[2].offset += 4)))).toThrow('taskForce: offset');
    expect(() => decodeDefectsBin(withHeader(bytes, (h) => (h.columns[3].type = 'int32')))).toThrow(
      'defects.bin: category: type int32, expected uint8',
    );
    const broken = bytes.slice();
    new DataView(broken.buffer).setUint32(4, 1e9, true);
    expect(() => decodeDefectsBin(buf(broken))).toThrow('header: says 1000000000 header bytes');
  });

  it('names the column of a file cut short', () => {
    const bytes = encodeDefectsBin(columns);
    expect(() => decodeDefectsBin(buf(bytes.subarray(0, bytes.byteLength - 10)))).toThrow(
      /defects\.bin: updated: ends at byte \d+, past the end of the file .*cut short/,
    );
  });

  it('names the column and defect of a code outside its table', () => {
    const bytes = encodeDefectsBin(columns);
    const shrunk = withHeader(bytes, (h) => (h.tables.state = h.tables.state.slice(0, 2)));
    const firstBad = columns.state.findIndex((s) => s >= 2);
    expect(() => decodeDefectsBin(shrunk)).toThrow(
      `defects.bin: state: defect ${firstBad}: code ${columns.state[firstBad]} is not an index into tables.state (2 entries)`,
    );
    const noObjects = withHeader(bytes, (h) => (h.tables.object = []));
    expect(() => decodeDefectsBin(noObjects)).toThrow(/defects\.bin: object: defect \d+: \d+ is not -1 or an index/);
  });

  it('checks defect-ids.json against the count', () => {
    const ids = JSON.parse(defectIdsJson(columns.id)) as unknown;
    expect(defectIdsProblem(ids, columns.count)).toBeNull();
    expect(defectIdsProblem(ids, columns.count + 1)).toBe(
      `has ${columns.count} ids, defects.bin has ${columns.count + 1} defects`,
    );
    expect(defectIdsProblem([1, 2], 2)).toBe('not a JSON array of strings');
  });
});
