/**
 * Reads one source file into raw records: a header list and, per row or feature, its cells and (for GeoJSON and
 * KML) its geometry. No mapping or validation happens here; a file that cannot be read at all gives one problem.
 * Input is bytes, never a path, so the same code runs in Node and in the browser.
 *
 * The size limits (src/ingest/limits.ts) are held here, each before the work it protects: file bytes first, zip
 * sizes before anything unpacks, JSON/XML depth before parsing, columns on the header before any row is built;
 * records, cell lengths and vertices as they are read. An over-limit file or record gives one line that names
 * the limit and where to raise it, never the value. Cells are objects without a prototype, so a column called
 * `__proto__` or `constructor` is a column like any other.
 */
import { DOMParser } from '@xmldom/xmldom';
import { kml } from '@tmcw/togeojson';
import type { Geometry } from 'geojson';
import { readOverpass } from './osm';
import { DEFAULT_LIMITS, jsonTooDeep, limitHint, vertexCount, xmlTooDeep, type Limits } from './limits';
import { fileProblem } from './problems';
import { bytesStream, streamCsv, type ByteStream, type CsvEncoding, type CsvPass } from './csv-stream';
import { cleanText, decodeText } from './text';
import type { Problem, RawRecord, RawSource, SourceSpec } from './types';
import { isBlank, type Cell } from './values';
import { openWorkbook, readSheetRows, SheetError, type Workbook } from './xlsx-read';
import { columnName } from './xlsx-scan';
import { openZip, ZipEntryError } from './zip';

export type { RawRecord, RawSource };

/** Cells keyed by header: no prototype, so `__proto__`, `constructor` or `toString` are plain keys. */
export type Cells = Record<string, Cell>;

export interface ReadOptions {
  /**
   * The source is of a kind the campaign marks personal (src/campaign/privacy.ts): a file that cannot be parsed is
   * located by line and column only, never with the parser's excerpt of the text around the fault.
   */
  personal?: boolean;
}

/** Reads `bytes` as `spec.format`. */
export async function readSource(
  bytes: Uint8Array,
  spec: SourceSpec,
  limits: Limits = DEFAULT_LIMITS,
  options: ReadOptions = {},
): Promise<RawSource> {
  const refused = fileRefusal(bytes.byteLength, bytes, spec, limits);
  if (refused) return empty([refused]);
  switch (spec.format) {
    case 'csv':
      return readCsv(bytes, spec, limits);
    case 'xlsx':
      return readXlsx(bytes, spec, limits);
    case 'geojson':
      return readGeoJson(bytes, spec, limits, options);
    case 'kml':
      return readKml(bytes, spec, limits, options);
    case 'overpass':
      return readOverpass(new TextDecoder().decode(bytes), spec, limits);
    default:
      return empty([
        fileProblem(spec.path, 'format', `unknown format '${String(spec.format)}' (csv, xlsx, geojson, kml, overpass)`),
      ]);
  }
}

/**
 * Why a file is not read at all, from its size and first bytes (`head`, at least 4): over maxFileBytes, or a
 * container of the wrong kind. Null when it can be read.
 */
export function fileRefusal(byteLength: number, head: Uint8Array, spec: SourceSpec, limits: Limits): Problem | null {
  if (byteLength > limits.maxFileBytes)
    return fileProblem(
      spec.path,
      'file',
      `${byteLength} bytes is over the limit; ${limitHint('maxFileBytes', limits.maxFileBytes)}`,
    );
  return containerProblem(head, spec);
}

/**
 * A binary container where text (or a zip) was expected: parsing it would only say "not valid UTF-8" or "not
 * valid XML", and suggest the wrong fix.
 */
function containerProblem(bytes: Uint8Array, spec: SourceSpec): Problem | null {
  const starts = (...magic: number[]) => magic.every((b, i) => bytes[i] === b);
  if (starts(0xd0, 0xcf, 0x11, 0xe0))
    return fileProblem(
      spec.path,
      spec.format,
      'an old Excel 97–2003 .xls or a password-protected workbook: save as .xlsx without a password',
    );
  if (spec.format !== 'xlsx' && starts(0x50, 0x4b, 0x03, 0x04))
    return fileProblem(
      spec.path,
      spec.format,
      `this file is a zip archive (a KMZ or an XLSX?): unzip a KMZ and list its doc.kml, or give a workbook "format": "xlsx"`,
    );
  return null;
}

