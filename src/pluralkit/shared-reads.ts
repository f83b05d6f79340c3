import { startTimer } from '../core/clock.js';
import { deepFreeze } from '../core/deep-freeze.js';
import { Cancellation, type AbortSignalLike } from './cancel.js';
import { PluralKitError } from './errors.js';
import { owningSystem } from './owning-system.js';
import { InProcessTaggedCache } from '../shared-state/in-process-cache.js';
import type { TaggedCache } from '../shared-state/shared-state.js';
import type { ApiCall, CallObserver, CallOptions, Transport } from './transport.js';

/*
 * Fewer requests for the same answer, never an answer across auth contexts.
 *
 * - Identical GETs in flight at the same time (same path and query, same token or both without
 *   one) share one request. Each caller keeps its own deadline and signal: a /stats read with
 *   minutes to go that joins a member card's read with 2.5 s is not cut at 2.5 s, the card is
 *   not kept waiting past its 2.5 s, and one caller leaving does not end the request for the
 *   others (the last one leaving cancels it).
 * - Answers to GETs sent without a token — PluralKit's public view, the same for everyone —
 *   are kept for a few seconds (a TaggedCache: this process's, or Redis shared by every
 *   instance). Answers with a token are never kept, and a
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
  /** Approximate heap bytes for kept public views (in-process). */
  publicViewMaxBytes?: number;
  /** Where public views are kept; default this process's memory, for `publicViewTtlMs`. */
  publicViews?: TaggedCache;
}

/** One caller waiting for a shared request. */
interface Caller {
  /** Epoch ms, or undefined for none. */
  deadline: number | undefined;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  /** Armed once the request may run past this caller's deadline (someone with more time joined); stops it. */
  stopTimer: (() => void) | undefined;
  signal: AbortSignalLike | undefined;
  onAbort: (() => void) | undefined;
}

/** One request in flight, and the callers waiting for it; the transport tells it how the request ended. */
class Flight implements CallObserver<unknown> {
  readonly callers: Caller[] = [];
  /** Fired when the last caller leaves: nobody wants the answer any more. */
  readonly cancellation = new Cancellation();
  /** What the transport runs with, read live: the deadline is the latest of the callers'. */
  readonly options: CallOptions;

  constructor(
    private readonly reads: SharedReads,
    readonly key: string,
    readonly call: ApiCall<unknown>,
    readonly systemRef: string | null,
    readonly tokenKey: string | null,
    /** Compared before anyone joins: keys are fingerprints (see TokenKeys). Dropped when the request ends. */
    public token: string | undefined,
    /** The write generation when the request started. */
    readonly generation: number,
    deadline: number | undefined,
    longRead: boolean | undefined,
  ) {
    this.options = { token, deadline, signal: this.cancellation, longRead };
  }

  succeeded(value: unknown): void {
    this.reads.landed(this, value);
  }

  failed(error: unknown): void {
    this.reads.landed(this, error, true);
  }
}

/** The transport's own promise for a shared read: its outcome reaches the callers through the flight. */
function ignore(): void {}

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

/** Whether deadline `a` is later than `b` (undefined: none, later than any). */
function later(a: number | undefined, b: number | undefined): boolean {
  return a === undefined ? b !== undefined : b !== undefined && a > b;
}

