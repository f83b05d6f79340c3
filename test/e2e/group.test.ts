import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actor, EPHEMERAL, messageText, pluralkitGet, startWorldWithSystem, TRANSPORTS, type E2EWorld } from './helpers.js';

const OWNER = { id: '250000000000000011', username: 'owner' };
const GUILD = '350000000000000011';

/** A smoke run of /group on the real built process. */
describe.each(TRANSPORTS)('/group through the real bot process (%s)', (transport) => {
  let world: E2EWorld;
  let token: string;

  beforeAll(async () => {
    let system: { id: string; token: string };
    ({ world, system } = await startWorldWithSystem(OWNER, transport));
    for (const name of ['Alice', 'Bob']) world.pluralkit.seedMember(system.id, { name });
    token = system.token;
  }, 30_000);

  afterAll(async () => {
    await world.stop();
  });

  it('create, members add/set, view, list, privacy, delete', async () => {
    const owner = actor(world, OWNER, GUILD);
    const created = await owner.run('group', 'create', { name: 'Crew', color: '#00ff00' });
    expect(created.flags & EPHEMERAL).toBe(EPHEMERAL);
    const id = /`([a-z]{6})`/.exec(messageText(created))![1]!;

    expect(messageText(await owner.run('group', 'members add', { group: 'Crew', members: 'Alice, Bob' }))).toMatch(/\*\*Crew\*\* now has 2 members/);
    const prompt = await owner.run('group', 'members set', { group: 'Crew', members: 'Bob' });
    expect(messageText(prompt)).toMatch(/\*\*Removed:\*\* \*\*Alice\*\*/);
    expect(messageText(await owner.press(prompt, 'Update members'))).toMatch(/now has 1 member: \*\*Bob\*\*/);

    const card = await owner.run('group', 'view', { group: 'Crew' });
    expect(card.flags & EPHEMERAL).toBe(0);
    expect(card.allowed_mentions).toEqual({ parse: [] });
    expect(messageText(card)).toMatch(/Members \(1\)\nBob/);
    expect(messageText(await owner.run('group', 'list'))).toMatch(/\*\*Crew\*\* \(1 member\)/);
    expect(messageText(await owner.run('group', 'privacy', { group: 'Crew', subject: 'all', level: 'private' }))).toContain('**Member list:** public → private');

    const del = await owner.run('group', 'delete', { group: 'Crew' });
    expect(messageText(del)).toMatch(/Its members are not deleted/);
    expect(messageText(await owner.press(del, 'Delete group'))).toMatch(/Deleted group \*\*Crew\*\*/);
    expect((await pluralkitGet(world, `/groups/${id}`)).status).toBe(404);
    expect((await pluralkitGet<unknown[]>(world, '/systems/@me/members', token)).body).toHaveLength(2);
  });
});
