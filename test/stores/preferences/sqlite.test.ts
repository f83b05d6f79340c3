import { join } from 'node:path';
import { describe } from 'vitest';
import { openSqlitePair, useTempDirs } from '../helpers.js';
import { describePreferencesContract } from './contract.js';

describe('SQLite preferences store', () => {
  const tempDir = useTempDirs();
  describePreferencesContract('SQLite', async (now) => {
    const path = join(tempDir(), 'switchboard.db');
    const pair = openSqlitePair(path, now);
    return {
      store: pair.first.preferences,
      another: async () => pair.second.preferences,
      writeRaw: async (userId, value) => {
        pair.first.db.prepare('INSERT INTO user_preferences (user_id, value) VALUES (?, ?)').run(userId, value);
      },
      close: pair.close,
    };
  });
});
