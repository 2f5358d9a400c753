/**
 * One problem found in an input file (the campaign file, sources.json, a source): printed as
 * `file:location: field: message` so staff can jump to the cell.
 */
export interface Problem {
  file: string;
  /** `row 12` (1-based, header is row 1), `feature 3` (0-based index in the collection), `feature id=X` or `file`. */
  location: string;
  field: string;
  message: string;
  /**
   * 'warning': worth saying, but the data are usable as they are (land that misses an island, see
   * src/geo/land-coverage.ts). Warnings travel apart from problems (`IngestResult.warnings`): they never fail a
   * refresh and never count as rows --lenient skipped.
   */
  severity?: 'warning';
}
