import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EPHEMERAL, messageText, startWorld, STRANGER, type World } from '../helpers.js';

describe('/member delete', () => {
  let w: World;
  const status = async (id: string) => (await w.pk(`/members/${id}`)).status;

  beforeAll(async () => {
    w = await startWorld();
  });

  afterAll(() => w.stop());

  it('names the member and says it cannot be undone; only confirming deletes (re-read + DELETE)', async () => {
    const alice = w.h.pluralkit.seedMember(w.system.id, { name: 'Alice' });
    const group = w.h.pluralkit.seedGroup(w.system.id, { name: 'Crew', members: [alice.id] });
    const prompt = await w.run('member', 'delete', { member: 'Alice' });
    expect(prompt.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageText(prompt)).toMatch(new RegExp(`Delete member \\*\\*Alice\\*\\* \\(\`${alice.id}\`\\)\\?.*cannot be undone`));
    expect(messageText(await w.press(prompt, 'Delete member', STRANGER))).toMatch(/only they can answer/);
    expect(await status(alice.id)).toBe(200);
    const { reply: done, requests } = await w.countedPress(prompt, 'Delete member');
    expect(messageText(done)).toMatch(/✅ Deleted member \*\*Alice\*\*/);
    expect(requests).toEqual([`GET /members/${alice.uuid}`, `DELETE /members/${alice.uuid}`]);
    expect(await status(alice.id)).toBe(404);
    expect((await w.pk<string[]>(`/groups/${group.id}/members`)).body).toEqual([]);
    // Gone from the cached list at once.
    expect(messageText(await w.run('member', 'view', { member: 'Alice' }))).toMatch(/not found|No member/);
  });

  it('a member renamed or deleted since the prompt is not deleted', async () => {
    const bob = w.h.pluralkit.seedMember(w.system.id, { name: 'Bob' });
    const prompt = await w.run('member', 'delete', { member: 'Bob' });
    await fetch(`${w.h.pluralkit.url}/members/${bob.id}`, { method: 'PATCH', headers: { authorization: w.system.token, 'user-agent': 'test', 'content-type': 'application/json' }, body: '{"name":"Robert"}' });
    expect(messageText(await w.press(prompt, 'Delete member'))).toMatch(/changed since this prompt was shown/);
    expect(await status(bob.id)).toBe(200);

    const again = await w.run('member', 'delete', { member: bob.id });
    await fetch(`${w.h.pluralkit.url}/members/${bob.id}`, { method: 'DELETE', headers: { authorization: w.system.token, 'user-agent': 'test' } });
    expect(messageText(await w.press(again, 'Delete member'))).toMatch(/was deleted since this prompt was shown/);
  });

  it('a lost answer is settled by reading it back: a 404 means it was deleted, a member still there means it was not', async () => {
    const cara = w.h.pluralkit.seedMember(w.system.id, { name: 'Cara' });
    const prompt = await w.run('member', 'delete', { member: 'Cara' });
    w.h.pluralkit.injectFault({ method: 'DELETE', path: `/members/${cara.uuid}`, reset: true, afterCommit: true });
    const { answer: done } = await w.pressSettled(prompt, 'Delete member');
    expect(messageText(done)).toMatch(/✅ Deleted member \*\*Cara\*\*[\s\S]*read it back: the change is saved/);
    expect(await status(cara.id)).toBe(404);

    const dan = w.h.pluralkit.seedMember(w.system.id, { name: 'Dan' });
    const again = await w.run('member', 'delete', { member: 'Dan' });
    w.h.pluralkit.injectFault({ method: 'DELETE', path: `/members/${dan.uuid}`, reset: true });
    expect(messageText((await w.pressSettled(again, 'Delete member')).answer)).toMatch(/did not confirm the change, and it is not there now/);
    expect(await status(dan.id)).toBe(200);
  });
});
