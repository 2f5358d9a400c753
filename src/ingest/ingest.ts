/**
 * The one door: every source file of data/sources.json in, one validated model out, with every problem found.
 * Bad records are left out and reported; whether problems stop the refresh (strict) or only get reported
 * (--lenient) is the caller's choice. Pure: bytes in, values out.
 */
import type { Feature, Geometry, Point, Position } from 'geojson';
import { bbox as turfBbox } from '@turf/turf';
import { privacyOf } from '../campaign/privacy';
import type { BBox, Campaign, LngLat } from '../campaign/types';
import { ANCHOR_KINDS, mapDataKeys, OBJECT_KIND_DEFS, OBJECT_KINDS } from '../campaign/object-kinds';
import { checkLandCoverage, type LandAnchor } from '../geo/land-coverage';
import { isRuleAnchor } from '../geo/rule-anchors';
import type {
  BoundaryFeature,
  DeclarationEntry,
  Division,
  LandFC,
  ObjectLayers,
  VisitFigures,
  VisitSummary,
} from '../dataset/types';
import { campaignCodes } from './codes';
import { resolveColumns, type ColumnMap, type FieldSpec } from './columns';
import { bytesStream, headBytes, streamBytes, type ByteStream } from './csv-stream';
import { declarationOf, DECLARATION_FIELDS } from './declarations';
import {
  defectHeaders,
  defectOf,
  DEFECT_FIELDS,
  mergeDefects,
  type DefectObservation,
  type MergedDefect,
} from './defects';
import { checkGeometry, inBBox } from './geometry';
import { divisionOf, DIVISION_FIELDS, FEATURE_KINDS, featureOf, type FeatureKind, type IngestContext } from './objects';
import { resolveLimits, type Limits } from './limits';
import { applyFieldRecords, readFieldReturn, type ReturnedRecord } from './field-returns';
import { fileProblem } from './problems';
import {
  fileRefusal,
  readSource,
  streamCsvRecords,
  streamXlsxRecords,
  type RawRecord,
  type RawSource,
} from './read-source';
import { rowOf, type Row } from './row';
import type { Problem, SourceKind, SourceSpec } from './types';
import { cellText, dateRangeOf, parseId, quote, type Cell, type Parsed } from './values';
import { parseVertices } from './vertices';
import {
  summarizeVisits,
  suppressVisits,
  visitOf,
  visitSummaryOf,
  VISIT_FIELDS,
  VISIT_SUMMARY_FIELDS,
  type HouseholdVisit,
} from './visits';

/**
 * One source file: its bytes, or a stream of them (a big file the refresh does not hold whole; only a defects
 * CSV is read row by row from it, any other streamed file is taken whole).
 */
export type SourceInput = { spec: SourceSpec; bytes: Uint8Array } | { spec: SourceSpec; stream: ByteStream };

/**
 * Sources whose records are taken one at a time as they are read (streamDefects), never held as a table: the
 * defects exports, the one kind with 1M rows. A CSV's bytes are read in pieces too; a workbook's are held (a zip
 * is read from its end), its sheet unpacked in pieces.
 */
export const isRowStreamed = (spec: SourceSpec): boolean =>
  spec.kind === 'defect' && (spec.format === 'csv' || spec.format === 'xlsx');

const bytesOf = (input: SourceInput): Uint8Array => ('bytes' in input ? input.bytes : streamBytes(input.stream));

export interface IngestOptions {
  /** The file-wide limits of sources.json (defaults when absent); a source's own `limits` go over them. */
  limits?: Limits;
}

export interface IngestedData extends ObjectLayers {
  boundary: BoundaryFeature | null;
  land: LandFC;
  divisions: Division[];
  defects: MergedDefect[];
  visits: VisitSummary[];
  declarations: DeclarationEntry[];
  attribution: { name: string; source: string; licence: string }[];
  /** True when any source is synthetic sample data. */
  sample: boolean;
  /** Photos of returned field records, stripped of metadata, published beside the data set's files. */
  fieldPhotos?: { path: string; bytes: Uint8Array }[];
}

export interface SourceStats {
  id: string;
  path: string;
  records: number;
  kept: number;
  /** CSV only: the encoding the text was read in (GBK is converted to UTF-8). */
  encoding?: 'utf8' | 'gbk' | 'utf16le' | 'utf16be';
  /** XLSX only: the workbook counts dates from 1904, and its bare serial dates were shifted. */
  date1904?: boolean;
}

export interface IngestResult {
  data: IngestedData;
  problems: Problem[];
  /** Said but not failing: the data are usable as they are (severity 'warning'; land that misses an island). */
  warnings: Problem[];
  stats: SourceStats[];
}

