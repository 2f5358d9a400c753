/**
 * Reads one file of the data folder, refusing anything that is not a plain file inside it: a symbolic link that
 * leads out of the folder, a folder, a named pipe (FIFO), a device (/dev/zero), a socket, or a file over the
 * size limit. The type and size are checked with stat before the file is opened, and the open itself is
 * non-blocking and re-checked with fstat, so a FIFO can never hang the refresh and a file swapped in between
 * the two checks is still caught. Nothing larger than the limit is ever read into memory.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, type Stats } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import type { ByteStream } from '../../src/ingest/csv-stream';
import { errorCode, RefreshFault } from './fault';

export type ReadResult =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; reason: 'missing' | 'refused'; message: string; field: 'path' | 'size' };

/**
 * Reads `name` (relative to `dataDir`) if it is a regular file of at most `maxBytes` bytes.
 * `sizeHint` ends the over-limit message (how to raise the limit).
 *
 * @example readDataFile('data', 'communities.csv', 256 << 20, limitHint('maxFileBytes', 256 << 20))
 */
export function readDataFile(dataDir: string, name: string, maxBytes: number, sizeHint: string): ReadResult {
  const opened = openDataFile(dataDir, name, maxBytes, sizeHint);
  if (!opened.ok) return opened;
  const { fd, stat } = opened;
  try {
    // One byte more than its size, so a file that grows while it is read is caught (never read past the limit).
    const bytes = Buffer.alloc(stat.size + 1);
    let length = 0;
    while (length < bytes.length) {
      const n = readSync(fd, bytes, length, bytes.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length !== stat.size) return refused('path', 'changed while it was read; run the refresh again');
    return { ok: true, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, length) };
  } catch (e) {
    return refused('path', `cannot be read: ${describeCode(errorCode(e), e)}`);
  } finally {
    closeSync(fd);
  }
}

/** Bytes read from a file per piece of a stream. */
const PIECE_BYTES = 1 << 20;

export type StreamResult = { ok: true; stream: ByteStream } | Exclude<ReadResult, { ok: true }>;

/**
 * `name` checked as readDataFile checks it, as a stream that reads it in pieces (from the start on each call of
 * `chunks`), so a file of hundreds of megabytes is never held whole. Each pass opens the file again and checks it
 * is the same file of the same size; a file swapped or changed meanwhile stops the refresh with one line.
 */
export function streamDataFile(dataDir: string, name: string, maxBytes: number, sizeHint: string): StreamResult {
  const opened = openDataFile(dataDir, name, maxBytes, sizeHint);
  if (!opened.ok) return opened;
  const { real, stat } = opened;
  closeSync(opened.fd);
  const changed = () => new RefreshFault(`${name}: changed while it was read; run the refresh again`);
  return {
    ok: true,
    stream: {
      byteLength: stat.size,
      *chunks() {
        let fd: number;
        try {
          fd = openSync(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
        } catch (e) {
          throw new RefreshFault(`${name}: cannot be read: ${describeCode(errorCode(e), e)}`);
        }
        try {
          const now = fstatSync(fd);
          if (!now.isFile() || now.ino !== stat.ino || now.dev !== stat.dev || now.size !== stat.size) throw changed();
          let at = 0;
          for (;;) {
            const piece = Buffer.allocUnsafe(PIECE_BYTES);
            const n = readSync(fd, piece, 0, PIECE_BYTES, at);
            if (n === 0) break;
            at += n;
            if (at > stat.size) throw changed();
            yield new Uint8Array(piece.buffer, piece.byteOffset, n);
          }
          if (at !== stat.size) throw changed();
        } finally {
          closeSync(fd);
        }
      },
    },
  };
}

/** The checks of readDataFile, up to an open descriptor of the regular file (the caller closes it). */
function openDataFile(
  dataDir: string,
  name: string,
  maxBytes: number,
  sizeHint: string,
): { ok: true; fd: number; real: string; stat: Stats } | Exclude<ReadResult, { ok: true }> {
  const path = join(dataDir, name);
  let real: string;
  try {
    real = realpathSync(path);
  } catch (e) {
    const code = errorCode(e);
    if (code === 'ENOENT' && isLink(path)) return refused('path', 'is a symbolic link to a missing file');
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, reason: 'missing', field: 'path', message: '' };
    return refused('path', `cannot be read: ${describeCode(code, e)}`);
  }
  const rel = relative(realpathSync(dataDir), real);
  if (rel.startsWith('..') || isAbsolute(rel))
    return refused('path', `is a symbolic link to ${real}, outside the data folder; copy the file into it instead`);
  let fd: number;
  try {
    const before = lstatSync(real);
    const kind = notAFile(before);
    if (kind) return refused('path', `is ${kind}, not a regular file`);
    const size = before.size;
    if (size > maxBytes) return refused('size', overLimit(size, sizeHint));
    fd = openSync(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (e) {
    return refused('path', `cannot be read: ${describeCode(errorCode(e), e)}`);
  }
  try {
    const stat = fstatSync(fd);
    const kind = notAFile(stat);
    const refusal = kind
      ? refused('path', `is ${kind}, not a regular file`)
      : stat.size > maxBytes
        ? refused('size', overLimit(stat.size, sizeHint))
        : null;
    if (refusal) closeSync(fd);
    return refusal ?? { ok: true, fd, real, stat };
  } catch (e) {
    closeSync(fd);
    return refused('path', `cannot be read: ${describeCode(errorCode(e), e)}`);
  }
}

function refused(field: 'path' | 'size', message: string): Exclude<ReadResult, { ok: true }> {
  return { ok: false, reason: 'refused', field, message };
}

function notAFile(stat: Stats): string | null {
  if (stat.isFile()) return null;
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

function overLimit(size: number, hint: string): string {
  return `is ${size} bytes, over the limit; ${hint}`;
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function describeCode(code: string | undefined, e: unknown): string {
  if (code === 'EACCES' || code === 'EPERM') return `permission denied (${code})`;
  if (code === 'ELOOP') return 'too many symbolic links (ELOOP)';
  return code ? `${(e as Error).message.split(',')[0]} (${code})` : String(e);
}
