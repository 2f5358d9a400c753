/**
 * A look at a workbook before read-excel-file builds its grid: which sheets it has (and which are hidden), and how
 * far the chosen sheet's cells reach. read-excel-file fills every row up to the last cell with a value and every
 * row out to the rightmost one, so one stray cell at XFD1048576 asks for a grid of 17 billion cells and takes
 * Node down; measured here first, such a sheet is refused with one line. Regular expressions over the XML text,
 * no DOM: the sheet may be hundreds of megabytes.
 */

export interface SheetEntry {
  name: string;
  /** Path of the sheet's XML inside the zip, e.g. `xl/worksheets/sheet1.xml`; null when the workbook has none. */
  path: string | null;
  hidden: boolean;
}

export interface SheetExtent {
  /** 1-based row and column of the furthest cell with content (0 when there is none). */
  maxRow: number;
  maxColumn: number;
  /** Where each maximum was reached, as written (`XFD1048576`). */
  maxRowRef: string;
  maxColumnRef: string;
  /** Cells with content (not self-closing `<c/>`, which only carry a style). */
  cells: number;
}

/**
 * The sheets of `xl/workbook.xml` in workbook order, with their XML path from `xl/_rels/workbook.xml.rels`.
 *
 * @example workbookSheets(workbookXml, relsXml) // [{ name: '说明', path: 'xl/worksheets/sheet1.xml', hidden: true }, …]
 */
export function workbookSheets(workbookXml: string, relsXml: string): SheetEntry[] {
  const targets = new Map<string, string>();
  for (const m of relsXml.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
    const id = attribute(m[1], 'Id');
    const target = attribute(m[1], 'Target');
    if (id !== null && target !== null)
      targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);
  }
  return [...workbookXml.matchAll(/<(?:\w+:)?sheet\b([^>]*)>/g)].map((m) => {
    const id = attribute(m[1], 'r:id') ?? attribute(m[1], 'id');
    const state = attribute(m[1], 'state');
    return {
      name: unescapeXml(attribute(m[1], 'name') ?? ''),
      path: (id !== null && targets.get(id)) || null,
      hidden: state === 'hidden' || state === 'veryHidden',
    };
  });
}

/** How far the cells of a sheet's XML reach; a single pass over the text. */
export function sheetExtent(sheetXml: string): SheetExtent {
  const extent: SheetExtent = { maxRow: 0, maxColumn: 0, maxRowRef: '', maxColumnRef: '', cells: 0 };
  for (const m of sheetXml.matchAll(/<(?:\w+:)?c\b([^>]*?)(\/?)>/g)) {
    if (m[2] === '/') continue;
    const ref = /\br\s*=\s*["']([A-Za-z]{1,3})(\d{1,7})["']/.exec(m[1]);
    if (!ref) continue;
    extent.cells += 1;
    const column = columnNumber(ref[1]);
    const row = Number(ref[2]);
    if (row > extent.maxRow) [extent.maxRow, extent.maxRowRef] = [row, `${ref[1]}${ref[2]}`];
    if (column > extent.maxColumn) [extent.maxColumn, extent.maxColumnRef] = [column, `${ref[1]}${ref[2]}`];
  }
  return extent;
}

/**
 * Cells read-excel-file turns into blanks without a word: an Excel error (`t="e"`, `#REF!`) and a formula whose
 * result was never saved (written by a program that does not calculate). Keyed by reference (`B3`).
 */
export function blankedCells(sheetXml: string): Map<string, string> {
  const notes = new Map<string, string>();
  for (const m of sheetXml.matchAll(/<(?:\w+:)?c\b([^>]*?)>([\s\S]*?)<\/(?:\w+:)?c>/g)) {
    const ref = /\br\s*=\s*["']([A-Za-z]{1,3}\d{1,7})["']/.exec(m[1])?.[1];
    if (ref === undefined) continue;
    const value = /<(?:\w+:)?v\b[^>]*>([^<]*)</.exec(m[2])?.[1];
    if (attribute(m[1], 't') === 'e')
      notes.set(ref, value ? `Excel error ${value} in this cell` : 'an Excel error in this cell');
    else if (/<(?:\w+:)?f\b/.test(m[2]) && value === undefined)
      notes.set(ref, 'a formula without a saved value: open the file in Excel and save it');
  }
  return notes;
}

/** `A` → 1, `Z` → 26, `AA` → 27, `XFD` → 16384. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const c of letters.toUpperCase()) n = n * 26 + (c.charCodeAt(0) - 64);
  return n;
}

function attribute(attributes: string, name: string): string | null {
  const m = new RegExp(`(?:^|\\s)${name.replace(':', '\\:')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attributes);
  return m ? (m[1] ?? m[2]) : null;
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(x?)([0-9a-f]+);/gi, (_, x: string, n: string) => String.fromCodePoint(parseInt(n, x ? 16 : 10)))
    .replace(/&amp;/g, '&');
}
