import { describe } from 'vitest';
import { postgresAdminUrl, openPostgresPair, usePostgresDatabase } from '../../support/postgres.js';
import { describeHandledInteractionsContract } from './contract.js';

describe.skipIf(!postgresAdminUrl)('PostgreSQL handled-interaction store', () => {
  const database = usePostgresDatabase();
  describeHandledInteractionsContract('PostgreSQL', async (now) => {
    const pair = await openPostgresPair(database, now);
    return { store: pair.first.handledInteractions, another: async () => (await pair.another()).handledInteractions, close: pair.close };
  });
});