const TABLE_FORMATS = new Set(['csv', 'xlsx']);
/** Kinds in processing order: objects before the defects and visits that refer to them. */
const KIND_ORDER: SourceKind[] = [
  'boundary',
  'land',
  'divisions',
  ...OBJECT_KINDS,
  'defect',
  'visit',
  'declaration',
  'fieldRecord',
];

/**
 * Reads, maps, converts and validates every source: read each file (in parallel), take them in kind order so
 * objects are known before the defects and visits that name them, then check across sources and assemble.
 *
 * @example const { data, problems } = await ingestSources([{ spec, bytes }], campaign);
 */
export async function ingestSources(
  inputs: SourceInput[],
  campaign: Campaign,
  options: IngestOptions = {},
): Promise<IngestResult> {
  const ctx: IngestContext = { campaign, codes: campaignCodes(campaign), dates: dateRangeOf(campaign) };
  const { personalKinds } = privacyOf(campaign);
  const fieldInputs = inputs.filter((i) => i.spec.kind === 'fieldRecord');
  const raws = await Promise.all(
    inputs
      .filter((i) => i.spec.kind !== 'fieldRecord')
      .map(async (input) => {
        const limits = resolveLimits(options.limits, input.spec.limits);
        const personal = personalKinds.includes(input.spec.kind);
        if (isRowStreamed(input.spec)) {
          const stream = 'stream' in input ? input.stream : bytesStream(input.bytes);
          return { spec: input.spec, streamed: await streamDefects(input.spec, stream, limits, ctx, personal) };
        }
        return { spec: input.spec, raw: await readSource(bytesOf(input), input.spec, limits, { personal }) };
      }),
  );
  raws.sort((a, b) => KIND_ORDER.indexOf(a.spec.kind) - KIND_ORDER.indexOf(b.spec.kind));
  const acc = newCollected();
  for (const { spec, raw, streamed } of raws) {
    const read = raw ?? streamed!.read;
    for (const p of read.problems) (p.severity === 'warning' ? acc.warnings : acc.problems).push(p);
    const records = raw ? raw.records.length : streamed!.read.count;
    const skip = records === 0 && read.problems.length > 0;
    const kept = skip ? 0 : raw ? collectSource(spec, raw, ctx, acc) : addStreamed(streamed!, acc);
    acc.stats.push({
      id: spec.id,
      path: spec.path,
      records,
      kept,
      ...(read.encoding !== undefined && { encoding: read.encoding }),
      ...(read.date1904 === true && { date1904: true }),
    });
  }
  const boundarySource = raws.find((r) => r.spec.kind === 'boundary')?.spec ?? null;
  const landSource = raws.find((r) => r.spec.kind === 'land')?.spec ?? null;
  const result = assemble(acc, { boundary: boundarySource, land: landSource }, inputs, campaign);
  if (fieldInputs.length > 0) await mergeFieldReturns(fieldInputs, options, ctx, acc, result);
  return { ...result, problems: capUnknownReferences(result.problems) };
}

/**
 * The returned field records (src/ingest/field-returns.ts): read after the office's own sources, so their steps go
 * on top of the merged defects; a record that no longer fits is a warning, never a failed refresh.
 */
async function mergeFieldReturns(
  fieldInputs: SourceInput[],
  options: IngestOptions,
  ctx: IngestContext,
  acc: Collected,
  result: IngestResult,
): Promise<void> {
  const records: ReturnedRecord[] = [];
  for (const input of fieldInputs) {
    const spec = input.spec;
    const read = await readFieldReturn(bytesOf(input), spec, resolveLimits(options.limits, spec.limits), ctx);
    records.push(...read.records);
    result.problems.push(...read.problems);
    result.stats.push({ id: spec.id, path: spec.path, records: read.rows, kept: read.records.length });
  }
  const places = new Map<string, { subdistrict: string; unit: string; lngLat: number[] | null }>();
  for (const list of acc.features.values())
    for (const f of list) {
      const p = f.properties as { id?: string; subdistrict?: string; unit?: string } | null;
      if (!p?.id || !p.subdistrict || !p.unit) continue;
      const lngLat = f.geometry?.type === 'Point' ? f.geometry.coordinates : null;
      places.set(p.id, { subdistrict: p.subdistrict, unit: p.unit, lngLat });
    }
  const open = new Set(ctx.campaign.lifecycle.states.filter((s) => s.open).map((s) => s.code));
  const merged = applyFieldRecords(result.data.defects, records, {
    objectPlace: (id) => places.get(id) ?? null,
    nearestPlace: ([lng, lat]) => {
      const cosLat = Math.cos((lat * Math.PI) / 180);
      let best: { subdistrict: string; unit: string } | null = null;
      let bestD = Infinity;
      for (const p of places.values()) {
        if (!p.lngLat) continue;
        const d = ((p.lngLat[0] - lng) * cosLat) ** 2 + (p.lngLat[1] - lat) ** 2;
        if (d < bestD) [best, bestD] = [p, d];
      }
      return best;
    },
    isOpen: (state) => open.has(state),
  });
  result.data.defects = merged.defects;
  result.data.fieldPhotos = merged.photos;
  result.warnings.push(...merged.warnings);
}

