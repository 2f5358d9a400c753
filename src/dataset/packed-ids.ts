/**
 * Defect ids packed for the page: all ids in table order joined into one string, with the end of each id. The
 * defects worker parses defect-ids.json and sends the page this pair instead of an array of strings: a million
 * ids then cross as one string and one transferred Uint32Array (the structured clone of a million small strings
 * held the main thread for ~300 ms), and the page reads an id only when it shows one.
 *
 * @example
 * const ids = new PackedIds(packIds(['D1', 'D22']));
 * ids.at(1); // 'D22'
 * ids.indexOf('D1'); // 0
 */
import type { DefectIds } from './types';

/**
 * What travels: `text` holds every id in order, each `sep` characters after the one before (0 when joined, 3 for
 * the `","` between them in defect-ids.json); `ends[i]` is the offset in `text` just past id `i`.
 */
export interface PackedIdsData {
  text: string;
  ends: Uint32Array;
  sep?: number;
}

/** Packs ids (in the worker, or anywhere a plain array is at hand). Throws past 2^32 − 1 UTF-16 code units. */
export function packIds(ids: readonly string[]): PackedIdsData {
  const ends = new Uint32Array(ids.length);
  let end = 0;
  for (let i = 0; i < ids.length; i++) {
    end += ids[i].length;
    ends[i] = end;
  }
  if (end > 0xffffffff) throw new Error(`defect ids: ${end} characters in all, more than packed ids can hold`);
  return { text: ids.join(''), ends };
}

/**
 * Packs defect-ids.json's text without parsing it, when it is in the form the refresh writes (JSON.stringify of
 * strings with nothing escaped): the ids are then the text between the quotes, and the text inside the brackets
 * is kept as it is. At a million ids this takes ~75 ms where JSON.parse and packIds took 400–590 ms (Node, 3 runs). Null
 * for any other form (escapes, spaces, not an array of strings): parse it then.
 */
export function packIdsJson(json: string): PackedIdsData | null {
  const n = json.length;
  if (json === '[]') return { text: '', ends: new Uint32Array(0), sep: 3 };
  if (n < 4 || !json.startsWith('["') || !json.endsWith('"]') || json.includes('\\')) return null;
  const text = json.slice(2, n - 2);
  // Between the quotes of each string, nothing but `","` may hold a quote: an id cannot hold one unescaped.
  let count = 1;
  for (let at = text.indexOf('"'); at >= 0; at = text.indexOf('"', at + 3)) {
    if (text.charCodeAt(at + 1) !== 44 || text.charCodeAt(at + 2) !== 34) return null;
    count++;
  }
  const ends = new Uint32Array(count);
  let row = 0;
  for (let at = text.indexOf('"'); at >= 0; at = text.indexOf('"', at + 3)) ends[row++] = at;
  ends[row] = text.length;
  // Control characters must be escaped in JSON: text holding one is not valid JSON, let the parser say so.
  // eslint-disable-next-line no-control-regex -- looking for exactly those characters
  if (/[\u0000-\u001f]/.test(text)) return null;
  return { text, ends, sep: 3 };
}

export class PackedIds implements DefectIds {
  readonly text: string;
  readonly ends: Uint32Array;
  readonly sep: number;
  /** The last `indexOf` asked and answered: the selection asks for the same id on every render. */
  private last: { id: string; row: number } | null = null;

  constructor({ text, ends, sep = 0 }: PackedIdsData) {
    if (ends.length > 0 && ends[ends.length - 1] !== text.length)
      throw new Error(`packed defect ids: the ends stop at ${ends[ends.length - 1]}, the text has ${text.length}`);
    this.text = text;
    this.ends = ends;
    this.sep = sep;
  }

  private start(row: number): number {
    return row === 0 ? 0 : this.ends[row - 1] + this.sep;
  }

  get length(): number {
    return this.ends.length;
  }

  /** The id at `row`, or undefined outside 0 … length − 1 (no counting from the end, unlike Array.prototype.at). */
  at(row: number): string | undefined {
    if (!Number.isInteger(row) || row < 0 || row >= this.ends.length) return undefined;
    return this.text.slice(this.start(row), this.ends[row]);
  }

  /** The first row whose id is `id`, or −1: a substring search, each hit checked against the id bounds. */
  indexOf(id: string): number {
    if (this.last?.id === id) return this.last.row;
    const row = this.search(id);
    this.last = { id, row };
    return row;
  }

  private search(id: string): number {
    const { text, ends } = this;
    if (id === '') {
      for (let r = 0; r < ends.length; r++) if (ends[r] === this.start(r)) return r;
      return -1;
    }
    for (let at = text.indexOf(id); at >= 0; at = text.indexOf(id, at + 1)) {
      const row = this.rowFrom(at, at + id.length);
      if (row >= 0) return row;
    }
    return -1;
  }

  /** The row spanning exactly `from` … `to`, or −1 (binary search on the starts). */
  private rowFrom(from: number, to: number): number {
    const { ends } = this;
    // The first row starting at or after `from`.
    let lo = 0;
    let hi = ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.start(mid) < from) lo = mid + 1;
      else hi = mid;
    }
    // Empty ids (joined with no separator) start where the next one does: look past them.
    for (let r = lo; r < ends.length && this.start(r) === from; r++) if (ends[r] === to) return r;
    return -1;
  }
}

/** The ids as a plain array (for writing defect-ids.json, or code that needs every id at once). */
export function idsToArray(ids: DefectIds): string[] {
  if (Array.isArray(ids)) return ids as string[];
  const out = new Array<string>(ids.length);
  for (let i = 0; i < ids.length; i++) out[i] = ids.at(i)!;
  return out;
}
