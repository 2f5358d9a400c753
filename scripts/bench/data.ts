/**
 * Seeded synthetic data for the benchmarks, at a multiple of Dinghai's size, written straight into the engine's
 * flat form (`FlatInput`), so the province-scale run never holds the half gigabyte its GeoJSON would take;
 * `benchGeoJSON` builds GeoJSON features from it for the GeoJSON path and for the naive Turf comparison. One "tile" is a Dinghai-like
 * district: an island about 24 km across with a built-up core (100 communities, 25 markets), 7 town seats near
 * the coast (each with a market), 1 000 compounds (half points, half small polygons), 2 000 street segments
 * (70% back streets), 100 volunteer stations, 100 ad sites and 5 000 defects. Scale k lays k tiles on a grid
 * 0.4° apart, so density stays that of a real district and the province-scale run (k = 100) has 100 000
 * compounds, 200 000 streets and (10 000 defects per tile there) 1 000 000 defects. Everything is synthetic and deterministic per seed.
 */
import type { Feature, Geometry, LineString, Point, Polygon, Position } from 'geojson';
import campaignJson from '../../data/campaign.json';
import type { Campaign, DefectState, LngLat, ObjectKind } from '../../src/campaign/types';
import { dayFromIso, isoFromDay } from '../../src/campaign/dates';
import type { LandFC } from '../../src/dataset/types';
import {
  FlatCollectionBuilder,
  GEOM_LINE,
  GEOM_POINT,
  GEOM_POLYGON,
  type FlatCollection,
  type FlatInput,
} from '../../src/geo/flat';
import { dataKeyOf, OBJECT_KINDS } from '../../src/campaign/object-kinds';
import { circlePolygon, destination } from '../../src/geo/geodesy';
import { mulberry32 } from '../../src/geo/prng';
import { NO_DAY } from '../../src/geo/rollup';
import type { DefectColumnsLike, EngineInput } from '../../src/geo/types';

export const campaign = campaignJson as unknown as Campaign;

const BUILT_UP = ['330902002', '330902003', '330902004', '330902005'];
const RURAL = ['330902007', '330902008', '330902009', '330902010', '330902100', '330902104', '330902105'];
const TILE_COLUMNS = 10;
const TILE_DLNG = 0.4;
const TILE_DLAT = 0.35;
/** Island radius, metres; coast drawn with this many vertices (OSM coastlines are that detailed). */
const ISLAND_RADIUS_M = 12000;
const COAST_VERTICES = 3000;

export interface BenchData {
  input: FlatInput;
  tiles: number;
  /** Per kind, tile t's objects are `tileStart[kind][t] .. tileStart[kind][t+1]-1` (tiles are written in order). */
  tileStart: Record<ObjectKind, Uint32Array>;
}

interface Props {
  id: string;
  subdistrict: string;
  builtUp?: boolean;
  streetClass?: string;
}

