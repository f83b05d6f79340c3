import { join } from 'node:path';
import { describe } from 'vitest';
import { openSqliteStores } from '../../../src/stores/sqlite/sqlite-stores.js';
import { useTempDirs } from '../helpers.js';
import { describeInteractionStateContract } from './contract.js';

describe('SQLite interaction-state store (real file)', () => {
  const tempDir = useTempDirs();

  describeInteractionStateContract('SQLite', async (now) => {
    const path = join(tempDir(), 'state.db');
    const stores = openSqliteStores(path, { now });
    const others: Array<{ close(): Promise<void> }> = [];
    return {
      store: stores.interactionState,
      async another() {
        const other = openSqliteStores(path, { now });
        others.push(other);
        return other.interactionState;
      },
      async corrupt(key) {
        stores.db.prepare("UPDATE interaction_state SET payload = '{not json' WHERE key = ?").run(key);
      },
      async rows() {
        return (stores.db.prepare('SELECT COUNT(*) AS n FROM interaction_state').get() as { n: number }).n;
      },
      async close() {
        for (const other of others) await other.close();
        await stores.close();
      },
    };
  });
});
