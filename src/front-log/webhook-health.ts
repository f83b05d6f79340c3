import type { Clock } from '../core/clock.js';
import type { Services } from '../services.js';
import type { LogSubscription } from '../stores/log-subscriptions/log-subscription-store.js';
import type { FrontLogPoster } from './poster.js';
import { Repeating } from './repeating.js';
import { dispatchUrl } from './subscriptions.js';
import { forEachClaimedSystem } from './system-rounds.js';

export const WEBHOOK_CHECK_INTERVAL_MS = 24 * 60 * 60 * 1000;

/**
 * Once a day, for logs fed by dispatch: does the system's `webhook_url` (owner view) still point
 * here? When it does not (the owner set another tool's, or cleared it), the log is marked and its
 * board says so; when it points here again, the mark goes.
 */
export class WebhookHealthCheck {
  private readonly repeating: Repeating;
  private readonly leaseMs: number;

  constructor(
    private readonly services: Services,
    private readonly poster: FrontLogPoster,
    clock: Clock,
    intervalMs = WEBHOOK_CHECK_INTERVAL_MS,
  ) {
    // Less than the interval, so this instance's own next round is never refused by its last claim.
    this.leaseMs = Math.floor(intervalMs * 0.9);
    this.repeating = new Repeating(clock, intervalMs, (signal) => this.checkOnce(signal));
  }

  start(): void {
    this.repeating.start();
  }

  stop(): Promise<void> {
    return this.repeating.stop();
  }

  async checkOnce(signal?: AbortSignal): Promise<void> {
    const ours = dispatchUrl(this.services);
    if (!ours) return;
    const logs = this.services.stores.logSubscriptions;
    // Several instances: the first round of the day checks each system; the others skip it.
    await forEachClaimedSystem(this.services, this.poster, { logs: 'dispatched', read: () => logs.dispatched(), claimPrefix: 'webhook', leaseMs: this.leaseMs, signal }, async (_, theirs) => {
      const pointsHere = await this.pointsHere(theirs[0]!, ours);
      if (pointsHere === null) return;
      for (const subscription of theirs) {
        const health = pointsHere ? (subscription.health === 'webhook-elsewhere' ? 'ok' : subscription.health) : 'webhook-elsewhere';
        if (health !== subscription.health) await this.poster.showHealth(subscription, health);
      }
    });
  }

  /** Null when it cannot be known now (no token, PluralKit unreachable): nothing changes then. */
  private async pointsHere(subscription: LogSubscription, ours: string): Promise<boolean | null> {
    try {
      const stored = await this.services.tokens.get(subscription.discordUserId);
      if (!stored || stored.systemUuid !== subscription.systemUuid) return null;
      const system = await this.services.pluralkit.getSystem('@me', { token: stored.token });
      return (system.webhook_url ?? null) === ours;
    } catch (error) {
      this.services.logger.info({ err: error, systemUuid: subscription.systemUuid }, 'front log: the webhook URL could not be checked');
      return null;
    }
  }
}
