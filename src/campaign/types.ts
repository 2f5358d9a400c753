/**
 * The campaign plan as data (data/campaign.json). Everything that is a rule of the plan lives in this shape,
 * so another district, another year or a changed radius needs no code change. Validated by `parseCampaign`.
 */
import type { SourceKind } from './source-kinds';
import type { AnchorKind, ObjectKind } from './object-kinds';

/** A calendar date in Asia/Shanghai, `YYYY-MM-DD`. */
export type IsoDate = string;
export type LngLat = [number, number];
export type BBox = [number, number, number, number];

export interface Named {
  zh: string;
  en: string;
}

export interface Category extends Named {
  /** Stable code, e.g. `TF2-03`. */
  code: string;
  group: 'facility' | 'management' | 'campaign' | 'service' | 'documentation';
}

/** Kinds of object the data set holds, from the registry (object-kinds.ts). */
export type { AnchorKind, ObjectKind } from './object-kinds';

export interface TaskForce extends Named {
  code: string;
  no: number;
  leadUnits: string[];
  scope: Named;
  targetKinds: ObjectKind[];
  categories: Category[];
}

export type AreaKind = 'builtUp' | 'rural' | 'other';

export interface Subdistrict extends Named {
  /** NBS 统计用区划代码 of the township unit. */
  code: string;
  area: AreaKind;
  /** Unit code responsible for the subdistrict's own reports, if it is in the plan. */
  unit: string | null;
}

export interface ZoneRule extends Named {
  id: string;
  taskForce: string;
  anchorKind: AnchorKind;
  /** Only anchors in subdistricts of this area count (e.g. built-up markets only). */
  anchorArea?: AreaKind;
  radiusM: number;
  targetKinds: ObjectKind[];
  /** Extra restriction on targets, e.g. only back streets. */
  targetFilter?: { streetClass?: StreetClass };
  /** Clip the zone to land (island district: a coastal circle must not count the sea). */
  clipToLand: boolean;
  color: string;
}

export type StreetClass = 'back' | 'main';

export interface LifecycleState extends Named {
  code: DefectState;
  open: boolean;
  /** Higher is worse; the object's state is its worst open defect. */
  severity: number;
  color: string;
}

export type DefectState = 'reported' | 'reopened' | 'assigned' | 'in_progress' | 'awaiting_recheck' | 'closed';

export interface DerivedState extends Named {
  color: string;
  severity?: number;
}

export interface Lifecycle {
  states: LifecycleState[];
  transitions: [DefectState, DefectState][];
  /** States in which the defect counts as fixed (so it is not overdue). */
  fixedStates: DefectState[];
  derived: {
    overdue: DerivedState;
    clean: DerivedState;
    neverInspected: DerivedState;
    stale: DerivedState;
  };
}

export interface Evaluation extends Named {
  code: 'provincial' | 'national' | string;
  date: IsoDate;
  note?: string;
}

export interface Phase extends Named {
  code: string;
  start?: IsoDate;
  /** Phase starts the day after this evaluation. */
  startAfter?: string;
  /** Phase ends the day before this evaluation. */
  endBefore?: string;
}

export interface Unit extends Named {
  code: string;
}

export interface PriorityWeights {
  overdue: number;
  open: number;
  reopened: number;
  stale: number;
  neverInspected: number;
}

export interface Campaign {
  schemaVersion: 1;
  id: string;
  name: Named;
  document: { number: string; issuedDate: IsoDate; issuer: string };
  district: Named & { adcode: string; center: LngLat; bbox: BBox };
  /** Unit code of the campaign office (区创建办). */
  office: string;
  timezone: string;
  /** The data's own "today": a 2019 data set is not shown as all overdue. */
  asOfDate: IsoDate;
  evaluations: Evaluation[];
  phases: Phase[];
  subdistricts: Subdistrict[];
  taskForces: TaskForce[];
  zoneRules: ZoneRule[];
  lifecycle: Lifecycle;
  /** An object with no inspection for this many days is stale (not the same as clean). */
  staleDays: number;
  priority: { formula: string; weights: PriorityWeights };
  units: Unit[];
  weeklyReport: Named & { dueWeekday: number; mergeWeekday: number };
  /** Public-ad scene photos each ad site must submit (附件2: 2 to 5 per site, far and near shots). */
  adSitePhotos: { min: number; max: number };
  /** Other spellings the office's files use, each mapped to a canonical code; none when absent. */
  aliases?: Aliases;
  /** What counts as residents' personal data and how small a figure may be published; defaults when absent. */
  privacy?: Partial<Privacy>;
  /** How the evaluators' site sampling is modelled (模拟测评); the defaults of mock-inspection.ts when absent. */
  mockInspection?: MockInspectionSettings;
}

export type CategoryGroup = Category['group'];

/**
 * The mock inspection (模拟测评): the evaluators of each evaluation visit a sample of sites per kind and fail a
 * site that has a problem of certain states and categories open on it. The plan gives no sample sizes nor fail
 * rules: these are settings (see `note`), with defaults in src/campaign/mock-inspection.ts.
 */
export interface MockInspectionSettings {
  /** Says that the figures below are settings, not the plan's (shown with the results). */
  note: Named;
  /** Random samples drawn per run. */
  draws: number;
  /** Seed of the draws: the same seed and data give the same samples. */
  seed: number;
  /** The kinds of site the evaluators sample from, e.g. back streets = streets of class `back`. */
  sites: MockSiteKind[];
  evaluations: MockEvaluation[];
}

export interface MockSiteKind extends Named {
  code: string;
  kind: ObjectKind;
  /** Streets only: only streets of this class. */
  streetClass?: StreetClass;
  /** Streets only: only streets on the evaluation route. */
  onRouteOnly?: boolean;
}

export interface MockEvaluation {
  /** An evaluation code of `evaluations` (省测, 国测). */
  evaluation: string;
  /** How many sites of each kind one visit samples. */
  samples: { site: string; count: number }[];
  /** A defect in one of these states at the date fails its site … */
  failStates: DefectState[];
  /** … when its category is of one of these groups … */
  failGroups: CategoryGroup[];
  /** … or is one of these category codes. */
  failCategories?: string[];
}

/**
 * Other spellings of codes, as the office's files write them (`"已办结": "closed"`, `"区市场监管分局": "U-SCJG"`):
 * looked up after the codes and names themselves, compared the same way (NFKC, trimmed, case-insensitive). Each
 * target must exist in the campaign.
 */
export interface Aliases {
  states?: Record<string, DefectState>;
  units?: Record<string, string>;
  taskForces?: Record<string, string>;
  /** Alias → category code (codes are unique across the campaign, so the alias also names its task force). */
  categories?: Record<string, string>;
}

/**
 * Residents' data (plan 入户走访: household answers are personal; only per-community aggregates may be published).
 * Defaults in `src/campaign/privacy.ts`.
 */
export interface Privacy {
  /** Source kinds whose cells are personal: problem messages about them never quote a cell. Always has "visit". */
  personalKinds: SourceKind[];
  /** A community's visit figures are published only when it has at least this many households. */
  minHouseholds: number;
}
