/**
 * Placement of the sample's objects: community offices (real names and codes), town seats (real GeoNames points),
 * markets, compounds, streets, volunteer stations and ad sites (synthetic). Part of the sample generator.
 */

import type { Feature, LineString, Point, Polygon, Position } from 'geojson';
import Papa from 'papaparse';
import type { BBox, Campaign, LngLat, StreetClass } from '../campaign/types';
import type {
  AdSiteProps,
  CommunityProps,
  CompoundProps,
  MarketProps,
  StationProps,
  StreetProps,
  TownSeatProps,
} from '../dataset/types';
import { subdistrictByCode, taskForceByCode } from '../campaign/model';
import type { Random } from './random';
import type { DEFAULT_OPTIONS, SampleInputs, Vocabulary } from './settings';
import { inBBox, metres, offset, place, round6, type Terrain } from './terrain';

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

export function builtUpCodes(campaign: Campaign): string[] {
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
export function placeCommunities(
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
export function pickTownSeats({
  campaign,
  townPoints,
  vocabulary,
  divisionsCsv,
}: SampleInputs): Feature<Point, TownSeatProps>[] {
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

export function placeMarkets(
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

export function placeCompounds(
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
      const p = place(
        'town compound',
        () => offset(c, rnd.range(100, 1600), rnd.range(0, 360)),
        (q) => geo.ok(q),
      );
      centres.push({ p, subdistrict: seat.properties.subdistrict });
    }
  }
  const builtUp = builtUpCodes(campaign);
  for (let i = 0; i < opts.scatteredCompounds; i += 1) {
    const p = place(
      'scattered compound',
      () => inBBox(rnd, areaBBox(vocabulary, rnd.pick(builtUp))),
      (q) => geo.ok(q),
    );
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

export function drawStreets(
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
        add(
          block,
          name,
          'main',
          routeRoads.has(r),
          nearestCommunity(communities, midpoint(block)).properties.subdistrict,
        );
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

export function placeStations(
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
    return {
      hasSign: rnd.chance(0.88),
      volunteersPresent: rnd.chance(0.8),
      hasServiceContent: rnd.chance(0.85),
      faults,
    };
  };
  for (const community of communities) {
    const c = community.geometry.coordinates as LngLat;
    const p = place(
      'station',
      () => offset(c, rnd.range(20, 200), rnd.range(0, 360)),
      (q) => geo.ok(q),
    );
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
  const routeMain = streets.filter(
    (s) => s.properties.streetClass === 'main' && builtUpCodes(campaign).includes(s.properties.subdistrict),
  );
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

export function placeAdSites(
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
    const p = place(
      'ad site',
      () => offset(c, rnd.range(30, rural ? 900 : 400), rnd.range(0, 360)),
      (q) => geo.ok(q),
    );
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

function pointFeature<P>(p: LngLat, properties: P): Feature<Point, P> {
  return { type: 'Feature', properties, geometry: { type: 'Point', coordinates: [round6(p[0]), round6(p[1])] } };
}

function trimSuffix(text: string, suffix: string): string {
  return text.endsWith(suffix) ? text.slice(0, -suffix.length) : text;
}

export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Unique names from the syllable list: two syllables plus a suffix, a third syllable when the pair is taken. */
export class NameMaker {
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
