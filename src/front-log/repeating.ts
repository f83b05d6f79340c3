import type { Clock } from '../core/clock.js';

/**
 * Work done every interval on the injected clock, each wait varied by ±`jitter` so many logs (and
 * bots) do not act in step; `stop` ends the wait at once and lets a round in progress finish.
 */
export class Repeating {
  private readonly stopping = new AbortController();
  private running: Promise<void> | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
    private readonly round: (signal: AbortSignal) => Promise<void>,
    private readonly options: { jitter: number; random: () => number } = { jitter: 0, random: Math.random },
  ) {}

  start(): void {
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.running;
  }

  private async loop(): Promise<void> {
    const { jitter, random } = this.options;
    while (!this.stopping.signal.aborted) {
      // Whole milliseconds: times derived from the clock are stored as integers.
      await this.clock.sleep(Math.round(this.intervalMs * (1 - jitter + 2 * jitter * random())), this.stopping.signal);
      if (this.stopping.signal.aborted) return;
      await this.round(this.stopping.signal);
    }
  }
}