/**
 * CSV, parsed row by row so the header's width and the row count are checked before the table is built: a line
 * of 200 000 columns is refused at row 1, a file of too many rows at the first row over.
 */
export function readCsv(bytes: Uint8Array, spec: SourceSpec, limits: Limits = DEFAULT_LIMITS): RawSource {
  const kept = keptRecords();
  const read = streamCsvRecords(bytesStream(bytes), spec, limits, kept.start);
  return {
    headers: read.headers,
    records: kept.of(read),
    problems: read.problems,
    ...(read.encoding !== undefined && { encoding: read.encoding }),
  };
}

/**
 * The records a streamed read hands on, for a read that keeps them all: each pass starts afresh (`start`), and a
 * read that refused the file (count 0) keeps none.
 */
function keptRecords() {
  let records: RawRecord[] = [];
  return {
    start: () => {
      records = [];
      return (record: RawRecord) => void records.push(record);
    },
    of: (read: { count: number }) => (read.count === 0 ? [] : records),
  };
}

/** A CSV read record by record (streamCsvRecords): what is left once every record was handed on. */
export type CsvRecordsRead = Omit<RawSource, 'records'> & { count: number };

/**
 * Reads a CSV from a stream (csv-stream.ts), handing each record to the function `start` returns, and never
 * holding more than one row; `start` is called again when the file is read again from the start (an 'auto'
 * encoding that turned out GBK), so what the last one received is the file. The same checks as a whole read,
 * in the same order: a limit refuses the file (count 0: drop what was received), bad rows are problems.
 */
export function streamCsvRecords(
  stream: ByteStream,
  spec: SourceSpec,
  limits: Limits,
  start: () => (record: RawRecord, headers: string[]) => void,
): CsvRecordsRead {
  let table = tableReader(spec, limits);
  let quoteProblems: Problem[] = [];
  let refused: Problem | null = null;
  let count = 0;
  const open = (): CsvPass => {
    const onRecord = start();
    table = tableReader(spec, limits);
    quoteProblems = [];
    refused = null;
    count = 0;
    let rows = 0;
    /** Non-blank rows after the header (blank ones are skipped later, so they do not count). */
    let records = 0;
    return {
      row(cells, quoteErrors) {
        rows += 1;
        const location = `row ${rows}`;
        for (const message of quoteErrors) quoteProblems.push({ file: spec.path, location, field: 'csv', message });
        if (rows > 1 && !cells.every(isBlank)) records += 1;
        refused =
          cells.length > limits.maxColumns
            ? tooWide(spec, location, cells.length, limits)
            : records > limits.maxRecords
              ? tooLong(spec, limits)
              : null;
        if (refused) return false;
        const record = table.row(cells);
        if (record) {
          count += 1;
          onRecord(record, table.headers());
        }
        return true;
      },
    };
  };
  let encoding: CsvEncoding;
  try {
    ({ encoding } = streamCsv(stream, spec.encoding ?? 'auto', open));
  } catch (e) {
    return { headers: [], problems: [fileProblem(spec.path, 'encoding', (e as Error).message)], count: 0 };
  }
  if (refused) return { headers: [], problems: [refused], count: 0 };
  const done = table.finish();
  return {
    headers: done.headers,
    problems: [...quoteProblems, ...done.problems],
    encoding,
    count: done.read ? count : 0,
  };
}

/** A workbook read whole (streamXlsxRecords, the records kept). */
export async function readXlsx(
  bytes: Uint8Array,
  spec: SourceSpec,
  limits: Limits = DEFAULT_LIMITS,
): Promise<RawSource> {
  const kept = keptRecords();
  const read = await streamXlsxRecords(bytes, spec, limits, kept.start);
  return {
    headers: read.headers,
    records: kept.of(read),
    problems: read.problems,
    ...(read.date1904 === true && { date1904: true }),
  };
}

