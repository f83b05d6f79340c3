import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonId, connect, EPHEMERAL, messageText, startWorld, type E2EWorld } from './helpers.js';

const OWNER = { id: '250000000000000011', username: 'owner' };
const GUILD = '350000000000000011';

/** A smoke run of /group on the real built process. */
describe('/group through the real bot process', () => {
  let world: E2EWorld;
  let system: { id: string; token: string | null };

  const group = (subcommand: string, options: Record<string, string | boolean> = {}, subcommandGroup?: string) =>
    world.discord.slashCommand({ name: 'group', ...(subcommandGroup ? { subcommandGroup } : {}), subcommand, options, user: OWNER, guildId: GUILD }).finalMessage(10_000);
  const press = (message: Parameters<typeof buttonId>[0], label: string) => world.discord.button({ customId: buttonId(message, label), user: OWNER, guildId: GUILD }).finalMessage(10_000);
  const pk = async <T>(path: string) => (await (await fetch(`${world.pluralkit.url}${path}`, { headers: { authorization: system.token!, 'user-agent': 'test' } })).json()) as T;

  beforeAll(async () => {
    world = await startWorld();
    world.pluralkit.setRateLimits(false);
    system = world.pluralkit.seedSystem({ name: 'Smoke', accounts: [OWNER.id] });
    world.pluralkit.seedMember(system.id, { name: 'Alice' });
    world.pluralkit.seedMember(system.id, { name: 'Bob' });
    await connect(world, OWNER, system.token!);
  }, 30_000);

  afterAll(async () => {
    await world.stop();
  });

  it('create, members add/set, view, list, privacy, delete', async () => {
    const created = await group('create', { name: 'Crew', color: '#00ff00' });
    expect(created.flags & EPHEMERAL).toBe(EPHEMERAL);
    const id = /`([a-z]{6})`/.exec(messageText(created))![1]!;

    expect(messageText(await group('add', { group: 'Crew', members: 'Alice, Bob' }, 'members'))).toMatch(/\*\*Crew\*\* now has 2 members/);
    const prompt = await group('set', { group: 'Crew', members: 'Bob' }, 'members');
    expect(messageText(prompt)).toMatch(/\*\*Removed:\*\* \*\*Alice\*\*/);
    expect(messageText(await press(prompt, 'Update members'))).toMatch(/now has 1 member: \*\*Bob\*\*/);

    const card = await group('view', { group: 'Crew' });
    expect(card.flags & EPHEMERAL).toBe(0);
    expect(card.allowed_mentions).toEqual({ parse: [] });
    expect(messageText(card)).toMatch(/Members \(1\)\nBob/);
    expect(messageText(await group('list'))).toMatch(/\*\*Crew\*\* \(1 member\)/);
    expect(messageText(await group('privacy', { group: 'Crew', subject: 'all', level: 'private' }))).toContain('**Member list:** public → private');

    const del = await group('delete', { group: 'Crew' });
    expect(messageText(del)).toMatch(/Its members are not deleted/);
    expect(messageText(await press(del, 'Delete group'))).toMatch(/Deleted group \*\*Crew\*\*/);
    expect((await fetch(`${world.pluralkit.url}/groups/${id}`, { headers: { 'user-agent': 'test' } })).status).toBe(404);
    expect((await pk<unknown[]>('/systems/@me/members')).length).toBe(2);
  });
});
