import { readFileSync } from 'node:fs';
import Supercluster from 'supercluster';
import { describe, expect, it } from 'vitest';
import type { BBox, Campaign } from '../campaign/types';
import { mulberry32 } from '../geo/prng';
import {
  clusterExpansionZoom,
  clusterLeaves,
  clusterView,
  type ClusterView,
  type DefectClusterProps,
  type DefectPointProps,
} from './cluster';
import { prepareDefects } from './prepare';
import { selectDefects } from './select';
import { syntheticDefects } from './synthetic';
import { defectTableFromColumns } from './table';

const campaign = JSON.parse(readFileSync(new URL('../../data/campaign.json', import.meta.url), 'utf8')) as Campaign;
const { columns } = syntheticDefects(campaign, { count: 6000, tiles: 3, seed: 11 });
const prepared = prepareDefects(defectTableFromColumns(columns), campaign);
const all = selectDefects(prepared, {});
const WORLD: BBox = [-180, -85, 180, 85];
const states = columns.tables.state;
const taskForces = columns.tables.taskForce;

function clustersOf(view: ClusterView) {
  return view.collection.features.filter((f) => f.properties.cluster) as {
    properties: DefectClusterProps;
    geometry: { coordinates: number[] };
  }[];
}

/** Every defect a feature stands for: a cluster's leaves or the single marker's index. */
function members(view: ClusterView): number[] {
  return view.collection.features.flatMap((f) =>
    f.properties.cluster
      ? Array.from(clusterLeaves(view, f.properties.cluster_id))
      : [(f.properties as DefectPointProps).index],
  );
}

function inBox(d: number, [w, s, e, n]: BBox): boolean {
  const lng = columns.coords[2 * d];
  const lat = columns.coords[2 * d + 1];
  return lng >= w && lng <= e && lat >= s && lat <= n;
}

