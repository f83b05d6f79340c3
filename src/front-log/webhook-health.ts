import type { Clock } from '../core/clock.js';
import type { Services } from '../services.js';
import type { LogSubscription } from '../stores/log-subscriptions/log-subscription-store.js';
import type { FrontLogPoster } from './poster.js';
import { Repeating } from './repeating.js';
import { dispatchUrl } from './subscriptions.js';

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
    let subscriptions: LogSubscription[];
    try {
      subscriptions = await this.services.stores.logSubscriptions.dispatched();
    } catch (error) {
      this.services.logger.warn({ err: error }, 'front log: could not read the dispatched logs');
      return;
    }
    for (const systemUuid of new Set(subscriptions.map((subscription) => subscription.systemUuid))) {
      if (signal?.aborted) return;
      // Several instances: the first round of the day checks each system; the others skip it.
      if (!(await this.poster.claim(`webhook:${systemUuid}`, this.leaseMs))) continue;
      const theirs = subscriptions.filter((subscription) => subscription.systemUuid === systemUuid);
      const pointsHere = await this.pointsHere(theirs[0]!, ours);
      if (pointsHere === null) continue;
      for (const subscription of theirs) {
        const health = pointsHere ? (subscription.health === 'webhook-elsewhere' ? 'ok' : subscription.health) : 'webhook-elsewhere';
        if (health !== subscription.health) await this.poster.showHealth(subscription, health);
      }
    }
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
