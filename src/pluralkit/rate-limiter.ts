import { startTimer, systemClock, type Clock } from '../core/clock.js';
import type { AbortSignalLike } from './cancel.js';
import type { RateLimitHeaders } from './rate-limit-headers.js';

export { parseRateLimitHeaders, type RateLimitHeaders } from './rate-limit-headers.js';

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
 * Requests that cannot go at once wait in one queue, re-examined whenever time, a response or a
 * 429 changes what the buckets allow — a wait is never computed once up front, because what is
 * known about the server can change while a request waits. A waiter's deadline is read each time
 * too: it may move later while it waits (a shared read joined by a caller with more time).
 *
 * The queue has two lanes. Interactive requests (the default) are first come, first served. A
 * long read — many requests one after another, each sent only when the one before has answered,
 * like /stats paging back through 10,000 switches — would otherwise queue every page behind every
 * interactive request that arrived meanwhile, and under load spend its whole time in line. Its
 * requests go in the long-read lane instead, which gets one admission in four while both lanes
 * wait (weighted fair queueing by lane: each waiter is tagged with a virtual time, interactive
 * requests advancing their lane by 1, long reads by 3, and the queue is kept in tag order).
 *
 * A successful response without rate-limit headers came from a server without a limiter
 * (production always sends them past its limiter); that bucket then stops pacing by time. It
 * still never has more than one burst in flight: should the limiter come back, at most one
 * burst reaches it before a response with headers puts the bucket back on its schedule.
 * Errors without headers (404 for an unknown path ref, 401) prove nothing and are ignored.
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
/** Above this many buckets, buckets in their resting state are forgotten (per-token buckets add up). */
const BUCKET_SWEEP_THRESHOLD = 2_000;
/** A wait must end this long before the caller's deadline, or the request would only go out to time out. */
const DEFAULT_MIN_ATTEMPT_MS = 250;

export type Lane = 'interactive' | 'long-read';
/** Virtual time one admission costs its lane: while both lanes wait, long reads get 1 admission in 1 + 3. */
const LANE_COST: Record<Lane, number> = { interactive: 1, 'long-read': 3 };

/** One server bucket as this client tracks it (exported for the type of `Admission.buckets`). */
export interface Bucket {
  limit: number;
  intervalMs: number;
  /** Burst tolerance: how far ahead of now the theoretical arrival time may run. */
  toleranceMs: number;
  /** Requests the bucket lets through at once; also the in-flight cap while `unlimited`. */
  burst: number;
  /** Theoretical arrival time of the next request (GCRA). */
  tat: number;
  /** Set by a 429 or by Remaining 0 + Reset: nothing is sent before this. */
  blockedUntil: number;
  /** A successful response without rate-limit headers: the server does not limit this bucket. */
  unlimited: boolean;
  /** Admitted, response not yet seen. */
  inFlight: number;
  /** Queued requests charged to this bucket. */
  waiting: number;
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

/** Permission to send one request; hand it back with `complete` whatever happens. */
export class Admission {
  done = false;
  /** @internal */
  constructor(readonly buckets: readonly Bucket[]) {}
}

/** The wait for our own limiter would end past the caller's deadline; nothing was sent. */
export class RateLimitHold extends Error {
  override name = 'RateLimitHold';
  constructor(readonly retryAfterMs: number) {
    super(`held back by the rate limiter for about ${Math.ceil(retryAfterMs)} ms`);
  }
}

/** The caller's signal fired while the request waited for the limiter; nothing was sent. */
export class RateLimitWaitAborted extends Error {
  override name = 'RateLimitWaitAborted';
}

export interface WaitOptions {
  /**
   * Epoch ms; a wait that would end later than `deadline − minAttemptMs` fails with RateLimitHold.
   * Read again whenever the limiter looks at the waiter, so its owner may move it later meanwhile.
   */
  deadline?: number;
  signal?: AbortSignalLike;
  /** One of the many requests of a long read: waits in the long-read lane. */
  longRead?: boolean;
}

interface Waiter {
  buckets: Bucket[];
  /** The caller's options, kept to read the deadline afresh; also how `expectedAdmission` finds the waiter. */
  options: WaitOptions;
  lane: Lane;
  /** Virtual time: the queue is kept in tag order. */
  tag: number;
  queued: boolean;
  resolve: (admission: Admission) => void;
  reject: (error: Error) => void;
  /** Stops the deadline timer. */
  stopTimer: (() => void) | undefined;
  onAbort: (() => void) | undefined;
}

/** Shared, never mutated: the anonymous hot path allocates nothing here. */
const IP_BUCKETS: Record<ServerScope, readonly string[]> = {
  generic_get: Object.freeze(['generic_get|ip']),
  generic_update: Object.freeze(['generic_update|ip']),
  message: Object.freeze(['message|ip']),
};

export interface RateLimiterOptions {
  /** Time and timers (default the wall clock): tests pass one they move themselves. */
  clock?: Clock;
  /** See WaitOptions.deadline. Default 250 ms. */
  minAttemptMs?: number;
}

/**
 * Every bucket's state, and nothing else: what a limiter shared between processes would have to
 * share (the queue of waiting requests is this process's own).
 */
class BucketTable {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number) {}

