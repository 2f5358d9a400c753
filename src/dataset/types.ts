/**
 * The public/data file formats: written by scripts/refresh.ts in Node, read by the browser app and its worker.
 * All coordinates are WGS-84 `[lng, lat]`. Every feature made by the sample generator carries `sample: true`.
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import {
  mapDataKeys,
  type DataKeyOf,
  type GeometryOf,
  type ObjectDataKey,
  type ObjectKind,
} from '../campaign/object-kinds';
import type { Campaign, DefectState, IsoDate, StreetClass } from '../campaign/types';

export const DATASET_SCHEMA_VERSION = 1;

/** Properties every object (anchor or target) carries. */
export interface BaseProps {
  id: string;
  name: string;
  /** NBS code of the township unit it lies in. */
  subdistrict: string;
  /** Responsible unit code. */
  unit: string;
  /** Date of the last inspection, or null when never inspected. */
  lastInspected: IsoDate | null;
  sample: boolean;
}

export interface CommunityProps extends BaseProps {
  /** NBS village-level code of the 社区居委会. */
  code: string;
}
export interface MarketProps extends BaseProps {
  builtUp: boolean;
}
export interface TownSeatProps extends BaseProps {
  /** Where the position comes from, e.g. GeoNames id. */
  source: string;
}
export interface CompoundProps extends BaseProps {
  households?: number;
}
export interface StreetProps extends BaseProps {
  streetClass: StreetClass;
  /** On the 省测/国测 inspection route. */
  onRoute: boolean;
}
export interface StationProps extends BaseProps {
  stationType: 'leifeng' | 'traffic_post';
  /** Three-element check (三要素): sign, volunteers present, service content; null = not checked. */
  hasSign: boolean | null;
  volunteersPresent: boolean | null;
  hasServiceContent: boolean | null;
  /** Spot-check faults found at the last check (category codes of TF7). */
  faults: string[];
}
export interface AdSiteProps extends BaseProps {
  siteType: string;
  landscapeFeature: boolean;
  photosSubmitted: number;
}

/** The properties of each kind of object in the registry (object-kinds.ts). */
export interface ObjectPropsByKind {
  community: CommunityProps;
  market: MarketProps;
  townSeat: TownSeatProps;
  compound: CompoundProps;
  street: StreetProps;
  station: StationProps;
  adsite: AdSiteProps;
}

/** Does not compile while a kind of the registry has no entry in ObjectPropsByKind. */
export type EveryKindHasProps = Complete<ObjectPropsByKind>;
type Complete<T extends Record<ObjectKind, BaseProps>> = T;

/** The properties of kind K (BaseProps while it has no entry, so the one error above is the only one). */
export type ObjectProps<K extends ObjectKind> = K extends keyof ObjectPropsByKind ? ObjectPropsByKind[K] : BaseProps;

/** The collection of one kind: its registry geometry and its properties. */
export type ObjectFC<K extends ObjectKind> = FeatureCollection<GeometryOf<K>, ObjectProps<K>>;

export type CommunityFC = ObjectFC<'community'>;
export type MarketFC = ObjectFC<'market'>;
export type TownSeatFC = ObjectFC<'townSeat'>;
export type CompoundFC = ObjectFC<'compound'>;
export type StreetFC = ObjectFC<'street'>;
export type StationFC = ObjectFC<'station'>;
export type AdSiteFC = ObjectFC<'adsite'>;
export type LandFC = FeatureCollection<Polygon | MultiPolygon, { name?: string }>;
export type BoundaryFeature = Feature<Polygon | MultiPolygon, { name: string; adcode: string }>;

export interface DefectHistoryEntry {
  date: IsoDate;
  from: DefectState | null;
  to: DefectState;
  unit: string;
  /** A step an inspector recorded in the field (a returned records zip); absent for the office's own exports. */
  field?: FieldStep;
}

/** Who said what, when and where on the spot (src/field/record.ts), as published in the defect details chunks. */
export interface FieldStep {
  record: string;
  verdict: 'rectified' | 'stillThere' | 'notValid' | 'newIssue';
  by: string;
  /** ISO time with the Asia/Shanghai offset. */
  time: string;
  /** WGS-84, or null when the phone had no position (the step says so). */
  lngLat: [number, number] | null;
  accuracyM: number | null;
  note: string;
  /** Published photo files, relative to the data set's folder (field-photo-<recordId>_<n>.jpg). */
  photos: string[];
}

/** A column of numbers: a typed array once loaded, a plain array while being built. */
export interface NumberColumn {
  [index: number]: number;
  readonly length: number;
}