/** Lines of one kind of dangling reference printed per file before the rest are summed up in one line. */
const MAX_UNKNOWN_REFERENCE_LINES = 20;
const UNKNOWN_REFERENCES: [prefix: string, kind: string][] = [
  ['unknown object id', 'object'],
  ['unknown community', 'community'],
];

/**
 * When the file the others point into is empty or unreadable, every row pointing into it is a problem: hundreds
 * of lines that hide the one that matters. After 20 of one kind from one file, one line says how many more.
 */
function capUnknownReferences(problems: Problem[]): Problem[] {
  const seen = new Map<string, { count: number; summary: Problem | null }>();
  const kept: Problem[] = [];
  for (const p of problems) {
    const kind = UNKNOWN_REFERENCES.find(([prefix]) => p.message.startsWith(prefix))?.[1];
    if (kind === undefined) {
      kept.push(p);
      continue;
    }
    const key = `${p.file}\n${kind}`;
    const entry = seen.get(key) ?? { count: 0, summary: null };
    seen.set(key, entry);
    entry.count += 1;
    if (entry.count <= MAX_UNKNOWN_REFERENCE_LINES) kept.push(p);
    else if (!entry.summary) {
      entry.summary = fileProblem(p.file, p.field, '');
      kept.push(entry.summary);
    }
    if (entry.summary)
      entry.summary.message = `… and ${entry.count - MAX_UNKNOWN_REFERENCE_LINES} more rows of ${p.file} referencing unknown ${kind} ids (the ${kind} source had no usable rows?)`;
  }
  return kept;
}

/** What the sources add up to while they are read. */
interface Collected {
  problems: Problem[];
  /** Said but not failing (severity 'warning'): an empty file. */
  warnings: Problem[];
  stats: SourceStats[];
  features: Map<FeatureKind, Feature[]>;
  /** Object id → where it was first seen, across all object kinds (defects link to objects by id). */
  objectIds: Map<string, string>;
  /** Anchor feature → its file and row or feature, for warnings about it. */
  origins: Map<Feature, { file: string; location: string }>;
  divisions: Division[];
  observations: DefectObservation[];
  households: HouseholdVisit[];
  visitSummaries: VisitFigures[];
  /** Community id → the row that summarized it. */
  summarized: Map<string, string>;
  declarations: DeclarationEntry[];
}

function newCollected(): Collected {
  return {
    problems: [],
    warnings: [],
    stats: [],
    features: new Map(),
    objectIds: new Map(),
    origins: new Map(),
    divisions: [],
    observations: [],
    households: [],
    visitSummaries: [],
    summarized: new Map(),
    declarations: [],
  };
}

/** Adds one source's records to `acc`; returns how many it kept. */
function collectSource(spec: SourceSpec, raw: RawSource, ctx: IngestContext, acc: Collected): number {
  switch (spec.kind) {
    case 'divisions':
      return collectDivisions(spec, raw, ctx, acc);
    case 'defect':
      return collectDefects(spec, raw, ctx, acc);
    case 'visit':
      return collectVisits(spec, raw, ctx, acc);
    case 'declaration':
      return collectDeclarations(spec, raw, ctx, acc);
    default:
      if (spec.kind in FEATURE_KINDS) return collectFeatures(spec.kind as FeatureKind, spec, raw, ctx, acc);
      acc.problems.push(fileProblem(spec.path, 'kind', `unknown kind '${spec.kind}'`));
      return 0;
  }
}

function collectDivisions(spec: SourceSpec, raw: RawSource, ctx: IngestContext, acc: Collected): number {
  const seen = new Map<string, string>();
  const before = acc.divisions.length;
  for (const row of mapRows(spec, raw, DIVISION_FIELDS, acc.problems, ctx.campaign)) {
    const d = divisionOf(row);
    if (d && unique(seen, d.code, row, 'code', spec.path)) acc.divisions.push(d);
    acc.problems.push(...row.problems);
  }
  return acc.divisions.length - before;
}

