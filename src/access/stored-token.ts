import { Refusal } from '../core/refusal.js';
import type { Services } from '../services.js';
import { TokenDecryptionError, type StoredSystem, type StoredToken } from '../tokens/encrypted-tokens.js';

/**
 * The caller's stored token, read in one place. A row that does not decrypt is kept (only
 * `npm run forget-tokens` deletes tokens): the user is told why it cannot be used, and the
 * operator is told when the cause is a key this process does not have.
 */
export function storedTokenFor(services: Services, discordUserId: string): Promise<StoredToken | null> {
  return readingVault(services, discordUserId, () => services.tokens.get(discordUserId));
}

/**
 * Which system the caller connected, without decrypting the token: enough for every public read
 * (which sends no token), so only the owner's own views and writes pay for a decryption.
 */
export function storedSystemFor(services: Services, discordUserId: string): Promise<StoredSystem | null> {
  return readingVault(services, discordUserId, () => services.tokens.systemOf(discordUserId));
}

async function readingVault<T>(services: Services, discordUserId: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof TokenDecryptionError)) throw error;
    if (error.reason === 'key-id-mismatch') {
      services.logger.error(
        { userId: discordUserId, rowKeyId: error.rowKeyId, keyId: services.tokens.keyId },
        'a stored token is sealed under a key this process does not have: the token key was rotated while the bot ran; restart the bot with the new key (the token is kept)',
      );
      throw new Refusal('token.key-rotated', { action: 'read' });
    }
    services.logger.warn({ userId: discordUserId, reason: error.reason }, 'a stored token does not decrypt; it is kept until its user replaces or removes it');
    throw new Refusal('token.unreadable', {});
  }
}
