/**
 * In-memory PluralKit API v2 emulator over real HTTP, written from
 * docs/pluralkit-api-v2.md (production behaviour, not the public docs).
 * See README.md in this folder.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DISPATCH_EVENT_TYPES, type DispatchEvent, type DispatchEventType } from './dispatch-events.js';
import {
  Dispatcher,
  type DeliveryFilter,
  type DeliveryState,
  type DispatchDelivery,
  type DispatchEnvelope,
  type ReleaseOptions,
} from './dispatcher.js';
import { FaultRegistry, type FaultSpec } from './faults.js';
import { PluralKitSide, type ProxiedMessage, type ProxiedMessageInput } from './pluralkit-side.js';
import { resolveSystemForSeed } from './refs.js';
import { GcraLimiter } from './rate-limiter.js';
import type { AutoproxySeed, GroupSeed, MemberSeed, MessageSeed, SwitchSeed, SystemSeed } from './seed-schemas.js';
import { Seeder, type SeededGroup, type SeededMember, type SeededSwitch, type SeededSystem } from './seed.js';
import { createRequestListener, type EmulatorState, type InProcessReply, type RecordedRequest } from './server.js';
import { Store } from './store.js';
import { ManualTimers, realTimers, type DispatchTimers } from './timers.js';
import { clearWebhookUrl, registerWebhookUrl, WebhookUrlRefused, type WebhookRefusalReason } from './webhook-url.js';

export type { AutoproxySeed, FaultSpec, GroupSeed, MemberSeed, MessageSeed, RecordedRequest, SwitchSeed, SystemSeed };
export type { SeededGroup, SeededMember, SeededSwitch, SeededSystem };
export type { DeliveryFilter, DeliveryState, DispatchDelivery, DispatchEnvelope, DispatchEvent, DispatchEventType, DispatchTimers };
export type { InProcessReply, ProxiedMessage, ProxiedMessageInput, ReleaseOptions, WebhookRefusalReason };
export { DISPATCH_EVENT_TYPES, ManualTimers, WebhookUrlRefused };

export interface PluralKitEmulatorOptions {
  /** Default true. */
  rateLimits?: boolean;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 = random free port. */
  port?: number;
  /**
   * Milliseconds clock for the rate limiter and the request log's times (default: the real clock).
   * Tests that assert exact `X-RateLimit-Remaining` values pass a frozen clock so a slow machine
   * cannot refill the bucket; tests of a client on a manual clock pass that clock's `now`.
   */
  rateLimitClock?: () => number;
  /**
   * Scheduler for dispatch's 10 s delivery timeout and `delayNext` (default: the real timers). Pass a
   * `ManualTimers` to time out or delay deliveries without waiting.
   */
  dispatchTimers?: DispatchTimers;
  /**
   * Scheduler for faults' `delayMs` (default: the real timers). Pass a `ManualTimers` to hold a
   * request until the test calls `advance`, e.g. a write PluralKit stores after the client gave up.
   */
  faultTimers?: DispatchTimers;
}