/** Defects from a file read whole (XLSX, GeoJSON); a CSV is read row by row (streamDefects). */
function collectDefects(spec: SourceSpec, raw: RawSource, ctx: IngestContext, acc: Collected): number {
  const seen = new Map<string, string>();
  const before = acc.observations.length;
  const sample = spec.sample === true;
  for (const { row, geometry } of pointRows(spec, raw, DEFECT_FIELDS, ctx.campaign, acc.problems)) {
    const obs = defectOf(row, geometry, ctx, { sample, exportDate: spec.asOfDate, file: spec.path });
    // One export may hold a defect's history (one row per state date), but not two rows for the same date.
    if (obs && unique(seen, `${obs.id}' on '${obs.date}`, row, 'id', spec.path)) acc.observations.push(obs);
    acc.problems.push(...row.problems);
  }
  return acc.observations.length - before;
}

/**
 * A defects table read row by row (streamCsvRecords, streamXlsxRecords): each record becomes an observation (or
 * problems) as it is read and is then let go, so only the observations are held. The problems keep the order of
 * a whole read: the file's (`read.problems`), then the columns', then each row's.
 */
async function streamDefects(
  spec: SourceSpec,
  stream: ByteStream,
  limits: Limits,
  ctx: IngestContext,
  personal: boolean,
) {
  const fields = [...DEFECT_FIELDS, { field: 'lng', required: true }, { field: 'lat', required: true }];
  let sink = defectSink(spec, fields, ctx, personal, false);
  /** A pass over the file starts a fresh sink (a workbook's own date system; a CSV has none). */
  const start = (date1904: boolean) => {
    sink = defectSink(spec, fields, ctx, personal, date1904);
    return sink.record;
  };
  const refused = fileRefusal(stream.byteLength, headBytes(stream, 4), spec, limits);
  if (refused) return { read: { headers: [], problems: [refused], count: 0 }, observations: [], problems: [] };
  const read =
    spec.format === 'xlsx'
      ? await streamXlsxRecords(streamBytes(stream), spec, limits, (workbook) => start(workbook.date1904))
      : streamCsvRecords(stream, spec, limits, () => start(false));
  // No record: the columns are still checked, as for a whole read (unless the file itself was the problem).
  if (read.count === 0) sink.columns(read.headers);
  return { read, observations: sink.observations, problems: sink.problems };
}

/** What one pass over a defects table collects (see streamDefects). */
function defectSink(spec: SourceSpec, fields: FieldSpec[], ctx: IngestContext, personal: boolean, date1904: boolean) {
  const seen = new Map<string, string>();
  const observations: DefectObservation[] = [];
  const problems: Problem[] = [];
  const sample = spec.sample === true;
  let columns: ColumnMap | null = null;
  let headers: DefectObservation['origin']['headers'] | undefined;
  // Dates and object ids repeat across a big export: one string each instead of one per row.
  const strings = new Map<string, string>();
  const intern = (text: string) => strings.get(text) ?? (strings.set(text, text), text);
  const resolve = (names: string[]) => {
    if (columns !== null) return;
    const resolved = tableColumns(spec, names, fields, problems);
    columns = resolved ?? {};
    if (resolved) headers = defectHeaders(resolved);
  };
  return {
    observations,
    problems,
    columns: resolve,
    record(record: RawRecord, names: string[]) {
      resolve(names);
      if (headers === undefined) return;
      const row = rowOf(record, columns!, spec.path, { personal, date1904 });
      const obs = defectOf(row, tablePoint(row, spec, ctx.campaign), ctx, {
        sample,
        exportDate: spec.asOfDate,
        file: spec.path,
        headers,
      });
      // One export may hold a defect's history (one row per state date), but not two rows for the same date.
      if (obs && unique(seen, `${obs.id}' on '${obs.date}`, row, 'id', spec.path)) {
        obs.found = intern(obs.found);
        obs.deadline = intern(obs.deadline);
        obs.date = intern(obs.date);
        if (obs.object !== null) obs.object = intern(obs.object);
        observations.push(obs);
      }
      for (const p of row.problems) problems.push(p);
    },
  };
}

/** Adds a streamed defects table to `acc`; returns how many observations it kept. */
function addStreamed(streamed: Awaited<ReturnType<typeof streamDefects>>, acc: Collected): number {
  for (const p of streamed.problems) acc.problems.push(p);
  for (const obs of streamed.observations) acc.observations.push(obs);
  return streamed.observations.length;
}

