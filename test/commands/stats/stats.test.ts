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
  let alice: { id: string }, bob: { id: string }, secret: { id: string };

  const stats = (subcommand: string, options: Record<string, string | boolean> = {}, user = OWNER, guildId: string | null = GUILD) =>
    h.discord.slashCommand({ name: 'stats', subcommand, options, user, guildId });
  const uploadOf = (handle: { token: string }) => h.discord.requests.find((r) => r.uploads.length > 0 && r.path.includes(handle.token))?.uploads[0];

  beforeAll(async () => {
    h = await startHarness();
    own = h.pluralkit.seedSystem({ name: 'Stats System', accounts: [OWNER.id], settings: { timezone: 'America/New_York' }, created: new Date(Date.now() - 400 * DAY).toISOString() });
    alice = h.pluralkit.seedMember(own.id, { name: 'Alice', color: 'ff0000' });
    bob = h.pluralkit.seedMember(own.id, { name: 'Bob 🌈' });
    secret = h.pluralkit.seedMember(own.id, { name: 'Secret Sam', privacy: { visibility: 'private' } });
    const start = Date.now() - 10 * DAY;
    h.pluralkit.seedSwitch(own.id, { timestamp: new Date(start), members: [alice.id] });
    h.pluralkit.seedSwitch(own.id, { timestamp: new Date(start + 4 * DAY), members: [bob.id, secret.id] });
    h.pluralkit.seedSwitch(own.id, { timestamp: new Date(start + 6 * DAY), members: [] });
    h.pluralkit.seedSwitch(own.id, { timestamp: new Date(start + 7 * DAY), members: [alice.id] });
    await connectToken(h.discord, OWNER, own.token!);
  });

  afterAll(async () => {
    await h.stop();
  });

  it('front: a public chart and a table of every member, hidden members not named', async () => {
    const handle = stats('front');
    const reply = await settledAnswer(handle);
    expect(reply.flags & EPHEMERAL).toBe(0);
    const text = messageText(reply);
    expect(text).toMatch(/Front share of Stats System/);
    expect(text).toMatch(/\*\*Alice\*\* — \d+(\.\d)?% \(/);
    expect(text).toMatch(/Bob 🌈/);
    expect(text).not.toMatch(/Secret Sam/);
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
