/**
 * An XLSX sheet read as a stream (issue 14): the sheet's XML is unpacked in pieces (zip.ts), cut into `<row>`
 * elements as they come, and each row is handed on as cells before the next is read. Neither the sheet's XML nor
 * its grid is ever held whole, so a workbook as large as the limits allow (a sheet of ~500 MB of XML, near V8's
 * longest string) is read in the memory of one piece; only the shared strings are kept, as Excel needs them.
 *
 * The cells mean what read-excel-file (the library this replaces in the refresh; it reads the whole sheet into
 * one string and one grid) makes of them, checked cell by cell against it in xlsx-read.test.ts: shared, inline
 * and formula strings trimmed, blank ones empty; numbers; booleans; a number in a date format (built-in id or a
 * date-like format code) as a Date in the workbook's date system (1900 or 1904); `t="d"` ISO dates; `_xHHHH_`
 * escapes; rows numbered as Excel numbers them, gaps included. Where read-excel-file blanks a cell without a word
 * (an Excel error, a formula never calculated), the cell is blank here too and carries a note that says why. Its
 * refusals are kept (a number cell holding text, rows out of order) with value-free messages; a row or cell
 * without its optional `r` attribute, which read-excel-file cannot read, takes the next number.
 */
import type { Cell } from './values';
import {
  attribute,
  columnName,
  columnNumber,
  relationships,
  unescapeXml,
  workbookSheets,
  type SheetEntry,
} from './xlsx-scan';
import { ZipEntryError, type OpenZip } from './zip';

/** A start tag longer than this is not a start tag (a damaged file): rows and strings have a few attributes. */
const MAX_START_TAG = 1 << 20;
/** Excel's last row. */
const EXCEL_ROWS = 1_048_576;
/** The row number in a row's first cell reference (`<c r="B7"`). */
const FIRST_CELL_ROW = /<(?:[\w.-]+:)?c(?=[\s/>])[^>]*?\sr\s*=\s*["'][A-Za-z]{1,3}(\d+)["']/;
/** A cell of a row: `<c …/>` or `<c …>…</c>`, with or without a namespace prefix (`<x:c>`). */
const CELL = /<(?:[\w.-]+:)?c(?=[\s/>])([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?c\s*>)/g;

/** A workbook's parts needed to read its sheets, read once. */
export interface Workbook {
  sheets: SheetEntry[];
  /** The workbook counts dates from 1904 (`<workbookPr date1904="1"/>`, old Mac Excel). */
  date1904: boolean;
  sharedStrings: string[];
  /** Per cell style (`s`), whether numbers in it are dates. */
  dateStyles: boolean[];
}

/** A cell that cannot be read, as the rows stand (no value in the message: it may be personal data). */
export class SheetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SheetError';
  }
}

/** One row: its Excel number, its cells by column (index 0 is column A), and why blanked cells are blank. */
export interface SheetRow {
  number: number;
  cells: Cell[];
  /**
   * Columns (1 = A) of the row's first and last cells with content, blank values included but not `<c/>` that
   * only carry a style; 0 when it has none. What the sheet's reach is measured by against the limits.
   */
  first: number;
  reach: number;
  /** Column index (0 = A) → why the cell is blank (an Excel error, a formula without a saved value). */
  notes?: Map<number, string>;
}

