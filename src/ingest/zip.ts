/**
 * Zip containers (XLSX, field-record zips) held to the size limits, so a zip bomb is refused instead of taking
 * Node down: the central directory gives each entry's sizes, and the total and each entry's ratio are held to the
 * limits (openZip); whatever is unpacked is counted as it comes and cut off at the size its header declares, so a
 * header that lies cannot bomb either — entry by entry on demand (openZip), or every entry up front before a
 * library unzips the file whole (checkZip). Runs in Node and the browser (DecompressionStream, no dependency).
 */
import { limitHint, type Limits } from './limits';

export interface ZipEntry {
  name: string;
  method: number;
  compressedBytes: number;
  uncompressedBytes: number;
  /** Offset of the entry's local header. */
  offset: number;
}

export type ZipCheck =
  | { ok: true; entries: ZipEntry[]; text: (name: string) => Promise<string | null> }
  /** `limit`: over a size limit (the message names it); otherwise the file is not a readable zip. */
  | { ok: false; reason: string; limit: boolean };

/** Entries below this size are not held to the ratio: small, repetitive XML parts compress very well. */
const RATIO_FLOOR_BYTES = 1024 * 1024;
/** Compressed bytes fed to the inflater per step: bounds what one step can produce (deflate expands ≤ 1032×). */
const FEED_BYTES = 16 * 1024;
/** A stored (not compressed) entry is handed on in pieces of this size. */
const PIECE_BYTES = 1 << 20;

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** A zip whose directory passed the size limits; its entries are unpacked on demand, each held to its declared size. */
export interface OpenZip {
  entries: ZipEntry[];
  /**
   * The entry's bytes in pieces as they unpack, or null when there is no such entry. The pieces stop with a
   * ZipEntryError as soon as the output passes the size the entry declares, or when it ends short of it.
   */
  chunks: (name: string) => AsyncIterable<Uint8Array> | null;
  /** The whole entry as UTF-8 text; null when there is none. Throws as `chunks` does. */
  text: (name: string) => Promise<string | null>;
}

/** An entry that cannot be found where the directory says, or does not unpack to the size its header declares. */
export class ZipEntryError extends Error {
  constructor(entry: ZipEntry, message?: string) {
    super(
      message ??
        `entry ${entry.name} does not unpack to the ${entry.uncompressedBytes} bytes its header declares (a damaged file or a zip bomb)`,
    );
    this.name = 'ZipEntryError';
  }
}

/**
 * Reads the central directory and checks each entry's declared sizes against `limits`, unpacking nothing: what
 * is unpacked later (`chunks`, `text`) is counted as it comes and cut off at the declared size, so a header that
 * lies cannot bomb either, and an entry nobody reads costs nothing.
 *
 * @example const zip = openZip(bytes, limits); if (!zip.ok) refuse(zip.reason); for await (const c of zip.chunks(name)!) …
 */
export function openZip(
  bytes: Uint8Array,
  limits: Limits,
): ({ ok: true } & OpenZip) | Extract<ZipCheck, { ok: false }> {
  const entries = centralDirectory(bytes);
  if (typeof entries === 'string') return { ok: false, reason: entries, limit: false };
  let total = 0;
  for (const e of entries) {
    total += e.uncompressedBytes;
    if (total > limits.maxUncompressedBytes)
      return {
        ok: false,
        limit: true,
        reason: `unpacks to more than ${limits.maxUncompressedBytes} bytes (${entries.length} entries); ${limitHint('maxUncompressedBytes', limits.maxUncompressedBytes)}`,
      };
    const ratio = e.uncompressedBytes / Math.max(1, e.compressedBytes);
    if (e.uncompressedBytes > RATIO_FLOOR_BYTES && ratio > limits.maxCompressionRatio)
      return {
        ok: false,
        limit: true,
        reason: `entry ${e.name} unpacks ${e.compressedBytes} bytes to ${e.uncompressedBytes} (ratio ${Math.round(ratio)}); ${limitHint('maxCompressionRatio', limits.maxCompressionRatio)}`,
      };
  }
  const chunks = (name: string): AsyncIterable<Uint8Array> | null => {
    const e = entries.find((x) => x.name === name);
    return e ? entryChunks(bytes, e) : null;
  };
  const text = async (name: string): Promise<string | null> => {
    const pieces = chunks(name);
    if (!pieces) return null;
    const all: Uint8Array[] = [];
    for await (const piece of pieces) all.push(piece);
    return new TextDecoder().decode(concat(all));
  };
  return { ok: true, entries, chunks, text };
}

