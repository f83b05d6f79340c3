import type Database from 'better-sqlite3';
import { z } from 'zod';
import { DecryptionError, deriveKeyId, open, seal, type EncryptionKey } from './crypto.js';
import { KEY_CHECK_META, keyCheckOpens, parseKeyCheck, sealKeyCheck } from './key-check.js';
import { getMeta, setMeta } from './meta.js';

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

const ROTATE_HINT =
  'Start with the key the tokens were stored under (TOKEN_ENCRYPTION_KEY, or the key file beside the database), or run `npm run rotate-key` with that key to move to a new one; if a key rotation was interrupted, `npm run rotate-key` finishes it. If that key is lost for good, `npm run forget-tokens` deletes the tokens it sealed (their users set them again).';

/** The key in use cannot decrypt what the vault holds; raised at start instead of failing one user at a time. */
export class VaultKeyMismatchError extends Error {
  override name = 'VaultKeyMismatchError';
  constructor(
    readonly configuredKeyId: string,
    readonly vaultKeyId: string | undefined,
  ) {
    const sealedUnder = vaultKeyId ? `they are sealed under key id ${vaultKeyId}` : 'its key check value is unreadable';
    super(`The token encryption key (key id ${configuredKeyId}) cannot decrypt the stored tokens: ${sealedUnder}. ${ROTATE_HINT}`);
  }
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
  ) {
    super(`the stored token of Discord user ${discordUserId} cannot be decrypted (${reason}); the user has to set it again`);
  }
}

const TOKEN_AAD_PREFIX = 'switchboard/token-vault/token/v1\0';
const MAX_TOKEN_LENGTH = 1024;

const discordUserIdSchema = z.string().regex(/^\d{1,20}$/, 'a Discord user ID is 1 to 20 digits');
const systemSchema = z.object({ id: z.string().min(1).max(64), uuid: z.string().min(1).max(64) });

const rowSchema = z.object({
  discord_user_id: z.string(),
  ciphertext: z.instanceof(Buffer),
  nonce: z.instanceof(Buffer),
  auth_tag: z.instanceof(Buffer),
  key_id: z.string(),
  system_id: z.string(),
  system_uuid: z.string(),
  set_at: z.number().int(),
  verified_at: z.number().int(),
});
type TokenRow = z.infer<typeof rowSchema>;

const systemRowSchema = rowSchema.pick({ system_id: true, system_uuid: true, set_at: true, verified_at: true });

function parseRow(raw: unknown, fallbackUserId: string): TokenRow {
  const parsed = rowSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const userId = (raw as { discord_user_id?: unknown } | null)?.discord_user_id;
  throw new TokenDecryptionError(typeof userId === 'string' ? userId : fallbackUserId, 'malformed');
}

/** The Discord user ID is authenticated with the token, so a row copied to another user does not open. */
function tokenAad(discordUserId: string): string {
  return TOKEN_AAD_PREFIX + discordUserId;
}

function checkedKey(key: EncryptionKey): EncryptionKey {
  if (deriveKeyId(key.key) !== key.keyId) throw new RangeError('the key ID does not belong to this key');
  return { key: key.key, keyId: key.keyId };
}

type Statement = Database.Statement<unknown[], unknown>;

/** The statements every interaction may run, prepared once: preparing them per call cost ~4% CPU under load. */
interface HotStatements {
  read: Statement;
  readSystem: Statement;
  exists: Statement;
  upsert: Statement;
  verify: Statement;
  verifyWithSystem: Statement;
  remove: Statement;
  count: Statement;
}

/**
 * PluralKit tokens sealed per row with AES-256-GCM: a fresh nonce each time,
 * the Discord user ID as associated data, and the key ID stored beside so a
 * rotation can tell rows apart. Plaintext exists only in memory, only for the
 * call that asked for it: nothing decrypted is kept.
 */
export class TokenVault {
  private key: EncryptionKey;
  private readonly now: () => Date;
  private statements: HotStatements | undefined;

  constructor(
    private readonly db: Database.Database,
    key: EncryptionKey,
    options: { now?: () => Date } = {},
  ) {
    this.key = checkedKey(key);
    this.now = options.now ?? (() => new Date());
  }

  /** Refuses when the key cannot decrypt the vault; on an empty vault it records the check value. */
  assertKeyMatches(): void {
    this.db.transaction(() => this.verifyOrRecordKeyCheck()).immediate();
  }

