import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EPHEMERAL, messageText, OWNER, startWorld, STRANGER, type World } from '../helpers.js';

describe('/member list', () => {
  let w: World;

  beforeAll(async () => {
    w = await startWorld({ name: 'Listed' });
    const pk = w.h.pluralkit;
    pk.seedMember(w.system.id, { name: 'Alice', pronouns: 'she/her', proxy_tags: [{ prefix: 'a:', suffix: null }], birthday: '0004-03-01', message_count: 5, created: '2020-01-01T00:00:00Z' });
    pk.seedMember(w.system.id, { name: 'Bob', description: 'likes *tea*', birthday: '1990-01-15', message_count: 50, created: '2021-01-01T00:00:00Z' });
    pk.seedMember(w.system.id, { name: 'Carol', display_name: 'C.', privacy: { name_privacy: 'private' }, created: '2019-01-01T00:00:00Z' });
    pk.seedMember(w.system.id, { name: 'Dana', privacy: { visibility: 'private' } });
    for (let i = 0; i < 26; i++) pk.seedMember(w.system.id, { name: `Zed ${String(i).padStart(2, '0')}` });
  });

  afterAll(() => w.stop());

  it("is public by default: PluralKit's short layout, the public view, 25 a page with page buttons", async () => {
    const reply = await w.run('member', 'list');
    expect(reply.flags & EPHEMERAL).toBe(0);
    expect(reply.allowed_mentions).toEqual({ parse: [] });
    const text = messageText(reply);
    // A public reply names whose list it is, never "your system".
    expect(text).toContain(`Members of Listed (\`${w.system.id}\`)`);
    expect(text).not.toMatch(/your system/i);
    expect(text).toMatch(/\[`[a-z]{6}`\] \*\*Alice\*\* \(`a:text`\)/);
    // Name privacy shows the display name; hidden members are left out.
    expect(text).toContain('**C.**');
    expect(text).not.toContain('Carol');
    expect(text).not.toContain('Dana');
    expect(reply.embeds[0].description.split('\n')).toHaveLength(25);
    expect(reply.embeds[0].footer.text).toMatch(/Page 1\/2 · Sorted by name · 29 members · public view/);
    expect(JSON.stringify(reply.components)).toContain('Page 1/2');
  });

  it('pages with Next, only for the one who opened it', async () => {
    const first = await w.run('member', 'list');
    const second = await w.press(first, 'Next');
    expect(messageText(second)).toContain('Zed 25');
    expect(second.embeds[0].description.split('\n')).toHaveLength(4);
    const stranger = await w.press(second, 'Previous', STRANGER);
    expect(messageText(stranger)).toMatch(/Only <@240000000000000001> can page/);
  });

  it('private: True is the owner view, ephemeral, with hidden members marked', async () => {
    const reply = await w.run('member', 'list', { private: true, search: 'a' });
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    const text = messageText(reply);
    expect(text).toContain('Carol');
    expect(text).toMatch(/\*\*Dana\*\* \*\(hidden\)\*/);
  });

  it('search looks in name, display name, pronouns and description, ignoring case', async () => {
    expect(messageText(await w.run('member', 'list', { search: 'SHE/' }))).toMatch(/Alice[\s\S]*1 member/);
    const tea = messageText(await w.run('member', 'list', { search: 'tea' }));
    expect(tea).toContain('Bob');
    expect(tea).toMatch(/matching “tea”/);
    expect(messageText(await w.run('member', 'list', { search: 'nobody' }))).toMatch(/No members match/);
  });

  it.each([
    ['message_count', /Bob\*\* \(50 messages\)\n.*Alice\*\* \(5 messages\)/, 'message count'],
    ['birthday', /Bob\*\* \(birthday: Jan 15, 1990\)\n.*Alice\*\* \(birthday: Mar 01\)/, 'birthday'],
    ['created', /Carol\*\* \(created <t:1546300800:D>\)\n.*Alice\*\* \(created <t:1577836800:D>\)\n.*Bob/, 'creation date'],
  ])('sort %s orders the list and shows that datum', async (sort, order, label) => {
    const reply = await w.run('member', 'list', { sort, private: true });
    expect(reply.embeds[0].description).toMatch(order);
    expect(reply.embeds[0].footer.text).toContain(`Sorted by ${label}`);
  });

  it("another system's list is its public view; a private list is refused politely", async () => {
    const other = w.h.pluralkit.seedSystem({ name: 'Other', accounts: [STRANGER.id] });
    w.h.pluralkit.seedMember(other.id, { name: 'Erin' });
    const byUser = await w.run('member', 'list', { user: STRANGER.id });
    expect(messageText(byUser)).toContain('Erin');
    expect(byUser.flags & EPHEMERAL).toBe(0);

    const closed = w.h.pluralkit.seedSystem({ name: 'Closed', privacy: { member_list_privacy: 'private' } });
    const refused = await w.run('member', 'list', { system: closed.id }, { user: STRANGER });
    expect(refused.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageText(refused)).toMatch(new RegExp(`Closed \\(\`${closed.id}\`\\) keeps its member list private`));
    const nosy = await w.run('member', 'list', { system: other.id, private: true });
    expect(messageText(nosy)).toMatch(/only works for your own system/);
  });

  it('a private own list is refused publicly but shown with private: True', async () => {
    await fetch(`${w.h.pluralkit.url}/systems/@me`, {
      method: 'PATCH',
      headers: { authorization: w.system.token, 'user-agent': 'test', 'content-type': 'application/json' },
      body: JSON.stringify({ privacy: { member_list_privacy: 'private' } }),
    });
    expect(messageText(await w.run('member', 'list'))).toMatch(/Your member list is private.*private: True/);
    expect(messageText(await w.run('member', 'list', { private: true }))).toContain('Alice');
  });

  it('costs one request a page publicly (the first page one more, for the system\'s name), none for a warm private view', async () => {
    expect((await w.requestsDuring(() => w.run('member', 'list', { system: w.system.id }, { user: STRANGER }))).sort()).toEqual([`GET /systems/${w.system.id}`, `GET /systems/${w.system.id}/members`]);
    await w.run('member', 'list', { private: true });
    expect(await w.requestsDuring(() => w.run('member', 'list', { private: true }))).toEqual([]);
    expect(OWNER.id).toBeDefined();
  });
});
