/**
 * Reads one source file into raw records: a header list and, per row or feature, its cells and (for GeoJSON and
 * KML) its geometry. No mapping or validation happens here; a file that cannot be read at all gives one problem.
 * Input is bytes, never a path, so the same code runs in Node and in the browser.
 */
import Papa from 'papaparse';
import { readSheet, InvalidInputError, SheetNotFoundError } from 'read-excel-file/universal';
import { DOMParser } from '@xmldom/xmldom';
import { kml } from '@tmcw/togeojson';
import type { Geometry } from 'geojson';
import { readOverpass } from './osm';
import { DEFAULT_LIMITS, type Limits } from './limits';
import { fileProblem } from './problems';
import { cleanText, decodeText } from './text';
import type { Problem, RawRecord, RawSource, SourceSpec } from './types';
import { isBlank, type Cell } from './values';

export type { RawRecord, RawSource };

/** Reads `bytes` as `spec.format`. */
export async function readSource(
  bytes: Uint8Array,
  spec: SourceSpec,
  limits: Limits = DEFAULT_LIMITS,
): Promise<RawSource> {
  void limits;
  switch (spec.format) {
    case 'csv':
      return readCsv(bytes, spec);
    case 'xlsx':
      return readXlsx(bytes, spec);
    case 'geojson':
      return readGeoJson(bytes, spec);
    case 'kml':
      return readKml(bytes, spec);
    case 'overpass':
      return readOverpass(new TextDecoder().decode(bytes), spec);
    default:
      return empty([
        fileProblem(spec.path, 'format', `unknown format '${String(spec.format)}' (csv, xlsx, geojson, kml, overpass)`),
      ]);
  }
}

export function readCsv(bytes: Uint8Array, spec: SourceSpec): RawSource {
  let text: string;
  try {
    text = decodeText(bytes, spec.encoding ?? 'auto').text;
  } catch (e) {
    return empty([fileProblem(spec.path, 'encoding', (e as Error).message)]);
  }
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false });
  const problems: Problem[] = parsed.errors
    .filter((e) => e.type === 'Quotes')
    .map((e) => ({
      file: spec.path,
      location: `row ${(e.row ?? 0) + 1}`,
      field: 'csv',
      message: e.message.toLowerCase(),
    }));
  const table = tableRecords(parsed.data, spec);
  return { ...table, problems: [...problems, ...table.problems] };
}

export async function readXlsx(bytes: Uint8Array, spec: SourceSpec): Promise<RawSource> {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  try {
    const rows = spec.sheet === undefined ? await readSheet(buffer) : await readSheet(buffer, spec.sheet);
    return tableRecords(rows as Cell[][], spec);
  } catch (e) {
    if (e instanceof SheetNotFoundError) return empty([fileProblem(spec.path, 'sheet', (e as Error).message)]);
    if (e instanceof InvalidInputError) return empty([fileProblem(spec.path, 'xlsx', 'not a readable .xlsx file')]);
    return empty([fileProblem(spec.path, 'xlsx', `not a readable .xlsx file: ${(e as Error).message}`)]);
  }
}

export function readGeoJson(bytes: Uint8Array, spec: SourceSpec): RawSource {
  let json: unknown;
  try {
    json = JSON.parse(decodeText(bytes, 'utf8').text);
  } catch (e) {
    return empty([fileProblem(spec.path, 'geojson', `not valid JSON: ${(e as Error).message}`)]);
  }
  // A bare array of features is what DataV GeoAtlas serves.
  const obj = json as { type?: unknown; features?: unknown };
  const features: unknown[] | null = Array.isArray(json)
    ? json
    : obj?.type === 'FeatureCollection' && Array.isArray(obj.features)
      ? obj.features
      : obj?.type === 'Feature'
        ? [json]
        : null;
  if (!features)
    return empty([
      fileProblem(spec.path, 'geojson', 'expected a FeatureCollection, a Feature or an array of Features'),
    ]);
  const problems: Problem[] = [];
  const records: RawRecord[] = [];
  features.forEach((f, i) => {
    const feature = f as { type?: unknown; properties?: unknown; geometry?: unknown };
    if (feature?.type !== 'Feature') {
      problems.push({ file: spec.path, location: `feature ${i}`, field: 'type', message: 'not a GeoJSON Feature' });
      return;
    }
    const props =
      feature.properties && typeof feature.properties === 'object' ? (feature.properties as Record<string, Cell>) : {};
    records.push({ location: `feature ${i}`, cells: props, geometry: (feature.geometry ?? null) as Geometry | null });
  });
  return { headers: propertyNames(records), records, problems };
}

