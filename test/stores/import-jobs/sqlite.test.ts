import { join } from 'node:path';
import { describe } from 'vitest';
import { openSqlitePair, useTempDirs } from '../helpers.js';
import { describeImportJobsContract } from './contract.js';

describe('SQLite import-job store', () => {
  const tempDir = useTempDirs();
  describeImportJobsContract('SQLite', async (now) => {
    const pair = openSqlitePair(join(tempDir(), 'switchboard.db'), now);
    return { store: pair.first.importJobs, another: async () => pair.second.importJobs, close: pair.close };
  });
});
