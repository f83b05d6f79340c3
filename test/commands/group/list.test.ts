import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EPHEMERAL, messageText, startWorld, STRANGER, type World } from '../helpers.js';

describe('/group list', () => {
  let w: World;

  beforeAll(async () => {
    w = await startWorld();
    const pk = w.h.pluralkit;
    const a = pk.seedMember(w.system.id, { name: 'A' });
    const b = pk.seedMember(w.system.id, { name: 'B', privacy: { visibility: 'private' } });
    pk.seedGroup(w.system.id, { name: 'Crew', description: 'the main crew', members: [a.id, b.id] });
    pk.seedGroup(w.system.id, { name: 'Band', members: [a.id] });
    pk.seedGroup(w.system.id, { name: 'Attic', privacy: { visibility: 'private' } });
    pk.seedGroup(w.system.id, { name: 'Vault', members: [a.id], privacy: { list_privacy: 'private' } });
  });

  afterAll(() => w.stop());

  it('is public by default with member counts as the public sees them, in one request and one for the system\'s name', async () => {
    const { reply, requests } = await w.counted('group', 'list');
    expect(requests.sort()).toEqual([`GET /systems/${w.system.id}`, `GET /systems/${w.system.id}/groups`]);
    expect(w.h.pluralkit.requests.find((request) => request.path.endsWith('/groups'))!.query).toEqual({ with_members: 'true' });
    expect(reply.flags & EPHEMERAL).toBe(0);
    const lines = (reply.embeds[0].description as string).split('\n');
    // Hidden members are not counted; a private member list (PluralKit sends []) shows no count rather than 0.
    expect(lines).toEqual([expect.stringMatching(/\*\*Band\*\* \(1 member\)$/), expect.stringMatching(/\*\*Crew\*\* \(1 member\)$/), expect.stringMatching(/\*\*Vault\*\*$/)]);
    expect(messageText(reply)).not.toContain('Attic');
  });

  it('private: True shows every group and member, sorted by member count on request', async () => {
    const reply = await w.run('group', 'list', { private: true, sort: 'members' });
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    const lines = (reply.embeds[0].description as string).split('\n');
    expect(lines[0]).toMatch(/\*\*Crew\*\* \(2 members\)$/);
    expect(lines.at(-1)).toMatch(/\*\*Attic\*\* \(0 members\) \*\(hidden\)\*$/);
    expect(reply.embeds[0].footer.text).toContain('Sorted by member count');
  });

  it('search looks in the description too', async () => {
    expect(messageText(await w.run('group', 'list', { search: 'MAIN' }))).toMatch(/Crew[\s\S]*1 group ·/);
  });

  it("another system's private group list is refused politely", async () => {
    const closed = w.h.pluralkit.seedSystem({ name: 'Closed', privacy: { group_list_privacy: 'private' } });
    const reply = await w.run('group', 'list', { system: closed.id }, { user: STRANGER });
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageText(reply)).toMatch(/keeps its group list private/);
  });
});
