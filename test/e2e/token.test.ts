import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertTokenNowhere, EPHEMERAL, messageText, startWorld, type E2EWorld } from './helpers.js';

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

  it('/token set in a server moves to DMs and never asks for the token in the channel', async () => {
    const handle = world.discord.slashCommand({ name: 'token', subcommand: 'set', user: ALICE, guildId: GUILD });
    const reply = await handle.finalMessage();
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageText(reply)).toMatch(/Check your DMs/);
    const dms = world.discord.dmMessagesTo(ALICE.id);
    expect(dms.length).toBe(1);
    const dm = dms[0]!.body as { embeds: Array<{ description: string }>; components: Array<{ components: Array<{ custom_id: string }> }>; allowed_mentions: { parse: string[] } };
    expect(dm.embeds[0]!.description).toMatch(/full control/);
    expect(dm.embeds[0]!.description).toMatch(/pk;token refresh/);
    expect(dm.components[0]!.components[0]!.custom_id).toBe('token:open');
    expect(dm.allowed_mentions).toEqual({ parse: [] });
  });

  it('the DM button opens the modal and a valid token is verified, stored and confirmed', async () => {
    const button = world.discord.button({ customId: 'token:open', user: ALICE, guildId: null });
    const modal = await button.initialResponse();
    expect(modal.type).toBe(9);
    expect(JSON.stringify(modal.data)).toContain('token:submit');

    const submit = world.discord.modalSubmit({ customId: 'token:submit', fields: { token: system.token! }, user: ALICE, guildId: null });
    const reply = await submit.finalMessage();
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageText(reply)).toContain('The Alpha System');
    expect(messageText(reply)).toContain(system.id);
    expect(messageText(reply)).not.toContain(system.token!);
  });

  it('/token status names the system, when it was set and last verified', async () => {
    const reply = await world.discord.slashCommand({ name: 'token', subcommand: 'status', user: ALICE, guildId: GUILD }).finalMessage();
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    const text = messageText(reply);
    expect(text).toContain(system.id);
    expect(text).toMatch(/Set <t:\d+:f>/);
    expect(text).toMatch(/Last verified <t:\d+:f>/);
  });
});
