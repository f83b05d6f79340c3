import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EPHEMERAL, messageText, OWNER, startWorld, STRANGER, type World } from './helpers.js';

/*
 * Issue 20, items 3-5: a public reply says whose data it shows (never "your system"), anyone can
 * see their own public data without a token, and any read can be answered "only to me" with the
 * view the caller may see. The owner's system keeps its member list private; STRANGER is a friend
 * with a system of their own who never connected a token; NOBODY has no system at all.
 */

const NOBODY = { id: '240000000000000009', username: 'nobody' };
const NAMELESS_USER = { id: '240000000000000008', username: 'nameless' };
const HOUR = 3_600_000;

describe('public replies name whose data they show', () => {
  let w: World;
  let friend: { id: string };
  let nameless: { id: string };
  let erin: { id: string };

  beforeAll(async () => {
    w = await startWorld({ name: 'The Willow Grove 🌿' });
    const pk = w.h.pluralkit;
    const alice = pk.seedMember(w.system.id, { name: 'Alice' });
    pk.seedSwitch(w.system.id, { timestamp: new Date(Date.now() - 2 * HOUR), members: [alice.id] });
    await fetch(`${pk.url}/systems/@me`, {
      method: 'PATCH',
      headers: { authorization: w.system.token, 'user-agent': 'test', 'content-type': 'application/json' },
      body: JSON.stringify({ privacy: { member_list_privacy: 'private' } }),
    });
    friend = pk.seedSystem({ name: 'Friendly Folks', accounts: [STRANGER.id] });
    erin = pk.seedMember(friend.id, { name: 'Erin' });
    pk.seedSwitch(friend.id, { timestamp: new Date(Date.now() - HOUR), members: [erin.id] });
    nameless = pk.seedSystem({ name: 'Hidden Name', accounts: [NAMELESS_USER.id], privacy: { name_privacy: 'private' } });
  });

  afterAll(() => w.stop());

  const ownName = () => `The Willow Grove 🌿 (\`${w.system.id}\`)`;

  it.each([
    ['fronters', '', 'Fronters of'],
    ['switch', 'history', 'Front history of'],
    ['group', 'list', 'Groups of'],
  ])('/%s %s in public names the system, never "your system"', async (command, path, heading) => {
    const reply = await w.run(command, path);
    expect(reply.flags & EPHEMERAL).toBe(0);
    expect(messageText(reply)).toContain(`${heading} ${ownName()}`);
    expect(messageText(reply)).not.toMatch(/your system/i);
  });

  it('/stats front in public names the system and its members though the member list is private', async () => {
    const reply = await w.run('stats', 'front', { system: w.system.id }, { user: STRANGER });
    expect(reply.flags & EPHEMERAL).toBe(0);
    expect(messageText(reply)).toContain(`Front share of ${ownName()}`);
    expect(messageText(reply)).toContain('Alice');
    expect(messageText(reply)).not.toMatch(/your system|unknown member/i);
  });

  it('a member card names its system, as PluralKit does: "Erin (Friendly Folks)"', async () => {
    const reply = await w.run('member', 'view', { member: erin.id });
    expect(reply.embeds[0].author.name).toBe('Erin (Friendly Folks)');
  });

  it('a system whose name is private is named by the account it was looked up by, with its ID', async () => {
    const reply = await w.run('fronters', '', { user: NAMELESS_USER.id });
    expect(messageText(reply)).toContain(`Fronters of <@${NAMELESS_USER.id}>'s system (\`${nameless.id}\`)`);
    expect(messageText(reply)).not.toContain('Hidden Name');
    const byId = await w.run('fronters', '', { system: nameless.id });
    expect(messageText(byId)).toContain(`Fronters of system \`${nameless.id}\``);
  });

  it('a private list is refused to a friend by the system’s name', async () => {
    const reply = await w.run('member', 'list', { system: w.system.id }, { user: STRANGER });
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageText(reply)).toContain(`${ownName()} keeps its member list private`);
  });

  describe('without a token', () => {
    it('/fronters with no options shows your own system’s public front, found by your Discord account', async () => {
      const reply = await w.run('fronters', '', {}, { user: STRANGER });
      expect(reply.flags & EPHEMERAL).toBe(0);
      expect(messageText(reply)).toContain(`Fronters of Friendly Folks (\`${friend.id}\`)`);
      expect(messageText(reply)).toContain('Erin');
      expect(messageText(reply)).not.toMatch(/token set/);
      // Public reads only: no token was ever sent for this user.
      const friendReads = w.h.pluralkit.requests.filter((request) => request.path.includes(STRANGER.id));
      expect(friendReads.length).toBeGreaterThan(0);
      expect(friendReads.filter((request) => request.headers.authorization)).toEqual([]);
    });

    it('/member list and /switch history work on your own public data too', async () => {
      expect(messageText(await w.run('member', 'list', {}, { user: STRANGER }))).toContain(`Members of Friendly Folks (\`${friend.id}\`)`);
      expect(messageText(await w.run('switch', 'history', {}, { user: STRANGER }))).toMatch(/Front history of Friendly Folks[\s\S]*Erin/);
    });

    it('private: True asks for a token and says how to see your public data only to you', async () => {
      const reply = await w.run('fronters', '', { private: true }, { user: STRANGER });
      expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(messageText(reply)).toMatch(/run `\/token set` first.*`only_me: True`/);
    });

    it('someone with no system is told how to connect one, privately, in one request', async () => {
      const { reply, requests } = await w.counted('fronters', '', {}, { user: NOBODY });
      expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(messageText(reply)).toMatch(/PluralKit has no system linked to your Discord account.*`\/token set`/);
      expect(requests).toEqual([`GET /systems/${NOBODY.id}`]);
    });

    it('/help promises it', async () => {
      expect(messageText(await w.run('help', ''))).toMatch(/Without a token, commands still show public data of any system, your own too/);
    });
  });

  describe('only_me', () => {
    it('answers a friend’s front quietly: ephemeral, the public view', async () => {
      const reply = await w.run('fronters', '', { system: w.system.id, only_me: true }, { user: STRANGER });
      expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(messageText(reply)).toContain(`Fronters of ${ownName()}`);
      expect(messageText(reply)).toContain('Alice');
    });

    it('shows no more than the public view: a private list stays refused', async () => {
      const reply = await w.run('member', 'list', { system: w.system.id, only_me: true }, { user: STRANGER });
      expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(messageText(reply)).toMatch(/keeps its member list private/);
      expect(messageText(reply)).not.toContain('Alice');
    });

    it('works on cards, stats and without a token', async () => {
      const card = await w.run('member', 'view', { member: erin.id, only_me: true });
      expect(card.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(card.embeds[0].author.name).toBe('Erin (Friendly Folks)');
      const stats = await w.run('stats', 'front', { only_me: true }, { user: STRANGER });
      expect(stats.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(messageText(stats)).toContain('Erin');
    });

    it('a per-user default from /preferences, kept in the store; only_me: False still posts publicly', async () => {
      const shown = await w.run('preferences', '', {}, { user: STRANGER });
      expect(shown.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(messageText(shown)).toMatch(/Replies to your reads:\*\* public/);
      const saved = await w.run('preferences', '', { replies: 'only-me' }, { user: STRANGER });
      expect(messageText(saved)).toMatch(/^✅ Saved\.\n\*\*Replies to your reads:\*\* only you see them/);
      expect(await w.h.app.services.stores.preferences.get(STRANGER.id)).toEqual({ replies: 'only-me' });

      expect((await w.run('fronters', '', {}, { user: STRANGER })).flags & EPHEMERAL).toBe(EPHEMERAL);
      expect((await w.run('member', 'view', { member: erin.id }, { user: STRANGER })).flags & EPHEMERAL).toBe(EPHEMERAL);
      expect((await w.run('fronters', '', { only_me: false }, { user: STRANGER })).flags & EPHEMERAL).toBe(0);
      // Someone else's default is their own.
      expect((await w.run('fronters', '')).flags & EPHEMERAL).toBe(0);

      await w.run('preferences', '', { replies: 'public' }, { user: STRANGER });
      expect((await w.run('fronters', '', {}, { user: STRANGER })).flags & EPHEMERAL).toBe(0);
    });

    it('the owner’s own public view only to the owner hides what the public does not see', async () => {
      const reply = await w.run('member', 'list', { only_me: true });
      expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(messageText(reply)).toMatch(/Your member list is private/);
      expect(OWNER.id).toBeDefined();
    });
  });
});
