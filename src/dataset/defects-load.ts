/**
 * Fetching the defects: defects.bin and defect-ids.json, each checked against its manifest sha256, the first
 * decoded into a typed table (defects-bin.ts), the second checked against its count. The app runs this in the
 * defects worker (so neither the hash nor the decode touches the main thread); loadDataset runs it in place when
 * no worker is given (Node, tests). Never throws: what went wrong comes back as errors naming the file.
 */
import { decodeDefectsBin, defectIdsCountProblem, defectIdsProblem, type DecodedDefects } from './defects-bin';
import { sha256HexAsync } from './hash';
import { PackedIds, packIds, packIdsJson, type PackedIdsData } from './packed-ids';
import { DEFECT_NUMBER_COLUMNS, type DefectColumns } from './types';

export interface DefectFileRef {
  /** Where to fetch it (absolute when a worker fetches it). */
  url: string;
  /** The file name as a banner shows it. */
  path: string;
  sha256: string;
}

export interface DefectFilesRequest {
  bin: DefectFileRef;
  /** Absent for a data set whose manifest lists no ids file. */
  ids: DefectFileRef | null;
}

export interface DefectFilesError {
  file: string;
  message: string;
}

export interface LoadedDefectFiles {
  /** The decoded table (views on the fetched buffer), or null when defects.bin could not be used. */
  decoded: DecodedDefects | null;
  /** The ids in table order, packed (see packed-ids.ts), or null when defect-ids.json could not be used. */
  ids: PackedIdsData | null;
  errors: DefectFilesError[];
}

/**
 * Fetches and checks both files in parallel.
 *
 * @example const { decoded, ids, errors } = await loadDefectFiles(fetch, request);
 */
export async function loadDefectFiles(fetchFn: typeof fetch, request: DefectFilesRequest): Promise<LoadedDefectFiles> {
  const errors: DefectFilesError[] = [];
  const [bin, idsBytes] = await Promise.all([
    fetchChecked(fetchFn, request.bin, errors),
    request.ids ? fetchChecked(fetchFn, request.ids, errors) : null,
  ]);
  let decoded: DecodedDefects | null = null;
  if (bin) {
    try {
      decoded = decodeDefectsBin(bin, request.bin.path);
    } catch (e) {
      const message = (e as Error).message;
      const prefix = `${request.bin.path}: `;
      errors.push({
        file: request.bin.path,
        message: message.startsWith(prefix) ? message.slice(prefix.length) : message,
      });
    }
  }
  // Without a usable defects.bin there is no count to check against, but the form is still checked.
  const ids = idsBytes && request.ids ? idsFromBytes(idsBytes, request.ids, decoded?.table.count, errors) : null;
  return { decoded, ids, errors };
}

/**
 * Fetches defect-ids.json alone, checks its hash and its count against `count` (the table's rows), and packs it:
 * the app's page asks the defects worker for this when it first needs ids, after the map has drawn.
 *
 * @example const { ids, errors } = await loadIdsFile(fetch, ref, table.count);
 */
export async function loadIdsFile(
  fetchFn: typeof fetch,
  ref: DefectFileRef,
  count: number | undefined,
): Promise<{ ids: PackedIdsData | null; errors: DefectFilesError[] }> {
  const errors: DefectFilesError[] = [];
  const bytes = await fetchChecked(fetchFn, ref, errors);
  return { ids: bytes ? idsFromBytes(bytes, ref, count, errors) : null, errors };
}

function idsFromBytes(
  bytes: ArrayBuffer,
  ref: DefectFileRef,
  count: number | undefined,
  errors: DefectFilesError[],
): PackedIdsData | null {
  const text = new TextDecoder().decode(bytes);
  // The form the refresh writes is packed as it is; anything else is parsed and checked.
  const packed = packIdsJson(text);
  let value: unknown = packed ?? undefined;
  if (!packed) {
    try {
      value = JSON.parse(text);
    } catch (e) {
      errors.push({ file: ref.path, message: `not valid JSON: ${(e as Error).message}` });
      return null;
    }
  }
  const problem = packed ? defectIdsCountProblem(packed.ends.length, count) : defectIdsProblem(value, count);
  if (problem) {
    errors.push({ file: ref.path, message: problem });
    return null;
  }
  return packed ?? packIds(value as string[]);
}

/**
 * The main thread's copy of a decoded table, as DefectColumns: every typed column copied (so the worker keeps its
 * own views) with the buffers to transfer, and the ids (an empty list when they did not load).
 */
export function columnsCopy(
  decoded: DecodedDefects,
  ids: PackedIdsData | null,
): { columns: DefectColumns; transfer: ArrayBuffer[] } {
  const t = decoded.table;
  const columns: DefectColumns = {
    count: t.count,
    tables: t.tables,
    id: ids ? new PackedIds(ids) : [],
    coords: t.coords.slice(),
    taskForce: t.taskForce.slice(),
    category: t.category.slice(),
    state: t.state.slice(),
    unit: t.unit.slice(),
    subdistrict: t.subdistrict.slice(),
    object: t.object.slice(),
    found: t.found.slice(),
    deadline: t.deadline.slice(),
    updated: t.updated.slice(),
    sample: decoded.sample,
  };
  const keys = ['coords', ...DEFECT_NUMBER_COLUMNS] as const;
  return { columns, transfer: keys.map((k) => (columns[k] as Uint8Array).buffer as ArrayBuffer) };
}

async function fetchChecked(
  fetchFn: typeof fetch,
  ref: DefectFileRef,
  errors: DefectFilesError[],
): Promise<ArrayBuffer | null> {
  let buffer: ArrayBuffer;
  try {
    const response = await fetchFn(ref.url);
    if (!response.ok) {
      errors.push({ file: ref.path, message: `HTTP ${response.status}${response.status === 404 ? ' (missing)' : ''}` });
      return null;
    }
    buffer = await response.arrayBuffer();
  } catch (e) {
    errors.push({ file: ref.path, message: `could not be fetched: ${(e as Error).message}` });
    return null;
  }
  const actual = await sha256HexAsync(new Uint8Array(buffer));
  if (actual !== ref.sha256) {
    errors.push({
      file: ref.path,
      message: `content does not match manifest.json (sha256 ${actual.slice(0, 12)}…, expected ${ref.sha256.slice(0, 12)}…)`,
    });
    return null;
  }
  return buffer;
}
