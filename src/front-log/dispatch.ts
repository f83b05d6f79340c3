import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../core/clock.js';
import type { Services } from '../services.js';
import type { FrontLogPoster } from './poster.js';

/** PluralKit's envelope (`{type, signing_token, system_id, id, data}`); only what the receiver reads. */
const envelopeSchema = z.object({
  type: z.string().min(1).max(64),
  signing_token: z.string().min(1).max(256),
  system_id: z.string().min(1).max(64),
  id: z.string().max(64).nullish(),
  data: z.unknown().optional(),
});

/** 200: taken (PING: the token is right); 401: unknown system or wrong token; 400: not an envelope. */
export type DispatchAnswer = 200 | 400 | 401;

/** Events that may change what a log shows, and whether they may rewrite what was posted. */
const FRONT_EVENTS: Readonly<Record<string, { corrected: boolean }>> = {
  CREATE_SWITCH: { corrected: false },
  UPDATE_SWITCH: { corrected: true },
  DELETE_SWITCH: { corrected: true },
  DELETE_ALL_SWITCHES: { corrected: true },
  SUCCESSFUL_IMPORT: { corrected: false },
  // A fronter renamed or made private, or the front made private: re-read; an unchanged state posts nothing.
  UPDATE_MEMBER: { corrected: true },
  DELETE_MEMBER: { corrected: true },
  UPDATE_SYSTEM: { corrected: true },
};

/** Events after which cached member or group lists (autocomplete) are stale. */
const STALE_LISTS: Readonly<Record<string, 'members' | 'groups' | 'switches'>> = {
  CREATE_MEMBER: 'members',
  UPDATE_MEMBER: 'members',
  DELETE_MEMBER: 'members',
  CREATE_GROUP: 'groups',
  UPDATE_GROUP: 'groups',
  DELETE_GROUP: 'groups',
  CREATE_SWITCH: 'switches',
  UPDATE_SWITCH: 'switches',
  DELETE_SWITCH: 'switches',
  DELETE_ALL_SWITCHES: 'switches',
};

interface KnownSystem {
  systemId: string;
  digest: Buffer;
  until: number;
}

const digestOf = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

/**
 * `POST /pluralkit/dispatch`, after the transport read the JSON: finds the system's logs by the
 * envelope's system UUID, checks the signing token in constant time (as SHA-256 digests, so the
 * comparison's length never depends on the input), answers PING 200 or 401 as PluralKit's URL test
 * expects, and hands front changes to the poster without waiting. What it does not use (every
 * proxied message is a CREATE_MESSAGE) costs a parse and a digest: known systems' token digests are
 * kept for a minute (PINGs always read the store), and any mismatch is checked against the store
 * before it is refused.
 */
export class DispatchReceiver {
  private readonly known = new Map<string, KnownSystem>();

  constructor(
    private readonly services: Services,
    private readonly poster: FrontLogPoster,
    private readonly clock: Clock,
    private readonly options: { cacheMs: number; maxCached: number } = { cacheMs: 60_000, maxCached: 10_000 },
  ) {}

  async receive(raw: unknown): Promise<DispatchAnswer> {
    const parsed = envelopeSchema.safeParse(raw);
    if (!parsed.success) return 400;
    const envelope = parsed.data;
    // PluralKit's URL test (and any PING) is answered from the store, never from the cache.
    const system = await this.verified(envelope.system_id, envelope.signing_token, envelope.type !== 'PING');
    if (!system) return 401;
    if (envelope.type === 'PING') return 200;
    const now = Math.floor(this.clock.now());
    const stale = envelope.type === 'SUCCESSFUL_IMPORT' ? (['members', 'groups', 'switches'] as const) : STALE_LISTS[envelope.type] ? [STALE_LISTS[envelope.type]!] : [];
    // Shared versions may live in Redis: the answer does not wait for them.
    for (const list of stale) void this.services.directory.changedElsewhere(system.systemId, list).catch((error: unknown) => this.services.logger.warn({ err: error }, 'front log: cached lists could not be marked stale'));
    const front = FRONT_EVENTS[envelope.type];
    if (front) this.poster.notify(envelope.system_id, { corrected: front.corrected, eventAt: now });
    return 200;
  }

  /** The system when the token is its signing token; a stale cached digest is read again once. */
  private async verified(systemUuid: string, token: string, cacheAllowed: boolean): Promise<KnownSystem | null> {
    const given = digestOf(token);
    const cached = cacheAllowed ? this.known.get(systemUuid) : undefined;
    if (cached && cached.until > this.clock.now() && timingSafeEqual(cached.digest, given)) return cached;
    const fresh = await this.load(systemUuid);
    return fresh && timingSafeEqual(fresh.digest, given) ? fresh : null;
  }

  private async load(systemUuid: string): Promise<KnownSystem | null> {
    this.known.delete(systemUuid);
    const subscriptions = await this.services.stores.logSubscriptions.forSystem(systemUuid);
    const sealed = subscriptions.find((subscription) => subscription.signingToken !== null);
    if (!sealed) return null;
    const token = this.services.tokens.openSecret('dispatch-signing-token', systemUuid, sealed.signingToken!);
    if (token === null) {
      this.services.logger.warn({ systemUuid }, 'front log: a stored signing token does not open with the token key');
      return null;
    }
    const known = { systemId: sealed.systemId, digest: digestOf(token), until: this.clock.now() + this.options.cacheMs };
    if (this.known.size >= this.options.maxCached) this.known.delete(this.known.keys().next().value!);
    this.known.set(systemUuid, known);
    return known;
  }
}
