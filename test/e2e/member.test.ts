import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonId, connect, EPHEMERAL, messageText, startWorld, type E2EWorld } from './helpers.js';

const OWNER = { id: '250000000000000001', username: 'owner' };
const GUILD = '350000000000000001';

/** A smoke run of /member on the real built process: one path through every kind of subcommand. */
describe('/member through the real bot process', () => {
  let world: E2EWorld;
  let system: { id: string; token: string | null };

  const member = (subcommand: string, options: Record<string, string | boolean> = {}, subcommandGroup?: string) =>
    world.discord.slashCommand({ name: 'member', ...(subcommandGroup ? { subcommandGroup } : {}), subcommand, options, user: OWNER, guildId: GUILD }).finalMessage(10_000);
  const pk = async <T>(path: string) => (await (await fetch(`${world.pluralkit.url}${path}`, { headers: { authorization: system.token!, 'user-agent': 'test' } })).json()) as T;

  beforeAll(async () => {
    world = await startWorld();
    world.pluralkit.setRateLimits(false);
    system = world.pluralkit.seedSystem({ name: 'Smoke', accounts: [OWNER.id] });
    world.pluralkit.seedGroup(system.id, { name: 'Crew' });
    await connect(world, OWNER, system.token!);
  }, 30_000);

  afterAll(async () => {
    await world.stop();
  });

  it('create, edit, groups, privacy, view, list, server, delete', async () => {
    const created = await member('create', { name: 'Alice', pronouns: 'she/her', proxy: 'a:text' });
    expect(created.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(created.allowed_mentions).toEqual({ parse: [] });
    expect(messageText(created)).toMatch(/Created member \*\*Alice\*\*/);

    expect(messageText(await member('edit', { member: 'Alice', birthday: 'May 1', add_proxy: '[text]' }))).toContain('**Birthday:** *not set* → May 01');
    expect(messageText(await member('add', { member: 'Alice', groups: 'Crew' }, 'groups'))).toMatch(/is now in 1 group: \*\*Crew\*\*/);
    expect(messageText(await member('privacy', { member: 'Alice', subject: 'pronouns', level: 'private' }))).toContain('**Pronouns:** public → private');

    const card = await member('view', { member: 'alice' });
    expect(card.flags & EPHEMERAL).toBe(0);
    expect(messageText(card)).toMatch(/Birthday\nMay 01/);
    expect(messageText(card)).toContain('Groups (1)');
    expect(messageText(card)).not.toContain('she/her');

    const list = await member('list', { private: true });
    expect(list.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageText(list)).toMatch(/\*\*Alice\*\* \(`a:text`, `\[text\]`\)/);

    expect(messageText(await member('view', { member: 'Alice' }, 'server'))).toMatch(/no settings for \*\*Alice\*\* in this server yet/);

    const prompt = await member('delete', { member: 'Alice' });
    expect(messageText(prompt)).toMatch(/cannot be undone/);
    const done = await world.discord.button({ customId: buttonId(prompt, 'Delete member'), user: OWNER, guildId: GUILD }).finalMessage(10_000);
    expect(messageText(done)).toMatch(/Deleted member \*\*Alice\*\*/);
    expect(await pk<unknown[]>('/systems/@me/members')).toEqual([]);
  });
});
