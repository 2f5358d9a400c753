/**
 * Typed reads of one record's mapped cells. Every failed read is recorded as a Problem named after the column
 * the file actually has (so staff find it), and returns null; the caller drops the record if any read failed.
 *
 * A personal record (a resident's visit: name, phone, ID number, address may sit in any column) never has a cell
 * in its problems: every message goes through one gate, `withoutCells`, so a parser that quotes its input cannot
 * leak it. The message keeps what is wrong ("not a yes/no value (是/否)", "unknown community"); row and column say
 * where.
 */
import type { IsoDate } from '../campaign/types';
import type { ColumnMap } from './columns';
import type { RawRecord } from './read-source';
import type { Problem } from './types';
import { cellText, isBlank, parseBool, parseCount, parseDate, parseNumber, type Cell, type Parsed } from './values';

export interface Row {
  location: string;
  problems: Problem[];
  /** The column header of a field, or the field name when the file has no such column. */
  header(field: string): string;
  has(field: string): boolean;
  cell(field: string): Cell;
  fail(field: string, message: string): null;
  /** Clean text; '' when blank and not required. */
  text(field: string, required: boolean): string | null;
  number(field: string): number | null;
  count(field: string, fallback: number | null): number | null;
  /** Yes/no; `fallback` when blank, null (with a problem) when unreadable. */
  bool(field: string, fallback: boolean | null | undefined): boolean | null | undefined;
  date(field: string, required: boolean): IsoDate | null | undefined;
  /** Runs a lookup; blank is 'missing' when required, else `undefined`. */
  lookup<T>(field: string, required: boolean, parse: (cell: Cell) => Parsed<T>): T | null | undefined;
}

export interface RowOptions {
  /** The record's cells are residents' personal data: no problem message may contain one. */
  personal?: boolean;
  /** The workbook counts dates from 1904: a bare serial number in a date column is 1462 days later. */
  date1904?: boolean;
}

/** Days from 1900-01-00 (Excel's 1900 system, leap bug included) to 1904-01-01, the 1904 system's day 0. */
export const DATE1904_OFFSET_DAYS = 1462;

/** What a personal record's problem says when even the parser's wording would give a cell away. */
export const PERSONAL_FALLBACK = 'not a valid value (not shown: personal data)';

export function rowOf(
  record: RawRecord,
  columns: ColumnMap,
  file: string,
  { personal = false, date1904 = false }: RowOptions = {},
): Row {
  const problems: Problem[] = [];
  const header = (field: string) => columns[field] ?? field;
  const cell = (field: string): Cell => {
    const h = columns[field];
    return h === undefined ? undefined : record.cells[h];
  };
  const fail = (field: string, message: string) => {
    const why =
      message !== 'missing'
        ? message
        : (record.cellNotes?.[header(field)] ??
          (record.noProperties ? 'missing (the feature has no properties)' : message));
    problems.push({
      file,
      location: record.location,
      field: header(field),
      message: personal ? withoutCells(why, record) : why,
    });
    return null;
  };
  const take = <T>(field: string, r: Parsed<T>): T | null => (r.ok ? r.value : fail(field, r.reason));
  return {
    location: record.location,
    problems,
    header,
    has: (field) => columns[field] !== undefined,
    cell,
    fail,
    text: (field, required) => {
      const text = cellText(cell(field));
      if (text === '' && required) return fail(field, 'missing');
      return text;
    },
    number: (field) => take(field, parseNumber(cell(field))),
    count: (field, fallback) =>
      isBlank(cell(field)) && fallback !== null ? fallback : take(field, parseCount(cell(field))),
    bool: (field, fallback) => (isBlank(cell(field)) ? fallback : take(field, parseBool(cell(field)))),
    date: (field, required) => {
      const c = cell(field);
      if (isBlank(c) && !required) return undefined;
      // Date-formatted cells arrive as Dates (xlsx-read.ts applies the workbook's system); a bare serial does not.
      const serial = date1904 && /^\d+(\.\d+)?$/.test(cellText(c)) ? Number(cellText(c)) + DATE1904_OFFSET_DAYS : c;
      return take(field, parseDate(serial));
    },
    lookup: (field, required, parse) =>
      isBlank(cell(field)) && !required ? undefined : take(field, parse(cell(field))),
  };
}

/**
 * A message about a personal record, with no cell of it: the parsers quote a value last and in single quotes
 * (`not a yes/no value (是/否): '138…'`, `unknown community '…' (…)`), so everything from the first quote is cut;
 * if what is left still holds the text of any of the record's cells (a parser that forgot the quotes), the whole
 * message gives way to PERSONAL_FALLBACK.
 */
export function withoutCells(message: string, record: RawRecord): string {
  const cut = message.indexOf("'");
  const kept = (cut < 0 ? message : message.slice(0, cut)).replace(/[\s:：]+$/, '');
  if (kept === '') return PERSONAL_FALLBACK;
  for (const key in record.cells) {
    const text = cellText(record.cells[key]);
    if (text.length >= 2 && kept.includes(text)) return PERSONAL_FALLBACK;
  }
  return kept;
}
