import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addDays, dayFromIso } from '../campaign/dates';
import { categoryByCode, isOverdue } from '../campaign/model';
import type { Campaign } from '../campaign/types';
import type { DefectColumns } from '../dataset/types';
import { NO_DAY } from '../geo/rollup';
import { mulberry32 } from '../geo/prng';
import type { DefectFilter } from './filter';
import { prepareDefects } from './prepare';
import { objectLastDays, selectDefects } from './select';
import { syntheticDefects } from './synthetic';
import { defectTableFromColumns } from './table';

const campaign = JSON.parse(readFileSync(new URL('../../data/campaign.json', import.meta.url), 'utf8')) as Campaign;
const { columns, objectLastDay } = syntheticDefects(campaign, { count: 4000, tiles: 2, seed: 7 });
const prepared = prepareDefects(defectTableFromColumns(columns), campaign);

/** The plain-object form a naive implementation would filter. */
interface Plain {
  index: number;
  taskForce: string;
  category: string;
  state: string;
  unit: string;
  subdistrict: string;
  object: number;
  found: number;
  deadline: number;
}

function plain(cols: DefectColumns): Plain[] {
  return Array.from({ length: cols.count }, (_, d) => ({
    index: d,
    taskForce: cols.tables.taskForce[cols.taskForce[d]],
    category: cols.tables.category[cols.category[d]],
    state: cols.tables.state[cols.state[d]],
    unit: cols.tables.unit[cols.unit[d]],
    subdistrict: cols.tables.subdistrict[cols.subdistrict[d]],
    object: cols.object[d],
    found: cols.found[d],
    deadline: cols.deadline[d],
  }));
}
const objects = plain(columns);

type Dim = 'taskForce' | 'state' | 'category' | 'subdistrict' | 'unit' | 'overdue' | 'found' | 'stale';

/** Each filter as its own predicate, written from the spec in filter.ts with campaign/model helpers. */
function naiveTests(
  filter: DefectFilter,
  asOfDay: number,
  lastDay: Int32Array | null,
): Record<Dim, (p: Plain) => boolean> {
  const has = (xs: string[] | undefined, x: string) => !xs || xs.length === 0 || xs.includes(x);
  const narrowed = new Set((filter.categories ?? []).map((c) => categoryByCode(campaign, c)!.taskForce.code));
  const staleDays = filter.staleDays ?? campaign.staleDays;
  return {
    taskForce: (p) => has(filter.taskForces, p.taskForce),
    state: (p) => has(filter.states, p.state),
    category: (p) => !narrowed.has(p.taskForce) || filter.categories!.includes(p.category),
    subdistrict: (p) => has(filter.subdistricts, p.subdistrict),
    unit: (p) => has(filter.units, p.unit),
    overdue: (p) => !filter.overdueOnly || naiveOverdue(p, asOfDay),
    found: (p) =>
      (filter.foundFrom === undefined || p.found >= dayFromIso(filter.foundFrom)) &&
      (filter.foundTo === undefined || p.found <= dayFromIso(filter.foundTo)),
    stale: (p) => filter.staleDays === undefined || naiveStale(p, asOfDay, lastDay!, staleDays),
  };
}

function naiveOverdue(p: Plain, asOfDay: number): boolean {
  return p.deadline > 0 && isOverdue(p.deadline, p.state, asOfDay, campaign);
}

function naiveStale(p: Plain, asOfDay: number, lastDay: Int32Array, staleDays: number): boolean {
  return p.object >= 0 && (lastDay[p.object] === NO_DAY || asOfDay - lastDay[p.object] > staleDays);
}

