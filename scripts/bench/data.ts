/**
 * Seeded synthetic data for the benchmarks, at a multiple of Dinghai's size. One "tile" is a Dinghai-like
 * district: an island about 24 km across with a built-up core (100 communities, 25 markets), 7 town seats near
 * the coast (each with a market), 1 000 compounds (half points, half small polygons), 2 000 street segments
 * (70% back streets), 100 volunteer stations, 100 ad sites and 5 000 defects. Scale k lays k tiles on a grid
 * 0.4° apart, so density stays that of a real district and the province-scale run (k = 100) has 100 000
 * compounds, 200 000 streets and (10 000 defects per tile there) 1 000 000 defects. Everything is synthetic and deterministic per seed.
 */
import type { Feature, LineString, Point, Polygon } from 'geojson';
import campaignJson from '../../data/campaign.json';
import type { Campaign, DefectState, LngLat } from '../../src/campaign/types';
import { dayFromIso, isoFromDay } from '../../src/campaign/dates';
import type { LandFC } from '../../src/dataset/types';
import { circlePolygon, destination } from '../../src/geo/geodesy';
import { mulberry32 } from '../../src/geo/prng';
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
  input: EngineInput;
  tiles: number;
  /** Tile of every object id, so a naive run can take the objects of a few tiles. */
  tileOf: Map<string, number>;
}

type Props = Record<string, unknown>;

