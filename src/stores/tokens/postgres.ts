import type pg from 'pg';
import { inTransaction, postgresCall, type Queryable } from '../postgres/pool.js';
import type { PostgresSchema } from '../postgres/migrations.js';
import { toSealedToken, toStoredTokenSystem, userIdOf } from './rows.js';
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

export const TOKENS_POSTGRES_SCHEMA: PostgresSchema = {
  store: 'tokens',
  migrations: [
    `CREATE TABLE meta (
       key   TEXT PRIMARY KEY,
       value TEXT NOT NULL
     );
     CREATE TABLE tokens (
       discord_user_id TEXT PRIMARY KEY,
       ciphertext      BYTEA NOT NULL,
       nonce           BYTEA NOT NULL,
       auth_tag        BYTEA NOT NULL,
       key_id          TEXT NOT NULL,
       system_id       TEXT NOT NULL,
       system_uuid     TEXT NOT NULL,
       set_at          BIGINT NOT NULL,
       verified_at     BIGINT NOT NULL
     );`,
  ],
};

/**
 * Every transaction that writes tokens or the key check takes this lock first, so a rotation and
 * a token stored by another instance never interleave (SQLite gets the same from IMMEDIATE).
 */
const TOKENS_WRITE_LOCK = 0x5357_544b; // "SWTK"

// Byte order, as SQLite sorts: the same rotation order and listings on both databases.
const ALL_ROWS = 'SELECT * FROM tokens ORDER BY discord_user_id COLLATE "C"';
const UPSERT = `INSERT INTO tokens (discord_user_id, ciphertext, nonce, auth_tag, key_id, system_id, system_uuid, set_at, verified_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
  ON CONFLICT (discord_user_id) DO UPDATE SET
    ciphertext = EXCLUDED.ciphertext, nonce = EXCLUDED.nonce, auth_tag = EXCLUDED.auth_tag, key_id = EXCLUDED.key_id,
    system_id = EXCLUDED.system_id, system_uuid = EXCLUDED.system_uuid, set_at = EXCLUDED.set_at, verified_at = EXCLUDED.verified_at`;

const upsertValues = (token: SealedToken): unknown[] => [
  token.discordUserId,
  token.ciphertext,
  token.nonce,
  token.authTag,
  token.keyId,
  token.systemId,
  token.systemUuid,
  token.setAt,
  token.verifiedAt,
];

async function keyCheckOf(db: Queryable): Promise<string | undefined> {
  const result = await db.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [KEY_CHECK_META]);
  return result.rows[0]?.value;
}

async function writeKeyCheck(db: Queryable, keyCheck: string | null): Promise<void> {
  if (keyCheck === null) await db.query('DELETE FROM meta WHERE key = $1', [KEY_CHECK_META]);
  else await db.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [KEY_CHECK_META, keyCheck]);
}

async function allRows(db: Queryable): Promise<SealedToken[]> {
  return (await db.query(ALL_ROWS)).rows.map((raw) => toSealedToken(raw, userIdOf(raw)));
}

/** Sealed tokens and the key check in PostgreSQL. */
export class PostgresTokenStore implements TokenStore {
  constructor(private readonly pool: pg.Pool) {}

  read(discordUserId: string): Promise<SealedToken | undefined> {
    return postgresCall(async () => {
      const raw = (await this.pool.query('SELECT * FROM tokens WHERE discord_user_id = $1', [discordUserId])).rows[0];
      return raw === undefined ? undefined : toSealedToken(raw, discordUserId);
    });
  }

  readSystem(discordUserId: string): Promise<StoredTokenSystem | undefined> {
    return postgresCall(async () => {
      const raw = (await this.pool.query('SELECT system_id, system_uuid, set_at, verified_at FROM tokens WHERE discord_user_id = $1', [discordUserId])).rows[0];
      return raw === undefined ? undefined : toStoredTokenSystem(raw, discordUserId);
    });
  }

  has(discordUserId: string): Promise<boolean> {
    return postgresCall(async () => (await this.pool.query('SELECT 1 FROM tokens WHERE discord_user_id = $1', [discordUserId])).rowCount === 1);
  }

  count(): Promise<number> {
    return postgresCall(async () => Number((await this.pool.query<{ n: string }>('SELECT COUNT(*) AS n FROM tokens')).rows[0]!.n));
  }

