/**
 * Defect markers from inspection exports. Each row is an observation of one defect on one date; exports are merged
 * by defect id so every state change is kept as history and an older export never overwrites a newer state.
 */
import type { Geometry, Point } from 'geojson';
import type { DefectState, IsoDate } from '../campaign/types';
import type { DefectHistoryEntry } from '../dataset/types';
import type { ColumnMap, FieldSpec } from './columns';
import type { IngestContext } from './objects';
import type { Row } from './row';
import type { Problem } from './types';
import { parseDateIn, parseId } from './values';

/** One row of an inspection export, validated, in WGS-84. */
export interface DefectObservation {
  id: string;
  lngLat: [number, number];
  taskForce: string;
  category: string;
  state: DefectState;
  unit: string;
  subdistrict: string;
  /** Id of the object (compound, street …) the defect is on, or null. */
  object: string | null;
  found: IsoDate;
  deadline: IsoDate;
  /** The date this state was observed: the row's state date, else the export's date, else the found date. */
  date: IsoDate;
  description: string;
  photos: string[];
  sample: boolean;
  /** Where it came from, for messages: the file, the row or feature, and the file's header of each field. */
  origin: { file: string; location: string; headers: Partial<Record<IdentityField | 'id' | 'state', string>> };
}

/**
 * What makes a defect the same defect: an export may change its state, unit, deadline or description, but a row
 * with the same id and another found date, object, task force or category is a different defect under a reused id.
 */
const IDENTITY = ['found', 'object', 'taskForce', 'category'] as const;
type IdentityField = (typeof IDENTITY)[number];

/** A defect after merging: the newest observation plus its state history. */
export interface MergedDefect extends Omit<DefectObservation, 'date' | 'origin'> {
  /** Date of the last state change. */
  updated: IsoDate;
  history: DefectHistoryEntry[];
}

/** Shared by every defect without photos (most): never changed, only read and written out. */
const NO_PHOTOS = Object.freeze([]) as unknown as string[];

const req = (field: string): FieldSpec => ({ field, required: true });
const opt = (field: string): FieldSpec => ({ field, required: false });
export const DEFECT_FIELDS: FieldSpec[] = [
  req('id'),
  req('taskForce'),
  req('category'),
  req('state'),
  req('unit'),
  req('subdistrict'),
  req('found'),
  req('deadline'),
  opt('updated'),
  opt('object'),
  opt('description'),
  opt('photos'),
];

/**
 * Reads one export row (`geometry` null when it already failed; the other fields are still checked). `exportDate` is the date the whole export was taken (SourceSpec.asOfDate), used when the
 * row has no state date of its own.
 */
export function defectOf(
  row: Row,
  geometry: Geometry | null,
  ctx: IngestContext,
  options: {
    sample: boolean;
    exportDate?: IsoDate;
    file: string;
    /** The file's headers (defectHeaders), shared by its rows; made from `row` when absent. */
    headers?: DefectObservation['origin']['headers'];
  },
): DefectObservation | null {
  const id = row.lookup('id', true, parseId);
  const taskForce = row.lookup('taskForce', true, ctx.codes.taskForce);
  const category = taskForce ? row.lookup('category', true, (c) => ctx.codes.category(c, taskForce)) : null;
  const state = row.lookup('state', true, ctx.codes.state);
  const unit = row.lookup('unit', true, ctx.codes.unit);
  const subdistrict = row.lookup('subdistrict', true, ctx.codes.subdistrict);
  const inRange = (c: Parameters<typeof parseDateIn>[0]) => parseDateIn(c, ctx.dates);
  const found = row.lookup('found', true, inRange);
  const deadline = row.lookup('deadline', true, inRange);
  const updated = row.lookup('updated', false, inRange);
  if (found && deadline && deadline < found) row.fail('deadline', `${deadline} is before the found date ${found}`);
  if (found && updated && updated < found) row.fail('updated', `${updated} is before the found date ${found}`);
  const object = row.lookup('object', false, parseId);
  const photoText = row.text('photos', false) ?? '';
  const photos =
    photoText === ''
      ? NO_PHOTOS
      : photoText
          .split(/[,，;；\s]+/)
          .filter(Boolean)
          .map(detached);
  if (
    !geometry ||
    !id ||
    !taskForce ||
    !category ||
    !state ||
    !unit ||
    !subdistrict ||
    !found ||
    !deadline ||
    updated === null ||
    object === null ||
    row.problems.length > 0
  )
    return null;
  const [lng, lat] = (geometry as Point).coordinates;
  return {
    id: detached(id),
    lngLat: [lng, lat],
    taskForce: taskForce.code,
    category,
    state,
    unit,
    subdistrict: subdistrict.code,
    object: object === undefined ? null : detached(object),
    found,
    deadline,
    date: updated ?? options.exportDate ?? found,
    description: detached(row.text('description', false) ?? ''),
    photos,
    sample: options.sample,
    origin: { file: options.file, location: row.location, headers: options.headers ?? defectHeaders(row) },
  };
}

