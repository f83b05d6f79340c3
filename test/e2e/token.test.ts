import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenSetupJourney } from '../support/journeys/token-setup.js';
import { assertTokenNowhere, startWorld, type E2EWorld } from './helpers.js';

const ALICE = { id: '200000000000000001', username: 'alice' };
const GUILD = '300000000000000001';

/* The smoke run of /token through the real bot process; every case runs in-process in test/commands/token/. */
describe('token setup through the real bot process', () => {
  let world: E2EWorld;
  let system: { id: string; uuid: string; token: string | null };

  beforeAll(async () => {
    world = await startWorld();
    system = world.pluralkit.seedSystem({ name: 'The Alpha System' });
  }, 30_000);

  afterAll(async () => {
    if (system.token) assertTokenNowhere(world.bot, system.token);
    await world.stop();
  });

  it('identifies with only the DirectMessages intent and registers every command for guild and user installs', async () => {
    const identify = await world.discord.waitForIdentify();
    expect(identify.intents).toBe(1 << 12);
    const commands = world.discord.registeredCommands() as Array<{ name: string; contexts: number[]; integration_types: number[] }>;
    expect(commands.map((c) => c.name)).toEqual(expect.arrayContaining(['token', 'help']));
    for (const command of commands) {
      expect(command.integration_types).toEqual([0, 1]);
      expect(command.contexts).toEqual([0, 1, 2]);
    }
  });

  tokenSetupJourney(() => ({ discord: world.discord, system, user: ALICE, guildId: GUILD }));
});