  get(key: string): Bucket {
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      if (this.buckets.size >= BUCKET_SWEEP_THRESHOLD) this.sweepResting();
      const scope = key.slice(0, key.indexOf('|'));
      bucket = { limit: 0, intervalMs: 0, toleranceMs: 0, burst: 1, tat: 0, blockedUntil: 0, unlimited: false, inFlight: 0, waiting: 0 };
      configure(bucket, DEFAULT_LIMITS[scope] ?? 1);
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  /** A bucket whose schedule has fully drained behaves like a new one, so it can be forgotten (IP buckets never are). */
  private sweepResting(): void {
    const now = this.now();
    for (const [key, bucket] of this.buckets) {
      if (key.endsWith('|ip')) continue;
      if (bucket.inFlight === 0 && bucket.waiting === 0 && bucket.tat <= now && bucket.blockedUntil <= now && !bucket.unlimited) {
        this.buckets.delete(key);
      }
    }
  }
}

function configure(bucket: Bucket, limit: number): void {
  bucket.limit = limit;
  bucket.intervalMs = 1000 / limit;
  bucket.burst = Math.max(1, limit - 1 - SAFETY_SLOTS);
  bucket.toleranceMs = (bucket.burst - 1) * bucket.intervalMs;
}

export class RateLimiter {
  private readonly now: () => number;
  /** A wait must end this long before its deadline (see RateLimiterOptions). */
  readonly minAttemptMs: number;
  private readonly buckets: BucketTable;
  /** `${tokenKey} ${target}` → whether the token's system owns the target. */
  private readonly ownership = new Map<string, boolean>();
  /** GET routes whose scope the server reported as something other than generic_get. */
  private readonly routeScopes = new Map<string, ServerScope>();
  /** Resolved buckets of the shared IP key lists (the anonymous hot path); IP buckets are never swept. */
  private readonly resolvedIpBuckets = new Map<readonly string[], Bucket[]>();
  /** In tag order. */
  private queue: Waiter[] = [];
  /** The tag of the latest admission from the queue: where a lane with nobody waiting starts again. */
  private virtualTime = 0;
  private readonly lanes: Record<Lane, { lastTag: number; waiting: number }> = {
    interactive: { lastTag: 0, waiting: 0 },
    'long-read': { lastTag: 0, waiting: 0 },
  };
  private readonly clock: Clock;
  private stopPumpTimer: (() => void) | undefined;
  private pumpAt = Infinity;

