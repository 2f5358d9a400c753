/**
 * Streets from OpenStreetMap through the Overpass API: the query for the district's roads, and the reading of
 * its JSON answer (`out geom`) into street records. OSM knows the road class, not the campaign's: motorways to
 * tertiary roads are main roads (主次干道), residential and smaller public ways are back streets (背街小巷).
 * Service ways, footpaths and tracks are left out: they are driveways and paths, not streets the plan inspects.
 */
import type { BBox } from '../campaign/types';
import type { StreetClass } from '../campaign/types';
import { DEFAULT_LIMITS, jsonTooDeep, limitHint, type Limits } from './limits';
import { fileProblem } from './problems';
import type { Problem, RawRecord, RawSource, SourceSpec } from './types';

export const HIGHWAY_CLASSES: Record<string, StreetClass> = {
  motorway: 'main',
  trunk: 'main',
  primary: 'main',
  secondary: 'main',
  tertiary: 'main',
  motorway_link: 'main',
  trunk_link: 'main',
  primary_link: 'main',
  secondary_link: 'main',
  tertiary_link: 'main',
  residential: 'back',
  unclassified: 'back',
  living_street: 'back',
  pedestrian: 'back',
};

/** Overpass QL for every way of a HIGHWAY_CLASSES class in `bbox`, with its geometry inline. */
export function overpassQuery([w, s, e, n]: BBox, timeoutS = 90): string {
  const classes = Object.keys(HIGHWAY_CLASSES).join('|');
  return `[out:json][timeout:${timeoutS}];\nway["highway"~"^(${classes})$"](${s},${w},${n},${e});\nout geom;`;
}

interface OverpassWay {
  type: 'way';
  id: number;
  tags?: Record<string, string>;
  geometry?: ({ lat: number; lon: number } | null)[];
}

/**
 * Checks that a text is a usable Overpass answer: JSON with an `elements` array, and no server-side error
 * remark (Overpass reports its own timeouts with HTTP 200 and a `remark`). Returns null or a message.
 */
export function overpassAnswerProblem(text: string, limits: Limits = DEFAULT_LIMITS): string | null {
  let json: { elements?: unknown; remark?: unknown };
  if (jsonTooDeep(text, limits.maxDepth))
    return `the answer is nested too deep; ${limitHint('maxDepth', limits.maxDepth)}`;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return `the answer is not valid JSON (${(e as Error).message})`;
  }
  if (!json || !Array.isArray(json.elements)) return 'the answer has no "elements" array';
  if (typeof json.remark === 'string' && /error|timed out/i.test(json.remark))
    return `Overpass reported: ${json.remark}`;
  return null;
}

/**
 * Reads a cached Overpass answer as street records: id `osm-<way id>`, name (or 未命名 + class), streetClass from
 * HIGHWAY_CLASSES, and a LineString. Ways of other classes are skipped. Subdistrict and unit are not in OSM; the
 * ingest step places each street (see `ingestSources`).
 */
export function readOverpass(text: string, spec: SourceSpec, limits: Limits = DEFAULT_LIMITS): RawSource {
  const refuse = (message: string) => ({
    headers: [],
    records: [],
    problems: [fileProblem(spec.path, 'overpass', message)],
  });
  const problem = overpassAnswerProblem(text, limits);
  if (problem) return refuse(problem);
  const elements = (JSON.parse(text) as { elements: OverpassWay[] }).elements;
  if (elements.length > limits.maxRecords)
    return refuse(
      `more than ${limits.maxRecords} elements (file not read); ${limitHint('maxRecords', limits.maxRecords)}`,
    );
  const records: RawRecord[] = [];
  const problems: Problem[] = [];
  elements.forEach((el, i) => {
    const highway = el?.tags?.highway;
    const streetClass =
      el?.type === 'way' && typeof highway === 'string' && Object.hasOwn(HIGHWAY_CLASSES, highway)
        ? HIGHWAY_CLASSES[highway]
        : undefined;
    if (!streetClass) return;
    const points = Array.isArray(el.geometry) ? el.geometry : [];
    if (points.length > limits.maxVertices) {
      problems.push({
        file: spec.path,
        location: `element ${i}`,
        field: 'geometry',
        message: `${points.length} positions is over the limit; ${limitHint('maxVertices', limits.maxVertices)}`,
      });
      return;
    }
    const name = typeof el.tags?.name === 'string' ? el.tags.name : '';
    if (name.length > limits.maxCellChars) {
      problems.push({
        file: spec.path,
        location: `element ${i}`,
        field: 'name',
        message: `${name.length} characters is over the limit (record left out); ${limitHint('maxCellChars', limits.maxCellChars)}`,
      });
      return;
    }
    const coordinates = points.map((p) => (p ? [p.lon, p.lat] : [NaN, NaN]));
    records.push({
      location: `element ${i}`,
      cells: Object.assign(Object.create(null), {
        id: `osm-${el.id}`,
        name: name || `未命名${highway}`,
        streetClass,
        onRoute: false,
      }),
      geometry: coordinates.length > 0 ? { type: 'LineString', coordinates } : null,
    });
  });
  return { headers: ['id', 'name', 'streetClass', 'onRoute', 'subdistrict', 'unit'], records, problems };
}
