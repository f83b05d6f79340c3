import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, TRANSPORTS, type Harness } from '../../support/harness.js';
import { connectToken, EPHEMERAL, messageText, snowflakeAt } from '../../support/messages.js';

/* "Message info" and /message in-process on both transports (moved from the end-to-end run, which keeps a smoke run: test/e2e/message.test.ts). */

const OWNER = { id: '230000000000000001', username: 'owner' };
const MOD = { id: '230000000000000002', username: 'mod' };
const GUILD = '330000000000000001';
const CHANNEL = '430000000000000001';

describe.each(TRANSPORTS)('message info (in-process, %s)', (transport) => {
  let world: Harness;
  let system: { id: string; token: string | null };
  let proxied: string;
  let trigger: string;

  beforeAll(async () => {
    world = await startHarness({ transport });
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
    await connectToken(world.discord, OWNER, system.token!);
  });

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

  it('a deleted member and system are shown as such', async () => {
    const orphan = snowflakeAt(new Date(Date.now() - 10_000), 3);
    world.pluralkit.seedMessage({ id: orphan, sender: MOD.id, channel: CHANNEL, guild: GUILD, system: null, member: null });
    const reply = await world.discord.slashCommand({ name: 'message', subcommand: 'link', options: { link: orphan }, user: MOD, guildId: GUILD }).finalMessage();
    expect(messageText(reply)).toMatch(/deleted member/);
    expect(messageText(reply)).toMatch(/deleted or unknown system/);
    expect(messageText(reply)).toContain(`<@${MOD.id}>`);
  });

  it('a message PluralKit does not know gets a specific reply, mentioning the 30-minute trigger window', async () => {
    const recent = snowflakeAt(new Date(Date.now() - 5_000), 4);
    const reply = await world.discord.slashCommand({ name: 'message', subcommand: 'link', options: { link: recent }, user: MOD, guildId: GUILD }).finalMessage();
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageText(reply)).toMatch(/wasn't sent through PluralKit/);
    expect(messageText(reply)).toMatch(/30 minutes/);
    const old = snowflakeAt(new Date(Date.now() - 3 * 3600_000), 5);
    const oldReply = await world.discord.slashCommand({ name: 'message', subcommand: 'link', options: { link: old }, user: MOD, guildId: GUILD }).finalMessage();
    expect(messageText(oldReply)).toMatch(/older/);
  });

  it.each([
    ['https://example.com/not/discord', /not a message link/],
    [`https://discord.com/channels/${GUILD}/${CHANNEL}`, /link to a channel/],
    ['12345', /not a valid message ID/],
  ])('an invalid link (%s) is explained without asking PluralKit', async (link, message) => {
    world.pluralkit.clearRequests();
    const reply = await world.discord.slashCommand({ name: 'message', subcommand: 'link', options: { link }, user: MOD, guildId: GUILD }).finalMessage();
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageText(reply)).toMatch(message);
    expect(world.pluralkit.requests).toHaveLength(0);
  });

  it('PluralKit being down or rate-limiting gets a specific reply', async () => {
    // Messages not looked up before: a public answer the bot already has would be served from its memory.
    const member = world.pluralkit.seedMember(system.id, { name: 'Other' });
    const fresh = (n: number) => {
      const id = snowflakeAt(new Date(Date.now() - 30_000), 10 + n);
      world.pluralkit.seedMessage({ id, original: snowflakeAt(new Date(Date.now() - 31_000), 10 + n), sender: OWNER.id, channel: CHANNEL, guild: GUILD, system: system.id, member: member.id });
      return `https://discord.com/channels/${GUILD}/${CHANNEL}/${id}`;
    };
    world.pluralkit.injectFault({ path: /^\/messages\//, status: 503, times: 10 });
    const down = await world.discord.slashCommand({ name: 'message', subcommand: 'link', options: { link: fresh(1) }, user: MOD, guildId: GUILD }).finalMessage(15_000);
    expect(messageText(down)).toMatch(/PluralKit had a problem|could not be reached/);
    world.pluralkit.clearFaults();

    world.pluralkit.injectFault({ path: /^\/messages\//, status: 429, body: { message: '429: too many requests', retry_after: 20_000, scope: 'generic_get', code: 0 }, times: 10 });
    const limited = await world.discord.slashCommand({ name: 'message', subcommand: 'link', options: { link: fresh(2) }, user: MOD, guildId: GUILD }).finalMessage(15_000);
    expect(messageText(limited)).toMatch(/rate-limiting requests right now\. Please try again in 2\d s/);
    world.pluralkit.clearFaults();
  }, 40_000);
});
