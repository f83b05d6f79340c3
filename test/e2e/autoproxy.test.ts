import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, EPHEMERAL, messageText, startWorld, TRANSPORTS, type E2EWorld } from './helpers.js';

const OWNER = { id: '225000000000000001', username: 'owner' };
const GUILD = '325000000000000001';

/* One smoke run of /autoproxy through the real bot process; the details are in test/commands/autoproxy/. */
describe.each(TRANSPORTS)('/autoproxy through the real bot process (%s)', (transport) => {
  let world: E2EWorld;
  let alice: { id: string };

  const autoproxy = (subcommand: string, options: Record<string, string> = {}, guildId: string | null = GUILD) =>
    world.discord.slashCommand({ name: 'autoproxy', subcommand, options, user: OWNER, guildId }).finalMessage(10_000);

  beforeAll(async () => {
    world = await startWorld({ transport });
    world.pluralkit.setRateLimits(false);
    const own = world.pluralkit.seedSystem({ name: 'Auto Smoke', accounts: [OWNER.id] });
    alice = world.pluralkit.seedMember(own.id, { name: 'Alice' });
    await connect(world, OWNER, own.token!);
  }, 30_000);

  afterAll(async () => {
    await world.stop();
  });

  it('set member, view, set off: each change before → after, privately', async () => {
    const set = await autoproxy('set', { mode: 'member', member: 'Alice' });
    expect(set.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageText(set)).toContain(`**Member:** *not set* → Alice (${alice.id})`);
    expect(messageText(await autoproxy('view'))).toMatch(/proxied as Alice/);
    expect(messageText(await autoproxy('set', { mode: 'off' }))).toContain(`**Member:** Alice (${alice.id}) → *not set*`);
  });

  it('is refused in a DM', async () => {
    expect(messageText(await autoproxy('view', {}, null))).toMatch(/only works in a server/);
  });
});
