import { envelopeJson, isDroppedAsEmpty, type DispatchEvent, type DispatchEventType } from './dispatch-events.js';
import { DISPATCH_TIMEOUT_MS, postJson, type PendingPost, type PostOutcome } from './dispatch-http.js';
import { generateToken } from './ids.js';
import type { SystemRecord } from './model.js';
import type { Store } from './store.js';
import type { DispatchTimers } from './timers.js';
import type { JsonObject } from './validation.js';

/**
 * Delivery as PluralKit does it (reference §6): every envelope is one fire-and-forget POST with a
 * 10 s timeout; nothing is retried, nothing is ordered, a failure is only counted. For tests the
 * emulator can also hold envelopes and release them in a chosen order, drop one, or delay one.
 */

export type DeliveryState = 'held' | 'delayed' | 'sending' | 'answered' | 'failed' | 'timed-out' | 'dropped';

export interface DispatchEnvelope {
  type: DispatchEventType;
  signing_token: string;
  system_id: string;
  id?: string | null;
  data?: JsonObject | null;
}

export interface DispatchDelivery {
  /** Emission order, from 1. */
  readonly seq: number;
  /** `event`: a write's envelope; `url-test`: one of the two PINGs of a webhook URL test. */
  readonly purpose: 'event' | 'url-test';
  readonly type: DispatchEventType;
  readonly url: string;
  /** The system's UUID, as in the envelope's `system_id`. */
  readonly systemId: string;
  /** The exact body sent. */
  readonly body: string;
  readonly envelope: DispatchEnvelope;
  state: DeliveryState;
  /** HTTP status of the answer (any status; PluralKit counts all but 200 as a failure, and that is all). */
  status?: number;
  error?: string;
}

const SETTLED: ReadonlySet<DeliveryState> = new Set(['answered', 'failed', 'timed-out']);

export function isSettled(delivery: DispatchDelivery): boolean {
  return SETTLED.has(delivery.state);
}

export interface DeliveryFilter {
  type?: DispatchEventType;
  /** How many matching envelopes the rule applies to; default 1. */
  times?: number;
}

interface DeliveryRule {
  type?: DispatchEventType;
  remaining: number;
  delayMs: number | null;
}

export interface ReleaseOptions {
  /** Positions in `held` (0 = oldest) to send, in this order; the rest stay held. Default: all, oldest first. */
  order?: readonly number[];
  /** Sends all held envelopes in an order shuffled by this seed (same seed, same order). */
  shuffleSeed?: number;
}

interface Waiter {
  count: number;
  type?: DispatchEventType;
  resolve: () => void;
}

