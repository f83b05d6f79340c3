import type { Clock } from '../core/clock.js';
import type { Services } from '../services.js';
import type { FrontLogPoster } from './poster.js';

/** How far each wait strays from the interval, either way, so many bots (and logs) do not read in step. */
const JITTER = 0.1;

/**
 * Polling, when PluralKit cannot reach the bot (no PUBLIC_URL): every interval (jittered), each
 * polled system's state is read with its owner's token (PluralKit gives a token's own system its
 * own rate-limit bucket) and posted where it changed. A log whose token PluralKit refuses is marked
 * and no longer polled (`/log view` says so).
 */
export class FrontLogPoller {
  private readonly stopping = new AbortController();
  private running: Promise<void> | undefined;

  constructor(
    private readonly services: Services,
    private readonly poster: FrontLogPoster,
    private readonly clock: Clock,
    private readonly intervalMs: number,
    private readonly random: () => number = Math.random,
  ) {}

  start(): void {
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.running;
  }

  /** One round: every polled system once, one after another. */
  async pollOnce(): Promise<void> {
    let subscriptions;
    try {
      subscriptions = await this.services.stores.logSubscriptions.polling();
    } catch (error) {
      this.services.logger.warn({ err: error }, 'front log: could not read the polled logs');
      return;
    }
    for (const systemUuid of new Set(subscriptions.map((subscription) => subscription.systemUuid))) {
      if (this.stopping.signal.aborted) return;
      await this.poster.refresh(systemUuid, { corrected: false, eventAt: null });
    }
  }

  private async loop(): Promise<void> {
    while (!this.stopping.signal.aborted) {
      const wait = Math.round(this.intervalMs * (1 - JITTER + 2 * JITTER * this.random()));
      await this.clock.sleep(wait, this.stopping.signal);
      if (this.stopping.signal.aborted) return;
      await this.pollOnce();
    }
  }
}