/**
 * Defect ids in table order, read by row (`at`) or looked up (`indexOf`): a plain string array satisfies it; the
 * page holds a packed copy (src/dataset/packed-ids.ts) so a million ids cross from the worker as one string.
 */
export interface DefectIds {
  readonly length: number;
  at(row: number): string | undefined;
  indexOf(id: string): number;
}

/**
 * Defects in columnar form: parallel columns, typed arrays once loaded (defects.bin, see defects-bin.ts).
 * Strings are interned in `tables`; the code columns are indexes into them. Dates are days since 1970-01-01.
 */
export interface DefectColumns {
  count: number;
  tables: {
    taskForce: string[];
    category: string[];
    state: DefectState[];
    unit: string[];
    subdistrict: string[];
    object: string[];
  };
  /** From defect-ids.json (not in defects.bin): a plain array, or the page's packed copy (see DefectIds). */
  id: DefectIds;
  /** Flat `[lng0, lat0, lng1, lat1, …]`, 6 decimals. */
  coords: NumberColumn;
  taskForce: NumberColumn;
  category: NumberColumn;
  state: NumberColumn;
  unit: NumberColumn;
  subdistrict: NumberColumn;
  /** Index into tables.object, -1 when the defect is not linked to an object. */
  object: NumberColumn;
  found: NumberColumn;
  /** 0 when no deadline is set yet. */
  deadline: NumberColumn;
  /** Day of the last state change. */
  updated: NumberColumn;
  sample: boolean;
}

/** The DefectColumns columns of numbers with one entry per defect (`coords` has two, `id` holds strings). */
export const DEFECT_NUMBER_COLUMNS = [
  'taskForce',
  'category',
  'state',
  'unit',
  'subdistrict',
  'object',
  'found',
  'deadline',
  'updated',
] as const;

/** DefectColumns being built row by row: plain arrays to push onto. */
export type DefectColumnsBuilder = DefectColumns & {
  id: string[];
  coords: number[];
} & Record<(typeof DEFECT_NUMBER_COLUMNS)[number], number[]>;

/** DefectColumns for `count` defects with every column still empty. */
export function emptyDefectColumns(
  count: number,
  tables: DefectColumns['tables'],
  sample: boolean,
): DefectColumnsBuilder {
  return {
    count,
    tables,
    id: [],
    coords: [],
    taskForce: [],
    category: [],
    state: [],
    unit: [],
    subdistrict: [],
    object: [],
    found: [],
    deadline: [],
    updated: [],
    sample,
  };
}

/**
 * Per-defect details that the map does not need (history, description, photos): published in chunks and loaded
 * on demand (src/dataset/details.ts); a chunk is this map for its defects.
 */
export interface DefectDetails {
  [id: string]: { description: string; photos: string[]; history: DefectHistoryEntry[] };
}

/**
 * Door-to-door visits (task force 8): per-community aggregates only, never a resident's data. A community with
 * fewer households than the campaign's `privacy.minHouseholds` is published without figures (SuppressedVisits).
 */
export type VisitSummary = VisitFigures | SuppressedVisits;

export interface VisitFigures {
  community: string;
  households: number;
  visited: number;
  questionnaires: number;
  /** 0..1, or null when no questionnaire came back or too few answers to show (`satisfactionSuppressed`). */
  satisfaction: number | null;
  /** True when the rate rests on fewer answers than `privacy.minHouseholds` and is left out. */
  satisfactionSuppressed?: boolean;
  stairwells: number;
  stairwellHeads: number;
  sample: boolean;
  suppressed?: false;
}

/** A community too small to publish: it has fewer than `minHouseholds` households; no figure is given. */
export interface SuppressedVisits {
  community: string;
  suppressed: true;
  minHouseholds: number;
  sample: boolean;
}

export interface DeclarationEntry {
  id: string;
  kind: 'activity_photos' | 'scene_photos' | 'report';
  entry: string;
  content: string;
  units: string[];
  deadline: IsoDate;
  status: 'not_started' | 'in_progress' | 'submitted';
  note?: string;
}

export interface ManifestFile {
  path: string;
  count: number;
  bytes: number;
  sha256: string;
}

export interface Manifest {
  schemaVersion: number;
  campaignId: string;
  generatedAt: string;
  asOfDate: IsoDate;
  sample: boolean;
  /** Every data file, plus the optional ones this refresh wrote (older data sets lack them). */
  files: Record<DatasetFileKey, ManifestFile> & Partial<Record<OptionalFileKey, ManifestFile>>;
  attribution: { name: string; source: string; licence: string }[];
  /** The district the data describe (campaign.json `district`), so a refresh can tell it is switching districts. */
  district?: ManifestDistrict;
  /**
   * The data folder the refresh read: relative to the project when inside it (`data-daishan`), else absolute.
   * Both are absent from manifests written before issue #12 and from data sets built outside the refresh.
   */
  dataDir?: string;
}

