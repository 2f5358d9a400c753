/**
 * Defect details off the critical path (issue #14). The map needs none of a defect's description, photos or
 * history, so the refresh writes them apart from defects.bin, in two forms:
 *
 * - **Chunks** `defect-details-0000.json`, `-0001.json`, …: the full details (description, photos, history with
 *   its field steps) of DETAILS_CHUNK_SIZE defects each, in defects.bin's row order, keyed by id. The index
 *   `defect-details-index.json` (listed in the manifest) gives each chunk's path, first row, count, bytes and
 *   sha256. The app fetches the one chunk holding a defect when it is opened, and the chunks a trip covers.
 * - **Histories** `defect-history.json`: every defect's (day, state) steps as flat arrays, what the weekly report,
 *   the red-black list, the weekly series and the mock inspection replay. About 3 bytes gzipped per defect where
 *   the chunks take about 70, so those views need not download every chunk (measured in the README).
 *
 * Pure: the writer returns file contents, the reader takes the shell's fetch (a file-system one in Node), so the
 * browser, its workers and the scripts read the same files the same way.
 */
import { dayFromIso, isoFromDay } from '../campaign/dates';
import type { DefectState, IsoDate } from '../campaign/types';
import { sha256Hex } from './hash';
import type { DefectDetails } from './types';

/**
 * Defects per chunk. At the sample's ~260 bytes of details per defect a chunk is ~0.5 MB raw, ~60 KB gzipped:
 * one fetch when a defect opens at any scale, and 3 files for the 5k sample, 500 for 1M.
 */
export const DETAILS_CHUNK_SIZE = 2000;

/** A chunk file's name: `defect-details-0000.json` (more digits past 9999 chunks). */
export function detailsChunkPath(chunk: number): string {
  return `defect-details-${String(chunk).padStart(4, '0')}.json`;
}

/** True for a file name detailsChunkPath gives (the refresh owns such files in its output folder). */
export function isDetailsChunkPath(name: string): boolean {
  return /^defect-details-\d{4,}\.json$/.test(name);
}

export interface DetailsChunkEntry {
  path: string;
  /** The chunk holds rows first … first + count - 1 of defects.bin. */
  first: number;
  count: number;
  bytes: number;
  sha256: string;
}

/** defect-details-index.json. */
export interface DetailsIndex {
  schemaVersion: 1;
  /** Defects in the data set (defects.bin's count). */
  count: number;
  chunkSize: number;
  chunks: DetailsChunkEntry[];
}

/**
 * defect-history.json: per defect (in row order) `steps[row]` steps; step k of all defects in turn has its state
 * `states[to[k]]` and its day in `day[k]`: the first step of a defect as days since 1970-01-01, each later one as
 * days after the step before (small numbers, so the file stays small).
 */
export interface HistoryColumns {
  schemaVersion: 1;
  count: number;
  states: DefectState[];
  steps: number[];
  day: number[];
  to: number[];
}

/** One step of a defect's history as the history-based insights replay it. */
export interface HistoryStep {
  date: IsoDate;
  to: DefectState;
}

/**
 * Every defect's history, ready to replay: the steps of the defect in row r are `start[r]` … `start[r + 1] - 1`,
 * each with its day (days since 1970-01-01) and `states[to[k]]`. Flat typed arrays, so decoding a million defects
 * is a prefix sum and the whole of it is structured-cloned to a worker cheaply. Read a row with historyOf.
 */
export interface DefectHistories {
  count: number;
  states: DefectState[];
  start: Int32Array;
  day: Int32Array;
  to: Uint8Array;
}

/** A defect's details as the writer takes them, in defects.bin's row order. */
export type DetailsRow = { id: string } & DefectDetails[string];

export interface DetailsFiles {
  index: DetailsIndex;
  indexContent: string;
  /** Each chunk's text is made when `content` is read, so writing them one by one holds one at a time. */
  chunks: { path: string; readonly content: string; count: number }[];
  history: HistoryColumns;
  historyContent: string;
}

/**
 * The chunk files, their index and the history file for `rows` (defects.bin's order).
 *
 * @example const { indexContent, chunks, historyContent } = buildDetailsFiles(rows);
 */
export function buildDetailsFiles(
  rows: readonly DetailsRow[],
  { chunkSize = DETAILS_CHUNK_SIZE }: { chunkSize?: number } = {},
): DetailsFiles {
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new Error('chunkSize must be a positive whole number');
  const encoder = new TextEncoder();
  const chunks: DetailsFiles['chunks'] = [];
  const entries: DetailsChunkEntry[] = [];
  for (let first = 0, n = 0; first < rows.length; first += chunkSize, n++) {
    const slice = rows.slice(first, first + chunkSize);
    const render = () => {
      const details: DefectDetails = {};
      for (const { id, description, photos, history } of slice) details[id] = { description, photos, history };
      return JSON.stringify(details);
    };
    const bytes = encoder.encode(render());
    const path = detailsChunkPath(n);
    // Rendered again when read (JSON.stringify gives the same text for the same rows): at a million defects the
    // 500 chunks' text held at once (≈ 270 MB) was the refresh's memory peak.
    chunks.push({
      path,
      get content() {
        return render();
      },
      count: slice.length,
    });
    entries.push({ path, first, count: slice.length, bytes: bytes.byteLength, sha256: sha256Hex(bytes) });
  }
  const index: DetailsIndex = { schemaVersion: 1, count: rows.length, chunkSize, chunks: entries };
  const history = historyColumns(rows);
  return { index, indexContent: JSON.stringify(index), chunks, history, historyContent: JSON.stringify(history) };
}

