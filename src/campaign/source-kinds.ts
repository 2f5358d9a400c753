/**
 * The kinds of source file data/sources.json may list: the district's frame (boundary, land, divisions), the
 * object kinds, and the records about them (defects, visits, declarations). One list for the sources check,
 * the ingest order and the campaign's privacy setting.
 */
import { OBJECT_KINDS } from './object-kinds';

export const SOURCE_KINDS = [
  'boundary',
  'land',
  'divisions',
  ...OBJECT_KINDS,
  'defect',
  'visit',
  'declaration',
  // Field records returned from the phones: the zips the office drops into the data folder's returns/ (issue 11).
  'fieldRecord',
] as const;

export type SourceKind = (typeof SOURCE_KINDS)[number];
