import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../support/harness.js';
import { connectToken, EPHEMERAL, messageText } from '../../support/messages.js';

const OWNER = { id: '239000000000000001', username: 'owner' };
const GUILD = '339000000000000001';

describe('/autoproxy view and set (in-process)', () => {
  let h: Harness;
  let own: { id: string; token: string | null };
  let alice: { id: string };
  let shy: { id: string };
  let foreign: { id: string };

  const autoproxy = (subcommand: 'view' | 'set', options: Record<string, string> = {}, guildId: string | null = GUILD) =>
    h.discord.slashCommand({ name: 'autoproxy', subcommand, options, user: OWNER, guildId }).finalMessage();
  const paths = () => h.pluralkit.requests.map((request) => `${request.method} ${request.path}`);
  const writes = () => h.pluralkit.requests.filter((request) => request.method !== 'GET');
  const stored = async () => {
    const response = await fetch(`${h.pluralkit.url}/systems/@me/autoproxy?guild_id=${GUILD}`, { headers: { authorization: own.token!, 'user-agent': 'test' } });
    return (await response.json()) as { autoproxy_mode: string; autoproxy_member: string | null };
  };

  beforeAll(async () => {
    h = await startHarness();
    own = h.pluralkit.seedSystem({ name: 'Auto', accounts: [OWNER.id] });
    alice = h.pluralkit.seedMember(own.id, { name: 'Alice' });
    shy = h.pluralkit.seedMember(own.id, { name: 'Shy', autoproxy_enabled: false });
    const other = h.pluralkit.seedSystem({ name: 'Elsewhere' });
    foreign = h.pluralkit.seedMember(other.id, { name: 'Foreign' });
    await connectToken(h.discord, OWNER, own.token!);
  });

  beforeEach(() => h.pluralkit.clearRequests());

  afterAll(async () => {
    await h.stop();
  });

  it('view: the mode, explained, privately', async () => {
    const reply = await autoproxy('view');
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageText(reply)).toMatch(/Autoproxy is \*\*off\*\*: only messages with proxy tags are proxied/);
    expect(paths()).toContain(`GET /v2/systems/@me/autoproxy`);
    expect(h.pluralkit.requests.find((request) => request.path.endsWith('/autoproxy'))!.query).toEqual({ guild_id: GUILD });
  });

  it('set member: before → after, with the member by name', async () => {
    const reply = await autoproxy('set', { mode: 'member', member: 'alice' });
    const text = messageText(reply);
    expect(text).toContain('**Mode:** off → member');
    expect(text).toContain(`**Member:** *not set* → Alice (${alice.id})`);
    expect(writes().map((request) => request.body)).toEqual([{ autoproxy_mode: 'member', autoproxy_member: alice.id }]);
    expect(messageText(await autoproxy('view'))).toContain(`every message without proxy tags is proxied as Alice (\`${alice.id}\`)`);
  });

  it('set off after member: shows the real state, read back because PluralKit’s answer still names the member', async () => {
    const reply = await autoproxy('set', { mode: 'off' });
    const text = messageText(reply);
    expect(text).toContain('**Mode:** member → off');
    expect(text).toContain(`**Member:** Alice (${alice.id}) → *not set*`);
    expect(paths().slice(-2)).toEqual(['PATCH /v2/systems/@me/autoproxy', 'GET /v2/systems/@me/autoproxy']);
    expect(await stored()).toMatchObject({ autoproxy_mode: 'off', autoproxy_member: null });
  });

  it('latch may carry a member; a member with autoproxy turned off gets a warning', async () => {
    const reply = await autoproxy('set', { mode: 'latch', member: 'Shy' });
    expect(messageText(reply)).toContain('**Mode:** off → latch');
    expect(messageText(reply)).toMatch(/⚠️ Shy has autoproxy turned off for themselves/);
    expect(await stored()).toMatchObject({ autoproxy_mode: 'latch', autoproxy_member: shy.id });
  });

  it.each([
    [{ mode: 'member' }, /`mode: member` needs a `member`/],
    [{ mode: 'front', member: 'Alice' }, /`member` only goes with `mode: member` or `mode: latch`: `front` proxies as whoever is fronting/],
    [{ mode: 'off', member: 'Alice' }, /`off` proxies only messages with proxy tags/],
    [{ mode: 'sometimes' }, /`mode` must be one of/],
  ])('%o is refused before anything is sent', async (options, message) => {
    expect(messageText(await autoproxy('set', options))).toMatch(message);
    expect(writes()).toEqual([]);
  });

  it('a member of another system is refused without asking PluralKit; a 403 all the same is said plainly', async () => {
    const refused = messageText(await autoproxy('set', { mode: 'member', member: foreign.id }));
    expect(refused).toMatch(new RegExp(`No member called "${foreign.id}"`));
    expect(refused).toMatch(/autoproxy can only proxy as members of your own system/);
    expect(writes()).toEqual([]);
    h.pluralkit.injectFault({ method: 'PATCH', path: '/systems/@me/autoproxy', status: 403, body: { message: '403: Missing permissions to access this resource', code: 0 } });
    expect(messageText(await autoproxy('set', { mode: 'member', member: 'Alice' }))).toMatch(/That member is not part of your system/);
  });

  it('in a DM: a clear refusal, nothing sent', async () => {
    expect(messageText(await autoproxy('view', {}, null))).toMatch(/only works in a server/);
    expect(messageText(await autoproxy('set', { mode: 'front' }, null))).toMatch(/only works in a server/);
    expect(h.pluralkit.requests).toEqual([]);
  });
});
