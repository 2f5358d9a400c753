/**
 * Clustered defect markers for one map view, built from a selection (select.ts) on every filter or camera change.
 *
 * Design (measured in scripts/bench/defects.bench.ts): supercluster over all selected points costs seconds at 1M
 * and its hierarchy depends on which points are selected, so no index built in advance survives a filter change.
 * Pre-built indexes per task force (or task force × state) only cover those two filters and give overlapping
 * clusters that must be merged again. Instead each query
 * 1. takes the selected points inside the view's region (the bbox padded by two cluster radii and snapped out to
 *    the zoom's tile grid, so panning within a tile does not reshuffle clusters at the edges),
 * 2. pre-aggregates them into square cells of `cellPx` pixels at the query zoom with a typed-array hash
 *    (count, summed Mercator position, counts per state and task force, overdue count per cell): one pass over
 *    the selected indexes, no objects per point,
 * 3. runs supercluster on the cells for that one zoom (a few thousand cells, not a million points), and
 * 4. sums the cell statistics per supercluster group: position is the weighted centroid of the member defects,
 *    and a group of one defect becomes a single marker.
 * A cell is never split, so cells are kept well under the cluster radius (4 px against 50 px by default); the
 * grouping is then supercluster's greedy radius clustering of that one zoom up to the cell snap (the tests check
 * it against supercluster on the raw points). Each zoom is clustered on its own rather than from the clusters of
 * the zoom above as supercluster's full hierarchy does, so at mid zooms there are somewhat more markers (28
 * rather than 18 at zoom 11 on two synthetic districts) and "click to expand" asks `clusterExpansionZoom`. Groups with no defect inside
 * the bbox itself are dropped, so every selected defect in the bbox is in exactly one returned feature.
 * Above `maxZoom` nothing clusters: each selected defect in the bbox is its own marker.
 *
 * Cluster ids are group numbers of one view: `clusterExpansionZoom` and `clusterLeaves` take the view they came
 * from (the worker keeps the latest one).
 */
import Supercluster from 'supercluster';
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { BBox } from '../campaign/types';
import { latY, lngX, overdueAt, xLng, yLat, type PreparedDefects } from './prepare';
import type { Selection } from './select';

export interface ClusterOptions {
  /** Cluster radius in pixels of a 512-px tile (MapLibre's `clusterRadius` default). */
  radiusPx?: number;
  /** Highest zoom that still clusters; above it every defect is a single marker. */
  maxZoom?: number;
  /** Side of the pre-aggregation cells, pixels at the query zoom; small against radiusPx keeps clusters true. */
  cellPx?: number;
}

const DEFAULTS: Required<ClusterOptions> = { radiusPx: 50, maxZoom: 16, cellPx: 4 };
/** The default `maxZoom`: from this zoom on a cluster click lists the defects instead of flying in. */
export const CLUSTER_MAX_ZOOM = DEFAULTS.maxZoom;
/** Tile size the radius is measured against (MapLibre's 512-px tiles, supercluster's `extent`). */
const EXTENT = 512;

/** Properties of a cluster marker. `s_<state>` and `tf_<task force>` hold counts for every code of the table. */
export interface DefectClusterProps {
  cluster: true;
  cluster_id: number;
  point_count: number;
  point_count_abbreviated: string | number;
  overdue: number;
  [count: `s_${string}` | `tf_${string}`]: number;
}

/** Properties of a single defect marker; `index` is the defect's row in the table (its id: `columns.id.at(index)`). */
export interface DefectPointProps {
  cluster: false;
  index: number;
  state: string;
  taskForce: string;
  /** 1 when overdue at the selection's as-of date, else 0 (numeric like the clusters' count). */
  overdue: number;
}

export type DefectMarkerProps = DefectClusterProps | DefectPointProps;

