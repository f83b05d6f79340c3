import type { System } from '../pluralkit/models.js';
import { PluralKitError, retryAfterSeconds } from '../pluralkit/errors.js';
import { Refusal } from '../core/refusal.js';
import { UserFacingError } from '../core/user-facing-error.js';
import { VaultKeyMismatchError } from '../vault/key-check.js';
import type { Services } from '../services.js';
import { cleanTokenInput, looksLikeToken } from '../tokens/token-format.js';

export const NOT_A_TOKEN_MESSAGE =
  "That doesn't look like a PluralKit token. Send `pk;token` to PluralKit in a DM and copy the long string it sends back (about 64 letters, digits and symbols).";

function rejectionFor(error: unknown): UserFacingError {
  if (error instanceof PluralKitError) {
    if (error.status === 401) {
      return new UserFacingError(
        'PluralKit did not accept that token. Make sure you copied all of it; if you reset it with `pk;token refresh`, use the new one. Nothing was saved.',
      );
    }
    // Before "could not be reached": a rate-limit hold-back (ours or PluralKit's 429) never left or was refused, PluralKit is up.
    if (error.status === 429 || error.kind === 'rate-limited') {
      return new UserFacingError(
        `PluralKit is rate-limiting requests right now, so the token could not be checked and was not saved. Please try again in ${retryAfterSeconds(error)} s.`,
      );
    }
    if (error.kind === 'timeout' || error.kind === 'aborted') {
      return new UserFacingError('PluralKit did not answer in time, so the token could not be checked and was not saved. Please try again in a moment.');
    }
    if (error.kind !== 'api' || (error.status !== null && error.status >= 500)) {
      return new UserFacingError('PluralKit could not be reached to check the token, so it was not saved. Please try again in a moment.');
    }
  }
  return new UserFacingError('The token could not be checked, so it was not saved. Please try again.');
}

/** Checks a token with PluralKit and stores it only when PluralKit accepts it. */
export async function verifyAndStoreToken(services: Services, discordUserId: string, input: string): Promise<System> {
  const token = cleanTokenInput(input);
  if (!looksLikeToken(token)) throw new UserFacingError(NOT_A_TOKEN_MESSAGE);
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
