/**
 * Builds the contents of public/data from the ingested model: one string per file plus the manifest (schema
 * version, generated time, as-of date, and count, bytes and sha256 of every file), and, when the refresh passes
 * what it read, the import report (import-report.json). Pure: the refresh script does the writing.
 */
import { dayFromIso } from '../campaign/dates';
import { privacyOf } from '../campaign/privacy';
import { mapDataKeys } from '../campaign/object-kinds';
import type { Campaign } from '../campaign/types';
import type { IngestedData } from '../ingest/ingest';
import type { MergedDefect } from '../ingest/defects';
import { suppressVisits } from '../ingest/visits';
import { computeEngine } from '../geo/engine';
import type { EngineInput } from '../geo/types';
import { defectIdsJson, encodeDefectsBin } from './defects-bin';
import { sha256Hex } from './hash';
import { buildDetailsFiles, type DetailsFiles } from './details';
import { buildImportReport, type ImportReportInput } from './import-report';
import { DATASET_PATHS, OPTIONAL_PATHS } from './paths';
import {
  DATASET_SCHEMA_VERSION,
  type DatasetFileKey,
  type ObjectLayers,
  type OptionalFileKey,
  type DefectColumns,
  type Manifest,
  type ManifestFile,
} from './types';

/** Decimal places kept in coordinates: 6 is about 0.1 m. */
const COORD_DECIMALS = 6;

export interface DatasetFile {
  key: DatasetFileKey | OptionalFileKey;
  path: string;
  /** JSON text, or bytes for defects.bin. */
  content: string | Uint8Array;
  count: number;
}

export interface BuiltDataset {
  files: DatasetFile[];
  /**
   * The defect details in chunks (src/dataset/details.ts): written beside the files, listed in the details index
   * (itself in `files`), not in the manifest, so the manifest stays small at a million defects.
   */
  detailsChunks: DetailsFiles['chunks'];
  /** The details index as written (each chunk's path, rows, bytes and sha256). */
  detailsIndex: DetailsFiles['index'];
  /** Photos of returned field records (JPEG bytes), listed in the manifest as `photo:<path>`. */
  photos: { path: string; bytes: Uint8Array }[];
  manifest: Manifest;
  /** The manifest as written to manifest.json. */
  manifestContent: string;
}

export interface BuildOptions {
  /**
   * Called before, between and after the build's stages (sorted, details, columns, encoded, report, hashed),
   * when each stage's garbage is no longer needed: the refresh collects it there, so a million defects build
   * within 1.5 GB (scripts/refresh.ts).
   */
  betweenStages?: () => void;
  /** ISO time stamped into the manifest. */
  generatedAt: string;
  /** The data folder the sources came from, as the manifest records it (see Manifest.dataDir); left out if unset. */
  dataDir?: string;
  /** What the refresh read (sources, stats, problems): adds import-report.json, with the zones' coverage. */
  importReport?: ImportReportInput;
}

/**
 * The whole data set as file contents. Throws when there is no valid district boundary, since no map can be
 * drawn without it (even --lenient cannot skip that).
 *
 * @example const { files, manifestContent } = buildDataset(data, campaign, { generatedAt: new Date().toISOString() });
 */
