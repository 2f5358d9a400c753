/**
 * Checks a zip container (XLSX) before any library unpacks it, so a zip bomb is refused instead of taking Node
 * down: the central directory gives each entry's sizes, the total and each entry's ratio are held to the limits,
 * then every entry is inflated here with its output counted and cut off at the size its header declares, so a
 * header that lies cannot bomb either. Runs in Node and the browser (DecompressionStream, no dependency).
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

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * Reads the central directory and checks it against `limits`; then inflates every entry, counting.
 *
 * @example const check = await checkZip(bytes, limits); if (!check.ok) refuse(check.reason);
 */
export async function checkZip(bytes: Uint8Array, limits: Limits): Promise<ZipCheck> {
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
  for (const e of entries) {
    const data = entryData(bytes, e);
    if (typeof data === 'string') return { ok: false, reason: data, limit: false };
    const size = e.method === 0 ? data.byteLength : await inflate(data, e.uncompressedBytes, null);
    if (size === null || size !== e.uncompressedBytes)
      return {
        ok: false,
        limit: false,
        reason: `entry ${e.name} does not unpack to the ${e.uncompressedBytes} bytes its header declares (a damaged file or a zip bomb)`,
      };
  }
  const text = async (name: string): Promise<string | null> => {
    const e = entries.find((x) => x.name === name);
    const data = e && entryData(bytes, e);
    if (!e || !data || typeof data === 'string') return null;
    if (e.method === 0) return new TextDecoder().decode(data);
    const chunks: Uint8Array[] = [];
    if ((await inflate(data, e.uncompressedBytes, chunks)) === null) return null;
    return new TextDecoder().decode(concat(chunks));
  };
  return { ok: true, entries, text };
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

/**
 * Inflates raw DEFLATE `data`, stopping as soon as the output passes `cap` bytes. Returns the output size, or
 * null when it passes the cap or the stream is corrupt; keeps the output in `chunks` when given.
 */
async function inflate(data: Uint8Array, cap: number, chunks: Uint8Array[] | null): Promise<number | null> {
  const stream = new DecompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  const feeding = (async () => {
    for (let i = 0; i < data.byteLength; i += FEED_BYTES) await writer.write(data.slice(i, i + FEED_BYTES));
    await writer.close();
  })().catch(() => undefined);
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > cap) {
        await reader.cancel();
        return null;
      }
      chunks?.push(value);
    }
  } catch {
    return null;
  } finally {
    await feeding;
  }
  return total;
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
