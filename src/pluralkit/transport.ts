import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Pool } from 'undici';
import { z } from 'zod';
import { PluralKitError, type FieldErrors, type PluralKitErrorInit, type PluralKitErrorKind } from './errors.js';
import { parseRateLimitHeaders, RateLimiter, type RateLimitedRequest } from './rate-limiter.js';

/*
 * One HTTP exchange with PluralKit, with pacing, bounded retries and typed failures.
 *
 * Retry rules: a 429 is always safe to retry (the server refused before doing anything); 5xx and
 * network failures are retried only for GETs, or for any method when the connection was never
 * established. A POST that may have reached the server is never repeated — a duplicated switch
 * is data damage.
 */

export interface CallOptions {
  /** The caller's PluralKit token, used for this call only and never stored. */
  token?: string;
  signal?: AbortSignal;
  /** Epoch ms after which the call fails with kind 'timeout' instead of waiting or retrying. */
  deadline?: number;
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
  schema: z.ZodType<T> | null;
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
   * "rate-limited, try in N s" than keep a user waiting on a long retry_after.
   */
  callBudgetMs?: number;
  now?: () => number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_RETRIES = 3;
const BACKOFF_BASE_MS = 200;
const BACKOFF_CAP_MS = 2_000;
/** When a 429 carries no usable retry_after. */
const FALLBACK_RETRY_AFTER_MS = 1_000;

/** Connection never established: the server cannot have seen the request. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);
const RETRYABLE_STATUSES = new Set([500, 502, 503, 504]);

const ErrorBodySchema = z.object({
  message: z.string().optional(),
  code: z.number().int().optional(),
  retry_after: z.number().optional(),
  errors: z
    .record(
      z.string(),
      z.array(z.object({ message: z.string(), max_length: z.number().optional(), actual_length: z.number().optional() })),
    )
    .optional(),
});

function tokenKeyOf(token: string): string {
  return createHash('sha256').update(token).digest('base64url').slice(0, 22);
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  if (typeof code === 'string') return code;
  return cause === undefined ? undefined : errorCode(cause);
}

function scrub(text: string, token: string | undefined): string {
  return token ? text.split(token).join('[token]') : text;
}

class AbortedWait extends Error {}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortedWait());
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortedWait());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function backoffMs(attempt: number): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

type Fail = (kind: PluralKitErrorKind, message: string, extra?: Partial<PluralKitErrorInit>) => PluralKitError;

function failure(call: ApiCall<unknown>, token: string | undefined, kind: PluralKitErrorKind, message: string, extra?: Partial<PluralKitErrorInit>): PluralKitError {
  return new PluralKitError({ kind, message: scrub(message, token), method: call.method, route: call.route, ...extra });
}

function emitAbort(aborter: EventEmitter): void {
  aborter.emit('abort');
}

function onAttemptTimeout(aborter: EventEmitter, timing: AttemptTiming): void {
  timing.timedOut = true;
  aborter.emit('abort');
}

interface AttemptTiming {
  timedOut: boolean;
}

interface Attempt {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export class Transport {
  private readonly pool: Pool;
  private readonly basePath: string;
  private readonly userAgent: string;
  private readonly maxRetries: number;
  private readonly now: () => number;
  private readonly timeoutMs: number;
  private readonly callBudgetMs: number | undefined;
  readonly limiter: RateLimiter;

  constructor(options: TransportOptions) {
    const base = new URL(options.baseUrl);
    this.basePath = base.pathname.replace(/\/+$/, '');
    this.userAgent = options.userAgent;
    this.maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    this.now = options.now ?? Date.now;
    this.limiter = new RateLimiter({ now: this.now });
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.timeoutMs = timeoutMs;
    this.callBudgetMs = options.callBudgetMs;
    // undici's own timers are coarse (about a second); they only back up the per-attempt timer.
    this.pool = new Pool(base.origin, {
      connections: options.connections ?? 8,
      keepAliveTimeout: 4_000,
      keepAliveMaxTimeout: 30_000,
      headersTimeout: timeoutMs + 1_000,
      bodyTimeout: timeoutMs + 1_000,
      connectTimeout: timeoutMs + 1_000,
    });
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  async call<T>(call: ApiCall<T>, options: CallOptions = {}): Promise<T> {
    const { token, signal } = options;
    const deadline = options.deadline ?? (this.callBudgetMs === undefined ? undefined : this.now() + this.callBudgetMs);
    // A method, not a per-call closure: this runs on every request and the happy path never fails.
    const fail: Fail = (kind, message, extra) => failure(call, token, kind, message, extra);

    const limited: RateLimitedRequest = {
      method: call.method,
      route: call.route,
      target: call.target,
      tokenKey: token ? tokenKeyOf(token) : null,
    };
    const headers: Record<string, string> = { 'user-agent': this.userAgent };
    if (token) headers.authorization = token;
    let body: string | undefined;
    if (call.body !== undefined) {
      body = JSON.stringify(call.body);
      headers['content-type'] = 'application/json';
    }
    const path = this.basePath + call.path + (call.query ? `?${call.query}` : '');

    let failures = 0;
    let rateLimited = 0;
    for (;;) {
      if (signal?.aborted) throw fail('aborted', `${call.method} ${call.route} was aborted`);
      const buckets = this.limiter.bucketsFor(limited);
      const wait = this.limiter.reserve(buckets, deadline);
      if (wait === null) {
        throw fail('timeout', `${call.method} ${call.route} would have to wait for PluralKit's rate limit past its deadline`, {
          retryAfterMs: Math.max(0, this.limiter.delayFor(buckets)),
        });
      }
      if (wait > 0) await this.pause(wait, signal, () => fail('aborted', `${call.method} ${call.route} was aborted`));

      let attempt: Attempt;
      const timing: AttemptTiming = { timedOut: false };
      try {
        attempt = await this.send(call.method, path, headers, body, signal, deadline, timing);
      } catch (error) {
        const code = errorCode(error);
        const neverSent = code !== undefined && NOT_SENT_CODES.has(code);
        let error_: PluralKitError;
        if (signal?.aborted) error_ = fail('aborted', `${call.method} ${call.route} was aborted`, { cause: error });
        else if (deadline !== undefined && this.now() >= deadline) error_ = fail('timeout', `${call.method} ${call.route} passed its deadline`, { cause: error });
        else if (timing.timedOut || (code !== undefined && TIMEOUT_CODES.has(code))) error_ = fail('timeout', `${call.method} ${call.route} timed out`, { cause: error });
        else {
          const detail = error instanceof Error ? error.message : String(error);
          error_ = fail('network', `${call.method} ${call.route} failed: ${detail}`, { cause: error });
        }
        if (error_.kind !== 'aborted' && (call.method === 'GET' || neverSent)) {
          await this.backoffOrThrow(failures++, error_, signal, deadline);
          continue;
        }
        throw error_;
      }

      this.limiter.observe(limited, parseRateLimitHeaders(attempt.headers), buckets, attempt.status >= 200 && attempt.status < 300);

      if (attempt.status >= 200 && attempt.status < 300) return this.parseSuccess(call, attempt, fail);

      const apiError = this.apiError(call, attempt, fail);
      if (attempt.status === 429) {
        const retryAfter = apiError.retryAfterMs ?? FALLBACK_RETRY_AFTER_MS;
        this.limiter.block(buckets, retryAfter);
        if (rateLimited >= this.maxRetries) throw apiError;
        if (deadline !== undefined && this.now() + retryAfter > deadline) {
          throw fail('timeout', `${call.method} ${call.route} is rate-limited past its deadline`, {
            status: 429,
            code: apiError.code,
            retryAfterMs: retryAfter,
          });
        }
        rateLimited++;
        continue;
      }
      if (call.method === 'GET' && RETRYABLE_STATUSES.has(attempt.status)) {
        await this.backoffOrThrow(failures++, apiError, signal, deadline);
        continue;
      }
      throw apiError;
    }
  }

  private async pause(ms: number, signal: AbortSignal | undefined, aborted: () => PluralKitError): Promise<void> {
    try {
      await sleep(ms, signal);
    } catch {
      throw aborted();
    }
  }

  private async backoffOrThrow(failures: number, error: PluralKitError, signal: AbortSignal | undefined, deadline: number | undefined): Promise<void> {
    if (failures >= this.maxRetries) throw error;
    const delay = backoffMs(failures);
    if (deadline !== undefined && this.now() + delay >= deadline) throw error;
    try {
      await sleep(delay, signal);
    } catch {
      throw new PluralKitError({ kind: 'aborted', message: `${error.method} ${error.route} was aborted`, method: error.method, route: error.route });
    }
  }

  private async send(
    method: HttpMethod,
    path: string,
    headers: Record<string, string>,
    body: string | undefined,
    signal: AbortSignal | undefined,
    deadline: number | undefined,
    timing: AttemptTiming,
  ): Promise<Attempt> {
    // undici also takes an EventEmitter as abort signal, and it is far cheaper per request than an
    // AbortController (which showed up as most of the adapter's overhead in the benchmark).
    const aborter = new EventEmitter();
    const limit = deadline === undefined ? this.timeoutMs : Math.min(this.timeoutMs, Math.max(0, deadline - this.now()));
    const timer = setTimeout(onAttemptTimeout, limit, aborter, timing);
    let abort: (() => void) | undefined;
    if (signal) {
      abort = emitAbort.bind(null, aborter);
      signal.addEventListener('abort', abort, { once: true });
    }
    try {
      const response = await this.pool.request({ method, path, headers, body, signal: aborter });
      const text = await response.body.text();
      return { status: response.statusCode, headers: response.headers, text };
    } finally {
      clearTimeout(timer);
      if (signal && abort) signal.removeEventListener('abort', abort);
    }
  }

  private parseSuccess<T>(call: ApiCall<T>, attempt: Attempt, fail: Fail): T {
    if (attempt.status === 204 || call.schema === null) {
      if (call.schema === null || call.allowNoContent) return null as T;
      throw fail('malformed-response', `${call.method} ${call.route}: PluralKit answered 204 where a body was expected`, { status: 204 });
    }
    let json: unknown;
    try {
      json = JSON.parse(attempt.text);
    } catch (error) {
      throw fail('malformed-response', `${call.method} ${call.route}: PluralKit sent a body that is not JSON`, { status: attempt.status, cause: error });
    }
    const parsed = call.schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? issue.path.join('.') || '(root)' : '(root)';
      throw fail('malformed-response', `${call.method} ${call.route}: unexpected response shape at ${where}: ${issue?.message ?? 'invalid'}`, {
        status: attempt.status,
        cause: parsed.error,
      });
    }
    return parsed.data;
  }

  private apiError(call: ApiCall<unknown>, attempt: Attempt, fail: Fail): PluralKitError {
    let parsed: z.infer<typeof ErrorBodySchema> = {};
    if (attempt.text !== '') {
      try {
        const result = ErrorBodySchema.safeParse(JSON.parse(attempt.text));
        if (result.success) parsed = result.data;
      } catch {
        // Framework errors (415, 405, missing UA) may be empty or not PluralKit-shaped.
      }
    }
    const fieldErrors: FieldErrors = parsed.errors ?? {};
    return fail('api', parsed.message ?? `PluralKit answered HTTP ${attempt.status} to ${call.method} ${call.route}`, {
      status: attempt.status,
      code: parsed.code ?? null,
      fieldErrors,
      retryAfterMs: attempt.status === 429 ? (parsed.retry_after ?? null) : null,
    });
  }
}
