import { afterAll, beforeAll, describe } from 'vitest';
import { MESSAGE_OWNER, messageInfoJourney, seedProxiedMessage, type ProxiedMessage } from '../support/journeys/message-info.js';
import { connect, startWorld, TRANSPORTS, type E2EWorld } from './helpers.js';

/* The smoke run of "Message info" and /message through the real bot process, on both transports; every case runs in-process in test/commands/message/. */
describe.each(TRANSPORTS)('message info through the real bot process (%s)', (transport) => {
  let world: E2EWorld;
  let seeded: ProxiedMessage;

  beforeAll(async () => {
    world = await startWorld({ transport });
    world.pluralkit.setRateLimits(false);
    seeded = seedProxiedMessage(world.pluralkit);
    await connect(world, MESSAGE_OWNER, seeded.system.token!);
  }, 30_000);

  afterAll(async () => {
    await world.stop();
  });

  messageInfoJourney(() => ({ discord: world.discord, seeded }));
});