  set(discordUserId: string, token: string, system: SystemRef): void {
    discordUserIdSchema.parse(discordUserId);
    if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
      throw new RangeError(`a token is 1 to ${MAX_TOKEN_LENGTH} characters`);
    }
    const { id, uuid } = systemSchema.parse(system);
    const box = seal(this.key.key, token, tokenAad(discordUserId));
    const now = this.now().getTime();
    const { upsert } = this.sql;
    this.db.transaction(() => {
      // A rotation by another process since we started would leave this row unreadable later; refuse instead.
      this.verifyOrRecordKeyCheck();
      upsert.run({
          user: discordUserId,
          ciphertext: box.ciphertext,
          nonce: box.nonce,
          authTag: box.authTag,
          keyId: this.key.keyId,
          systemId: id,
          systemUuid: uuid,
          now,
        });
    }).immediate();
  }

  /**
   * The system a user's stored token belongs to, without decrypting the token: for deciding
   * whose data a command looks at, where the token itself is not sent. Null when none is stored.
   */
  systemOf(discordUserId: string): StoredSystem | null {
    const raw = this.sql.readSystem.get(discordUserId);
    if (raw === undefined) return null;
    const parsed = systemRowSchema.safeParse(raw);
    if (!parsed.success) throw new TokenDecryptionError(discordUserId, 'malformed');
    const row = parsed.data;
    return { systemId: row.system_id, systemUuid: row.system_uuid, setAt: new Date(row.set_at), verifiedAt: new Date(row.verified_at) };
  }

  /** Whether a token is stored for the user (nothing is read or decrypted). */
  has(discordUserId: string): boolean {
    return this.sql.exists.get(discordUserId) !== undefined;
  }

  /** The stored token, or null when there is none; a row that does not open throws TokenDecryptionError. */
  get(discordUserId: string): StoredToken | null {
    const row = this.readRow(discordUserId);
    if (!row) return null;
    return {
      token: this.decryptRow(row).toString('utf8'),
      systemId: row.system_id,
      systemUuid: row.system_uuid,
      setAt: new Date(row.set_at),
      verifiedAt: new Date(row.verified_at),
    };
  }

  /** Records that PluralKit accepted the token just now, and the system it answered with if given. */
  markVerified(discordUserId: string, system?: SystemRef): void {
    const now = this.now().getTime();
    if (system) {
      const { id, uuid } = systemSchema.parse(system);
      this.sql.verifyWithSystem.run(now, id, uuid, discordUserId);
    } else {
      this.sql.verify.run(now, discordUserId);
    }
  }

  remove(discordUserId: string): boolean {
    return this.sql.remove.run(discordUserId).changes > 0;
  }

  count(): number {
    return (this.sql.count.get() as { n: number }).n;
  }

  get keyId(): string {
    return this.key.keyId;
  }

  /**
   * Re-seals every row and the key check under `newKey` in one transaction:
   * if any row does not open, nothing changes. Returns the rows re-sealed.
   */
  rotate(newKey: EncryptionKey): number {
    const next = checkedKey(newKey);
    const update = this.db.prepare(
      'UPDATE tokens SET ciphertext = @ciphertext, nonce = @nonce, auth_tag = @authTag, key_id = @keyId WHERE discord_user_id = @user',
    );
    const resealed = this.db.transaction(() => {
      this.verifyOrRecordKeyCheck();
      let count = 0;
      for (const raw of this.db.prepare('SELECT * FROM tokens ORDER BY discord_user_id').all()) {
        const row = parseRow(raw, '(unknown)');
        const plaintext = this.decryptRow(row);
        const box = seal(next.key, plaintext, tokenAad(row.discord_user_id));
        plaintext.fill(0);
        update.run({ ciphertext: box.ciphertext, nonce: box.nonce, authTag: box.authTag, keyId: next.keyId, user: row.discord_user_id });
        count++;
      }
      setMeta(this.db, KEY_CHECK_META, sealKeyCheck(next));
      return count;
    }).immediate();
    this.key = next;
    return resealed;
  }

  /** Every row this key cannot open, in user order. Decrypts each row in memory and wipes the result. */
  unreadableRows(): UnreadableToken[] {
    const unreadable: UnreadableToken[] = [];
    for (const raw of this.db.prepare('SELECT * FROM tokens ORDER BY discord_user_id').all()) {
      const userId = String((raw as { discord_user_id: unknown }).discord_user_id);
      const keyId = (raw as { key_id?: unknown }).key_id;
      try {
        this.decryptRow(parseRow(raw, userId)).fill(0);
      } catch (error) {
        if (!(error instanceof TokenDecryptionError)) throw error;
        unreadable.push({ discordUserId: userId, keyId: typeof keyId === 'string' ? keyId : '(unknown)', reason: error.reason });
      }
    }
    return unreadable;
  }

  /**
   * Deletes every row this key cannot open and records the key check under
   * this key, in one transaction, so the vault opens with it afterwards.
   * Only for an operator who has given up on the old key: those users have to
   * set their tokens again. Returns the rows deleted.
   */
  forgetUnreadable(): number {
    const remove = this.db.prepare('DELETE FROM tokens WHERE discord_user_id = ?');
    return this.db.transaction(() => {
      const unreadable = this.unreadableRows();
      for (const row of unreadable) remove.run(row.discordUserId);
      setMeta(this.db, KEY_CHECK_META, sealKeyCheck(this.key));
      return unreadable.length;
    }).immediate();
  }

  private verifyOrRecordKeyCheck(): void {
    const stored = getMeta(this.db, KEY_CHECK_META);
    if (stored !== undefined) {
      const check = parseKeyCheck(stored);
      if (!check) throw new VaultKeyMismatchError(this.key.keyId, undefined);
      if (!keyCheckOpens(this.key, check)) throw new VaultKeyMismatchError(this.key.keyId, check.keyId);
      return;
    }
    // No check value yet: only rows sealed under this very key may exist (set() records the check with the first row).
    const foreign = this.db
      .prepare<[string], { key_id: string }>('SELECT key_id FROM tokens WHERE key_id <> ? LIMIT 1')
      .get(this.key.keyId);
    if (foreign) throw new VaultKeyMismatchError(this.key.keyId, foreign.key_id);
    setMeta(this.db, KEY_CHECK_META, sealKeyCheck(this.key));
  }

  private readRow(discordUserId: string): TokenRow | undefined {
    const raw = this.sql.read.get(discordUserId);
    return raw === undefined ? undefined : parseRow(raw, discordUserId);
  }

  /** Prepared on first use, not in the constructor: the vault may be built before the schema is migrated. */
  private get sql(): HotStatements {
    this.statements ??= {
      read: this.db.prepare('SELECT * FROM tokens WHERE discord_user_id = ?'),
      readSystem: this.db.prepare('SELECT system_id, system_uuid, set_at, verified_at FROM tokens WHERE discord_user_id = ?'),
      exists: this.db.prepare('SELECT 1 FROM tokens WHERE discord_user_id = ?'),
      upsert: this.db.prepare(
        `INSERT INTO tokens (discord_user_id, ciphertext, nonce, auth_tag, key_id, system_id, system_uuid, set_at, verified_at)
         VALUES (@user, @ciphertext, @nonce, @authTag, @keyId, @systemId, @systemUuid, @now, @now)
         ON CONFLICT(discord_user_id) DO UPDATE SET
           ciphertext = excluded.ciphertext, nonce = excluded.nonce, auth_tag = excluded.auth_tag, key_id = excluded.key_id,
           system_id = excluded.system_id, system_uuid = excluded.system_uuid, set_at = excluded.set_at, verified_at = excluded.verified_at`,
      ),
      verify: this.db.prepare('UPDATE tokens SET verified_at = ? WHERE discord_user_id = ?'),
      verifyWithSystem: this.db.prepare('UPDATE tokens SET verified_at = ?, system_id = ?, system_uuid = ? WHERE discord_user_id = ?'),
      remove: this.db.prepare('DELETE FROM tokens WHERE discord_user_id = ?'),
      count: this.db.prepare('SELECT COUNT(*) AS n FROM tokens'),
    };
    return this.statements;
  }

  private decryptRow(row: TokenRow): Buffer {
    if (row.key_id !== this.key.keyId) throw new TokenDecryptionError(row.discord_user_id, 'key-id-mismatch');
    try {
      return open(this.key.key, { nonce: row.nonce, ciphertext: row.ciphertext, authTag: row.auth_tag }, tokenAad(row.discord_user_id));
    } catch (error) {
      if (error instanceof DecryptionError) throw new TokenDecryptionError(row.discord_user_id, error.reason);
      throw error;
    }
  }
}