  countByKeyId(): Promise<KeyIdCount[]> {
    return postgresCall(async () => {
      const result = await this.pool.query<{ keyId: string; tokens: string }>(
        'SELECT key_id AS "keyId", COUNT(*) AS tokens FROM tokens GROUP BY key_id ORDER BY tokens DESC, key_id COLLATE "C"',
      );
      return result.rows.map((row) => ({ keyId: row.keyId, tokens: Number(row.tokens) }));
    });
  }

  list(): Promise<SealedToken[]> {
    return postgresCall(() => allRows(this.pool));
  }

  keyCheck(): Promise<string | undefined> {
    return postgresCall(() => keyCheckOf(this.pool));
  }

  guard(guard: KeyGuard): Promise<void> {
    return this.writing((client) => this.applyGuard(client, guard));
  }

  put(token: SealedToken, guard: KeyGuard): Promise<void> {
    return this.writing(async (client) => {
      await this.applyGuard(client, guard);
      await client.query(UPSERT, upsertValues(token));
    });
  }

  markVerified(discordUserId: string, at: number, system?: { systemId: string; systemUuid: string }): Promise<void> {
    return postgresCall(async () => {
      if (system) {
        await this.pool.query('UPDATE tokens SET verified_at = $1, system_id = $2, system_uuid = $3 WHERE discord_user_id = $4', [
          at,
          system.systemId,
          system.systemUuid,
          discordUserId,
        ]);
      } else {
        await this.pool.query('UPDATE tokens SET verified_at = $1 WHERE discord_user_id = $2', [at, discordUserId]);
      }
    });
  }

  remove(discordUserId: string): Promise<boolean> {
    return postgresCall(async () => (await this.pool.query('DELETE FROM tokens WHERE discord_user_id = $1', [discordUserId])).rowCount === 1);
  }

  rewriteAll(rewrite: Rewrite): Promise<{ resealed: number; deleted: number }> {
    return this.writing(async (client) => {
      if (rewrite.guard) await this.applyGuard(client, rewrite.guard);
      let resealed = 0;
      let deleted = 0;
      for (const row of await allRows(client)) {
        const decision = rewrite.decide(row);
        if (decision === 'keep') continue;
        if (decision === 'delete') {
          await client.query('DELETE FROM tokens WHERE discord_user_id = $1', [row.discordUserId]);
          deleted++;
        } else {
          const { ciphertext, nonce, authTag, keyId } = decision.reseal;
          await client.query('UPDATE tokens SET ciphertext = $1, nonce = $2, auth_tag = $3, key_id = $4 WHERE discord_user_id = $5', [
            ciphertext,
            nonce,
            authTag,
            keyId,
            row.discordUserId,
          ]);
          resealed++;
        }
      }
      await writeKeyCheck(client, rewrite.keyCheck);
      return { resealed, deleted };
    });
  }

  dropKeyCheckIfEmpty(): Promise<string | undefined> {
    return this.writing(async (client) => {
      if ((await client.query('SELECT 1 FROM tokens LIMIT 1')).rowCount !== 0) return undefined;
      const previous = await keyCheckOf(client);
      await writeKeyCheck(client, null);
      return previous;
    });
  }

  snapshot(): Promise<TokenSnapshot> {
    // REPEATABLE READ: the rows and the check from one moment.
    return inTransaction(this.pool, async (client) => {
      await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      return { keyCheck: await keyCheckOf(client), tokens: await allRows(client) };
    });
  }

  restore(snapshot: TokenSnapshot): Promise<void> {
    return this.writing(async (client) => {
      await client.query('DELETE FROM tokens');
      for (const token of snapshot.tokens) await client.query(UPSERT, upsertValues(token));
      await writeKeyCheck(client, snapshot.keyCheck ?? null);
    });
  }

  /** A transaction that writes tokens or the key check, serialised with every other such transaction. */
  private writing<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [TOKENS_WRITE_LOCK]);
      return work(client);
    });
  }

  private async applyGuard(client: pg.PoolClient, guard: KeyGuard): Promise<void> {
    const stored = await keyCheckOf(client);
    const foreign =
      stored === undefined
        ? (await client.query<{ key_id: string }>('SELECT key_id FROM tokens WHERE key_id <> $1 LIMIT 1', [guard.keyId])).rows[0]?.key_id
        : undefined;
    const record = guard.check(stored, foreign);
    if (record !== undefined) await writeKeyCheck(client, record);
  }
}
