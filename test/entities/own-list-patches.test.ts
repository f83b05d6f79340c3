import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectToken } from '../support/messages.js';
import { messageText, OWNER, startWorld, type World } from '../commands/helpers.js';

/*
 * Our own writes patch the caller's cached member and group lists with PluralKit's answer: the
 * write is the only request, and the next command (or keystroke) reads no list again. Each test
 * counts the emulator's requests for the write and for what follows it.
 */

const LIST_READS = /^GET \/systems\/@me\/(members|groups)/;

describe("own writes patch the caller's cached lists", () => {
  let w: World;
  let alice: { id: string; uuid: string }, bob: { id: string; uuid: string };
  let crew: { id: string; uuid: string }, band: { id: string; uuid: string };

  /** Autocomplete's choices for `query`, and the requests it made (none when the list is cached). */
  const complete = async (command: 'member' | 'group', query: string, user = OWNER): Promise<{ names: string[]; requests: string[] }> => {
    let names: string[] = [];
    const requests = await w.requestsDuring(async () => {
      const handle = w.h.discord.autocomplete({ name: command, subcommand: 'view', options: { [command]: query }, focused: command, user, guildId: null });
      names = ((await handle.initialResponse()).data!.choices as Array<{ name: string }>).map((choice) => choice.name);
    });
    return { names, requests };
  };

  beforeAll(async () => {
    w = await startWorld();
    const pk = w.h.pluralkit;
    alice = pk.seedMember(w.system.id, { name: 'Alice' });
    bob = pk.seedMember(w.system.id, { name: 'Bob' });
    crew = pk.seedGroup(w.system.id, { name: 'Crew', members: [alice.id, bob.id] });
    band = pk.seedGroup(w.system.id, { name: 'Band' });
    await w.run('member', 'groups view', { member: 'Alice', private: true }); // warms the member list
    await w.run('group', 'view', { group: 'Crew' }); // and the group list
  });

  afterAll(() => w.stop());

  it('a member edit is one request, and the renamed member is found and offered without a list read', async () => {
    const { requests } = await w.counted('member', 'edit', { member: 'Alice', name: 'Alicia', pronouns: 'she/her' });
    expect(requests).toEqual([`PATCH /members/${alice.uuid}`]);
    const offered = await complete('member', 'alic');
    expect(offered.names.join()).toContain('Alicia');
    expect(offered.requests).toEqual([]);
    const { reply, requests: next } = await w.counted('member', 'groups view', { member: 'Alicia', private: true });
    expect(messageText(reply)).toContain('Crew');
    expect(next.filter((request) => LIST_READS.test(request))).toEqual([]);
  });

  it('privacy is one request; the cached member carries the new level', async () => {
    const { requests } = await w.counted('member', 'privacy', { member: 'Alicia', subject: 'pronouns', level: 'private' });
    expect(requests).toEqual([`PATCH /members/${alice.uuid}`]);
    // The next privacy change shows its "before" from the cached (patched) member.
    const { reply, requests: next } = await w.counted('member', 'privacy', { member: 'Alicia', subject: 'pronouns', level: 'public' });
    expect(messageText(reply)).toMatch(/private → public/);
    expect(next).toEqual([`PATCH /members/${alice.uuid}`]);
  });

  it("membership from the member's side is one request, and the groups' cached members follow", async () => {
    const { requests } = await w.counted('member', 'groups add', { member: 'Bob', groups: 'Band' });
    expect(requests).toEqual([`POST /members/${bob.uuid}/groups/add`]);
    // Seen from the group's side at once: Bob is already in Band, so nothing is sent.
    const { reply, requests: again } = await w.counted('group', 'members add', { group: 'Band', members: 'Bob' });
    expect(messageText(reply)).toMatch(/Already in:\*\* \*\*Bob\*\*/);
    expect(again.filter((request) => LIST_READS.test(request))).toEqual([]);
  });

  it("membership from the group's side is one request, and the member's groups follow", async () => {
    const { requests } = await w.counted('group', 'members remove', { group: 'Crew', members: 'Bob' });
    expect(requests).toEqual([`POST /groups/${crew.uuid}/members/remove`]);
    const { reply, requests: next } = await w.counted('member', 'groups remove', { member: 'Bob', groups: 'Crew' });
    expect(messageText(reply)).toMatch(/not in|Not in/);
    expect(next.filter((request) => LIST_READS.test(request))).toEqual([]);
    expect((await w.pk<Array<{ name: string }>>(`/members/${bob.id}/groups`)).body.map((group) => group.name)).toEqual(['Band']);
  });

  it('a created group joins the cached list with no members; a group edit keeps its members', async () => {
    const created = await w.counted('group', 'create', { name: 'Choir' });
    expect(created.requests).toEqual(['POST /groups']);
    const offered = await complete('group', 'cho');
    expect(offered.names.join()).toContain('Choir');
    expect(offered.requests).toEqual([]);
    const edited = await w.counted('group', 'edit', { group: 'Band', description: 'Loud.' });
    expect(edited.requests).toEqual([`PATCH /groups/${band.uuid}`]);
    // Band still holds Bob in the cache (a group's PATCH answer carries no members).
    const { reply } = await w.counted('group', 'members add', { group: 'Band', members: 'Bob' });
    expect(messageText(reply)).toMatch(/Already in:\*\* \*\*Bob\*\*/);
  });

  it('a deleted member leaves the member list and every cached group at once', async () => {
    const prompt = await w.run('member', 'delete', { member: 'Bob' });
    const { requests } = await w.countedPress(prompt, 'Delete member');
    expect(requests).toEqual([`GET /members/${bob.uuid}`, `DELETE /members/${bob.uuid}`]);
    const offered = await complete('member', 'bo');
    expect(offered.names.join()).not.toContain('Bob');
    expect(offered.requests).toEqual([]);
    const { reply, requests: next } = await w.counted('group', 'members view', { group: 'Band', private: true });
    expect(messageText(reply)).not.toContain('Bob');
    expect(next.filter((request) => LIST_READS.test(request))).toEqual([]);
  });

  it("another Discord user of the same system is never handed the writer's patched list: theirs is read again", async () => {
    const twin = { id: '240000000000000009', username: 'twin' };
    await connectToken(w.h.discord, twin, w.system.token);
    expect((await complete('member', 'alic', twin)).names.join()).toContain('Alicia'); // loads the twin's own list
    await w.run('member', 'edit', { member: 'Alicia', name: 'Alina' });
    const mine = await complete('member', 'ali');
    expect(mine.names.join()).toContain('Alina');
    expect(mine.requests).toEqual([]);
    const theirs = await complete('member', 'ali', twin);
    expect(theirs.names.join()).toContain('Alina');
    expect(theirs.requests).toEqual(['GET /systems/@me/members']);
  });
});