/** The file's header of each field a defect's messages name; one object per file will do (`defectOf` options). */
export function defectHeaders(columns: Pick<Row, 'header'> | ColumnMap): DefectObservation['origin']['headers'] {
  const header =
    typeof columns.header === 'function' ? (columns as Row).header : (f: string) => (columns as ColumnMap)[f] ?? f;
  return Object.fromEntries((['id', 'state', ...IDENTITY] as const).map((f) => [f, header(f)]));
}

/**
 * A copy of a cell's text that does not keep the file's text alive: V8 cuts a long substring as a view of its
 * parent (here the parser's piece of the file, a megabyte), and a million kept views would keep every piece.
 */
function detached(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}

/**
 * Merges observations of the same defects (any order, any number of exports) into one record per id. Observations
 * are replayed oldest first, so the newest state is the current one whatever order the exports came in, and each
 * change of state adds a history entry `{ date, from, to, unit }`.
 *
 * Two things are refused rather than guessed, each with a problem naming both places: an id reused for a
 * different defect (another found date, object, task force or category than the id's first row: that row is left
 * out), and two different states for the same defect on the same date (the later row in the input is left out;
 * the same state twice is an overlap of exports and is fine).
 *
 * @example mergeDefects([newer, older]).defects // state from `newer`, history [older's state, newer's state]
 */
export function mergeDefects(observations: DefectObservation[]): { defects: MergedDefect[]; problems: Problem[] } {
  // By id, in order of first appearance: most ids have one observation, which needs no list (a million do).
  const firstAt = new Map<string, number>();
  const allAt = new Map<string, number[]>();
  observations.forEach((obs, order) => {
    const first = firstAt.get(obs.id);
    if (first === undefined) firstAt.set(obs.id, order);
    else {
      const list = allAt.get(obs.id);
      if (list) list.push(order);
      else allAt.set(obs.id, [first, order]);
    }
  });
  const problems: Problem[] = [];
  const problem = (obs: DefectObservation, field: 'id' | 'state', message: string) =>
    problems.push({ ...where(obs), field: obs.origin.headers[field] ?? field, message });
  const merged: MergedDefect[] = [];
  for (const [id, firstOrder] of firstAt) {
    const orders = allAt.get(id) ?? [firstOrder];
    const all = orders.map((order) => ({ obs: observations[order], order }));
    const first = all[0].obs;
    const list = all.filter(({ obs }) => {
      const differs = IDENTITY.filter((f) => obs[f] !== first[f]);
      if (differs.length === 0) return true;
      const what = differs.map((f) => `${obs.origin.headers[f] ?? f} ${shown(first[f])} there, ${shown(obs[f])} here`);
      problem(obs, 'id', `id '${obs.id}' is already a different defect at ${at(first)}: ${what.join('; ')}`);
      return false;
    });
    list.sort((a, b) => (a.obs.date < b.obs.date ? -1 : a.obs.date > b.obs.date ? 1 : a.order - b.order));
    const history: DefectHistoryEntry[] = [];
    let from: DefectState | null = null;
    let last = list[0].obs;
    for (const { obs } of list) {
      if (obs.date === last.date && obs.state !== last.state) {
        problem(
          obs,
          'state',
          `'${obs.id}' on ${obs.date}: ${last.state} at ${at(last)}, ${obs.state} here (same date, different states: correct one, or date the rows or the export's "asOfDate")`,
        );
        continue;
      }
      if (obs.state !== from) history.push({ date: obs.date, from, to: obs.state, unit: obs.unit });
      from = obs.state;
      last = obs;
    }
    merged.push({
      id: last.id,
      lngLat: last.lngLat,
      taskForce: last.taskForce,
      category: last.category,
      state: last.state,
      unit: last.unit,
      subdistrict: last.subdistrict,
      object: last.object,
      found: last.found,
      deadline: last.deadline,
      description: last.description,
      photos: last.photos,
      sample: last.sample,
      updated: history[history.length - 1].date,
      history,
    });
  }
  return { defects: merged, problems };
}

function where(obs: DefectObservation): { file: string; location: string } {
  return { file: obs.origin.file, location: obs.origin.location };
}

function at(obs: DefectObservation): string {
  return `${obs.origin.file}:${obs.origin.location}`;
}

function shown(value: string | null): string {
  return value === null ? 'none' : `'${value}'`;
}
