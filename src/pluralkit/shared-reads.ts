import { deepFreeze } from '../core/deep-freeze.js';
import { PluralKitError } from './errors.js';
import { owningSystem } from './owning-system.js';
import { PublicViewCache } from './public-view-cache.js';
import { type ApiCall, type CallObserver, type CallOptions, type Transport } from './transport.js';

/*
 * Fewer requests for the same answer, never an answer across auth contexts.
 *
 * - Identical GETs in flight at the same time (same path and query, same token or both without
 *   one) share one request.
 * - Answers to GETs sent without a token — PluralKit's public view, the same for everyone —
 *   are kept for a few seconds (PublicViewCache). Answers with a token are never kept, and a
 *   token's answer is never given to another token or to an anonymous caller: the token's key
 *   (TokenKeys) is part of every key, and the token itself is compared before anyone joins.
 * - Our own writes drop what they may have changed: cached public views of the writer's system
 *   (and every view whose system is unknown, or everything when the writer's system is unknown),
 *   and no read that was in flight when the write ended is stored or joined afterwards, since
 *   PluralKit may have answered it from before the write.
 * - A write whose outcome is unknown (timeout, 5xx, connection lost) may still be applied by
 *   PluralKit later — "takes 12 s, then stores it". For a minute afterwards no public view of
 *   that system is kept, so a user checking whether it went through sees PluralKit's answer.
 *
 * An answer given to several callers or kept is deep-frozen: they all hold the same object.
 */

export interface SharedReadsOptions {
  /** How long public views are kept; 0 keeps none (identical requests in flight are still shared). */
  publicViewTtlMs: number;
  /** Approximate heap bytes for kept public views. */
  publicViewMaxBytes?: number;
  now?: () => number;
}

/** One request in flight, and the callers waiting for it. */
class Flight implements CallObserver<unknown> {
  promise: Promise<unknown> = Promise.resolve();
  /** Callers still waiting; when the last one with a signal leaves, the request is cancelled. */
  waiters = 0;

  constructor(
    private readonly reads: SharedReads,
    readonly key: string,
    readonly route: string,
    readonly systemRef: string | null,
    readonly tokenKey: string | null,
    /** Compared before anyone joins: keys are fingerprints (see TokenKeys). */
    readonly token: string | undefined,
    /** The write generation when the request started. */
    readonly generation: number,
    /** Only when the first caller had a signal: a caller without one never leaves early. */
    readonly controller: AbortController | undefined,
  ) {}

  succeeded(value: unknown): void {
    this.reads.landed(this, value);
  }

  failed(): void {
    this.reads.landed(this, undefined, true);
  }
}

const ANONYMOUS = '-';
/** How long after a write of unknown outcome no public view of its system is kept. */
const UNSETTLED_MS = 60_000;
/** Stands for "the writer's system is unknown" among the unsettled systems. */
const ANY_SYSTEM = '*';
/** Token → system short ID, learnt from answers; bounded like the limiter's ownership map. */
const MAX_REMEMBERED_TOKENS = 10_000;

function abortedWhileWaiting(call: ApiCall<unknown>): PluralKitError {
  return new PluralKitError({ kind: 'aborted', message: `${call.method} ${call.route} was aborted`, method: call.method, route: call.route, outcome: 'unknown' });
}