/** Household records, or per-community summaries when the table has a households column. */
function collectVisits(spec: SourceSpec, raw: RawSource, ctx: IngestContext, acc: Collected): number {
  const resolve = communityResolver(acc.features.get('community') ?? []);
  const sample = spec.sample === true;
  if (isSummaryTable(spec, raw)) {
    const before = acc.visitSummaries.length;
    for (const row of mapRows(spec, raw, VISIT_SUMMARY_FIELDS, acc.problems, ctx.campaign)) {
      const summary = visitSummaryOf(row, resolve, sample);
      if (summary && unique(acc.summarized, summary.community, row, 'community', spec.path))
        acc.visitSummaries.push(summary);
      acc.problems.push(...row.problems);
    }
    return acc.visitSummaries.length - before;
  }
  const before = acc.households.length;
  for (const row of mapRows(spec, raw, VISIT_FIELDS, acc.problems, ctx.campaign)) {
    const visit = visitOf(row, resolve, sample);
    if (visit) acc.households.push(visit);
    acc.problems.push(...row.problems);
  }
  return acc.households.length - before;
}

function collectDeclarations(spec: SourceSpec, raw: RawSource, ctx: IngestContext, acc: Collected): number {
  const seen = new Map(acc.declarations.map((d) => [d.id, 'an earlier source']));
  const before = acc.declarations.length;
  for (const row of mapRows(spec, raw, DECLARATION_FIELDS, acc.problems, ctx.campaign)) {
    const entry = declarationOf(row, ctx);
    if (entry && unique(seen, entry.id, row, 'id', spec.path)) acc.declarations.push(entry);
    acc.problems.push(...row.problems);
  }
  return acc.declarations.length - before;
}

/** Objects, the boundary and land; OSM streets are first placed in a subdistrict. Ids are unique across kinds. */
function collectFeatures(
  kind: FeatureKind,
  spec: SourceSpec,
  raw: RawSource,
  ctx: IngestContext,
  acc: Collected,
): number {
  const list = acc.features.get(kind) ?? [];
  const before = list.length;
  const source =
    spec.format === 'overpass'
      ? placeOsmStreets(raw, spec, anchorPoints(acc.features), ctx.campaign, acc.problems)
      : raw;
  for (const { row, geometry } of featureRows(kind, spec, source, ctx.campaign, acc.problems)) {
    const feature = featureOf(kind, row, geometry, ctx, spec.sample === true);
    const id = feature?.properties?.id as string | undefined;
    if (feature && (id === undefined || unique(acc.objectIds, id, row, 'id', spec.path))) {
      list.push(feature);
      acc.origins.set(feature, { file: spec.path, location: row.location });
    }
    acc.problems.push(...row.problems);
  }
  acc.features.set(kind, list);
  return list.length - before;
}

/**
 * The checks across sources (one boundary, visits given once per community, defects on known objects), then the
 * model: defect histories merged, visit figures summed and suppressed below the campaign's minimum.
 */
function assemble(
  acc: Collected,
  sources: { boundary: SourceSpec | null; land: SourceSpec | null },
  inputs: SourceInput[],
  campaign: Campaign,
): IngestResult {
  const { problems, features } = acc;
  const boundarySource = sources.boundary;
  const privacy = privacyOf(campaign);
  const boundaries = features.get('boundary') ?? [];
  if (boundarySource && boundaries.length > 1) {
    const message = `expected one district boundary feature, found ${boundaries.length}`;
    problems.push(fileProblem(boundarySource.path, 'boundary', message));
  }
  const { defects, problems: mergeProblems } = mergeDefects(acc.observations);
  problems.push(...mergeProblems);
  const visits = [...acc.visitSummaries, ...summarizeVisits(acc.households, privacy.minHouseholds)].sort((a, b) =>
    a.community < b.community ? -1 : 1,
  );
  for (let i = 1; i < visits.length; i += 1) {
    if (visits[i].community === visits[i - 1].community) {
      const message = `community '${visits[i].community}' has both household records and a summary row`;
      problems.push(fileProblem('sources.json', 'visit', message));
    }
  }
  // Where each defect on an object was first seen; made only when an object is unknown (a lookup per defect
  // through every observation would take hours at a million rows when the objects file failed).
  let firstSeen: Map<string, DefectObservation> | null = null;
  for (const d of defects) {
    if (d.object !== null && !acc.objectIds.has(d.object)) {
      firstSeen ??= firstObservations(acc.observations);
      const origin = firstSeen.get(`${d.id}\n${d.object}`)?.origin;
      problems.push({
        file: origin?.file ?? '?',
        location: origin?.location ?? '?',
        field: origin?.headers.object ?? 'object',
        message: `unknown object id '${d.object}'`,
      });
    }
  }

  const layers = mapDataKeys((_, kind) => ({ type: 'FeatureCollection', features: features.get(kind) ?? [] }));
  const specs = inputs.map((i) => i.spec);
  const boundary = boundaries.length === 1 ? (boundaries[0] as BoundaryFeature) : null;
  const { land, warnings } = landOf(acc, sources, boundary, campaign);
  return {
    data: {
      boundary,
      land,
      divisions: acc.divisions,
      ...(layers as ObjectLayers),
      defects,
      visits: suppressVisits(visits, privacy.minHouseholds),
      declarations: acc.declarations,
      attribution: dedupeAttribution(specs),
      sample: specs.some((s) => s.sample === true),
      fieldPhotos: [],
    },
    problems,
    warnings: [...acc.warnings, ...warnings],
    stats: acc.stats,
  };
}

