import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EPHEMERAL, messageText, startWorld, STRANGER, type World } from '../helpers.js';

type Embed = { author: { name: string }; fields: Array<{ name: string; value: string }>; description?: string; color?: number };

describe('/group view', () => {
  let w: World;
  let crew: { id: string; uuid: string };

  beforeAll(async () => {
    w = await startWorld();
    const pk = w.h.pluralkit;
    const ids = Array.from({ length: 23 }, (_, i) => pk.seedMember(w.system.id, { name: `M${String(i).padStart(2, '0')}` }).id);
    const hidden = pk.seedMember(w.system.id, { name: 'Hidden one', privacy: { visibility: 'private' } });
    crew = pk.seedGroup(w.system.id, { name: 'Crew', display_name: 'The Crew', color: '00ff00', description: 'Us.', members: [...ids, hidden.id], privacy: { description_privacy: 'private' } });
  });

  afterAll(() => w.stop());

  it("shows the public view with the member count and 20 names, in at most three requests (group, members, its system's name)", async () => {
    const { reply, requests } = await w.counted('group', 'view', { group: 'the crew' });
    expect(requests.length).toBeLessThanOrEqual(3);
    expect(reply.flags & EPHEMERAL).toBe(0);
    const embed = reply.embeds[0] as Embed;
    expect(embed.author.name).toBe('Crew (Test System)');
    expect(embed.color).toBe(0x00ff00);
    const members = embed.fields.find((field) => field.name.startsWith('Members'))!;
    expect(members.name).toBe('Members (23)');
    expect(members.value).toMatch(/^M00, M01, .*M19, \*… and 3 more\*$/);
    expect(messageText(reply)).not.toContain('Hidden one');
    expect(messageText(reply)).not.toContain('Us.');
  });

  it('private: True shows the owner view and every member', async () => {
    const reply = await w.run('group', 'view', { group: crew.id, private: true });
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageText(reply)).toContain('Members (24)');
    expect(messageText(reply)).toContain('Us.');
  });

  it('a group with a private member list shows no members field for others', async () => {
    const other = w.h.pluralkit.seedSystem({ name: 'Other' });
    const m = w.h.pluralkit.seedMember(other.id, { name: 'Z' });
    const secret = w.h.pluralkit.seedGroup(other.id, { name: 'Secret', members: [m.id], privacy: { list_privacy: 'private' } });
    const reply = await w.run('group', 'view', { group: secret.id }, { user: STRANGER });
    expect(messageText(reply)).toContain('Secret');
    expect(messageText(reply)).not.toContain('Members');
  });
});
