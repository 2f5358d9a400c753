/**
 * Both workers answer a request that fails with an 'error' response to the same id rather than throwing, so the
 * page's pending promise rejects with the message and the worker keeps its data for the next request.
 */

/** A handler's answer: the response and the buffers handed over with it. */
export interface Reply<R> {
  response: R;
  transfer: Transferable[];
}

/** `answer`, with a thrown error turned into `{ id, type: 'error', message }` for the request that caused it. */
export function withErrorReply<Q extends { id: number }, R>(
  answer: (request: Q) => Reply<R>,
): (request: Q) => Reply<R | { id: number; type: 'error'; message: string }> {
  return (request) => {
    try {
      return answer(request);
    } catch (e) {
      return {
        response: { id: request.id, type: 'error', message: e instanceof Error ? e.message : String(e) },
        transfer: [],
      };
    }
  };
}
