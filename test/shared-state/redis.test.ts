import { afterEach, describe } from 'vitest';
import { openSharedState } from '../../src/shared-state/open-shared-state.js';
import type { SharedState } from '../../src/shared-state/shared-state.js';
import { createLogger } from '../../src/logger.js';
import { redisTestUrl, useRedisPrefix } from '../support/redis.js';
import { sharedBetweenInstances, sharedStateContract, type SharedStateSubject } from './contract.js';

describe.skipIf(!redisTestUrl)('Redis shared state (REDIS_URL)', () => {
  const prefix = useRedisPrefix();
  const opened: SharedState[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((state) => state.close()));
  });

  const subject: SharedStateSubject = {
    async open({ ttlMs }) {
      const state = await openSharedState({ redisUrl: redisTestUrl!, publicViewTtlMs: ttlMs, redisKeyPrefix: prefix }, createLogger('silent'));
      opened.push(state);
      return state;
    },
  };
  sharedStateContract(subject);
  sharedBetweenInstances(subject);
});
