import type { SealedTokenCensus } from './token-census.js';

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/** `key ID a`, or `key IDs a (2 tokens) and b (1 token)` when rows disagree. */
function describeKeyIds(census: SealedTokenCensus): string {
  if (census.byKeyId.length === 1) return `key ID ${census.byKeyId[0]!.keyId}`;
  const parts = census.byKeyId.map((group) => `${group.keyId} (${plural(group.tokens, 'token')})`);
  return `key IDs ${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}`;
}

/**
 * The key file is gone while tokens sealed under it remain. Raised at start
 * instead of generating a key that could never open them (and that would be
 * left behind as a misleading stray file). Names the key IDs and the ways
 * back; never any key material.
 */
export class LostKeyError extends Error {
  override name = 'LostKeyError';
  readonly neededKeyIds: string[];

  constructor(
    readonly keyFilePath: string,
    census: SealedTokenCensus,
    /** A parked key from an interrupted rotation that is one of the keys needed. */
    pendingKeyFilePath?: string,
  ) {
    const needed = describeKeyIds(census);
    const pendingHint = pendingKeyFilePath
      ? ` ${pendingKeyFilePath}, left by an interrupted key rotation, holds that key: rename it to ${keyFilePath}.`
      : '';
    super(
      `The token key file ${keyFilePath} is missing, but the database holds ${plural(census.total, 'stored token')} sealed under ${needed}, so no new key was generated: it could never decrypt ${census.total === 1 ? 'it' : 'them'}.${pendingHint} To recover, either restore the key file with ${needed} to ${keyFilePath} (chmod 600), or set TOKEN_ENCRYPTION_KEY to that key, or, if the key is lost for good, run \`npm run forget-tokens\` to delete the tokens that cannot be decrypted (their users set them again with /token set).`,
    );
    this.neededKeyIds = census.byKeyId.map((group) => group.keyId);
  }
}
