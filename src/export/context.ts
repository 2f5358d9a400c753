/**
 * Builds the ExportContext from a loaded data set (the app's `LoadedDataset` or the CLI's files) and the engine's
 * result, so the app's buttons and the command line hand the writers exactly the same thing.
 */
import type { FeatureCollection } from 'geojson';
import { objectLayersOf, type DatasetData, type Manifest } from '../dataset/types';
import type { EngineResult } from '../geo/types';
import { indexObjects } from './objects';
import type { ExportContext } from './zone-rows';

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/**
 * A missing object file counts as empty. The as-of date and the sample flag come from the manifest (falling back
 * to the campaign's as-of date and to "sample" when any object says so).
 */
export function exportContext(
  data: Partial<DatasetData> & Pick<DatasetData, 'campaign'>,
  manifest: Pick<Manifest, 'asOfDate' | 'sample'> | null,
  engine: EngineResult,
  generatedAt: Date,
): ExportContext {
  const objects = indexObjects(objectLayersOf(data, EMPTY));
  const sample = manifest
    ? manifest.sample
    : [...objects.values()].some((o) => o.sample) || Boolean(data.defects?.sample);
  return {
    campaign: data.campaign,
    objects,
    engine,
    meta: { asOfDate: manifest?.asOfDate ?? data.campaign.asOfDate, sample, generatedAt },
  };
}