export interface ViewQuery {
  /** `[west, south, east, north]`, WGS-84; must not cross the antimeridian. */
  bbox: BBox;
  /** Map zoom; fractional zooms cluster at their integer part, as MapLibre's clustered sources do. */
  zoom: number;
}

export interface ClusterView {
  /** The integer zoom the clusters were made for. */
  zoom: number;
  bbox: BBox;
  /** Ready for `map.getSource(id).setData(...)`. */
  collection: FeatureCollection<Point, DefectMarkerProps>;
  /** Selected defects inside the bbox (each is in exactly one feature). */
  inView: number;
  /** Internals for `clusterExpansionZoom` and `clusterLeaves`. */
  groups: Grouping | null;
  prepared: PreparedDefects;
  asOfDay: number;
  options: Required<ClusterOptions>;
}

/**
 * Markers for a view: clusters with their state and task-force mix, and single defects at street level.
 *
 * @example const view = clusterView(prepared, selection, { bbox: map.getBounds().toArray().flat(), zoom: map.getZoom() });
 */
export function clusterView(
  prepared: PreparedDefects,
  selection: Selection,
  query: ViewQuery,
  options: ClusterOptions = {},
): ClusterView {
  const opts = { ...DEFAULTS, ...options };
  checkOptions(opts);
  const [west, south, east, north] = query.bbox;
  if (!(west <= east && south <= north))
    throw new Error(
      `bbox must be [west, south, east, north] with west ≤ east and south ≤ north, got [${query.bbox.join(', ')}]`,
    );
  if (!Number.isFinite(query.zoom) || query.zoom < 0)
    throw new Error(`zoom must be a non-negative number, got ${query.zoom}`);
  const zoom = Math.floor(query.zoom);
  const view: Rect = [lngX(west), latY(north), lngX(east), latY(south)];
  const base = { zoom, bbox: query.bbox, prepared, asOfDay: selection.asOfDay, options: opts };

  if (zoom > opts.maxZoom) {
    const features: Feature<Point, DefectMarkerProps>[] = [];
    const { merc } = prepared;
    for (const d of selection.indexes) {
      const x = merc[2 * d];
      const y = merc[2 * d + 1];
      if (x >= view[0] && x <= view[2] && y >= view[1] && y <= view[3])
        features.push(singleFeature(prepared, d, selection.asOfDay));
    }
    return { ...base, collection: { type: 'FeatureCollection', features }, inView: features.length, groups: null };
  }

  const tiles = 2 ** zoom;
  const pad = (2 * opts.radiusPx) / (EXTENT * tiles);
  const region: Rect = [
    Math.floor((view[0] - pad) * tiles) / tiles,
    Math.floor((view[1] - pad) * tiles) / tiles,
    Math.ceil((view[2] + pad) * tiles) / tiles,
    Math.ceil((view[3] + pad) * tiles) / tiles,
  ];
  const groups = groupPoints(prepared, selection.indexes, selection.asOfDay, zoom, region, view, opts);
  const features: Feature<Point, DefectMarkerProps>[] = [];
  let inView = 0;
  for (let g = 0; g < groups.count; g++) {
    if (groups.inView[g] === 0) continue;
    inView += groups.inView[g];
    features.push(groupFeature(prepared, groups, g, selection.asOfDay));
  }
  return { ...base, collection: { type: 'FeatureCollection', features }, inView, groups };
}

/**
 * The zoom at which a cluster of `view` falls apart into more than one marker (for "click to zoom in"), or
 * `maxZoom + 1` when its defects share one spot and only the unclustered zooms show them apart.
 */
export function clusterExpansionZoom(view: ClusterView, clusterId: number): number {
  const members = clusterLeaves(view, clusterId);
  const { prepared, options } = view;
  const { merc } = prepared;
  const extent: Rect = [Infinity, Infinity, -Infinity, -Infinity];
  for (const d of members) {
    extent[0] = Math.min(extent[0], merc[2 * d]);
    extent[1] = Math.min(extent[1], merc[2 * d + 1]);
    extent[2] = Math.max(extent[2], merc[2 * d]);
    extent[3] = Math.max(extent[3], merc[2 * d + 1]);
  }
  for (let z = view.zoom + 1; z <= options.maxZoom; z++) {
    if (groupPoints(prepared, members, view.asOfDay, z, extent, null, options).count > 1) return z;
  }
  return options.maxZoom + 1;
}