/** The first observation of each defect id and object, keyed `id\nobject`. */
function firstObservations(observations: DefectObservation[]): Map<string, DefectObservation> {
  const first = new Map<string, DefectObservation>();
  for (const o of observations) {
    const key = `${o.id}\n${o.object}`;
    if (!first.has(key)) first.set(key, o);
  }
  return first;
}

/**
 * The land polygons near the district; when a rule clips to land, checked against the boundary and the rules'
 * anchors and filled from the boundary where they miss an anchor's island (src/geo/land-coverage.ts).
 */
function landOf(
  acc: Collected,
  sources: { boundary: SourceSpec | null; land: SourceSpec | null },
  boundary: BoundaryFeature | null,
  campaign: Campaign,
): { land: LandFC; warnings: Problem[] } {
  const land = {
    type: 'FeatureCollection',
    features: (acc.features.get('land') ?? []).filter((f) => intersects(f.geometry, campaign.district.bbox)),
  } as LandFC;
  const rules = campaign.zoneRules.filter((r) => r.clipToLand);
  if (!sources.land || rules.length === 0) return { land, warnings: [] };
  const areaOf = new Map(campaign.subdistricts.map((s) => [s.code, s.area]));
  const anchors: LandAnchor[] = [];
  for (const kind of ANCHOR_KINDS) {
    for (const f of acc.features.get(kind) ?? []) {
      if (f.geometry?.type !== 'Point') continue;
      const p = f.properties as { name: string; subdistrict: string; builtUp?: boolean | null };
      const own = rules.filter((r) => isRuleAnchor(r, kind, areaOf.get(p.subdistrict), p.builtUp ?? null));
      if (own.length === 0) continue;
      const origin = acc.origins.get(f) ?? { file: '?', location: '?' };
      anchors.push({
        name: p.name,
        kindLabel: OBJECT_KIND_DEFS[kind].label.en.toLowerCase(),
        lngLat: f.geometry.coordinates as LngLat,
        rules: own,
        ...origin,
      });
    }
  }
  return checkLandCoverage(land, boundary, anchors, {
    landFile: sources.land.path,
    boundaryFile: sources.boundary?.path ?? null,
  });
}

/**
 * Maps a source's records to rows; column problems go to `problems`. Rows of a kind the campaign marks personal
 * never quote a cell in a problem (see `rowOf`).
 */
function mapRows(
  spec: SourceSpec,
  raw: RawSource,
  fields: FieldSpec[],
  problems: Problem[],
  campaign: Campaign,
): Row[] {
  const where = TABLE_FORMATS.has(spec.format) ? 'row 1' : 'file';
  const { columns, problems: columnProblems } = resolveColumns(spec, raw.headers, fields, where);
  const missing = columnProblems.filter((p) => p.message.startsWith('missing required column'));
  if (missing.length > 0 && raw.records.length > 0 && raw.records.every((r) => r.noProperties)) {
    // Not one line per field: the fields are missing because the features carry no properties at all.
    const fields = missing.map((p) => p.field).join(', ');
    problems.push(
      fileProblem(spec.path, 'properties', `no feature has properties (null or missing): ${fields} needed`),
    );
    return [];
  }
  problems.push(...columnProblems);
  if (!usableColumns(columnProblems)) return [];
  const personal = privacyOf(campaign).personalKinds.includes(spec.kind);
  return raw.records.map((r) => rowOf(r, columns, spec.path, { personal, date1904: raw.date1904 }));
}

/** Rows with their checked WGS-84 geometry (null when it failed, with a problem in the row). */
function featureRows(
  kind: FeatureKind,
  spec: SourceSpec,
  raw: RawSource,
  campaign: Campaign,
  problems: Problem[],
): { row: Row; geometry: Geometry | null }[] {
  const def = FEATURE_KINDS[kind];
  if (TABLE_FORMATS.has(spec.format)) {
    if (def.geometry.includes('LineString')) return lineRows(spec, raw, def.fields, campaign, problems);
    if (!def.geometry.includes('Point')) {
      problems.push(
        fileProblem(spec.path, 'format', `a ${kind} needs ${def.geometry.join(' or ')} geometry: use GeoJSON or KML`),
      );
      return [];
    }
    return pointRows(spec, raw, def.fields, campaign, problems);
  }
  return mapRows(spec, raw, def.fields, problems, campaign).map((row, i) => ({
    row,
    geometry: geometryOf(row, raw.records[i], def.geometry, spec, def.inDistrict ? campaign : null),
  }));
}

