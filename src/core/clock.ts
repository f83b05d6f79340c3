/**
 * Time for work that waits on purpose (e.g. checking PluralKit again a little later). Built once
 * at start and handed to what needs it, so tests move time themselves instead of waiting.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`, or at once when `signal` aborts (the caller looks at `signal.aborted`). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The wall clock and real timers (the global ones, looked up at each call, so fake timers apply). */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
    }),
};

/**
 * Calls `callback` once `ms` have passed on `clock`, unless the returned function is called first
 * (a setTimeout/clearTimeout pair that a test's clock can move).
 */
export function startTimer(clock: Clock, ms: number, callback: () => void): () => void {
  const stop = new AbortController();
  void clock.sleep(ms, stop.signal).then(() => {
    if (!stop.signal.aborted) callback();
  });
  return () => stop.abort();
}
