import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, EPHEMERAL, messageText, startWorld, type E2EWorld } from './helpers.js';

const OWNER = { id: '220000000000000001', username: 'owner' };
const GUILD = '320000000000000001';
const HOUR = 3600_000;

/* The smoke run of /fronters and /switch through the real bot process; every case runs in-process in test/commands/switch/front.test.ts. */
describe('front tracking through the real bot process', () => {
  let world: E2EWorld;
  let own: { id: string; token: string | null };
  let alice: { id: string }, bob: { id: string };

  const latest = async () => {
    const response = await fetch(`${world.pluralkit.url}/systems/${own.id}/switches?limit=1`, { headers: { authorization: own.token!, 'user-agent': 'test' } });
    return ((await response.json()) as Array<{ id: string; timestamp: string; members: string[] }>)[0];
  };
  const slash = (subcommand: string, options: Record<string, string | boolean> = {}, user = OWNER, guildId: string | null = GUILD) =>
    world.discord.slashCommand({ name: 'switch', subcommand, options, user, guildId }).finalMessage(10_000);

  beforeAll(async () => {
    world = await startWorld();
    world.pluralkit.setRateLimits(false);
    own = world.pluralkit.seedSystem({ name: 'Own System', accounts: [OWNER.id], settings: { timezone: 'Europe/Berlin' } });
    alice = world.pluralkit.seedMember(own.id, { name: 'Alice', pronouns: 'she/her', color: 'ff0000' });
    bob = world.pluralkit.seedMember(own.id, { name: 'Bob', display_name: 'Bobby' });
    world.pluralkit.seedSwitch(own.id, { timestamp: new Date(Date.now() - 5 * HOUR), members: [alice.id] });
    await connect(world, OWNER, own.token!);
  }, 30_000);

  afterAll(async () => {
    await world.stop();
  });

  it('/fronters shows the caller’s current fronters publicly, as PluralKit shows the public', async () => {
    const reply = await world.discord.slashCommand({ name: 'fronters', user: OWNER, guildId: GUILD }).finalMessage();
    expect(reply.flags & EPHEMERAL).toBe(0);
    const text = messageText(reply);
    expect(text).toContain('Alice');
    expect(text).toMatch(/<t:\d+:f>/);
    expect(text).toMatch(/<t:\d+:R>/);
    expect(reply.allowed_mentions).toEqual({ parse: [] });
  });

  it('/switch new registers a switch by names, ephemerally, and names the new fronters', async () => {
    const reply = await slash('new', { members: 'alice, Bobby' });
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageText(reply)).toMatch(/Switch registered/);
    expect(messageText(reply)).toContain('Alice');
    expect((await latest())!.members).toEqual([alice.id, bob.id]);
  });
});