/** Point rows: a lng/lat column pair in tables, the feature's geometry in GeoJSON/KML. */
function pointRows(
  spec: SourceSpec,
  raw: RawSource,
  fields: FieldSpec[],
  campaign: Campaign,
  problems: Problem[],
): { row: Row; geometry: Geometry | null }[] {
  const table = TABLE_FORMATS.has(spec.format);
  const rows = mapRows(
    spec,
    raw,
    table ? [...fields, { field: 'lng', required: true }, { field: 'lat', required: true }] : fields,
    problems,
    campaign,
  );
  return rows.map((row, i) => ({
    row,
    geometry: table ? tablePoint(row, spec, campaign) : geometryOf(row, raw.records[i], ['Point'], spec, campaign),
  }));
}

/** A table row's point from its lng/lat columns, converted and checked (null, with a problem, when it fails). */
function tablePoint(row: Row, spec: SourceSpec, campaign: Campaign): Geometry | null {
  const lng = row.number('lng');
  const lat = row.number('lat');
  if (lng === null || lat === null) return null;
  const check = checkGeometry({ type: 'Point', coordinates: [lng, lat] }, ['Point'], spec.crs, campaign.district.bbox);
  if (check.ok) return check.geometry;
  for (const reason of check.reasons) row.fail('lng', reason);
  row.problems.at(-1)!.field = `${row.header('lng')}/${row.header('lat')}`;
  return null;
}

/**
 * A table's columns for `fields` (column problems go to `problems`); null when a required one is missing or a
 * column is wrong, and then no row is read.
 */
function tableColumns(spec: SourceSpec, headers: string[], fields: FieldSpec[], problems: Problem[]): ColumnMap | null {
  const { columns, problems: columnProblems } = resolveColumns(spec, headers, fields, 'row 1');
  for (const p of columnProblems) problems.push(p);
  return usableColumns(columnProblems) ? columns : null;
}

const usableColumns = (columnProblems: Problem[]) =>
  !columnProblems.some((p) => p.message.startsWith('missing required column') || p.message.startsWith('column '));

/**
 * Line rows of a table (streets in XLSX/CSV): the 经纬度串 column, `lng,lat;lng,lat;…` in the file's CRS. Each
 * vertex is converted and checked against the district on its own, so a fault names the vertex by number.
 */
function lineRows(
  spec: SourceSpec,
  raw: RawSource,
  fields: FieldSpec[],
  campaign: Campaign,
  problems: Problem[],
): { row: Row; geometry: Geometry | null }[] {
  const rows = mapRows(spec, raw, [...fields, { field: 'vertices', required: true }], problems, campaign);
  return rows.map((row) => {
    const vertices = row.lookup('vertices', true, parseVertices);
    if (!vertices) return { row, geometry: null };
    const converted: Position[] = [];
    for (const [k, vertex] of vertices.entries()) {
      const check = checkGeometry({ type: 'Point', coordinates: vertex }, ['Point'], spec.crs, campaign.district.bbox);
      if (!check.ok) return { row, geometry: row.fail('vertices', `vertex ${k + 1}: ${check.reasons.join('; ')}`) };
      converted.push((check.geometry as Point).coordinates);
    }
    const check = checkGeometry({ type: 'LineString', coordinates: converted }, ['LineString'], 'wgs84', null);
    if (check.ok) return { row, geometry: check.geometry };
    for (const reason of check.reasons) row.fail('vertices', reason);
    return { row, geometry: null };
  });
}

function geometryOf(
  row: Row,
  record: RawRecord,
  allowed: Geometry['type'][],
  spec: SourceSpec,
  campaign: Campaign | null,
): Geometry | null {
  const g = record.geometry;
  // togeojson turns a KML MultiGeometry into a GeometryCollection, a word the office never wrote.
  if (
    spec.format === 'kml' &&
    g?.type === 'GeometryCollection' &&
    allowed.includes('LineString') &&
    g.geometries.length > 0 &&
    g.geometries.every((part) => part.type === 'LineString')
  ) {
    row.fail('geometry', 'MultiGeometry (several lines): split it into one Placemark per street');
    return null;
  }
  const check = checkGeometry(g, allowed, spec.crs, campaign ? campaign.district.bbox : null);
  if (check.ok) return check.geometry;
  for (const reason of check.reasons) row.fail('geometry', reason);
  return null;
}

