import { describe } from 'vitest';
import { postgresAdminUrl, openPostgresPair, usePostgresDatabase } from '../../support/postgres.js';
import { describeInteractionStateContract } from './contract.js';

describe.skipIf(!postgresAdminUrl)('PostgreSQL interaction-state store', () => {
  const database = usePostgresDatabase();

  describeInteractionStateContract('PostgreSQL', async (now) => {
    const pair = await openPostgresPair(database, now);
    const { pool } = pair.first;
    return {
      store: pair.first.interactionState,
      another: async () => (await pair.another()).interactionState,
      async corrupt(key) {
        await pool.query("UPDATE interaction_state SET payload = '{not json' WHERE key = $1", [key]);
      },
      async rows() {
        return Number((await pool.query<{ n: string }>('SELECT COUNT(*) AS n FROM interaction_state')).rows[0]!.n);
      },
      close: pair.close,
    };
  });
});
