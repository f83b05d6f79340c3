import { expect, it } from 'vitest';
import type { FakeDiscord } from '../fake-discord/index.js';
import { EPHEMERAL, messageText, snowflakeAt } from '../messages.js';
import type { PluralKitEmulator } from '../pluralkit-emulator/index.js';

/*
 * "Message info" and /message link on a proxied message of a system with private fields. Written
 * once, run in-process on both transports (test/commands/message) and as the real process's
 * smoke run (test/e2e).
 */

export const MESSAGE_OWNER = { id: '230000000000000001', username: 'owner' };
export const MESSAGE_MOD = { id: '230000000000000002', username: 'mod' };
export const MESSAGE_GUILD = '330000000000000001';
export const MESSAGE_CHANNEL = '430000000000000001';
const MOD = MESSAGE_MOD;
const GUILD = MESSAGE_GUILD;
const CHANNEL = MESSAGE_CHANNEL;

export interface ProxiedMessage {
  system: { id: string; token: string | null };
  proxied: string;
  trigger: string;
}

/** A member with private fields and one message PluralKit proxied for it a minute ago. */
export function seedProxiedMessage(pluralkit: PluralKitEmulator): ProxiedMessage {
  const system = pluralkit.seedSystem({ name: 'Msg System', description: 'secret system description', privacy: { description_privacy: 'private' } });
  const member = pluralkit.seedMember(system.id, {
    name: 'Echo',
    pronouns: 'they/them',
    color: '00ff00',
    birthday: '2000-02-03',
    privacy: { birthday_privacy: 'private', proxy_privacy: 'private' },
    proxy_tags: [{ prefix: 'e:', suffix: null }],
  });
  const now = new Date();
  const trigger = snowflakeAt(new Date(now.getTime() - 60_000), 1);
  const proxied = snowflakeAt(new Date(now.getTime() - 59_000), 2);
  pluralkit.seedMessage({ id: proxied, original: trigger, sender: MESSAGE_OWNER.id, channel: CHANNEL, guild: GUILD, system: system.id, member: member.id });
  return { system, proxied, trigger };
}

export function messageInfoJourney(world: () => { discord: FakeDiscord; seeded: ProxiedMessage }): void {
  it('the Message info context menu shows the public view, ephemerally, with an excerpt and attachment count', async () => {
    const { discord, seeded } = world();
    const reply = await discord
      .messageContext({
        name: 'Message info',
        target: { id: seeded.proxied, channel_id: CHANNEL, content: 'hello from Echo', attachments: [{ id: '1', filename: 'a.png', size: 1, url: 'https://cdn.example/a.png', proxy_url: 'https://cdn.example/a.png' }] as never },
        user: MESSAGE_OWNER,
        guildId: GUILD,
      })
      .finalMessage();
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    const text = messageText(reply);
    expect(text).toContain('Echo');
    expect(text).toContain('they/them');
    expect(text).toContain(seeded.system.id);
    expect(text).toContain(`<@${MESSAGE_OWNER.id}>`);
    expect(text).toContain('hello from Echo');
    expect(text).toMatch(/Attachments\n1/);
    expect(text).toContain(seeded.trigger);
    expect(text).toMatch(/<t:\d+:f>/);
    // Public view even for the owner: private fields stay out.
    expect(text).not.toContain('secret system description');
    expect(text).not.toMatch(/Feb 03/);
    expect(text).not.toContain('e:text');
    expect(reply.allowed_mentions).toEqual({ parse: [] });
  });

  it('/message link accepts discord.com, ptb and canary links and bare IDs, including the trigger message ID', async () => {
    const { discord, seeded } = world();
    const { proxied, trigger } = seeded;
    for (const link of [
      `https://discord.com/channels/${GUILD}/${CHANNEL}/${proxied}`,
      `https://ptb.discord.com/channels/${GUILD}/${CHANNEL}/${proxied}`,
      `<https://canary.discord.com/channels/${GUILD}/${CHANNEL}/${proxied}>`,
      proxied,
      trigger,
    ]) {
      const reply = await discord.slashCommand({ name: 'message', subcommand: 'link', options: { link }, user: MOD, guildId: GUILD }).finalMessage();
      expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(messageText(reply)).toContain('Echo');
      expect(messageText(reply)).toContain(`https://discord.com/channels/${GUILD}/${CHANNEL}/${proxied}`);
    }
  });
}
