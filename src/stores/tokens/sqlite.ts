import type Database from 'better-sqlite3';
import { immediately } from '../sqlite/database.js';
import { sqliteCall } from '../sqlite/faults.js';
import type { SqliteSchema } from '../sqlite/migrations.js';
import {
  KEY_CHECK_META,
  type KeyGuard,
  type KeyIdCount,
  type Rewrite,
  type SealedToken,
  type StoredTokenSystem,
  type TokenSnapshot,
  type TokenStore,
} from './token-store.js';
import { toSealedToken, toStoredTokenSystem, userIdOf } from './rows.js';

export const TOKENS_SQLITE_SCHEMA: SqliteSchema = {
  store: 'tokens',
  migrations: [
    // Shipped as the whole database's migration 1; the meta table holds the key check.
    `CREATE TABLE meta (
       key   TEXT PRIMARY KEY,
       value TEXT NOT NULL
     ) STRICT;
     CREATE TABLE tokens (
       discord_user_id TEXT PRIMARY KEY,
       ciphertext      BLOB NOT NULL,
       nonce           BLOB NOT NULL,
       auth_tag        BLOB NOT NULL,
       key_id          TEXT NOT NULL,
       system_id       TEXT NOT NULL,
       system_uuid     TEXT NOT NULL,
       set_at          INTEGER NOT NULL,
       verified_at     INTEGER NOT NULL
     ) STRICT;`,
  ],
};

type Statement = Database.Statement<unknown[], unknown>;

/** Sealed tokens and the key check in the SQLite file. */
export class SqliteTokenStore implements TokenStore {
  /** Prepared once: preparing per call cost ~4% CPU under load. */
  private readonly sql: Record<
    'read' | 'readSystem' | 'exists' | 'upsert' | 'verify' | 'verifyWithSystem' | 'remove' | 'count' | 'all' | 'getMeta' | 'setMeta' | 'deleteMeta' | 'foreign',
    Statement
  >;

  constructor(private readonly db: Database.Database) {
    this.sql = {
      read: db.prepare('SELECT * FROM tokens WHERE discord_user_id = ?'),
      readSystem: db.prepare('SELECT system_id, system_uuid, set_at, verified_at FROM tokens WHERE discord_user_id = ?'),
      exists: db.prepare('SELECT 1 FROM tokens WHERE discord_user_id = ?'),
      upsert: db.prepare(
        `INSERT INTO tokens (discord_user_id, ciphertext, nonce, auth_tag, key_id, system_id, system_uuid, set_at, verified_at)
         VALUES (@discordUserId, @ciphertext, @nonce, @authTag, @keyId, @systemId, @systemUuid, @setAt, @verifiedAt)
         ON CONFLICT(discord_user_id) DO UPDATE SET
           ciphertext = excluded.ciphertext, nonce = excluded.nonce, auth_tag = excluded.auth_tag, key_id = excluded.key_id,
           system_id = excluded.system_id, system_uuid = excluded.system_uuid, set_at = excluded.set_at, verified_at = excluded.verified_at`,
      ),
      verify: db.prepare('UPDATE tokens SET verified_at = ? WHERE discord_user_id = ?'),
      verifyWithSystem: db.prepare('UPDATE tokens SET verified_at = ?, system_id = ?, system_uuid = ? WHERE discord_user_id = ?'),
      remove: db.prepare('DELETE FROM tokens WHERE discord_user_id = ?'),
      count: db.prepare('SELECT COUNT(*) AS n FROM tokens'),
      all: db.prepare('SELECT * FROM tokens ORDER BY discord_user_id'),
      getMeta: db.prepare('SELECT value FROM meta WHERE key = ?'),
      setMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
      deleteMeta: db.prepare('DELETE FROM meta WHERE key = ?'),
      foreign: db.prepare('SELECT key_id FROM tokens WHERE key_id <> ? LIMIT 1'),
    };
  }

  read(discordUserId: string): Promise<SealedToken | undefined> {
    return sqliteCall(() => {
      const raw = this.sql.read.get(discordUserId);
      return raw === undefined ? undefined : toSealedToken(raw, discordUserId);
    });
  }

  readSystem(discordUserId: string): Promise<StoredTokenSystem | undefined> {
    return sqliteCall(() => {
      const raw = this.sql.readSystem.get(discordUserId);
      return raw === undefined ? undefined : toStoredTokenSystem(raw, discordUserId);
    });
  }

