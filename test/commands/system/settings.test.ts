import { DateTime } from 'luxon';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../support/harness.js';
import { buttonId, connectToken, EPHEMERAL, messageText } from '../../support/messages.js';

const OWNER = { id: '237000000000000001', username: 'owner' };
const FRIEND = { id: '237000000000000002', username: 'friend' };
const GUILD = '337000000000000001';
const DAY = 86_400_000;

describe('/system settings view and edit (in-process)', () => {
  let h: Harness;
  let own: { id: string; token: string | null };

  const settings = (subcommand: 'view' | 'edit', options: Record<string, string | boolean> = {}, user = OWNER) =>
    h.discord.slashCommand({ name: 'system', subcommandGroup: 'settings', subcommand, options, user, guildId: GUILD });
  const paths = () => h.pluralkit.requests.map((request) => `${request.method} ${request.path}`);
  const stored = async () => {
    const response = await fetch(`${h.pluralkit.url}/systems/@me/settings`, { headers: { authorization: own.token!, 'user-agent': 'test' } });
    return (await response.json()) as Record<string, unknown>;
  };

  beforeAll(async () => {
    h = await startHarness();
    own = h.pluralkit.seedSystem({
      name: 'Settled',
      accounts: [OWNER.id],
      created: new Date(Date.now() - 400 * DAY).toISOString(),
      settings: { timezone: 'UTC', pings_enabled: false, member_limit: 2000 },
    });
    h.pluralkit.seedMember(own.id, { name: 'Alice' });
    h.pluralkit.seedMember(own.id, { name: 'Bob' });
    await connectToken(h.discord, OWNER, own.token!);
  });

  beforeEach(() => h.pluralkit.clearRequests());

  afterAll(async () => {
    await h.stop();
  });

  it('view: every setting with its value, 🔷 on the changed ones, the option that changes it, and the ones only PluralKit can change', async () => {
    const reply = await settings('view').finalMessage();
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    const lines = (reply.embeds[0].description as string).split('\n');
    expect(lines).toHaveLength(17);
    expect(lines[0]).toMatch(/^\*\*Time zone:\*\* UTC \(\d\d:\d\d there now, UTC\+0\) — .* · `timezone`$/);
    expect(lines[1]).toMatch(/^🔷 \*\*Pings:\*\* off — .* · `pings`$/);
    expect(lines.find((line) => line.includes('Member limit'))).toMatch(/^🔷 \*\*Member limit:\*\* 2000 — .*only with PluralKit/);
    expect(lines.find((line) => line.includes('Show private info'))).toMatch(/only with PluralKit: pk;config show private/);
    expect(lines.find((line) => line.includes('Name format'))).toMatch(/^\*\*Name format:\*\* \{name\} \{tag\} — /);
    expect(paths()).toEqual(['GET /v2/systems/@me/settings']);
  });

  it("view with user: another system's public settings, read without a token", async () => {
    h.pluralkit.seedSystem({ name: 'Other', accounts: [FRIEND.id], settings: { timezone: 'Asia/Tokyo', latch_timeout: 0 } });
    const reply = await settings('view', { user: FRIEND.id }).finalMessage();
    const text = messageText(reply);
    expect(text).toMatch(/Public settings of Other \(`[a-z]{6}`\)/);
    expect(text).toContain('🔷 **Latch timeout:** never');
    expect(text).not.toContain('Time zone');
    expect(text).not.toContain('`pings`');
    expect(h.pluralkit.requests[0]!.headers.authorization).toBeUndefined();
  });

  it('edit: several settings at once, before → after, in two requests', async () => {
    const reply = await settings('edit', { pings: true, latch_timeout: '30m', proxy_switch: 'new', id_caps: true, show_color: true }).finalMessage();
    const text = messageText(reply);
    expect(text).toContain('**Pings:** off → on');
    expect(text).toContain('**Latch timeout:** default (6 h) → 30 min');
    expect(text).toContain('**Switch on proxy:** off → new');
    expect(text).toContain('**Capital IDs:** off → on');
    expect(text).toContain('**Colour on cards:** not reported by PluralKit → on');
    expect(paths()).toEqual(['GET /v2/systems/@me/settings', 'PATCH /v2/systems/@me/settings']);
    expect(h.pluralkit.requests[1]!.body).toEqual({ pings_enabled: true, latch_timeout: 1800, proxy_switch: 'new', hid_display_caps: true, card_show_color_hex: true });
    expect(await stored()).toMatchObject({ pings_enabled: true, latch_timeout: 1800, proxy_switch: 'new' });
  });

  it('latch_timeout takes never (0) and default (null)', async () => {
    expect(messageText(await settings('edit', { latch_timeout: 'never' }).finalMessage())).toContain('**Latch timeout:** 30 min → never');
    expect(messageText(await settings('edit', { latch_timeout: 'default' }).finalMessage())).toContain('**Latch timeout:** never → default (6 h)');
    expect((await stored()).latch_timeout).toBeNull();
  });

  it.each([
    [{ timezone: 'Mars/Olympus_Mons' }, /`timezone` is not a time zone PluralKit knows/],
    [{ timezone: 'berlin' }, /Did you mean `Europe\/Berlin`/],
    [{ latch_timeout: '-5m' }, /`latch_timeout` was not understood\. `-5m` is negative/],
    [{ latch_timeout: 'soonish' }, /`latch_timeout` was not understood\. I couldn't read `soonish`/],
    [{ name_format: 'n'.repeat(101) }, /`name_format` is too long/],
  ])('%o is refused before anything is sent', async (options, message) => {
    const reply = await settings('edit', options).finalMessage();
    expect(messageText(reply)).toMatch(message);
    expect(h.pluralkit.requests).toEqual([]);
  });

  it('a name format without {name} is saved, as PluralKit allows, with a warning', async () => {
    const text = messageText(await settings('edit', { name_format: '{tag} only' }).finalMessage());
    expect(text).toContain('**Name format:** {name} {tag} → {tag} only');
    expect(text).toMatch(/⚠️ The name format has no `\{name\}`/);
  });

  it('timezone autocompletes IANA zones with the local time', async () => {
    const choices = await h.discord
      .autocomplete({ name: 'system', subcommandGroup: 'settings', subcommand: 'edit', options: { timezone: 'tokyo' }, focused: 'timezone', user: OWNER, guildId: GUILD })
      .initialResponse();
    const first = (choices.data!.choices as Array<{ name: string; value: string }>)[0]!;
    expect(first.value).toBe('Asia/Tokyo');
    expect(first.name).toMatch(/^Asia\/Tokyo — \d\d:\d\d \(JST, UTC\+9\)$/);
  });

  it('a new time zone applies at once to /switch … at', async () => {
    const at = async (members: string): Promise<string> => {
      h.pluralkit.clearRequests();
      let reply = await h.discord.slashCommand({ name: 'switch', subcommand: 'new', options: { members, at: '14:30' }, user: OWNER, guildId: GUILD }).finalMessage();
      // 14:30 in the new zone may be earlier than the switch before it: that one asks first.
      if (/earlier than your latest switch/.test(messageText(reply))) {
        reply = await h.discord.button({ customId: buttonId(reply, 'Add to front history'), user: OWNER, guildId: GUILD }).finalMessage();
      }
      expect(messageText(reply)).toMatch(/Switch registered|Added to your front history/);
      return new Date((h.pluralkit.requests.find((request) => request.method === 'POST')!.body as { timestamp: string }).timestamp).toISOString();
    };
    const expected = (zone: string) => {
      const now = DateTime.now().setZone(zone);
      const today = now.set({ hour: 14, minute: 30, second: 0, millisecond: 0 });
      return (today > now ? today.minus({ days: 1 }) : today).toJSDate().toISOString();
    };
    expect(await at('Alice')).toBe(expected('UTC'));
    const changed = messageText(await settings('edit', { timezone: 'asia/tokyo' }).finalMessage());
    expect(changed).toContain('**Time zone:** UTC → Asia/Tokyo');
    expect(changed).toMatch(/now read in Asia\/Tokyo: \d\d:\d\d there now, UTC\+9/);
    expect(h.pluralkit.requests.at(-1)!.body).toEqual({ timezone: 'Asia/Tokyo' });
    expect(await at('Bob')).toBe(expected('Asia/Tokyo'));
  });

  it('with no option, a form edits the name format and the description templates', async () => {
    const opened = await settings('edit').initialResponse();
    expect(opened.type).toBe(9);
    expect(JSON.stringify(opened.data!.components)).toContain('"value":"{tag} only"');
    const reply = await h.discord
      .modalSubmit({ customId: opened.data!.custom_id as string, fields: { name_format: '', template_1: 'Likes: ', template_2: '', template_3: 'Age: ' }, user: OWNER, guildId: GUILD })
      .finalMessage();
    const text = messageText(reply);
    expect(text).toContain('**Name format:** {tag} only → {name} {tag}');
    expect(text).toContain('**Description template 1:** *not set* → Likes:');
    expect(text).toContain('**Description template 2:** *not set* → Age:');
    expect(h.pluralkit.requests.at(-1)!.body).toEqual({ name_format: null, description_templates: ['Likes:', 'Age:'] });
  });
});
