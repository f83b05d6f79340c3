import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EPHEMERAL, GUILD, messageText, startWorld, type World } from '../helpers.js';

describe('/member server', () => {
  let w: World;
  let alice: { id: string; uuid: string };
  const settings = async () => (await w.pk<Record<string, unknown>>(`/members/${alice.id}/guilds/${GUILD}`)).body;

  beforeAll(async () => {
    w = await startWorld();
    alice = w.h.pluralkit.seedMember(w.system.id, { name: 'Alice', keep_proxy: true });
    w.h.pluralkit.seedMember(w.system.id, { name: 'Newbie' });
    w.h.pluralkit.seedMemberGuildSettings(alice.id, GUILD, { display_name: 'Ali here' });
  });

  afterAll(() => w.stop());

  it('view shows display name, avatar and keep-proxy in this server, privately', async () => {
    const reply = await w.run('member', 'server view', { member: 'Alice' });
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    const text = messageText(reply);
    expect(text).toContain('Ali here');
    expect(text).toMatch(/Keep proxy\n\*not set: uses the member's setting \(on\)\*/);
  });

  it('a member never used in this server is told so, not "not found"', async () => {
    const reply = await w.run('member', 'server view', { member: 'Newbie' });
    expect(messageText(reply)).toMatch(/PluralKit has no settings for \*\*Newbie\*\* in this server yet: it creates them the first time \*\*Newbie\*\* is used here/);
    expect(messageText(await w.run('member', 'server edit', { member: 'Newbie', keep_proxy: false }))).toMatch(/no settings for \*\*Newbie\*\* in this server yet/);
  });

  it('in a DM it says it needs a server and sends nothing', async () => {
    await w.expectRefusal('member', 'server view', { member: 'Alice' }, /only works in a server/, 'none', { guildId: null });
  });

  it('edit sends one PATCH; clear asks first', async () => {
    await w.run('member', 'server view', { member: 'Alice' });
    const requests = await w.requestsDuring(async () => {
      const reply = await w.run('member', 'server edit', { member: 'Alice', avatar: 'https://cdn.example/s.png', keep_proxy: false });
      expect(messageText(reply)).toMatch(/✅ Saved the settings of \*\*Alice\*\*/);
    });
    expect(requests).toEqual([`PATCH /members/${alice.uuid}/guilds/${GUILD}`]);
    expect(await settings()).toMatchObject({ display_name: 'Ali here', avatar_url: 'https://cdn.example/s.png', keep_proxy: false });

    const prompt = await w.run('member', 'server edit', { member: 'Alice', clear: 'display_name' });
    expect(messageText(prompt)).toMatch(/⚠️ Clear \*\*Alice\*\* \(`[a-z]{6}`\)'s \*\*Server display name\*\*\? It is now: Ali here/);
    expect((await settings()).display_name).toBe('Ali here');
    await w.press(prompt, 'Clear');
    expect((await settings()).display_name).toBeNull();
  });

  it.each([
    [{ avatar: 'http://x.example/a.png' }, /`avatar` must be an `https:\/\/` link/],
    [{ avatar: `https://x.example/${'a'.repeat(250)}` }, /`avatar` is too long \(268\/256 characters\)/],
    [{ display_name: 'x'.repeat(101) }, /`display_name` is too long \(101\/100/],
    [{}, /Give at least one of/],
    [{ display_name: 'x', clear: 'display_name' }, /Give `display_name` a value or clear it, not both/],
  ])('refuses %o before sending anything', async (options, message) => {
    await w.run('member', 'list', { private: true });
    await w.expectRefusal('member', 'server edit', { member: 'Alice', ...options }, message, 'none');
  });
});
