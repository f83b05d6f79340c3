/*
 * Client-side mirror of PluralKit's rate limiter (reference §5), so requests wait their turn
 * instead of earning a 429.
 *
 * The server runs GCRA per (scope, key): scope is generic_get (10/s) or generic_update (3/s)
 * (or `message`), key is the caller's system when the token owns the path's target entity
 * (the X-RateLimit-Scope header then says own_system_get / own_system_update) and the client IP
 * otherwise. Its effective instantaneous burst is rate − 1; we allow one less to absorb jitter.
 *
 * Ownership of a target is only known after a response has said so (or for `@me`), so a
 * request whose ownership is unknown is charged to both buckets it could land in.
 *
 * A successful response that carries no rate-limit headers passed a server without a limiter
 * (production always sends them past its limiter), so that bucket stops pacing until headers
 * reappear. Errors without headers (404 for an unknown path ref, 401) prove nothing and are ignored.
 */

export type ServerScope = 'generic_get' | 'generic_update' | 'message';

const DEFAULT_LIMITS: Record<string, number> = {
  generic_get: 10,
  generic_update: 3,
  message: 10,
  own_system_get: 10,
  own_system_update: 3,
};

/** Keep this many slots of the server's burst unused. */
const SAFETY_SLOTS = 1;
/** A Reset header further out than this is not trusted to block a bucket. */
const MAX_RESET_BLOCK_MS = 60_000;
const MAX_REMEMBERED_TARGETS = 10_000;

interface Bucket {
  limit: number;
  intervalMs: number;
  /** Burst tolerance: how far ahead of now the theoretical arrival time may run. */
  toleranceMs: number;
  /** Theoretical arrival time of the next request (GCRA). */
  tat: number;
  /** Set by a 429 or by Remaining 0 + Reset: nothing is sent before this. */
  blockedUntil: number;
  /** A successful response without rate-limit headers: the server does not limit this bucket. */
  unlimited: boolean;
}

export interface RateLimitHeaders {
  limit: number | null;
  remaining: number | null;
  /** Epoch ms, already converted from the header's Unix seconds. */
  resetAtMs: number | null;
  scope: string | null;
}

/** What the limiter needs to know about one request. */
export interface RateLimitedRequest {
  method: string;
  /** Route template, e.g. `/systems/{systemRef}/members`. */
  route: string;
  /** `kind:ref` of the path's target entity (normalised), or null when the route has none. */
  target: string | null;
  /** Opaque per-token key (never the token itself), or null when unauthenticated. */
  tokenKey: string | null;
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | null {
  const value = headers[name];
  if (value === undefined) return null;
  return Array.isArray(value) ? (value[0] ?? null) : value;
}

function finiteNumber(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : null;
}

/** Reads X-RateLimit-*; Reset is Unix seconds (the docs say ms, the server sends seconds). */
const NO_RATE_LIMIT_HEADERS: RateLimitHeaders = Object.freeze({ limit: null, remaining: null, resetAtMs: null, scope: null });

export function parseRateLimitHeaders(headers: Record<string, string | string[] | undefined>): RateLimitHeaders {
  if (
    headers['x-ratelimit-scope'] === undefined &&
    headers['x-ratelimit-limit'] === undefined &&
    headers['x-ratelimit-remaining'] === undefined &&
    headers['x-ratelimit-reset'] === undefined
  ) {
    return NO_RATE_LIMIT_HEADERS;
  }
  const reset = finiteNumber(header(headers, 'x-ratelimit-reset'));
  return {
    limit: finiteNumber(header(headers, 'x-ratelimit-limit')),
    remaining: finiteNumber(header(headers, 'x-ratelimit-remaining')),
    // A value this large can only be milliseconds; anything else is seconds.
    resetAtMs: reset === null ? null : reset > 1e11 ? reset : reset * 1000,
    scope: header(headers, 'x-ratelimit-scope'),
  };
}

/** Shared, never mutated: the anonymous hot path allocates nothing here. */
const IP_BUCKETS: Record<ServerScope, readonly string[]> = {
  generic_get: Object.freeze(['generic_get|ip']),
  generic_update: Object.freeze(['generic_update|ip']),
  message: Object.freeze(['message|ip']),
};

export interface RateLimiterOptions {
  now?: () => number;
}

export class RateLimiter {
  private readonly now: () => number;
  private readonly buckets = new Map<string, Bucket>();
  /** `${tokenKey} ${target}` → whether the token's system owns the target. */
  private readonly ownership = new Map<string, boolean>();
  /** GET routes whose scope the server reported as something other than generic_get. */
  private readonly routeScopes = new Map<string, ServerScope>();

