import { z } from 'zod';
import { CorruptRecordError } from '../stores/storage-errors.js';
import type { SealedSecret } from '../stores/log-subscriptions/log-subscription-store.js';
import type { SealedToken, TokenStore } from '../stores/tokens/token-store.js';
import { DecryptionError, deriveKeyId, open, seal, type EncryptionKey } from '../vault/crypto.js';
import { keyCheckRefuses, keyGuard, sealKeyCheck, VaultKeyMismatchError } from '../vault/key-check.js';

/** What is stored beside a token, readable without decrypting anything. */
export interface StoredSystem {
  systemId: string;
  systemUuid: string;
  setAt: Date;
  verifiedAt: Date;
}

export interface StoredToken extends StoredSystem {
  token: string;
}

export interface SystemRef {
  id: string;
  uuid: string;
}

export type TokenDecryptionFailure = 'key-id-mismatch' | 'malformed' | 'authentication-failed';

/** A stored row the current key cannot open; never carries any part of the token. */
export interface UnreadableToken {
  discordUserId: string;
  keyId: string;
  reason: TokenDecryptionFailure;
}

/** One stored row does not open: changed on disk, moved to another user, or sealed under another key. */
export class TokenDecryptionError extends Error {
  override name = 'TokenDecryptionError';
  constructor(
    readonly discordUserId: string,
    readonly reason: TokenDecryptionFailure,
    /** The key ID the row names, when it could be read. */
    readonly rowKeyId?: string,
  ) {
    super(`the stored token of Discord user ${discordUserId} cannot be decrypted (${reason})`);
  }
}

/** What else the token key seals, each under its own associated data. */
export type SecretPurpose = 'dispatch-signing-token';

function secretAad(purpose: SecretPurpose, owner: string): string {
  return `switchboard/token-vault/${purpose}/v1\0${owner}`;
}

const TOKEN_AAD_PREFIX = 'switchboard/token-vault/token/v1\0';
const MAX_TOKEN_LENGTH = 1024;

const discordUserIdSchema = z.string().regex(/^\d{1,20}$/, 'a Discord user ID is 1 to 20 digits');
const systemSchema = z.object({ id: z.string().min(1).max(64), uuid: z.string().min(1).max(64) });

/** The Discord user ID is authenticated with the token, so a row copied to another user does not open. */
function tokenAad(discordUserId: string): string {
  return TOKEN_AAD_PREFIX + discordUserId;
}

function checkedKey(key: EncryptionKey): EncryptionKey {
  if (deriveKeyId(key.key) !== key.keyId) throw new RangeError('the key ID does not belong to this key');
  return { key: key.key, keyId: key.keyId };
}

function openWith(key: EncryptionKey, row: SealedToken): Buffer {
  if (row.keyId !== key.keyId) throw new TokenDecryptionError(row.discordUserId, 'key-id-mismatch', row.keyId);
  try {
    return open(key.key, { nonce: row.nonce, ciphertext: row.ciphertext, authTag: row.authTag }, tokenAad(row.discordUserId));
  } catch (error) {
    if (error instanceof DecryptionError) throw new TokenDecryptionError(row.discordUserId, error.reason, row.keyId);
    throw error;
  }
}

/** A row the store could not read back counts as a malformed token. */
async function readingRow<T>(discordUserId: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof CorruptRecordError) throw new TokenDecryptionError(discordUserId, 'malformed');
    throw error;
  }
}

export interface EncryptedTokensOptions {
  now?: () => Date;
  /**
   * Keys this process may have been rotated to since it started (`rotatedKeyCandidates`): asked
   * when a row or the key check names another key, so a rotation while the bot runs is picked up.
   */
  rotatedKeys?: () => EncryptionKey[];
  /** Told when the process moves to a rotated key. */
  onKeyAdopted?: (previousKeyId: string, keyId: string) => void;
}

/**
 * PluralKit tokens sealed per row with AES-256-GCM: a fresh nonce each time, the Discord user ID
 * as associated data, and the key ID stored beside so a rotation can tell rows apart. Plaintext
 * exists only in memory, only for the call that asked for it: nothing decrypted is kept. A row
 * the key cannot open is reported, never deleted here: only `npm run forget-tokens` deletes.
 */
export class EncryptedTokens {
  private key: EncryptionKey;
  private readonly now: () => Date;
  private readonly rotatedKeys: () => EncryptionKey[];

  constructor(
    private readonly store: TokenStore,
    key: EncryptionKey,
    private readonly options: EncryptedTokensOptions = {},
  ) {
    this.key = checkedKey(key);
    this.now = options.now ?? (() => new Date());
    this.rotatedKeys = options.rotatedKeys ?? (() => []);
  }

  get keyId(): string {
    return this.key.keyId;
  }

  /** Refuses when the key cannot decrypt the vault; on an empty vault it records the check value. */
  assertKeyMatches(): Promise<void> {
    return this.store.guard(keyGuard(this.key));
  }

