/**
 * Inputs, defaults and output paths of the sample generator (see generate.ts).
 */

import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import type { BBox, Campaign, DefectState, StreetClass } from '../campaign/types';
import type { StationProps } from '../dataset/types';
import type { SourcesFile } from '../ingest/types';

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

export type SampleObjectKind = 'community' | 'market' | 'compound' | 'street' | 'station' | 'adsite';

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
  /** Field → header of each sample table. */
  columns: TableColumns;
  yesNo: { yes: string; no: string };
  /** Between the items of a list in one cell (faults of a station). */
  listSeparator: string;
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

type Headers<F extends string> = Record<F, string>;

/** The columns each sample table has; the headers themselves are in the vocabulary file. */
export interface TableColumns {
  community: Headers<'id' | 'name' | 'code' | 'lng' | 'lat' | 'subdistrict' | 'unit' | 'lastInspected'>;
  market: Headers<'id' | 'name' | 'lng' | 'lat' | 'subdistrict' | 'unit' | 'builtUp' | 'lastInspected'>;
  station: Headers<
    | 'id'
    | 'name'
    | 'stationType'
    | 'lng'
    | 'lat'
    | 'subdistrict'
    | 'unit'
    | 'hasSign'
    | 'volunteersPresent'
    | 'hasServiceContent'
    | 'faults'
    | 'lastInspected'
  >;
  defect: Headers<
    | 'id'
    | 'taskForce'
    | 'category'
    | 'state'
    | 'lng'
    | 'lat'
    | 'found'
    | 'deadline'
    | 'updated'
    | 'unit'
    | 'subdistrict'
    | 'object'
    | 'description'
  >;
  visit: Headers<
    'community' | 'households' | 'visited' | 'questionnaires' | 'satisfaction' | 'stairwells' | 'stairwellHeads'
  >;
  declaration: Headers<'id' | 'kind' | 'entry' | 'content' | 'units' | 'deadline' | 'status' | 'note'>;
}