function naive(filter: DefectFilter, asOfDay: number, lastDay: Int32Array | null) {
  const tests = naiveTests(filter, asOfDay, lastDay);
  const dims = Object.keys(tests) as Dim[];
  const existing = objects.filter((p) => p.found <= asOfDay);
  const passOthers = (p: Plain, except: Dim) => dims.every((k) => k === except || tests[k](p));
  const selected = existing.filter((p) => dims.every((k) => tests[k](p)));
  const facet = (dim: 'taskForce' | 'state' | 'category' | 'subdistrict' | 'unit') => {
    const counts: Record<string, number> = Object.fromEntries(columns.tables[dim].map((c) => [c, 0]));
    for (const p of existing) if (passOthers(p, dim)) counts[p[dim]]++;
    return counts;
  };
  const staleDays = filter.staleDays ?? campaign.staleDays;
  return {
    indexes: selected.map((p) => p.index),
    total: existing.length,
    facets: {
      taskForce: facet('taskForce'),
      state: facet('state'),
      category: facet('category'),
      subdistrict: facet('subdistrict'),
      unit: facet('unit'),
      overdue: selected.filter((p) => naiveOverdue(p, asOfDay)).length,
      stale: lastDay ? selected.filter((p) => naiveStale(p, asOfDay, lastDay, staleDays)).length : null,
    },
  };
}

/** A random filter drawn from the campaign's codes: each field set with probability 0.4. */
function randomFilter(rnd: () => number): DefectFilter {
  const some = (codes: string[], max: number) => {
    const n = 1 + Math.floor(rnd() * max);
    return Array.from({ length: n }, () => codes[Math.floor(rnd() * codes.length)]);
  };
  const f: DefectFilter = {};
  if (rnd() < 0.4)
    f.taskForces = some(
      campaign.taskForces.map((t) => t.code),
      3,
    );
  if (rnd() < 0.4)
    f.states = some(
      campaign.lifecycle.states.map((s) => s.code),
      3,
    );
  if (rnd() < 0.3) f.overdueOnly = true;
  if (rnd() < 0.4)
    f.categories = some(
      campaign.taskForces.slice(0, 4).flatMap((t) => t.categories.map((c) => c.code)),
      6,
    );
  if (rnd() < 0.4)
    f.subdistricts = some(
      campaign.subdistricts.map((s) => s.code),
      4,
    );
  if (rnd() < 0.4)
    f.units = some(
      campaign.units.map((u) => u.code),
      8,
    );
  if (rnd() < 0.3) f.foundFrom = addDays(campaign.asOfDate, -40 + Math.floor(rnd() * 20));
  if (rnd() < 0.3) f.foundTo = addDays(campaign.asOfDate, -15 + Math.floor(rnd() * 15));
  if (rnd() < 0.3) f.staleDays = Math.floor(rnd() * 30);
  return f;
}

