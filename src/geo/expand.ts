/**
 * From the engine's typed-array result (`CompactResult`) to the objects the app and the exports read
 * (`EngineResult`): zones, per-anchor circles, memberships with their anchors and clipped streets, zone figures
 * and the status records. `computePrepared` expands everything at once; the worker's client expands lazily, so
 * a what-if at province scale builds only the parts a panel or an export reads.
 */
import type { LineString, MultiLineString } from 'geojson';
import { figuresOfRow } from './figures';
import { circlePolygon } from './geodesy';
import { geometryOfFlat } from './rings';
import { statusRecords } from './rollup';
import type {
  AnchorHit,
  CompactResult,
  CompactRule,
  EngineCatalog,
  EngineResult,
  Membership,
  ObjectStatus,
  RollUp,
  RuleResult,
  Zone,
  ZoneFigures,
} from './types';

export interface ExpandOptions {
  /** Build `zones`, `circles`, `memberships`, `zoneFigures` and `status` on first read instead of now. Default false. */
  lazy?: boolean;
}

const statusByRollUp = new WeakMap<RollUp, Record<string, ObjectStatus>>();

/**
 * `EngineResult` objects for a compact result. `catalog` names the slots: the `Prepared` data set itself, or
 * `catalogOfInput` of the loaded GeoJSON on the app's side of the worker. The status records are cached per
 * roll-up, so two results with the same roll-up share one `status` object.
 *
 * @example expandResult(prepared, computeCompact(prepared, { radiusOverrides: { R500: 800 } }))
 */
export function expandResult(
  catalog: EngineCatalog,
  compact: CompactResult,
  { lazy = false }: ExpandOptions = {},
): EngineResult {
  const kinds = new Kinds(catalog);
  const result = {
    asOfDate: compact.asOfDate,
    rules: compact.rules.map((r) => expandRule(kinds, r, compact.rollup, lazy)),
  };
  return withFields(result, lazy, { status: () => statusOf(catalog, compact.rollup) });
}

/** The status records of a roll-up (cached per roll-up). */
export function statusOf(catalog: EngineCatalog, rollup: RollUp): Record<string, ObjectStatus> {
  let status = statusByRollUp.get(rollup);
  if (!status) {
    status = statusRecords(catalog.sets, rollup);
    statusByRollUp.set(rollup, status);
  }
  return status;
}

/** Slot → kind, id, name, subdistrict. */
class Kinds {
  private readonly setOfSlot: Int32Array;

  constructor(readonly catalog: EngineCatalog) {
    const total = catalog.sets.reduce((n, s) => n + s.count, 0);
    this.setOfSlot = new Int32Array(total);
    catalog.sets.forEach((s, k) => this.setOfSlot.fill(k, s.slot0, s.slot0 + s.count));
  }

  set(slot: number) {
    return this.catalog.sets[this.setOfSlot[slot]];
  }
}

