/**
 * The Dinghai sample generator (pure core; scripts/make-sample.ts is its thin shell).
 *
 * It takes the real inputs (campaign plan, NBS divisions, GeoNames town points, OSM land, district boundary) and a
 * seed, and returns the office-style source files the refresh pipeline reads, as bytes, plus data/sources.json.
 * Real things keep their real names and codes (communities, town seats); everything invented (positions of
 * community offices, markets, compounds, streets, stations, ad sites, defects, visit figures) carries
 * `sample: true` or sits in a source marked `sample: true`.
 *
 * The files deliberately come in the formats the office really has, so that a sample refresh exercises every
 * reader: a GCJ-02 CSV (converted from WGS-84 here, back again in the pipeline), a GBK CSV, an XLSX, a KML and
 * GeoJSON. Output is byte-identical for the same inputs and seed.
 */

import { toKML } from '@placemarkio/tokml';
import { dayFromIso } from '../campaign/dates';
import { makeDefects, makeVisits, setLastInspected, toSampleObject, type SampleObject } from './defects';
import {
  drawStreets,
  NameMaker,
  pickTownSeats,
  placeAdSites,
  placeCommunities,
  placeCompounds,
  placeMarkets,
  placeStations,
} from './objects';
import { createRandom } from './random';
import {
  DEFAULT_OPTIONS,
  SAMPLE_PATHS,
  type SampleFile,
  type SampleInputs,
  type SampleOptions,
  type SampleOutput,
} from './settings';
import { Terrain } from './terrain';
import {
  communitiesCsv,
  defectsCsv,
  featureCollection,
  geojsonText,
  labeller,
  marketsXlsx,
  sourcesFile,
  stationsGbkCsv,
  utf8,
  visitsCsv,
} from './writers';

/**
 * Builds every sample source file and the sources manifest.
 *
 * @example
 * const { files, sources } = await generateSample(inputs);
 * for (const f of files) writeFileSync(join(dataDir, f.path), f.bytes);
 */
export async function generateSample(inputs: SampleInputs, options: SampleOptions = {}): Promise<SampleOutput> {
  const opts = { ...DEFAULT_OPTIONS, ...options };
  const rnd = createRandom(opts.seed);
  const geo = new Terrain(inputs.land, inputs.boundary);
  const names = new NameMaker(rnd, inputs.vocabulary.syllables);
  const { campaign, vocabulary } = inputs;
  const asOfDay = dayFromIso(campaign.asOfDate);
  const startDay = dayFromIso(campaign.document.issuedDate);

  const communities = placeCommunities(inputs, geo, rnd, opts.communitySpacingM);
  const townSeats = pickTownSeats(inputs);
  const markets = placeMarkets(inputs, geo, rnd, names, communities, townSeats, opts);
  const compounds = placeCompounds(inputs, geo, rnd, names, communities, townSeats, opts);
  const streets = drawStreets(inputs, geo, rnd, names, communities, markets, townSeats, opts);
  const stations = placeStations(inputs, geo, rnd, communities, streets, opts);
  const adsites = placeAdSites(inputs, geo, rnd, names, communities, townSeats, opts);

  const objects: SampleObject[] = [
    ...communities.map((f) => toSampleObject('community', f)),
    ...markets.map((f) => toSampleObject('market', f)),
    ...compounds.map((f) => toSampleObject('compound', f)),
    ...streets.map((f) => toSampleObject('street', f)),
    ...stations.map((f) => toSampleObject('station', f)),
    ...adsites.map((f) => toSampleObject('adsite', f)),
  ];
  const defects = makeDefects(inputs, geo, rnd, objects, townSeats, { startDay, asOfDay }, opts);
  setLastInspected(objects, defects, rnd, { startDay, asOfDay, lastStaleDay: asOfDay - campaign.staleDays - 1 });
  const visits = makeVisits(rnd, communities);

  const label = labeller(campaign);
  const files: SampleFile[] = [
    { path: SAMPLE_PATHS.communities, bytes: communitiesCsv(communities, label, vocabulary) },
    { path: SAMPLE_PATHS.markets, bytes: await marketsXlsx(markets, label, vocabulary, opts.xlsxTime) },
    { path: SAMPLE_PATHS.townSeats, bytes: utf8(geojsonText(townSeats)) },
    { path: SAMPLE_PATHS.compounds, bytes: utf8(geojsonText(compounds)) },
    { path: SAMPLE_PATHS.streets, bytes: utf8(toKML(featureCollection(streets))) },
    { path: SAMPLE_PATHS.stations, bytes: stationsGbkCsv(stations, label, vocabulary) },
    { path: SAMPLE_PATHS.adsites, bytes: utf8(geojsonText(adsites)) },
    { path: SAMPLE_PATHS.defects, bytes: defectsCsv(defects, label, vocabulary, 'current') },
    { path: SAMPLE_PATHS.defectHistory, bytes: defectsCsv(defects, label, vocabulary, 'earlier') },
    { path: SAMPLE_PATHS.visits, bytes: visitsCsv(visits, vocabulary) },
  ];
  const sources = sourcesFile(vocabulary);
  files.push({ path: SAMPLE_PATHS.sources, bytes: utf8(JSON.stringify(sources, null, 2) + '\n') });

  return {
    files,
    sources,
    counts: {
      communities: communities.length,
      markets: markets.length,
      builtUpMarkets: markets.filter((m) => m.properties.builtUp).length,
      townSeats: townSeats.length,
      compounds: compounds.length,
      polygonCompounds: compounds.filter((c) => c.geometry.type === 'Polygon').length,
      streets: streets.length,
      backStreets: streets.filter((s) => s.properties.streetClass === 'back').length,
      mainRoads: streets.filter((s) => s.properties.streetClass === 'main').length,
      onRoute: streets.filter((s) => s.properties.onRoute).length,
      stations: stations.length,
      adsites: adsites.length,
      landscapeFeatureSites: adsites.filter((a) => a.properties.landscapeFeature).length,
      defects: defects.length,
      historyEntries: defects.reduce((n, d) => n + d.history.length, 0),
      visits: visits.length,
    },
  };
}