export function readKml(bytes: Uint8Array, spec: SourceSpec): RawSource {
  const errors: string[] = [];
  let doc: ReturnType<DOMParser['parseFromString']>;
  try {
    const text = decodeText(bytes, 'utf8').text;
    doc = new DOMParser({
      onError: (level, message) => void (level !== 'warning' && errors.push(message)),
    }).parseFromString(text, 'text/xml');
  } catch (e) {
    return empty([fileProblem(spec.path, 'kml', `not valid XML: ${firstLine((e as Error).message)}`)]);
  }
  if (errors.length > 0) return empty([fileProblem(spec.path, 'kml', `not valid XML: ${firstLine(errors[0])}`)]);
  if (doc.documentElement?.localName !== 'kml') return empty([fileProblem(spec.path, 'kml', 'no <kml> root element')]);
  const collection = kml(doc as unknown as Document);
  if (collection.features.length === 0) return empty([fileProblem(spec.path, 'kml', 'no Placemark found')]);
  const records = collection.features.map((f, i) => ({
    location: `feature ${i}`,
    cells: nullsOf(f.properties ?? {}),
    geometry: f.geometry as Geometry | null,
  }));
  return { headers: propertyNames(records), records, problems: [] };
}

/**
 * KML ExtendedData holds only text, and tokml (which our own KML export uses) writes a null property as the text
 * `null`; read it back as blank so exported files round-trip.
 */
function nullsOf(props: Record<string, unknown>): Record<string, Cell> {
  return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, v === 'null' ? null : (v as Cell)]));
}

/** Header row + data rows → records; blank rows are skipped but keep their number. */
function tableRecords(rows: Cell[][], spec: SourceSpec): RawSource {
  if (rows.length === 0) return empty([fileProblem(spec.path, 'table', 'the file is empty (no header row)')]);
  const headers = rows[0].map((h) => (isBlank(h) ? '' : cleanText(String(h))));
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const h of headers) {
    if (h !== '' && seen.has(h))
      problems.push({ file: spec.path, location: 'row 1', field: h, message: 'duplicate column header' });
    seen.add(h);
  }
  const records: RawRecord[] = [];
  rows.slice(1).forEach((row, i) => {
    if (row.every(isBlank)) return;
    const location = `row ${i + 2}`;
    if (row.length > headers.length && row.slice(headers.length).some((c) => !isBlank(c))) {
      problems.push({
        file: spec.path,
        location,
        field: 'row',
        message: `${row.length} cells but the header has ${headers.length} columns`,
      });
    }
    const cells: Record<string, Cell> = {};
    headers.forEach((h, c) => {
      if (h !== '' && !(h in cells)) cells[h] = row[c] ?? null;
    });
    records.push({ location, cells });
  });
  return { headers: headers.filter((h) => h !== ''), records, problems };
}

function propertyNames(records: RawRecord[]): string[] {
  const names = new Set<string>();
  for (const r of records) for (const k of Object.keys(r.cells)) names.add(k);
  return [...names];
}

function empty(problems: Problem[]): RawSource {
  return { headers: [], records: [], problems };
}

function firstLine(message: string): string {
  return message.split('\n')[0].trim();
}
