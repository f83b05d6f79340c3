import { join } from 'node:path';
import { describe } from 'vitest';
import { openSqlitePair, useTempDirs } from '../helpers.js';
import { describeHandledInteractionsContract } from './contract.js';

describe('SQLite handled-interaction store', () => {
  const tempDir = useTempDirs();
  describeHandledInteractionsContract('SQLite', async (now) => {
    const path = join(tempDir(), 'switchboard.db');
    const pair = openSqlitePair(path, now);
    return { store: pair.first.handledInteractions, another: async () => pair.second.handledInteractions, close: pair.close };
  });
});
