import { describe, expect, it } from 'vitest';
import { latestOnly } from './latest-only';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('latestOnly', () => {
  it('delivers only the answer to the latest call, even when an older one arrives last', async () => {
    const jobs = [deferred<string>(), deferred<string>()];
    let n = 0;
    const run = latestOnly(() => jobs[n++].promise);
    const results: string[] = [];
    run(
      1,
      (r) => results.push(r),
      () => {},
    );
    run(
      2,
      (r) => results.push(r),
      () => {},
    );
    jobs[1].resolve('second');
    jobs[0].resolve('first');
    await Promise.all(jobs.map((j) => j.promise));
    await Promise.resolve();
    expect(results).toEqual(['second']);
  });

  it('reports the latest call failing, with its message', async () => {
    const job = deferred<string>();
    const run = latestOnly(() => job.promise);
    const errors: string[] = [];
    run(
      1,
      () => {},
      (m) => errors.push(m),
    );
    job.reject(new Error('worker crashed'));
    await job.promise.catch(() => {});
    await Promise.resolve();
    expect(errors).toEqual(['worker crashed']);
  });

  it('drops the failure of a call that a newer one overtook', async () => {
    const jobs = [deferred<string>(), deferred<string>()];
    let n = 0;
    const run = latestOnly(() => jobs[n++].promise);
    const seen: string[] = [];
    run(
      1,
      (r) => seen.push(r),
      (m) => seen.push(`error ${m}`),
    );
    run(
      2,
      (r) => seen.push(r),
      (m) => seen.push(`error ${m}`),
    );
    jobs[0].reject(new Error('old'));
    jobs[1].resolve('new');
    await jobs[0].promise.catch(() => {});
    await jobs[1].promise;
    await Promise.resolve();
    expect(seen).toEqual(['new']);
  });
});
