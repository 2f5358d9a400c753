/**
 * The browser's (and the scripts') reading side of src/dataset/details.ts: the details index, its chunks on demand
 * and the history file, each hash- and shape-checked. Apart from details.ts so the app loads it on first use
 * (src/store/use-details.ts), not with the first view.
 */
import { checkDetailsIndex, checkHistoryColumns, decodeHistories, isObject } from './details';
import type { DefectHistories, DetailsChunkEntry, DetailsIndex, HistoryColumns } from './details';
import { dataFileUrl, fetchJson } from './fetch-json';
import type { DatasetLoadError } from './read';
import type { DefectDetails, ManifestFile } from './types';

/** Shape of one chunk: details by id, each with a history array. */
export function checkDetailsChunk(v: unknown): string | null {
  return isObject(v) && Object.values(v).every((d) => isObject(d) && Array.isArray(d.history))
    ? null
    : 'not a map of defect details with history';
}

/** A chunk that could not be used: the file and why, as the panel shows it. */
export type ChunkResult = { ok: true; details: DefectDetails } | { ok: false; error: DatasetLoadError };

/**
 * Reads a data set's details on demand: the index once, then each chunk at most once (hash-checked against the
 * index, kept in memory; a failed chunk is tried again next time). One reader per loaded manifest.
 *
 * @example
 * const reader = new DetailsReader('/data', fetch, manifest.files.defectDetails);
 * const result = await reader.chunkOfRow(42); // result.ok ? result.details['D00043'] : result.error.file
 */
export class DetailsReader {
  private indexLoad: Promise<{ ok: true; index: DetailsIndex } | { ok: false; error: DatasetLoadError }> | null = null;
  private readonly chunks = new Map<string, Promise<ChunkResult>>();

  constructor(
    private readonly baseUrl: string,
    private readonly fetchFn: typeof fetch,
    private readonly indexEntry: Pick<ManifestFile, 'path' | 'sha256'>,
  ) {}

  /** The URL of a data-set file; chunks carry their hash in the query so a cache can key them by content. */
  url(path: string, sha256?: string): string {
    const url = dataFileUrl(this.baseUrl, path);
    return sha256 ? `${url}?sha256=${sha256}` : url;
  }

  /** The index, fetched once (again after a failure). */
  async index() {
    this.indexLoad ??= fetchJson(this.fetchFn, this.url(this.indexEntry.path), this.indexEntry.sha256).then(
      (result) => {
        const problem = result.ok ? checkDetailsIndex(result.value) : result.message;
        if (problem === null) return { ok: true as const, index: (result as { value: DetailsIndex }).value };
        this.indexLoad = null;
        return { ok: false as const, error: { file: this.indexEntry.path, message: problem } };
      },
    );
    return this.indexLoad;
  }

  /** The chunk entry holding `row`, or an error naming the index (or saying the row is past its end). */
  async entryOfRow(
    row: number,
  ): Promise<{ ok: true; entry: DetailsChunkEntry } | { ok: false; error: DatasetLoadError }> {
    const index = await this.index();
    if (!index.ok) return index;
    const entry = entryHolding(index.index, row);
    return entry
      ? { ok: true, entry }
      : { ok: false, error: { file: this.indexEntry.path, message: `no chunk holds defect row ${row}` } };
  }

  /** The details of the chunk holding `row`. */
  async chunkOfRow(row: number): Promise<ChunkResult> {
    const found = await this.entryOfRow(row);
    return found.ok ? this.chunk(found.entry) : found;
  }

  /** One chunk's details, fetched and checked once. */
  chunk(entry: DetailsChunkEntry): Promise<ChunkResult> {
    let load = this.chunks.get(entry.path);
    if (!load) {
      load = fetchJson(this.fetchFn, this.url(entry.path, entry.sha256), entry.sha256).then((result) => {
        const problem = result.ok ? checkDetailsChunk(result.value) : result.message;
        if (problem === null) return { ok: true as const, details: (result as { value: DefectDetails }).value };
        this.chunks.delete(entry.path);
        return { ok: false as const, error: { file: entry.path, message: problem } };
      });
      this.chunks.set(entry.path, load);
    }
    return load;
  }

  /**
   * The details of every defect in `rows` (fetching each chunk they fall in once), the chunks they came from,
   * and an error per chunk that failed (its defects are left out).
   */
  async rows(
    rows: readonly number[],
  ): Promise<{ details: DefectDetails; chunks: DetailsChunkEntry[]; errors: DatasetLoadError[] }> {
    const index = await this.index();
    if (!index.ok) return { details: {}, chunks: [], errors: [index.error] };
    const wanted = new Set<DetailsChunkEntry>();
    for (const row of rows) {
      const entry = entryHolding(index.index, row);
      if (entry) wanted.add(entry);
    }
    const chunks = [...wanted].sort((a, b) => a.first - b.first);
    const results = await Promise.all(chunks.map((c) => this.chunk(c)));
    const details: DefectDetails = {};
    const errors: DatasetLoadError[] = [];
    for (const r of results) {
      if (r.ok) Object.assign(details, r.details);
      else errors.push(r.error);
    }
    return { details, chunks, errors };
  }
}

/** The index's entry of the chunk holding defect `row`, if any. */
function entryHolding(index: DetailsIndex, row: number): DetailsChunkEntry | undefined {
  return index.chunks.find((c) => row >= c.first && row < c.first + c.count);
}

export type HistoriesResult = { ok: true; histories: DefectHistories } | { ok: false; error: DatasetLoadError };

/** defect-history.json from a manifest's entry, hash- and shape-checked, for the `count` defects of defects.bin. */
export async function loadHistories(
  baseUrl: string,
  fetchFn: typeof fetch,
  entry: Pick<ManifestFile, 'path' | 'sha256'>,
  count: number,
): Promise<HistoriesResult> {
  const result = await fetchJson(fetchFn, dataFileUrl(baseUrl, entry.path), entry.sha256);
  const problem = result.ok ? checkHistoryColumns(result.value) : result.message;
  if (problem !== null) return { ok: false, error: { file: entry.path, message: problem } };
  try {
    return { ok: true, histories: decodeHistories((result as { value: HistoryColumns }).value, count) };
  } catch (e) {
    return { ok: false, error: { file: entry.path, message: (e as Error).message } };
  }
}