export class SharedReads {
  private readonly flights = new Map<string, Flight>();
  private readonly publicViews: TaggedCache;
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
    // The transport's clock: deadlines and kept views are measured as the transport measures them.
    this.now = () => transport.clock.now();
    this.publicViews = options.publicViews ?? new InProcessTaggedCache({ ttlMs: options.publicViewTtlMs, maxBytes: options.publicViewMaxBytes, now: this.now });
  }

  private get keepsPublicViews(): boolean {
    return this.publicViews.ttlMs > 0;
  }

  /**
   * A GET, answered from a request in flight or a kept public view when there is one. Every
   * caller keeps its own deadline and signal: the shared request runs until the latest deadline
   * among those still waiting; a caller whose own comes first is told then (rate-limited, with
   * the expected wait, while the request still waits for the rate limit; timed out once sent),
   * or at once when the request waiting for the rate limit cannot go before it. When the last
   * caller leaves, the request is cancelled.
   * @param systemRef the system path ref as sent, if the route has one (for tagging)
   */
  read<T>(call: ApiCall<T>, options: CallOptions, systemRef: string | null): Promise<T> {
    if (options.signal?.aborted) return Promise.reject(abortedWhileWaiting(call));
    const token = options.token;
    const tokenKey = token ? this.transport.tokenKeyOf(token) : null;
    const key = `${tokenKey ?? ANONYMOUS} ${call.path}${call.query ? `?${call.query}` : ''}`;
    if (tokenKey === null && this.keepsPublicViews) {
      const kept = this.publicViews.get(key);
      // Kept elsewhere (Redis): asked once, then the same way as a miss here.
      if (kept instanceof Promise) return kept.then((shared) => (shared !== undefined ? (shared.value as T) : this.fly(call, options, systemRef, key, token, tokenKey)));
      if (kept !== undefined) return Promise.resolve(kept.value as T);
    }
    return this.fly(call, options, systemRef, key, token, tokenKey);
  }

  /** Joins the same request in flight, or starts one. */
  private fly<T>(call: ApiCall<T>, options: CallOptions, systemRef: string | null, key: string, token: string | undefined, tokenKey: string | null): Promise<T> {
    const deadline = this.transport.deadlineFor(options);
    const running = this.flights.get(key);
    if (running !== undefined && running.generation === this.generation && running.token === token) {
      return this.join(running, deadline, options.signal) as Promise<T>;
    }
    const flight = new Flight(this, key, call, systemRef, tokenKey, token, this.generation, deadline, options.longRead);
    this.flights.set(key, flight);
    // The caller is on the flight before the request starts: however it ends, it answers the caller.
    const answer = this.join(flight, deadline, options.signal) as Promise<T>;
    this.transport.call(call, flight.options, tokenKey, flight).catch(ignore);
    return answer;
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
      if (!changedNothing) await this.afterWrite(writer ?? owningSystem(call.route, systemRef, null), mayApplyLater);
    }
  }

  /** Public views kept in this process right now (for tests and diagnostics); undefined when they are kept in Redis. */
  get publicViewCount(): number | undefined {
    return this.publicViews instanceof InProcessTaggedCache ? this.publicViews.size : undefined;
  }

  /** One caller's wait on a flight: its own deadline, its own signal. */
  private join(flight: Flight, deadline: number | undefined, signal: AbortSignalLike | undefined): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const caller: Caller = { deadline, resolve, reject, stopTimer: undefined, signal, onAbort: undefined };
      if (flight.callers.length > 0 && deadline !== undefined) {
        // Waiting for the rate limit past this caller's deadline: no use waiting to hear it then.
        const admission = this.transport.limiter.expectedAdmission(flight.options);
        if (admission !== undefined && admission > deadline - this.transport.limiter.minAttemptMs) {
          reject(this.heldBack(flight.call, admission));
          return;
        }
      }
      flight.callers.push(caller);
      if (later(deadline, flight.options.deadline)) {
        flight.options.deadline = deadline;
        for (const other of flight.callers) if (other !== caller) this.watchDeadline(flight, other);
      } else {
        this.watchDeadline(flight, caller);
      }
      if (signal) {
        caller.onAbort = () => this.leave(flight, caller, abortedWhileWaiting(flight.call));
        signal.addEventListener('abort', caller.onAbort, { once: true });
      }
    });
  }

  /** Once the request may run past a caller's deadline, the caller is told at its deadline. */
  private watchDeadline(flight: Flight, caller: Caller): void {
    if (caller.stopTimer !== undefined || caller.deadline === undefined || !later(flight.options.deadline, caller.deadline)) return;
    caller.stopTimer = startTimer(this.transport.clock, Math.max(0, caller.deadline - this.now()), () => {
      caller.stopTimer = undefined;
      const admission = this.transport.limiter.expectedAdmission(flight.options);
      this.leave(flight, caller, admission === undefined ? this.outOfTime(flight.call) : this.heldBack(flight.call, admission));
    });
  }

  private heldBack(call: ApiCall<unknown>, admission: number): PluralKitError {
    return new PluralKitError({
      kind: 'rate-limited',
      message: `${call.method} ${call.route} would have to wait for the rate limit past its deadline`,
      method: call.method,
      route: call.route,
      retryAfterMs: Math.max(1, Math.ceil(admission - this.now())),
      outcome: 'not-sent',
    });
  }

  private outOfTime(call: ApiCall<unknown>): PluralKitError {
    return new PluralKitError({ kind: 'timeout', message: `${call.method} ${call.route} passed its deadline`, method: call.method, route: call.route, outcome: 'unknown' });
  }

  /** A caller gives up before the answer; the last one to leave cancels the request. */
  private leave(flight: Flight, caller: Caller, error: PluralKitError): void {
    const index = flight.callers.indexOf(caller);
    if (index === -1) return;
    flight.callers.splice(index, 1);
    release(caller);
    caller.reject(error);
    if (flight.callers.length > 0) return;
    if (this.flights.get(flight.key) === flight) this.flights.delete(flight.key);
    flight.cancellation.cancel();
  }

  /** @internal A flight's request ended: keep the books, then answer whoever still waits. */
  landed(flight: Flight, outcome: unknown, failed = false): void {
    if (this.flights.get(flight.key) === flight) this.flights.delete(flight.key);
    flight.token = undefined;
    const callers = flight.callers.splice(0);
    if (failed) {
      for (const caller of callers) {
        release(caller);
        caller.reject(outcome);
      }
      return;
    }
    const current = flight.generation === this.generation;
    // Frozen whenever someone else will hold the same object: a kept view, or several callers.
    if ((current && flight.tokenKey === null && this.keepsPublicViews) || callers.length > 1) deepFreeze(outcome);
    if (current) this.remember(flight.key, flight.call.route, flight.systemRef, flight.tokenKey, outcome);
    for (const caller of callers) {
      release(caller);
      caller.resolve(outcome);
    }
  }

  private remember(key: string, route: string, systemRef: string | null, tokenKey: string | null, value: unknown): void {
    if (tokenKey === null) {
      if (!this.keepsPublicViews) return;
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
    const known = this.tokenSystems.get(tokenKey);
    if (known === system) return;
    if (known === undefined && this.tokenSystems.size >= MAX_REMEMBERED_TOKENS) this.tokenSystems.clear();
    this.tokenSystems.set(tokenKey, system);
  }

  /** Settled once no instance serves a view the write may have changed (a shared cache is asked to drop them). */
  private async afterWrite(system: string | null, mayApplyLater: boolean): Promise<void> {
    this.generation++;
    if (mayApplyLater) this.unsettled.set(system ?? ANY_SYSTEM, this.now() + UNSETTLED_MS);
    await this.publicViews.drop(system);
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

function release(caller: Caller): void {
  caller.stopTimer?.();
  if (caller.signal && caller.onAbort) caller.signal.removeEventListener('abort', caller.onAbort);
}
