import { join } from 'node:path';
import { describe } from 'vitest';
import { openSqlitePair, useTempDirs } from '../helpers.js';
import { describeRegistrationContract } from './contract.js';

describe('SQLite registration store', () => {
  const tempDir = useTempDirs();
  describeRegistrationContract('SQLite', async (now) => {
    const path = join(tempDir(), 'switchboard.db');
    const pair = openSqlitePair(path, now);
    return { store: pair.first.registration, another: async () => pair.second.registration, close: pair.close };
  });
});
