/**
 * Derived values shared by the map and the panels: the effective "today", and the thing a selection names.
 */
import type { Feature, Geometry } from 'geojson';
import { dataKeyOf } from '@/campaign/object-kinds';
import type { IsoDate } from '@/campaign/types';
import type { BaseProps } from '@/dataset/types';
import type { LoadedDataset } from '@/dataset/read';
import type { Selection } from './selection-slice';
import type { AppState } from './store';

/**
 * The "today" figures are computed for: the user's choice, else the data's as-of date (manifest, then campaign),
 * so a 2019 data set is not shown as all overdue. Null until the data are loaded.
 */
export function selectAsOfDate(s: AppState): IsoDate | null {
  return s.todayOverride ?? s.dataset?.manifest?.asOfDate ?? s.dataset?.data.campaign?.asOfDate ?? null;
}

export type ObjectFeature = Feature<Geometry, BaseProps & Record<string, unknown>>;

/** The object feature a selection names, or null when it is a defect or a zone, unknown, or its file did not load. */
export function findObject(dataset: LoadedDataset | null, selection: Selection | null): ObjectFeature | null {
  if (!dataset || !selection || selection.kind === 'defect' || selection.kind === 'zone') return null;
  const fc = dataset.data[dataKeyOf(selection.kind)] as { features: ObjectFeature[] } | undefined;
  return fc?.features.find((f) => f.properties.id === selection.id) ?? null;
}

/** Row of a defect in the columnar defects file, or -1. */
export function findDefectRow(dataset: LoadedDataset | null, selection: Selection | null): number {
  if (!dataset?.data.defects || selection?.kind !== 'defect') return -1;
  return dataset.data.defects.id.indexOf(selection.id);
}
