import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SystemSchema } from '../../../src/pluralkit/models.js';
import { renderSystemCardMessage } from '../../../src/render/system.js';
import { startHarness, type Harness } from '../../support/harness.js';
import { connectToken, EPHEMERAL, messageText } from '../../support/messages.js';

const OWNER = { id: '234000000000000001', username: 'owner' };
const FRIEND = { id: '234000000000000002', username: 'friend' };
const GUILD = '334000000000000001';
const HOUR = 3600_000;

describe('/system view (in-process)', () => {
  let h: Harness;
  let own: { id: string; token: string | null };

  const view = (options: Record<string, string | boolean> = {}, user = OWNER) =>
    h.discord.slashCommand({ name: 'system', subcommand: 'view', options, user, guildId: GUILD }).finalMessage();
  const publicGet = async (path: string) => {
    const response = await fetch(`${h.pluralkit.url}${path}`, { headers: { 'user-agent': 'test' } });
    return { status: response.status, json: (await response.json()) as unknown };
  };

  beforeAll(async () => {
    h = await startHarness();
    own = h.pluralkit.seedSystem({
      name: 'The Crew',
      description: 'We are *many*.',
      tag: '| crew',
      pronouns: 'they/them',
      color: '00ff7f',
      avatar_url: 'https://cdn.example/crew.png',
      banner: 'https://cdn.example/crew-banner.png',
      created: '2019-05-06T07:08:09Z',
      accounts: [OWNER.id],
      privacy: { description_privacy: 'private', front_history_privacy: 'private' },
    });
    const alice = h.pluralkit.seedMember(own.id, { name: 'Alice' });
    h.pluralkit.seedMember(own.id, { name: 'Bob' });
    h.pluralkit.seedMember(own.id, { name: 'Hidden', privacy: { visibility: 'private' } });
    h.pluralkit.seedGroup(own.id, { name: 'Core' });
    h.pluralkit.seedSwitch(own.id, { timestamp: new Date(Date.now() - HOUR), members: [alice.id] });
    await connectToken(h.discord, OWNER, own.token!);
  });

  beforeEach(() => h.pluralkit.clearRequests());

  afterAll(async () => {
    await h.stop();
  });

  it('replies publicly with exactly what PluralKit shows everyone, read without a token', async () => {
    const reply = await view();
    expect(reply.flags & EPHEMERAL).toBe(0);
    expect(h.pluralkit.requests.every((request) => request.headers.authorization === undefined)).toBe(true);
    // The same card, built from PluralKit's public answers.
    const system = SystemSchema.parse((await publicGet(`/systems/${own.id}`)).json);
    const members = (await publicGet(`/systems/${own.id}/members`)).json as unknown[];
    const groups = (await publicGet(`/systems/${own.id}/groups`)).json as unknown[];
    const expected = renderSystemCardMessage(system, { memberCount: { total: members.length }, groupCount: { total: groups.length }, fronters: [{ name: 'Alice' } as never] });
    expect(reply.embeds).toEqual(expected.embeds);
    const text = messageText(reply);
    expect(text).not.toContain('many');
    expect(text).toMatch(/Members\n2\b/);
    expect(text).toMatch(/Created\n<t:1557126489:D> \(<t:1557126489:R>\)/);
    expect(reply.components[0].components[0]).toMatchObject({ style: 5, label: 'View on dashboard', url: `https://dash.pluralkit.me/profile/s/${own.id}` });
  });

  it('private: True shows the owner everything, only to them, with hidden counts and what is private', async () => {
    const reply = await view({ private: true });
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    const text = messageText(reply);
    expect(text).toContain('We are *many*.');
    expect(text).toMatch(/Members\n3 \(1 hidden from others\)/);
    expect(text).toMatch(/Private: Description, Front\/switch history\./);
  });

  it('looks up other systems by user and by ID; a private member list shows no count', async () => {
    const other = h.pluralkit.seedSystem({ name: 'Friends', accounts: [FRIEND.id], privacy: { member_list_privacy: 'private' } });
    h.pluralkit.seedMember(other.id, { name: 'Dana' });
    const byUser = await view({ user: FRIEND.id });
    expect(messageText(byUser)).toContain('Friends');
    expect(messageText(byUser)).not.toContain('Members');
    const byId = await view({ system: other.id.toUpperCase() }, FRIEND);
    expect(byId.embeds[0].title).toBe('Friends');
    const nosy = await view({ system: other.id, private: true });
    expect(messageText(nosy)).toMatch(/only works for your own system/);
  });
});
