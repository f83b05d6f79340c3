/**
 * The scheduler dispatch uses for its 10 s delivery timeout and for delayed deliveries. Tests pass
 * a `ManualTimers` and move time themselves, so a timeout or a delay never waits on the real clock.
 */
export interface DispatchTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: DispatchTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

interface ManualTimer {
  id: number;
  dueAt: number;
  callback: () => void;
}

/** Timers that fire only when `advance` moves the clock past them, earliest first. */
export class ManualTimers implements DispatchTimers {
  private timers: ManualTimer[] = [];
  private nextId = 1;
  private nowMs = 0;

  get now(): number {
    return this.nowMs;
  }

  /** How many timers are waiting to fire. */
  get pending(): number {
    return this.timers.length;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const timer = { id: this.nextId++, dueAt: this.nowMs + Math.max(0, ms), callback };
    this.timers.push(timer);
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }

  /** Moves the clock forward by `ms`, firing every timer that falls due on the way, in due order. */
  advance(ms: number): void {
    const target = this.nowMs + ms;
    for (;;) {
      const due = this.timers.filter((timer) => timer.dueAt <= target).sort((a, b) => a.dueAt - b.dueAt || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.nowMs = due.dueAt;
      due.callback();
    }
    this.nowMs = target;
  }
}