function expandRule(kinds: Kinds, r: CompactRule, rollup: RollUp, lazy: boolean): RuleResult {
  const ruleId = r.ruleId;
  const zoneCount = r.zoneAnchor.length;
  const anchorId = (z: number) => {
    const set = kinds.set(r.zoneAnchor[z]);
    return set.ids[r.zoneAnchor[z] - set.slot0];
  };
  let zoneIds: string[] | null = null;
  const zoneIdsOf = () => (zoneIds ??= Array.from({ length: zoneCount }, (_, z) => `${ruleId}:${anchorId(z)}`));
  const weights = kinds.catalog.campaign.priority.weights;

  const zones = (): Zone[] => {
    const ids = zoneIdsOf();
    return Array.from({ length: zoneCount }, (_, z) => {
      const set = kinds.set(r.zoneAnchor[z]);
      const i = r.zoneAnchor[z] - set.slot0;
      const landShare = r.zoneLandShare[z];
      return {
        id: ids[z],
        ruleId,
        anchorId: set.ids[i],
        anchorName: set.names[i],
        anchorKind: set.kind as Zone['anchorKind'],
        subdistrict: set.subdistrict[i],
        center: [r.zoneCenter[2 * z], r.zoneCenter[2 * z + 1]],
        radiusM: r.radiusM,
        ...(Number.isNaN(landShare) ? {} : { landShare }),
      };
    });
  };

  const circles = (): RuleResult['circles'] => ({
    type: 'FeatureCollection',
    features: Array.from({ length: zoneCount }, (_, z) => ({
      type: 'Feature',
      properties: { zoneId: zoneIdsOf()[z], ruleId },
      geometry: circlePolygon([r.zoneCenter[2 * z], r.zoneCenter[2 * z + 1]], r.radiusM, { steps: r.circleSteps }),
    })),
  });

  const memberships = (): Membership[] => {
    const ids = zoneIdsOf();
    const out: Membership[] = new Array(r.memberSlot.length);
    for (let m = 0; m < r.memberSlot.length; m++) {
      const slot = r.memberSlot[m];
      const set = kinds.set(slot);
      const anchors: AnchorHit[] = [];
      for (let h = r.memberHitStart[m]; h < r.memberHitStart[m + 1]; h++) {
        const z = r.hitZone[h];
        const anchor = kinds.set(r.zoneAnchor[z]);
        const a = r.zoneAnchor[z] - anchor.slot0;
        const hit: AnchorHit = {
          zoneId: ids[z],
          anchorId: anchor.ids[a],
          anchorName: anchor.names[a],
          distanceM: r.hitDistanceM[h],
        };
        if (!Number.isNaN(r.hitInsideM[h])) hit.insideLengthM = r.hitInsideM[h];
        anchors.push(hit);
      }
      const membership: Membership = {
        ruleId,
        objectId: set.ids[slot - set.slot0],
        kind: set.kind,
        anchors,
        distanceM: r.memberDistanceM[m],
      };
      if (!Number.isNaN(r.memberInsideM[m])) {
        membership.insideLengthM = r.memberInsideM[m];
        const pieces = piecesOf(r, m);
        if (pieces.length === 1)
          membership.clipped = { type: 'LineString', coordinates: pieces[0] } satisfies LineString;
        else if (pieces.length > 1)
          membership.clipped = { type: 'MultiLineString', coordinates: pieces } satisfies MultiLineString;
      }
      out[m] = membership;
    }
    return out;
  };

  const zoneFigures = (): ZoneFigures[] => {
    const ids = zoneIdsOf();
    return Array.from({ length: zoneCount }, (_, z) => ({
      zoneId: ids[z],
      ruleId,
      ...figuresOfRow(r.stats, 1 + z, rollup.defectStates, weights),
    }));
  };

  const rule = { ruleId, radiusM: r.radiusM };
  return withFields(rule, lazy, {
    zones,
    geometry: () =>
      r.geometry && { type: 'Feature' as const, properties: { ruleId }, geometry: geometryOfFlat(r.geometry) },
    circles,
    memberships,
    figures: () => figuresOfRow(r.stats, 0, rollup.defectStates, weights),
    zoneFigures,
  }) as RuleResult;
}

function piecesOf(r: CompactRule, m: number): [number, number][][] {
  const pieces: [number, number][][] = [];
  for (let q = r.memberPieceStart[m]; q < r.memberPieceStart[m + 1]; q++) {
    const piece: [number, number][] = [];
    for (let v = r.pieceStart[q]; v < r.pieceStart[q + 1]; v++)
      piece.push([r.clipCoords[2 * v], r.clipCoords[2 * v + 1]]);
    pieces.push(piece);
  }
  return pieces;
}

/**
 * `target` with the given fields, in order: computed now, or (lazy) as enumerable getters that compute once and
 * then hold the value, so spreading or comparing the result still sees plain values.
 */
function withFields<T extends object, F extends Record<string, () => unknown>>(
  target: T,
  lazy: boolean,
  fields: F,
): T & { [K in keyof F]: ReturnType<F[K]> } {
  for (const [key, make] of Object.entries(fields)) {
    if (!lazy) {
      (target as Record<string, unknown>)[key] = make();
      continue;
    }
    Object.defineProperty(target, key, {
      enumerable: true,
      configurable: true,
      get() {
        const value = make();
        Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
        return value;
      },
      set(value: unknown) {
        Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
      },
    });
  }
  return target as T & { [K in keyof F]: ReturnType<F[K]> };
}
