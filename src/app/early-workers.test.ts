import { afterEach, describe, expect, it, vi } from 'vitest';
import { adoptEarlyWorker, prefetchDefectFiles, startEarlyWorkers } from './early-workers';

/** A Worker stand-in that records what it was made from and sent. */
class FakeWorker {
  static made: FakeWorker[] = [];
  posted: unknown[] = [];
  terminated = false;
  onerror: ((e: unknown) => void) | null = null;
  constructor(
    readonly url: URL,
    readonly options: WorkerOptions,
  ) {
    FakeWorker.made.push(this);
  }
  postMessage(message: unknown) {
    this.posted.push(message);
  }
  terminate() {
    this.terminated = true;
  }
}

const files = {
  bin: { url: 'https://x.test/data/defects.bin', path: 'defects.bin', sha256: 'a'.repeat(64) },
  ids: { url: 'https://x.test/data/defect-ids.json', path: 'defect-ids.json', sha256: 'b'.repeat(64) },
};

afterEach(() => {
  adoptEarlyWorker('defects');
  adoptEarlyWorker('engine');
  FakeWorker.made = [];
  vi.unstubAllGlobals();
});

describe('workers started by the boot script', () => {
  it('starts both module workers, sends the defect files ahead, and hands each worker over once', () => {
    vi.stubGlobal('Worker', FakeWorker);
    startEarlyWorkers();
    expect(FakeWorker.made.map((w) => [w.url.pathname.split('/').pop(), w.options.type])).toEqual([
      ['defects.worker.ts', 'module'],
      ['engine.worker.ts', 'module'],
    ]);
    prefetchDefectFiles(files);
    const [defects, engine] = FakeWorker.made;
    expect(defects.posted).toEqual([{ id: 0, type: 'prefetch', files }]);
    expect(engine.posted).toEqual([]);
    const adopted = adoptEarlyWorker('defects');
    expect(adopted).toBe(defects);
    // The client sets its own error handler; the boot one is gone.
    expect(defects.onerror).toBeNull();
    expect(adoptEarlyWorker('defects')).toBeNull();
    expect(adoptEarlyWorker('engine')).toBe(engine);
  });

  it('a worker that failed before it was adopted is dropped, so the client starts a new one', () => {
    vi.stubGlobal('Worker', FakeWorker);
    startEarlyWorkers();
    const [defects] = FakeWorker.made;
    defects.onerror?.(new Event('error'));
    prefetchDefectFiles(files);
    expect(defects.posted).toEqual([]);
    expect(adoptEarlyWorker('defects')).toBeNull();
    expect(defects.terminated).toBe(true);
  });

  it('does nothing where there are no workers (Node), and nothing is adopted', () => {
    vi.stubGlobal('Worker', undefined);
    startEarlyWorkers();
    prefetchDefectFiles(files);
    expect(adoptEarlyWorker('defects')).toBeNull();
    expect(adoptEarlyWorker('engine')).toBeNull();
  });
});
