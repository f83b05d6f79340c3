import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actor, EPHEMERAL, messageText, pluralkitGet, startWorldWithSystem, TRANSPORTS, type E2EWorld } from './helpers.js';

const OWNER = { id: '250000000000000001', username: 'owner' };
const GUILD = '350000000000000001';

/** A smoke run of /member on the real built process: one path through every kind of subcommand. */
describe.each(TRANSPORTS)('/member through the real bot process (%s)', (transport) => {
  let world: E2EWorld;
  let token: string;

  beforeAll(async () => {
    let system: { id: string; token: string };
    ({ world, system } = await startWorldWithSystem(OWNER, transport));
    world.pluralkit.seedGroup(system.id, { name: 'Crew' });
    token = system.token;
  }, 30_000);

  afterAll(async () => {
    await world.stop();
  });

  it('create, edit, groups, privacy, view, list, server, delete', async () => {
    const owner = actor(world, OWNER, GUILD);
    const created = await owner.run('member', 'create', { name: 'Alice', pronouns: 'she/her', proxy: 'a:text' });
    expect(created.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(created.allowed_mentions).toEqual({ parse: [] });
    expect(messageText(created)).toMatch(/Created member \*\*Alice\*\*/);

    expect(messageText(await owner.run('member', 'edit', { member: 'Alice', birthday: 'May 1', add_proxy: '[text]' }))).toContain('**Birthday:** *not set* → May 01');
    expect(messageText(await owner.run('member', 'groups add', { member: 'Alice', groups: 'Crew' }))).toMatch(/is now in 1 group: \*\*Crew\*\*/);
    expect(messageText(await owner.run('member', 'privacy', { member: 'Alice', subject: 'pronouns', level: 'private' }))).toContain('**Pronouns:** public → private');

    const card = await owner.run('member', 'view', { member: 'alice' });
    expect(card.flags & EPHEMERAL).toBe(0);
    expect(messageText(card)).toMatch(/Birthday\nMay 01/);
    expect(messageText(card)).toContain('Groups (1)');
    expect(messageText(card)).not.toContain('she/her');

    const list = await owner.run('member', 'list', { private: true });
    expect(list.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageText(list)).toMatch(/\*\*Alice\*\* \(`a:text`, `\[text\]`\)/);

    expect(messageText(await owner.run('member', 'server view', { member: 'Alice' }))).toMatch(/no settings for \*\*Alice\*\* in this server yet/);

    const prompt = await owner.run('member', 'delete', { member: 'Alice' });
    expect(messageText(prompt)).toMatch(/cannot be undone/);
    expect(messageText(await owner.press(prompt, 'Delete member'))).toMatch(/Deleted member \*\*Alice\*\*/);
    expect((await pluralkitGet(world, '/systems/@me/members', token)).body).toEqual([]);
  });
});
