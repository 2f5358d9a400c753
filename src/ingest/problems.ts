/**
 * Problems found in the input, printed one per line as `file:location: field: message` so staff can jump to the
 * cell. The parsers collect every problem instead of stopping at the first one.
 */
import type { Problem } from './types';

/**
 * `communities.csv:row 12: 经度: not a number: 'abc'`; a warning says so after the place, as compilers do:
 * `town-seats.geojson:feature 3: warning: geometry: town seat 六横镇 is 2.3 km from the nearest land: …`
 */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.location}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.field}: ${p.message}`;
}

/** A problem that is about the whole file rather than one row or feature. */
export function fileProblem(file: string, field: string, message: string): Problem {
  return { file, location: 'file', field, message };
}
