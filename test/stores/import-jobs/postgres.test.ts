import { describe } from 'vitest';
import { openPostgresPair, postgresAdminUrl, usePostgresDatabase } from '../../support/postgres.js';
import { describeImportJobsContract } from './contract.js';

describe.skipIf(!postgresAdminUrl)('PostgreSQL import-job store', () => {
  const database = usePostgresDatabase();
  describeImportJobsContract('PostgreSQL', async (now) => {
    const pair = await openPostgresPair(database, now);
    return { store: pair.first.importJobs, another: async () => (await pair.another()).importJobs, close: pair.close };
  });
});
