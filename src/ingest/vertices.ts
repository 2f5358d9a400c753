/**
 * A line written in one spreadsheet cell, as the streets template asks (经纬度串): vertices separated by `;` (or a
 * line break), each `lng,lat`, in the file's coordinate system. Full-width punctuation (；，) is read as ASCII.
 * Every fault names the vertex by its number from 1, so staff find it in a long cell; each number is read like
 * the 经度/纬度 columns (parseNumber: 度分秒 is refused with the decimal degrees to write).
 */
import type { Position } from 'geojson';
import { cellText, isBlank, parseNumber, quote, type Cell, type Parsed } from './values';

/** Fewer vertices than this is not a line. */
export const MIN_VERTICES = 2;

/**
 * The vertices of a 经纬度串 cell, not yet converted or checked against the district.
 *
 * @example parseVertices('122.1,30.0;122.2,30.1') // { ok: true, value: [[122.1, 30], [122.2, 30.1]] }
 * @example parseVertices('122.1,30.0;122.2') // { ok: false, reason: "vertex 2: '122.2' is not 'lng,lat' …" }
 */
export function parseVertices(cell: Cell): Parsed<Position[]> {
  if (isBlank(cell)) return { ok: false, reason: 'missing' };
  const parts = cellText(cell)
    .normalize('NFKC')
    // A line break separates vertices like ';' (and ';' then a line break is one separator).
    .replace(/;?[ \t]*(\r\n|\r|\n)/g, ';')
    .split(';')
    .map((p) => p.trim());
  // One separator at the end (or the start) is a habit, not a missing vertex; one in the middle is not.
  while (parts.length > 0 && parts.at(-1) === '') parts.pop();
  while (parts.length > 0 && parts[0] === '') parts.shift();
  const vertices: Position[] = [];
  for (const [k, part] of parts.entries()) {
    const n = k + 1;
    if (part === '') return { ok: false, reason: `vertex ${n} is empty (two ';' in a row)` };
    const xy = part.split(',').map((s) => s.trim());
    if (xy.length !== 2)
      return {
        ok: false,
        reason: `vertex ${n}: ${quote(part)} is not 'lng,lat' (vertices are 'lng,lat' separated by ';')`,
      };
    const position: number[] = [];
    for (const [axis, text] of [
      ['lng', xy[0]],
      ['lat', xy[1]],
    ] as const) {
      const value = parseNumber(text);
      if (!value.ok)
        return { ok: false, reason: `vertex ${n}: ${axis}: ${value.reason === 'missing' ? 'blank' : value.reason}` };
      position.push(value.value);
    }
    vertices.push(position);
  }
  if (vertices.length < MIN_VERTICES)
    return {
      ok: false,
      reason: `${vertices.length} vertex: a line needs at least ${MIN_VERTICES} ('lng,lat;lng,lat;…')`,
    };
  return { ok: true, value: vertices };
}