export function makeBenchData(scale: number, seed = 20190821): BenchData {
  const rnd = mulberry32(seed);
  const asOf = dayFromIso(campaign.asOfDate);
  const per = { community: 100, market: 32, townSeat: 7, compound: 1000, street: 2000, station: 100, adsite: 100 };
  const builders = Object.fromEntries(
    OBJECT_KINDS.map((kind) => [
      kind,
      new FlatCollectionBuilder(kind, per[kind] * scale, { vertices: 6 * per[kind] * scale }),
    ]),
  ) as Record<ObjectKind, FlatCollectionBuilder>;
  const counts = Object.fromEntries(OBJECT_KINDS.map((kind) => [kind, 0])) as Record<ObjectKind, number>;
  const tileStart = Object.fromEntries(OBJECT_KINDS.map((kind) => [kind, new Uint32Array(scale + 1)])) as Record<
    ObjectKind,
    Uint32Array
  >;
  const land: LandFC = { type: 'FeatureCollection', features: [] };
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const lastInspected = () => (rnd() < 0.25 ? NO_DAY : asOf - Math.floor(rnd() * 40));
  const begin = (kind: ObjectKind, props: Props) => {
    counts[kind]++;
    builders[kind].begin({ ...props, name: props.id, lastInspectedDay: lastInspected() });
  };
  const point = (kind: ObjectKind, at: LngLat, props: Props) => {
    begin(kind, props);
    builders[kind].point(at[0], at[1]);
  };

  for (let t = 0; t < scale; t++) {
    for (const kind of OBJECT_KINDS) tileStart[kind][t] = counts[kind];
    const center: LngLat = [121.6 + (t % TILE_COLUMNS) * TILE_DLNG, 28.5 + Math.floor(t / TILE_COLUMNS) * TILE_DLAT];
    const near = (c: LngLat, maxM: number): LngLat => destination(c, maxM * Math.sqrt(rnd()), rnd() * 360);
    const inCore = () => near(center, 3500);

    // Island: a wobbly circle; the seats sit just inside its coast so their 1 km circles reach into the sea.
    const wobble = [rnd() * 6, rnd() * 6, rnd() * 6];
    const coastR = (bearing: number) =>
      ISLAND_RADIUS_M *
      (1 +
        0.06 * Math.sin(3 * bearing + wobble[0]) +
        0.03 * Math.sin(7 * bearing + wobble[1]) +
        0.01 * Math.sin(31 * bearing + wobble[2]));
    const ring: LngLat[] = [];
    for (let k = 0; k < COAST_VERTICES; k++) {
      const b = (2 * Math.PI * k) / COAST_VERTICES;
      ring.push(destination(center, coastR(b), (b * 180) / Math.PI));
    }
    ring.push(ring[0]);
    land.features.push({
      type: 'Feature',
      properties: { name: `island ${t}` },
      geometry: { type: 'Polygon', coordinates: [ring] },
    });

    // The draw order below is that of the earlier GeoJSON generator, so the seeded data set is unchanged.
    for (let k = 0; k < 100; k++) point('community', inCore(), { id: `T${t}-C${k}`, subdistrict: pick(BUILT_UP) });
    for (let k = 0; k < 25; k++)
      point('market', inCore(), { id: `T${t}-M${k}`, subdistrict: pick(BUILT_UP), builtUp: true });
    const seats: LngLat[] = [];
    for (let k = 0; k < 7; k++) {
      const bearing = (360 * (k + rnd() * 0.5)) / 7;
      const seat = destination(center, coastR((bearing * Math.PI) / 180) - 200 - rnd() * 600, bearing);
      seats.push(seat);
      point('townSeat', seat, { id: `T${t}-S${k}`, subdistrict: RURAL[k] });
      point('market', near(seat, 400), { id: `T${t}-M${25 + k}`, subdistrict: RURAL[k], builtUp: false });
    }
    const anywhere = (): { at: LngLat; subdistrict: string } => {
      if (rnd() < 0.75) return { at: inCore(), subdistrict: pick(BUILT_UP) };
      const k = Math.floor(rnd() * 7);
      return { at: near(seats[k], 1600), subdistrict: RURAL[k] };
    };

    for (let k = 0; k < 1000; k++) {
      const { at, subdistrict } = anywhere();
      begin('compound', { id: `T${t}-K${k}`, subdistrict });
      rnd(); // households: not read by the engine, drawn to keep the seeded stream
      if (k % 2 === 0) builders.compound.point(at[0], at[1]);
      else
        builders.compound.ring(
          GEOM_POLYGON,
          circlePolygon(at, 30 + rnd() * 50, { steps: 5 + Math.floor(rnd() * 4) }).coordinates[0],
        );
    }
    const line: LngLat[] = [];
    for (let k = 0; k < 2000; k++) {
      const { at, subdistrict } = anywhere();
      line.length = 0;
      line.push(at);
      let heading = rnd() * 360;
      for (let j = 0, n = 2 + Math.floor(rnd() * 4); j < n; j++) {
        heading += (rnd() - 0.5) * 60;
        line.push(destination(line[j], 40 + rnd() * 100, heading));
      }
      const id = `T${t}-R${k}`;
      counts.street++;
      builders.street.begin({
        id,
        name: id,
        subdistrict,
        lastInspectedDay: lastInspected(),
        streetClass: rnd() < 0.7 ? 'back' : 'main',
      });
      rnd(); // onRoute: not read by the engine, drawn to keep the seeded stream
      builders.street.ring(GEOM_LINE, line);
    }
    for (let k = 0; k < 100; k++) {
      const a = anywhere();
      point('station', a.at, { id: `T${t}-V${k}`, subdistrict: a.subdistrict });
      const b = anywhere();
      point('adsite', b.at, { id: `T${t}-A${k}`, subdistrict: b.subdistrict });
    }
  }
  for (const kind of OBJECT_KINDS) tileStart[kind][scale] = counts[kind];
  const collections = Object.fromEntries(OBJECT_KINDS.map((kind) => [kind, builders[kind].finish()])) as Record<
    ObjectKind,
    FlatCollection
  >;

  // Object ids in the order the earlier generator listed them (compounds, streets, markets, stations, communities).
  const c = collections;
  const objectIds = [...c.compound.ids, ...c.street.ids, ...c.market.ids, ...c.station.ids, ...c.community.ids];
  const states = campaign.lifecycle.states.map((s) => s.code) as DefectState[];
  const stateWeights = [0.15, 0.05, 0.2, 0.2, 0.1, 0.3];
  // 5 000 defects per district, but 1 000 000 at province scale as the issue sets it (a busier campaign).
  const count = scale >= 100 ? 10000 * scale : 5000 * scale;
  const defects: DefectColumnsLike = {
    count,
    tables: { state: states, object: objectIds },
    state: new Uint8Array(count),
    object: new Int32Array(count),
    found: new Int32Array(count),
    deadline: new Int32Array(count),
    updated: new Int32Array(count),
  };
  for (let d = 0; d < count; d++) {
    let u = rnd();
    let s = 0;
    while (s < states.length - 1 && u > stateWeights[s]) u -= stateWeights[s++];
    const found = asOf - Math.floor(rnd() * 60);
    (defects.state as Uint8Array)[d] = s;
    (defects.object as Int32Array)[d] = rnd() < 0.02 ? -1 : Math.floor(rnd() * objectIds.length);
    (defects.found as Int32Array)[d] = found;
    (defects.deadline as Int32Array)[d] = states[s] === 'reported' ? 0 : found + 7 + Math.floor(rnd() * 21);
    (defects.updated as Int32Array)[d] = Math.min(asOf, found + Math.floor(rnd() * 10));
  }

  return { input: { campaign, collections, land, defects }, tiles: scale, tileStart };
}