/**
 * Reads a workbook's sheet (`spec.sheet`, or the first visible one) row by row (xlsx-read.ts), handing each record
 * to the function `start` returns (told the workbook's date system) as it is read; neither the sheet's XML nor its
 * grid is held. The sheet's reach is held to the limits as the rows come: a cell beyond maxColumns, or a row beyond maxRecords, refuses the file
 * (count 0: drop what was received), as does a cell that cannot be read. Cells beyond the header's last column
 * are not read, and a blanked cell's reason goes on its record (`cellNotes`).
 */
export async function streamXlsxRecords(
  bytes: Uint8Array,
  spec: SourceSpec,
  limits: Limits,
  start: (workbook: { date1904: boolean }) => (record: RawRecord, headers: string[]) => void,
): Promise<CsvRecordsRead & { date1904?: boolean }> {
  const refuse = (problem: Problem) => ({ headers: [], problems: [problem], count: 0 });
  const unreadable = (why?: string) => refuse(fileProblem(spec.path, 'xlsx', `not a readable .xlsx file${why ?? ''}`));
  const zip = openZip(bytes, limits);
  if (!zip.ok) return zip.limit ? refuse(fileProblem(spec.path, 'xlsx', zip.reason)) : unreadable(` (${zip.reason})`);
  let workbook: Workbook;
  try {
    workbook = await openWorkbook(zip);
  } catch (e) {
    if (e instanceof SheetError || e instanceof ZipEntryError) return unreadable(` (${e.message})`);
    throw e;
  }
  const onRecord = start(workbook);
  const { sheets } = workbook;
  // Without a "sheet", the first visible one: a hidden first sheet is usually a lookup list, not the table.
  const sheet =
    spec.sheet === undefined ? (sheets.find((s) => !s.hidden) ?? sheets[0]) : sheets.find((s) => s.name === spec.sheet);
  if (!sheet)
    return spec.sheet === undefined
      ? unreadable(' (no sheet)')
      : refuse(
          fileProblem(
            spec.path,
            'sheet',
            `Sheet not found: ${spec.sheet}. Available sheets: ${sheets.map((s) => s.name).join(', ')}`,
          ),
        );
  if (sheet.path === null) return unreadable(` (sheet '${sheet.name}' is listed but not held)`);
  const table = tableReader(spec, limits, sheet.name, { widerRows: true });
  let header: Cell[] = [];
  let rows = 0;
  let count = 0;
  let refused: Problem | null = null;
  const fix = 'delete what lies beyond the table (Ctrl+End in Excel goes to the last cell)';
  try {
    await readSheetRows(zip, workbook, sheet.path, (row) => {
      if (row.reach > limits.maxColumns) {
        refused = fileProblem(
          spec.path,
          'table',
          `the sheet reaches column ${row.reach} (cell ${columnName(row.reach)}${row.number}), over the limit (file not read): ${fix}; ${limitHint('maxColumns', limits.maxColumns)}`,
        );
        return false;
      }
      if (row.reach > 0 && row.number - 1 > limits.maxRecords) {
        refused = fileProblem(
          spec.path,
          'records',
          `the sheet reaches row ${row.number} (cell ${columnName(row.first)}${row.number}), more than ${limits.maxRecords} records (file not read): ${fix}; ${limitHint('maxRecords', limits.maxRecords)}`,
        );
        return false;
      }
      // A row without content is a blank row: it is counted when a row with content comes after it.
      if (row.reach === 0) return true;
      // Rows Excel leaves out are blank rows: numbered, so that "row N" is the row Excel shows.
      for (rows += 1; rows < row.number; rows += 1) table.row(rows === 1 ? (header = []) : []);
      if (row.number === 1) header = row.cells;
      const record = table.row(row.cells);
      if (record) {
        if (row.notes) noteBlankedCells(record, header, row.notes);
        count += 1;
        onRecord(record, table.headers());
      }
      return true;
    });
  } catch (e) {
    // The reader's own errors name a cell or a part, never a value; anything else is not the file's fault.
    if (e instanceof SheetError) return unreadable(`: ${e.message}`);
    if (e instanceof ZipEntryError) return unreadable(` (${e.message})`);
    if (e instanceof RangeError) return unreadable(' (a part too large to read: over the length of a string)');
    throw e;
  }
  if (refused) return refuse(refused);
  const done = table.finish();
  return {
    headers: done.headers,
    problems: done.problems,
    count: done.read ? count : 0,
    ...(workbook.date1904 && { date1904: true }),
  };
}

