import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../support/harness.js';
import { connectToken, EPHEMERAL, messageText } from '../../support/messages.js';

const OWNER = { id: '236000000000000001', username: 'owner' };

describe('/system privacy (in-process)', () => {
  let h: Harness;
  let own: { id: string; token: string | null };

  const privacy = (options: Record<string, string> = {}) => h.discord.slashCommand({ name: 'system', subcommand: 'privacy', options, user: OWNER, guildId: null }).finalMessage();
  const paths = () => h.pluralkit.requests.map((request) => `${request.method} ${request.path}`);
  const storedPrivacy = async () => {
    const response = await fetch(`${h.pluralkit.url}/systems/@me`, { headers: { authorization: own.token!, 'user-agent': 'test' } });
    return ((await response.json()) as { privacy: Record<string, string> }).privacy;
  };

  beforeAll(async () => {
    h = await startHarness();
    own = h.pluralkit.seedSystem({ name: 'Private Parts', accounts: [OWNER.id], privacy: { front_privacy: 'private' } });
    await connectToken(h.discord, OWNER, own.token!);
  });

  beforeEach(() => h.pluralkit.clearRequests());

  afterAll(async () => {
    await h.stop();
  });

  it('without options shows all nine subjects, privately, in one request', async () => {
    const reply = await privacy();
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    const fields = reply.embeds[0].fields as Array<{ name: string; value: string }>;
    expect(fields.map((field) => field.name)).toEqual(['Name', 'Avatar', 'Description', 'Banner', 'Pronouns', 'Member list', 'Group list', 'Current fronter(s)', 'Front/switch history']);
    expect(fields[7]!.value).toMatch(/^\*\*Private\*\*/);
    expect(fields[0]!.value).toMatch(/^\*\*Public\*\*/);
    expect(paths()).toEqual(['GET /v2/systems/@me']);
  });

  it('one subject: before → after, and what others stop seeing', async () => {
    const reply = await privacy({ subject: 'member_list', level: 'private' });
    const text = messageText(reply);
    expect(text).toContain('**Member list:** public → private');
    expect(text).toContain('Others no longer see your member list and member count');
    expect(h.pluralkit.requests.at(-1)!.body).toEqual({ privacy: { member_list_privacy: 'private' } });
    expect((await storedPrivacy()).member_list_privacy).toBe('private');
  });

  it('all: sends only the subjects that change, and lists each', async () => {
    const reply = await privacy({ subject: 'all', level: 'private' });
    const text = messageText(reply);
    expect(text).toContain('**Name:** public → private');
    expect(text).not.toContain('Member list:');
    expect(Object.keys((h.pluralkit.requests.at(-1)!.body as { privacy: object }).privacy)).toHaveLength(7);
    expect(Object.values(await storedPrivacy()).every((level) => level === 'private')).toBe(true);
  });

  it('a level that is already set sends no write; a level without a subject is refused before sending', async () => {
    expect(messageText(await privacy({ subject: 'all', level: 'private' }))).toMatch(/Nothing changed: they are all private already/);
    expect(paths()).toEqual(['GET /v2/systems/@me']);
    h.pluralkit.clearRequests();
    expect(messageText(await privacy({ level: 'public' }))).toMatch(/Choose a `subject` to make public: one of them, or `All of them`/);
    expect(h.pluralkit.requests).toEqual([]);
  });

  it('one subject without a level shows its current privacy', async () => {
    const reply = await privacy({ subject: 'front' });
    expect(reply.embeds[0].fields).toEqual([{ name: 'Current fronter(s)', value: expect.stringMatching(/^\*\*Private\*\*/), inline: true }]);
  });
});
