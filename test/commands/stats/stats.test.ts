import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../support/harness.js';
import { buttonId, connectToken, EPHEMERAL, messageText, settledAnswer } from '../../support/messages.js';

const OWNER = { id: '234000000000000001', username: 'owner' };
const STRANGER = { id: '234000000000000002', username: 'stranger' };
const GUILD = '334000000000000001';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('/stats front and timeline (in-process)', () => {
  let h: Harness;
  let own: { id: string; token: string | null };
  let alice: { id: string }, bob: { id: string }, secret: { id: string }, dee: { id: string };

  const stats = (subcommand: string, options: Record<string, string | boolean> = {}, user = OWNER, guildId: string | null = GUILD) =>
    h.discord.slashCommand({ name: 'stats', subcommand, options, user, guildId });
  const uploadOf = (handle: { token: string }) => h.discord.requests.find((r) => r.uploads.length > 0 && r.path.includes(handle.token))?.uploads[0];

  beforeAll(async () => {
    h = await startHarness();
    own = h.pluralkit.seedSystem({ name: 'Stats System', accounts: [OWNER.id], settings: { timezone: 'America/New_York' }, created: new Date(Date.now() - 400 * DAY).toISOString() });
    alice = h.pluralkit.seedMember(own.id, { name: 'Alice', color: 'ff0000' });
    bob = h.pluralkit.seedMember(own.id, { name: 'Bob 🌈' });
    secret = h.pluralkit.seedMember(own.id, { name: 'Secret Sam', privacy: { visibility: 'private' } });
    dee = h.pluralkit.seedMember(own.id, { name: 'Delphine', display_name: 'Dee' });
    const start = Date.now() - 10 * DAY;
    h.pluralkit.seedSwitch(own.id, { timestamp: new Date(start - DAY), members: [dee.id] });
    h.pluralkit.seedSwitch(own.id, { timestamp: new Date(start), members: [alice.id] });
    h.pluralkit.seedSwitch(own.id, { timestamp: new Date(start + 4 * DAY), members: [bob.id, secret.id] });
    h.pluralkit.seedSwitch(own.id, { timestamp: new Date(start + 6 * DAY), members: [] });
    h.pluralkit.seedSwitch(own.id, { timestamp: new Date(start + 7 * DAY), members: [alice.id] });
    await connectToken(h.discord, OWNER, own.token!);
  });

  afterAll(async () => {
    await h.stop();
  });

  it('front: a public chart and a table of every member, named as PluralKit’s public view names them (hidden ones too)', async () => {
    const handle = stats('front');
    const reply = await settledAnswer(handle);
    expect(reply.flags & EPHEMERAL).toBe(0);
    const text = messageText(reply);
    expect(text).toMatch(/Front share of Stats System/);
    expect(text).toMatch(/\*\*Alice\*\* — \d+(\.\d)?% \(/);
    expect(text).toMatch(/Bob 🌈/);
    // Hidden from lists, but PluralKit's fronters and front history name it: so do public stats.
    expect(text).toMatch(/\*\*Secret Sam\*\*/);
    expect(text).not.toMatch(/unknown member/);
    expect(text).toMatch(/\(no fronter\)/);
    expect(text).toMatch(/Since .* ago/);
    expect(reply.embeds[0].image.url).toBe('attachment://front.png');
    const upload = uploadOf(handle);
    expect(upload?.name).toBe('front.png');
    expect(upload!.bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    const attachment = (reply.attachments as Array<{ description?: string }> | undefined)?.[0];
    if (attachment?.description) expect(attachment.description).toMatch(/Alice/);
  });

  it('front private: True: the owner view, only to the owner, names hidden members', async () => {
    const reply = await settledAnswer(stats('front', { private: true, flat: true }));
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    const text = messageText(reply);
    expect(text).toMatch(/Secret Sam/);
    expect(text).toMatch(/Showing flat list/);
  });

  it('fronters_only leaves out switch-out time; a group filter counts only its members', async () => {
    const group = h.pluralkit.seedGroup(own.id, { name: 'Crew', members: [bob.id] });
    const reply = await settledAnswer(stats('front', { fronters_only: true, group: group.id }));
    const text = messageText(reply);
    expect(text).toMatch(/Front share of Crew/);
    expect(text).not.toMatch(/\*\*Alice\*\*/);
    expect(text).toMatch(/Ignoring switch-outs/);
  });

  it('timeline: a PNG with the system’s lanes', async () => {
    const handle = stats('timeline', { range: '7d' });
    const reply = await settledAnswer(handle);
    expect(reply.flags & EPHEMERAL).toBe(0);
    expect(reply.embeds[0].image.url).toBe('attachment://timeline.png');
    expect(messageText(reply)).toMatch(/Front timeline of Stats System/);
  });

  it('another system: public history by ID; a private one is refused privately', async () => {
    const other = h.pluralkit.seedSystem({ name: 'Other' });
    const dana = h.pluralkit.seedMember(other.id, { name: 'Dana' });
    h.pluralkit.seedSwitch(other.id, { timestamp: new Date(Date.now() - DAY), members: [dana.id] });
    const reply = await settledAnswer(stats('front', { system: other.id }, STRANGER, null));
    expect(messageText(reply)).toMatch(/Dana/);
    const hidden = h.pluralkit.seedSystem({ name: 'Hidden', privacy: { front_history_privacy: 'private' } });
    const refused = await settledAnswer(stats('front', { system: hidden.id }, STRANGER));
    expect(refused.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageText(refused)).toMatch(/keeps its front history private/);
  });

  describe('privacy takes effect at once', () => {
    const memberCard = (memberId: string) => h.discord.slashCommand({ name: 'member', subcommand: 'view', options: { member: memberId }, user: STRANGER, guildId: GUILD }).finalMessage();
    const asPluralKitDashboard = async (path: string, body: unknown) => {
      const response = await fetch(`${h.pluralkit.url}${path}`, { method: 'PATCH', headers: { Authorization: own.token!, 'User-Agent': 'dashboard', 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      expect(response.status).toBe(200);
    };
    // The card first: each must see the change by itself, not because another read before it did.
    const seenByStranger = async () => {
      const card = messageText(await memberCard(alice.id));
      const front = messageText(await settledAnswer(stats('front', { system: own.id }, STRANGER)));
      const timeline = messageText(await settledAnswer(stats('timeline', { system: own.id }, STRANGER)));
      return { front, timeline, card };
    };

    it('a front history made private through the bot is refused to others by the next /stats and member card', async () => {
      const before = await seenByStranger();
      expect(before.front).toMatch(/\*\*Alice\*\*/);
      expect(before.timeline).toMatch(/Front timeline of Stats System/);
      expect(before.card).toMatch(/Last fronted/);
      await h.discord.slashCommand({ name: 'system', subcommand: 'privacy', options: { subject: 'front_history', level: 'private' }, user: OWNER, guildId: GUILD }).finalMessage();
      try {
        const after = await seenByStranger();
        expect(after.front).toMatch(/keeps its front history private/);
        expect(after.timeline).toMatch(/keeps its front history private/);
        expect(after.card).toMatch(/Alice/);
        expect(after.card).not.toMatch(/Last fronted/);
      } finally {
        await h.discord.slashCommand({ name: 'system', subcommand: 'privacy', options: { subject: 'front_history', level: 'public' }, user: OWNER, guildId: GUILD }).finalMessage();
      }
    });

    it('a front history made private in PluralKit itself (the dashboard) is refused by the next /stats and member card too', async () => {
      expect((await seenByStranger()).front).toMatch(/\*\*Alice\*\*/);
      await asPluralKitDashboard('/systems/@me', { privacy: { front_history_privacy: 'private' } });
      try {
        const after = await seenByStranger();
        expect(after.front).toMatch(/keeps its front history private/);
        expect(after.timeline).toMatch(/keeps its front history private/);
        expect(after.card).not.toMatch(/Last fronted/);
      } finally {
        await asPluralKitDashboard('/systems/@me', { privacy: { front_history_privacy: 'public' } });
      }
    });

    it('a member name made private in PluralKit shows as PluralKit then shows it, in the chart’s alt text and the table', async () => {
      expect((await seenByStranger()).front).toMatch(/\*\*Delphine\*\*/);
      await settledAnswer(stats('front', { private: true })); // the owner's list is now held
      await asPluralKitDashboard(`/members/${dee.id}`, { privacy: { name_privacy: 'private' } });
      try {
        const reply = await settledAnswer(stats('front', { system: own.id }, STRANGER));
        const text = messageText(reply);
        expect(text).toMatch(/\*\*Dee\*\*/);
        expect(text).not.toMatch(/Delphine/);
        const alt = (reply.attachments as Array<{ description?: string }>)[0]!.description!;
        expect(alt).toMatch(/Dee/);
        expect(alt).not.toMatch(/Delphine/);
        // The owner posting publicly: PluralKit's public view too, not the owner's list held since before the change.
        const ownPublic = messageText(await settledAnswer(stats('front')));
        expect(ownPublic).toMatch(/\*\*Dee\*\*/);
        expect(ownPublic).not.toMatch(/Delphine/);
        // The owner's own view still names the member.
        expect(messageText(await settledAnswer(stats('front', { private: true })))).toMatch(/\*\*Delphine\*\*/);
      } finally {
        await asPluralKitDashboard(`/members/${dee.id}`, { privacy: { name_privacy: 'public' } });
      }
    });
  });

  it('the owner’s view names a member created in PluralKit after the owner’s list was read', async () => {
    await settledAnswer(stats('front', { private: true })); // the owner's list is now held
    const newcomer = h.pluralkit.seedMember(own.id, { name: 'Newcomer' });
    h.pluralkit.seedSwitch(own.id, { timestamp: new Date(Date.now() - HOUR), members: [newcomer.id] });
    h.app.services.frontHistory.invalidate(own.id); // as if the switch came through the bot
    const text = messageText(await settledAnswer(stats('front', { private: true })));
    expect(text).toMatch(/\*\*Newcomer\*\*/);
    expect(text).not.toMatch(/deleted member|unknown member/);
  });

  describe('a system whose member list is private', () => {
    let closed: { id: string; token: string | null };
    let ann: { id: string }, ben: { id: string }, cat: { id: string };

    beforeAll(() => {
      closed = h.pluralkit.seedSystem({ name: 'Closed List', privacy: { member_list_privacy: 'private' } });
      ann = h.pluralkit.seedMember(closed.id, { name: 'Ann' });
      ben = h.pluralkit.seedMember(closed.id, { name: 'Benedict', display_name: 'Ben', privacy: { visibility: 'private', name_privacy: 'private' } });
      cat = h.pluralkit.seedMember(closed.id, { name: 'Cat' });
      const start = Date.now() - 3 * DAY;
      h.pluralkit.seedSwitch(closed.id, { timestamp: new Date(start), members: [ann.id] });
      h.pluralkit.seedSwitch(closed.id, { timestamp: new Date(start + DAY), members: [ben.id, ann.id] });
      h.pluralkit.seedSwitch(closed.id, { timestamp: new Date(start + 2 * DAY), members: [cat.id] });
    });

    it('is named in others’ /stats front by looking members up by ID, a hidden member under its public name', async () => {
      const text = messageText(await settledAnswer(stats('front', { system: closed.id }, STRANGER)));
      expect(text).toMatch(/\*\*Ann\*\* — /);
      expect(text).toMatch(/\*\*Ben\*\* — /);
      expect(text).toMatch(/\*\*Cat\*\* — /);
      expect(text).not.toMatch(/Benedict|unknown member/);
      expect(text).toMatch(/Co-fronting counts in full for each member/);
    });

    it('calls a member PluralKit no longer has a deleted member', async () => {
      h.pluralkit.injectFault({ path: `/members/${cat.id}`, status: 404, body: { message: 'Member not found.', code: 20002 } });
      const text = messageText(await settledAnswer(stats('front', { system: closed.id }, STRANGER)));
      expect(text).toMatch(new RegExp(`\\*deleted member\\* \\(\`${cat.id}\`\\)`));
      h.pluralkit.clearFaults();
    });

    it('says PluralKit is unreachable when a member lookup fails, rather than showing the member by ID', async () => {
      h.pluralkit.injectFault({ path: `/members/${cat.id}`, status: 503, times: 20 });
      const answer = await settledAnswer(stats('front', { system: closed.id }, STRANGER));
      h.pluralkit.clearFaults();
      expect(messageText(answer)).toMatch(/PluralKit/);
      expect(messageText(answer)).not.toMatch(new RegExp(`\\*\\*Ann\\*\\* — |${cat.id}`));
    });
  });

  describe('range, until and the picker', () => {
    it('offers ranges while typing, with what each covers', async () => {
      const answer = await h.discord.autocomplete({ name: 'stats', subcommand: 'front', options: { range: 'last' }, focused: 'range', user: OWNER, guildId: GUILD }).initialResponse();
      const choices = answer.data!.choices as Array<{ name: string; value: string }>;
      expect(choices.map((choice) => choice.value)).toEqual(['last month']);
      expect(choices[0]!.name).toMatch(/^last month · \d+ \w+ \d{4} – 1 \w+ \d{4}$/);
    });

    it('ends a range at `until`, and warns that `m` is minutes', async () => {
      const ended = messageText(await settledAnswer(stats('front', { range: '3d', until: '2d', private: true })));
      expect(ended).toMatch(/From .* to .* \(3d 0h\)/);
      const minutes = await settledAnswer(stats('front', { range: '1m' }));
      expect(messageText(minutes)).toMatch(/`1m` is read as minutes \(`m`\): under an hour of front history\. For months, write `mo`/);
      const refused = await settledAnswer(stats('front', { range: '7d', until: '2099-01-01' }));
      expect(refused.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(messageText(refused)).toMatch(/`2099-01-01` is in the future: `until` has to be now or earlier/);
    });
  });

  describe('the table', () => {
    let wide: { id: string; token: string | null };
    beforeAll(() => {
      wide = h.pluralkit.seedSystem({ name: 'Wide', privacy: { member_list_privacy: 'private' } });
      const members = Array.from({ length: 44 }, (_, i) => h.pluralkit.seedMember(wide.id, { name: `Wide member ${String(i).padStart(2, '0')}` }));
      const base = Date.now() - 5 * DAY;
      members.forEach((member, i) => h.pluralkit.seedSwitch(wide.id, { timestamp: new Date(base + i * HOUR), members: [member.id] }));
    });

    it('pages 44 members 20 at a time, each page naming its members when it is shown', async () => {
      const reply = await settledAnswer(stats('front', { system: wide.id }, STRANGER), 30_000);
      expect(messageText(reply)).toMatch(/\[1\/3\] Front share/);
      const next = await h.discord.button({ customId: buttonId(reply, 'Next'), user: STRANGER, guildId: GUILD }).finalMessage();
      const page = messageText(next);
      expect(page).toMatch(/\[2\/3\] Front share/);
      expect(page.match(/\*\*Wide member \d{2}\*\*/g)).toHaveLength(20);
      expect(page).not.toMatch(/unknown member/);
    });

    it('keeps at most three tables per user, each holding totals only', async () => {
      for (let i = 0; i < 5; i++) await settledAnswer(stats('front', { system: wide.id }, STRANGER), 30_000);
      const tables = (await h.app.services.stores.interactionState.snapshot()).filter((entry) => entry.kind === 'stats.front' && entry.userId === STRANGER.id);
      const row = { count: tables.length, largest: Math.max(...tables.map((entry) => entry.payload.length)) };
      expect(row.count).toBeLessThanOrEqual(3);
      expect(row.largest).toBeLessThan(2_000);
    });

    it('refuses a later page once the front history is private', async () => {
      const reply = await settledAnswer(stats('front', { system: wide.id }, STRANGER), 30_000);
      // As the dashboard would: the system's own token, straight to PluralKit.
      await fetch(`${h.pluralkit.url}/systems/@me`, { method: 'PATCH', headers: { Authorization: wide.token!, 'User-Agent': 'dashboard', 'Content-Type': 'application/json' }, body: JSON.stringify({ privacy: { front_history_privacy: 'private' } }) });
      const next = await h.discord.button({ customId: buttonId(reply, 'Next'), user: STRANGER, guildId: GUILD }).finalMessage();
      expect(messageText(next)).toMatch(/keeps its front history private/);
    });
  });

  it('a long history shows progress while it is read, and pages the table without a 24-member cap', async () => {
    const big = h.pluralkit.seedSystem({ name: 'Big', accounts: [STRANGER.id] });
    const members = Array.from({ length: 120 }, (_, i) => h.pluralkit.seedMember(big.id, { name: `Member ${String(i).padStart(3, '0')} with a rather long name` }));
    const base = Date.now() - 20 * DAY;
    for (let i = 0; i < 320; i++) h.pluralkit.seedSwitch(big.id, { timestamp: new Date(base + i * HOUR), members: [members[i % 120]!.id] });
    h.pluralkit.injectFault({ path: `/systems/${big.id}/switches`, delayMs: 800, times: 4 });
    const handle = stats('front', { system: big.id }, STRANGER);
    const reply = await settledAnswer(handle, 20_000);
    const edits = handle.edits().map((edit) => messageText(edit));
    expect(edits.some((text) => /Reading front history… \d+ switches/.test(text))).toBe(true);
    expect(messageText(reply)).toMatch(/\[1\/\d+\]/);
    const next = await h.discord.button({ customId: buttonId(reply, 'Next'), user: STRANGER, guildId: GUILD }).finalMessage();
    expect(messageText(next)).toMatch(/\[2\/\d+\]/);
    expect(messageText(next)).toMatch(/Member \d{3} with a rather long name/);
  });

  it.each([
    [{ range: 'sometime' }, /24h|7d|30d/],
    [{ range: '2099-01-01' }, /future/],
    [{ group: 'Nobody' }, /No group called "Nobody"/],
  ])('%o is refused with a clear message', async (options, message) => {
    const reply = await settledAnswer(stats('front', options));
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageText(reply)).toMatch(message);
  });

  it('a system without switches, and a group whose member list is private, are explained', async () => {
    const empty = h.pluralkit.seedSystem({ name: 'Empty' });
    expect(messageText(await settledAnswer(stats('front', { system: empty.id })))).toMatch(/no front history in this range/i);
    const closed = h.pluralkit.seedSystem({ name: 'Closed' });
    const erin = h.pluralkit.seedMember(closed.id, { name: 'Erin' });
    h.pluralkit.seedSwitch(closed.id, { timestamp: new Date(Date.now() - DAY), members: [erin.id] });
    const group = h.pluralkit.seedGroup(closed.id, { name: 'Inner', members: [erin.id], privacy: { list_privacy: 'private' } });
    expect(messageText(await settledAnswer(stats('front', { system: closed.id, group: group.id })))).toMatch(/keeps its member list private/);
  });

  it('our own switch write drops the cached history, so the next chart includes it', async () => {
    await settledAnswer(stats('front', { private: true }));
    await h.discord.slashCommand({ name: 'switch', subcommand: 'new', options: { members: 'Bob 🌈' }, user: OWNER, guildId: GUILD }).finalMessage();
    h.pluralkit.clearRequests();
    await settledAnswer(stats('front', { private: true }));
    expect(h.pluralkit.requests.some((request) => request.path === '/v2/systems/@me/switches')).toBe(true);
  });
});
