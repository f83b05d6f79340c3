/**
 * In-memory PluralKit API v2 emulator over real HTTP, written from
 * docs/pluralkit-api-v2.md (production behaviour, not the public docs).
 * See README.md in this folder.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultRegistry, type FaultSpec } from './faults.js';
import { GcraLimiter } from './rate-limiter.js';
import type { AutoproxySeed, GroupSeed, MemberSeed, MessageSeed, SwitchSeed, SystemSeed } from './seed-schemas.js';
import { Seeder, type SeededGroup, type SeededMember, type SeededSwitch, type SeededSystem } from './seed.js';
import { createRequestListener, type EmulatorState, type RecordedRequest } from './server.js';
import { Store } from './store.js';

export type { AutoproxySeed, FaultSpec, GroupSeed, MemberSeed, MessageSeed, RecordedRequest, SwitchSeed, SystemSeed };
export type { SeededGroup, SeededMember, SeededSwitch, SeededSystem };

export interface PluralKitEmulatorOptions {
  /** Default true. */
  rateLimits?: boolean;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 = random free port. */
  port?: number;
  /**
   * Milliseconds clock for the rate limiter only (default: the real clock). Tests that assert exact
   * `X-RateLimit-Remaining` values pass a frozen clock so a slow machine cannot refill the bucket.
   */
  rateLimitClock?: () => number;
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
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

export async function startPluralKitEmulator(options: PluralKitEmulatorOptions = {}): Promise<PluralKitEmulator> {
  const host = options.host ?? '127.0.0.1';
  const state: EmulatorState = {
    store: new Store(),
    limiter: new GcraLimiter(options.rateLimitClock),
    faults: new FaultRegistry(),
    requests: [],
    rateLimits: options.rateLimits ?? true,
    answeredListeners: new Set(),
  };
  const seeder = new Seeder(state.store);
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
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    reset() {
      state.store.clear();
      state.requests.length = 0;
      state.faults.clear();
      state.limiter.reset();
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
  };
}
