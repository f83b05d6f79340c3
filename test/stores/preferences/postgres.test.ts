import { describe } from 'vitest';
import { postgresAdminUrl, openPostgresPair, usePostgresDatabase } from '../../support/postgres.js';
import { describePreferencesContract } from './contract.js';

describe.skipIf(!postgresAdminUrl)('PostgreSQL preferences store', () => {
  const database = usePostgresDatabase();
  describePreferencesContract('PostgreSQL', async (now) => {
    const pair = await openPostgresPair(database, now);
    return {
      store: pair.first.preferences,
      another: async () => (await pair.another()).preferences,
      writeRaw: async (userId, value) => {
        await pair.first.pool.query('INSERT INTO user_preferences (user_id, value) VALUES ($1, $2)', [userId, value]);
      },
      close: pair.close,
    };
  });
});
