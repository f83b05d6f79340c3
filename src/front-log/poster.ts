import type { Clock } from '../core/clock.js';
import type { Services } from '../services.js';
import type { LogProgress, LogSubscription } from '../stores/log-subscriptions/log-subscription-store.js';
import { TokenDecryptionError } from '../tokens/encrypted-tokens.js';
import { isTokenRefused, readFrontState, readPostedState, type FrontState } from './front-state.js';

type LogMessage = Parameters<Services['channels']['post']>[1];

/** Words a post: the state, the one posted before (to say who left), the log, whether it corrects the last post. */
export type RenderPost = (state: FrontState, previous: FrontState | null, subscription: LogSubscription, corrected: boolean) => LogMessage;

/** Several changes within this long become one post (PluralKit sends one event per write, unordered). */
export const DEFAULT_AGGREGATE_MS = 3_000;

export interface Change {
  /** The change may have rewritten what was posted (a switch edited, moved or deleted): correct the last post. */
  corrected: boolean;
  /** When the event arrived (dispatch); null for polling, where a change is noticed by comparing. */
  eventAt: number | null;
}

/**
 * Posts front changes: treats every event as "something changed", waits a few seconds so quick
 * successive changes become one post, then re-reads the state from PluralKit with the owner's
 * token (never the event's delta: events are unordered and may be lost) and posts it to each log
 * of the system where it differs from what was posted last: a new message (`log`) or the one
 * message edited (`board`, re-posted when it was deleted); a correction edits the last post.
 * With several instances, the first to hear of a change claims the system's wait in the store
 * (the database they all share); the others drop the events they hear during it.
 */
export class FrontLogPoster {
  private readonly pending = new Map<string, Change>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly stopping = new AbortController();

  constructor(
    private readonly services: Services,
    private readonly clock: Clock,
    private readonly render: RenderPost,
    private readonly aggregateMs = DEFAULT_AGGREGATE_MS,
  ) {}

  /** How many systems' changes wait here to be posted (claimed, or being claimed). */
  get waiting(): number {
    return this.pending.size;
  }

  /** Something changed for the system: post its state once the changes settle. Returns at once. */
  notify(systemUuid: string, change: Change): void {
    const waiting = this.pending.get(systemUuid);
    if (waiting) {
      waiting.corrected ||= change.corrected;
      waiting.eventAt = change.eventAt ?? waiting.eventAt;
      return;
    }
    if (this.stopping.signal.aborted) return;
    this.pending.set(systemUuid, { ...change });
    this.track(
      this.claim(`post:${systemUuid}`, this.aggregateMs).then(async (ours) => {
        // Another instance claimed this wait first: it re-reads after every event of the wait, this one's included.
        if (!ours) return void this.pending.delete(systemUuid);
        await this.clock.sleep(this.aggregateMs, this.stopping.signal);
        const settled = this.pending.get(systemUuid)!;
        this.pending.delete(systemUuid);
        if (!this.stopping.signal.aborted) await this.refresh(systemUuid, settled);
      }),
    );
  }

  /**
   * Whether this instance does a piece of a system's work (`post:`, `poll:`, `webhook:` and the
   * system's UUID) for `leaseMs`: of several instances on one database, one does it. When the
   * store cannot answer, the work is done anyway: a change posted twice beats one never posted.
   */
  async claim(key: string, leaseMs: number): Promise<boolean> {
    try {
      return await this.services.stores.logSubscriptions.claim(key, leaseMs, Math.floor(this.clock.now()));
    } catch (error) {
      this.services.logger.warn({ err: error, key }, 'front log: the claim could not be recorded; doing the work here');
      return true;
    }
  }

  /** Re-reads and posts now (polling, or after the wait). Never throws: faults are logged. */
  async refresh(systemUuid: string, change: Change): Promise<void> {
    try {
      const subscriptions = await this.services.stores.logSubscriptions.forSystem(systemUuid);
      const owners = [...new Set(subscriptions.map((subscription) => subscription.discordUserId))];
      for (const userId of owners) {
        await this.refreshOwner(userId, systemUuid, subscriptions.filter((subscription) => subscription.discordUserId === userId), change);
      }
    } catch (error) {
      this.services.logger.warn({ err: error, systemUuid }, 'front log: could not post a change');
    }
  }

