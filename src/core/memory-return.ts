import type { Clock } from './clock.js';

/*
 * An idle bot gives memory back. When caches drop what nobody used for a while, the heap holds
 * dead lists, but with nothing allocating V8 never starts the major collection that would free
 * them: a bot stayed at 162–167 MB through 90 s of idleness and fell to 102–103 MB after one
 * forced collection. So once idle sweeps dropped enough, one full collection runs, a moment later
 * (the three list caches sweep one after another) and never more often than once a minute.
 * Collecting needs `gc`, which node exposes with `--expose-gc` (`npm start` passes it); without
 * it nothing happens and V8 collects whenever it would have.
 */

export interface MemoryReturnOptions {
  /** A full garbage collection (`globalThis.gc`); undefined when the process was started without `--expose-gc`. */
  collect: (() => void) | undefined;
  clock: Clock;
  /** Bytes dropped since the last collection that make one worth its pause. Default 4 MB. */
  minDroppedBytes?: number;
  /** How long after the drop that crosses it to collect, so drops close together share one collection. Default 2 s. */
  settleMs?: number;
  /** Collections at least this far apart. Default 60 s. */
  minIntervalMs?: number;
  /** Told after each collection how many bytes the sweeps had dropped (for the logs). */
  onCollected?: (droppedBytes: number) => void;
}

export class MemoryReturn {
  private readonly collect: (() => void) | undefined;
  private readonly clock: Clock;
  private readonly minDroppedBytes: number;
  private readonly settleMs: number;
  private readonly minIntervalMs: number;
  private readonly onCollected: ((droppedBytes: number) => void) | undefined;
  private readonly stopped = new AbortController();
  private dropped = 0;
  private scheduled = false;
  private lastCollectedAt = -Infinity;
  /** Collections run so far (for tests and logs). */
  collections = 0;

  constructor(options: MemoryReturnOptions) {
    this.collect = options.collect;
    this.clock = options.clock;
    this.minDroppedBytes = options.minDroppedBytes ?? 4 * 1024 * 1024;
    this.settleMs = options.settleMs ?? 2_000;
    this.minIntervalMs = options.minIntervalMs ?? 60_000;
    this.onCollected = options.onCollected;
  }

  /** A cache dropped about this many bytes because nobody used them (not an eviction under load: that allocates anyway). */
  droppedIdle(bytes: number): void {
    if (this.collect === undefined || this.stopped.signal.aborted) return;
    this.dropped += bytes;
    if (this.scheduled || this.dropped < this.minDroppedBytes) return;
    this.scheduled = true;
    const wait = Math.max(this.settleMs, this.lastCollectedAt + this.minIntervalMs - this.clock.now());
    void this.clock.sleep(wait, this.stopped.signal).then(() => this.run());
  }

  /** Stops (at shutdown): a collection still waiting does not run. */
  dispose(): void {
    this.stopped.abort();
  }

  private run(): void {
    this.scheduled = false;
    if (this.stopped.signal.aborted) return;
    const dropped = this.dropped;
    this.dropped = 0;
    this.lastCollectedAt = this.clock.now();
    this.collections++;
    this.collect!();
    this.onCollected?.(dropped);
  }
}

/** The process's full collection when node exposes one (`--expose-gc`). */
export function exposedCollect(): (() => void) | undefined {
  const gc = (globalThis as { gc?: () => void }).gc;
  return typeof gc === 'function' ? () => gc() : undefined;
}
