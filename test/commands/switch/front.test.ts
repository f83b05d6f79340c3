import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../support/harness.js';
import { FRONT_GUILD, FRONT_OWNER, frontersShownPubliclyCase, latestSwitch, seedFrontSystem, switchByNamesCase, type FrontWorld } from '../../support/journeys/front-tracking.js';
import { buttonId, connectToken, EPHEMERAL, messageText } from '../../support/messages.js';

/* /fronters and /switch in-process (moved from the end-to-end run, which keeps a smoke run: test/e2e/front.test.ts). */

const OWNER = FRONT_OWNER;
const FRIEND = { id: '220000000000000002', username: 'friend' };
const STRANGER = { id: '220000000000000003', username: 'stranger' };
const GUILD = FRONT_GUILD;
const HOUR = 3600_000;

describe('front tracking (in-process)', () => {
  let world: Harness;
  let own: { id: string; token: string | null };
  let alice: { id: string }, bob: { id: string }, carol: { id: string };

  const latest = () => latestSwitch({ pluralkit: world.pluralkit, own });
  const front = (): FrontWorld => ({ discord: world.discord, pluralkit: world.pluralkit, own, alice, bob });
  const slash = (subcommand: string, options: Record<string, string | boolean> = {}, user = OWNER, guildId: string | null = GUILD) =>
    world.discord.slashCommand({ name: 'switch', subcommand, options, user, guildId }).finalMessage(10_000);

  beforeAll(async () => {
    world = await startHarness();
    ({ own, alice, bob } = seedFrontSystem(world.pluralkit));
    carol = world.pluralkit.seedMember(own.id, { name: 'Carol', privacy: { name_privacy: 'private' }, display_name: 'C.' });
    await connectToken(world.discord, OWNER, own.token!);
  });

  afterAll(async () => {
    await world.stop();
  });

  frontersShownPubliclyCase(front);

  it('/fronters private: True shows the full view only to the owner', async () => {
    const reply = await world.discord.slashCommand({ name: 'fronters', options: { private: true }, user: OWNER, guildId: GUILD }).finalMessage();
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageText(reply)).toContain('Alice');
  });

  it('/fronters for another user and by system ID; their private front is refused; private view of others is refused', async () => {
    const other = world.pluralkit.seedSystem({ name: 'Friend System', accounts: [FRIEND.id] });
    const dana = world.pluralkit.seedMember(other.id, { name: 'Dana' });
    world.pluralkit.seedSwitch(other.id, { timestamp: new Date(Date.now() - HOUR), members: [dana.id] });
    const byUser = await world.discord.slashCommand({ name: 'fronters', options: { user: FRIEND.id }, user: OWNER, guildId: GUILD }).finalMessage();
    expect(messageText(byUser)).toContain('Dana');
    const bySystem = await world.discord.slashCommand({ name: 'fronters', options: { system: other.id.toUpperCase() }, user: STRANGER, guildId: GUILD }).finalMessage();
    expect(messageText(bySystem)).toContain('Dana');

    const secret = world.pluralkit.seedSystem({ name: 'Secret', privacy: { front_privacy: 'private' } });
    const refused = await world.discord.slashCommand({ name: 'fronters', options: { system: secret.id }, user: OWNER, guildId: GUILD }).finalMessage();
    expect(refused.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageText(refused)).toMatch(/keeps its current fronters private/);

    const nosy = await world.discord.slashCommand({ name: 'fronters', options: { system: other.id, private: true }, user: OWNER, guildId: GUILD }).finalMessage();
    expect(messageText(nosy)).toMatch(/only works for your own system/);
  });

  it('/fronters explains a system with no switches, and asks a stranger without a token to set up or pick a system', async () => {
    const empty = world.pluralkit.seedSystem({ name: 'Empty' });
    const none = await world.discord.slashCommand({ name: 'fronters', options: { system: empty.id }, user: OWNER, guildId: GUILD }).finalMessage();
    expect(messageText(none)).toMatch(/no registered switches/i);
    const stranger = await world.discord.slashCommand({ name: 'fronters', user: STRANGER, guildId: GUILD }).finalMessage();
    expect(messageText(stranger)).toMatch(/\/token set/);
    const badRef = await world.discord.slashCommand({ name: 'fronters', options: { system: 'not a system!' }, user: STRANGER, guildId: GUILD }).finalMessage();
    expect(messageText(badRef)).toMatch(/is not a system ID/);
  });

  it('/fronters for an account without a PluralKit system says so', async () => {
    const reply = await world.discord.slashCommand({ name: 'fronters', options: { user: STRANGER.id }, user: OWNER, guildId: GUILD }).finalMessage();
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageText(reply)).toMatch(/no system linked/);
  });

  it('autocomplete offers members by fuzzy name and keeps earlier entries', async () => {
    const handle = world.discord.autocomplete({ name: 'switch', subcommand: 'new', options: { members: 'Alice, bo' }, focused: 'members', user: OWNER, guildId: GUILD });
    const response = await handle.initialResponse();
    expect(response.type).toBe(8);
    const choices = response.data.choices as Array<{ name: string; value: string }>;
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices[0]!.name).toContain('Bob');
    expect(choices[0]!.value).toContain(alice.id);
    expect(choices[0]!.value).toContain(bob.id);
  });

  switchByNamesCase(front);

  it.each([
    [{ members: 'Alice, Bob' }, /already fronting|identical|same/i],
    [{ members: 'Alice, Zed' }, /Zed/],
    [{ members: 'Alice, alice' }, /more than once|duplicate/i],
    [{ members: 'Carol', at: '2099-01-01 10:00' }, /future/i],
    [{ members: 'Carol', at: 'blorp' }, /30m|14:30|2026-05-01/],
  ])('/switch new refuses %o with a clear message and changes nothing', async (options, message) => {
    const before = await latest();
    const reply = await slash('new', options);
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageText(reply)).toMatch(message);
    expect(await latest()).toEqual(before);
  });

  it('/switch new refuses 151 members', async () => {
    const many = Array.from({ length: 151 }, (_, i) => world.pluralkit.seedMember(own.id, { name: `Many ${i}` }).id);
    const before = await latest();
    const reply = await slash('new', { members: many.join(',') });
    expect(messageText(reply)).toMatch(/150/);
    expect(await latest()).toEqual(before);
  });

  it('/switch new with `at` reads the time in the system time zone and adds an earlier switch to the history once confirmed', async () => {
    const prompt = await slash('new', { members: 'Carol', at: '30m' });
    expect(messageText(prompt)).toMatch(/earlier than your latest switch/);
    const reply = await world.discord.button({ customId: buttonId(prompt, 'Add to front history'), user: OWNER, guildId: GUILD }).finalMessage();
    expect(messageText(reply)).toMatch(/Added to your front history: \*\*Carol\*\*/);
    const response = await fetch(`${world.pluralkit.url}/systems/${own.id}/switches?limit=5`, { headers: { authorization: own.token!, 'user-agent': 'test' } });
    const entries = (await response.json()) as Array<{ timestamp: string; members: string[] }>;
    const entry = entries.find((e) => e.members.length === 1 && e.members[0] === carol.id)!;
    expect(Math.abs(Date.now() - 30 * 60_000 - Date.parse(entry.timestamp))).toBeLessThan(60_000);
  });

  it('/switch out registers a switch-out', async () => {
    const reply = await slash('out');
    expect(messageText(reply)).toMatch(/Switch-out registered/);
    expect((await latest())!.members).toEqual([]);
  });

  it('/switch edit shows old and new members and only applies after the invoker confirms', async () => {
    const prompt = await slash('edit', { members: 'Bob' });
    expect(messageText(prompt)).toMatch(/no fronter/);
    expect(messageText(prompt)).toContain('Bob');
    expect((await latest())!.members).toEqual([]);
    const confirm = buttonId(prompt, 'Edit switch');
    const intruderPress = world.discord.button({ customId: confirm, user: FRIEND, guildId: GUILD });
    const intruder = await intruderPress.finalMessage();
    expect(messageText(intruder)).toMatch(/only they can answer/);
    // Told privately, in a new message: the owner's prompt keeps its buttons.
    expect((await intruderPress.initialResponse()).type).toBe(4);
    expect(intruder.flags & EPHEMERAL).toBe(EPHEMERAL);
    const done = await world.discord.button({ customId: confirm, user: OWNER, guildId: GUILD }).finalMessage();
    expect(messageText(done)).toMatch(/Switch edited/);
    expect((await latest())!.members).toEqual([bob.id]);
  });

  it('/switch move refuses the future and times before the previous switch, and moves after confirming', async () => {
    expect(messageText(await slash('move', { at: '2099-01-01 10:00' }))).toMatch(/future/i);
    expect(messageText(await slash('move', { at: '3d' }))).toMatch(/previous switch|before/i);
    const response = await fetch(`${world.pluralkit.url}/systems/${own.id}/switches?limit=2`, { headers: { authorization: own.token!, 'user-agent': 'test' } });
    const [current, previous] = (await response.json()) as Array<{ timestamp: string }>;
    const target = new Date((Date.parse(current!.timestamp) + Date.parse(previous!.timestamp)) / 2);
    const prompt = await slash('move', { at: target.toISOString() });
    expect(messageText(prompt)).toMatch(/From.*<t:\d+:f>/s);
    expect((await latest())!.timestamp).toBe(current!.timestamp);
    const done = await world.discord.button({ customId: buttonId(prompt, 'Move switch'), user: OWNER, guildId: GUILD }).finalMessage();
    expect(messageText(done)).toMatch(/Switch moved/);
    expect(Date.parse((await latest())!.timestamp)).toBe(target.getTime());
  });

  it('/switch delete names the switch and the one that becomes current; cancel changes nothing; confirm deletes', async () => {
    const before = (await latest())!;
    const prompt = await slash('delete');
    expect(messageText(prompt)).toContain('Bob');
    expect(messageText(prompt)).toMatch(/Then current/);
    const cancelled = await world.discord.button({ customId: buttonId(prompt, 'Cancel'), user: OWNER, guildId: GUILD }).finalMessage();
    expect(messageText(cancelled)).toMatch(/nothing was changed/);
    expect((await latest())!.id).toBe(before.id);

    const again = await slash('delete');
    const done = await world.discord.button({ customId: buttonId(again, 'Delete switch'), user: OWNER, guildId: GUILD }).finalMessage();
    expect(messageText(done)).toMatch(/Switch deleted/);
    expect((await latest())!.id).not.toBe(before.id);
  });

  it('/switch history pages 10 at a time with public member names, and Previous goes back', async () => {
    const base = Date.now() - 48 * HOUR;
    for (let i = 0; i < 12; i++) {
      world.pluralkit.seedSwitch(own.id, { timestamp: new Date(base - i * HOUR), members: i % 2 ? [alice.id] : [bob.id, carol.id] });
    }
    const ghost = world.pluralkit.seedMember(own.id, { name: 'Ghost' });
    world.pluralkit.seedSwitch(own.id, { timestamp: new Date(base - 20 * HOUR), members: [ghost.id] });
    await fetch(`${world.pluralkit.url}/members/${ghost.id}`, { method: 'DELETE', headers: { authorization: own.token!, 'user-agent': 'test' } });

    const first = await slash('history');
    expect(first.flags & EPHEMERAL).toBe(0);
    const text = messageText(first);
    expect(text).toContain('Alice');
    expect(text).toContain('C.');
    expect(text).not.toContain('Carol');
    const lines = (first.embeds[0].description as string).split('\n').filter((line: string) => /<t:\d+:f>/.test(line));
    expect(lines).toHaveLength(10);

    const second = await world.discord.button({ customId: buttonId(first, 'Next'), user: OWNER, guildId: GUILD }).finalMessage();
    const secondText = messageText(second);
    // PluralKit drops a deleted member from its switches, leaving a switch-out.
    expect(secondText).toMatch(/\*\*no fronter\*\*/);
    expect(secondText).not.toContain('Ghost');
    const back = await world.discord.button({ customId: buttonId(second, 'Previous'), user: OWNER, guildId: GUILD }).finalMessage();
    expect(messageText(back)).toBe(text);

    const stranger = world.discord.button({ customId: buttonId(back, 'Next'), user: STRANGER, guildId: GUILD });
    expect(messageText(await stranger.finalMessage())).toMatch(/Only <@220000000000000001> can page/);
    expect((await stranger.initialResponse()).type).toBe(4);
  });

  it('/switch history of another system with a private member list still names its members', async () => {
    const other = world.pluralkit.seedSystem({ name: 'Closed List', privacy: { member_list_privacy: 'private' } });
    const erin = world.pluralkit.seedMember(other.id, { name: 'Erin' });
    world.pluralkit.seedSwitch(other.id, { timestamp: new Date(Date.now() - HOUR), members: [erin.id] });
    const reply = await slash('history', { system: other.id });
    expect(reply.flags & EPHEMERAL).toBe(0);
    expect(messageText(reply)).toContain('Erin');
  });

  it('/switch history of a system with private front history is refused', async () => {
    const secret = world.pluralkit.seedSystem({ name: 'Hidden History', privacy: { front_history_privacy: 'private' } });
    const reply = await slash('history', { system: secret.id });
    expect(messageText(reply)).toMatch(/front history private/);
  });

  it('write commands without a token ask for /token set', async () => {
    const reply = await slash('new', { members: 'Alice' }, STRANGER);
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageText(reply)).toMatch(/\/token set/);
  });
});
