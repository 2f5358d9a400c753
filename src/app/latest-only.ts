/**
 * Wraps an async job so that only the answer to the latest call is delivered: when a commander types a new
 * radius while the worker is still busy with the previous one, the older answer is dropped, not drawn.
 *
 * @example
 * const compute = latestOnly((radiusM: number) => client.compute(input, { radiusOverrides: { R300: radiusM } }));
 * compute(400, show, fail); compute(450, show, fail); // only the 450 m result reaches `show`
 */
export function latestOnly<A, R>(job: (arg: A) => Promise<R>) {
  let latest = 0;
  return (arg: A, onResult: (result: R) => void, onError: (message: string) => void): void => {
    const call = ++latest;
    job(arg).then(
      (result) => {
        if (call === latest) onResult(result);
      },
      (e: unknown) => {
        if (call === latest) onError(e instanceof Error ? e.message : String(e));
      },
    );
  };
}
