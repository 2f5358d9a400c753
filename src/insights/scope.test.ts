import { describe, expect, it } from 'vitest';
import type { LineString, Point } from 'geojson';
import type { LngLat } from '../campaign/types';
import { dayFromIso } from '../campaign/dates';
import type { DefectColumns, StreetFC } from '../dataset/types';
import { objectLastDays } from '../defects/select';
import { prepareDefects } from '../defects/prepare';
import { rollUpRows } from '../defects/rollup-rows';
import { defectTableFromColumns } from '../defects/table';
import { campaign, emptyInput, fc, feat, obj } from '../geo/__fixtures__/build';
import { computeEngine } from '../geo/engine';
import { destination } from '../geo/geodesy';
import type { EngineResult } from '../geo/types';
import { columns, type Row } from './__fixtures__/defects';
import { rankStreets, rankZones } from './ranking';
import { scopeFigures } from './scope';

const A: LngLat = [122.1, 30.02];
const B: LngLat = destination(A, 3000, 90);
const pt = (c: LngLat): Point => ({ type: 'Point', coordinates: c });
const line = (cs: LngLat[]): LineString => ({ type: 'LineString', coordinates: cs });
const AS_OF = '2019-09-12';

// Two communities (R300 zones), compounds in both, a street through C1's zone; TF1 and TF2 defects mixed so that
// the TF2 filter turns the ranking around (C1 leads on all defects, C2 on TF2's).
const rows: Row[] = [
  { taskForce: 'TF1', object: 'K1', state: 'in_progress', found: '2019-08-20', deadline: '2019-09-01' },
  { taskForce: 'TF1', object: 'K1', state: 'assigned', found: '2019-08-21', deadline: '2019-09-02' },
  { taskForce: 'TF1', object: 'K1', state: 'reopened', found: '2019-09-01', deadline: '2019-09-20' },
  { taskForce: 'TF1', object: 'S1', state: 'assigned', found: '2019-08-22', deadline: '2019-09-03' },
  { taskForce: 'TF2', object: 'K1', state: 'closed', found: '2019-08-10', deadline: '2019-08-20' },
  { taskForce: 'TF2', object: 'K2', state: 'assigned', found: '2019-08-25', deadline: '2019-09-05' },
  { taskForce: 'TF2', object: 'K2', state: 'reopened', found: '2019-09-02', deadline: '2019-09-20' },
  { taskForce: 'TF2', object: 'K3', state: 'awaiting_recheck', found: '2019-08-25', deadline: '2019-09-01' },
  { taskForce: 'TF2', object: 'S1', state: 'reported', found: '2019-09-10' },
  // Found after the as-of date: in no figure.
  { taskForce: 'TF2', object: 'K2', state: 'reported', found: '2019-09-20', deadline: '2019-09-25' },
];
const defects = columns(rows);
const streets = fc([
  feat(line([destination(A, 150, 270), destination(A, 150, 90)]), obj('S1', { streetClass: 'main', onRoute: true })),
]) as StreetFC;
const input = (d: DefectColumns) =>
  emptyInput({
    communities: fc([feat(pt(A), obj('C1')), feat(pt(B), obj('C2'))]),
    compounds: fc([
      feat(pt(destination(A, 100, 0)), obj('K1', { lastInspected: '2019-09-10' })),
      feat(pt(destination(B, 100, 0)), obj('K2', { lastInspected: '2019-09-10' })),
      feat(pt(destination(B, 120, 180)), obj('K3')),
      feat(pt(destination(B, 200, 90)), obj('K4', { lastInspected: '2019-07-01' })),
    ]),
    streets,
    defects: d,
  });
const result = computeEngine(input(defects));

/** The scope of `keep` rows as the defects worker builds it. */
function scopeOf(r: EngineResult, keep: (row: Row) => boolean) {
  const prepared = prepareDefects(defectTableFromColumns(defects), campaign);
  const lastDay = objectLastDays(defects.tables.object, (id) => r.status[id]?.lastInspected ?? null);
  const selected = Uint32Array.from(rows.flatMap((row, k) => (keep(row) ? [k] : [])));
  const rollup = rollUpRows(prepared, selected, lastDay, dayFromIso(AS_OF));
  return scopeFigures(r, { objectIds: defects.tables.object, rollup }, campaign.priority.weights);
}