  constructor(options: RateLimiterOptions = {}) {
    const clock = options.clock ?? systemClock;
    this.clock = clock;
    this.now = () => clock.now();
    this.minAttemptMs = options.minAttemptMs ?? DEFAULT_MIN_ATTEMPT_MS;
    this.buckets = new BucketTable(this.now);
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

  /** Admits at once when nothing is queued on these buckets and they allow it now; otherwise null. */
  tryAdmit(bucketKeys: readonly string[]): Admission | null {
    const now = this.now();
    const buckets = this.resolve(bucketKeys);
    for (const bucket of buckets) {
      if (bucket.waiting > 0 || this.admitTime(bucket, now) > now) return null;
    }
    this.charge(buckets, now);
    return new Admission(buckets);
  }

  /**
   * Waits in line for the buckets. Rejects with RateLimitHold as soon as its turn, counting those
   * ahead of it, would come past the deadline — at once when that is already so, later if a 429 or
   * the server's headers lengthen the wait, at the latest at the deadline; with
   * RateLimitWaitAborted when the signal fires.
   */
  wait(bucketKeys: readonly string[], options: WaitOptions = {}): Promise<Admission> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(new RateLimitWaitAborted());
    const buckets = this.resolve(bucketKeys);
    const lane: Lane = options.longRead ? 'long-read' : 'interactive';
    return new Promise<Admission>((resolve, reject) => {
      const waiter: Waiter = { buckets, options, lane, tag: this.tagFor(lane), queued: true, resolve, reject, stopTimer: undefined, onAbort: undefined };
      this.enqueue(waiter);
      this.pump();
      if (!waiter.queued) return;
      this.watchDeadline(waiter);
      if (signal) {
        waiter.onAbort = () => this.drop(waiter, new RateLimitWaitAborted());
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
    });
  }

  /**
   * Hands an admission back once the request is over: with the response's rate-limit headers
   * and status, or with null when no response came (network failure, timeout, abort).
   */
  complete(admission: Admission, request: RateLimitedRequest, response: { headers: RateLimitHeaders; status: number } | null): void {
    if (admission.done) return;
    admission.done = true;
    for (const bucket of admission.buckets) bucket.inFlight = Math.max(0, bucket.inFlight - 1);
    if (response) this.observe(request, response.headers, admission.buckets, response.status >= 200 && response.status < 300);
    this.pump();
  }

  /**
   * Learns from a response's rate-limit headers: ownership, the route's scope, the bucket state.
   * `chargedBuckets` are the buckets the request was admitted on; `succeeded` is a 2xx status.
   */
  observe(request: RateLimitedRequest, headers: RateLimitHeaders, chargedBuckets: readonly (Bucket | string)[] = [], succeeded = false): void {
    const scope = headers.scope;
    if (scope === null) {
      if (succeeded && headers.limit === null) {
        for (const charged of chargedBuckets) (typeof charged === 'string' ? this.buckets.get(charged) : charged).unlimited = true;
      }
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

  /** After a 429: nothing goes to these buckets until retry_after has passed. A 429 also proves a limiter is there. */
  block(bucketKeys: readonly string[], retryAfterMs: number): void {
    const until = this.now() + Math.max(0, retryAfterMs);
    for (const key of bucketKeys) {
      const bucket = this.buckets.get(key);
      bucket.blockedUntil = Math.max(bucket.blockedUntil, until);
      bucket.unlimited = false;
    }
    this.pump();
  }

  /**
   * How long a request on these buckets would wait if it asked now (0 when it would go at once):
   * behind every waiter its lane's turn puts ahead of it.
   */
  expectedWait(bucketKeys: readonly string[], options: Pick<WaitOptions, 'longRead'> = {}): number {
    const now = this.now();
    const lane: Lane = options.longRead ? 'long-read' : 'interactive';
    const tag = this.nextTag(lane);
    return this.expectedAt(this.resolve(bucketKeys), now, (waiter) => waiter.tag <= tag) - now;
  }

  /**
   * When the request waiting with these very options (the object given to `wait`) is expected to
   * be admitted, epoch ms; undefined when it is not waiting (admitted, refused, or never asked).
   */
  expectedAdmission(options: WaitOptions): number | undefined {
    const waiter = this.queue.find((queued) => queued.options === options);
    return waiter === undefined ? undefined : this.expectedAt(waiter.buckets, this.now(), (other) => other !== waiter && other.tag <= waiter.tag);
  }

  /** Requests queued in the limiter right now. */
  get queued(): number {
    return this.queue.length;
  }

  // --- the queue --------------------------------------------------------------------------

  /** The tag a waiter of this lane joining now gets. */
  private nextTag(lane: Lane): number {
    const state = this.lanes[lane];
    return (state.waiting > 0 ? state.lastTag : this.virtualTime) + LANE_COST[lane];
  }

  private tagFor(lane: Lane): number {
    const tag = this.nextTag(lane);
    this.lanes[lane].lastTag = tag;
    return tag;
  }

  /** Behind every waiter with a tag up to its own: first come, first served within a lane. */
  private enqueue(waiter: Waiter): void {
    for (const bucket of waiter.buckets) bucket.waiting++;
    this.lanes[waiter.lane].waiting++;
    let low = 0;
    let high = this.queue.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.queue[middle]!.tag <= waiter.tag) low = middle + 1;
      else high = middle;
    }
    if (low === this.queue.length) this.queue.push(waiter);
    else this.queue.splice(low, 0, waiter);
  }

  /** The latest admission that still leaves the request time to run, or undefined without a deadline. */
  private latest(waiter: Waiter): number | undefined {
    const deadline = waiter.options.deadline;
    return deadline === undefined ? undefined : deadline - this.minAttemptMs;
  }

  /** A timer for the deadline as it is now; when it fires, the deadline may have moved on. */
  private watchDeadline(waiter: Waiter): void {
    const latest = this.latest(waiter);
    if (latest === undefined) return;
    waiter.stopTimer = startTimer(this.clock, Math.max(0, latest - this.now()), () => {
      waiter.stopTimer = undefined;
      const now = this.now();
      const moved = this.latest(waiter);
      if (moved !== undefined && moved <= now) this.drop(waiter, null);
      else if (moved !== undefined) this.watchDeadline(waiter);
    });
  }

  /**
   * Admits, in order, every waiter whose buckets allow it; a waiter holds its buckets for those
   * behind it. A waiter whose turn, counting those ahead of it, now comes past its deadline
   * (a 429, or an unpaced bucket that found its limiter again) is told at once, not at the deadline.
   */
  private pump(): void {
    if (this.queue.length === 0) {
      this.clearPumpTimer();
      return;
    }
    const now = this.now();
    /** Waiters kept in line so far in this pass, per bucket. */
    const ahead = new Map<Bucket, number>();
    const stillWaiting: Waiter[] = [];
    const tooLate: Waiter[] = [];
    let wakeAt = Infinity;
    for (const waiter of this.queue) {
      let readyAt = now;
      let behindAnother = false;
      let expected = now;
      for (const bucket of waiter.buckets) {
        const free = this.admitTime(bucket, now);
        const queuedAhead = ahead.get(bucket) ?? 0;
        if (queuedAhead > 0) behindAnother = true;
        else readyAt = Math.max(readyAt, free);
        if (free !== Infinity && !bucket.unlimited) expected = Math.max(expected, free + queuedAhead * bucket.intervalMs);
      }
      if (!behindAnother && readyAt <= now) {
        this.charge(waiter.buckets, now);
        this.virtualTime = Math.max(this.virtualTime, waiter.tag);
        this.settle(waiter);
        waiter.resolve(new Admission(waiter.buckets));
        continue;
      }
      const latest = this.latest(waiter);
      if (latest !== undefined && expected > latest) {
        tooLate.push(waiter);
        continue;
      }
      stillWaiting.push(waiter);
      for (const bucket of waiter.buckets) ahead.set(bucket, (ahead.get(bucket) ?? 0) + 1);
      if (!behindAnother && readyAt < wakeAt) wakeAt = readyAt;
    }
    this.queue = stillWaiting;
    for (const waiter of tooLate) this.settle(waiter);
    for (const waiter of tooLate) waiter.reject(new RateLimitHold(this.retryAfter(waiter, now)));
    // Infinity: only a response can free the bucket (an unlimited bucket with a full burst in flight).
    if (wakeAt === Infinity) this.clearPumpTimer();
    else if (wakeAt !== this.pumpAt) {
      this.clearPumpTimer();
      this.pumpAt = wakeAt;
      this.stopPumpTimer = startTimer(this.clock, Math.max(1, Math.ceil(wakeAt - now)), () => {
        this.stopPumpTimer = undefined;
        this.pumpAt = Infinity;
        this.pump();
      });
    }
  }

  private clearPumpTimer(): void {
    this.stopPumpTimer?.();
    this.stopPumpTimer = undefined;
    this.pumpAt = Infinity;
  }

  /** Out of the queue with `error`, or (null) with RateLimitHold: its deadline came first. */
  private drop(waiter: Waiter, error: Error | null): void {
    const index = this.queue.indexOf(waiter);
    if (index === -1) return;
    this.queue.splice(index, 1);
    this.settle(waiter);
    waiter.reject(error ?? new RateLimitHold(this.retryAfter(waiter, this.now())));
    // The dropped waiter may have been holding its buckets for those behind it.
    this.pump();
  }

  /**
   * What a waiter that cannot be admitted in time is told: when a request of its lane asking now
   * would go — after the queue as it stands — rather than when its own place would have come up:
   * asking again puts it at the back.
   */
  private retryAfter(waiter: Waiter, now: number): number {
    const tag = this.nextTag(waiter.lane);
    return Math.max(1, this.expectedAt(waiter.buckets, now, (other) => other.tag <= tag) - now);
  }

  /** The waiter leaves the queue (admitted, refused or aborted); it is already out of `this.queue` or about to be. */
  private settle(waiter: Waiter): void {
    waiter.queued = false;
    for (const bucket of waiter.buckets) bucket.waiting--;
    this.lanes[waiter.lane].waiting--;
    waiter.stopTimer?.();
    if (waiter.options.signal && waiter.onAbort) waiter.options.signal.removeEventListener('abort', waiter.onAbort);
  }

  // --- bucket arithmetic ------------------------------------------------------------------

  /** The earliest time the bucket lets the next request go; Infinity when only a response can free it. */
  private admitTime(bucket: Bucket, now: number): number {
    if (bucket.blockedUntil > now) return bucket.blockedUntil;
    if (bucket.unlimited) return bucket.inFlight < bucket.burst ? now : Infinity;
    return Math.max(now, bucket.tat - bucket.toleranceMs);
  }

  private charge(buckets: readonly Bucket[], now: number): void {
    for (const bucket of buckets) {
      bucket.tat = Math.max(bucket.tat, now) + bucket.intervalMs;
      // Unpaced, the schedule would run ever further ahead; it only needs to say "about one burst used".
      if (bucket.unlimited) bucket.tat = Math.min(bucket.tat, now + bucket.toleranceMs + bucket.intervalMs);
      bucket.inFlight++;
    }
  }

  /**
   * When a request on these buckets would be admitted behind the queued waiters `isAhead` picks:
   * each one ahead on a paced bucket takes a slot of it. An unlimited bucket waits for responses,
   * not for time: nothing better to say there than "soon".
   */
  private expectedAt(buckets: readonly Bucket[], now: number, isAhead: (waiter: Waiter) => boolean): number {
    let at = now;
    for (const bucket of buckets) {
      const free = this.admitTime(bucket, now);
      let queuedAhead = 0;
      if (!bucket.unlimited && bucket.waiting > 0) {
        for (const waiter of this.queue) if (waiter.buckets.includes(bucket) && isAhead(waiter)) queuedAhead++;
      }
      at = Math.max(at, (free === Infinity ? now : free) + queuedAhead * bucket.intervalMs);
    }
    return at;
  }

  private sync(bucketKey: string, headers: RateLimitHeaders): void {
    const bucket = this.buckets.get(bucketKey);
    const now = this.now();
    bucket.unlimited = false;
    if (headers.limit !== null && headers.limit > 0 && headers.limit !== bucket.limit) {
      configure(bucket, headers.limit);
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

  private resolve(bucketKeys: readonly string[]): Bucket[] {
    // Only the shared IP lists are frozen; a token's list is new each time and never a map key.
    if (!Object.isFrozen(bucketKeys)) return bucketKeys.map((key) => this.buckets.get(key));
    let buckets = this.resolvedIpBuckets.get(bucketKeys);
    if (buckets === undefined) {
      buckets = bucketKeys.map((key) => this.buckets.get(key));
      this.resolvedIpBuckets.set(bucketKeys, buckets);
    }
    return buckets;
  }
}
