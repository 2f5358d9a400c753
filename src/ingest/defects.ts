/**
 * Defect markers from inspection exports. Each row is an observation of one defect on one date; exports are merged
 * by defect id so every state change is kept as history and an older export never overwrites a newer state.
 */
import type { Geometry, Point } from 'geojson';
import type { DefectState, IsoDate } from '../campaign/types';
import type { DefectHistoryEntry } from '../dataset/types';
import type { FieldSpec } from './columns';
import type { IngestContext } from './objects';
import type { Row } from './row';

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
  /** Where it came from, for messages. */
  origin: { file: string; location: string };
}

/** A defect after merging: the newest observation plus its state history. */
export interface MergedDefect extends Omit<DefectObservation, 'date' | 'origin'> {
  /** Date of the last state change. */
  updated: IsoDate;
  history: DefectHistoryEntry[];
}

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
  options: { sample: boolean; exportDate?: IsoDate; file: string },
): DefectObservation | null {
  const id = row.text('id', true);
  const taskForce = row.lookup('taskForce', true, ctx.codes.taskForce);
  const category = taskForce ? row.lookup('category', true, (c) => ctx.codes.category(c, taskForce)) : null;
  const state = row.lookup('state', true, ctx.codes.state);
  const unit = row.lookup('unit', true, ctx.codes.unit);
  const subdistrict = row.lookup('subdistrict', true, ctx.codes.subdistrict);
  const found = row.date('found', true);
  const deadline = row.date('deadline', true);
  const updated = row.date('updated', false);
  if (found && deadline && deadline < found) row.fail('deadline', `${deadline} is before the found date ${found}`);
  if (found && updated && updated < found) row.fail('updated', `${updated} is before the found date ${found}`);
  const object = row.text('object', false) || null;
  const photos = (row.text('photos', false) ?? '').split(/[,，;；\s]+/).filter(Boolean);
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
    row.problems.length > 0
  )
    return null;
  const [lng, lat] = (geometry as Point).coordinates;
  return {
    id,
    lngLat: [lng, lat],
    taskForce: taskForce.code,
    category,
    state,
    unit,
    subdistrict: subdistrict.code,
    object,
    found,
    deadline,
    date: updated ?? options.exportDate ?? found,
    description: row.text('description', false) ?? '',
    photos,
    sample: options.sample,
    origin: { file: options.file, location: row.location },
  };
}

/**
 * Merges observations of the same defects (any order, any number of exports) into one record per id. Observations
 * are replayed oldest first (same date: later in the input wins), so the newest state is the current one whatever
 * order the exports came in, and each change of state adds a history entry `{ date, from, to, unit }`.
 *
 * @example mergeDefects([newer, older]) // state from `newer`, history [older's state, newer's state]
 */
export function mergeDefects(observations: DefectObservation[]): MergedDefect[] {
  const byId = new Map<string, { obs: DefectObservation; order: number }[]>();
  observations.forEach((obs, order) => {
    const list = byId.get(obs.id) ?? [];
    list.push({ obs, order });
    byId.set(obs.id, list);
  });
  const merged: MergedDefect[] = [];
  for (const list of byId.values()) {
    list.sort((a, b) => (a.obs.date < b.obs.date ? -1 : a.obs.date > b.obs.date ? 1 : a.order - b.order));
    const history: DefectHistoryEntry[] = [];
    let from: DefectState | null = null;
    for (const { obs } of list) {
      if (obs.state !== from) history.push({ date: obs.date, from, to: obs.state, unit: obs.unit });
      from = obs.state;
    }
    const last = list[list.length - 1].obs;
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
  return merged;
}
