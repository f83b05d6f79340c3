import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, EPHEMERAL, messageText, snowflakeAt, startWorld, TRANSPORTS, type E2EWorld } from './helpers.js';

const OWNER = { id: '230000000000000001', username: 'owner' };
const MOD = { id: '230000000000000002', username: 'mod' };
const GUILD = '330000000000000001';
const CHANNEL = '430000000000000001';

/* The smoke run of "Message info" and /message through the real bot process, on both transports; every case runs in-process in test/commands/message/. */
describe.each(TRANSPORTS)('message info through the real bot process (%s)', (transport) => {
  let world: E2EWorld;
  let system: { id: string; token: string | null };
  let proxied: string;
  let trigger: string;

  beforeAll(async () => {
    world = await startWorld({ transport });
    world.pluralkit.setRateLimits(false);
    system = world.pluralkit.seedSystem({ name: 'Msg System', description: 'secret system description', privacy: { description_privacy: 'private' } });
    const member = world.pluralkit.seedMember(system.id, {
      name: 'Echo',
      pronouns: 'they/them',
      color: '00ff00',
      birthday: '2000-02-03',
      privacy: { birthday_privacy: 'private', proxy_privacy: 'private' },
      proxy_tags: [{ prefix: 'e:', suffix: null }],
    });
    const now = new Date();
    trigger = snowflakeAt(new Date(now.getTime() - 60_000), 1);
    proxied = snowflakeAt(new Date(now.getTime() - 59_000), 2);
    world.pluralkit.seedMessage({ id: proxied, original: trigger, sender: OWNER.id, channel: CHANNEL, guild: GUILD, system: system.id, member: member.id });
    await connect(world, OWNER, system.token!);
  }, 30_000);

  afterAll(async () => {
    await world.stop();
  });

  it('the Message info context menu shows the public view, ephemerally, with an excerpt and attachment count', async () => {
    const reply = await world.discord
      .messageContext({
        name: 'Message info',
        target: { id: proxied, channel_id: CHANNEL, content: 'hello from Echo', attachments: [{ id: '1', filename: 'a.png', size: 1, url: 'https://cdn.example/a.png', proxy_url: 'https://cdn.example/a.png' }] as never },
        user: OWNER,
        guildId: GUILD,
      })
      .finalMessage();
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    const text = messageText(reply);
    expect(text).toContain('Echo');
    expect(text).toContain('they/them');
    expect(text).toContain(system.id);
    expect(text).toContain(`<@${OWNER.id}>`);
    expect(text).toContain('hello from Echo');
    expect(text).toMatch(/Attachments\n1/);
    expect(text).toContain(trigger);
    expect(text).toMatch(/<t:\d+:f>/);
    // Public view even for the owner: private fields stay out.
    expect(text).not.toContain('secret system description');
    expect(text).not.toMatch(/Feb 03/);
    expect(text).not.toContain('e:text');
    expect(reply.allowed_mentions).toEqual({ parse: [] });
  });

  it('/message link accepts discord.com, ptb and canary links and bare IDs, including the trigger message ID', async () => {
    for (const link of [
      `https://discord.com/channels/${GUILD}/${CHANNEL}/${proxied}`,
      `https://ptb.discord.com/channels/${GUILD}/${CHANNEL}/${proxied}`,
      `<https://canary.discord.com/channels/${GUILD}/${CHANNEL}/${proxied}>`,
      proxied,
      trigger,
    ]) {
      const reply = await world.discord.slashCommand({ name: 'message', subcommand: 'link', options: { link }, user: MOD, guildId: GUILD }).finalMessage();
      expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(messageText(reply)).toContain('Echo');
      expect(messageText(reply)).toContain(`https://discord.com/channels/${GUILD}/${CHANNEL}/${proxied}`);
    }
  });
});
