/**
 * Defect ids that arrive after the defects: the map draws from defects.bin alone, so the page's copy of the table
 * starts with a LazyIds whose `fetchIds` has the defects worker fetch, check and pack defect-ids.json when
 * something first needs an id (opening a defect, a list of defects, an export) or once the map is ready. Until
 * then `at` answers undefined and `indexOf` −1; code that shows or writes ids waits for `load()` (or `whenIds`).
 * Node and the tests load plain arrays, which are always ready.
 *
 * @example
 * const ids = new LazyIds(2, () => fetchPackedIds(), 'defect-ids.json');
 * ids.at(0); // undefined
 * await ids.load();
 * ids.at(0); // 'D00001'
 */
import type { DefectIds } from './types';

export class LazyIds implements DefectIds {
  private inner: DefectIds | null = null;
  private pending: Promise<DefectIds> | null = null;
  private failure: string | null = null;
  private readonly listeners = new Set<() => void>();

  /**
   * `length`: the table's row count; `fetchIds` gets the ids in table order (rejects with what went wrong);
   * `file`: the file they come from, as a banner names it.
   */
  constructor(
    readonly length: number,
    private readonly fetchIds: () => Promise<DefectIds>,
    readonly file = 'defect-ids.json',
  ) {}

  /** True once the ids are in. */
  get ready(): boolean {
    return this.inner !== null;
  }

  /** Why the last load failed (the file and what was wrong with it), or null. */
  get error(): string | null {
    return this.failure;
  }

  at(row: number): string | undefined {
    return this.inner?.at(row);
  }

  indexOf(id: string): number {
    return this.inner ? this.inner.indexOf(id) : -1;
  }

  /** Fetches the ids once (concurrent calls share it); after a failure the next call tries again. */
  load(): Promise<DefectIds> {
    if (this.inner) return Promise.resolve(this.inner);
    if (this.pending) return this.pending;
    // A retry: loading again, no longer failed.
    if (this.failure !== null) {
      this.failure = null;
      this.notify();
    }
    this.pending = this.fetchIds().then(
      (ids) => {
        if (ids.length !== this.length)
          throw this.fail(`has ${ids.length} ids, defects.bin has ${this.length} defects`);
        this.inner = ids;
        this.failure = null;
        this.notify();
        return ids;
      },
      (e: unknown) => {
        throw this.fail(e instanceof Error ? e.message : String(e));
      },
    );
    return this.pending;
  }

  /** Called when the ids arrive or a load fails; returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private fail(message: string): Error {
    this.pending = null;
    this.failure = message;
    this.notify();
    return new Error(message);
  }

  private notify() {
    for (const listener of [...this.listeners]) listener();
  }
}

/** True when `ids` can answer now: a plain list, or a LazyIds that has loaded. */
export function idsReady(ids: DefectIds): boolean {
  return !(ids instanceof LazyIds) || ids.ready;
}

/** The file the ids come from, as a message names it. */
export function defectIdsFile(ids: DefectIds): string {
  return ids instanceof LazyIds ? ids.file : 'defect-ids.json';
}

/** The ids once they can answer (loading them if they are a LazyIds not yet loaded). */
export function whenIds(ids: DefectIds): Promise<DefectIds> {
  return ids instanceof LazyIds ? ids.load() : Promise.resolve(ids);
}