/**
 * Defect indexes of a cluster of `view`, ascending; `offset`/`limit` page through them (a details list).
 * Throws for an id that is not a cluster of this view.
 */
export function clusterLeaves(
  view: ClusterView,
  clusterId: number,
  { limit = Infinity, offset = 0 } = {},
): Uint32Array {
  const groups = view.groups;
  if (
    !groups ||
    !Number.isInteger(clusterId) ||
    clusterId < 0 ||
    clusterId >= groups.count ||
    groups.n[clusterId] < 2
  ) {
    throw new Error(`no cluster ${clusterId} in this view (zoom ${view.zoom})`);
  }
  const members = new Uint32Array(groups.n[clusterId]);
  let k = 0;
  for (let r = 0; r < groups.points.length; r++) {
    if (groups.groupOfCell[groups.pointCell[r]] === clusterId) members[k++] = groups.points[r];
  }
  members.sort();
  return members.slice(offset, Math.min(members.length, offset + limit));
}

/** `[x0, y0, x1, y1]` in Web-Mercator [0, 1] units, y growing south. */
type Rect = [number, number, number, number];

/** Points of a region grouped into markers: per cell and per group statistics in flat typed arrays. */
export interface Grouping {
  /** Defect indexes of the region's selected points, and the cell of each. */
  points: Uint32Array;
  pointCell: Int32Array;
  /** Group of each cell. */
  groupOfCell: Int32Array;
  count: number;
  /** Per group: defects, defects inside the view, Mercator sums, overdue, one defect of it. */
  n: Uint32Array;
  inView: Uint32Array;
  sx: Float64Array;
  sy: Float64Array;
  overdue: Uint32Array;
  first: Uint32Array;
  /** Per group, strided by the state and task-force table lengths. */
  states: Uint32Array;
  taskForces: Uint32Array;
}

