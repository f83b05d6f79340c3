import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../support/harness.js';
import { buttonId, connectToken, EPHEMERAL, messageText } from '../../support/messages.js';

const OWNER = { id: '238000000000000001', username: 'owner' };
const GUILD = '338000000000000001';
const NEW_GUILD = '338000000000000002';

describe('/system server view and edit (in-process)', () => {
  let h: Harness;
  let own: { id: string; token: string | null };

  const server = (subcommand: 'view' | 'edit', options: Record<string, string | boolean> = {}, guildId: string | null = GUILD) =>
    h.discord.slashCommand({ name: 'system', subcommandGroup: 'server', subcommand, options, user: OWNER, guildId }).finalMessage();
  const paths = () => h.pluralkit.requests.map((request) => `${request.method} ${request.path}`);

  beforeAll(async () => {
    h = await startHarness();
    own = h.pluralkit.seedSystem({ name: 'Guilded', tag: '| g', accounts: [OWNER.id] });
    h.pluralkit.seedSystemGuildSettings(own.id, GUILD, { tag: '| here', display_name: 'Here Name' });
    await connectToken(h.discord, OWNER, own.token!);
  });

  beforeEach(() => h.pluralkit.clearRequests());

  afterAll(async () => {
    await h.stop();
  });

  it('view: every server setting, with what applies when one is not set', async () => {
    const reply = await server('view');
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    const text = messageText(reply);
    expect(text).toMatch(/Proxying\non/);
    expect(text).toMatch(/Server tag\n\\\| here/);
    expect(text).toMatch(/Server name\nHere Name/);
    expect(text).toMatch(/Server avatar\n\*not set: your system avatar is used\*/);
    expect(paths()).toEqual([`GET /v2/systems/@me/guilds/${GUILD}`]);
  });

  it('in a DM: a clear refusal, nothing sent', async () => {
    for (const subcommand of ['view', 'edit'] as const) {
      const reply = await server(subcommand, subcommand === 'edit' ? { proxying: false } : {}, null);
      expect(messageText(reply)).toMatch(/only works in a server/);
    }
    expect(h.pluralkit.requests).toEqual([]);
  });

  it('a server PluralKit has no row for yet: says PluralKit creates it on first use here', async () => {
    const view = await server('view', {}, NEW_GUILD);
    expect(messageText(view)).toMatch(/creates them the first time your system uses PluralKit here/);
    const edit = await server('edit', { tag: '| x' }, NEW_GUILD);
    expect(messageText(edit)).toMatch(/creates them the first time/);
    expect(paths()).toEqual([`GET /v2/systems/@me/guilds/${NEW_GUILD}`, `GET /v2/systems/@me/guilds/${NEW_GUILD}`]);
  });

  it('edit: before → after for each setting, in two requests', async () => {
    const reply = await server('edit', { proxying: false, tag_enabled: false, display_name: 'Elsewhere', avatar: 'https://cdn.example/here.png', name_format: '{name}' });
    const text = messageText(reply);
    expect(text).toContain('**Proxying:** on → off');
    expect(text).toContain('**Tag shown:** on → off');
    expect(text).toContain('**Server name:** Here Name → Elsewhere');
    expect(text).toContain('**Server avatar:** *not set* → https://cdn.example/here.png');
    expect(paths()).toEqual([`GET /v2/systems/@me/guilds/${GUILD}`, `PATCH /v2/systems/@me/guilds/${GUILD}`]);
    expect(h.pluralkit.requests[1]!.body).toEqual({ proxying_enabled: false, tag_enabled: false, display_name: 'Elsewhere', avatar_url: 'https://cdn.example/here.png', name_format: '{name}' });
  });

  it.each([
    [{ tag: 't'.repeat(80) }, /`tag` is too long \(80\/79 characters\)/],
    [{ avatar: 'http://cdn.example/a.png' }, /`avatar` must be an `https:\/\/` link/],
    [{}, /Give at least one of `proxying`, .* or `clear`\. `\/system server view` shows the current ones/],
  ])('%o is refused before anything is sent', async (options, message) => {
    expect(messageText(await server('edit', options))).toMatch(message);
    expect(h.pluralkit.requests).toEqual([]);
  });

  it('a name format without {name} is saved with a warning', async () => {
    expect(messageText(await server('edit', { name_format: '{tag}' }))).toMatch(/⚠️ The name format has no `\{name\}`/);
  });

  it('clear asks first, then the system-wide setting applies again', async () => {
    const prompt = await server('edit', { clear: 'tag' });
    expect(messageText(prompt)).toContain("⚠️ Clear your system's **Server tag**? It is now: \\| here");
    const done = await h.discord.button({ customId: buttonId(prompt, 'Clear'), user: OWNER, guildId: GUILD }).finalMessage();
    expect(messageText(done)).toContain('**Server tag:** \\| here → *not set*');
    expect(h.pluralkit.requests.at(-1)!.body).toEqual({ tag: null });
  });
});
