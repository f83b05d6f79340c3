import { Refusal } from '../core/refusal.js';
import type { Services } from '../services.js';
import type { LogDelivery, LogPrivacy, LogStyle, LogSubscription } from '../stores/log-subscriptions/log-subscription-store.js';
import type { StoredToken } from '../tokens/encrypted-tokens.js';
import './refusals.js';

/** Where PluralKit's dispatch reaches this deployment, or null when it polls (no PUBLIC_URL). */
export function dispatchUrl(services: Pick<Services, 'config'>): string | null {
  return services.config.publicUrl ? `${services.config.publicUrl}/pluralkit/dispatch` : null;
}

export function deliveryOf(services: Pick<Services, 'config'>): LogDelivery {
  return dispatchUrl(services) ? 'dispatch' : 'polling';
}

/**
 * The system's `webhook_url` when it points somewhere else than here (another tool would stop
 * receiving if it were replaced); null when it is unset or already ours. Owner view only.
 */
export async function otherWebhookUrl(services: Services, auth: StoredToken): Promise<string | null> {
  const ours = dispatchUrl(services);
  const system = await services.pluralkit.getSystem('@me', { token: auth.token });
  const current = system.webhook_url ?? null;
  return current && current !== ours ? current : null;
}

export interface LogRequest {
  guildId: string;
  channelId: string;
  style: LogStyle;
  privacy: LogPrivacy;
}

/**
 * Creates the log, or changes the style and privacy of the one already in that channel (one per
 * system and channel). A new log of a system that already has a signing token shares it: PluralKit
 * keeps one URL and one token per system.
 */
export async function saveSubscription(services: Services, userId: string, auth: StoredToken, request: LogRequest): Promise<{ replaced: boolean; subscription: LogSubscription }> {
  const store = services.stores.logSubscriptions;
  const existing = await store.get(auth.systemUuid, request.channelId);
  const sibling = existing ?? (await store.forSystem(auth.systemUuid))[0];
  const subscription: LogSubscription = {
    systemUuid: auth.systemUuid,
    channelId: request.channelId,
    guildId: request.guildId,
    discordUserId: userId,
    systemId: auth.systemId,
    style: request.style,
    privacy: request.privacy,
    delivery: deliveryOf(services),
    signingToken: sibling?.signingToken ?? null,
    // A changed style starts its message afresh.
    boardMessageId: existing && existing.style === request.style ? existing.boardMessageId : null,
    lastPosted: null,
    lastEventAt: existing?.lastEventAt ?? null,
    lastPostAt: existing?.lastPostAt ?? null,
    health: 'ok',
    createdAt: existing?.createdAt ?? Date.now(),
  };
  await store.put(subscription);
  return { replaced: existing !== undefined, subscription };
}

/**
 * The log a `/log view` or `/log stop` is about: the one in `channelId` when given (or when the
 * command runs in a log channel), else the user's only one; refused when there is none or it is
 * not clear which.
 */
export async function chosenSubscription(services: Services, userId: string, channel: { given?: string | undefined; current: string | null }): Promise<LogSubscription> {
  const mine = await services.stores.logSubscriptions.forUser(userId);
  if (mine.length === 0) throw new Refusal('log.none', {});
  const wanted = channel.given ?? (mine.length > 1 ? channel.current : null);
  if (wanted === null) return mine[0]!;
  const found = mine.find((subscription) => subscription.channelId === wanted);
  if (found) return found;
  throw channel.given ? new Refusal('log.none', {}) : new Refusal('log.which', { channelIds: mine.map((subscription) => subscription.channelId) });
}

/** Ends a log; whether the system still has others (then its webhook URL must stay). */
export async function stopSubscription(services: Services, subscription: LogSubscription): Promise<{ othersRemain: boolean }> {
  await services.stores.logSubscriptions.remove(subscription.systemUuid, subscription.channelId);
  return { othersRemain: (await services.stores.logSubscriptions.forSystem(subscription.systemUuid)).length > 0 };
}

/** PluralKit's signing tokens are 64 characters from its token alphabet (base64). */
const SIGNING_TOKEN = /^[A-Za-z0-9+/=_-]{64}$/;

/** Stores the signing token PluralKit showed, sealed, for every log of the user's system. */
export async function saveSigningToken(services: Services, auth: StoredToken, systemUuid: string, text: string): Promise<void> {
  const token = text.trim();
  if (!SIGNING_TOKEN.test(token)) throw new Refusal('log.signing-token-invalid', {});
  if (auth.systemUuid !== systemUuid) throw new Refusal('log.signing-token-unexpected', {});
  const sealed = services.tokens.sealSecret('dispatch-signing-token', systemUuid, token);
  const changed = await services.stores.logSubscriptions.setSigningToken(systemUuid, sealed);
  if (changed === 0) throw new Refusal('log.signing-token-unexpected', {});
}
