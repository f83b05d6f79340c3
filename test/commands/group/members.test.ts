import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EPHEMERAL, messageText, startWorld, STRANGER, type World } from '../helpers.js';

describe('/group members', () => {
  let w: World;
  let crew: { id: string; uuid: string };
  const names = async () => (await w.pk<Array<{ name: string }>>(`/groups/${crew.id}/members`)).body.map((member) => member.name).sort();

  beforeAll(async () => {
    w = await startWorld();
    const pk = w.h.pluralkit;
    const ids = Array.from({ length: 27 }, (_, i) => pk.seedMember(w.system.id, { name: `M${String(i).padStart(2, '0')}` }).id);
    pk.seedMember(w.system.id, { name: 'Alice' });
    pk.seedMember(w.system.id, { name: 'Bob' });
    crew = pk.seedGroup(w.system.id, { name: 'Crew', members: ids });
  });

  afterAll(() => w.stop());

  it('view pages the members 25 at a time, publicly', async () => {
    const first = await w.run('group', 'members view', { group: 'Crew' });
    expect(first.flags & EPHEMERAL).toBe(0);
    expect(messageText(first)).toMatch(/^[\s\S]*Members of Crew/);
    expect((first.embeds[0].description as string).split('\n')).toHaveLength(25);
    const second = await w.press(first, 'Next');
    expect(messageText(second)).toMatch(/M25[\s\S]*M26/);
  });

  it('add and remove send one request each and name what changed', async () => {
    await w.run('group', 'members view', { group: 'Crew', private: true });
    await w.run('member', 'list', { private: true });
    const requests = await w.requestsDuring(async () => {
      const reply = await w.run('group', 'members add', { group: 'Crew', members: 'Alice, Bob, M00' });
      expect(messageText(reply)).toMatch(/✅ \*\*Crew\*\* now has 29 members:/);
      expect(messageText(reply)).toContain('**Added:** **Alice**, **Bob**');
      expect(messageText(reply)).toContain('**Already in:** **M00**');
    });
    expect(requests).toEqual([`POST /groups/${crew.uuid}/members/add`]);
    expect(await names()).toContain('Alice');
    const removed = await w.run('group', 'members remove', { group: 'Crew', members: 'Alice' });
    expect(messageText(removed)).toContain('**Removed:** **Alice**');
    expect(await names()).not.toContain('Alice');
  });

  it('set that removes members asks first; clear empties the group after a confirm', async () => {
    const prompt = await w.run('group', 'members set', { group: 'Crew', members: 'Alice, Bob' });
    expect(messageText(prompt)).toMatch(/⚠️ Change the members of \*\*Crew\*\*[\s\S]*\*\*Removed:\*\*/);
    expect((await names()).length).toBe(28);
    await w.press(prompt, 'Update members');
    expect(await names()).toEqual(['Alice', 'Bob']);
    const clear = await w.run('group', 'members clear', { group: 'Crew' });
    expect(messageText(clear)).toMatch(/\*\*After:\*\* \*no members\*/);
    expect(messageText(await w.press(clear, 'Update members'))).toMatch(/\*\*Crew\*\* has no members now/);
    expect(await names()).toEqual([]);
  });

  it('unknown members are named with suggestions; another system cannot change the group', async () => {
    expect(messageText(await w.run('group', 'members add', { group: 'Crew', members: 'Alcie' }))).toMatch(/No member called "Alcie" in your system\. Did you mean Alice/);
    expect(messageText(await w.run('group', 'members add', { group: 'Crew', members: 'Alice' }, { user: STRANGER }))).toMatch(/\/token set/);
  });
});
