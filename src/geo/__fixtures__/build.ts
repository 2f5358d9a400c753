/**
 * Builders for small hand-made engine inputs in tests: the real campaign file, empty collections, and features
 * with only the properties a case needs.
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import campaignJson from '../../../data/campaign.json';
import { mapDataKeys } from '../../campaign/object-kinds';
import type { Campaign, DefectState } from '../../campaign/types';
import type { DefectColumns, ObjectLayers } from '../../dataset/types';
import type { EngineInput } from '../types';

export const campaign = campaignJson as unknown as Campaign;

/** Built-up (昌国) and rural (金塘镇) subdistrict codes of the campaign file. */
export const BUILT_UP = '330902002';
export const RURAL = '330902100';

/** Fixture features stand in for every domain's property type (CommunityProps, StreetProps, …). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyProps = any;

export function fc<G extends Geometry>(features: Feature<G, AnyProps>[]): FeatureCollection<G, AnyProps> {
  return { type: 'FeatureCollection', features };
}

export function feat<G extends Geometry>(geometry: G, props: Record<string, unknown> | null): Feature<G, AnyProps> {
  return { type: 'Feature', geometry, properties: props };
}

export function obj(id: string, extra: Record<string, unknown> = {}) {
  return { id, name: id, subdistrict: BUILT_UP, unit: 'U-X', lastInspected: null, sample: true, ...extra };
}

export interface DefectRow {
  object: string;
  state: DefectState;
  found: number;
  deadline: number;
  updated?: number;
}

export function defectColumns(rows: DefectRow[]): DefectColumns {
  const objects = [...new Set(rows.map((r) => r.object))];
  const states = [...new Set(rows.map((r) => r.state))];
  return {
    count: rows.length,
    tables: {
      taskForce: ['TF1'],
      category: ['TF1-01'],
      state: states,
      unit: ['U-X'],
      subdistrict: [BUILT_UP],
      object: objects,
    },
    id: rows.map((_, k) => `D${k}`),
    coords: rows.flatMap(() => [122.1, 30.02]),
    taskForce: rows.map(() => 0),
    category: rows.map(() => 0),
    state: rows.map((r) => states.indexOf(r.state)),
    unit: rows.map(() => 0),
    subdistrict: rows.map(() => 0),
    object: rows.map((r) => objects.indexOf(r.object)),
    found: rows.map((r) => r.found),
    deadline: rows.map((r) => r.deadline),
    updated: rows.map((r) => r.updated ?? r.found),
    sample: true,
  };
}

export function emptyInput(overrides: Partial<EngineInput> = {}): EngineInput {
  return {
    campaign,
    ...(mapDataKeys(() => fc([])) as ObjectLayers),
    land: null,
    defects: defectColumns([]),
    ...overrides,
  };
}
