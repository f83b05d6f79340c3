import { redisTestUrl } from '../support/redis.js';

/** What every instance of one test deployment shares: the PostgreSQL database, Redis under this file's key prefix, and the token key. */
export function sharedByInstances(databaseUrl: string, redisPrefix: string, tokenKey: string): Record<string, string> {
  return { DATABASE_URL: databaseUrl, REDIS_URL: redisTestUrl!, REDIS_KEY_PREFIX: redisPrefix, TOKEN_ENCRYPTION_KEY: tokenKey };
}
