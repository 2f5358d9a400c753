/**
 * The problems report: a text file beside the sources (default `<data>/refresh-problems.txt`), never inside the
 * served output, written after a --lenient run that published with problems and after a run that failed on them,
 * so the office has the list in a file either way. The refresh only overwrites or removes a report it wrote
 * itself, recognised by its first line, so pointing `--problems` at someone's file is refused instead of
 * destroying it.
 */
import { closeSync, constants, openSync, readSync, unlinkSync, writeFileSync } from 'node:fs';
import { errorCode, fsFault, RefreshFault } from './fault';

export const DEFAULT_REPORT_NAME = 'refresh-problems.txt';
export const REPORT_HEADER = '# npm run refresh: problems report (the next refresh overwrites this file)';
/** The first line of reports written before failed runs had one: still ours to overwrite. */
const OLD_REPORT_HEADER = '# npm run refresh --lenient: problems report (the next refresh overwrites this file)';
const isReport = (first: string | null) => first === REPORT_HEADER || first === OLD_REPORT_HEADER;

/** Throws a RefreshFault unless `path` is missing or a report the refresh wrote. */
export function checkReportPath(path: string): void {
  const first = firstLine(path);
  if (first !== null && !isReport(first))
    throw new RefreshFault(
      `refusing to overwrite ${path}: it is not a problems report the refresh wrote (its first line is not "${REPORT_HEADER}"); choose another path with --problems`,
    );
}

/**
 * Writes the report: header, what the run did (`data set generated at …` or `refresh failed at …; nothing
 * written`), then one problem per line.
 */
export function writeReport(path: string, outcome: string, lines: string[]): void {
  const text = [REPORT_HEADER, `# ${outcome}; ${lines.length} problem(s)`, ...lines];
  try {
    writeFileSync(path, `${text.join('\n')}\n`);
  } catch (e) {
    const fault = fsFault(e, path);
    throw fault instanceof RefreshFault
      ? new RefreshFault(`${fault.message}; choose another path with --problems`)
      : fault;
  }
}

/**
 * Removes the report if the refresh wrote it (after a run without problems, so no stale report remains).
 * Returns what happened, for the log; a report that cannot be removed does not fail a published refresh.
 */
export function removeReport(path: string): string | null {
  if (!isReport(firstLine(path))) return null;
  try {
    unlinkSync(path);
    return `removed ${path}, the report of an earlier run with problems`;
  } catch (e) {
    return `${fsFault(e, path).message.replace(/^cannot write/, 'could not remove')}; it describes an earlier run`;
  }
}

/** The first line of `path`, '' for something that is not a readable regular file, null when it is missing. */
function firstLine(path: string): string | null {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (e) {
    return errorCode(e) === 'ENOENT' ? null : '';
  }
  try {
    const bytes = Buffer.alloc(OLD_REPORT_HEADER.length * 4 + 1);
    const n = readSync(fd, bytes, 0, bytes.length, 0);
    return bytes.subarray(0, n).toString('utf8').split('\n')[0];
  } catch {
    return '';
  } finally {
    closeSync(fd);
  }
}
