import type { Logger } from '../logger.js';
import { inProcessSharedState } from './in-process.js';
import { RedisRateBuckets, RedisTaggedCache, RedisVersions, type RedisConnection } from './redis.js';
import type { RateBucketSpec, RateBuckets, RateTake, SharedState, TaggedCache, Versions } from './shared-state.js';

/*
 * Redis with a way down: while Redis cannot be reached every operation uses this instance's
 * in-process state instead, so the bot keeps answering (each instance then paces, caches and
 * versions on its own, as one instance does without REDIS_URL). One warning when Redis goes, one
 * line when it is back; no error reaches a caller.
 */

/**
 * After a failed command, Redis is left alone this long before one call tries it again: a Redis
 * that hangs rather than drops the connection would otherwise cost every call the command timeout.
 */
const COOL_OFF_MS = 5_000;
/** How long a closing client may wait for replies still owed. */
const CLOSE_WAIT_MS = 1_000;

/** Tracks whether Redis answers, and says so in the log once per change. */
export class RedisHealth {
  private down = false;
  private retryAt = 0;

  constructor(
    readonly client: RedisConnection,
    private readonly log: Logger,
    private readonly where: string,
    private readonly now: () => number = Date.now,
  ) {
    client.on('error', (error: unknown) => this.lost(error));
    client.on('ready', () => this.back());
  }

  /** Whether to try Redis at all: not while it is known to be away, nor while cooling off after a failure. */
  get usable(): boolean {
    return this.client.isReady && this.now() >= this.retryAt;
  }

  lost(error: unknown): void {
    this.retryAt = this.now() + COOL_OFF_MS;
    if (this.down) return;
    this.down = true;
    this.log.warn(
      { redis: this.where, err: error instanceof Error ? error.message : String(error) },
      'Redis is unreachable: rate limits, public views and list versions are in-process until it answers (instances no longer share them)',
    );
  }

  back(): void {
    this.retryAt = 0;
    if (!this.down) return;
    this.down = false;
    this.log.info({ redis: this.where }, 'Redis answers again: instances share rate limits, public views and list versions again');
  }

  /** `shared()` when Redis is usable and answers, else `local()`. */
  async either<T>(shared: () => Promise<T>, local: () => T | Promise<T>): Promise<T> {
    if (!this.usable) return local();
    try {
      const answer = await shared();
      // A command that timed out without the connection dropping ends its outage here, not at a reconnect.
      if (this.down) this.back();
      return answer;
    } catch (error) {
      this.lost(error);
      return local();
    }
  }
}

class ResilientRateBuckets implements RateBuckets {
  constructor(
    private readonly health: RedisHealth,
    private readonly redis: RedisRateBuckets,
    private readonly local: RateBuckets,
  ) {}

  take(buckets: readonly RateBucketSpec[]): Promise<RateTake> {
    return this.health.either(
      () => this.redis.take(buckets),
      () => this.local.take(buckets),
    );
  }
}

class ResilientTaggedCache implements TaggedCache {
  constructor(
    private readonly health: RedisHealth,
    private readonly redis: RedisTaggedCache,
    private readonly local: TaggedCache,
  ) {}

  get ttlMs(): number {
    return this.redis.ttlMs;
  }

  get(key: string): Promise<{ value: unknown } | undefined> {
    return this.health.either(
      () => this.redis.get(key),
      () => this.local.get(key),
    );
  }

  set(key: string, value: unknown, tag: string | null): void {
    void this.health.either(
      () => this.redis.store(key, value, tag),
      () => this.local.set(key, value, tag),
    );
  }

  async drop(tag: string | null): Promise<void> {
    // The local copy too: it may hold views kept while Redis was away.
    await this.local.drop(tag);
    await this.health.either(
      () => this.redis.drop(tag),
      () => undefined,
    );
  }
}

class ResilientVersions implements Versions {
  constructor(
    private readonly health: RedisHealth,
    private readonly redis: RedisVersions,
    private readonly local: Versions,
  ) {}

  stamp(key: string): Promise<string | null> {
    return this.health.either(
      () => this.redis.stamp(key),
      () => this.local.stamp(key),
    );
  }

  async change(key: string): Promise<void> {
    await this.local.change(key);
    await this.health.either(
      () => this.redis.change(key),
      () => undefined,
    );
  }
}

export interface RedisSharedStateOptions {
  health: RedisHealth;
  /** Every key starts with it: several deployments (or test files) can share one Redis. */
  prefix: string;
  publicViewTtlMs: number;
}

export function redisSharedState(options: RedisSharedStateOptions): SharedState {
  const { health, prefix } = options;
  const client = health.client;
  const local = inProcessSharedState({ publicViewTtlMs: options.publicViewTtlMs });
  return {
    kind: 'redis',
    rateBuckets: new ResilientRateBuckets(health, new RedisRateBuckets(client, prefix), local.rateBuckets),
    publicViews: new ResilientTaggedCache(health, new RedisTaggedCache(client, prefix, options.publicViewTtlMs), local.publicViews),
    versions: new ResilientVersions(health, new RedisVersions(client, prefix), local.versions),
    async close() {
      // Replies still owed are waited for a moment (a hung Redis would never send them); a client
      // still trying to reconnect has nothing to flush. Either way it is torn down after.
      if (client.isReady) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([client.close().catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_WAIT_MS)))]);
        clearTimeout(timer);
      }
      if (client.isOpen) client.destroy();
    },
  };
}
