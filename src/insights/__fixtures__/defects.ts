/** Hand-made defect columns and histories for the insights tests: only the fields a case needs. */
import { dayFromIso } from '../../campaign/dates';
import type { DefectState } from '../../campaign/types';
import { historiesFromLists, type DefectHistories } from '../../dataset/details';
import type { DefectColumns, DefectHistoryEntry } from '../../dataset/types';

export interface Row {
  taskForce?: string;
  unit?: string;
  object?: string;
  state: DefectState;
  found: string;
  deadline?: string;
  /** Day of the last change; defaults to the last history date, else the found date. */
  updated?: string;
  /** [date, to] steps after the initial 'reported' on the found date. */
  steps?: [string, DefectState][];
}

const intern = <T extends string>(values: T[]): T[] => [...new Set(values)];

export function columns(rows: Row[]): DefectColumns {
  const tf = intern(rows.map((r) => r.taskForce ?? 'TF1'));
  const units = intern(rows.map((r) => r.unit ?? 'U-ZJJ'));
  const states = intern(rows.map((r) => r.state));
  const objects = intern(rows.flatMap((r) => (r.object ? [r.object] : [])));
  return {
    count: rows.length,
    tables: {
      taskForce: tf,
      category: ['TF1-01'],
      state: states,
      unit: units,
      subdistrict: ['330902002'],
      object: objects,
    },
    id: rows.map((_, k) => `D${k}`),
    coords: rows.flatMap(() => [122.1, 30.02]),
    taskForce: rows.map((r) => tf.indexOf(r.taskForce ?? 'TF1')),
    category: rows.map(() => 0),
    state: rows.map((r) => states.indexOf(r.state)),
    unit: rows.map((r) => units.indexOf(r.unit ?? 'U-ZJJ')),
    subdistrict: rows.map(() => 0),
    object: rows.map((r) => (r.object ? objects.indexOf(r.object) : -1)),
    found: rows.map((r) => dayFromIso(r.found)),
    deadline: rows.map((r) => (r.deadline ? dayFromIso(r.deadline) : 0)),
    updated: rows.map((r) => dayFromIso(r.updated ?? r.steps?.at(-1)?.[0] ?? r.found)),
    sample: false,
  };
}

/** Histories for the rows that have `steps`: reported on the found date, then each step. */
export function histories(rows: Row[]): DefectHistories {
  const out: (DefectHistoryEntry[] | undefined)[] = rows.map(() => undefined);
  rows.forEach((r, k) => {
    if (!r.steps) return;
    const history: DefectHistoryEntry[] = [{ date: r.found, from: null, to: 'reported', unit: r.unit ?? 'U-ZJJ' }];
    for (const [date, to] of r.steps) history.push({ date, from: history.at(-1)!.to, to, unit: r.unit ?? 'U-ZJJ' });
    out[k] = history;
  });
  return historiesFromLists(out);
}
