import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, LineString, Point, Polygon } from 'geojson';
import type { Campaign, ZoneRule } from '../../src/campaign/types';
import type { DetailsIndex } from '../../src/dataset/details';
import type { DatasetData, DefectColumnsBuilder, DefectDetails, Manifest } from '../../src/dataset/types';
import { mapDataKeys } from '../../src/campaign/object-kinds';
import { DATASET_PATHS } from '../../src/dataset/paths';
import { readDefectColumns } from '../../scripts/lib/defects-files';

/** The data set as built into dist/, read straight from disk so the tests check the UI against the files. */
export const DATA_DIR = path.resolve('dist/data');

export function readData<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(DATA_DIR, file), 'utf8')) as T;
}

const ANCHOR_FILES = { community: 'communities.geojson', market: 'markets.geojson', townSeat: 'townSeats.geojson' };

/** Anchors of a rule, chosen the plan's way: the anchor kind, in subdistricts of the rule's area. */
export function anchorsOf(campaign: Campaign, rule: ZoneRule): Feature<Point, { id: string; subdistrict: string }>[] {
  const fc = readData<FeatureCollection<Point, { id: string; subdistrict: string }>>(ANCHOR_FILES[rule.anchorKind]);
  const area = new Map(campaign.subdistricts.map((s) => [s.code, s.area]));
  return fc.features.filter((f) => !rule.anchorArea || area.get(f.properties.subdistrict) === rule.anchorArea);
}

/**
 * Brute-force ground truth, independent of the app's engine: an object is a member when its nearest point lies within
 * the radius of some anchor (geodesic, Turf's haversine). Slow and obvious on purpose.
 */
export function bruteForceMembers(
  anchors: Feature<Point>[],
  targets: Feature<Point | Polygon | LineString, { id: string }>[],
  radiusM: number,
): Set<string> {
  const members = new Set<string>();
  for (const t of targets) {
    for (const a of anchors) {
      if (distanceM(a, t) <= radiusM) {
        members.add(t.properties.id);
        break;
      }
    }
  }
  return members;
}

function distanceM(anchor: Feature<Point>, target: Feature<Point | Polygon | LineString>): number {
  const g = target.geometry;
  if (g.type === 'Point') return turf.distance(anchor, g.coordinates, { units: 'meters' });
  if (g.type === 'LineString') return turf.pointToLineDistance(anchor, g, { units: 'meters', method: 'geodesic' });
  if (turf.booleanPointInPolygon(anchor, g)) return 0;
  return Math.min(
    ...g.coordinates.map((ring) =>
      turf.pointToLineDistance(anchor, turf.lineString(ring), { units: 'meters', method: 'geodesic' }),
    ),
  );
}

/**
 * Every defect's details of a data set, read from its chunks through its details index (src/dataset/details.ts),
 * and the chunk file that holds each defect. `read` reads one file of the data set.
 */
export function readAllDetails(read: <T>(file: string) => T): {
  details: DefectDetails;
  chunkOf: (id: string) => string;
  index: DetailsIndex;
} {
  const manifest = read<Manifest>('manifest.json');
  const index = read<DetailsIndex>(manifest.files.defectDetails.path);
  const details: DefectDetails = {};
  const chunks = new Map<string, string>();
  for (const c of index.chunks) {
    const chunk = read<DefectDetails>(c.path);
    Object.assign(details, chunk);
    for (const id of Object.keys(chunk)) chunks.set(id, c.path);
  }
  return { details, chunkOf: (id) => chunks.get(id)!, index };
}

/** What the zone engine reads of the built data set (campaign, object layers, land, defects), from disk. */
export function readEngineData(): Partial<DatasetData> {
  return {
    campaign: readData<Campaign>(DATASET_PATHS.campaign),
    ...mapDataKeys((key) => readData<unknown>(DATASET_PATHS[key])),
    land: readData(DATASET_PATHS.land),
    defects: readDefects(),
  } as Partial<DatasetData>;
}

/** The data set's defects (defects.bin with defect-ids.json) as plain arrays. */
export function readDefects(dir = DATA_DIR): DefectColumnsBuilder {
  return readDefectColumns(dir);
}
