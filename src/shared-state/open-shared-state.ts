import type { Logger } from '../logger.js';
import { inProcessSharedState } from './in-process.js';
import { redisConnection } from './redis.js';
import { RedisHealth, redisSharedState } from './resilient.js';
import type { SharedState } from './shared-state.js';

/** How long a start waits for Redis before carrying on without it (it joins when it answers). */
const CONNECT_WAIT_MS = 3_000;

export interface SharedStateConfig {
  /** REDIS_URL; undefined → in-process. */
  redisUrl: string | undefined;
  /** REDIS_KEY_PREFIX: every key starts with it. */
  redisKeyPrefix: string;
  publicViewTtlMs: number;
}

/** Where the URL points, for the log: never its password. */
function hostOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.host}${parsed.pathname.length > 1 ? parsed.pathname : ''}`;
}

/**
 * The deployment's shared state: in-process without REDIS_URL, else Redis. An unreachable Redis
 * does not stop the start: the instance runs on in-process state, says so, and shares again as
 * soon as Redis answers.
 */
export async function openSharedState(config: SharedStateConfig, log: Logger): Promise<SharedState> {
  if (config.redisUrl === undefined) return inProcessSharedState({ publicViewTtlMs: config.publicViewTtlMs });
  const where = hostOf(config.redisUrl);
  const health = new RedisHealth(redisConnection(config.redisUrl), log, where);
  const connected = health.client.connect().then(
    () => true,
    (error: unknown) => {
      health.lost(error);
      return false;
    },
  );
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), CONNECT_WAIT_MS)));
  const ready = await Promise.race([connected, waited]);
  clearTimeout(timer);
  if (ready) log.info({ redis: where }, 'sharing rate limits, public views and list versions through Redis');
  else health.lost(new Error(`no answer within ${CONNECT_WAIT_MS} ms`));
  return redisSharedState({ health, prefix: config.redisKeyPrefix, publicViewTtlMs: config.publicViewTtlMs });
}
