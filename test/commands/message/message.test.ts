import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, TRANSPORTS, type Harness } from '../../support/harness.js';
import { MESSAGE_CHANNEL, MESSAGE_GUILD, MESSAGE_MOD, MESSAGE_OWNER, messageInfoJourney, seedProxiedMessage, type ProxiedMessage } from '../../support/journeys/message-info.js';
import { connectToken, EPHEMERAL, messageText, snowflakeAt } from '../../support/messages.js';

/* "Message info" and /message in-process on both transports (moved from the end-to-end run, which keeps a smoke run: test/e2e/message.test.ts). */

const OWNER = MESSAGE_OWNER;
const MOD = MESSAGE_MOD;
const GUILD = MESSAGE_GUILD;
const CHANNEL = MESSAGE_CHANNEL;

describe.each(TRANSPORTS)('message info (in-process, %s)', (transport) => {
  let world: Harness;
  let seeded: ProxiedMessage;
  let system: ProxiedMessage['system'];

  beforeAll(async () => {
    world = await startHarness({ transport });
    seeded = seedProxiedMessage(world.pluralkit);
    system = seeded.system;
    await connectToken(world.discord, OWNER, system.token!);
  });

  afterAll(async () => {
    await world.stop();
  });

  messageInfoJourney(() => ({ discord: world.discord, seeded }));

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