  async set(discordUserId: string, token: string, system: SystemRef): Promise<void> {
    discordUserIdSchema.parse(discordUserId);
    if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
      throw new RangeError(`a token is 1 to ${MAX_TOKEN_LENGTH} characters`);
    }
    const { id, uuid } = systemSchema.parse(system);
    const put = (): Promise<void> => {
      const box = seal(this.key.key, token, tokenAad(discordUserId));
      const now = this.now().getTime();
      const row: SealedToken = { discordUserId, ...box, keyId: this.key.keyId, systemId: id, systemUuid: uuid, setAt: now, verifiedAt: now };
      return this.store.put(row, keyGuard(this.key));
    };
    try {
      await put();
    } catch (error) {
      // The vault was rotated by another process since this one read its key: follow it if the key file has it.
      if (!(error instanceof VaultKeyMismatchError && error.vaultKeyId && (await this.adoptRotatedKey(error.vaultKeyId)))) throw error;
      await put();
    }
  }

  /**
   * The system a user's stored token belongs to, without decrypting the token: for deciding
   * whose data a command looks at, where the token itself is not sent. Null when none is stored.
   */
  async systemOf(discordUserId: string): Promise<StoredSystem | null> {
    const row = await readingRow(discordUserId, () => this.store.readSystem(discordUserId));
    if (!row) return null;
    return { systemId: row.systemId, systemUuid: row.systemUuid, setAt: new Date(row.setAt), verifiedAt: new Date(row.verifiedAt) };
  }

  /** Whether a token is stored for the user (nothing is read or decrypted). */
  has(discordUserId: string): Promise<boolean> {
    return this.store.has(discordUserId);
  }

  /** The stored token, or null when there is none; a row that does not open throws TokenDecryptionError. */
  async get(discordUserId: string): Promise<StoredToken | null> {
    const row = await readingRow(discordUserId, () => this.store.read(discordUserId));
    if (!row) return null;
    if (row.keyId !== this.key.keyId) await this.adoptRotatedKey(row.keyId);
    return {
      token: openWith(this.key, row).toString('utf8'),
      systemId: row.systemId,
      systemUuid: row.systemUuid,
      setAt: new Date(row.setAt),
      verifiedAt: new Date(row.verifiedAt),
    };
  }

  /** Records that PluralKit accepted the token just now, and the system it answered with if given. */
  markVerified(discordUserId: string, system?: SystemRef): Promise<void> {
    const parsed = system ? systemSchema.parse(system) : undefined;
    return this.store.markVerified(discordUserId, this.now().getTime(), parsed ? { systemId: parsed.id, systemUuid: parsed.uuid } : undefined);
  }

  remove(discordUserId: string): Promise<boolean> {
    return this.store.remove(discordUserId);
  }

  /**
   * Seals another secret under the token key (a dispatch signing token), bound to `owner` (e.g.
   * the system UUID) so a box copied to another row does not open.
   */
  sealSecret(purpose: SecretPurpose, owner: string, secret: string): SealedSecret {
    return { ...seal(this.key.key, secret, secretAad(purpose, owner)), keyId: this.key.keyId };
  }

  /**
   * The secret in a box `sealSecret` made, or null when it does not open. A box sealed under a key
   * this process was rotated to meanwhile opens with that key (the rotation re-seals boxes first).
   */
  openSecret(purpose: SecretPurpose, owner: string, box: SealedSecret): string | null {
    const key = box.keyId === this.key.keyId ? this.key : this.rotatedKeys().find((candidate) => candidate.keyId === box.keyId);
    if (!key) return null;
    try {
      return open(key.key, box, secretAad(purpose, owner)).toString('utf8');
    } catch (error) {
      if (error instanceof DecryptionError) return null;
      throw error;
    }
  }

  /** For a key rotation: the box sealed anew under `next`, or null when it does not open with the key at hand. */
  resealSecret(purpose: SecretPurpose, owner: string, box: SealedSecret, next: EncryptionKey): SealedSecret | null {
    const secret = this.openSecret(purpose, owner, box);
    if (secret === null) return null;
    const target = checkedKey(next);
    return { ...seal(target.key, secret, secretAad(purpose, owner)), keyId: target.keyId };
  }

  count(): Promise<number> {
    return this.store.count();
  }

  /**
   * Re-seals every row and the key check under `newKey` in one transaction:
   * if any row does not open, nothing changes. Returns the rows re-sealed.
   */
  async rotate(newKey: EncryptionKey): Promise<number> {
    const current = this.key;
    const next = checkedKey(newKey);
    const { resealed } = await this.store.rewriteAll({
      guard: keyGuard(current),
      decide: (row) => {
        const plaintext = openWith(current, row);
        const box = seal(next.key, plaintext, tokenAad(row.discordUserId));
        plaintext.fill(0);
        return { reseal: { ...box, keyId: next.keyId } };
      },
      keyCheck: sealKeyCheck(next),
    });
    this.key = next;
    return resealed;
  }

  /** Every row this key cannot open, in user order. Decrypts each row in memory and wipes the result. */
  async unreadableRows(): Promise<UnreadableToken[]> {
    return (await this.store.list()).flatMap((row) => {
      const reason = this.failureOf(row);
      return reason ? [{ discordUserId: row.discordUserId, keyId: row.keyId, reason }] : [];
    });
  }

  /**
   * Deletes every row this key cannot open and records the key check under
   * this key, in one transaction, so the vault opens with it afterwards.
   * Only for an operator who has given up on the old key: those users have to
   * set their tokens again. Returns the rows deleted.
   */
  async forgetUnreadable(): Promise<number> {
    const { deleted } = await this.store.rewriteAll({
      decide: (row) => (this.failureOf(row) ? 'delete' : 'keep'),
      keyCheck: sealKeyCheck(this.key),
    });
    return deleted;
  }

  private failureOf(row: SealedToken): TokenDecryptionFailure | undefined {
    try {
      openWith(this.key, row).fill(0);
      return undefined;
    } catch (error) {
      if (error instanceof TokenDecryptionError) return error.reason;
      throw error;
    }
  }

  /** Moves to the rotated key `keyId` when the key source has it and the vault's key check opens with it. */
  private async adoptRotatedKey(keyId: string): Promise<boolean> {
    const candidate = this.rotatedKeys().find((key) => key.keyId === keyId);
    if (!candidate || keyCheckRefuses(await this.store.keyCheck(), candidate)) return false;
    const previous = this.key.keyId;
    this.key = checkedKey(candidate);
    this.options.onKeyAdopted?.(previous, candidate.keyId);
    return true;
  }
}
