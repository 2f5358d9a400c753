/**
 * Inputs and outputs of the zone engine (src/geo/engine.ts). The engine is pure: the same code runs in the
 * browser's Web Worker and in the Node scripts. It takes the loaded data set plus what-if radii and returns
 * zones, memberships with reasons, per-object states and per-zone/per-rule figures.
 */
import type { Feature, FeatureCollection, LineString, MultiLineString, MultiPolygon, Polygon } from 'geojson';
import type { AnchorKind, Campaign, DefectState, IsoDate, LngLat, ObjectKind } from '../campaign/types';
import type { DefectColumns, LandFC, ObjectLayers } from '../dataset/types';

export interface EngineInput extends ObjectLayers {
  campaign: Campaign;
  land: LandFC | null;
  defects: DefectColumnsLike;
}

/**
 * The defect columns the engine reads. `DefectColumns` as loaded from JSON fits, and so does the worker's form
 * where the numeric columns are typed arrays transferred from the main thread (ids and coordinates stay behind).
 */
export interface DefectColumnsLike {
  count: number;
  tables: Pick<DefectColumns['tables'], 'state' | 'object'>;
  state: ArrayLike<number>;
  /** Index into tables.object, -1 when the defect is not linked to an object. */
  object: ArrayLike<number>;
  /** Days since 1970-01-01. */
  found: ArrayLike<number>;
  deadline: ArrayLike<number>;
  updated: ArrayLike<number>;
}

export interface EngineOptions {
  /** What-if radii by rule id; rules not named keep the plan's radius. */
  radiusOverrides?: Record<string, number>;
  /** "Today" for overdue/stale; defaults to campaign.asOfDate. */
  asOfDate?: IsoDate;
  /** Vertices per circle for display polygons (chord error must stay under 1 m). */
  circleSteps?: number;
}

/** One circle of one rule around one anchor. Id is `${ruleId}:${anchorId}`. */
export interface Zone {
  id: string;
  ruleId: string;
  anchorId: string;
  anchorName: string;
  anchorKind: AnchorKind;
  subdistrict: string;
  center: LngLat;
  radiusM: number;
  /**
   * Rules that clip to land: the share of the full circle that is on land (1 all land, 0 all sea); absent for
   * other rules. `seaShare` (insights) turns it into what the app shows.
   */
  landShare?: number;
}

export interface AnchorHit {
  zoneId: string;
  anchorId: string;
  anchorName: string;
  /** Geodesic distance from the anchor to the object (nearest point for polygons and lines), metres. */
  distanceM: number;
  /** Streets only: length of the street inside this anchor's circle, metres. */
  insideLengthM?: number;
}

/** An object that falls in one or more zones of one rule: listed once, with all its anchors. */
export interface Membership {
  ruleId: string;
  objectId: string;
  kind: ObjectKind;
  anchors: AnchorHit[];
  /** Smallest distance over the anchors. */
  distanceM: number;
  /** Streets only: length inside the union of this rule's circles (not double-counted), metres. */
  insideLengthM?: number;
  /** Streets only: the part of the street inside the rule's zones. */
  clipped?: LineString | MultiLineString;
}

/** Inspection state of one object as of the as-of date. */
export type ObjectState = 'overdue' | DefectState | 'clean' | 'neverInspected';

export interface ObjectStatus {
  objectId: string;
  kind: ObjectKind;
  state: ObjectState;
  openDefects: number;
  overdue: number;
  reopened: number;
  lastInspected: IsoDate | null;
  /** Not inspected within campaign.staleDays (or never). */
  stale: boolean;
}

export interface Figures {
  objects: number;
  /** Objects inspected within campaign.staleDays of the as-of date. */
  inspectedRecently: number;
  neverInspected: number;
  stale: number;
  openByState: Partial<Record<DefectState, number>>;
  openDefects: number;
  overdue: number;
  reopened: number;
  closed: number;
  /** closed / all defects of the members; null when there are none. */
  verifiedShare: number | null;
  streetLengthM: number;
  streetInspectedLengthM: number;
  /** Priority score (see campaign.priority and `priorityOf` in figures.ts) and the terms that make it up, for "why". */
  priority: number;
  /** What the weighted sum was divided by: non-street objects plus kilometres of street, at least 1. */
  priorityUnits: number;
  reasons: { term: keyof Campaign['priority']['weights']; count: number; weight: number }[];
}

export interface ZoneFigures extends Figures {
  zoneId: string;
  ruleId: string;
}

