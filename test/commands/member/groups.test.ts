import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EPHEMERAL, messageText, startWorld, STRANGER, type World } from '../helpers.js';

describe('/member groups', () => {
  let w: World;
  let alice: { id: string; uuid: string };
  let crew: { id: string; uuid: string }, band: { id: string; uuid: string }, club: { id: string; uuid: string };
  const groupsOfAlice = async () => (await w.pk<Array<{ name: string }>>(`/members/${alice.id}/groups`)).body.map((group) => group.name).sort();

  beforeAll(async () => {
    w = await startWorld();
    const pk = w.h.pluralkit;
    alice = pk.seedMember(w.system.id, { name: 'Alice' });
    crew = pk.seedGroup(w.system.id, { name: 'Crew', members: [alice.id] });
    band = pk.seedGroup(w.system.id, { name: 'Band' });
    club = pk.seedGroup(w.system.id, { name: 'Club', privacy: { visibility: 'private' } });
    await w.run('member', 'groups view', { member: 'Alice', private: true }); // warm both lists
    await w.run('group', 'view', { group: 'Crew' });
  });

  afterAll(() => w.stop());

  it('view lists the groups, publicly as the public sees them', async () => {
    const reply = await w.run('member', 'groups view', { member: 'Alice' });
    expect(reply.flags & EPHEMERAL).toBe(0);
    expect(messageText(reply)).toMatch(/Groups of Alice\n\[`[a-z]{6}`\] \*\*Crew\*\*\n/);
  });

  it('add sends one request, says what changed and what already was', async () => {
    const { reply, requests } = await w.counted('member', 'groups add', { member: 'Alice', groups: 'Band, Crew' });
    expect(requests).toEqual([`POST /members/${alice.uuid}/groups/add`]);
    expect(w.h.pluralkit.requests.at(-1)!.body).toEqual([band.uuid, crew.uuid]);
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    const text = messageText(reply);
    expect(text).toMatch(/✅ \*\*Alice\*\* is now in 2 groups: \*\*Crew\*\*, \*\*Band\*\*\./);
    expect(text).toContain('**Added:** **Band**');
    expect(text).toContain('**Already in:** **Crew**');
    expect(await groupsOfAlice()).toEqual(['Band', 'Crew']);
  });

  it('remove takes them out', async () => {
    const reply = await w.run('member', 'groups remove', { member: 'Alice', groups: 'Band' });
    expect(messageText(reply)).toContain('**Removed:** **Band**');
    expect(await groupsOfAlice()).toEqual(['Crew']);
  });

  it('set without removals sends at once; set that removes asks first and names what goes', async () => {
    await w.run('member', 'groups set', { member: 'Alice', groups: 'Crew, Band' });
    expect(await groupsOfAlice()).toEqual(['Band', 'Crew']);
    const prompt = await w.run('member', 'groups set', { member: 'Alice', groups: 'Club' });
    expect(messageText(prompt)).toMatch(/⚠️ Change the groups of \*\*Alice\*\*[\s\S]*\*\*After:\*\* \*\*Club\*\*\n\*\*Removed:\*\* \*\*Crew\*\*, \*\*Band\*\*$/);
    expect(await groupsOfAlice()).toEqual(['Band', 'Crew']);
    const { reply: done, requests } = await w.countedPress(prompt, 'Update groups');
    expect(messageText(done)).toMatch(/is now in 1 group: \*\*Club\*\*/);
    expect(requests).toEqual([`GET /members/${alice.uuid}/groups`, `POST /members/${alice.uuid}/groups/overwrite`]);
    expect(await groupsOfAlice()).toEqual(['Club']);
  });

  it('clear asks first and empties the set; with no groups there is nothing to ask', async () => {
    const prompt = await w.run('member', 'groups clear', { member: 'Alice' });
    expect(messageText(prompt)).toMatch(/\*\*After:\*\* \*no groups\*/);
    expect(messageText(await w.press(prompt, 'Update groups'))).toMatch(/Alice\*\* is in no groups now/);
    expect(await groupsOfAlice()).toEqual([]);
    expect(messageText(await w.run('member', 'groups clear', { member: 'Alice' }))).toMatch(/has no groups: nothing to clear/);
  });

  it('a set changed elsewhere since the prompt is not overwritten', async () => {
    await w.run('member', 'groups add', { member: 'Alice', groups: 'Crew' });
    const prompt = await w.run('member', 'groups set', { member: 'Alice', groups: 'Band' });
    await fetch(`${w.h.pluralkit.url}/members/${alice.id}/groups/add`, { method: 'POST', headers: { authorization: w.system.token, 'user-agent': 'test', 'content-type': 'application/json' }, body: JSON.stringify([club.uuid]) });
    expect(messageText(await w.press(prompt, 'Update groups'))).toMatch(/changed since this prompt was shown/);
    expect(await groupsOfAlice()).toEqual(['Club', 'Crew']);
  });

  it('unknown groups are named with suggestions and nothing is sent', async () => {
    await w.expectRefusal('member', 'groups add', { member: 'Alice', groups: 'Crew, Bnad' }, /No group called "Bnad" in your system\. Did you mean Band/, 'no writes');
  });

  it("another system's member groups: public view by ID, refused when its group list is private", async () => {
    const other = w.h.pluralkit.seedSystem({ name: 'Other', privacy: { group_list_privacy: 'private' } });
    const erin = w.h.pluralkit.seedMember(other.id, { name: 'Erin' });
    expect(messageText(await w.run('member', 'groups view', { member: erin.id }, { user: STRANGER }))).toMatch(/That member's system keeps its group list private/);
  });
});
