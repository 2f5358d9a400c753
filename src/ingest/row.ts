/**
 * Typed reads of one record's mapped cells. Every failed read is recorded as a Problem named after the column
 * the file actually has (so staff find it), and returns null; the caller drops the record if any read failed.
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

export function rowOf(record: RawRecord, columns: ColumnMap, file: string): Row {
  const problems: Problem[] = [];
  const header = (field: string) => columns[field] ?? field;
  const cell = (field: string): Cell => {
    const h = columns[field];
    return h === undefined ? undefined : record.cells[h];
  };
  const fail = (field: string, message: string) => {
    problems.push({ file, location: record.location, field: header(field), message });
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
    date: (field, required) => (isBlank(cell(field)) && !required ? undefined : take(field, parseDate(cell(field)))),
    lookup: (field, required, parse) =>
      isBlank(cell(field)) && !required ? undefined : take(field, parse(cell(field))),
  };
}