/** Dispatch webhooks (reference §6): the URL, the deliveries, and test controls over delivery. */
export interface DispatchControls {
  /**
   * `pk;system webhook <url>`: checks the URL, makes a signing token, calls `beforeTest` with it
   * (PluralKit shows it and waits for "yes" so the receiver can store it), then POSTs a PING with
   * it (must answer 200) and a PING with a wrong token (must answer 401). Resolves to the token
   * once URL and token are stored; rejects with `WebhookUrlRefused` (nothing stored) otherwise.
   */
  setWebhookUrl(systemRef: string, url: string, options?: { beforeTest?: (signingToken: string) => void | Promise<void> }): Promise<string>;
  /** `pk;system webhook clear`: URL and token are removed; no event. */
  clearWebhookUrl(systemRef: string): void;
  /** The stored signing token, null without a URL (a seeded `webhook_url` gets one on first use). */
  signingToken(systemRef: string): string | null;
  /** Every envelope in emission order, URL-test PINGs included, with its state and answer. */
  readonly deliveries: readonly DispatchDelivery[];
  clearDeliveries(): void;
  /** Resolves when `count` deliveries (of `type`) have settled (answered, failed or timed out). */
  waitForDeliveries(count: number, options?: { type?: DispatchEventType; timeoutMs?: number }): Promise<DispatchDelivery[]>;
  /** Keep new envelopes back until `release`. */
  hold(): void;
  /** New envelopes go out at once again (the default); held ones wait for `release`. */
  deliverImmediately(): void;
  readonly held: readonly DispatchDelivery[];
  /** Sends held envelopes one at a time (each answered before the next) in the chosen order. */
  release(options?: ReleaseOptions): Promise<DispatchDelivery[]>;
  /** The next matching envelope(s) are lost: recorded as `dropped`, never sent. */
  dropNext(filter?: DeliveryFilter): void;
  /** The next matching envelope(s) go out `delayMs` later on the dispatch timers. */
  delayNext(delayMs: number, filter?: DeliveryFilter): void;
  /** Sends any event as PluralKit would (e.g. SUCCESSFUL_IMPORT after `pk;import`). */
  emit(systemRef: string, event: { type: DispatchEventType; id?: string | null; data?: Record<string, unknown> | null }): void;
}

/** Changes made inside PluralKit (bot commands, dashboard, proxying), with their dispatch events. */
export interface PluralKitSideWrites {
  /** Any v2 API request as the system itself: not rate limited, not in `pk.requests`. */
  request(method: string, path: string, body?: unknown): InProcessReply;
  deleteAllSwitches(): void;
  linkAccount(accountId: string): void;
  unlinkAccount(accountId: string): void;
  /** A message proxied by PluralKit: stored, counted, CREATE_MESSAGE, latch and proxy-switch effects. */
  proxyMessage(input: ProxiedMessageInput): ProxiedMessage;
}