type BenchFeature = Feature<Point | Polygon | LineString, Record<string, unknown>>;

/**
 * One kind of the bench data as GeoJSON features with the properties the engine reads, for objects `from` to
 * `to - 1` (all by default): what a data file would hold.
 */
export function benchFeatures(c: FlatCollection, from = 0, to = c.count): BenchFeature[] {
  const out: BenchFeature[] = [];
  for (let i = from; i < to; i++) {
    const props: Record<string, unknown> = { id: c.ids[i], name: c.names[i], subdistrict: c.subdistrict[i] };
    props.lastInspected = c.lastInspectedDay[i] === NO_DAY ? null : isoFromDay(c.lastInspectedDay[i]);
    if (c.builtUp[i] >= 0) props.builtUp = c.builtUp[i] === 1;
    if (c.streetClass[i] !== null) props.streetClass = c.streetClass[i];
    const rings: Position[][] = [];
    for (let r = c.ringOffsets[i]; r < c.ringOffsets[i + 1]; r++) {
      const ring: Position[] = [];
      for (let v = c.ringStarts[r]; v < c.ringStarts[r + 1]; v++) ring.push([c.coords[2 * v], c.coords[2 * v + 1]]);
      rings.push(ring);
    }
    let geometry: Geometry;
    if (c.geomType[i] === GEOM_POINT) geometry = { type: 'Point', coordinates: rings[0][0] };
    else if (c.geomType[i] === GEOM_LINE) geometry = { type: 'LineString', coordinates: rings[0] };
    else geometry = { type: 'Polygon', coordinates: rings };
    out.push({ type: 'Feature', properties: props, geometry: geometry as BenchFeature['geometry'] });
  }
  return out;
}

/** The whole bench data set as GeoJSON (the `EngineInput` the app's loader would give). */
export function benchGeoJSON(data: BenchData): EngineInput {
  const { campaign: c, collections, land, defects } = data.input;
  const input = { campaign: c, land, defects } as Record<string, unknown>;
  for (const kind of OBJECT_KINDS)
    input[dataKeyOf(kind)] = { type: 'FeatureCollection', features: benchFeatures(collections[kind]) };
  return input as unknown as EngineInput;
}
