import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectToken } from '../../support/messages.js';
import { messageText, startWorld, type World } from '../helpers.js';

const FULL = { id: '240000000000000019', username: 'full' };

describe('/group refuses bad input with a specific message', () => {
  let w: World;
  let other: { id: string };

  beforeAll(async () => {
    w = await startWorld();
    w.h.pluralkit.seedGroup(w.system.id, { name: 'Band' });
    w.h.pluralkit.seedMember(w.system.id, { name: 'Alice' });
    const otherSystem = w.h.pluralkit.seedSystem({ name: 'Other' });
    other = w.h.pluralkit.seedGroup(otherSystem.id, { name: 'Theirs' });
    const full = w.h.pluralkit.seedSystem({ name: 'Full', accounts: [FULL.id], settings: { group_limit: 1 } });
    w.h.pluralkit.seedGroup(full.id, { name: 'Only' });
    await connectToken(w.h.discord, FULL, full.token!);
  });

  afterAll(() => w.stop());

  const table: Array<[string, string, Record<string, string | boolean>, RegExp, 'none' | 'no writes']> = [
    ['name over 100', 'create', { name: 'x'.repeat(101) }, /`name` is too long \(101\/100 characters\)\./, 'none'],
    ['description over 1000', 'edit', { group: 'Band', description: 'x'.repeat(1001) }, /`description` is too long \(1001\/1000 characters\)\./, 'none'],
    ['colour not hex', 'edit', { group: 'Band', color: 'blue' }, /`color` must be a hex colour/, 'none'],
    ['http icon', 'create', { name: 'N', icon: 'http://cdn.example/i.png' }, /`icon` must be an `https:\/\/` link/, 'none'],
    ['icon over 256', 'edit', { group: 'Band', icon: `https://cdn.example/${'a'.repeat(300)}` }, /`icon` is too long \(320\/256 characters\)\./, 'none'],
    ['http banner', 'edit', { group: 'Band', banner: 'http://cdn.example/b.png' }, /`banner` must be an `https:\/\/` link/, 'none'],
    ['a member privacy subject', 'privacy', { group: 'Band', subject: 'birthday', level: 'private' }, /`subject` must be one of `visibility`, `name`/, 'none'],
    ['unknown group', 'edit', { group: 'Bnad', color: 'ffffff' }, /No group called "Bnad" in your system\. Did you mean Band/, 'no writes'],
    ['unknown member to add', 'members add', { group: 'Band', members: 'Alice, Alcie' }, /No member called "Alcie" in your system\. Did you mean Alice/, 'no writes'],
  ];

  it.each(table)('%s', async (_case, path, options, message, allowed) => {
    await w.run('group', 'list', { private: true });
    await w.run('member', 'list', { private: true });
    await w.expectRefusal('group', path, options, message, allowed);
  });

  it("another system's group ID: refused before PluralKit's 30007, with the reason", async () => {
    await w.expectRefusal('group', 'delete', { group: other.id }, /another system's group: you can only change your own groups/, 'no writes');
  });

  it('the group limit (40008) is explained with the limit, and nothing is created', async () => {
    const reply = await w.run('group', 'create', { name: 'Second' }, { user: FULL });
    expect(messageText(reply)).toMatch(/Your system has reached its limit of 1 group on PluralKit, so no group was created/);
  });
});
