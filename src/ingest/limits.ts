/**
 * Size limits on what the refresh reads, so one bad file (a 96-million-character cell, a zip bomb, 200 000
 * columns) is refused with a clear line instead of crashing Node or publishing a layer no browser can open.
 * Defaults are generous for a district's real files; an office raises one in data/sources.json, for all sources
 * (`"limits": { "maxCellChars": 10000 }` at the top level) or for one source (the same key inside the source).
 */

export interface Limits {
  /** Bytes of one source file on disk. */
  maxFileBytes: number;
  /** Characters in one cell or property value. */
  maxCellChars: number;
  /** Columns in one table, or distinct property names in one GeoJSON/KML file. */
  maxColumns: number;
  /** Rows of one table or features of one GeoJSON/KML file. */
  maxRecords: number;
  /** Uncompressed bytes of the entries of one XLSX/KMZ (zip) file. */
  maxUncompressedBytes: number;
  /** Uncompressed / compressed size of one zip entry. */
  maxCompressionRatio: number;
  /** Positions in one geometry. */
  maxVertices: number;
  /** Nesting depth of JSON arrays and objects. */
  maxDepth: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxFileBytes: 256 * 1024 * 1024,
  maxCellChars: 4_000,
  maxColumns: 500,
  maxRecords: 2_000_000,
  maxUncompressedBytes: 512 * 1024 * 1024,
  maxCompressionRatio: 200,
  maxVertices: 200_000,
  maxDepth: 64,
});

export const LIMIT_KEYS = Object.keys(DEFAULT_LIMITS) as (keyof Limits)[];

/** Defaults, then the file-wide overrides, then the source's own. */
export function resolveLimits(...overrides: (Partial<Limits> | undefined)[]): Limits {
  return Object.assign({}, DEFAULT_LIMITS, ...overrides.filter(Boolean)) as Limits;
}

/** The clause every over-limit message ends with: what the limit is and where to raise it. */
export function limitHint(key: keyof Limits, value: number): string {
  return `limit ${key} = ${value}; raise it with "limits": { "${key}": … } in sources.json (for all sources or in this source's entry)`;
}

/**
 * Checks a `limits` object from sources.json: every key known, every value a positive safe integer.
 * Returns the problems as `[key, message]` pairs (empty when it is valid).
 */
export function limitsProblems(value: unknown): [string, string][] {
  if (value === undefined) return [];
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return [['limits', `must be an object with keys ${LIMIT_KEYS.join(', ')}`]];
  const problems: [string, string][] = [];
  for (const [key, v] of Object.entries(value)) {
    if (!(LIMIT_KEYS as string[]).includes(key))
      problems.push([`limits.${key}`, `unknown limit; known: ${LIMIT_KEYS.join(', ')}`]);
    else if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0)
      problems.push([`limits.${key}`, 'must be a positive whole number']);
  }
  return problems;
}

/**
 * True when JSON `text` nests arrays/objects deeper than `maxDepth`. A loop over the characters, no recursion, so
 * 200 000 levels are measured rather than overflowing the stack (JSON.parse and every walker after it recurse).
 */
export function jsonTooDeep(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > maxDepth) return true;
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
  }
  return false;
}

/** True when XML `text` nests elements deeper than `maxDepth` (comments, declarations and CDATA skipped). */
export function xmlTooDeep(text: string, maxDepth: number): boolean {
  let depth = 0;
  for (let i = text.indexOf('<'); i >= 0; i = text.indexOf('<', i + 1)) {
    const next = text.charCodeAt(i + 1);
    if (text.startsWith('<!--', i)) i = Math.max(i, text.indexOf('-->', i));
    else if (text.startsWith('<![CDATA[', i)) i = Math.max(i, text.indexOf(']]>', i));
    else if (next === 0x2f) depth -= 1;
    else if (next !== 0x21 && next !== 0x3f) {
      const close = text.indexOf('>', i);
      if (close < 0) break;
      if (text.charCodeAt(close - 1) !== 0x2f) depth += 1;
      if (depth > maxDepth) return true;
      i = close;
    }
  }
  return false;
}

/** Positions in a GeoJSON geometry (collections included), counted without recursion. */
export function vertexCount(geometry: unknown): number {
  let count = 0;
  const stack: unknown[] = [geometry];
  while (stack.length > 0) {
    const g = stack.pop() as { coordinates?: unknown; geometries?: unknown } | null;
    if (!g || typeof g !== 'object') continue;
    if (Array.isArray(g.geometries)) for (const x of g.geometries) stack.push(x);
    const arrays: unknown[] = [g.coordinates];
    while (arrays.length > 0) {
      const a = arrays.pop();
      if (!Array.isArray(a)) continue;
      if (typeof a[0] === 'number') count += 1;
      else for (const x of a) arrays.push(x);
    }
  }
  return count;
}
