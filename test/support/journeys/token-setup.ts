import { expect, it } from 'vitest';
import type { FakeDiscord } from '../fake-discord/index.js';
import { EPHEMERAL, messageText } from '../messages.js';

/*
 * Token setup as a user goes through it: /token set in a server, the DM, its form, /token status.
 * Written once, run in-process (test/commands/token) and as the real process's smoke run (test/e2e).
 */

export interface TokenSetupWorld {
  discord: FakeDiscord;
  system: { id: string; token: string | null };
  user: { id: string; username: string };
  guildId: string;
}

export function tokenSetupJourney(world: () => TokenSetupWorld): void {
  it('/token set in a server moves to DMs and never asks for the token in the channel', async () => {
    const { discord, user, guildId } = world();
    const reply = await discord.slashCommand({ name: 'token', subcommand: 'set', user, guildId }).finalMessage();
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageText(reply)).toMatch(/Check your DMs/);
    const dms = discord.dmMessagesTo(user.id);
    expect(dms.length).toBe(1);
    const dm = dms[0]!.body as { embeds: Array<{ description: string }>; components: Array<{ components: Array<{ custom_id: string }> }>; allowed_mentions: { parse: string[] } };
    expect(dm.embeds[0]!.description).toMatch(/full control/);
    expect(dm.embeds[0]!.description).toMatch(/pk;token refresh/);
    expect(dm.components[0]!.components[0]!.custom_id).toBe('token:open');
    expect(dm.allowed_mentions).toEqual({ parse: [] });
  });

  it('the DM button opens the modal and a valid token is verified, stored and confirmed', async () => {
    const { discord, user, system } = world();
    const modal = await discord.button({ customId: 'token:open', user, guildId: null }).initialResponse();
    expect(modal.type).toBe(9);
    expect(JSON.stringify(modal.data)).toContain('token:submit');

    const reply = await discord.modalSubmit({ customId: 'token:submit', fields: { token: system.token! }, user, guildId: null }).finalMessage();
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageText(reply)).toContain('The Alpha System');
    expect(messageText(reply)).toContain(system.id);
    expect(messageText(reply)).not.toContain(system.token!);
  });

  it('/token status names the system, when it was set and last verified', async () => {
    const { discord, user, guildId, system } = world();
    const reply = await discord.slashCommand({ name: 'token', subcommand: 'status', user, guildId }).finalMessage();
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    const text = messageText(reply);
    expect(text).toContain(system.id);
    expect(text).toMatch(/Set <t:\d+:f>/);
    expect(text).toMatch(/Last verified <t:\d+:f>/);
  });
}
