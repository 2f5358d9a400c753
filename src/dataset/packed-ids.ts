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

/** What travels: `text` is every id joined, `ends[i]` the offset in `text` just past id `i`. */
export interface PackedIdsData {
  text: string;
  ends: Uint32Array;
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

export class PackedIds implements DefectIds {
  readonly text: string;
  readonly ends: Uint32Array;
  /** The last `indexOf` asked and answered: the selection asks for the same id on every render. */
  private last: { id: string; row: number } | null = null;

  constructor({ text, ends }: PackedIdsData) {
    if (ends.length > 0 && ends[ends.length - 1] !== text.length)
      throw new Error(`packed defect ids: the ends stop at ${ends[ends.length - 1]}, the text has ${text.length}`);
    this.text = text;
    this.ends = ends;
  }

  get length(): number {
    return this.ends.length;
  }

  /** The id at `row`, or undefined outside 0 … length − 1 (no counting from the end, unlike Array.prototype.at). */
  at(row: number): string | undefined {
    if (!Number.isInteger(row) || row < 0 || row >= this.ends.length) return undefined;
    return this.text.slice(row === 0 ? 0 : this.ends[row - 1], this.ends[row]);
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
      for (let r = 0; r < ends.length; r++) if (ends[r] === (r === 0 ? 0 : ends[r - 1])) return r;
      return -1;
    }
    for (let at = text.indexOf(id); at >= 0; at = text.indexOf(id, at + 1)) {
      const row = this.rowStartingAt(at);
      if (row >= 0 && ends[row] === at + id.length) return row;
    }
    return -1;
  }

  /** The row whose id starts at `offset`, or −1 when an id boundary is not there (binary search on the ends). */
  private rowStartingAt(offset: number): number {
    const { ends } = this;
    // The first row whose end is past `offset` is the one that holds it.
    let lo = 0;
    let hi = ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ends[mid] <= offset) lo = mid + 1;
      else hi = mid;
    }
    // Empty ids end where they start: skip them to the first non-empty one holding `offset`.
    if (lo >= ends.length) return -1;
    const start = lo === 0 ? 0 : ends[lo - 1];
    return start === offset ? lo : -1;
  }
}

/** The ids as a plain array (for writing defect-ids.json, or code that needs every id at once). */
export function idsToArray(ids: DefectIds): string[] {
  if (Array.isArray(ids)) return ids as string[];
  const out = new Array<string>(ids.length);
  for (let i = 0; i < ids.length; i++) out[i] = ids.at(i)!;
  return out;
}
