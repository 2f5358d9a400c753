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