/** Seeded Fisher–Yates (mulberry32), so a failing shuffled test can be replayed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const result = [...items];
  for (let index = result.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [result[index], result[other]] = [result[other] as T, result[index] as T];
  }
  return result;
}

export class Dispatcher {
  readonly deliveries: DispatchDelivery[] = [];
  private holding = false;
  private held: DispatchDelivery[] = [];
  private rules: DeliveryRule[] = [];
  private waiters: Waiter[] = [];
  private inFlight = new Map<DispatchDelivery, PendingPost>();
  private delayTimers = new Map<DispatchDelivery, unknown>();
  private nextSeq = 1;

  constructor(
    private readonly store: Store,
    private readonly timers: DispatchTimers,
  ) {}

  /** The stored signing token; a `webhook_url` given in a seed gets one on first use. */
  signingTokenOf(system: SystemRecord): string | null {
    if (system.webhook_url === null) return null;
    system.webhook_token ??= generateToken();
    return system.webhook_token;
  }

  /** What every write calls: nothing happens unless the system has a webhook URL. */
  emit(systemUuid: string, event: DispatchEvent): void {
    const system = this.store.systems.get(systemUuid);
    if (!system || system.webhook_url === null || isDroppedAsEmpty(event)) return;
    const token = this.signingTokenOf(system) ?? '';
    const delivery = this.record('event', event, system.webhook_url, token, system.uuid);
    const rule = this.takeRule(event.type);
    if (rule && rule.delayMs === null) {
      delivery.state = 'dropped';
    } else if (rule && rule.delayMs !== null) {
      delivery.state = 'delayed';
      this.delayTimers.set(
        delivery,
        this.timers.setTimeout(() => {
          this.delayTimers.delete(delivery);
          void this.send(delivery);
        }, rule.delayMs),
      );
    } else if (this.holding) {
      delivery.state = 'held';
      this.held.push(delivery);
    } else {
      void this.send(delivery);
    }
  }

  /** A PING outside the delivery rules, answered before the caller goes on (the URL test). */
  async ping(url: string, signingToken: string, systemUuid: string): Promise<PostOutcome> {
    const delivery = this.record('url-test', { type: 'PING', id: null, data: null }, url, signingToken, systemUuid);
    return this.send(delivery);
  }

  hold(): void {
    this.holding = true;
  }

  /** New envelopes go out at once again; envelopes already held stay held until released. */
  deliverImmediately(): void {
    this.holding = false;
  }

  get heldDeliveries(): readonly DispatchDelivery[] {
    return this.held;
  }

  /** Sends held envelopes one after another, each answered before the next goes, so arrival order is the chosen order. */
  async release(options: ReleaseOptions = {}): Promise<DispatchDelivery[]> {
    let chosen: DispatchDelivery[];
    if (options.shuffleSeed !== undefined) {
      chosen = shuffled(this.held, options.shuffleSeed);
    } else if (options.order) {
      chosen = options.order.map((position) => {
        const delivery = this.held[position];
        if (!delivery) throw new Error(`release: no held delivery at position ${position} (${this.held.length} held)`);
        return delivery;
      });
      if (new Set(chosen).size !== chosen.length) throw new Error('release: a position is listed twice');
    } else {
      chosen = [...this.held];
    }
    this.held = this.held.filter((delivery) => !chosen.includes(delivery));
    for (const delivery of chosen) await this.send(delivery);
    return chosen;
  }

  dropNext(filter: DeliveryFilter = {}): void {
    this.addRule(filter, null);
  }

  delayNext(delayMs: number, filter: DeliveryFilter = {}): void {
    if (!(delayMs >= 0)) throw new Error('delayNext: the delay must be a non-negative number of milliseconds');
    this.addRule(filter, delayMs);
  }

  /** Resolves once `count` deliveries (of `type`, if given) have settled: answered, failed or timed out. */
  waitFor(count: number, type?: DispatchEventType, timeoutMs = 5_000): Promise<DispatchDelivery[]> {
    const matching = (): DispatchDelivery[] => this.settled(type);
    if (matching().length >= count) return Promise.resolve(matching());
    return new Promise((resolve, reject) => {
      // A guard on the real clock: it only fires when a test is already failing.
      const guard = setTimeout(() => {
        this.waiters = this.waiters.filter((waiter) => waiter !== entry);
        const states = this.deliveries.map((delivery) => `${delivery.seq} ${delivery.type} ${delivery.state}`).join(', ');
        reject(new Error(`waitForDeliveries: ${matching().length} of ${count} settled after ${timeoutMs} ms [${states}]`));
      }, timeoutMs);
      const entry: Waiter = {
        count,
        type,
        resolve: () => {
          clearTimeout(guard);
          resolve(matching());
        },
      };
      this.waiters.push(entry);
    });
  }

  clearLog(): void {
    this.deliveries.length = 0;
  }

  /** Forgets everything: log, held envelopes, rules, holding; gives up on deliveries in flight or delayed. */
  reset(): void {
    for (const pending of this.inFlight.values()) pending.abort();
    for (const handle of this.delayTimers.values()) this.timers.clearTimeout(handle);
    this.inFlight.clear();
    this.delayTimers.clear();
    this.deliveries.length = 0;
    this.held = [];
    this.rules = [];
    this.holding = false;
  }

  private record(purpose: DispatchDelivery['purpose'], event: DispatchEvent, url: string, token: string, systemUuid: string): DispatchDelivery {
    const body = envelopeJson(event, token, systemUuid);
    const delivery: DispatchDelivery = {
      seq: this.nextSeq++,
      purpose,
      type: event.type,
      url,
      systemId: systemUuid,
      body,
      envelope: JSON.parse(body) as DispatchEnvelope,
      state: 'sending',
    };
    this.deliveries.push(delivery);
    return delivery;
  }

  private async send(delivery: DispatchDelivery): Promise<PostOutcome> {
    delivery.state = 'sending';
    const pending = postJson(delivery.url, delivery.body, this.timers, DISPATCH_TIMEOUT_MS);
    this.inFlight.set(delivery, pending);
    const outcome = await pending.outcome;
    this.inFlight.delete(delivery);
    if (outcome.kind === 'answered') {
      delivery.state = 'answered';
      delivery.status = outcome.status;
    } else if (outcome.kind === 'failed') {
      delivery.state = 'failed';
      delivery.error = outcome.error;
    } else {
      delivery.state = 'timed-out';
    }
    this.wakeWaiters();
    return outcome;
  }

  private wakeWaiters(): void {
    const ready = this.waiters.filter((waiter) => this.settled(waiter.type).length >= waiter.count);
    this.waiters = this.waiters.filter((waiter) => !ready.includes(waiter));
    for (const waiter of ready) waiter.resolve();
  }

  private settled(type: DispatchEventType | undefined): DispatchDelivery[] {
    return this.deliveries.filter((delivery) => isSettled(delivery) && (type === undefined || delivery.type === type));
  }

  private addRule(filter: DeliveryFilter, delayMs: number | null): void {
    const times = filter.times ?? 1;
    if (!(times > 0)) throw new Error('dispatch rule: times must be positive');
    this.rules.push({ type: filter.type, remaining: times, delayMs });
  }

  private takeRule(type: DispatchEventType): DeliveryRule | undefined {
    const rule = this.rules.find((candidate) => candidate.type === undefined || candidate.type === type);
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.rules = this.rules.filter((candidate) => candidate !== rule);
    return rule;
  }
}
