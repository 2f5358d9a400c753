/**
 * What write-excel-file does not write, added to its workbook afterwards: an auto-filter on each table's header
 * row, the header rows repeated on every printed page (print titles), and A4 landscape fitted to one page wide.
 * The workbook is unzipped with fflate, three XML parts are edited as text at places the library's output fixes
 * (the library writes no `sheetPr`, `autoFilter` or defined names of its own), and zipped again. Pure: bytes in,
 * bytes out, the same in the browser, the worker and Node.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { columnName, relationships, workbookSheets } from '../ingest/xlsx-scan';

/** Where a sheet's table is: its header row (1-based; rows above it are a heading) and its size. */
export interface SheetTable {
  /** The row of column headers, 1-based: the filter row; rows 1…headerRow repeat on every printed page. */
  headerRow: number;
  /** Number of columns (≥ 1). */
  columns: number;
  /** Last row of the table, 1-based (≥ headerRow). */
  lastRow: number;
}

/** A4 in SpreadsheetML's paper-size codes. */
const PAPER_A4 = 9;

/**
 * Adds to every sheet A4 landscape fitted to one page wide (as many pages tall as it takes), and to each sheet
 * with a table (`tables[i]` for the i-th sheet, null for none) an auto-filter over the table and print titles
 * repeating rows 1…headerRow.
 *
 * @example addPrintSetup(bytes, [null, { headerRow: 1, columns: 17, lastRow: 120 }])
 */
export function addPrintSetup(bytes: Uint8Array, tables: readonly (SheetTable | null)[]): Uint8Array {
  const files = unzipSync(bytes);
  const workbook = text(files, 'xl/workbook.xml');
  const sheets = sheetParts(workbook, text(files, 'xl/_rels/workbook.xml.rels'));
  const names: string[] = [];
  sheets.forEach(({ name, path }, i) => {
    const table = tables[i] ?? null;
    files[path] = strToU8(sheetWithPrint(text(files, path), table));
    if (!table) return;
    const ref = `${quoteSheet(name)}!$A$${table.headerRow}:$${columnName(table.columns)}$${table.lastRow}`;
    names.push(
      `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${escapeXml(ref)}</definedName>`,
      `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escapeXml(`${quoteSheet(name)}!$1:$${table.headerRow}`)}</definedName>`,
    );
  });
  files['xl/workbook.xml'] = strToU8(withDefinedNames(workbook, names));
  return zipSync(files as Zippable, { level: 6 });
}

/** One sheet's XML with the fit-to-page flag, the A4 landscape page setup and, for a table, its auto-filter. */
function sheetWithPrint(xml: string, table: SheetTable | null): string {
  if (/<sheetPr[\s>/]/.test(xml) || /<autoFilter[\s>/]/.test(xml)) {
    throw new Error('xlsx print setup: the sheet already has sheetPr or autoFilter; update addPrintSetup');
  }
  // sheetPr is the first child of <worksheet>; autoFilter follows sheetData (nothing the library writes sits
  // between them); pageSetup follows pageMargins, which the page setup needs too.
  let out = xml.replace(/(<worksheet\b[^>]*>)/, '$1<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
  if (table) {
    const ref = `A${table.headerRow}:${columnName(table.columns)}${table.lastRow}`;
    out = out.replace('</sheetData>', `</sheetData><autoFilter ref="${ref}"/>`);
  }
  const margins = '<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>';
  const setup = `<pageSetup paperSize="${PAPER_A4}" orientation="landscape" fitToWidth="1" fitToHeight="0"/>`;
  out = out.replace(/<pageMargins\b[^>]*\/>/, '').replace(/<pageSetup\b[^>]*\/>/, '');
  // Before whatever may follow the page setup (headerFooter, drawing …), else before </worksheet>.
  const after = out.search(/<(headerFooter|rowBreaks|colBreaks|drawing|legacyDrawing|picture|tableParts|extLst)\b/);
  const at = after >= 0 ? after : out.lastIndexOf('</worksheet>');
  if (at < 0) throw new Error('xlsx print setup: no </worksheet> in a sheet');
  return out.slice(0, at) + margins + setup + out.slice(at);
}

/** The sheets in workbook order: name and the path of their XML part (through the workbook's relationships). */
function sheetParts(workbook: string, rels: string): { name: string; path: string }[] {
  return workbookSheets(workbook, relationships(rels)).map(({ name, path }) => {
    if (!path) throw new Error(`xlsx print setup: sheet ${name} has no part`);
    return { name, path };
  });
}

function withDefinedNames(workbook: string, names: string[]): string {
  if (!names.length) return workbook.replace('<definedNames/>', '');
  const block = `<definedNames>${names.join('')}</definedNames>`;
  if (workbook.includes('<definedNames/>')) return workbook.replace('<definedNames/>', block);
  if (workbook.includes('<definedNames>')) return workbook.replace('<definedNames>', `<definedNames>${names.join('')}`);
  return workbook.replace('</sheets>', `</sheets>${block}`);
}

/** A sheet name as a formula reference: always quoted, an apostrophe doubled. */
function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

function text(files: Record<string, Uint8Array>, path: string): string {
  const bytes = files[path];
  if (!bytes) throw new Error(`xlsx print setup: the workbook has no ${path}`);
  return strFromU8(bytes);
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
