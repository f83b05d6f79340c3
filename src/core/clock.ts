import { setTimeout as delay } from 'node:timers/promises';

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

/** The wall clock and real timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => delay(ms, undefined, { signal }).catch((error: unknown) => {
    if (signal?.aborted) return;
    throw error;
  }),
};
