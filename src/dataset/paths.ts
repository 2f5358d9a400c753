/** File names of the data set under public/data, shared by the writer and the browser reader. */
import { mapDataKeys, OBJECT_KIND_DEFS } from '../campaign/object-kinds';
import type { DatasetFileKey, OptionalFileKey } from './types';

export const DATASET_PATHS: Record<DatasetFileKey, string> = {
  campaign: 'campaign.json',
  boundary: 'boundary.geojson',
  land: 'land.geojson',
  divisions: 'divisions.json',
  ...mapDataKeys((_, kind) => OBJECT_KIND_DEFS[kind].file),
  defects: 'defects.bin',
  defectIds: 'defect-ids.json',
  defectDetails: 'defect-details-index.json',
  defectHistory: 'defect-history.json',
  visits: 'visits.json',
  declarations: 'declarations.json',
};

/** Files a data set may lack (see OptionalFileKey). */
export const OPTIONAL_PATHS: Record<OptionalFileKey, string> = {
  importReport: 'import-report.json',
};

export const MANIFEST_PATH = 'manifest.json';