describe('selectDefects', () => {
  const asOfDay = dayFromIso(campaign.asOfDate);

  it('with no filter selects every defect that exists at the as-of date', () => {
    const sel = selectDefects(prepared, {});
    const expected = naive({}, asOfDay, null);
    expect(Array.from(sel.indexes)).toEqual(expected.indexes);
    expect(sel.total).toBe(expected.total);
    expect(sel.total).toBeLessThan(columns.count); // the generator puts some found dates after the as-of date
    expect(sel.facets.stale).toBeNull();
  });

  it('matches a naive filter over plain objects, selection and every facet, for 150 random combinations', () => {
    const rnd = mulberry32(99);
    let nonEmpty = 0;
    for (let k = 0; k < 150; k++) {
      const filter = randomFilter(rnd);
      const sel = selectDefects(prepared, filter, { objectLastDay });
      const expected = naive(filter, asOfDay, objectLastDay);
      expect(Array.from(sel.indexes), JSON.stringify(filter)).toEqual(expected.indexes);
      expect(sel.facets, JSON.stringify(filter)).toEqual(expected.facets);
      if (sel.indexes.length > 0) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(40); // the combinations are not all trivially empty
  });

  it('counts each facet value with every other filter applied (faceted-search semantics)', () => {
    const filter: DefectFilter = { taskForces: ['TF2'], states: ['assigned'] };
    const sel = selectDefects(prepared, filter);
    const onlyTf2 = selectDefects(prepared, { taskForces: ['TF2'] });
    const onlyAssigned = selectDefects(prepared, { states: ['assigned'] });
    // The task-force facet ignores the task-force filter: TF3's count is what ticking TF3 would add.
    expect(sel.facets.taskForce.TF3).toBe(
      selectDefects(prepared, { taskForces: ['TF3'], states: ['assigned'] }).indexes.length,
    );
    expect(sel.facets.taskForce.TF2).toBe(sel.indexes.length);
    // The state facet ignores the state filter but keeps the task force.
    expect(sel.facets.state.reported).toBe(onlyTf2.facets.state.reported);
    expect(sel.facets.state.assigned).toBe(onlyAssigned.facets.taskForce.TF2);
    // Other facets see both filters.
    const units = Object.values(sel.facets.unit).reduce((a, b) => a + b, 0);
    expect(units).toBe(sel.indexes.length);
  });

  it('narrows categories per task force: other task forces keep all their categories', () => {
    const cat = campaign.taskForces[0].categories[2].code;
    const sel = selectDefects(prepared, { taskForces: ['TF1', 'TF2'], categories: [cat] });
    const tf2 = selectDefects(prepared, { taskForces: ['TF2'] });
    const tf1cat = selectDefects(prepared, { categories: [cat], taskForces: ['TF1'] });
    expect(sel.indexes.length).toBe(tf2.indexes.length + tf1cat.indexes.length);
    expect(tf1cat.indexes.length).toBeGreaterThan(0);
    for (const d of tf1cat.indexes) expect(columns.tables.category[columns.category[d]]).toBe(cat);
  });

  it('decides overdue at the as-of date: due the day before is overdue, due that day is not, fixed states never', () => {
    const cols = structuredClone(columns);
    const asOf = dayFromIso('2019-09-12');
    const inProgress = cols.tables.state.indexOf('in_progress');
    const awaiting = cols.tables.state.indexOf('awaiting_recheck');
    const closed = cols.tables.state.indexOf('closed');
    const cases = [
      { state: inProgress, deadline: asOf - 1, overdue: true },
      { state: inProgress, deadline: asOf, overdue: false },
      { state: inProgress, deadline: 0, overdue: false },
      { state: awaiting, deadline: asOf - 10, overdue: false },
      { state: closed, deadline: asOf - 10, overdue: false },
    ];
    cases.forEach((c, k) => {
      cols.state[k] = c.state;
      cols.deadline[k] = c.deadline;
      cols.found[k] = asOf - 20;
    });
    const p = prepareDefects(defectTableFromColumns(cols), campaign);
    const sel = new Set(selectDefects(p, { overdueOnly: true }, { asOfDate: '2019-09-12' }).indexes);
    cases.forEach((c, k) => expect(sel.has(k), JSON.stringify(c)).toBe(c.overdue));
    // Moving "today" back makes the first case on time again.
    const earlier = new Set(selectDefects(p, { overdueOnly: true }, { asOfDate: '2019-09-10' }).indexes);
    expect(earlier.has(0)).toBe(false);
  });

  it('treats exactly N days since the last inspection as recent, never inspected and N+1 days as stale', () => {
    const cols = structuredClone(columns);
    const asOf = dayFromIso(campaign.asOfDate);
    const last = new Int32Array(cols.tables.object.length).fill(asOf);
    [asOf - 14, asOf - 15, NO_DAY].forEach((day, o) => {
      last[o] = day;
      cols.object[o] = o;
      cols.found[o] = asOf - 30;
    });
    cols.object[3] = -1;
    cols.found[3] = asOf - 30;
    const p = prepareDefects(defectTableFromColumns(cols), campaign);
    const sel = new Set(selectDefects(p, { staleDays: 14 }, { objectLastDay: last }).indexes);
    expect([0, 1, 2, 3].map((d) => sel.has(d))).toEqual([false, true, true, false]);
  });

  it('rejects an unknown code and a stale filter without inspection days', () => {
    expect(() => selectDefects(prepared, { taskForces: ['TF10'] })).toThrow('filter.taskForces: unknown code "TF10"');
    expect(() => selectDefects(prepared, { staleDays: 7 })).toThrow('filter.staleDays needs options.objectLastDay');
  });
});

describe('objectLastDays', () => {
  it('maps dates to day numbers and null or missing to NO_DAY', () => {
    const days = objectLastDays(['a', 'b', 'c'], (id) => ({ a: '2019-09-12', b: null })[id]);
    expect(Array.from(days)).toEqual([dayFromIso('2019-09-12'), NO_DAY, NO_DAY]);
  });
});
