import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EPHEMERAL, messageText, startWorld, type World } from '../helpers.js';

describe('/group delete and /group privacy', () => {
  let w: World;
  let alice: { id: string };
  let crew: { id: string; uuid: string };

  beforeAll(async () => {
    w = await startWorld();
    alice = w.h.pluralkit.seedMember(w.system.id, { name: 'Alice' });
    crew = w.h.pluralkit.seedGroup(w.system.id, { name: 'Crew', members: [alice.id] });
    w.h.pluralkit.seedGroup(w.system.id, { name: 'Band' });
  });

  afterAll(() => w.stop());

  it('privacy overview lists the seven group subjects; list private hides the members from others', async () => {
    const overview = await w.run('group', 'privacy', { group: 'Crew' });
    expect((overview.embeds[0].fields as Array<{ name: string }>).map((field) => field.name)).toEqual(['Visibility', 'Name', 'Description', 'Icon', 'Banner', 'Member list', 'Metadata']);
    const reply = await w.run('group', 'privacy', { group: 'Crew', subject: 'list', level: 'private' });
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageText(reply)).toContain('**Member list:** public → private');
    expect((await w.pk(`/groups/${crew.id}/members`, null)).status).toBe(403);
    expect(messageText(await w.run('group', 'view', { group: 'Crew' }))).not.toContain('Alice');
    expect(messageText(await w.run('group', 'members view', { group: 'Crew' }))).toMatch(/The member list of \*\*Crew\*\* is private.*private: True/);
  });

  it('delete says the members are not deleted and cannot be undone; members stay', async () => {
    const prompt = await w.run('group', 'delete', { group: 'Crew' });
    expect(messageText(prompt)).toMatch(/Delete group \*\*Crew\*\* \(`[a-z]{6}`\)\? Its members are not deleted: they only leave the group\. \*\*This cannot be undone\.\*\*/);
    const { reply: done, requests } = await w.countedPress(prompt, 'Delete group');
    expect(messageText(done)).toMatch(/✅ Deleted group \*\*Crew\*\*/);
    expect(requests).toEqual([`GET /groups/${crew.uuid}`, `DELETE /groups/${crew.uuid}`]);
    expect((await w.pk(`/groups/${crew.id}`)).status).toBe(404);
    expect((await w.pk(`/members/${alice.id}`)).status).toBe(200);
  });
});