export function buildDataset(data: IngestedData, campaign: Campaign, options: BuildOptions): BuiltDataset {
  if (!data.boundary)
    throw new Error(
      'no valid district boundary (a source of kind "boundary" with one feature): cannot build the data set',
    );
  const between = options.betweenStages ?? (() => undefined);
  // The ingest's garbage first (rows, parsed cells, merged duplicates).
  between();
  const defects = [...data.defects].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const defectSample = defects.some((d) => d.sample);
  between();
  const details = buildDetailsFiles(defects);
  between();
  const defectColumns = toDefectColumns(defects, defectSample);
  between();
  const contents: Record<DatasetFileKey, [unknown, number]> = {
    campaign: [campaign, 1],
    boundary: [roundCoordinates(data.boundary), 1],
    land: [roundCoordinates(data.land), data.land.features.length],
    divisions: [data.divisions, data.divisions.length],
    ...mapDataKeys((key): [unknown, number] => [roundCoordinates(data[key]), data[key].features.length]),
    defects: [defectColumns, defects.length],
    defectIds: [defectColumns.id, defects.length],
    defectDetails: [details.index, details.index.chunks.length],
    defectHistory: [details.history, defects.length],
    // Suppressed again here: whatever built `data`, a small community's figures never reach visits.json.
    visits: [suppressVisits(data.visits, privacyOf(campaign).minHouseholds), data.visits.length],
    declarations: [data.declarations, data.declarations.length],
  };
  const written: Partial<Record<DatasetFileKey, string | Uint8Array>> = {
    defects: encodeDefectsBin(defectColumns),
    defectIds: defectIdsJson(defectColumns.id),
    defectDetails: details.indexContent,
    defectHistory: details.historyContent,
  };
  between();
  const files: DatasetFile[] = (Object.keys(DATASET_PATHS) as DatasetFileKey[]).map((key) => ({
    key,
    path: DATASET_PATHS[key],
    content: written[key] ?? JSON.stringify(contents[key][0]),
    count: contents[key][1],
  }));
  if (options.importReport) {
    // The zones over the published (rounded) objects at the plan radii: what the app computes on first load.
    const input: EngineInput = {
      campaign,
      ...(mapDataKeys((key) => contents[key][0]) as ObjectLayers),
      land: contents.land[0] as IngestedData['land'],
      defects: contents.defects[0] as DefectColumns,
    };
    const report = buildImportReport(options.importReport, campaign, computeEngine(input), options.generatedAt);
    files.push({
      key: 'importReport',
      path: OPTIONAL_PATHS.importReport,
      content: JSON.stringify(report),
      count: report.sources.length,
    });
  }
  between();
  const encoder = new TextEncoder();
  const entries: (readonly [string, ManifestFile])[] = files.map((f) => {
    const bytes = typeof f.content === 'string' ? encoder.encode(f.content) : f.content;
    return [f.key, { path: f.path, count: f.count, bytes: bytes.byteLength, sha256: sha256Hex(bytes) }] as const;
  });
  // Listed like the data files, so the refresh knows them as its own next time and a new photo changes the manifest.
  const photos = data.fieldPhotos ?? [];
  for (const p of photos)
    entries.push([
      `photo:${p.path}`,
      { path: p.path, count: 1, bytes: p.bytes.byteLength, sha256: sha256Hex(p.bytes) },
    ] as const);
  between();
  const manifest: Manifest = {
    schemaVersion: DATASET_SCHEMA_VERSION,
    campaignId: campaign.id,
    generatedAt: options.generatedAt,
    asOfDate: campaign.asOfDate,
    sample: data.sample,
    files: Object.fromEntries(entries) as Manifest['files'],
    attribution: data.attribution,
    district: { adcode: campaign.district.adcode, name: campaign.district.zh },
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
  };
  return {
    files,
    detailsChunks: details.chunks,
    detailsIndex: details.index,
    photos,
    manifest,
    manifestContent: `${JSON.stringify(manifest, null, 2)}\n`,
  };
}

/**
 * Defects as parallel columns with interned strings, dates as day numbers (see DefectColumns). Input order is
 * kept; string tables list values in order of first use. The number columns are typed arrays sized once (a
 * missing day is 0, as defects.bin stores it): grown by push, a million defects left ~200 MB of outgrown copies.
 */
export function toDefectColumns(defects: MergedDefect[], sample: boolean): DefectColumns {
  const tables = {
    taskForce: [],
    category: [],
    state: [],
    unit: [],
    subdistrict: [],
    object: [],
  } as unknown as DefectColumns['tables'];
  const indexes = new Map<string, Map<string, number>>();
  const intern = (table: keyof DefectColumns['tables'], value: string): number => {
    const index = indexes.get(table) ?? new Map<string, number>();
    indexes.set(table, index);
    let i = index.get(value);
    if (i === undefined) {
      i = (tables[table] as string[]).push(value) - 1;
      index.set(value, i);
    }
    return i;
  };
  const round = (x: number) => Number(x.toFixed(COORD_DECIMALS));
  const n = defects.length;
  const column = () => new Int32Array(n);
  const cols = {
    count: n,
    tables,
    sample,
    id: [] as string[],
    coords: new Float64Array(2 * n),
    taskForce: column(),
    category: column(),
    state: column(),
    unit: column(),
    subdistrict: column(),
    object: column(),
    found: column(),
    deadline: column(),
    updated: column(),
  };
  defects.forEach((d, i) => {
    cols.id.push(d.id);
    cols.coords[2 * i] = round(d.lngLat[0]);
    cols.coords[2 * i + 1] = round(d.lngLat[1]);
    cols.taskForce[i] = intern('taskForce', d.taskForce);
    cols.category[i] = intern('category', d.category);
    cols.state[i] = intern('state', d.state);
    cols.unit[i] = intern('unit', d.unit);
    cols.subdistrict[i] = intern('subdistrict', d.subdistrict);
    cols.object[i] = d.object === null ? -1 : intern('object', d.object);
    cols.found[i] = dayFromIso(d.found);
    cols.deadline[i] = dayFromIso(d.deadline);
    cols.updated[i] = dayFromIso(d.updated);
  });
  return cols;
}

/** A copy with every coordinate rounded to COORD_DECIMALS. */
function roundCoordinates<T>(value: T): T {
  const round = (v: unknown): unknown => {
    if (typeof v === 'number') return Number(v.toFixed(COORD_DECIMALS));
    if (Array.isArray(v)) return v.map(round);
    return v;
  };
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === 'coordinates' ? round(x) : walk(x)]));
    }
    return v;
  };
  return walk(value) as T;
}
