import { join } from 'node:path';
import { describe } from 'vitest';
import { openSqliteStores } from '../../../src/stores/sqlite/sqlite-stores.js';
import { useTempDirs } from '../helpers.js';
import { describeLogSubscriptionsContract } from './contract.js';

describe('SQLite log-subscriptions store', () => {
  const tempDir = useTempDirs();
  describeLogSubscriptionsContract('SQLite', async (now) => {
    const stores = openSqliteStores(join(tempDir(), 'switchboard.db'), { now });
    return { store: stores.logSubscriptions, close: () => stores.close() };
  });
});