function historyColumns(rows: readonly DetailsRow[]): HistoryColumns {
  const out: HistoryColumns = { schemaVersion: 1, count: rows.length, states: [], steps: [], day: [], to: [] };
  const stateIndex = new Map<DefectState, number>();
  for (const { history } of rows) {
    out.steps.push(history.length);
    let last = 0;
    history.forEach((h, k) => {
      const day = dayFromIso(h.date);
      out.day.push(k === 0 ? day : day - last);
      last = day;
      let s = stateIndex.get(h.to);
      if (s === undefined) stateIndex.set(h.to, (s = out.states.push(h.to) - 1));
      out.to.push(s);
    });
  }
  return out;
}

/**
 * The histories in defect-history.json for the `count` defects of defects.bin. Throws when the file describes
 * another number of defects (a history file from another refresh).
 */
export function decodeHistories(columns: HistoryColumns, count: number): DefectHistories {
  if (columns.count !== count)
    throw new Error(`describes ${columns.count} defects, defects.bin ${count}: not from the same refresh`);
  const start = new Int32Array(count + 1);
  const day = new Int32Array(columns.day.length);
  for (let row = 0, k = 0; row < count; row++) {
    const n = columns.steps[row];
    start[row + 1] = start[row] + n;
    for (let j = 0; j < n; j++, k++) day[k] = j === 0 ? columns.day[k] : day[k - 1] + columns.day[k];
  }
  return { count, states: columns.states, start, day, to: Uint8Array.from(columns.to) };
}

/** Histories from per-row lists of steps (rows without history: undefined or empty). */
export function historiesFromLists(lists: readonly (readonly HistoryStep[] | undefined)[]): DefectHistories {
  const rows: DetailsRow[] = Array.from(lists, (history) => ({
    id: '',
    description: '',
    photos: [],
    history: (history ?? []).map(({ date, to }) => ({ date, to, from: null, unit: '' })),
  }));
  return decodeHistories(historyColumns(rows), rows.length);
}

/** The steps of the defect in `row`, oldest first; undefined when it has none (or there are no histories). */
export function historyOf(histories: DefectHistories | null, row: number): HistoryStep[] | undefined {
  if (!histories || row < 0 || row >= histories.count) return undefined;
  const from = histories.start[row];
  const to = histories.start[row + 1];
  if (from === to) return undefined;
  const steps: HistoryStep[] = [];
  for (let k = from; k < to; k++)
    steps.push({ date: isoOfDay(histories.day[k]), to: histories.states[histories.to[k]] });
  return steps;
}

/** A campaign's steps fall on a few hundred days: each date string is made once. */
const ISO_OF_DAY = new Map<number, IsoDate>();
function isoOfDay(day: number): IsoDate {
  let iso = ISO_OF_DAY.get(day);
  if (iso === undefined) ISO_OF_DAY.set(day, (iso = isoFromDay(day)));
  return iso;
}

/** Shape of defect-details-index.json: null when it is one, else what is wrong. */
export function checkDetailsIndex(v: unknown): string | null {
  const ok =
    isObject(v) &&
    v.schemaVersion === 1 &&
    isCount(v.count) &&
    isCount(v.chunkSize) &&
    Array.isArray(v.chunks) &&
    v.chunks.every(
      (c) =>
        isObject(c) &&
        typeof c.path === 'string' &&
        isDetailsChunkPath(c.path) &&
        isCount(c.first) &&
        isCount(c.count) &&
        isCount(c.bytes) &&
        typeof c.sha256 === 'string',
    );
  return ok ? null : 'not a defect details index (schemaVersion 1, count, chunkSize, chunks with path, first, count)';
}

/** Shape of defect-history.json. */
export function checkHistoryColumns(v: unknown): string | null {
  if (!isObject(v) || v.schemaVersion !== 1 || !isCount(v.count)) return 'not defect histories (schemaVersion 1)';
  const { states, steps, day, to } = v;
  if (!Array.isArray(states) || !Array.isArray(steps) || !Array.isArray(day) || !Array.isArray(to))
    return 'not defect histories: states, steps, day and to must be arrays';
  if (steps.length !== v.count) return `steps has ${steps.length} entries, count says ${v.count}`;
  const total = (steps as unknown[]).reduce<number>((sum, n) => sum + (isCount(n) ? n : NaN), 0);
  if (!Number.isFinite(total)) return 'steps must be whole numbers ≥ 0';
  if (day.length !== total || to.length !== total) return `day and to must have ${total} entries (the sum of steps)`;
  if (!(to as unknown[]).every((s) => isCount(s) && s < states.length)) return 'to must index states';
  return null;
}

/** A plain object (not null, not an array); shared with details-reader.ts. */
export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