  /** Stops waiting and lets what is being posted finish. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.allSettled([...this.inFlight]);
  }

  private async refreshOwner(userId: string, systemUuid: string, subscriptions: LogSubscription[], change: Change): Promise<void> {
    let token: string | null = null;
    try {
      const stored = await this.services.tokens.get(userId);
      if (stored && stored.systemUuid === systemUuid) token = stored.token;
    } catch (error) {
      if (!(error instanceof TokenDecryptionError)) throw error;
    }
    const states = new Map<string, FrontState>();
    for (const subscription of subscriptions) {
      if (token === null) {
        await this.setHealth(subscription, 'token-refused', change);
        continue;
      }
      let state = states.get(subscription.privacy);
      if (!state) {
        try {
          state = await readFrontState(this.services, token, subscription.privacy);
        } catch (error) {
          if (!isTokenRefused(error)) throw error;
          token = null;
          await this.setHealth(subscription, 'token-refused', change);
          continue;
        }
        states.set(subscription.privacy, state);
      }
      await this.post(subscription, state, change);
    }
  }

  private async post(subscription: LogSubscription, state: FrontState, change: Change): Promise<void> {
    const store = this.services.stores.logSubscriptions;
    const text = JSON.stringify(state);
    // Whole milliseconds: the stores keep integers.
    const now = Math.floor(this.clock.now());
    const seen: LogProgress = change.eventAt !== null ? { lastEventAt: change.eventAt } : {};
    if (text === subscription.lastPosted && subscription.health === 'ok') {
      await store.update(subscription.systemUuid, subscription.channelId, seen);
      return;
    }
    // A post shows the channel and the token work again; a webhook pointing elsewhere is still to be told.
    const health = subscription.health === 'webhook-elsewhere' ? 'webhook-elsewhere' : 'ok';
    const message = this.render(state, readPostedState(subscription.lastPosted), { ...subscription, health }, change.corrected);
    const editable = subscription.boardMessageId !== null && (subscription.style === 'board' || change.corrected) ? subscription.boardMessageId : null;
    let outcome = editable ? await this.services.channels.edit(subscription.channelId, editable, message) : await this.services.channels.post(subscription.channelId, message);
    if (editable && outcome.kind === 'gone') outcome = await this.services.channels.post(subscription.channelId, message);
    if (outcome.kind !== 'posted') {
      await store.update(subscription.systemUuid, subscription.channelId, { ...seen, health: 'channel-refused' });
      return;
    }
    await store.update(subscription.systemUuid, subscription.channelId, {
      lastEventAt: change.eventAt ?? now,
      boardMessageId: outcome.messageId,
      lastPosted: text,
      lastPostAt: now,
      health,
    });
  }

  /** Records a log's health; a board says it (keeping the state it shows) so the channel sees it too. */
  async showHealth(subscription: LogSubscription, health: LogSubscription['health']): Promise<void> {
    await this.services.stores.logSubscriptions.update(subscription.systemUuid, subscription.channelId, { health });
    this.services.logger.info({ systemUuid: subscription.systemUuid, channelId: subscription.channelId, health }, 'front log health changed');
    const shown = readPostedState(subscription.lastPosted);
    if (subscription.style !== 'board' || subscription.boardMessageId === null || !shown) return;
    await this.services.channels.edit(subscription.channelId, subscription.boardMessageId, this.render(shown, null, { ...subscription, health }, false));
  }

  private async setHealth(subscription: LogSubscription, health: LogSubscription['health'], change: Change): Promise<void> {
    if (change.eventAt !== null) await this.services.stores.logSubscriptions.update(subscription.systemUuid, subscription.channelId, { lastEventAt: change.eventAt });
    if (health !== subscription.health) await this.showHealth(subscription, health);
  }

  private track(work: Promise<void>): void {
    const tracked = work.catch((error: unknown) => this.services.logger.warn({ err: error }, 'front log: a queued change failed'));
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
  }
}
