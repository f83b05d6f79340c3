import { UserFacingError } from '../core/user-facing-error.js';
import type { Services } from '../services.js';
import { TokenDecryptionError, type StoredSystem, type StoredToken } from '../vault/token-vault.js';

/**
 * The caller's stored token, read in one place: a row that no longer
 * decrypts (damaged) is removed and the user is asked to set it up again,
 * instead of every command failing with an internal error.
 */
export function storedTokenFor(services: Services, discordUserId: string): StoredToken | null {
  return readingVault(services, discordUserId, () => services.vault.get(discordUserId));
}

/**
 * Which system the caller connected, without decrypting the token: enough for every public read
 * (which sends no token), so only the owner's own views and writes pay for a decryption.
 */
export function storedSystemFor(services: Services, discordUserId: string): StoredSystem | null {
  return readingVault(services, discordUserId, () => services.vault.systemOf(discordUserId));
}

function readingVault<T>(services: Services, discordUserId: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof TokenDecryptionError)) throw error;
    services.logger.warn({ userId: discordUserId, reason: error.reason }, 'removing a stored token that no longer decrypts');
    services.vault.remove(discordUserId);
    throw new UserFacingError('Your stored PluralKit token could not be read any more, so it was removed. Run `/token set` to set it up again.');
  }
}