  has(discordUserId: string): Promise<boolean> {
    return sqliteCall(() => this.sql.exists.get(discordUserId) !== undefined);
  }

  count(): Promise<number> {
    return sqliteCall(() => this.countNow());
  }

  countByKeyId(): Promise<KeyIdCount[]> {
    return sqliteCall(() =>
      this.db
        .prepare<[], KeyIdCount>('SELECT key_id AS keyId, COUNT(*) AS tokens FROM tokens GROUP BY key_id ORDER BY tokens DESC, key_id')
        .all(),
    );
  }

  list(): Promise<SealedToken[]> {
    return sqliteCall(() => this.allRows());
  }

  keyCheck(): Promise<string | undefined> {
    return sqliteCall(() => this.keyCheckNow());
  }

  guard(guard: KeyGuard): Promise<void> {
    return immediately(this.db, () => this.applyGuard(guard));
  }

  put(token: SealedToken, guard: KeyGuard): Promise<void> {
    return immediately(this.db, () => {
      // A rotation by another process since this one started would leave the row unreadable later; the guard refuses instead.
      this.applyGuard(guard);
      this.sql.upsert.run(token);
    });
  }

  markVerified(discordUserId: string, at: number, system?: { systemId: string; systemUuid: string }): Promise<void> {
    return sqliteCall(() => {
      if (system) this.sql.verifyWithSystem.run(at, system.systemId, system.systemUuid, discordUserId);
      else this.sql.verify.run(at, discordUserId);
    });
  }

  remove(discordUserId: string): Promise<boolean> {
    return sqliteCall(() => this.sql.remove.run(discordUserId).changes > 0);
  }

  rewriteAll(rewrite: Rewrite): Promise<{ resealed: number; deleted: number }> {
    const reseal = this.db.prepare('UPDATE tokens SET ciphertext = @ciphertext, nonce = @nonce, auth_tag = @authTag, key_id = @keyId WHERE discord_user_id = @user');
    return immediately(this.db, () => {
      if (rewrite.guard) this.applyGuard(rewrite.guard);
      let resealed = 0;
      let deleted = 0;
      for (const row of this.allRows()) {
        const decision = rewrite.decide(row);
        if (decision === 'keep') continue;
        if (decision === 'delete') {
          this.sql.remove.run(row.discordUserId);
          deleted++;
        } else {
          reseal.run({ ...decision.reseal, user: row.discordUserId });
          resealed++;
        }
      }
      this.writeKeyCheck(rewrite.keyCheck);
      return { resealed, deleted };
    });
  }

  dropKeyCheckIfEmpty(): Promise<string | undefined> {
    return immediately(this.db, () => {
      if (this.countNow() > 0) return undefined;
      const previous = this.keyCheckNow();
      this.sql.deleteMeta.run(KEY_CHECK_META);
      return previous;
    });
  }

  snapshot(): Promise<TokenSnapshot> {
    return sqliteCall(() => this.db.transaction(() => ({ keyCheck: this.keyCheckNow(), tokens: this.allRows() }))());
  }

  restore(snapshot: TokenSnapshot): Promise<void> {
    return immediately(this.db, () => {
      this.db.prepare('DELETE FROM tokens').run();
      for (const token of snapshot.tokens) this.sql.upsert.run(token);
      this.writeKeyCheck(snapshot.keyCheck ?? null);
    });
  }

  private countNow(): number {
    return (this.sql.count.get() as { n: number }).n;
  }

  private allRows(): SealedToken[] {
    return this.sql.all.all().map((raw) => toSealedToken(raw, userIdOf(raw)));
  }

  private keyCheckNow(): string | undefined {
    return (this.sql.getMeta.get(KEY_CHECK_META) as { value: string } | undefined)?.value;
  }

  private writeKeyCheck(keyCheck: string | null): void {
    if (keyCheck === null) this.sql.deleteMeta.run(KEY_CHECK_META);
    else this.sql.setMeta.run(KEY_CHECK_META, keyCheck);
  }

  private applyGuard(guard: KeyGuard): void {
    const stored = this.keyCheckNow();
    const foreign = stored === undefined ? (this.sql.foreign.get(guard.keyId) as { key_id: string } | undefined)?.key_id : undefined;
    const record = guard.check(stored, foreign);
    if (record !== undefined) this.sql.setMeta.run(KEY_CHECK_META, record);
  }
}
