import { afterAll, beforeAll, describe } from 'vitest';
import { FRONT_OWNER, frontersShownPubliclyCase, seedFrontSystem, switchByNamesCase, type FrontWorld } from '../support/journeys/front-tracking.js';
import { connect, startWorld, type E2EWorld } from './helpers.js';

/* The smoke run of /fronters and /switch through the real bot process; every case runs in-process in test/commands/switch/front.test.ts. */
describe('front tracking through the real bot process', () => {
  let world: E2EWorld;
  let seeded: Pick<FrontWorld, 'own' | 'alice' | 'bob'>;
  const front = (): FrontWorld => ({ discord: world.discord, pluralkit: world.pluralkit, ...seeded });

  beforeAll(async () => {
    world = await startWorld();
    world.pluralkit.setRateLimits(false);
    seeded = seedFrontSystem(world.pluralkit);
    await connect(world, FRONT_OWNER, seeded.own.token!);
  }, 30_000);

  afterAll(async () => {
    await world.stop();
  });

  frontersShownPubliclyCase(front);
  switchByNamesCase(front);
});