export function makeBenchData(scale: number, seed = 20190821): BenchData {
  const rnd = mulberry32(seed);
  const asOf = dayFromIso(campaign.asOfDate);
  const communities: Feature<Point, Props>[] = [];
  const markets: Feature<Point, Props>[] = [];
  const townSeats: Feature<Point, Props>[] = [];
  const compounds: Feature<Point | Polygon, Props>[] = [];
  const streets: Feature<LineString, Props>[] = [];
  const stations: Feature<Point, Props>[] = [];
  const adsites: Feature<Point, Props>[] = [];
  const land: LandFC = { type: 'FeatureCollection', features: [] };
  const tileOf = new Map<string, number>();
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const lastInspected = () => (rnd() < 0.25 ? null : isoFromDay(asOf - Math.floor(rnd() * 40)));
  const base = (id: string, tile: number, subdistrict: string): Props => {
    tileOf.set(id, tile);
    return { id, name: id, subdistrict, unit: 'U-X', lastInspected: lastInspected(), sample: true };
  };

  for (let t = 0; t < scale; t++) {
    const center: LngLat = [121.6 + (t % TILE_COLUMNS) * TILE_DLNG, 28.5 + Math.floor(t / TILE_COLUMNS) * TILE_DLAT];
    const near = (c: LngLat, maxM: number): LngLat => destination(c, maxM * Math.sqrt(rnd()), rnd() * 360);
    const inCore = () => near(center, 3500);

    // Island: a wobbly circle; the seats sit just inside its coast so their 1 km circles reach into the sea.
    const wobble = [rnd() * 6, rnd() * 6, rnd() * 6];
    const coastR = (bearing: number) =>
      ISLAND_RADIUS_M * (1 + 0.06 * Math.sin(3 * bearing + wobble[0]) + 0.03 * Math.sin(7 * bearing + wobble[1]) + 0.01 * Math.sin(31 * bearing + wobble[2]));
    const ring: LngLat[] = [];
    for (let k = 0; k < COAST_VERTICES; k++) {
      const b = (2 * Math.PI * k) / COAST_VERTICES;
      ring.push(destination(center, coastR(b), (b * 180) / Math.PI));
    }
    ring.push(ring[0]);
    land.features.push({ type: 'Feature', properties: { name: `island ${t}` }, geometry: { type: 'Polygon', coordinates: [ring] } });

    for (let k = 0; k < 100; k++) {
      const id = `T${t}-C${k}`;
      communities.push(point(inCore(), { ...base(id, t, pick(BUILT_UP)), code: id }));
    }
    for (let k = 0; k < 25; k++) {
      const id = `T${t}-M${k}`;
      markets.push(point(inCore(), { ...base(id, t, pick(BUILT_UP)), builtUp: true }));
    }
    const seats: LngLat[] = [];
    for (let k = 0; k < 7; k++) {
      const bearing = (360 * (k + rnd() * 0.5)) / 7;
      const seat = destination(center, coastR((bearing * Math.PI) / 180) - 200 - rnd() * 600, bearing);
      seats.push(seat);
      const id = `T${t}-S${k}`;
      townSeats.push(point(seat, { ...base(id, t, RURAL[k]), source: 'synthetic' }));
      const mid = `T${t}-M${25 + k}`;
      markets.push(point(near(seat, 400), { ...base(mid, t, RURAL[k]), builtUp: false }));
    }
    const anywhere = (): { at: LngLat; subdistrict: string } => {
      if (rnd() < 0.75) return { at: inCore(), subdistrict: pick(BUILT_UP) };
      const k = Math.floor(rnd() * 7);
      return { at: near(seats[k], 1600), subdistrict: RURAL[k] };
    };

    for (let k = 0; k < 1000; k++) {
      const { at, subdistrict } = anywhere();
      const props = { ...base(`T${t}-K${k}`, t, subdistrict), households: 50 + Math.floor(rnd() * 500) };
      if (k % 2 === 0) compounds.push(point(at, props));
      else {
        const ring = circlePolygon(at, 30 + rnd() * 50, { steps: 5 + Math.floor(rnd() * 4) }).coordinates[0];
        compounds.push({ type: 'Feature', properties: props, geometry: { type: 'Polygon', coordinates: [ring] } });
      }
    }
    for (let k = 0; k < 2000; k++) {
      const { at, subdistrict } = anywhere();
      const coords: LngLat[] = [at];
      let heading = rnd() * 360;
      for (let j = 0, n = 2 + Math.floor(rnd() * 4); j < n; j++) {
        heading += (rnd() - 0.5) * 60;
        coords.push(destination(coords[j], 40 + rnd() * 100, heading));
      }
      const props = { ...base(`T${t}-R${k}`, t, subdistrict), streetClass: rnd() < 0.7 ? 'back' : 'main', onRoute: rnd() < 0.1 };
      streets.push({ type: 'Feature', properties: props, geometry: { type: 'LineString', coordinates: coords } });
    }
    for (let k = 0; k < 100; k++) {
      const a = anywhere();
      stations.push(point(a.at, { ...base(`T${t}-V${k}`, t, a.subdistrict), stationType: 'leifeng', hasSign: true, volunteersPresent: null, hasServiceContent: null, faults: [] }));
      const b = anywhere();
      adsites.push(point(b.at, { ...base(`T${t}-A${k}`, t, b.subdistrict), siteType: 'bus_stop', landscapeFeature: false, photosSubmitted: 2 }));
    }
  }

  const objectIds = [...compounds, ...streets, ...markets, ...stations, ...communities].map((f) => String(f.properties.id));
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

  // The generator's property bags are loose records; the engine reads them like the real files.
  const fc = <T>(features: Feature[]) => ({ type: 'FeatureCollection', features }) as unknown as T;
  return {
    input: {
      campaign,
      communities: fc<EngineInput['communities']>(communities),
      markets: fc<EngineInput['markets']>(markets),
      townSeats: fc<EngineInput['townSeats']>(townSeats),
      compounds: fc<EngineInput['compounds']>(compounds),
      streets: fc<EngineInput['streets']>(streets),
      stations: fc<EngineInput['stations']>(stations),
      adsites: fc<EngineInput['adsites']>(adsites),
      land,
      defects,
    },
    tiles: scale,
    tileOf,
  };
}

function point(at: LngLat, properties: Props): Feature<Point, Props> {
  return { type: 'Feature', properties, geometry: { type: 'Point', coordinates: at } };
}
