import { describe } from 'vitest';
import { postgresAdminUrl, openPostgresPair, usePostgresDatabase } from '../../support/postgres.js';
import { describeLogSubscriptionsContract } from './contract.js';

describe.skipIf(!postgresAdminUrl)('PostgreSQL log-subscriptions store', () => {
  const database = usePostgresDatabase();
  describeLogSubscriptionsContract('PostgreSQL', async (now) => {
    const pair = await openPostgresPair(database, now);
    return { store: pair.first.logSubscriptions, close: pair.close };
  });
});