/** Only the rows `keep` passes, as their own columns (the engine then rolls up just those). */
function subset(keep: (row: Row) => boolean): DefectColumns {
  return columns(rows.filter(keep));
}

const zoneFiguresOf = (r: EngineResult) =>
  new Map(r.rules.flatMap((rule) => rule.zoneFigures.map((f) => [f.zoneId, f])));

describe('scopeFigures', () => {
  it('with every defect selected gives back the engine’s zone figures and states', () => {
    const scoped = scopeOf(result, () => true);
    expect(new Map(scoped.zoneFigures)).toEqual(zoneFiguresOf(result));
    expect(scoped.status).toEqual(result.status);
  });

  it('counts only the selected defects: zone and object counts equal the engine run on those defects alone', () => {
    const tf2 = (row: Row) => row.taskForce === 'TF2';
    const scoped = scopeOf(result, tf2);
    const alone = computeEngine(input(subset(tf2)));
    const defectFields = ['openDefects', 'overdue', 'reopened', 'closed', 'openByState', 'verifiedShare'] as const;
    let zones = 0;
    for (const [zoneId, want] of zoneFiguresOf(alone)) {
      const got = scoped.zoneFigures.get(zoneId)!;
      for (const k of defectFields) expect([zoneId, k, got[k]]).toEqual([zoneId, k, want[k]]);
      expect(got.priorityUnits).toBe(want.priorityUnits);
      zones++;
    }
    expect(zones).toBeGreaterThan(1);
    for (const id of ['K1', 'K2', 'K3', 'K4', 'S1']) {
      const { openDefects, overdue, reopened } = scoped.status[id];
      expect([id, openDefects, overdue, reopened]).toEqual([
        id,
        alone.status[id].openDefects,
        alone.status[id].overdue,
        alone.status[id].reopened,
      ]);
    }
    // K1 keeps only a closed TF2 defect: clean, no longer overdue.
    expect(result.status.K1.state).toBe('overdue');
    expect(scoped.status.K1.state).toBe('clean');
  });

  it('keeps stale and never-inspected from the engine: a visit is an inspection whatever it was for', () => {
    const scoped = scopeOf(result, (row) => row.taskForce === 'TF2');
    for (const [zoneId, base] of zoneFiguresOf(result)) {
      const got = scoped.zoneFigures.get(zoneId)!;
      expect([got.stale, got.neverInspected, got.objects]).toEqual([base.stale, base.neverInspected, base.objects]);
    }
    expect(scoped.status.K4).toEqual(result.status.K4);
  });

  it('re-ranks zones and streets on the selected defects', () => {
    const all = rankZones(result, { ruleIds: ['R300'] });
    const tf2 = rankZones(result, { ruleIds: ['R300'], scoped: scopeOf(result, (row) => row.taskForce === 'TF2') });
    expect(all.map((z) => z.zone.id)).toEqual(['R300:C1', 'R300:C2']);
    expect(tf2.map((z) => z.zone.id)).toEqual(['R300:C2', 'R300:C1']);
    const c2 = tf2[0];
    const w = campaign.priority.weights;
    expect(c2.reasons.find((r) => r.term === 'overdue')).toEqual({
      term: 'overdue',
      count: 1,
      weight: w.overdue,
      points: w.overdue,
    });

    const street = (scoped?: ReturnType<typeof scopeOf>) =>
      rankStreets(result, campaign, streets, { scoped }).find((s) => s.streetId === 'S1')!;
    expect(street().status.overdue).toBe(1);
    const tf2Street = street(scopeOf(result, (row) => row.taskForce === 'TF2'));
    expect([tf2Street.status.openDefects, tf2Street.status.overdue]).toEqual([1, 0]);
    expect(tf2Street.priority).toBeLessThan(street().priority);
  });

  it('refuses a roll-up whose objects are not the given ids', () => {
    const prepared = prepareDefects(defectTableFromColumns(defects), campaign);
    const lastDay = objectLastDays(defects.tables.object, () => null);
    const rollup = rollUpRows(prepared, new Uint32Array([0]), lastDay, dayFromIso(AS_OF));
    expect(() => scopeFigures(result, { objectIds: ['K1'], rollup }, campaign.priority.weights)).toThrow(
      'roll-up has 4 objects, expected one per object id (1)',
    );
  });
});
