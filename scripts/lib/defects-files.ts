/**
 * The defects of a refreshed data set on disk, for the Node scripts, benches and tests: read defects.bin with
 * defect-ids.json (or an older data set's defects.json) into plain columns, and write new ones with their
 * manifest entries, as the refresh would.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { decodeDefectsBin, defectIdsJson, defectIdsProblem, encodeDefectsBin } from '../../src/dataset/defects-bin';
import { DATASET_PATHS, MANIFEST_PATH } from '../../src/dataset/paths';
import type { DefectColumnsBuilder, DefectColumns, Manifest, ManifestFile } from '../../src/dataset/types';
import type { HistoryColumns } from '../../src/dataset/details';

/** The defects of the data set in `dir` as plain arrays; throws naming the file that is wrong. */
export function readDefectColumns(dir: string): DefectColumnsBuilder {
  const manifest = JSON.parse(readFileSync(path.join(dir, MANIFEST_PATH), 'utf8')) as Manifest;
  const binPath = manifest.files.defects?.path ?? DATASET_PATHS.defects;
  if (binPath.endsWith('.json'))
    throw new Error(`${path.join(dir, binPath)}: defects.json is from an older refresh: run the refresh again`);
  const bytes = readFileSync(path.join(dir, binPath));
  const { table, sample } = decodeDefectsBin(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    path.join(dir, binPath),
  );
  const idsPath = path.join(dir, manifest.files.defectIds?.path ?? DATASET_PATHS.defectIds);
  const ids = JSON.parse(readFileSync(idsPath, 'utf8')) as unknown;
  const problem = defectIdsProblem(ids, table.count);
  if (problem) throw new Error(`${idsPath}: ${problem}`);
  return {
    count: table.count,
    tables: table.tables,
    id: ids as string[],
    coords: Array.from(table.coords),
    taskForce: Array.from(table.taskForce),
    category: Array.from(table.category),
    state: Array.from(table.state),
    unit: Array.from(table.unit),
    subdistrict: Array.from(table.subdistrict),
    object: Array.from(table.object),
    found: Array.from(table.found),
    deadline: Array.from(table.deadline),
    updated: Array.from(table.updated),
    sample,
  };
}

/** The two files' bytes for `columns`, as the refresh writes them, and their manifest entries. */
export function defectFileBytes(columns: DefectColumns): {
  bin: Buffer;
  ids: Buffer;
  entries: { defects: ManifestFile; defectIds: ManifestFile };
} {
  const bin = Buffer.from(encodeDefectsBin(columns));
  const ids = Buffer.from(defectIdsJson(columns.id));
  const entry = (p: string, bytes: Buffer): ManifestFile => ({
    path: p,
    count: columns.count,
    bytes: bytes.byteLength,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  });
  return {
    bin,
    ids,
    entries: { defects: entry(DATASET_PATHS.defects, bin), defectIds: entry(DATASET_PATHS.defectIds, ids) },
  };
}

/**
 * Writes defects.bin and defect-ids.json for `columns` into the data set in `dir` and updates their manifest
 * entries (count, bytes, sha256). Returns the bytes written.
 */
export function writeDefectFiles(dir: string, columns: DefectColumns): { bin: Buffer; ids: Buffer } {
  const files = defectFileBytes(columns);
  writeFileSync(path.join(dir, DATASET_PATHS.defects), files.bin);
  writeFileSync(path.join(dir, DATASET_PATHS.defectIds), files.ids);
  const manifestPath = path.join(dir, MANIFEST_PATH);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  manifest.files = { ...manifest.files, ...files.entries };
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return files;
}

/**
 * Writes defect-history.json for `n` defects that repeat the data set's first `m` (row i has row i % m's steps,
 * as scaleDefects repeats the rows) and updates its manifest entry; no-op for a data set without one.
 */
export function writeRepeatedHistory(dir: string, n: number): void {
  const manifestPath = path.join(dir, MANIFEST_PATH);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const entry = manifest.files.defectHistory;
  if (!entry) return;
  const file = path.join(dir, entry.path);
  const sample = JSON.parse(readFileSync(file, 'utf8')) as HistoryColumns;
  const starts = [0];
  for (const steps of sample.steps) starts.push(starts[starts.length - 1] + steps);
  const out: HistoryColumns = { ...sample, count: n, steps: [], day: [], to: [] };
  for (let i = 0; i < n; i++) {
    const j = i % sample.count;
    out.steps.push(sample.steps[j]);
    for (let k = starts[j]; k < starts[j + 1]; k++) {
      out.day.push(sample.day[k]);
      out.to.push(sample.to[k]);
    }
  }
  const bytes = Buffer.from(JSON.stringify(out));
  writeFileSync(file, bytes);
  manifest.files.defectHistory = {
    ...entry,
    ...(entry.count === undefined ? {} : { count: n }),
    bytes: bytes.byteLength,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
}