  constructor(options: RateLimiterOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  /** The bucket keys a request is charged to. */
  bucketsFor(request: RateLimitedRequest): readonly string[] {
    const scope: ServerScope = request.method === 'GET' ? (this.routeScopes.get(request.route) ?? 'generic_get') : 'generic_update';
    const ip = IP_BUCKETS[scope];
    if (request.tokenKey === null || request.target === null || scope === 'message') return ip;
    const ownKey = `${scope === 'generic_get' ? 'own_system_get' : 'own_system_update'}|${request.tokenKey}`;
    const owned = request.target === 'system:@me' ? true : this.ownership.get(`${request.tokenKey} ${request.target}`);
    if (owned === true) return [ownKey];
    if (owned === false) return ip;
    return [ownKey, ip[0]!];
  }

  /**
   * Reserves the next slot in every bucket and returns how many ms to wait before sending.
   * Returns null, reserving nothing, if the wait would end after `deadline` (epoch ms).
   */
  reserve(bucketKeys: readonly string[], deadline?: number): number | null {
    const now = this.now();
    let sendAt = now;
    for (const key of bucketKeys) {
      const bucket = this.bucket(key);
      const earliest = bucket.unlimited ? bucket.blockedUntil : Math.max(bucket.tat - bucket.toleranceMs, bucket.blockedUntil);
      if (earliest > sendAt) sendAt = earliest;
    }
    if (deadline !== undefined && sendAt > deadline) return null;
    for (const key of bucketKeys) {
      const bucket = this.bucket(key);
      bucket.tat = Math.max(bucket.tat, sendAt) + bucket.intervalMs;
    }
    return sendAt - now;
  }

  /** How long a request on these buckets would have to wait now, without reserving. */
  delayFor(bucketKeys: readonly string[]): number {
    const now = this.now();
    let sendAt = now;
    for (const key of bucketKeys) {
      const bucket = this.bucket(key);
      sendAt = Math.max(sendAt, bucket.unlimited ? 0 : bucket.tat - bucket.toleranceMs, bucket.blockedUntil);
    }
    return sendAt - now;
  }

  /**
   * Learns from a response's rate-limit headers: ownership, the route's scope, the bucket state.
   * `chargedBuckets` are the keys the request was reserved on; `succeeded` is a 2xx status.
   */
  observe(request: RateLimitedRequest, headers: RateLimitHeaders, chargedBuckets: readonly string[] = [], succeeded = false): void {
    const scope = headers.scope;
    if (scope === null) {
      if (succeeded && headers.limit === null) for (const key of chargedBuckets) this.bucket(key).unlimited = true;
      return;
    }
    let bucketKey: string;
    if (scope.startsWith('own_system_')) {
      if (request.tokenKey === null) return;
      this.rememberOwnership(request, true);
      bucketKey = `${scope}|${request.tokenKey}`;
    } else {
      if (request.tokenKey !== null && request.target !== null && request.target !== 'system:@me') {
        this.rememberOwnership(request, false);
      }
      if (request.method === 'GET' && (scope === 'message' || scope === 'generic_get')) {
        if (scope === 'message') this.routeScopes.set(request.route, scope);
        else this.routeScopes.delete(request.route);
      }
      bucketKey = `${scope}|ip`;
    }
    this.sync(bucketKey, headers);
  }

  /** After a 429: nothing goes to the buckets the request was charged to until retry_after passed. */
  block(bucketKeys: readonly string[], retryAfterMs: number): void {
    const until = this.now() + Math.max(0, retryAfterMs);
    for (const key of bucketKeys) {
      const bucket = this.bucket(key);
      bucket.blockedUntil = Math.max(bucket.blockedUntil, until);
    }
  }

  private sync(bucketKey: string, headers: RateLimitHeaders): void {
    const bucket = this.bucket(bucketKey);
    const now = this.now();
    bucket.unlimited = false;
    if (headers.limit !== null && headers.limit > 0 && headers.limit !== bucket.limit) {
      this.configure(bucket, headers.limit);
    }
    if (headers.remaining !== null) {
      // The server's theoretical arrival time is at most (limit − remaining) intervals ahead.
      const used = Math.max(0, bucket.limit - Math.max(0, headers.remaining));
      bucket.tat = Math.max(bucket.tat, now + used * bucket.intervalMs);
      if (headers.remaining <= 0 && headers.resetAtMs !== null && headers.resetAtMs > now) {
        bucket.blockedUntil = Math.max(bucket.blockedUntil, Math.min(headers.resetAtMs, now + MAX_RESET_BLOCK_MS));
      }
    }
  }

  private rememberOwnership(request: RateLimitedRequest, owned: boolean): void {
    if (request.target === null || request.tokenKey === null) return;
    if (this.ownership.size >= MAX_REMEMBERED_TARGETS) this.ownership.clear();
    this.ownership.set(`${request.tokenKey} ${request.target}`, owned);
  }

  private bucket(key: string): Bucket {
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      const scope = key.slice(0, key.indexOf('|'));
      bucket = { limit: 0, intervalMs: 0, toleranceMs: 0, tat: 0, blockedUntil: 0, unlimited: false };
      this.configure(bucket, DEFAULT_LIMITS[scope] ?? 1);
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  private configure(bucket: Bucket, limit: number): void {
    bucket.limit = limit;
    bucket.intervalMs = 1000 / limit;
    const burst = Math.max(1, limit - 1 - SAFETY_SLOTS);
    bucket.toleranceMs = (burst - 1) * bucket.intervalMs;
  }
}