/** One caller's view of a shared request: its own signal ends its own wait; the last one to leave cancels the request. */
function abortable<T>(flight: Flight, signal: AbortSignal, call: ApiCall<unknown>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      reject(abortedWhileWaiting(call));
      if (--flight.waiters === 0) flight.controller?.abort();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    (flight.promise as Promise<T>).then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

export class SharedReads {
  private readonly flights = new Map<string, Flight>();
  private readonly publicViews: PublicViewCache;
  private readonly tokenSystems = new Map<string, string>();
  /** System short ID (or ANY_SYSTEM) → until when its public views are not kept. */
  private readonly unsettled = new Map<string, number>();
  /** Bumped by every write that may have changed something. */
  private generation = 0;
  private readonly now: () => number;

  constructor(
    private readonly transport: Transport,
    options: SharedReadsOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.publicViews = new PublicViewCache({ ttlMs: options.publicViewTtlMs, maxBytes: options.publicViewMaxBytes, now: this.now });
  }

  /**
   * A GET, answered from a request in flight or a kept public view when there is one. A caller
   * joining a request in flight gets that request's answer within the deadline of whoever
   * started it; its own signal ends only its own wait.
   * @param systemRef the system path ref as sent, if the route has one (for tagging)
   */
  read<T>(call: ApiCall<T>, options: CallOptions, systemRef: string | null): Promise<T> {
    if (options.signal?.aborted) return Promise.reject(abortedWhileWaiting(call));
    const tokenKey = options.token ? this.transport.tokenKeyOf(options.token) : null;
    const key = `${tokenKey ?? ANONYMOUS} ${call.path}${call.query ? `?${call.query}` : ''}`;
    if (tokenKey === null && this.publicViews.enabled) {
      const kept = this.publicViews.get(key);
      if (kept !== undefined) return Promise.resolve(kept.value as T);
    }
    let flight = this.flights.get(key);
    if (flight === undefined || flight.generation !== this.generation || flight.token !== options.token) flight = this.start(key, call, options, tokenKey, systemRef);
    flight.waiters++;
    return options.signal ? abortable<T>(flight, options.signal, call) : (flight.promise as Promise<T>);
  }

  /** A POST/PATCH/DELETE, never shared; afterwards drops what it may have changed. */
  async write<T>(call: ApiCall<T>, options: CallOptions, systemRef: string | null): Promise<T> {
    const tokenKey = options.token ? this.transport.tokenKeyOf(options.token) : null;
    let writer = tokenKey === null ? null : (this.tokenSystems.get(tokenKey) ?? null);
    let changedNothing = false;
    let mayApplyLater = false;
    try {
      const value = await this.transport.call(call, options, tokenKey);
      // A write only succeeds on the token's own system, so whatever system the answer names is the token's.
      const answered = owningSystem(call.route, systemRef, value);
      if (answered !== null) {
        writer = answered;
        if (tokenKey !== null) this.learn(tokenKey, answered);
      }
      return value;
    } catch (error) {
      changedNothing = error instanceof PluralKitError && (error.outcome === 'not-sent' || error.outcome === 'rejected');
      mayApplyLater = !changedNothing;
      throw error;
    } finally {
      if (!changedNothing) this.afterWrite(writer ?? owningSystem(call.route, systemRef, null), mayApplyLater);
    }
  }

  /** Kept public views right now (for tests and diagnostics). */
  get publicViewCount(): number {
    return this.publicViews.size;
  }

  private start<T>(key: string, call: ApiCall<T>, options: CallOptions, tokenKey: string | null, systemRef: string | null): Flight {
    // The request outlives any one caller's signal: others may be waiting on it.
    const controller = options.signal ? new AbortController() : undefined;
    const shared: CallOptions = controller ? { token: options.token, deadline: options.deadline, signal: controller.signal } : options;
    const flight = new Flight(this, key, call.route, systemRef, tokenKey, options.token, this.generation, controller);
    // The flight hears the outcome from the transport itself: no extra promise per request.
    flight.promise = this.transport.call(call, shared, tokenKey, flight as CallObserver<T>);
    this.flights.set(key, flight);
    return flight;
  }

  /** @internal A flight's request ended (just before its promise settles). */
  landed(flight: Flight, value: unknown, failed = false): void {
    if (this.flights.get(flight.key) === flight) this.flights.delete(flight.key);
    if (failed) return;
    const current = flight.generation === this.generation;
    // Frozen whenever someone else will hold the same object: a kept view, or several callers.
    if ((current && flight.tokenKey === null && this.publicViews.enabled) || flight.waiters > 1) deepFreeze(value);
    if (current) this.remember(flight.key, flight.route, flight.systemRef, flight.tokenKey, value);
  }

  private remember(key: string, route: string, systemRef: string | null, tokenKey: string | null, value: unknown): void {
    if (tokenKey === null) {
      if (!this.publicViews.enabled) return;
      const system = owningSystem(route, systemRef, value);
      if (!this.isUnsettled(system)) this.publicViews.set(key, value, system);
      return;
    }
    // An `@me` answer names the token's own system.
    if (systemRef !== null && systemRef.trim().toLowerCase() === '@me') {
      const system = owningSystem(route, null, value);
      if (system !== null) this.learn(tokenKey, system);
    }
  }

  private learn(tokenKey: string, system: string): void {
    if (this.tokenSystems.size >= MAX_REMEMBERED_TOKENS && !this.tokenSystems.has(tokenKey)) this.tokenSystems.clear();
    this.tokenSystems.set(tokenKey, system);
  }

  private afterWrite(system: string | null, mayApplyLater: boolean): void {
    this.generation++;
    this.publicViews.dropSystem(system);
    if (mayApplyLater) this.unsettled.set(system ?? ANY_SYSTEM, this.now() + UNSETTLED_MS);
  }

  /** Whether a view of `system` (null: unknown) may change any moment by a write of ours PluralKit has not finished. */
  private isUnsettled(system: string | null): boolean {
    if (this.unsettled.size === 0) return false;
    const now = this.now();
    for (const [key, until] of this.unsettled) if (until <= now) this.unsettled.delete(key);
    if (this.unsettled.has(ANY_SYSTEM)) return true;
    return system === null ? this.unsettled.size > 0 : this.unsettled.has(system);
  }
}
