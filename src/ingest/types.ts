/**
 * data/sources.json: the list of source files the office maintains. The refresh script reads each one with the
 * parser for its format, maps columns to fields, converts coordinates to WGS-84 and validates the result.
 */
import type { Geometry } from 'geojson';
import type { Limits } from './limits';
import type { Cell } from './values';

import type { Problem } from '../campaign/problem';
import type { SourceKind } from '../campaign/source-kinds';

export type { SourceKind };

/**
 * 'overpass': a cached Overpass API JSON answer (`out geom`), written by `npm run refresh -- --osm-streets`.
 * 'zip': a field records zip from the app (kind fieldRecord; src/field/records-zip.ts).
 */
export type SourceFormat = 'geojson' | 'csv' | 'xlsx' | 'kml' | 'overpass' | 'zip';
export type SourceCrs = 'wgs84' | 'gcj02' | 'bd09';

export interface SourceSpec {
  /** Stable id, used in error messages next to the path. */
  id: string;
  /** Path relative to the data directory. */
  path: string;
  kind: SourceKind;
  format: SourceFormat;
  /** Coordinate system of the file; converted to WGS-84 on import. */
  crs: SourceCrs;
  /** CSV only; 'auto' detects a UTF-8 BOM or falls back to GBK when the bytes are not valid UTF-8. */
  encoding?: 'utf8' | 'gbk' | 'auto';
  /** XLSX only: sheet name; the first visible (not hidden) sheet when absent. */
  sheet?: string;
  /**
   * Tables only: field name → column header. Fields not mapped here are found by their usual Chinese or English
   * headers (名称/name, 经度/lng, 纬度/lat, 所属街道/subdistrict, 责任单位/unit, 状态/state …).
   */
  columns?: Record<string, string>;
  /**
   * Defect exports only: the date the export was taken, the state date of rows that have no 状态日期 column.
   * Merging exports replays them by date, so an older export never overwrites a newer state.
   */
  asOfDate?: string;
  /** Every feature from this source is synthetic sample data and is labelled so. */
  sample?: boolean;
  /** Attribution carried into the app and README for real data. */
  attribution?: { name: string; source: string; licence: string };
  /** Size limits for this source, over the file-wide ones and the defaults (src/ingest/limits.ts). */
  limits?: Partial<Limits>;
}

export interface SourcesFile {
  schemaVersion: 1;
  /** Size limits for every source (src/ingest/limits.ts). */
  limits?: Partial<Limits>;
  sources: SourceSpec[];
}

export type { Problem };

/** A row or feature of a source file as read (read-source.ts, osm.ts): its cells, unmapped. */
export interface RawRecord {
  /** `row 12` (header is row 1) or `feature 3` (0-based). */
  location: string;
  cells: Record<string, Cell>;
  /** GeoJSON and KML only; null when the feature has none. */
  geometry?: Geometry | null;
  /** XLSX only: header → why that cell reads as blank (an Excel error, a formula never calculated). */
  cellNotes?: Record<string, string>;
  /** GeoJSON only: the feature's `properties` were null or missing, which is why its fields are missing. */
  noProperties?: boolean;
}

export interface RawSource {
  /** Column headers, or for GeoJSON/KML every property name seen. */
  headers: string[];
  records: RawRecord[];
  problems: Problem[];
  /** XLSX only: the workbook counts dates from 1904 (old Mac Excel), so a bare serial number is 1462 days later. */
  date1904?: boolean;
  /** CSV only: the encoding the bytes were decoded from. */
  encoding?: 'utf8' | 'gbk' | 'utf16le' | 'utf16be';
}