/**
 * Records `key` as seen at this row; false (with a problem) when it was seen before. Ids are compared after NFKC
 * (values.ts parseId), so a row that wrote the id another way (Ｈ１ for H1) is named with its spelling.
 */
function unique(seen: Map<string, string>, key: string, row: Row, field: string, file: string): boolean {
  const text = cellText(row.cell(field));
  const written = text !== key && text.normalize('NFKC') === key ? `, written ${quote(row.cell(field))}` : '';
  const first = seen.get(key);
  if (first !== undefined) {
    row.fail(field, `duplicate ${field} '${key}' (${written ? `here${written}; ` : ''}first at ${first})`);
    return false;
  }
  seen.set(key, `${file}:${row.location}${written}`);
  return true;
}

/** Positions and subdistricts of the point objects loaded so far (communities, markets, town seats). */
function anchorPoints(features: Map<FeatureKind, Feature[]>): { lngLat: number[]; subdistrict: string }[] {
  return ANCHOR_KINDS.flatMap((kind) =>
    (features.get(kind) ?? []).map((f) => ({
      lngLat: (f.geometry as Point).coordinates,
      subdistrict: (f.properties as { subdistrict: string }).subdistrict,
    })),
  );
}

/**
 * OSM has no subdistrict or responsible unit: each way goes to the subdistrict of the nearest community office,
 * market or town seat (an approximation, since no township polygons are available) and to that subdistrict's
 * unit, else the campaign office. Ways reaching outside the district bbox are left out.
 */
function placeOsmStreets(
  raw: RawSource,
  spec: SourceSpec,
  anchors: { lngLat: number[]; subdistrict: string }[],
  campaign: Campaign,
  problems: Problem[],
): RawSource {
  if (raw.records.length > 0 && anchors.length === 0) {
    problems.push(
      fileProblem(
        spec.path,
        'subdistrict',
        'cannot place OSM streets: list community, market or town seat sources before them',
      ),
    );
    return { ...raw, records: [] };
  }
  const records = raw.records
    .filter(
      (r) =>
        r.geometry?.type !== 'LineString' || r.geometry.coordinates.every((p) => inBBox(p, campaign.district.bbox, 0)),
    )
    .map((r) => {
      const line = r.geometry?.type === 'LineString' ? r.geometry.coordinates : [];
      const mid = line[Math.floor(line.length / 2)];
      if (!mid) return r;
      const cosLat = Math.cos((mid[1] * Math.PI) / 180);
      const nearest = anchors.reduce(
        (best, a) => {
          const d = ((a.lngLat[0] - mid[0]) * cosLat) ** 2 + (a.lngLat[1] - mid[1]) ** 2;
          return d < best.d ? { d, a } : best;
        },
        { d: Infinity, a: anchors[0] },
      ).a;
      const unit = campaign.subdistricts.find((sd) => sd.code === nearest.subdistrict)?.unit ?? campaign.office;
      return { ...r, cells: Object.assign(Object.create(null), r.cells, { subdistrict: nearest.subdistrict, unit }) };
    });
  return { ...raw, records };
}

/** A visit table with a households column holds per-community summaries, not household records. */
function isSummaryTable(spec: SourceSpec, raw: RawSource): boolean {
  const { columns } = resolveColumns(spec, raw.headers, [{ field: 'households', required: false }], 'file');
  return columns.households !== undefined;
}

/** Community id, name or NBS code → community id; compared as ids are (values.ts parseId: NFKC, no invisibles). */
function communityResolver(communities: Feature[]): (cell: Cell) => Parsed<string> {
  const index = new Map<string, string>();
  for (const f of communities) {
    const p = f.properties as { id: string; name: string; code: string };
    for (const key of [p.id, p.name, p.code]) index.set(key.normalize('NFKC'), p.id);
  }
  return (cell) => {
    const key = parseId(cell);
    if (!key.ok) return key;
    const id = index.get(key.value);
    return id !== undefined
      ? { ok: true, value: id }
      : { ok: false, reason: `unknown community (not in any community source): '${key.value}'` };
  };
}

function intersects(g: Geometry, [w, s, e, n]: BBox): boolean {
  const [minX, minY, maxX, maxY] = turfBbox(g);
  return minX <= e && maxX >= w && minY <= n && maxY >= s;
}

function dedupeAttribution(specs: SourceSpec[]): IngestedData['attribution'] {
  const seen = new Map<string, IngestedData['attribution'][number]>();
  for (const s of specs) if (s.attribution) seen.set(`${s.attribution.name}|${s.attribution.source}`, s.attribution);
  return [...seen.values()];
}
