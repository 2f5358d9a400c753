/** File names of the data set under public/data, shared by the writer and the browser reader. */
import type { DatasetFileKey } from './types';

export const DATASET_PATHS: Record<DatasetFileKey, string> = {
  campaign: 'campaign.json',
  boundary: 'boundary.geojson',
  land: 'land.geojson',
  divisions: 'divisions.json',
  communities: 'communities.geojson',
  markets: 'markets.geojson',
  townSeats: 'townSeats.geojson',
  compounds: 'compounds.geojson',
  streets: 'streets.geojson',
  stations: 'stations.geojson',
  adsites: 'adsites.geojson',
  defects: 'defects.json',
  defectDetails: 'defect-details.json',
  visits: 'visits.json',
  declarations: 'declarations.json',
};

export const MANIFEST_PATH = 'manifest.json';
