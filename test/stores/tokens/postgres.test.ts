import { describe } from 'vitest';
import { postgresAdminUrl, openPostgresPair, usePostgresDatabase } from '../../support/postgres.js';
import { describeTokenStoreContract } from './contract.js';

describe.skipIf(!postgresAdminUrl)('PostgreSQL token store', () => {
  const database = usePostgresDatabase();

  describeTokenStoreContract('PostgreSQL', async () => {
    const pair = await openPostgresPair(database);
    const { pool } = pair.first;
    return {
      store: pair.first.tokens,
      another: async () => (await pair.another()).tokens,
      async setColumn(user, column, value) {
        await pool.query(`UPDATE tokens SET ${column} = $1 WHERE discord_user_id = $2`, [value, user]);
      },
      async copyRow(from, to) {
        await pool.query(
          `INSERT INTO tokens (discord_user_id, ciphertext, nonce, auth_tag, key_id, system_id, system_uuid, set_at, verified_at)
           SELECT $1, ciphertext, nonce, auth_tag, key_id, system_id, system_uuid, set_at, verified_at FROM tokens WHERE discord_user_id = $2`,
          [to, from],
        );
      },
      async dump() {
        return {
          tokens: (await pool.query('SELECT * FROM tokens ORDER BY discord_user_id COLLATE "C"')).rows,
          meta: (await pool.query('SELECT * FROM meta ORDER BY key COLLATE "C"')).rows,
        };
      },
      close: pair.close,
    };
  });
});