describe('clusterView', () => {
  it('accounts for every selected defect exactly once over the whole world, at every zoom', () => {
    const selection = selectDefects(prepared, {
      taskForces: ['TF1', 'TF4', 'TF5'],
      states: ['reported', 'assigned', 'in_progress'],
    });
    expect(selection.indexes.length).toBeGreaterThan(500);
    for (let zoom = 0; zoom <= 18; zoom++) {
      const view = clusterView(prepared, selection, { bbox: WORLD, zoom });
      const total = view.collection.features.reduce(
        (n, f) => n + (f.properties.cluster ? f.properties.point_count : 1),
        0,
      );
      expect(total, `zoom ${zoom}`).toBe(selection.indexes.length);
      expect(view.inView).toBe(selection.indexes.length);
      expect(
        members(view).sort((a, b) => a - b),
        `zoom ${zoom}`,
      ).toEqual(Array.from(selection.indexes));
    }
  });

  it('in any bbox, covers each selected defect inside it exactly once, and only selected defects', () => {
    const rnd = mulberry32(5);
    const selection = selectDefects(prepared, { states: ['reported', 'reopened', 'assigned'] });
    const selected = new Set(selection.indexes);
    for (let k = 0; k < 40; k++) {
      const zoom = Math.floor(rnd() * 17);
      const w = 121.5 + rnd() * 1.2;
      const s = 28.4 + rnd() * 0.2;
      const bbox: BBox = [w, s, w + 0.01 + rnd() * (4 / 2 ** (zoom / 2)), s + 0.01 + rnd() * (3 / 2 ** (zoom / 2))];
      const view = clusterView(prepared, selection, { bbox, zoom: zoom + rnd() });
      const covered = members(view);
      expect(new Set(covered).size, 'no defect in two features').toBe(covered.length);
      for (const d of covered) expect(selected.has(d)).toBe(true);
      const coveredSet = new Set(covered);
      const inside = Array.from(selection.indexes).filter((d) => inBox(d, bbox));
      for (const d of inside) expect(coveredSet.has(d), `defect ${d} in ${bbox} at zoom ${zoom}`).toBe(true);
      expect(view.inView).toBe(inside.length);
      // A feature is returned only when some of its defects are in the bbox.
      for (const f of view.collection.features) {
        const ds = f.properties.cluster
          ? Array.from(clusterLeaves(view, f.properties.cluster_id))
          : [(f.properties as DefectPointProps).index];
        expect(ds.some((d) => inBox(d, bbox))).toBe(true);
      }
    }
  });

  it('gives each cluster a state mix and a task-force mix that sum to point_count, and the right overdue count', () => {
    const overdueSet = new Set(selectDefects(prepared, { overdueOnly: true }).indexes);
    for (const zoom of [6, 9, 12]) {
      const view = clusterView(prepared, all, { bbox: WORLD, zoom });
      const clusters = clustersOf(view);
      expect(clusters.length).toBeGreaterThan(0);
      for (const { properties: p } of clusters) {
        const leaves = Array.from(clusterLeaves(view, p.cluster_id));
        expect(states.reduce((n, s) => n + p[`s_${s}`], 0)).toBe(p.point_count);
        expect(taskForces.reduce((n, t) => n + p[`tf_${t}`], 0)).toBe(p.point_count);
        for (const s of states) expect(p[`s_${s}`]).toBe(leaves.filter((d) => states[columns.state[d]] === s).length);
        expect(p.overdue).toBe(leaves.filter((d) => overdueSet.has(d)).length);
      }
    }
  });

  it('puts a cluster at the mean position of its defects', () => {
    const view = clusterView(prepared, all, { bbox: WORLD, zoom: 10 });
    const [c] = clustersOf(view);
    const leaves = Array.from(clusterLeaves(view, c.properties.cluster_id));
    const meanLng = leaves.reduce((a, d) => a + columns.coords[2 * d], 0) / leaves.length;
    expect(c.geometry.coordinates[0]).toBeCloseTo(meanLng, 6);
  });

  it('marks single defects with their index, state, task force and overdue flag', () => {
    const selection = selectDefects(prepared, { overdueOnly: true });
    const view = clusterView(prepared, selection, { bbox: WORLD, zoom: 17 });
    expect(view.collection.features.length).toBe(selection.indexes.length);
    for (const f of view.collection.features.slice(0, 50)) {
      const p = f.properties as DefectPointProps;
      expect(p.cluster).toBe(false);
      expect(p.overdue).toBe(1);
      expect(p.state).toBe(states[columns.state[p.index]]);
      expect(p.taskForce).toBe(taskForces[columns.taskForce[p.index]]);
      expect(f.geometry.coordinates).toEqual([columns.coords[2 * p.index], columns.coords[2 * p.index + 1]]);
    }
  });

  it('clusters fewer markers at lower zooms', () => {
    const counts = [4, 8, 12, 16].map(
      (zoom) => clusterView(prepared, all, { bbox: WORLD, zoom }).collection.features.length,
    );
    for (let k = 1; k < counts.length; k++) expect(counts[k]).toBeGreaterThan(counts[k - 1]);
  });

  it('gives the markers of supercluster run on the raw points for that zoom, up to the cell snap', () => {
    const raw = Array.from(all.indexes, (d) => ({
      type: 'Feature' as const,
      properties: {},
      geometry: { type: 'Point' as const, coordinates: [columns.coords[2 * d], columns.coords[2 * d + 1]] },
    }));
    for (const zoom of [6, 9, 11, 13, 15]) {
      const ours = clusterView(prepared, all, { bbox: WORLD, zoom }).collection.features;
      const theirs = new Supercluster({ radius: 50, extent: 512, minZoom: zoom, maxZoom: zoom })
        .load(raw)
        .getClusters(WORLD, zoom).length;
      expect(Math.abs(ours.length - theirs), `zoom ${zoom}: ${ours.length} vs ${theirs}`).toBeLessThanOrEqual(
        Math.max(3, 0.04 * theirs),
      );
      const pts = ours.map((f) => pixel(f.geometry.coordinates, zoom));
      let closest = Infinity;
      for (let i = 0; i < pts.length; i++) {
        for (let j = i + 1; j < pts.length; j++)
          closest = Math.min(closest, Math.hypot(pts[i][0] - pts[j][0], pts[i][1] - pts[j][1]));
      }
      // Greedy radius clustering lets centroids drift closer than the radius, but not on top of each other.
      expect(closest, `zoom ${zoom}`).toBeGreaterThan(12);
    }
  });

  it('expansion zoom: the cluster stays one marker just below it and splits at it', () => {
    const view = clusterView(prepared, all, { bbox: WORLD, zoom: 8 });
    for (const c of clustersOf(view).slice(0, 10)) {
      const id = c.properties.cluster_id;
      const z = clusterExpansionZoom(view, id);
      expect(z).toBeGreaterThan(8);
      const leaves = clusterLeaves(view, id);
      const only = { ...all, indexes: leaves };
      const at = (zoom: number) => clusterView(prepared, only, { bbox: WORLD, zoom }).collection.features.length;
      expect(at(z)).toBeGreaterThan(1);
      if (z - 1 > 8) expect(at(z - 1)).toBe(1);
      // In the full view at that zoom its defects are spread over several markers.
      const full = clusterView(prepared, all, { bbox: WORLD, zoom: z });
      const leafSet = new Set(leaves);
      const holding = full.collection.features.filter((f) =>
        f.properties.cluster
          ? clusterLeaves(full, f.properties.cluster_id).some((d) => leafSet.has(d))
          : leafSet.has((f.properties as DefectPointProps).index),
      );
      expect(holding.length).toBeGreaterThan(1);
    }
  });

  it('expansion zoom is past maxZoom for defects on one spot', () => {
    const cols = structuredClone(columns);
    for (let d = 0; d < 3; d++) [cols.coords[2 * d], cols.coords[2 * d + 1]] = [122.1, 30.0];
    const p = prepareDefects(defectTableFromColumns(cols), campaign);
    const sel = { ...selectDefects(p, {}), indexes: Uint32Array.of(0, 1, 2) };
    const view = clusterView(p, sel, { bbox: WORLD, zoom: 14 }, { maxZoom: 16 });
    const [c] = clustersOf(view);
    expect(c.properties.point_count).toBe(3);
    expect(clusterExpansionZoom(view, c.properties.cluster_id)).toBe(17);
  });

  it('pages through leaves and rejects ids that are not clusters of the view', () => {
    const view = clusterView(prepared, all, { bbox: WORLD, zoom: 5 });
    const [c] = clustersOf(view);
    const leaves = clusterLeaves(view, c.properties.cluster_id);
    expect(Array.from(clusterLeaves(view, c.properties.cluster_id, { offset: 10, limit: 5 }))).toEqual(
      Array.from(leaves.slice(10, 15)),
    );
    expect(() => clusterLeaves(view, 99999)).toThrow('no cluster 99999 in this view (zoom 5)');
  });

  it('returns no features for an empty selection and rejects a bbox across the antimeridian', () => {
    const empty = selectDefects(prepared, { taskForces: ['TF1'], states: ['closed'], foundFrom: '2030-01-01' });
    expect(clusterView(prepared, empty, { bbox: WORLD, zoom: 10 }).collection.features).toEqual([]);
    expect(() => clusterView(prepared, all, { bbox: [170, 0, -170, 10], zoom: 3 })).toThrow('west ≤ east');
  });
});

function pixel([lng, lat]: number[], zoom: number): [number, number] {
  const sin = Math.sin((lat * Math.PI) / 180);
  const scale = 512 * 2 ** zoom;
  return [(lng / 360 + 0.5) * scale, (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * scale];
}