function groupPoints(
  prepared: PreparedDefects,
  indexes: Uint32Array,
  asOfDay: number,
  zoom: number,
  region: Rect,
  view: Rect | null,
  opts: Required<ClusterOptions>,
): Grouping {
  const { merc, table } = prepared;
  const nStates = table.tables.state.length;
  const nTf = table.tables.taskForce.length;
  const inv = (EXTENT * 2 ** zoom) / opts.cellPx;
  const cells = new CellTable(nStates, nTf);
  const points = new Uint32Array(indexes.length);
  const pointCell = new Int32Array(indexes.length);
  const { state, taskForce } = table;
  const [rx0, ry0, rx1, ry1] = region;
  let inRegion = 0;
  let lastCx = -1;
  let lastCy = -1;
  let lastCell = -1;
  for (let k = 0; k < indexes.length; k++) {
    const d = indexes[k];
    const x = merc[2 * d];
    const y = merc[2 * d + 1];
    if (x < rx0 || x > rx1 || y < ry0 || y > ry1) continue;
    const cx = Math.floor(x * inv);
    const cy = Math.floor(y * inv);
    const cell = cx === lastCx && cy === lastCy ? lastCell : cells.slot(cx, cy, d);
    lastCx = cx;
    lastCy = cy;
    lastCell = cell;
    points[inRegion] = d;
    pointCell[inRegion++] = cell;
    const inside = view === null || (x >= view[0] && x <= view[2] && y >= view[1] && y <= view[3]) ? 1 : 0;
    cells.add(cell, x, y, state[d], taskForce[d], overdueAt(prepared, d, asOfDay) ? 1 : 0, inside);
  }

  // One zoom of supercluster over the cells, each at the centroid of its defects.
  const cellFeatures: Feature<Point, { c: number }>[] = new Array(cells.count);
  for (let c = 0; c < cells.count; c++) {
    const coordinates = [xLng(cells.sx[c] / cells.n[c]), yLat(cells.sy[c] / cells.n[c])];
    cellFeatures[c] = { type: 'Feature', properties: { c }, geometry: { type: 'Point', coordinates } };
  }
  const index = new Supercluster<{ c: number }>({
    radius: opts.radiusPx,
    extent: EXTENT,
    minZoom: zoom,
    maxZoom: zoom,
  }).load(cellFeatures);
  const found = index.getClusters([-180, -90, 180, 90], zoom);
  const groupOfCell = new Int32Array(cells.count).fill(-1);
  found.forEach((f, g) => {
    const props = f.properties;
    if ('cluster' in props && props.cluster) {
      for (const leaf of index.getLeaves(props.cluster_id, Infinity)) groupOfCell[leaf.properties.c] = g;
    } else groupOfCell[(props as { c: number }).c] = g;
  });

  const count = found.length;
  const out: Grouping = {
    points: points.subarray(0, inRegion),
    pointCell: pointCell.subarray(0, inRegion),
    groupOfCell,
    count,
    n: new Uint32Array(count),
    inView: new Uint32Array(count),
    sx: new Float64Array(count),
    sy: new Float64Array(count),
    overdue: new Uint32Array(count),
    first: new Uint32Array(count),
    states: new Uint32Array(count * nStates),
    taskForces: new Uint32Array(count * nTf),
  };
  for (let c = 0; c < cells.count; c++) {
    const g = groupOfCell[c];
    if (g < 0) throw new Error(`cell ${c} was not placed in any cluster (supercluster lost a point)`);
    if (out.n[g] === 0) out.first[g] = cells.first[c];
    out.n[g] += cells.n[c];
    out.inView[g] += cells.inView[c];
    out.sx[g] += cells.sx[c];
    out.sy[g] += cells.sy[c];
    out.overdue[g] += cells.overdue[c];
    for (let s = 0; s < nStates; s++) out.states[g * nStates + s] += cells.states[c * nStates + s];
    for (let t = 0; t < nTf; t++) out.taskForces[g * nTf + t] += cells.taskForces[c * nTf + t];
  }
  return out;
}

function groupFeature(
  prepared: PreparedDefects,
  groups: Grouping,
  g: number,
  asOfDay: number,
): Feature<Point, DefectMarkerProps> {
  const n = groups.n[g];
  if (n === 1) return singleFeature(prepared, groups.first[g], asOfDay);
  const { tables } = prepared.table;
  const props = {
    cluster: true,
    cluster_id: g,
    point_count: n,
    point_count_abbreviated: n >= 10000 ? `${Math.round(n / 1000)}k` : n >= 1000 ? `${Math.round(n / 100) / 10}k` : n,
    overdue: groups.overdue[g],
  } as DefectClusterProps;
  tables.state.forEach((code, s) => (props[`s_${code}`] = groups.states[g * tables.state.length + s]));
  tables.taskForce.forEach((code, t) => (props[`tf_${code}`] = groups.taskForces[g * tables.taskForce.length + t]));
  const coordinates = [xLng(groups.sx[g] / n), yLat(groups.sy[g] / n)];
  return { type: 'Feature', properties: props, geometry: { type: 'Point', coordinates } };
}

function singleFeature(prepared: PreparedDefects, d: number, asOfDay: number): Feature<Point, DefectPointProps> {
  const { table } = prepared;
  return {
    type: 'Feature',
    properties: {
      cluster: false,
      index: d,
      state: table.tables.state[table.state[d]],
      taskForce: table.tables.taskForce[table.taskForce[d]],
      overdue: overdueAt(prepared, d, asOfDay) ? 1 : 0,
    },
    geometry: { type: 'Point', coordinates: [table.coords[2 * d], table.coords[2 * d + 1]] },
  };
}

