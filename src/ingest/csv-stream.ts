/**
 * A CSV file read as a stream: bytes in pieces → text in pieces (UTF-8, GBK or UTF-16, decided as decodeText
 * decides) → Papa Parse one row at a time. Neither the whole file's bytes nor its text nor its rows are ever
 * held: a 1M-row defects export is read in the memory of one piece (issue 14). The same code reads a file held
 * in memory (`bytesStream`), so the refresh and the browser share it.
 *
 * Encoding 'auto' starts as UTF-8 and, at the first byte that is not UTF-8, starts the file again as GBK (the
 * caller's per-pass state is made anew by `open`), which is what decodeText decides from the whole file. The
 * rare refusals (a declared encoding that does not fit) take the file whole once to word the message exactly
 * as decodeText does.
 */
import Papa from 'papaparse';
import iconv from 'iconv-lite';
import { decodeText, type TextEncoding } from './text';

/** A file's bytes from the start, in pieces; `chunks` may be called again to read it again from the start. */
export interface ByteStream {
  byteLength: number;
  chunks(): Iterable<Uint8Array>;
}

export type CsvEncoding = 'utf8' | 'gbk' | 'utf16le' | 'utf16be';

/** What a pass over the file is told: the header's delimiter was chosen, then each row as Papa parsed it. */
export interface CsvPass {
  /** One parsed row with its quote errors; return false to stop reading (a limit was hit). */
  row(cells: string[], quoteErrors: string[]): boolean;
}

/** Pieces of this many bytes are read from a file held in memory. */
const PIECE_BYTES = 1 << 20;
/**
 * Characters taken before the first parse: Papa guesses the line ending from the first 1 MB and the delimiter
 * from the first 10 rows of what it is first given, so this keeps its guesses those of a whole-file parse.
 */
const FIRST_PARSE_CHARS = 1 << 20;
const UTF8_BOM = [0xef, 0xbb, 0xbf];
/** CJK ideographs and punctuation, as in text.ts: valid UTF-8 that decodes to these is text, not chance. */
const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]/;

/** A file held in memory as a ByteStream. */
export function bytesStream(bytes: Uint8Array, pieceBytes = PIECE_BYTES): ByteStream {
  return {
    byteLength: bytes.byteLength,
    *chunks() {
      for (let at = 0; at < bytes.byteLength; at += pieceBytes) yield bytes.subarray(at, at + pieceBytes);
    },
  };
}

/** The whole stream in one array (for the rare paths that need it whole: a refusal's wording). */
export function streamBytes(stream: ByteStream): Uint8Array {
  const all = new Uint8Array(stream.byteLength);
  let at = 0;
  for (const chunk of stream.chunks()) {
    all.set(chunk.subarray(0, Math.max(0, all.length - at)), at);
    at += chunk.byteLength;
  }
  return at === all.length ? all : all.subarray(0, Math.min(at, all.length));
}

/**
 * Reads `stream` as CSV; `open(encoding)` starts a pass (again, with fresh state, when 'auto' turns to GBK).
 * Throws an Error with decodeText's message when the bytes do not fit the declared encoding.
 *
 * @example const { encoding } = streamCsv(stream, 'auto', () => ({ row: (cells) => (rows.push(cells), true) }));
 */
export function streamCsv(
  stream: ByteStream,
  declared: TextEncoding,
  open: (encoding: CsvEncoding) => CsvPass,
): { encoding: CsvEncoding } {
  const head = headBytes(stream, 3);
  const starts = (...magic: number[]) => magic.every((b, i) => head[i] === b);
  if (starts(0xff, 0xfe)) return pass(stream, 'utf16le', 2, open('utf16le'));
  if (starts(0xfe, 0xff)) return pass(stream, 'utf16be', 2, open('utf16be'));
  const bom = starts(...UTF8_BOM);
  if (declared === 'gbk') {
    if (bom) refuse(stream, declared);
    const checked = pass(stream, 'gbk', 0, open('gbk'), { watchUtf8: true });
    if (checked.utf8WithCjk) refuse(stream, declared);
    return checked;
  }
  try {
    return pass(stream, 'utf8', bom ? 3 : 0, open('utf8'));
  } catch (e) {
    if (!(e instanceof NotUtf8)) throw e;
    if (declared === 'utf8' || bom) refuse(stream, declared);
    return pass(stream, 'gbk', 0, open('gbk'));
  }
}

class NotUtf8 extends Error {}

/** Throws decodeText's own error for the whole file (it throws for every case this is called in). */
function refuse(stream: ByteStream, declared: TextEncoding): never {
  decodeText(streamBytes(stream), declared);
  throw new Error('the declared encoding does not fit the bytes');
}

/** The first `n` bytes (fewer when the file is shorter). */
export function headBytes(stream: ByteStream, n: number): Uint8Array {
  const head: number[] = [];
  for (const chunk of stream.chunks()) {
    for (const b of chunk.subarray(0, n - head.length)) head.push(b);
    if (head.length >= n) break;
  }
  return Uint8Array.from(head);
}