export interface RuleResult {
  ruleId: string;
  radiusM: number;
  zones: Zone[];
  /** Merged (and, where the rule says, land-clipped) zone polygons for display: one feature per rule. */
  geometry: Feature<Polygon | MultiPolygon, { ruleId: string }> | null;
  /** Per-anchor circles, for selection and figures. */
  circles: FeatureCollection<Polygon, { zoneId: string; ruleId: string }>;
  memberships: Membership[];
  figures: Figures;
  zoneFigures: ZoneFigures[];
}

export interface EngineResult {
  asOfDate: IsoDate;
  rules: RuleResult[];
  /** State of every object (all kinds), by object id. */
  status: Record<string, ObjectStatus>;
}

/**
 * One rule's result in typed arrays, as `computeCompact` returns it: what the worker sends (buffers, not object
 * graphs) and what `expandResult` turns into a `RuleResult`. Objects are named by global slot (see
 * `ObjectSet.slot0`; `EngineCatalog` maps slots to ids), zones by their index in `zoneAnchor`.
 */
export interface CompactRule {
  ruleId: string;
  radiusM: number;
  /** Vertices per full circle of the display polygons. */
  circleSteps: number;
  /** Zone z: global slot of its anchor and its centre (`zoneCenter[2z], zoneCenter[2z+1]`). */
  zoneAnchor: Int32Array;
  zoneCenter: Float64Array;
  /** Zone z: share of its full circle on land (0…1), for rules that clip to land; NaN otherwise. */
  zoneLandShare: Float64Array;
  /** Merged (and, where the rule says, land-clipped) zone polygons for display, as flat arrays (`RuleResult.geometry`
   * is their GeoJSON form); null when the rule has no zone or, clipped to land, nothing is left. */
  geometry: FlatPolygons | null;
  /** Member m (kind, then input order): its object's global slot, nearest distance and, for streets, length
   * inside the union of the circles (NaN for other kinds). */
  memberSlot: Int32Array;
  memberDistanceM: Float64Array;
  memberInsideM: Float64Array;
  /** Member m's anchor hits are `memberHitStart[m] .. memberHitStart[m+1]-1`, nearest first. */
  memberHitStart: Uint32Array;
  hitZone: Int32Array;
  hitDistanceM: Float64Array;
  /** Streets: length inside this hit's circle (NaN for other kinds). */
  hitInsideM: Float64Array;
  /** Clipped streets: member m has pieces `memberPieceStart[m] .. memberPieceStart[m+1]-1`, piece q the vertices
   * `pieceStart[q] .. pieceStart[q+1]-1` of `clipCoords` (lng/lat pairs). */
  memberPieceStart: Uint32Array;
  pieceStart: Uint32Array;
  clipCoords: Float64Array;
  /** Figures rows (see figures.ts, `figuresStride`): row 0 is the rule, row 1 + z is zone z. */
  stats: Float64Array;
  /** Priority score of each zone, for ranking without building the figures. */
  zonePriority: Float64Array;
}

/**
 * Polygons in flat typed arrays: polygon p has rings `polygonRingStart[p] .. polygonRingStart[p+1]-1` (outer ring
 * first, then its holes), ring r the vertices `ringStart[r] .. ringStart[r+1]-1` of `coords` (lng/lat pairs,
 * closed: the last vertex repeats the first). `type` is the GeoJSON geometry they stand for.
 */
export interface FlatPolygons {
  type: 'Polygon' | 'MultiPolygon';
  coords: Float64Array;
  ringStart: Uint32Array;
  polygonRingStart: Uint32Array;
}

/** The whole result in typed arrays (see `CompactRule`); `rollup` holds the object states as codes. */
export interface CompactResult {
  asOfDate: IsoDate;
  rules: CompactRule[];
  rollup: RollUp;
}

/** What `expandResult` needs to name slots: per object kind, in slot order, its ids, names and subdistricts. */
export interface EngineCatalog {
  campaign: Campaign;
  sets: { kind: ObjectKind; slot0: number; count: number; ids: string[]; names: string[]; subdistrict: string[] }[];
}

/** Inspection state per object as of a date, from `rollUp` (rollup.ts), indexed by global object slot. */
export interface RollUp {
  asOfDay: number;
  /** Object states by code; `stateIndex` values index this list. */
  stateNames: ObjectState[];
  /** Lifecycle defect states in `campaign.lifecycle.states` order; `openByState` is strided by its length. */
  defectStates: DefectState[];
  /** Per global object slot (see `ObjectSet.slot0`). */
  stateIndex: Uint8Array;
  openDefects: Uint32Array;
  overdue: Uint32Array;
  reopened: Uint32Array;
  closed: Uint32Array;
  defects: Uint32Array;
  openByState: Uint32Array;
  lastDay: Int32Array;
  stale: Uint8Array;
  neverInspected: Uint8Array;
}
