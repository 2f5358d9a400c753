/**
 * The zone engine's input from a partly loaded data set. A missing object file counts as empty (its banner says
 * so), so the rules that do not need it still compute; without the campaign there is nothing to compute.
 */
import type { FeatureCollection } from 'geojson';
import { objectLayersOf, type DatasetData } from '../dataset/types';
import type { EngineInput } from './types';

const NO_DEFECTS: EngineInput['defects'] = {
  count: 0,
  tables: { state: [], object: [] },
  state: [],
  object: [],
  found: [],
  deadline: [],
  updated: [],
};

/** One shared empty collection, so a file that stays missing is the same input and the worker keeps its data. */
const NONE: FeatureCollection = Object.freeze({ type: 'FeatureCollection', features: [] }) as FeatureCollection;

export function engineInput(data: Partial<DatasetData>): EngineInput | null {
  if (!data.campaign) return null;
  return {
    campaign: data.campaign,
    ...objectLayersOf(data, NONE),
    land: data.land ?? null,
    defects: data.defects ?? NO_DEFECTS,
  };
}
