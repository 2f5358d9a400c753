/**
 * A workbook's list of sheets (and which are hidden), from its small parts, and the helpers every reader and
 * writer of workbook XML here shares (attributes, entities, column letters): regular expressions over the XML
 * text, no DOM. The sheets themselves are read in pieces by xlsx-read.ts.
 */

export interface SheetEntry {
  name: string;
  /** Path of the sheet's XML inside the zip, e.g. `xl/worksheets/sheet1.xml`; null when the workbook has none. */
  path: string | null;
  hidden: boolean;
}

/** One `<Relationship>` of a rels part: its id, type and target, the target as a path inside the zip. */
export interface Relationship {
  id: string | null;
  /** The relationship type URI (`…/officeDocument/2006/relationships/worksheet`). */
  type: string;
  /** The `Target` as written ('' when absent). */
  target: string;
  /** The target as a zip path: absolute targets lose their `/`, relative ones sit under `xl/`. */
  path: string;
}

/** The relationships of `xl/_rels/workbook.xml.rels`, in order. */
export function relationships(relsXml: string): Relationship[] {
  return [...relsXml.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)].map((m) => {
    const target = attribute(m[1], 'Target') ?? '';
    return {
      id: attribute(m[1], 'Id'),
      type: attribute(m[1], 'Type') ?? '',
      target,
      path: target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`,
    };
  });
}

/**
 * The sheets of `xl/workbook.xml` in workbook order, with their XML path from the relationships of
 * `xl/_rels/workbook.xml.rels`.
 *
 * @example workbookSheets(workbookXml, relationships(relsXml)) // [{ name: '说明', path: 'xl/worksheets/sheet1.xml', hidden: true }, …]
 */
export function workbookSheets(workbookXml: string, rels: Relationship[]): SheetEntry[] {
  const targets = new Map<string, string>();
  for (const r of rels) if (r.id !== null) targets.set(r.id, r.path);
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

/**
 * A 1-based column number as Excel's letters, the inverse of columnNumber.
 *
 * @example columnName(1) // 'A'; columnName(28) // 'AB'
 */
export function columnName(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new Error('column must be a positive integer');
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/** `A` → 1, `Z` → 26, `AA` → 27, `XFD` → 16384. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const c of letters.toUpperCase()) n = n * 26 + (c.charCodeAt(0) - 64);
  return n;
}

/** The value of attribute `name` in a start tag's attribute text, or null. */
export function attribute(attributes: string, name: string): string | null {
  const m = new RegExp(`(?:^|\\s)${name.replace(':', '\\:')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attributes);
  return m ? (m[1] ?? m[2]) : null;
}

/** XML's character references and its five named entities, in one pass (`&amp;lt;` stays `&lt;`). */
export function unescapeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#\d+);/g, (all, name: string) => {
    switch (name) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
    }
    const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : all;
  });
}