/** Puts each blanked cell's reason (by column) on its record, by the header of its column. */
function noteBlankedCells(record: RawRecord, header: Cell[], notes: Map<number, string>): void {
  for (const [column, note] of notes) {
    const name = header[column];
    if (isBlank(name)) continue;
    record.cellNotes ??= Object.create(null) as Record<string, string>;
    record.cellNotes[cleanText(String(name))] = note;
  }
}

export function readGeoJson(
  bytes: Uint8Array,
  spec: SourceSpec,
  limits: Limits = DEFAULT_LIMITS,
  { personal = false }: ReadOptions = {},
): RawSource {
  let json: unknown;
  let text: string;
  try {
    text = decodeText(bytes, 'utf8').text;
  } catch (e) {
    return empty([fileProblem(spec.path, 'geojson', (e as Error).message)]);
  }
  try {
    if (jsonTooDeep(text, limits.maxDepth))
      return empty([fileProblem(spec.path, 'geojson', `nested too deep; ${limitHint('maxDepth', limits.maxDepth)}`)]);
    json = JSON.parse(text);
  } catch (e) {
    // JSON.parse quotes the text around the fault: cell values, which a personal source must not print.
    const at = `at ${lineColumn(text, jsonErrorOffset(text))}`;
    const message = personal ? at : `${at}: ${(e as Error).message.replace(/\s+/g, ' ')}`;
    return empty([fileProblem(spec.path, 'geojson', `not valid JSON ${message}`)]);
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
  if (features.length === 0) return empty([emptyFile(spec.path, 'geojson', 'no features')]);
  const projected = projectedProblem(obj as { crs?: unknown }, features, spec);
  if (projected) return empty([projected]);
  if (features.length > limits.maxRecords) return empty([tooLong(spec, limits)]);
  const problems: Problem[] = [];
  const found: FoundFeature[] = [];
  features.forEach((f, i) => {
    const feature = f as { type?: unknown; id?: unknown; properties?: unknown; geometry?: unknown };
    if (feature?.type !== 'Feature') {
      problems.push({ file: spec.path, location: `feature ${i}`, field: 'type', message: 'not a GeoJSON Feature' });
      return;
    }
    const noProperties = !feature.properties || typeof feature.properties !== 'object';
    const props: Record<string, unknown> = Object.create(null);
    if (!noProperties) Object.assign(props, feature.properties);
    // RFC 7946 puts a feature's identifier beside its properties; it is the id when no property holds one.
    const idKey = spec.columns?.id ?? 'id';
    if ((typeof feature.id === 'string' || typeof feature.id === 'number') && !(idKey in props))
      props[idKey] = feature.id;
    found.push({ index: i, props, geometry: feature.geometry ?? null, ...(noProperties && { noProperties }) });
  });
  const read = featureRecords(found, spec, limits);
  return { ...read, problems: [...problems, ...read.problems] };
}

export function readKml(
  bytes: Uint8Array,
  spec: SourceSpec,
  limits: Limits = DEFAULT_LIMITS,
  { personal = false }: ReadOptions = {},
): RawSource {
  const errors: { message: string; at: string | null }[] = [];
  let doc: ReturnType<DOMParser['parseFromString']> | null = null;
  let text: string;
  try {
    text = decodeText(bytes, 'utf8').text;
  } catch (e) {
    return empty([fileProblem(spec.path, 'kml', (e as Error).message)]);
  }
  try {
    if (xmlTooDeep(text, limits.maxDepth))
      return empty([fileProblem(spec.path, 'kml', `nested too deep; ${limitHint('maxDepth', limits.maxDepth)}`)]);
    doc = new DOMParser({
      onError: (level, message, context) => {
        const where = (context as { locator?: { lineNumber?: number; columnNumber?: number } } | undefined)?.locator;
        const at = where?.lineNumber ? `line ${where.lineNumber}, column ${where.columnNumber ?? 0}` : null;
        if (level !== 'warning') errors.push({ message, at });
      },
    }).parseFromString(normalizeCoordinates(text), 'text/xml');
  } catch (e) {
    errors.push({ message: (e as Error).message, at: null });
  }
  if (errors.length > 0 || !doc)
    return empty([fileProblem(spec.path, 'kml', `not valid XML: ${xmlError(errors[0], personal)}`)]);
  if (doc.documentElement?.localName !== 'kml') return empty([fileProblem(spec.path, 'kml', 'no <kml> root element')]);
  const collection = kml(doc as unknown as Document);
  if (collection.features.length === 0) return empty([fileProblem(spec.path, 'kml', 'no Placemark found')]);
  if (collection.features.length > limits.maxRecords) return empty([tooLong(spec, limits)]);
  return featureRecords(
    collection.features.map((f, i) => ({ index: i, props: nullsOf(f.properties ?? {}), geometry: f.geometry })),
    spec,
    limits,
  );
}

/** EPSG codes of lng/lat systems the refresh reads as WGS-84 (CGCS2000 differs by centimetres). */
const LNG_LAT_EPSG = new Set([4326, 4490]);
/** Web Mercator and its aliases, World Mercator, UTM, CGCS2000 Gauss-Krüger: metres, not degrees. */
const isMetres = (code: number) =>
  [3857, 900913, 102100, 102113, 3395].includes(code) ||
  (code >= 4491 && code <= 4554) ||
  (code >= 32601 && code <= 32760);
const EXPORT_HINT = 'export it as WGS-84 (EPSG:4326) or GCJ-02 lng/lat';

/**
 * A GeoJSON in projected coordinates is wrong as a whole, not feature by feature: one line when it declares a
 * `crs` other than lng/lat, or when every feature's first position is outside ±180/±90 (metres, undeclared).
 */
function projectedProblem(obj: { crs?: unknown }, features: unknown[], spec: SourceSpec): Problem | null {
  const name = (obj?.crs as { properties?: { name?: unknown } } | undefined)?.properties?.name;
  if (typeof name === 'string' && !/CRS84|WGS[\s_-]?84/i.test(name)) {
    const code = /EPSG:+(\d+)/i.exec(name)?.[1];
    if (code === undefined || !LNG_LAT_EPSG.has(Number(code)))
      return fileProblem(
        spec.path,
        'crs',
        `the file declares ${code ? `EPSG:${code}` : `'${name}'`}${code && isMetres(Number(code)) ? ' (metres)' : ''}; ${EXPORT_HINT}`,
      );
  }
  const firsts = features.map((f) => firstPosition((f as { geometry?: unknown } | null)?.geometry)).filter(Boolean);
  if (firsts.length > 0 && firsts.every((p) => Math.abs(p![0]) > 180 || Math.abs(p![1]) > 90))
    return fileProblem(
      spec.path,
      'crs',
      `the coordinates are not lng/lat degrees (beyond ±180/±90: metres?); ${EXPORT_HINT}`,
    );
  return null;
}

function firstPosition(geometry: unknown): number[] | null {
  let c = (geometry as { coordinates?: unknown } | null)?.coordinates;
  while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
  return Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number' ? (c as number[]) : null;
}

interface FoundFeature {
  index: number;
  props: Record<string, unknown>;
  geometry: unknown;
  noProperties?: boolean;
}

/**
 * GeoJSON/KML features → records, held to the limits: too many distinct property names refuse the file (before
 * any record is built); a value over maxCellChars or a geometry over maxVertices refuses that feature.
 */
function featureRecords(found: FoundFeature[], spec: SourceSpec, limits: Limits): RawSource {
  const names = new Set<string>();
  for (const f of found) {
    for (const k of Object.keys(f.props)) names.add(k);
    if (names.size > limits.maxColumns) return empty([tooWide(spec, 'file', names.size, limits, 'property names')]);
  }
  const problems: Problem[] = [];
  const records: RawRecord[] = [];
  for (const { index, props, geometry, noProperties } of found) {
    const location = `feature ${index}`;
    const cells: Cells = Object.create(null);
    for (const k of Object.keys(props)) cells[k] = props[k] as Cell;
    const long = overlong(cells, limits);
    const vertices = vertexCount(geometry);
    if (long !== null) problems.push(tooLongCell(spec, location, long.key, long.length, limits));
    else if (vertices > limits.maxVertices)
      problems.push({
        file: spec.path,
        location,
        field: 'geometry',
        message: `${vertices} positions is over the limit; ${limitHint('maxVertices', limits.maxVertices)}`,
      });
    else
      records.push({
        location,
        cells,
        geometry: (geometry ?? null) as Geometry | null,
        ...(noProperties && { noProperties }),
      });
  }
  return { headers: [...names], records, problems };
}

/**
 * KML ExtendedData holds only text, and tokml (which our own KML export uses) writes a null property as the text
 * `null`; read it back as blank so exported files round-trip.
 */
function nullsOf(props: Record<string, unknown>): Record<string, unknown> {
  const cells: Record<string, unknown> = Object.create(null);
  for (const k of Object.keys(props)) cells[k] = props[k] === 'null' ? null : props[k];
  return cells;
}

/**
 * The table checks, one row at a time (the first is the header): the header's width, overlong and duplicate
 * headers; per row, cells beyond the header (unless `widerRows`: a workbook's notes beside the table) and
 * overlong cells. `row` gives the record of a non-blank data row
 * that passed (null for the header, a blank row or a refused one); `finish` the headers and problems, and `read`
 * false when the file gave nothing (no header, a refused header, only a header).
 */
function tableReader(spec: SourceSpec, limits: Limits, sheet?: string, { widerRows = false } = {}) {
  let headers: string[] = [];
  let index = 0;
  let refused: Problem | null = null;
  let anyRow = false;
  const problems: Problem[] = [];
  const header = (row: Cell[]) => {
    if (row.length > limits.maxColumns) return (refused = tooWide(spec, 'row 1', row.length, limits));
    const headerLong = row.findIndex((h) => typeof h === 'string' && h.length > limits.maxCellChars);
    if (headerLong >= 0)
      return (refused = tooLongCell(
        spec,
        'row 1',
        `column ${headerLong + 1}`,
        (row[headerLong] as string).length,
        limits,
      ));
    headers = row.map((h) => (isBlank(h) ? '' : cleanText(String(h))));
    named = headers.filter((h) => h !== '');
    const seen = new Set<string>();
    for (const h of headers) {
      if (h !== '' && seen.has(h))
        problems.push({ file: spec.path, location: 'row 1', field: h, message: 'duplicate column header' });
      seen.add(h);
    }
  };
  let named: string[] = [];
  return {
    /** The header's non-blank names (what `finish` gives), once the header row was read. */
    headers: () => named,
    row(row: Cell[]): RawRecord | null {
      index += 1;
      if (index === 1) {
        header(row);
        return null;
      }
      if (refused || row.every(isBlank)) return null;
      anyRow = true;
      const location = `row ${index}`;
      if (!widerRows && row.length > headers.length && row.slice(headers.length).some((c) => !isBlank(c))) {
        problems.push({
          file: spec.path,
          location,
          field: 'row',
          message: `${row.length} cells but the header has ${headers.length} columns`,
        });
      }
      const cells: Cells = Object.create(null);
      headers.forEach((h, c) => {
        if (h !== '' && !(h in cells)) cells[h] = row[c] ?? null;
      });
      const long = overlong(cells, limits);
      if (!long) return { location, cells };
      problems.push(tooLongCell(spec, location, long.key, long.length, limits));
      return null;
    },
    finish(): { headers: string[]; problems: Problem[]; read: boolean } {
      if (index === 0)
        return {
          headers: [],
          problems: [fileProblem(spec.path, 'table', 'the file is empty (no header row)')],
          read: false,
        };
      if (refused) return { headers: [], problems: [refused], read: false };
      if (!anyRow)
        return {
          headers: [],
          problems: [
            ...problems,
            emptyFile(
              spec.path,
              'table',
              `no rows (only a header)${sheet === undefined ? '' : ` in sheet '${sheet}'`}`,
            ),
          ],
          read: false,
        };
      return { headers: named, problems, read: true };
    },
  };
}

/** The first cell longer than maxCellChars (objects measured as their JSON text), or null. */
function overlong(cells: Cells, limits: Limits): { key: string; length: number } | null {
  for (const key in cells) {
    const v = cells[key];
    const length =
      typeof v === 'string'
        ? v.length
        : v && typeof v === 'object' && !(v instanceof Date)
          ? JSON.stringify(v).length
          : 0;
    if (length > limits.maxCellChars) return { key, length };
  }
  return null;
}

function tooLongCell(spec: SourceSpec, location: string, field: string, length: number, limits: Limits): Problem {
  return {
    file: spec.path,
    location,
    field,
    message: `${length} characters is over the limit (record left out); ${limitHint('maxCellChars', limits.maxCellChars)}`,
  };
}

function tooWide(spec: SourceSpec, location: string, count: number, limits: Limits, what = 'columns'): Problem {
  return {
    file: spec.path,
    location,
    field: what === 'columns' ? 'table' : 'properties',
    message: `${count} ${what} is over the limit (file not read); ${limitHint('maxColumns', limits.maxColumns)}`,
  };
}

function tooLong(spec: SourceSpec, limits: Limits): Problem {
  return fileProblem(
    spec.path,
    'records',
    `more than ${limits.maxRecords} records (file not read); ${limitHint('maxRecords', limits.maxRecords)}`,
  );
}

function empty(problems: Problem[]): RawSource {
  return { headers: [], records: [], problems };
}

/**
 * An XML parser's message with where it happened; for a personal source only where: xmldom's messages quote
 * tag and entity names, which a badly escaped file fills with its text.
 */
function xmlError({ message, at }: { message: string; at: string | null }, personal: boolean): string {
  if (personal) return at ? `at ${at}` : 'the parser gave no position';
  const first = message.split('\n')[0].trim();
  return at ? `${first} (at ${at})` : first;
}

/**
 * `122.058, 30.012829` → `122.058,30.012829` inside <coordinates>: KML separates positions by whitespace, so
 * togeojson reads a space after a comma as two positions and silently drops a vertex; people write it that way.
 */
function normalizeCoordinates(text: string): string {
  return text.replace(
    /(<(?:\w+:)?coordinates\b[^>]*>)([^<]*)/g,
    (_, open: string, body: string) => open + body.replace(/\s*,\s*/g, ','),
  );
}

/** `line 3, column 17` (1-based) of a character offset. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}

/**
 * Offset of the first character where `text` stops being valid JSON (its length when the text ends too early).
 * JSON.parse says where only in some of its messages; this says it always, without quoting the text. Recursive,
 * but only called after jsonTooDeep has bounded the depth.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i += 1;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string) => (text.startsWith(word, i) ? void (i += word.length) : fail());
  const string = () => {
    if (text[i] !== '"') fail();
    for (i += 1; i < text.length && text[i] !== '"'; i += 1) {
      const c = text.charCodeAt(i);
      if (c < 0x20) fail();
      if (text[i] === '\\') {
        i += 1;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
    }
    if (i >= text.length) fail();
    i += 1;
  };
  const number = () => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) fail();
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i += 1;
      ws();
      if (text[i] === '}') return void (i += 1);
      for (;;) {
        ws();
        string();
        ws();
        if (text[i] !== ':') fail();
        i += 1;
        value();
        ws();
        if (text[i] === '}') return void (i += 1);
        if (text[i] !== ',') fail();
        i += 1;
      }
    }
    if (c === '[') {
      i += 1;
      ws();
      if (text[i] === ']') return void (i += 1);
      for (;;) {
        value();
        ws();
        if (text[i] === ']') return void (i += 1);
        if (text[i] !== ',') fail();
        i += 1;
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    number();
  };
  try {
    value();
    ws();
    return i;
  } catch (at) {
    if (typeof at !== 'number') throw at;
    return at;
  }
}

/**
 * A file with nothing in it is said, as a warning: a new district starts from empty templates, and an export
 * emptied by mistake must not go unnoticed (the layer it feeds is published empty).
 */
function emptyFile(file: string, field: string, what: string): Problem {
  return { ...fileProblem(file, field, `${what}: nothing from this file is published`), severity: 'warning' };
}
