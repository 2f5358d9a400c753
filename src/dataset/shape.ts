/**
 * Shape checks for the files the browser loads: enough to be sure the app will not crash on them, and to name
 * what is wrong when a file was hand-edited or comes from an older refresh. Each returns null or a message.
 */
import { campaignProblems } from '../campaign/parse';
import { mapDataKeys, OBJECT_KIND_DEFS } from '../campaign/object-kinds';
import { checkDetailsIndex, checkHistoryColumns } from './details';
import { type DatasetFileKey, type OptionalFileKey } from './types';

type Check = (value: unknown) => string | null;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => Number.isInteger(v);

function featureCollection(geometryTypes: string[], needsId: boolean): Check {
  return (v) => {
    if (!isObject(v) || v.type !== 'FeatureCollection' || !Array.isArray(v.features))
      return 'not a GeoJSON FeatureCollection';
    for (let i = 0; i < v.features.length; i += 1) {
      const problem = feature(v.features[i], geometryTypes, needsId);
      if (problem) return `feature ${i}: ${problem}`;
    }
    return null;
  };
}

function feature(f: unknown, geometryTypes: string[], needsId: boolean): string | null {
  if (!isObject(f) || f.type !== 'Feature') return 'not a Feature';
  const g = f.geometry;
  if (!isObject(g) || !geometryTypes.includes(String(g.type)) || !Array.isArray(g.coordinates)) {
    return `geometry must be ${geometryTypes.join(' or ')}`;
  }
  if (needsId && (!isObject(f.properties) || typeof f.properties.id !== 'string'))
    return 'properties.id must be a string';
  return null;
}

function arrayOf(what: string, item: (v: unknown) => boolean): Check {
  return (v) => {
    if (!Array.isArray(v)) return `not an array of ${what}`;
    const bad = v.findIndex((x) => !item(x));
    return bad >= 0 ? `item ${bad} is not a valid ${what}` : null;
  };
}

/**
 * defects.bin is checked by its decoder (defects-bin.ts), which knows its layout; this check is for a decoded
 * table as the loader hands it on.
 */
const defects: Check = (v) =>
  isObject(v) && isInt(v.count) && v.count >= 0 && isObject(v.tables) && Array.isArray(v.id)
    ? null
    : 'not a DefectColumns object';

/** The campaign file gets the refresh's own check (the schema table in src/campaign/schema.ts). */
const campaign: Check = (v) => {
  const [first, ...more] = campaignProblems(v);
  if (first === undefined) return null;
  return `${first.field}: ${first.message}${more.length > 0 ? ` (and ${more.length} more)` : ''}`;
};

/** One check per data set file. */
export const SHAPE_CHECKS: Record<DatasetFileKey, Check> = {
  campaign,
  boundary: (v) => {
    const problem = feature(v, ['Polygon', 'MultiPolygon'], false);
    return problem && `not a boundary Feature: ${problem}`;
  },
  land: featureCollection(['Polygon', 'MultiPolygon'], false),
  divisions: arrayOf('division', (x) => isObject(x) && typeof x.code === 'string' && typeof x.name === 'string'),
  ...mapDataKeys((_, kind) => featureCollection([...OBJECT_KIND_DEFS[kind].geometry], true)),
  defects,
  defectIds: (v) => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? null : 'not a JSON array of strings'),
  defectDetails: checkDetailsIndex,
  defectHistory: checkHistoryColumns,
  visits: arrayOf(
    'visit summary',
    (x) => isObject(x) && typeof x.community === 'string' && (isInt(x.households) || x.suppressed === true),
  ),
  declarations: arrayOf(
    'declaration entry',
    (x) => isObject(x) && typeof x.id === 'string' && typeof x.deadline === 'string',
  ),
};

const isString = (v: unknown): v is string => typeof v === 'string';
const isCount = (v: unknown): v is number => isInt(v) && v >= 0;

/** A group of problems as the report page shows it: text fields, a count, a few locations. */
function problemGroupProblem(g: unknown): string | null {
  if (!isObject(g) || !isString(g.file) || !isString(g.field) || !isString(g.pattern) || !isCount(g.count))
    return 'needs file, field, pattern and count';
  return Array.isArray(g.locations) && g.locations.every(isString) ? null : 'locations must be strings';
}

function groupsProblem(v: unknown, path: string): string | null {
  if (!isObject(v) || !Array.isArray(v.errors) || !Array.isArray(v.warnings))
    return `${path} needs errors and warnings lists`;
  for (const list of ['errors', 'warnings'] as const) {
    const groups = v[list] as unknown[];
    for (let i = 0; i < groups.length; i += 1) {
      const problem = problemGroupProblem(groups[i]);
      if (problem) return `${path}.${list}[${i}] ${problem}`;
    }
  }
  return null;
}

/** import-report.json: everything the data check page reads, with the types it renders. */
const importReport: Check = (v) => {
  if (!isObject(v) || v.schemaVersion !== 1 || !isString(v.generatedAt) || !isObject(v.totals))
    return 'not an import report (schemaVersion 1)';
  if (!Array.isArray(v.sources) || !Array.isArray(v.coverage)) return 'needs sources and coverage lists';
  for (let i = 0; i < v.sources.length; i += 1) {
    const s = v.sources[i];
    if (
      !isObject(s) ||
      !['id', 'path', 'kind', 'format', 'crs'].every((k) => isString(s[k])) ||
      !['records', 'kept', 'skipped'].every((k) => isCount(s[k])) ||
      !Array.isArray(s.conversions)
    )
      return `sources[${i}] needs id, path, kind, format, crs, conversions and counts`;
    const problem = groupsProblem(s, `sources[${i}]`);
    if (problem) return problem;
  }
  const other = groupsProblem(v.other, 'other');
  if (other) return other;
  const bad = v.coverage.findIndex(
    (c) =>
      !isObject(c) ||
      !isString(c.ruleId) ||
      !isCount(c.zones) ||
      !isCount(c.members) ||
      !isObject(c.membersByKind) ||
      !Array.isArray(c.emptyZones),
  );
  return bad >= 0 ? `coverage[${bad}] needs ruleId, zones, members, membersByKind and emptyZones` : null;
};

/** One check per optional file. */
export const OPTIONAL_SHAPE_CHECKS: Record<OptionalFileKey, Check> = { importReport };

/** Checks manifest.json: schema version and one entry per known file. */
export function checkManifest(v: unknown, schemaVersion: number): string | null {
  if (!isObject(v) || !isObject(v.files)) return 'not a data set manifest';
  if (v.schemaVersion !== schemaVersion)
    return `schema version ${String(v.schemaVersion)}, this app reads version ${schemaVersion}: run the refresh again`;
  for (const [key, f] of Object.entries(v.files)) {
    if (!isObject(f) || typeof f.path !== 'string' || typeof f.sha256 !== 'string')
      return `files.${key} needs a path and a sha256`;
  }
  return null;
}
