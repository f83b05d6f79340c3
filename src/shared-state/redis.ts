import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { CACHE_DROP_SCRIPT, CACHE_SET_SCRIPT, TAKE_SCRIPT } from './redis-scripts.js';
import type { RateBucketSpec, RateBuckets, RateTake, TaggedCache, Versions } from './shared-state.js';

/*
 * The shared state in one Redis (REDIS_URL), every key under a prefix. Redis holds nothing
 * durable: losing it loses pacing history, a few seconds of cached public views and list versions,
 * all of which rebuild by themselves. Failures here are thrown; resilient.ts decides what to do.
 */

export type RedisConnection = ReturnType<typeof createClient>;

/** A command that takes longer than this fails, so a hung Redis cannot hang an interaction. */
const COMMAND_TIMEOUT_MS = 1_000;
/** How long a list version is kept: far longer than any cached list lives. */
const VERSION_TTL_MS = 60 * 60_000;
const UNTAGGED = '~';

/**
 * A client that fails fast while disconnected (no offline queue: the caller falls back at once)
 * and reconnects by itself, backing off to 5 s.
 */
export function redisConnection(url: string): RedisConnection {
  return createClient({
    url,
    disableOfflineQueue: true,
    commandOptions: { timeout: COMMAND_TIMEOUT_MS, rejectInFlight: true },
    socket: { connectTimeout: 2_000, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 5_000) },
  });
}

export class RedisRateBuckets implements RateBuckets {
  constructor(
    private readonly client: RedisConnection,
    private readonly prefix: string,
  ) {}

  async take(buckets: readonly RateBucketSpec[]): Promise<RateTake> {
    const reply = (await this.client.eval(TAKE_SCRIPT, {
      keys: buckets.map((bucket) => `${this.prefix}rate:${bucket.key}`),
      arguments: buckets.flatMap((bucket) => [String(bucket.intervalMs), String(bucket.toleranceMs)]),
    })) as [number, number];
    return reply[0] === 1 ? { admitted: true } : { admitted: false, retryAfterMs: reply[1] };
  }
}

export class RedisTaggedCache implements TaggedCache {
  constructor(
    private readonly client: RedisConnection,
    private readonly prefix: string,
    readonly ttlMs: number,
  ) {}

  async get(key: string): Promise<{ value: unknown } | undefined> {
    const json = await this.client.get(this.entryKey(key));
    return json === null ? undefined : { value: JSON.parse(json) as unknown };
  }

  set(key: string, value: unknown, tag: string | null): void {
    void this.store(key, value, tag);
  }

  /** What `set` runs; awaitable for the ones who must know (the fallback, tests). */
  async store(key: string, value: unknown, tag: string | null): Promise<void> {
    if (this.ttlMs <= 0) return;
    await this.client.eval(CACHE_SET_SCRIPT, {
      keys: [this.entryKey(key), this.indexKey(tag ?? UNTAGGED), this.indexKey('*')],
      arguments: [JSON.stringify(value), String(Math.ceil(this.ttlMs))],
    });
  }

  async drop(tag: string | null): Promise<void> {
    const indexes = tag === null ? [this.indexKey('*')] : [this.indexKey(tag), this.indexKey(UNTAGGED)];
    await this.client.eval(CACHE_DROP_SCRIPT, { keys: indexes });
  }

  private entryKey(key: string): string {
    return `${this.prefix}cache:${key}`;
  }

  private indexKey(tag: string): string {
    return `${this.prefix}cache-index:${tag}`;
  }
}

export class RedisVersions implements Versions {
  constructor(
    private readonly client: RedisConnection,
    private readonly prefix: string,
  ) {}

  stamp(key: string): Promise<string | null> {
    return this.client.get(`${this.prefix}version:${key}`);
  }

  async change(key: string): Promise<void> {
    await this.client.set(`${this.prefix}version:${key}`, randomUUID(), { PX: VERSION_TTL_MS });
  }
}