/** Reads the workbook's list of sheets, date system, shared strings and styles. */
export async function openWorkbook(zip: OpenZip): Promise<Workbook> {
  const workbookXml = (await zip.text('xl/workbook.xml')) ?? '';
  const relsXml = (await zip.text('xl/_rels/workbook.xml.rels')) ?? '';
  const date1904 = /<(?:\w+:)?workbookPr\b[^>]*\bdate1904\s*=\s*["'](?:1|true)["']/.test(workbookXml);
  const parts = relationships(relsXml);
  const target = (type: string, fallback: string) =>
    parts.find((r) => r.type.endsWith(`/${type}`) && r.target !== '')?.path ?? fallback;
  const sharedStrings: string[] = [];
  const strings = zip.chunks(target('sharedStrings', 'xl/sharedStrings.xml'));
  if (strings) await eachElement(strings, 'si', (xml) => void sharedStrings.push(richText(xml)));
  const stylesXml = (await zip.text(target('styles', 'xl/styles.xml'))) ?? '';
  return { sheets: workbookSheets(workbookXml, parts), date1904, sharedStrings, dateStyles: dateStyles(stylesXml) };
}

/**
 * Reads the sheet at `path` row by row: `onRow` gets each row in order (rows Excel leaves out, being empty, are
 * not given: their numbers are skipped) and returns false to stop. Throws a SheetError for a cell that cannot be
 * read and a ZipEntryError when the sheet does not unpack; a missing sheet throws a SheetError too.
 */
export async function readSheetRows(
  zip: OpenZip,
  workbook: Workbook,
  path: string,
  onRow: (row: SheetRow) => boolean,
): Promise<void> {
  const pieces = zip.chunks(path);
  if (!pieces) throw new SheetError(`the workbook names ${path} but does not hold it`);
  let previousRow = 0;
  await eachElement(pieces, 'row', (xml) => {
    const open = /^<(?:[^>"']|"[^"]*"|'[^']*')*>/.exec(xml)?.[0] ?? xml;
    const declared = attribute(open, 'r');
    // Without its own number, a row takes its first cell's (as Excel does), or follows the one before.
    const firstCell = declared === null ? FIRST_CELL_ROW.exec(xml)?.[1] : undefined;
    const number = declared !== null ? Number(declared) : firstCell !== undefined ? Number(firstCell) : previousRow + 1;
    if (!Number.isSafeInteger(number) || number < 1 || number > EXCEL_ROWS)
      throw new SheetError(
        `a row numbered '${String(declared ?? firstCell).slice(0, 16)}' (Excel rows are 1 to ${EXCEL_ROWS})`,
      );
    if (number <= previousRow) throw new SheetError(`row ${number} comes after row ${previousRow} (rows out of order)`);
    previousRow = number;
    return onRow(rowCells(xml, number, workbook));
  });
}

/** The cells of one `<row>` element. */
function rowCells(xml: string, number: number, workbook: Workbook): SheetRow {
  const cells: Cell[] = [];
  let notes: Map<number, string> | undefined;
  let previous = 0;
  let first = 0;
  let previousContent = 0;
  CELL.lastIndex = 0;
  for (let m = CELL.exec(xml); m !== null; m = CELL.exec(xml)) {
    const attributes = m[1];
    const ref = attribute(attributes, 'r');
    const letters = ref === null ? null : /^([A-Za-z]{1,3})\d*$/.exec(ref)?.[1];
    if (ref !== null && !letters) throw new SheetError(`row ${number}: a cell with the reference '${ref}'`);
    const column = letters ? columnNumber(letters) : previous + 1;
    if (column <= previous)
      throw new SheetError(`row ${number}: column ${column} comes after column ${previous} (cells out of order)`);
    previous = column;
    if (m[2] === undefined) continue;
    if (first === 0) first = column;
    previousContent = column;
    const value = cellValue(attributes, m[2], workbook, () => `cell ${letters ?? columnName(column)}${number}`);
    if (typeof value === 'object' && value !== null && 'note' in value) {
      (notes ??= new Map()).set(column - 1, value.note);
      continue;
    }
    if (value === null) continue;
    while (cells.length < column - 1) cells.push(null);
    cells.push(value);
  }
  const row: SheetRow = { number, cells, first, reach: first === 0 ? 0 : previousContent };
  if (notes) row.notes = notes;
  return row;
}

/** The error values Excel writes into a cell (`t="e"`). */
const EXCEL_ERRORS = new Set(
  '#NULL! #DIV/0! #VALUE! #REF! #NAME? #NUM! #N/A #GETTING_DATA #SPILL! #CALC! #FIELD! #BLOCKED! #CONNECT! #BUSY! #UNKNOWN!'.split(
    ' ',
  ),
);

/** Built-in number formats that are dates or times (ECMA-376 and the Chinese, Japanese, Korean and Thai sets). */
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81,
]);
/** Tokens a date or time format is made of (`yyyy`, `mm`, `d`, `hh`, `AM/PM` as `am` and `pm`, `e` for eras). */
const DATE_TOKENS = new Set(
  's ss m mm h hh am pm a p d dd ddd dddd aaa aaaa aaaaa mmm mmmm mmmmm y yy yyyy e ee eeee'.split(' '),
);

/** Whether a custom number format code formats a date: any of its sections made only of date tokens. */
export function isDateFormatCode(code: string): boolean {
  const sections = code.toLowerCase().replace(/;@$/, '').replace(/\\./g, ' ').split(';');
  return sections.some((section) => {
    const tokens = section
      .replace(/"[^"]*"/g, ' ')
      .replace(/(\[?[smhd]{1,2}\]?)[.,]00?0?/g, '$1')
      .replace(/\[([smhd]{1,2})\]/g, '$1')
      .replace(/\[[^\]]*\]/g, '')
      .split(/[^a-z0#?%]+/)
      .filter(Boolean);
    return tokens.length > 0 && tokens.every((t) => DATE_TOKENS.has(t));
  });
}

/**
 * Per `cellXfs` style, whether it formats numbers as dates: its own number format, or, without one, that of the
 * cell style it is based on (`xfId`; a built-in id only, as the base carries no format code).
 */
function dateStyles(stylesXml: string): boolean[] {
  const section = (name: string) =>
    new RegExp(`<(?:\\w+:)?${name}\\b[^>]*>([\\s\\S]*?)</(?:\\w+:)?${name}\\s*>`).exec(stylesXml)?.[1] ?? '';
  const codes = new Map<number, string>();
  // Only the workbook's own formats: the conditional formats' (<dxfs>) may reuse an id for another code.
  for (const m of section('numFmts').matchAll(/<(?:\w+:)?numFmt\b((?:[^>"']|"[^"]*"|'[^']*')*)>/g)) {
    const id = Number(attribute(m[1], 'numFmtId'));
    const code = attribute(m[1], 'formatCode');
    if (id >= 100 && code !== null) codes.set(id, unescapeXml(code));
  }
  const xfs = (xml: string) => [...xml.matchAll(/<(?:\w+:)?xf\b((?:[^>"']|"[^"]*"|'[^']*')*)>/g)].map((m) => m[1]);
  const formatOf = (attributes: string) => {
    const id = attribute(attributes, 'numFmtId');
    return id === null ? null : Number(id);
  };
  const isDate = (id: number | null, withCode: boolean) =>
    id !== null && (BUILT_IN_DATE_FORMATS.has(id) || (withCode && codes.has(id) && isDateFormatCode(codes.get(id)!)));
  const base = xfs(section('cellStyleXfs')).map(formatOf);
  return xfs(section('cellXfs')).map((attributes) => {
    const own = formatOf(attributes);
    if (own !== null) return isDate(own, true);
    const xfId = Number(attribute(attributes, 'xfId') ?? 0);
    return xfId > 0 ? isDate(base[xfId] ?? null, false) : false;
  });
}

/**
 * One cell's value: null for a blank; `{ note }` for a cell blanked for a reason the office should see. Throws a
 * SheetError (named by `where`) for a cell whose value does not fit its type.
 */
function cellValue(
  attributes: string,
  content: string,
  workbook: Workbook,
  where: () => string,
): Cell | { note: string } {
  const type = attribute(attributes, 't') ?? 'n';
  const v = /<(?:[\w.-]+:)?v\b[^>]*?(?:\/>|>([^<]*)<\/(?:[\w.-]+:)?v>)/.exec(content);
  const text = v === null ? undefined : unescapeXml(v[1] ?? '');
  const formula = /<(?:[\w.-]+:)?f\b/.test(content);
  const refuse = (why: string): never => {
    throw new SheetError(`${where()}: ${why}`);
  };
  // Only Excel's own codes are quoted: whatever else a damaged file holds there may be a resident's data.
  if (type === 'e')
    return {
      note: text && EXCEL_ERRORS.has(text) ? `Excel error ${text} in this cell` : 'an Excel error in this cell',
    };
  if (text === undefined && formula)
    return { note: 'a formula without a saved value: open the file in Excel and save it' };
  switch (type) {
    case 'str':
      return stringCell(unescapeXlsx(text ?? ''));
    case 'inlineStr': {
      const inline = /<(?:[\w.-]+:)?is\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?is>)/.exec(content);
      return inline === null ? null : stringCell(richText(inline[1] ?? ''));
    }
    case 's': {
      if (!text) return null;
      const index = Number(text);
      const shared = Number.isInteger(index) ? workbook.sharedStrings[index] : undefined;
      return shared === undefined ? refuse('a shared-text cell points at no text') : stringCell(shared);
    }
    case 'b':
      if (!text) return null;
      return text === '1' ? true : text === '0' ? false : refuse('a true/false cell holds neither');
    case 'd': {
      if (!text) return null;
      const date = new Date(text);
      return Number.isNaN(date.valueOf()) ? refuse('a date cell holds no date') : date;
    }
    case 'n': {
      if (!text) return null;
      const number = Number(text);
      if (Number.isNaN(number)) return refuse('a number cell holds no number');
      const style = attribute(attributes, 's');
      return style !== null && workbook.dateStyles[Number(style)] ? excelDate(number, workbook.date1904) : number;
    }
    default:
      return refuse(`a cell of unknown type '${type.slice(0, 20)}'`);
  }
}

/** Text cells are trimmed; a blank one is empty. A long value is copied out of the piece of XML it came from. */
function stringCell(text: string): Cell {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  // A substring of 13+ characters keeps the whole piece alive; one copy lets the piece go.
  return trimmed.length >= 13 ? (' ' + trimmed).slice(1) : trimmed;
}

/** An Excel serial date as a Date: days since 1899-12-30 (1900 system) or 1904-01-01, times as fractions. */
export function excelDate(serial: number, date1904: boolean): Date {
  const days = serial + (date1904 ? 1462 : 0) - 25569;
  return new Date(Math.floor(days * 86_400_000));
}

/** The text of an `<si>` or `<is>` element: its `<t>`, or its runs' `<t>` joined; phonetic guides left out. */
function richText(xml: string): string {
  const body = xml.includes('rPh') ? xml.replace(/<(?:[\w.-]+:)?rPh\b[\s\S]*?<\/(?:[\w.-]+:)?rPh>/g, '') : xml;
  let text = '';
  for (const m of body.matchAll(/<(?:[\w.-]+:)?t\b[^>]*?(?:\/>|>([^<]*)<\/(?:[\w.-]+:)?t>)/g)) text += m[1] ?? '';
  return unescapeXlsx(unescapeXml(text));
}

/** Excel's own escapes for characters XML cannot hold: `_x000D_` is a carriage return. */
function unescapeXlsx(text: string): string {
  return text.includes('_x')
    ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : text;
}

/**
 * Decodes `pieces` as UTF-8 and hands on each complete `<tag>` element (open to close, or self-closing) as it
 * comes; `onElement` returns false to stop. What lies between the elements is dropped as it goes. An element
 * still open at the end of a piece is kept in parts, and only the new text is searched for its closing tag, so a
 * single huge element costs its length, not its length squared. Throws a SheetError when the XML ends inside an
 * element, or a start tag runs on for more than a megabyte.
 */
async function eachElement(
  pieces: AsyncIterable<Uint8Array>,
  tag: string,
  onElement: (xml: string) => boolean | void,
): Promise<void> {
  const name = `(?:[\\w.-]+:)?${tag}`;
  const element = new RegExp(`<${name}(?=[\\s/>])[^>]*?(?:\\/>|>[\\s\\S]*?<\\/${name}\\s*>)`, 'g');
  const start = new RegExp(`<${name}(?=[\\s/>])`, 'g');
  const close = new RegExp(`<\\/${name}\\s*>`);
  const decoder = new TextDecoder();
  /** Text not yet handed on, when no element is open across pieces: a little junk, or a start tag cut short. */
  let text = '';
  /** An element open across pieces (its start tag complete): its text so far, and its last characters. */
  let open: string[] | null = null;
  let tail = '';
  /** Hands on the complete elements of `s`; keeps what is left in `text` or `open`. */
  const consume = (s: string): boolean => {
    element.lastIndex = 0;
    let end = 0;
    for (let m = element.exec(s); m !== null; m = element.exec(s)) {
      end = element.lastIndex;
      if (onElement(m[0]) === false) return false;
    }
    start.lastIndex = end;
    const next = start.exec(s);
    if (next === null) text = s.slice(Math.max(end, s.length - 64));
    else if (s.indexOf('>', next.index) < 0) {
      text = s.slice(next.index);
      if (text.length > MAX_START_TAG) throw new SheetError(`a <${tag}> start tag that does not end`);
    } else {
      text = '';
      open = [s.slice(next.index)];
      tail = open[0].slice(-64);
    }
    return true;
  };
  const feed = (piece: string): boolean => {
    if (open === null) return consume(text + piece);
    const joined = tail + piece;
    const m = close.exec(joined);
    if (m === null) {
      open.push(piece);
      tail = joined.slice(-64);
      return true;
    }
    const cut = m.index + m[0].length - tail.length;
    open.push(piece.slice(0, cut));
    const xml = open.join('');
    open = null;
    if (onElement(xml) === false) return false;
    return consume(piece.slice(cut));
  };
  for await (const piece of pieces) if (!feed(decoder.decode(piece, { stream: true }))) return;
  if (!feed(decoder.decode())) return;
  start.lastIndex = 0;
  if (open !== null || start.test(text))
    throw new SheetError(`the XML ends inside a <${tag}> element (a damaged file)`);
}

export { ZipEntryError };
