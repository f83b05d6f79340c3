import type { Clock } from '../../src/core/clock.js';

interface Sleeper {
  readonly dueAt: number;
  wake(): void;
}

/**
 * The bot's clock in tests: time moves only when the test moves it, and a wait (`sleep`) ends
 * only then. `whenSleeping` tells when the bot waits, so a test steps through its waits one by
 * one (`wakeNext`), or all of them until something happened (`runUntil`), without real waiting.
 */
export class ManualClock implements Clock {
  private nowMs: number;
  private sleepers: Sleeper[] = [];
  private sleepListeners: Array<() => void> = [];

  constructor(start = Date.parse('2026-05-01T12:00:00Z')) {
    this.nowMs = start;
  }

  now(): number {
    return this.nowMs;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const sleeper: Sleeper = {
        dueAt: this.nowMs + Math.max(0, ms),
        wake: () => {
          this.sleepers = this.sleepers.filter((other) => other !== sleeper);
          signal?.removeEventListener('abort', sleeper.wake);
          resolve();
        },
      };
      signal?.addEventListener('abort', sleeper.wake, { once: true });
      this.sleepers.push(sleeper);
      for (const listener of this.sleepListeners.splice(0)) listener();
    });
  }

  /** How many waits are pending. */
  get sleeping(): number {
    return this.sleepers.length;
  }

  /** Resolves when something waits on this clock (at once if something already does). */
  async whenSleeping(timeoutMs = 10_000): Promise<void> {
    const next = this.nextSleep();
    const timer = setTimeout(next.cancel, timeoutMs);
    try {
      if ((await next.promise) === 'cancelled') throw new Error(`ManualClock: nothing waited within ${timeoutMs} ms`);
    } finally {
      clearTimeout(timer);
    }
  }

  private nextSleep(): { promise: Promise<'sleeping' | 'cancelled'>; cancel: () => void } {
    if (this.sleepers.length > 0) return { promise: Promise.resolve('sleeping'), cancel: () => undefined };
    let cancel = (): void => undefined;
    const promise = new Promise<'sleeping' | 'cancelled'>((resolve) => {
      const listener = (): void => resolve('sleeping');
      this.sleepListeners.push(listener);
      cancel = () => {
        this.sleepListeners = this.sleepListeners.filter((other) => other !== listener);
        resolve('cancelled');
      };
    });
    return { promise, cancel };
  }

  /** Moves time forward by `ms`, ending every wait due by then. */
  advance(ms: number): void {
    this.nowMs += ms;
    for (const sleeper of this.sleepers.filter((waiting) => waiting.dueAt <= this.nowMs)) sleeper.wake();
  }

  /** Moves time to the end of the earliest wait and ends it (and any due with it); the time moved. */
  wakeNext(): number {
    const next = Math.min(...this.sleepers.map((sleeper) => sleeper.dueAt));
    if (!Number.isFinite(next)) throw new Error('ManualClock: nothing is waiting');
    const moved = Math.max(0, next - this.nowMs);
    this.advance(moved);
    return moved;
  }

  /** Ends the bot's waits one after another until `outcome` settles; its value. */
  async runUntil<T>(outcome: Promise<T>, maxWaits = 100): Promise<T> {
    const settled = outcome.then(
      () => 'settled' as const,
      () => 'settled' as const,
    );
    for (let waits = 0; waits < maxWaits; waits++) {
      const next = this.nextSleep();
      const first = await Promise.race([settled, next.promise]);
      next.cancel();
      if (first === 'settled') return outcome;
      this.wakeNext();
    }
    throw new Error(`ManualClock: still not settled after ${maxWaits} waits`);
  }

  /**
   * `runUntil` for code that also talks over the network: time moves on to the next wait only
   * while `quiet()` says nothing else is under way (say, no request on the wire), so it never runs
   * ahead of a request still travelling. Looks once per turn of the event loop; gives up when
   * nothing at all happened for `stallMs` of real time (a safety net, not a measurement). Waits due
   * after `until` are left alone: time never passes it.
   */
  async runWhenQuiet<T>(outcome: Promise<T>, quiet: () => boolean, { maxWaits = 10_000, stallMs = 10_000, until = Infinity } = {}): Promise<T> {
    let settled = false;
    const done = (): void => void (settled = true);
    outcome.then(done, done);
    let lastProgress = performance.now();
    for (let waits = 0; ; ) {
      await new Promise((resolve) => setImmediate(resolve));
      if (settled) return outcome;
      if (this.sleepers.length > 0 && quiet() && Math.min(...this.sleepers.map((sleeper) => sleeper.dueAt)) <= until) {
        if (++waits > maxWaits) throw new Error(`ManualClock: still not settled after ${maxWaits} waits`);
        this.wakeNext();
        lastProgress = performance.now();
      } else if (performance.now() - lastProgress > stallMs) {
        throw new Error(`ManualClock: nothing happened for ${stallMs} ms (${this.sleepers.length} waiting, quiet: ${quiet()})`);
      }
    }
  }
}