export interface ManifestDistrict {
  adcode: string;
  /** The Chinese name, e.g. 定海区. */
  name: string;
}

export type DatasetFileKey =
  | 'campaign'
  | 'boundary'
  | 'land'
  | 'divisions'
  | ObjectDataKey
  | 'defects'
  | 'defectIds'
  | 'defectDetails'
  | 'defectHistory'
  | 'visits'
  | 'declarations';

/**
 * Files a data set may lack: older refreshes did not write them, so the app loads one when the manifest lists it
 * and says it is absent otherwise, without a banner.
 */
export type OptionalFileKey = 'importReport';

export interface Division {
  code: string;
  name: string;
  level: 'district' | 'township' | 'village';
  parentCode: string;
  type: string;
}

/** The object layers by data key, held the same way from ingest through the data set files to the zone engine. */
export type ObjectLayers = { [K in ObjectKind as DataKeyOf<K>]: ObjectFC<K> };

/** The object layers of a partly loaded data set, `missing` in place of each one it lacks. */
export function objectLayersOf(data: Partial<ObjectLayers>, missing: FeatureCollection): ObjectLayers {
  return mapDataKeys((key) => data[key] ?? missing) as ObjectLayers;
}

/**
 * The parsed contents of each data set file loadDataset reads: all but the details and histories, which are read
 * on demand (ON_DEMAND_FILES, src/dataset/details.ts).
 */
export interface DatasetData extends ObjectLayers {
  campaign: Campaign;
  boundary: BoundaryFeature;
  land: LandFC;
  divisions: Division[];
  defects: DefectColumns;
  visits: VisitSummary[];
  declarations: DeclarationEntry[];
  /** Absent in data sets from before the import report. */
  importReport?: ImportReport;
}

/**
 * import-report.json (数据体检): what the refresh read from each source and what became of it, for the office to
 * read in the app. Published beside the data, so it holds file paths, counts, field names and problem messages
 * with their values taken out (`ProblemGroup.pattern`), never a cell of a source.
 */
export interface ImportReport {
  schemaVersion: 1;
  generatedAt: string;
  totals: { sources: number; records: number; kept: number; skipped: number; errors: number; warnings: number };
  sources: SourceReport[];
  /** Problems of no listed source: sources.json itself, checks across sources. */
  other: { errors: ProblemGroup[]; warnings: ProblemGroup[] };
  /** Each zone rule at its plan radius, over the published data. */
  coverage: RuleCoverage[];
}

/** What was converted on the way in: coordinates to WGS-84, GBK text to UTF-8, 1904 workbook dates, visits to figures. */
export type Conversion =
  | { kind: 'crs'; from: 'gcj02' | 'bd09'; to: 'wgs84' }
  | { kind: 'encoding'; from: 'gbk' | 'utf16le' | 'utf16be'; to: 'utf8' }
  | { kind: 'date1904' }
  | { kind: 'visitFigures'; minHouseholds: number };

export interface SourceReport {
  id: string;
  path: string;
  kind: string;
  format: string;
  crs: string;
  /** CSV only: the encoding the text was read in. */
  encoding?: 'utf8' | 'gbk' | 'utf16le' | 'utf16be';
  sample: boolean;
  /** False when the file could not be read at all (missing, refused, unparseable). */
  read: boolean;
  conversions: Conversion[];
  /** Rows or features read, kept in the data set, and left out (records - kept). */
  records: number;
  kept: number;
  skipped: number;
  errors: ProblemGroup[];
  warnings: ProblemGroup[];
}

/** Problems of one field with the same message once values are taken out. */
export interface ProblemGroup {
  field: string;
  /** The message with quoted values, numbers, dates and coordinate lists replaced by `…`. */
  pattern: string;
  count: number;
  /** The first few locations, as in the problems report (`row 7`, `feature 3`, `file`), in the group's file. */
  file: string;
  locations: string[];
}

export interface RuleCoverage {
  ruleId: string;
  radiusM: number;
  zones: number;
  /** Objects in at least one zone of the rule (an object in two circles counts once), and by kind. */
  members: number;
  membersByKind: Partial<Record<ObjectKind, number>>;
  /** Zones with no member at all: the anchor is listed so the office can check its position. */
  emptyZones: { zoneId: string; anchorId: string; anchorName: string }[];
}
