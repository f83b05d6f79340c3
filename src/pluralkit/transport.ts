import { EventEmitter } from 'node:events';
import { Pool, type Dispatcher } from 'undici';
import { systemClock, type Clock } from '../core/clock.js';
import type { AbortSignalLike } from './cancel.js';
import { PluralKitError, type PluralKitErrorInit, type PluralKitErrorKind } from './errors.js';
import { parseRateLimitHeaders } from './rate-limit-headers.js';
import { RateLimiter, RateLimitHold, RateLimitWaitAborted, type Admission, type RateLimitedRequest } from './rate-limiter.js';
import type { ResponseSchema } from './response-schema.js';
import type { RateBuckets } from '../shared-state/shared-state.js';
import { SharedPacing } from './shared-pacing.js';
import { TokenKeys } from './token-keys.js';
import { apiError, errorCode, failure, isTimeoutCode, neverSent } from './transport-errors.js';

/*
 * One HTTP exchange with PluralKit, with pacing, bounded retries and typed failures.
 *
 * Retry rules: a 429 is always safe to retry (the server refused before doing anything); 5xx and
 * network failures are retried only for GETs, or for any method when the request certainly was
 * not sent (outcome 'not-sent'). A POST/PATCH/DELETE that may have reached the server is never
 * repeated — a duplicated switch is data damage — and its error says outcome 'unknown'.
 */

export interface CallOptions {
  /** The caller's PluralKit token, used for this call only and never stored. */
  token?: string;
  signal?: AbortSignalLike;
  /**
   * Epoch ms by which the call must be over, retries and rate-limit waits included. Replaces the
   * transport's `callBudgetMs` for this call (longer or shorter). A write given a deadline may
   * also spend longer than `timeoutMs` on its one attempt: it is never repeated, so cutting it
   * short only turns a slow success into an unknown outcome.
   *
   * Read again at every step of the call (its wait for the rate limit, each attempt, each retry),
   * so whoever built the options may move it later while the call runs: SharedReads does when a
   * caller with more time joins a read in flight.
   */
  deadline?: number;
  /**
   * One of the many requests of a long read (paging back through a front history): it waits in
   * the rate limiter's long-read lane, which keeps a share of every bucket, instead of behind
   * every interactive request that arrived since the previous page (see rate-limiter.ts).
   */
  longRead?: boolean;
}

/**
 * Told how a call ended just before its promise settles, so SharedReads can answer the callers of
 * a shared read without another promise between them and the response.
 */
export interface CallObserver<T> {
  succeeded(value: T): void;
  failed(error: unknown): void;
}

