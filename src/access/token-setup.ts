import type { System } from '../pluralkit/models.js';
import { PluralKitError, retryAfterSeconds } from '../pluralkit/errors.js';
import { Refusal } from '../core/refusal.js';
import { VaultKeyMismatchError } from '../vault/key-check.js';
import type { Services } from '../services.js';
import { cleanTokenInput, looksLikeToken } from '../tokens/token-format.js';

function rejectionFor(error: unknown): Refusal {
  if (error instanceof PluralKitError) {
    if (error.status === 401) return new Refusal('token.not-checked', { reason: 'rejected' });
    // Before "could not be reached": a rate-limit hold-back (ours or PluralKit's 429) never left or was refused, PluralKit is up.
    if (error.status === 429 || error.kind === 'rate-limited') return new Refusal('token.not-checked', { reason: 'rate-limited', retryAfterSeconds: retryAfterSeconds(error) });
    if (error.kind === 'timeout' || error.kind === 'aborted') return new Refusal('token.not-checked', { reason: 'timeout' });
    if (error.kind !== 'api' || (error.status !== null && error.status >= 500)) return new Refusal('token.not-checked', { reason: 'unreachable' });
  }
  return new Refusal('token.not-checked', { reason: 'unknown' });
}

/** Checks a token with PluralKit and stores it only when PluralKit accepts it. */
export async function verifyAndStoreToken(services: Services, discordUserId: string, input: string): Promise<System> {
  const token = cleanTokenInput(input);
  if (!looksLikeToken(token)) throw new Refusal('token.not-a-token', {});
  let system: System;
  try {
    system = await services.pluralkit.getSystem('@me', { token });
  } catch (error) {
    throw rejectionFor(error);
  }
  try {
    await services.tokens.set(discordUserId, token, { id: system.id, uuid: system.uuid });
  } catch (error) {
    if (!(error instanceof VaultKeyMismatchError)) throw error;
    services.logger.error(
      { err: error },
      'a token could not be stored: the token key was rotated while the bot ran and this process does not have the new key; restart the bot with it',
    );
    throw new Refusal('token.key-rotated', { action: 'store' });
  }
  return system;
}
