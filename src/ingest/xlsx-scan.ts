/**
 * A workbook's list of sheets (and which are hidden), from its small parts: regular expressions over the XML
 * text, no DOM. The sheets themselves are read in pieces by xlsx-read.ts.
 */

export interface SheetEntry {
  name: string;
  /** Path of the sheet's XML inside the zip, e.g. `xl/worksheets/sheet1.xml`; null when the workbook has none. */
  path: string | null;
  hidden: boolean;
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