export interface AuthedCallOptions extends CallOptions {
  token: string;
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface ApiCall<T> {
  method: HttpMethod;
  /** Template for errors and rate limiting, e.g. `/members/{memberRef}`. */
  route: string;
  /** Already-encoded path after the base URL. */
  path: string;
  /** `kind:ref` of the path's target entity for rate-limit bucketing; null if the route has none. */
  target: string | null;
  query?: string;
  body?: unknown;
  /** Schema of a 200 body; null when success is 204 No Content. */
  schema: ResponseSchema<T> | null;
  /** Success without body (204) is answered with null instead of being an error. */
  allowNoContent?: boolean;
}

export interface TransportOptions {
  /** Base URL including the version, e.g. `https://api.pluralkit.me/v2`. */
  baseUrl: string;
  /** Sent on every request; PluralKit refuses requests without one. */
  userAgent: string;
  /** Per-attempt limit for response headers and between body chunks. Default 10 s. */
  timeoutMs?: number;
  /** Retries for 429s, and for 5xx/network failures where retrying is safe. Default 3. */
  maxRetries?: number;
  /** Keep-alive connections to PluralKit. Default 8. */
  connections?: number;
  /**
   * The longest one call may take, retries and rate-limit waits included, when
   * the caller gives no deadline. An interactive caller would rather say
   * "PluralKit is busy, try in N s" than keep a user waiting on a long queue.
   */
  callBudgetMs?: number;
  /**
   * Rate-limit buckets shared with the other instances (REDIS_URL): every request also takes its
   * turn there (see shared-pacing.ts). Unset for one instance: its own limiter is the whole story.
   */
  sharedRateBuckets?: RateBuckets;
  /**
   * Time for deadlines, budgets and attempt limits, and timers for every wait (rate limit,
   * backoff). Default the wall clock; tests pass one they move themselves.
   */
  clock?: Clock;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_RETRIES = 3;
const BACKOFF_BASE_MS = 200;
const BACKOFF_CAP_MS = 2_000;
/** When a 429 carries no usable retry_after. */
const FALLBACK_RETRY_AFTER_MS = 1_000;
/** undici's own timers are coarse (about a second); they only back up the attempt watch. */
const UNDICI_TIMER_SLACK_MS = 1_000;
/** How often attempts on the wire are checked against their time limit: its precision. */
const WATCH_TICK_MS = 20;
/** The watch stops after this many ticks with nothing on the wire. */
const WATCH_IDLE_TICKS = 50;
const RETRYABLE_STATUSES = new Set([500, 502, 503, 504]);

class AbortedWait extends Error {}

/** Waits `ms` on `clock`; rejects with AbortedWait as soon as `signal` fires. */
async function sleep(clock: Clock, ms: number, signal: AbortSignalLike | undefined): Promise<void> {
  if (signal?.aborted) throw new AbortedWait();
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  await clock.sleep(ms, stop.signal);
  signal?.removeEventListener('abort', onAbort);
  if (signal?.aborted) throw new AbortedWait();
}

function backoffMs(attempt: number): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

function nameOf(call: ApiCall<unknown>): string {
  return `${call.method} ${call.route}`;
}

/**
 * One attempt on the wire. undici also takes an EventEmitter as abort signal, and it is far
 * cheaper per request than an AbortController (which showed up as most of the adapter's overhead
 * in the benchmark).
 */
class Attempt {
  readonly aborter = new EventEmitter();
  timedOut = false;
  /** Listens to the caller's signal while the attempt runs. */
  onAbort: (() => void) | undefined;

  constructor(
    readonly method: HttpMethod,
    readonly options: CallOptions,
    /** Whether the caller set the deadline (rather than the call budget). */
    readonly ownDeadline: boolean,
    readonly startedAt: number,
  ) {}

  abort(): void {
    this.aborter.emit('abort');
  }
}

/**
 * Ends attempts that run out of time. One timer ticking while attempts are on the wire, rather
 * than a setTimeout and clearTimeout around every request: that pair alone added 5–10% to a bare
 * request's time on loopback, as much as all the rest of the adapter. Each tick
 * reads the call's deadline afresh, so a deadline moved later is simply honoured.
 */
class AttemptWatch {
  private readonly attempts = new Set<Attempt>();
  private timer: NodeJS.Timeout | undefined;
  private idleTicks = 0;

  constructor(private readonly timeLeft: (attempt: Attempt) => number) {}

  add(attempt: Attempt): void {
    this.attempts.add(attempt);
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => this.tick(), WATCH_TICK_MS);
    this.timer.unref();
  }

  delete(attempt: Attempt): void {
    this.attempts.delete(attempt);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.idleTicks = 0;
  }

