import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, inject } from 'vitest';

/** The URL of the Redis the run found (test/support/services-setup.ts), or null: then skip. */
export const redisTestUrl: string | null = inject('redisUrl');

/**
 * A key prefix of this test file's own (several files share one Redis), whose keys are deleted
 * after its tests. Call in a `describe.skipIf(!redisTestUrl)` block.
 */
export function useRedisPrefix(): string {
  const prefix = `switchboard-test:${randomBytes(6).toString('hex')}:`;
  afterAll(async () => {
    if (redisTestUrl === null) return;
    const client = createClient({ url: redisTestUrl });
    await client.connect();
    try {
      const keys: string[] = [];
      for await (const batch of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) keys.push(...batch);
      if (keys.length > 0) await client.del(keys);
    } finally {
      await client.close();
    }
  });
  return prefix;
}