export interface PluralKitEmulator {
  /** Base including /v2, e.g. "http://127.0.0.1:43123/v2". */
  readonly url: string;
  /** e.g. "http://127.0.0.1:43123". */
  readonly origin: string;
  close(): Promise<void>;
  /** Drops all data, the request log, armed faults and rate-limit state. */
  reset(): void;
  setRateLimits(enabled: boolean): void;
  seedSystem(input?: SystemSeed): SeededSystem;
  seedMember(systemRef: string, input: MemberSeed): SeededMember;
  seedGroup(systemRef: string, input: GroupSeed & { members?: string[] }): SeededGroup;
  seedSwitch(systemRef: string, input: SwitchSeed): SeededSwitch;
  seedMessage(input: MessageSeed): void;
  /** Like `pk;token refresh`: issues a new token for the system and invalidates the old one. */
  refreshToken(systemRef: string): string;
  seedSystemGuildSettings(systemRef: string, guildId: string, settings?: Record<string, unknown>): void;
  seedMemberGuildSettings(memberRef: string, guildId: string, settings?: Record<string, unknown>): void;
  /** Extra: per-guild autoproxy row (the API creates one on first GET anyway). */
  seedAutoproxy(systemRef: string, guildId: string, input: AutoproxySeed): void;
  readonly requests: readonly RecordedRequest[];
  clearRequests(): void;
  /** Calls `listener` with each request once it is answered (the playground's request log); returns the unsubscribe function. */
  onRequestAnswered(listener: (request: RecordedRequest) => void): () => void;
  injectFault(fault: FaultSpec): void;
  /** Extra: disarms every pending fault. */
  clearFaults(): void;
  readonly dispatch: DispatchControls;
  /** Writes "in PluralKit itself" for the system, which dispatch like any other write. */
  asPluralKit(systemRef: string): PluralKitSideWrites;
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

export async function startPluralKitEmulator(options: PluralKitEmulatorOptions = {}): Promise<PluralKitEmulator> {
  const host = options.host ?? '127.0.0.1';
  const store = new Store();
  const state: EmulatorState = {
    store,
    now: options.rateLimitClock ?? Date.now,
    limiter: new GcraLimiter(options.rateLimitClock),
    faults: new FaultRegistry(),
    requests: [],
    rateLimits: options.rateLimits ?? true,
    dispatcher: new Dispatcher(store, options.dispatchTimers ?? realTimers),
    answeredListeners: new Set(),
    faultTimers: options.faultTimers ?? realTimers,
  };
  const seeder = new Seeder(state.store);
  const pluralKitSide = new PluralKitSide(state, seeder);
  const { dispatcher } = state;
  const system = (ref: string) => resolveSystemForSeed(store, ref);
  const dispatch: DispatchControls = {
    setWebhookUrl: (systemRef, url, setOptions) => registerWebhookUrl(dispatcher, system(systemRef), url, setOptions?.beforeTest),
    clearWebhookUrl: (systemRef) => clearWebhookUrl(system(systemRef)),
    signingToken: (systemRef) => dispatcher.signingTokenOf(system(systemRef)),
    get deliveries() {
      return dispatcher.deliveries;
    },
    clearDeliveries: () => dispatcher.clearLog(),
    waitForDeliveries: (count, waitOptions) => dispatcher.waitFor(count, waitOptions?.type, waitOptions?.timeoutMs),
    hold: () => dispatcher.hold(),
    deliverImmediately: () => dispatcher.deliverImmediately(),
    get held() {
      return dispatcher.heldDeliveries;
    },
    release: (releaseOptions) => dispatcher.release(releaseOptions),
    dropNext: (filter) => dispatcher.dropNext(filter),
    delayNext: (delayMs, filter) => dispatcher.delayNext(delayMs, filter),
    emit(systemRef, event) {
      if (!DISPATCH_EVENT_TYPES.includes(event.type)) throw new Error(`dispatch.emit: unknown event type '${String(event.type)}'`);
      dispatcher.emit(system(systemRef).uuid, { type: event.type, id: event.id ?? null, data: event.data ?? null });
    },
  };
  const listener = createRequestListener(state);
  const server: Server = createServer((req, res) => {
    listener(req, res).catch((error: unknown) => {
      console.error('pluralkit-emulator: request failed', error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: '500: Internal Server Error', code: 0 }));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${formatHost(host)}:${port}`;

  return {
    url: `${origin}/v2`,
    origin,
    close: () =>
      new Promise<void>((resolve, reject) => {
        dispatcher.reset();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    reset() {
      state.store.clear();
      state.requests.length = 0;
      state.faults.clear();
      state.limiter.reset();
      dispatcher.reset();
    },
    setRateLimits(enabled) {
      state.rateLimits = enabled;
    },
    seedSystem: (input) => seeder.system(input),
    seedMember: (systemRef, input) => seeder.member(systemRef, input),
    seedGroup: (systemRef, input) => seeder.group(systemRef, input),
    seedSwitch: (systemRef, input) => seeder.switch(systemRef, input),
    seedMessage: (input) => seeder.message(input),
    refreshToken: (systemRef) => seeder.refreshToken(systemRef),
    seedSystemGuildSettings: (systemRef, guildId, settings) => seeder.systemGuild(systemRef, guildId, settings),
    seedMemberGuildSettings: (memberRef, guildId, settings) => seeder.memberGuild(memberRef, guildId, settings),
    seedAutoproxy: (systemRef, guildId, input) => seeder.autoproxy(systemRef, guildId, input),
    get requests() {
      return state.requests;
    },
    clearRequests() {
      state.requests.length = 0;
    },
    onRequestAnswered(listener) {
      state.answeredListeners.add(listener);
      return () => state.answeredListeners.delete(listener);
    },
    injectFault: (fault) => state.faults.add(fault),
    clearFaults: () => state.faults.clear(),
    dispatch,
    asPluralKit(systemRef) {
      const target = system(systemRef);
      return {
        request: (method, path, body) => pluralKitSide.request(target, method, path, body),
        deleteAllSwitches: () => pluralKitSide.deleteAllSwitches(target),
        linkAccount: (accountId) => pluralKitSide.linkAccount(target, accountId),
        unlinkAccount: (accountId) => pluralKitSide.unlinkAccount(target, accountId),
        proxyMessage: (input) => pluralKitSide.proxyMessage(target, input),
      };
    },
  };
}