/** A stateful decoder: each piece gives the characters it completes; `end` gives the rest. */
interface Decoder {
  write(bytes: Uint8Array): string;
  end(): string;
}

function decoder(encoding: CsvEncoding): Decoder {
  if (encoding === 'gbk') {
    const gbk = iconv.getDecoder('gbk');
    return {
      write: (bytes) => gbk.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)),
      end: () => gbk.end() ?? '',
    };
  }
  const label = encoding === 'utf8' ? 'utf-8' : encoding === 'utf16le' ? 'utf-16le' : 'utf-16be';
  const text = new TextDecoder(label, { fatal: encoding === 'utf8' });
  const fail = (e: unknown): never => {
    throw encoding === 'utf8' && e instanceof TypeError ? new NotUtf8(e.message) : e;
  };
  return {
    write: (bytes) => {
      try {
        return text.decode(bytes, { stream: true });
      } catch (e) {
        return fail(e);
      }
    },
    end: () => {
      try {
        return text.decode();
      } catch (e) {
        return fail(e);
      }
    },
  };
}

/**
 * One pass: decode the pieces and feed Papa as its own ChunkStreamer does (the unfinished last row of each
 * parse is carried into the next). `watchUtf8`: also say whether the whole file is valid UTF-8 holding Chinese
 * (a GBK declaration that is wrong).
 */
function pass(
  stream: ByteStream,
  encoding: CsvEncoding,
  skip: number,
  sink: CsvPass,
  { watchUtf8 = false } = {},
): { encoding: CsvEncoding; utf8WithCjk?: boolean } {
  const text = decoder(encoding);
  const utf8 = watchUtf8 ? new TextDecoder('utf-8', { fatal: true }) : null;
  let utf8Valid = watchUtf8;
  let cjk = false;
  let stopped = false;
  let first = '';
  let handle: PapaHandle | null = null;
  let partial = '';
  let baseIndex = 0;
  const feed = (piece: string, finished: boolean) => {
    if (handle === null) {
      first += piece;
      if (first.length < FIRST_PARSE_CHARS && !finished) return;
      handle = newHandle(first, encoding, sink, () => (stopped = true));
      piece = first;
      first = '';
    }
    const aggregate = partial + piece;
    const results = handle.parse(aggregate, baseIndex, !finished);
    if (handle.aborted()) stopped = true;
    if (stopped || finished) return;
    partial = aggregate.substring(results.meta.cursor - baseIndex);
    baseIndex = results.meta.cursor;
  };
  let skipped = 0;
  for (let chunk of stream.chunks()) {
    if (skipped < skip) {
      const drop = Math.min(skip - skipped, chunk.byteLength);
      skipped += drop;
      chunk = chunk.subarray(drop);
    }
    if (utf8Valid) {
      try {
        if (!cjk) cjk = CJK.test(utf8!.decode(chunk, { stream: true }));
        else utf8!.decode(chunk, { stream: true });
      } catch {
        utf8Valid = false;
      }
    }
    if (stopped) {
      // Stopped at a limit: read on only to learn what decodeText would have (UTF-8 or GBK, or the wrong one).
      if (encoding === 'utf8') text.write(chunk);
      else if (!utf8Valid) break;
      continue;
    }
    const piece = text.write(chunk);
    if (piece !== '') feed(piece, false);
  }
  if (utf8Valid) {
    try {
      utf8!.decode();
    } catch {
      utf8Valid = false;
    }
  }
  const rest = text.end();
  if (!stopped) feed(rest, true);
  return watchUtf8 ? { encoding, utf8WithCjk: utf8Valid && cjk } : { encoding };
}

interface PapaHandle {
  parse(input: string, baseIndex: number, ignoreLastRow: boolean): { meta: { cursor: number } };
  aborted(): boolean;
}

/**
 * Papa's parser handle (what Papa.parse drives for a stream), set up as the whole-text parse of read-source.ts
 * was: a header with tabs in UTF-16 is tab-separated (Excel's "Unicode text"), a header with commas is
 * comma-separated (guessing from the rows would take the ';' of a 经纬度串 cell for the separator), anything
 * else is guessed by Papa.
 */
function newHandle(first: string, encoding: CsvEncoding, sink: CsvPass, stop: () => void): PapaHandle {
  const header = first.slice(0, first.search(/\r?\n|$/));
  const delimiter =
    encoding.startsWith('utf16') && header.includes('\t') ? '\t' : header.includes(',') ? ',' : undefined;
  const Handle = (Papa as unknown as { ParserHandle: new (config: Papa.ParseConfig) => PapaHandle }).ParserHandle;
  return new Handle({
    delimiter,
    header: false,
    skipEmptyLines: false,
    step: (result: Papa.ParseStepResult<string[]>, parser: Papa.Parser) => {
      const quoteErrors = result.errors.filter((e) => e.type === 'Quotes').map((e) => e.message.toLowerCase());
      if (!sink.row(result.data, quoteErrors)) {
        stop();
        parser.abort();
      }
    },
  });
}
