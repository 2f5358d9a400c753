import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BBox, Campaign } from '../campaign/types';
import type { DefectClusterProps } from './cluster';
import { createDefectSession } from './session';
import { syntheticDefects } from './synthetic';
import { defectTableFromColumns } from './table';

const campaign = JSON.parse(readFileSync(new URL('../../data/campaign.json', import.meta.url), 'utf8')) as Campaign;
const { columns, objectLastDay } = syntheticDefects(campaign, { count: 3000, seed: 4 });
const WORLD: BBox = [-180, -85, 180, 85];

describe('createDefectSession', () => {
  it('inspector journey: filter to one task force and one state, expand a cluster, open a defect', () => {
    const session = createDefectSession(defectTableFromColumns(columns), campaign);
    const all = session.view({ bbox: WORLD, zoom: 10 });
    expect(all.inView).toBe(session.prepared.table.count - countFoundAfterAsOf());

    const selection = session.setFilter({ taskForces: ['TF2'], states: ['assigned'] }, { objectLastDay });
    const view = session.view({ bbox: WORLD, zoom: 12 });
    expect(view.inView).toBe(selection.indexes.length);
    const cluster = view.collection.features.find((f) => f.properties.cluster);
    expect(cluster).toBeDefined();
    const id = (cluster!.properties as DefectClusterProps).cluster_id;
    const zoom = session.expansionZoom(id);
    expect(zoom).toBeGreaterThan(12);
    const [first] = session.leaves(id, { limit: 1 });
    expect(columns.tables.taskForce[columns.taskForce[first]]).toBe('TF2');
    expect(columns.tables.state[columns.state[first]]).toBe('assigned');
    expect(columns.id[first]).toBe(`D${first}`);
  });

  it('forgets the view on a filter change, so an old cluster id cannot answer for the new selection', () => {
    const session = createDefectSession(defectTableFromColumns(columns), campaign);
    session.view({ bbox: WORLD, zoom: 10 });
    session.setFilter({ overdueOnly: true });
    expect(() => session.leaves(0)).toThrow('no view yet');
  });

  it('keeps the view when the filter comes again with last-inspection days: same defects, new stale count', () => {
    const session = createDefectSession(defectTableFromColumns(columns), campaign);
    const before = session.setFilter({ taskForces: ['TF2'] });
    const view = session.view({ bbox: WORLD, zoom: 10 });
    const cluster = view.collection.features.find((f) => f.properties.cluster)!;
    const id = (cluster.properties as DefectClusterProps).cluster_id;
    const leaves = session.leaves(id);

    const after = session.setFilter({ taskForces: ['TF2'] }, { objectLastDay });
    expect(after.indexes).toEqual(before.indexes);
    expect(after.facets.stale).toBeGreaterThan(0);
    expect(before.facets.stale).toBeNull();
    // The cluster on screen still expands, and the same place gives the same markers.
    expect(session.leaves(id)).toEqual(leaves);
    expect(session.view({ bbox: WORLD, zoom: 10.6 }).collection).toEqual(view.collection);
    // Another date is another selection: the old cluster ids no longer answer.
    session.setFilter({ taskForces: ['TF2'] }, { objectLastDay, asOfDate: '2019-09-01' });
    expect(() => session.leaves(id)).toThrow('no view yet');
  });
});

function countFoundAfterAsOf(): number {
  const asOf = Date.parse(`${campaign.asOfDate}T00:00:00Z`) / 86400000;
  return columns.found.filter((d) => d > asOf).length;
}