function checkOptions(opts: Required<ClusterOptions>): void {
  if (!(opts.radiusPx > 0)) throw new Error(`radiusPx must be a positive number, got ${opts.radiusPx}`);
  if (!(opts.cellPx > 0 && opts.cellPx <= opts.radiusPx))
    throw new Error(`cellPx must be positive and at most radiusPx, got ${opts.cellPx}`);
  if (!(Number.isInteger(opts.maxZoom) && opts.maxZoom >= 0 && opts.maxZoom <= 24))
    throw new Error(`maxZoom must be a whole zoom 0…24, got ${opts.maxZoom}`);
}

/**
 * Cells keyed by integer (cx, cy), open addressing with linear probing, statistics in growable typed arrays.
 * A Map keyed by cell costs several times more per point at 1M points.
 */
class CellTable {
  count = 0;
  private capacity = 1024;
  private keysX = new Int32Array(this.capacity);
  private keysY = new Int32Array(this.capacity);
  private slots = new Int32Array(this.capacity).fill(-1);
  n = new Uint32Array(this.capacity);
  inView = new Uint32Array(this.capacity);
  sx = new Float64Array(this.capacity);
  sy = new Float64Array(this.capacity);
  overdue = new Uint32Array(this.capacity);
  first = new Uint32Array(this.capacity);
  states: Uint32Array;
  taskForces: Uint32Array;

  constructor(
    private nStates: number,
    private nTf: number,
  ) {
    this.states = new Uint32Array(this.capacity * nStates);
    this.taskForces = new Uint32Array(this.capacity * nTf);
  }

  /** The cell of (cx, cy), created with `d` as its first defect when new. */
  slot(cx: number, cy: number, d: number): number {
    const mask = this.capacity - 1;
    let h = (Math.imul(cx, 0x9e3779b1) ^ Math.imul(cy, 0x85ebca77)) & mask;
    for (;;) {
      const s = this.slots[h];
      if (s < 0) break;
      if (this.keysX[s] === cx && this.keysY[s] === cy) return s;
      h = (h + 1) & mask;
    }
    const s = this.count++;
    this.slots[h] = s;
    this.keysX[s] = cx;
    this.keysY[s] = cy;
    this.first[s] = d;
    if (this.count * 2 > this.capacity) this.grow();
    return s;
  }

  add(cell: number, x: number, y: number, state: number, taskForce: number, overdue: number, inView: number): void {
    this.n[cell]++;
    this.sx[cell] += x;
    this.sy[cell] += y;
    this.states[cell * this.nStates + state]++;
    this.taskForces[cell * this.nTf + taskForce]++;
    this.overdue[cell] += overdue;
    this.inView[cell] += inView;
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    const grown = <T extends Uint32Array | Int32Array | Float64Array>(a: T, stride = 1): T => {
      const b = new (a.constructor as new (n: number) => T)(capacity * stride);
      b.set(a);
      return b;
    };
    this.keysX = grown(this.keysX);
    this.keysY = grown(this.keysY);
    this.n = grown(this.n);
    this.inView = grown(this.inView);
    this.sx = grown(this.sx);
    this.sy = grown(this.sy);
    this.overdue = grown(this.overdue);
    this.first = grown(this.first);
    this.states = grown(this.states, this.nStates);
    this.taskForces = grown(this.taskForces, this.nTf);
    this.capacity = capacity;
    const mask = capacity - 1;
    this.slots = new Int32Array(capacity).fill(-1);
    for (let s = 0; s < this.count; s++) {
      let h = (Math.imul(this.keysX[s], 0x9e3779b1) ^ Math.imul(this.keysY[s], 0x85ebca77)) & mask;
      while (this.slots[h] >= 0) h = (h + 1) & mask;
      this.slots[h] = s;
    }
  }
}
