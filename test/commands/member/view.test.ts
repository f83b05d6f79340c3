import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EPHEMERAL, messageText, startWorld, STRANGER, type World } from '../helpers.js';

type Embed = { author: { name: string }; fields: Array<{ name: string; value: string }>; description?: string; color?: number; thumbnail?: { url: string }; image?: { url: string }; footer: { text: string } };
const fieldNames = (embed: Embed) => embed.fields.map((field) => field.name);

describe('/member view', () => {
  let w: World;
  let alice: { id: string; uuid: string };

  beforeAll(async () => {
    w = await startWorld();
    const pk = w.h.pluralkit;
    alice = pk.seedMember(w.system.id, {
      name: 'Alice',
      display_name: 'Ally',
      pronouns: 'she/her',
      birthday: '0004-07-04',
      color: 'ff0000',
      description: 'Likes tea.',
      avatar_url: 'https://cdn.example/a.png',
      banner: 'https://cdn.example/b.png',
      message_count: 3,
      proxy_tags: [{ prefix: 'a:', suffix: null }],
      privacy: { pronoun_privacy: 'private', proxy_privacy: 'private' },
    });
    pk.seedGroup(w.system.id, { name: 'Zeta', members: [alice.id] });
    pk.seedGroup(w.system.id, { name: 'alpha', members: [alice.id] });
    pk.seedGroup(w.system.id, { name: 'Secret', members: [alice.id], privacy: { visibility: 'private' } });
  });

  afterAll(() => w.stop());

  it("is public by default and shows PluralKit's public view, groups sorted by name, in three requests (member, groups, its system's name) plus one for last fronted", async () => {
    const { reply, requests } = await w.counted('member', 'view', { member: 'ally' });
    // The card itself: member + groups; "last fronted" reads one page of front history (cached).
    expect(requests.length).toBeLessThanOrEqual(4);
    expect(reply.flags & EPHEMERAL).toBe(0);
    expect(reply.allowed_mentions).toEqual({ parse: [] });
    const embed = reply.embeds[0] as Embed;
    // Named with its system, as PluralKit's card is: "Alice (Test System)".
    expect(embed.author.name).toBe('Alice (Test System)');
    expect(fieldNames(embed)).toEqual(['Display Name', 'Birthday', 'Last fronted', 'Message Count', 'Color', 'Groups (2)', 'Description']);
    expect(embed.fields.find((field) => field.name === 'Last fronted')!.value).toBe('Not in the last 30 days');
    expect(messageText(reply)).toContain('Jul 04');
    expect(messageText(reply)).not.toContain('she/her');
    expect(messageText(reply)).not.toContain('Secret');
    expect(embed.fields.find((field) => field.name === 'Groups (2)')!.value).toMatch(/alpha[\s\S]*Zeta/);
    expect(embed.color).toBe(0xff0000);
    expect(embed.thumbnail?.url).toBe('https://cdn.example/a.png');
    expect(embed.image?.url).toBe('https://cdn.example/b.png');
  });

  it('reads the card in three requests when the member list is warm, and front history only once for repeated views (then only its newest switch, to check it is still public)', async () => {
    const requests = await w.requestsDuring(() => w.run('member', 'view', { member: 'Alice' }));
    expect(requests.sort()).toEqual([`GET /members/${alice.uuid}`, `GET /members/${alice.uuid}/groups`, `GET /systems/${w.system.id}`, `GET /systems/${w.system.id}/switches`]);
  });

  it('private: True is the owner view, ephemeral, with proxy tags in code and hidden groups', async () => {
    const reply = await w.run('member', 'view', { member: alice.id.toUpperCase(), private: true });
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    const text = messageText(reply);
    expect(text).toContain('she/her');
    expect(text).toContain('`a:text`');
    expect(text).toContain('Groups (3)');
  });

  it("another system's member opens by ID in its public view; its private view is refused", async () => {
    const other = w.h.pluralkit.seedSystem({ name: 'Other', privacy: { group_list_privacy: 'private' } });
    const erin = w.h.pluralkit.seedMember(other.id, { name: 'Erin', pronouns: 'they/them', privacy: { visibility: 'private' } });
    const stranger = await w.run('member', 'view', { member: erin.id }, { user: STRANGER });
    expect(messageText(stranger)).toContain('Erin');
    expect(messageText(stranger)).toContain('they/them');
    // The group list is private: no Groups field rather than an error.
    expect(messageText(stranger)).not.toContain('Groups');
    const nosy = await w.run('member', 'view', { member: erin.id, private: true });
    expect(messageText(nosy)).toMatch(/only works for your own members/);
  });

  it('says a hidden member is hidden, as PluralKit does on its card', async () => {
    w.h.pluralkit.seedMember(w.system.id, { name: 'Quiet', privacy: { visibility: 'private' } });
    const reply = await w.run('member', 'view', { member: 'Quiet' });
    expect((reply.embeds[0] as Embed).description).toMatch(/This member is hidden/);
  });

  it('names never ping or format', async () => {
    w.h.pluralkit.seedMember(w.system.id, { name: '@everyone', display_name: '**bold** <@1>' });
    const reply = await w.run('member', 'view', { member: '@everyone' });
    expect(reply.allowed_mentions).toEqual({ parse: [] });
    expect((reply.embeds[0] as Embed).fields[0]!.value).toBe('\\*\\*bold\\*\\* \\<@1>');
  });

  it('an unknown name suggests close ones; a stranger without a token is asked for an ID', async () => {
    const typo = await w.run('member', 'view', { member: 'Alcie' });
    expect(typo.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageText(typo)).toMatch(/No member called "Alcie" in your system\. Did you mean Alice/);
    const stranger = await w.run('member', 'view', { member: 'Alice' }, { user: STRANGER });
    expect(messageText(stranger)).toMatch(/\/token set.*5–6 letter ID/);
    const gone = await w.run('member', 'view', { member: 'zzzzzz' }, { user: STRANGER });
    expect(messageText(gone)).toMatch(/No member anywhere has the ID `zzzzzz`/);
  });

  it('says when the member last fronted and for how long, or that they are fronting now', async () => {
    const pk = w.h.pluralkit;
    const bea = pk.seedMember(w.system.id, { name: 'Bea' });
    pk.seedSwitch(w.system.id, { timestamp: new Date(Date.now() - 5 * 3_600_000), members: [bea.id] });
    // Logged with our own command, which also drops the front history cached by earlier views.
    expect(messageText(await w.run('switch', 'new', { members: 'Alice', at: '2h' }))).toMatch(/Switch registered/);
    const lastOf = async (member: string) => {
      const reply = await w.run('member', 'view', { member, private: true });
      return (reply.embeds[0] as Embed).fields.find((field) => field.name === 'Last fronted')?.value;
    };
    expect(await lastOf('Bea')).toMatch(/^<t:\d+:f> \(<t:\d+:R>\), for 3h/);
    expect(await lastOf('Alice')).toMatch(/^Fronting now \(since <t:\d+:R>\)/);
  });

  it('leaves last fronted out when the front history is private to the viewer', async () => {
    const pk = w.h.pluralkit;
    const closed = pk.seedSystem({ name: 'Closed History', privacy: { front_history_privacy: 'private' } });
    const cara = pk.seedMember(closed.id, { name: 'Cara' });
    pk.seedSwitch(closed.id, { timestamp: new Date(Date.now() - 60_000), members: [cara.id] });
    const reply = await w.run('member', 'view', { member: cara.id }, { user: STRANGER });
    expect(messageText(reply)).toContain('Cara');
    expect(messageText(reply)).not.toContain('Last fronted');
  });
});