/**
 * openZip, then every entry unpacked and counted (for a zip whose parts a library reads whole afterwards).
 *
 * @example const check = await checkZip(bytes, limits); if (!check.ok) refuse(check.reason);
 */
export async function checkZip(bytes: Uint8Array, limits: Limits): Promise<ZipCheck> {
  const zip = openZip(bytes, limits);
  if (!zip.ok) return zip;
  for (const e of zip.entries) {
    try {
      for await (const piece of entryChunks(bytes, e)) void piece;
    } catch (error) {
      return { ok: false, limit: false, reason: (error as Error).message };
    }
  }
  return { ok: true, entries: zip.entries, text: zip.text };
}

/** The entry's bytes in pieces (stored, or inflated FEED_BYTES at a time), held to its declared size. */
async function* entryChunks(bytes: Uint8Array, e: ZipEntry): AsyncGenerator<Uint8Array> {
  const data = entryData(bytes, e);
  if (typeof data === 'string') throw new ZipEntryError(e, data);
  if (e.method === 0) {
    if (data.byteLength !== e.uncompressedBytes) throw new ZipEntryError(e);
    for (let i = 0; i < data.byteLength; i += PIECE_BYTES) yield data.subarray(i, i + PIECE_BYTES);
    return;
  }
  const stream = new DecompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  const feeding = (async () => {
    for (let i = 0; i < data.byteLength; i += FEED_BYTES) await writer.write(data.slice(i, i + FEED_BYTES));
    await writer.close();
  })().catch(() => undefined);
  let total = 0;
  let complete = false;
  try {
    for (;;) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch {
        throw new ZipEntryError(e);
      }
      if (next.done) break;
      total += next.value.byteLength;
      if (total > e.uncompressedBytes) throw new ZipEntryError(e);
      yield next.value;
    }
    if (total !== e.uncompressedBytes) throw new ZipEntryError(e);
    complete = true;
  } finally {
    if (!complete) await reader.cancel().catch(() => undefined);
    await feeding;
  }
}

/** The entries of the central directory, or why it cannot be read. */
function centralDirectory(bytes: Uint8Array): ZipEntry[] | string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.byteLength - 22; i >= Math.max(0, bytes.byteLength - 22 - 0xffff); i -= 1) {
    if (view.getUint32(i, true) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) return 'no zip directory found';
  const count = view.getUint16(end + 10, true);
  const size = view.getUint32(end + 12, true);
  let at = view.getUint32(end + 16, true);
  if (count === 0xffff || size === 0xffffffff || at === 0xffffffff) return 'a ZIP64 file (over 4 GB): not supported';
  if (at + size > end) return 'damaged zip (central directory out of range)';
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > end || view.getUint32(at, true) !== CENTRAL) return 'damaged zip (bad central directory entry)';
    const nameLength = view.getUint16(at + 28, true);
    const entry: ZipEntry = {
      method: view.getUint16(at + 10, true),
      compressedBytes: view.getUint32(at + 20, true),
      uncompressedBytes: view.getUint32(at + 24, true),
      offset: view.getUint32(at + 42, true),
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
    };
    if (entry.method !== 0 && entry.method !== 8)
      return `entry ${entry.name}: unsupported compression method ${entry.method}`;
    entries.push(entry);
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

function entryData(bytes: Uint8Array, e: ZipEntry): Uint8Array | string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (e.offset + 30 > bytes.byteLength || view.getUint32(e.offset, true) !== LOCAL)
    return `damaged zip (entry ${e.name} has no local header)`;
  const start = e.offset + 30 + view.getUint16(e.offset + 26, true) + view.getUint16(e.offset + 28, true);
  if (start + e.compressedBytes > bytes.byteLength) return `damaged zip (entry ${e.name} runs past the end)`;
  return bytes.subarray(start, start + e.compressedBytes);
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
