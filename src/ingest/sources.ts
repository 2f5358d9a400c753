/**
 * Validation of data/sources.json, the list of source files. Every problem is reported, located by source index
 * (`source 3`), so a typo in one entry does not hide the others.
 */
import { SOURCE_KINDS } from '../campaign/source-kinds';
import { limitsProblems, resolveLimits, type Limits } from './limits';
import { fileProblem } from './problems';
import type { Problem, SourceKind, SourceSpec } from './types';

const KINDS: readonly SourceKind[] = SOURCE_KINDS;
const FORMATS = ['geojson', 'csv', 'xlsx', 'kml', 'overpass', 'zip'];
const CRSES = ['wgs84', 'gcj02', 'bd09'];
const ENCODINGS = ['utf8', 'gbk', 'auto'];

/** Checks the parsed JSON of sources.json; returns the valid entries and a problem per fault. */
export function parseSources(
  json: unknown,
  file = 'sources.json',
): { sources: SourceSpec[]; problems: Problem[]; limits: Limits } {
  const root = json as { schemaVersion?: unknown; sources?: unknown; limits?: unknown };
  if (!root || typeof root !== 'object' || !Array.isArray(root.sources)) {
    return {
      sources: [],
      problems: [fileProblem(file, 'sources', 'expected { "schemaVersion": 1, "sources": [ … ] }')],
      limits: resolveLimits(),
    };
  }
  const problems: Problem[] = [];
  const fileLimits = limitsProblems(root.limits);
  for (const [field, message] of fileLimits) problems.push(fileProblem(file, field, message));
  const limits = resolveLimits(fileLimits.length === 0 ? (root.limits as Partial<Limits>) : undefined);
  if (root.schemaVersion !== 1)
    problems.push(fileProblem(file, 'schemaVersion', `expected 1, got ${JSON.stringify(root.schemaVersion)}`));
  const sources: SourceSpec[] = [];
  const ids = new Set<string>();
  /** Path (compared with `\` as `/` and without `./`) → the id of the entry that listed it first. */
  const paths = new Map<string, string>();
  root.sources.forEach((entry: unknown, i) => {
    const s = entry as Record<string, unknown>;
    const before = problems.length;
    const fail = (field: string, message: string) => problems.push({ file, location: `source ${i}`, field, message });
    const str = (field: string) => typeof s?.[field] === 'string' && (s[field] as string).trim() !== '';
    if (!s || typeof s !== 'object') return void fail('source', 'not an object');
    if (!str('id')) fail('id', 'missing');
    else if (ids.has(s.id as string)) fail('id', `duplicate source id '${s.id}'`);
    if (!str('path')) fail('path', 'missing');
    else if ((s.path as string).split(/[\\/]/).includes('..') || /^([a-z]:)?[\\/]/i.test(s.path as string))
      fail('path', 'must be relative to the data directory, without ..');
    const oneOf = (field: string, values: readonly string[], required: boolean) => {
      if (s[field] === undefined && !required) return;
      if (!values.includes(s[field] as string)) fail(field, `'${String(s[field])}' is not one of ${values.join(', ')}`);
    };
    oneOf('kind', KINDS, true);
    oneOf('format', FORMATS, true);
    oneOf('crs', CRSES, true);
    oneOf('encoding', ENCODINGS, false);
    if (
      s.columns !== undefined &&
      (typeof s.columns !== 'object' ||
        s.columns === null ||
        !Object.values(s.columns).every((v) => typeof v === 'string'))
    ) {
      fail('columns', 'must map field names to column headers (strings)');
    }
    if (s.sheet !== undefined && typeof s.sheet !== 'string') fail('sheet', 'must be a sheet name');
    if (s.asOfDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(s.asOfDate)))
      fail('asOfDate', 'must be YYYY-MM-DD');
    for (const [field, message] of limitsProblems(s.limits)) fail(field, message);
    // Read twice as one kind, every record would be a duplicate id: one line here instead of one per record. One
    // file as two kinds is fine (the district boundary is also the land where the land file has none).
    const path = str('path') ? `${String(s.kind)}\n${samePath(s.path as string)}` : '';
    const first = paths.get(path);
    if (first !== undefined)
      fail('path', `'${s.path}' is listed twice, as '${first}' and '${s.id}'; list each file once`);
    else if (path !== '') paths.set(path, String(s.id));
    if (str('id')) ids.add(s.id as string);
    if (problems.length === before) sources.push(s as unknown as SourceSpec);
  });
  return { sources, problems, limits };
}

/** `./sample\a.csv` and `sample/a.csv` name the same file. */
function samePath(path: string): string {
  return path
    .replace(/\\/g, '/')
    .split('/')
    .filter((part) => part !== '' && part !== '.')
    .join('/');
}
