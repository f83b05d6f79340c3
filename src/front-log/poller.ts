import type { Clock } from '../core/clock.js';
import type { Services } from '../services.js';
import type { FrontLogPoster } from './poster.js';
import { Repeating } from './repeating.js';
import { forEachClaimedSystem } from './system-rounds.js';

/** How far each wait strays from the interval, either way, so many bots (and logs) do not read in step. */
const JITTER = 0.1;

/**
 * Polling, when PluralKit cannot reach the bot (no PUBLIC_URL): every interval (jittered), each
 * polled system's state is read with its owner's token (PluralKit gives a token's own system its
 * own rate-limit bucket) and posted where it changed. A log whose token PluralKit refuses is marked
 * and no longer polled (`/log view` says so). With several instances, each round claims each
 * system in the store first, so every instance's rounds together poll a system once an interval.
 */
export class FrontLogPoller {
  private readonly repeating: Repeating;
  /** A system polled by any instance is not polled again before the shortest jittered interval. */
  private readonly leaseMs: number;

  constructor(
    private readonly services: Services,
    private readonly poster: FrontLogPoster,
    clock: Clock,
    intervalMs: number,
    random: () => number = Math.random,
  ) {
    this.repeating = new Repeating(clock, intervalMs, (signal) => this.pollOnce(signal), { jitter: JITTER, random });
    this.leaseMs = Math.floor(intervalMs * (1 - JITTER));
  }

  start(): void {
    this.repeating.start();
  }

  stop(): Promise<void> {
    return this.repeating.stop();
  }

  /** One round: every polled system no instance polled lately, one after another. */
  async pollOnce(signal?: AbortSignal): Promise<void> {
    const logs = this.services.stores.logSubscriptions;
    await forEachClaimedSystem(this.services, this.poster, { logs: 'polled', read: () => logs.polling(), claimPrefix: 'poll', leaseMs: this.leaseMs, signal }, (systemUuid) =>
      this.poster.refresh(systemUuid, { corrected: false, eventAt: null }),
    );
  }
}
