import { describe } from 'vitest';
import { postgresAdminUrl, openPostgresPair, usePostgresDatabase } from '../../support/postgres.js';
import { describeRegistrationContract } from './contract.js';

describe.skipIf(!postgresAdminUrl)('PostgreSQL registration store', () => {
  const database = usePostgresDatabase();
  describeRegistrationContract('PostgreSQL', async (now) => {
    const pair = await openPostgresPair(database, now);
    return { store: pair.first.registration, another: async () => (await pair.another()).registration, close: pair.close };
  });
});