  private tick(): void {
    if (this.attempts.size === 0) {
      if (++this.idleTicks >= WATCH_IDLE_TICKS) this.stop();
      return;
    }
    this.idleTicks = 0;
    for (const attempt of this.attempts) {
      if (this.timeLeft(attempt) > 0) continue;
      this.attempts.delete(attempt);
      attempt.timedOut = true;
      attempt.abort();
    }
  }
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export class Transport {
  private readonly pool: Pool;
  private readonly basePath: string;
  private readonly userAgent: string;
  private readonly maxRetries: number;
  readonly clock: Clock;
  private readonly now: () => number;
  private readonly timeoutMs: number;
  private readonly callBudgetMs: number | undefined;
  readonly limiter: RateLimiter;
  private readonly tokenKeys = new TokenKeys();
  private readonly watch = new AttemptWatch((attempt) => this.attemptTimeLeft(attempt));
  private readonly sharedPacing: SharedPacing | undefined;

  constructor(options: TransportOptions) {
    const base = new URL(options.baseUrl);
    this.basePath = base.pathname.replace(/\/+$/, '');
    this.userAgent = options.userAgent;
    this.maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    const clock = options.clock ?? systemClock;
    this.clock = clock;
    this.now = () => clock.now();
    this.limiter = new RateLimiter({ clock });
    this.sharedPacing = options.sharedRateBuckets && new SharedPacing(options.sharedRateBuckets, this.now, this.limiter.minAttemptMs);
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.timeoutMs = timeoutMs;
    this.callBudgetMs = options.callBudgetMs;
    this.pool = new Pool(base.origin, {
      connections: options.connections ?? 8,
      keepAliveTimeout: 4_000,
      keepAliveMaxTimeout: 30_000,
      headersTimeout: timeoutMs + UNDICI_TIMER_SLACK_MS,
      bodyTimeout: timeoutMs + UNDICI_TIMER_SLACK_MS,
      connectTimeout: timeoutMs + UNDICI_TIMER_SLACK_MS,
    });
  }

  close(): Promise<void> {
    this.watch.stop();
    return this.pool.close();
  }

  /** Opaque per-token key for rate-limit buckets and shared reads; never the token itself (see TokenKeys). */
  tokenKeyOf(token: string): string {
    return this.tokenKeys.keyOf(token);
  }

  /** The deadline a call with these options gets: its own, else the call budget from now; undefined for none. */
  deadlineFor(options: CallOptions): number | undefined {
    if (options.deadline !== undefined) return options.deadline;
    return this.callBudgetMs === undefined ? undefined : this.now() + this.callBudgetMs;
  }

  /** `tokenKey` may be passed when the caller already computed `tokenKeyOf(token)`. */
  async call<T>(call: ApiCall<T>, options: CallOptions = {}, tokenKey?: string | null, observer?: CallObserver<T>): Promise<T> {
    const { token, signal } = options;
    const ownDeadline = options.deadline !== undefined;
    // The caller's own options are read live (their deadline may move); a budget is fixed here.
    const live: CallOptions = ownDeadline || this.callBudgetMs === undefined ? options : { ...options, deadline: this.now() + this.callBudgetMs };

    const limited: RateLimitedRequest = {
      method: call.method,
      route: call.route,
      target: call.target,
      tokenKey: tokenKey !== undefined ? tokenKey : token ? this.tokenKeys.keyOf(token) : null,
    };
    const headers: Record<string, string> = { 'user-agent': this.userAgent };
    if (token) headers.authorization = token;
    let body: string | undefined;
    if (call.body !== undefined) {
      body = JSON.stringify(call.body);
      headers['content-type'] = 'application/json';
    }
    const path = this.basePath + call.path + (call.query ? `?${call.query}` : '');

    try {
      let failures = 0;
      let rateLimited = 0;
      for (;;) {
        if (signal?.aborted) throw failure(call, token, 'aborted', `${nameOf(call)} was aborted`, { outcome: 'not-sent' });
        const buckets = this.limiter.bucketsFor(limited);
        const admission = this.limiter.tryAdmit(buckets) ?? (await this.waitForTurn(call, token, buckets, live));
        if (this.sharedPacing) await this.waitForSharedTurn(call, token, buckets, admission, live, limited);

        let answer: Answer;
        const attempt = this.begin(call.method, live, ownDeadline);
        try {
          // Inline rather than a method of its own: every async layer costs each call a promise.
          const response = await this.pool.request(this.requestOptions(attempt, path, headers, body));
          answer = { status: response.statusCode, headers: response.headers, text: await response.body.text() };
        } catch (error) {
          this.end(attempt);
          this.limiter.complete(admission, limited, null);
          const error_ = this.attemptFailure(call, token, error, signal, live.deadline, attempt);
          if (error_.kind !== 'aborted' && (call.method === 'GET' || error_.outcome === 'not-sent')) {
            await this.backoffOrThrow(failures++, error_, signal, live.deadline);
            continue;
          }
          throw error_;
        }
        this.end(attempt);
        this.limiter.complete(admission, limited, { headers: parseRateLimitHeaders(answer.headers), status: answer.status });

        if (answer.status >= 200 && answer.status < 300) {
          const value = this.parseSuccess(call, token, answer);
          observer?.succeeded(value);
          return value;
        }

        const refusal = apiError(call, token, answer.status, answer.text);
        if (answer.status === 429) {
          const retryAfter = refusal.retryAfterMs ?? FALLBACK_RETRY_AFTER_MS;
          this.limiter.block(buckets, retryAfter);
          const deadline = live.deadline;
          const pastDeadline = deadline !== undefined && this.now() + retryAfter > deadline;
          if (rateLimited >= this.maxRetries || pastDeadline) {
            const why = pastDeadline ? 'past its deadline' : `${rateLimited + 1} times`;
            throw failure(call, token, 'rate-limited', `${nameOf(call)} was rate-limited by PluralKit ${why}: ${refusal.message}`, {
              status: 429,
              code: refusal.code,
              retryAfterMs: retryAfter,
              outcome: 'not-sent',
            });
          }
          rateLimited++;
          continue;
        }
        if (call.method === 'GET' && RETRYABLE_STATUSES.has(answer.status)) {
          await this.backoffOrThrow(failures++, refusal, signal, live.deadline);
          continue;
        }
        throw refusal;
      }
    } catch (error) {
      observer?.failed(error);
      throw error;
    }
  }

  /** How much longer the attempt may run from now. */
  private attemptTimeLeft(attempt: Attempt): number {
    const now = this.now();
    const deadline = attempt.options.deadline;
    const remaining = deadline === undefined ? Infinity : Math.max(0, deadline - now);
    // A write goes out once; with a deadline of its own, the caller has said how long it may take.
    if (attempt.method !== 'GET' && attempt.ownDeadline) return remaining;
    return Math.min(this.timeoutMs - (now - attempt.startedAt), remaining);
  }

  /** Our own limiter's queue; past the deadline it is a rate limit of ours, not a timeout. */
  private async waitForTurn(call: ApiCall<unknown>, token: string | undefined, buckets: readonly string[], live: CallOptions): Promise<Admission> {
    try {
      return await this.limiter.wait(buckets, live);
    } catch (error) {
      throw this.waitFailure(call, token, error);
    }
  }

  /** After our own limiter, the buckets all instances share; a request that cannot go hands its admission back unsent. */
  private async waitForSharedTurn(call: ApiCall<unknown>, token: string | undefined, buckets: readonly string[], admission: Admission, live: CallOptions, limited: RateLimitedRequest): Promise<void> {
    try {
      await this.sharedPacing!.pass(buckets, admission, token, live);
    } catch (error) {
      this.limiter.complete(admission, limited, null);
      throw this.waitFailure(call, token, error);
    }
  }

  private waitFailure(call: ApiCall<unknown>, token: string | undefined, error: unknown): unknown {
    if (error instanceof RateLimitHold) {
      return failure(call, token, 'rate-limited', `${nameOf(call)} would have to wait for the rate limit past its deadline`, {
        retryAfterMs: Math.ceil(error.retryAfterMs),
        outcome: 'not-sent',
      });
    }
    if (error instanceof RateLimitWaitAborted) return failure(call, token, 'aborted', `${nameOf(call)} was aborted`, { outcome: 'not-sent' });
    return error;
  }

  private attemptFailure(call: ApiCall<unknown>, token: string | undefined, error: unknown, signal: AbortSignalLike | undefined, deadline: number | undefined, attempt: Attempt): PluralKitError {
    const fail = (kind: PluralKitErrorKind, message: string, extra: Partial<PluralKitErrorInit>) => failure(call, token, kind, message, extra);
    const code = errorCode(error);
    // Only a connection that was never made proves the server did not see the request.
    const outcome = neverSent(code) ? 'not-sent' : 'unknown';
    const name = nameOf(call);
    if (signal?.aborted) return fail('aborted', `${name} was aborted`, { cause: error, outcome });
    if (deadline !== undefined && this.now() >= deadline) return fail('timeout', `${name} passed its deadline`, { cause: error, outcome });
    if (attempt.timedOut || isTimeoutCode(code)) return fail('timeout', `${name} timed out`, { cause: error, outcome });
    const detail = error instanceof Error ? error.message : String(error);
    return fail('network', `${name} failed: ${detail}`, { cause: error, outcome });
  }

  private async backoffOrThrow(failures: number, error: PluralKitError, signal: AbortSignalLike | undefined, deadline: number | undefined): Promise<void> {
    if (failures >= this.maxRetries) throw error;
    const delay = backoffMs(failures);
    if (deadline !== undefined && this.now() + delay >= deadline) throw error;
    try {
      await sleep(this.clock, delay, signal);
    } catch {
      throw new PluralKitError({ kind: 'aborted', message: `${error.method} ${error.route} was aborted`, method: error.method, route: error.route, outcome: error.outcome });
    }
  }

  /** An attempt on the wire: watched for its time limit, aborted with the caller's signal. */
  private begin(method: HttpMethod, options: CallOptions, ownDeadline: boolean): Attempt {
    const attempt = new Attempt(method, options, ownDeadline, this.now());
    this.watch.add(attempt);
    if (options.signal) {
      attempt.onAbort = attempt.abort.bind(attempt);
      options.signal.addEventListener('abort', attempt.onAbort, { once: true });
    }
    return attempt;
  }

  private end(attempt: Attempt): void {
    this.watch.delete(attempt);
    if (attempt.onAbort) attempt.options.signal?.removeEventListener('abort', attempt.onAbort);
  }

  private requestOptions(attempt: Attempt, path: string, headers: Record<string, string>, body: string | undefined): Dispatcher.RequestOptions {
    const limitMs = this.attemptTimeLeft(attempt);
    const options: Dispatcher.RequestOptions = { method: attempt.method, path, headers, body, signal: attempt.aborter };
    // Only a write with a deadline of its own may outlast the pool's timers.
    if (limitMs > this.timeoutMs) options.headersTimeout = options.bodyTimeout = limitMs + UNDICI_TIMER_SLACK_MS;
    return options;
  }

  private parseSuccess<T>(call: ApiCall<T>, token: string | undefined, answer: Answer): T {
    const name = nameOf(call);
    if (answer.status === 204 || call.schema === null) {
      if (call.schema === null || call.allowNoContent) return null as T;
      throw failure(call, token, 'malformed-response', `${name}: PluralKit answered 204 where a body was expected`, { status: 204, outcome: 'unknown' });
    }
    let json: unknown;
    try {
      json = JSON.parse(answer.text);
    } catch {
      // No cause: a JSON SyntaxError quotes the body, which is PluralKit's text and may hold anything.
      throw failure(call, token, 'malformed-response', `${name}: PluralKit sent a body that is not JSON`, { status: answer.status, outcome: 'unknown' });
    }
    const complete = call.schema.complete.safeParse(json);
    if (complete.success) return complete.data;
    const parsed = call.schema.model.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? issue.path.join('.') || '(root)' : '(root)';
      throw failure(call, token, 'malformed-response', `${name}: unexpected response shape at ${where}: ${issue?.message ?? 'invalid'}`, {
        status: answer.status,
        // zod issues name paths and expected types, never the values (reportInput is off).
        cause: parsed.error,
        outcome: 'unknown',
      });
    }
    return parsed.data;
  }
}
