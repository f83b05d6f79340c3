import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../support/harness.js';
import { buttonId, connectToken, EPHEMERAL, messageText, settledAnswer } from '../../support/messages.js';

const OWNER = { id: '235000000000000001', username: 'owner' };
const GUILD = '335000000000000001';

describe('/system edit (in-process)', () => {
  let h: Harness;
  let own: { id: string; token: string | null };

  const edit = (options: Record<string, string> = {}) => h.discord.slashCommand({ name: 'system', subcommand: 'edit', options, user: OWNER, guildId: GUILD });
  const stored = async () => {
    const response = await fetch(`${h.pluralkit.url}/systems/@me`, { headers: { authorization: own.token!, 'user-agent': 'test' } });
    return (await response.json()) as Record<string, unknown>;
  };
  const paths = () => h.pluralkit.requests.map((request) => `${request.method} ${request.path}`);

  beforeAll(async () => {
    h = await startHarness();
    own = h.pluralkit.seedSystem({ name: 'Old Name', tag: '| old', pronouns: 'they/them', color: 'ff0000', description: 'Hello', avatar_url: 'https://cdn.example/old.png', accounts: [OWNER.id] });
    await connectToken(h.discord, OWNER, own.token!);
  });

  beforeEach(() => h.pluralkit.clearRequests());

  afterAll(async () => {
    await h.stop();
  });

  it('changes several fields at once and answers before → after, privately, in two requests', async () => {
    const reply = await edit({ name: 'New **Name**', color: '#00FF7F', pronouns: 'she/her' }).finalMessage();
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    const text = messageText(reply);
    expect(text).toContain('✅ Saved your system.');
    expect(text).toContain('**Name:** Old Name → New \\*\\*Name\\*\\*');
    expect(text).toContain('**Colour:** \\#ff0000 → \\#00ff7f');
    expect(text).toContain('**Pronouns:** they/them → she/her');
    expect(paths()).toEqual(['GET /v2/systems/@me', 'PATCH /v2/systems/@me']);
    expect(h.pluralkit.requests[1]!.body).toEqual({ name: 'New **Name**', color: '00ff7f', pronouns: 'she/her' });
    expect(await stored()).toMatchObject({ name: 'New **Name**', color: '00ff7f', pronouns: 'she/her' });
  });

  it.each([
    [{ name: 'n'.repeat(101) }, /`name` is too long \(101\/100 characters\)/],
    [{ color: 'orange' }, /`color` must be a hex colour/],
    [{ avatar: 'http://cdn.example/a.png' }, /`avatar` must be an `https:\/\/` link/],
    [{ banner: 'not a link' }, /`banner` must be a link starting with `https:\/\/`/],
    [{ tag: 't'.repeat(80) }, /`tag` is too long \(80\/79 characters\)/],
    [{ description: 'd'.repeat(1001) }, /`description` is too long \(1001\/1000 characters\)/],
    [{ avatar: 'https://cdn.example/a.png', clear: 'avatar' }, /Give `avatar` a value or clear it, not both\./],
  ])('%o is refused before anything is sent', async (options, message) => {
    const reply = await edit(options).finalMessage();
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageText(reply)).toMatch(message);
    expect(h.pluralkit.requests).toEqual([]);
  });

  it('clear asks first, names the current value, and clears only after Confirm', async () => {
    const prompt = await edit({ clear: 'avatar' }).finalMessage();
    expect(messageText(prompt)).toContain("⚠️ Clear your system's **Avatar**? It is now: https://cdn.example/old.png");
    expect(paths()).toEqual(['GET /v2/systems/@me']);
    const done = await h.discord.button({ customId: buttonId(prompt, 'Clear'), user: OWNER, guildId: GUILD }).finalMessage();
    expect(messageText(done)).toContain('**Avatar:** https://cdn.example/old.png → *not set*');
    expect(h.pluralkit.requests.at(-1)!.body).toEqual({ avatar_url: null });
    expect((await stored()).avatar_url).toBeNull();
  });

  it('with no option, a form opens prefilled; an emptied box clears its field', async () => {
    const opened = await edit().initialResponse();
    expect(opened.type).toBe(9);
    const modal = JSON.stringify(opened.data!.components);
    expect(modal).toContain('"value":"New **Name**"');
    expect(modal).toContain('"value":"#00ff7f"');
    const reply = await h.discord
      .modalSubmit({ customId: opened.data!.custom_id as string, fields: { name: 'Form Name', tag: '| old', pronouns: '', color: '#00ff7f', description: 'Hello' }, user: OWNER, guildId: GUILD })
      .finalMessage();
    const text = messageText(reply);
    expect(text).toContain('**Name:** New \\*\\*Name\\*\\* → Form Name');
    expect(text).toContain('**Pronouns:** she/her → *not set*');
    expect(h.pluralkit.requests.at(-1)!.body).toEqual({ name: 'Form Name', pronouns: null });
  });

  it('a write whose answer is lost is read back before the user hears anything', async () => {
    h.pluralkit.injectFault({ method: 'PATCH', path: '/systems/@me', status: 502, body: { message: 'bad gateway', code: 0 } });
    // The fault replaces the answer without applying it: the read-back finds nothing and says so
    // (once the change can no longer appear; the test moves the app's clock through the looks).
    const handle = edit({ tag: '| new' });
    const first = await h.clock.runUntil(handle.finalMessage());
    expect(paths()).toEqual(['GET /v2/systems/@me', 'PATCH /v2/systems/@me', 'GET /v2/systems/@me']);
    expect(messageText(first)).not.toMatch(/try again/);
    const refused = await h.clock.runUntil(settledAnswer(handle));
    expect(messageText(refused)).toMatch(/nothing was changed/);
    expect(paths().slice(3).every((path) => path === 'GET /v2/systems/@me')).toBe(true);
  });
});
