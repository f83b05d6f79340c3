import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../support/harness.js';
import { buttonId, connectToken, messageText } from '../../support/messages.js';

const OWNER = { id: '233000000000000011', username: 'owner' };
const GUILD = '333000000000000011';
const HOUR = 3_600_000;

/*
 * An empty `members` autocomplete offers the current front, then recent fronters, then the rest by
 * name: from the caller's latest switches, read once into the cache and never waited for, and
 * kept true by our own switch writes.
 */
describe('empty member autocomplete: current and recent fronters first (in-process)', () => {
  let h: Harness;
  const ids: Record<string, string> = {};

  /** Choice values of `/switch new members` (or of `/member view member`, one entry). */
  const offered = async (typed: string, focused: 'members' | 'member' = 'members') => {
    const command = focused === 'members' ? { name: 'switch', subcommand: 'new' } : { name: 'member', subcommand: 'view' };
    const options: Record<string, string> = { [focused]: typed };
    const response = await h.discord.autocomplete({ ...command, options, focused, user: OWNER, guildId: GUILD }).initialResponse();
    return (response.data!.choices as Array<{ name: string; value: string }>).map((choice) => choice.value);
  };
  const requestsDuring = async (action: () => Promise<unknown>) => {
    const start = h.pluralkit.requests.length;
    await action();
    return h.pluralkit.requests.slice(start).map((request) => `${request.method} ${request.path.replace(/^\/v2/, '')}`);
  };
  const settled = async (route: RegExp) => {
    for (let i = 0; i < 100 && !h.pluralkit.requests.some((request) => route.test(request.path)); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    // The answer is parsed and stored just after it arrives.
    await new Promise((resolve) => setTimeout(resolve, 20));
  };

  beforeAll(async () => {
    h = await startHarness();
    const system = h.pluralkit.seedSystem({ name: 'Recent System', accounts: [OWNER.id], created: new Date(Date.now() - 400 * 24 * HOUR).toISOString() });
    for (const name of ['Alice', 'Bob', 'Carol', 'Dana', 'Eve']) ids[name] = h.pluralkit.seedMember(system.id, { name }).id;
    h.pluralkit.seedSwitch(system.id, { timestamp: new Date(Date.now() - 3 * HOUR), members: [ids.Dana!] });
    h.pluralkit.seedSwitch(system.id, { timestamp: new Date(Date.now() - 2 * HOUR), members: [ids.Alice!, ids.Dana!] });
    h.pluralkit.seedSwitch(system.id, { timestamp: new Date(Date.now() - HOUR), members: [ids.Eve!, ids.Carol!] });
    await connectToken(h.discord, OWNER, system.token!);
  });

  afterAll(() => h.stop());

  const byName = (...names: string[]) => names.map((name) => ids[name]!);

  it('the first empty autocomplete answers by name at once and reads the latest switches for the next', async () => {
    expect(await offered('')).toEqual(byName('Alice', 'Bob', 'Carol', 'Dana', 'Eve'));
    await settled(/\/switches$/);
    const read = h.pluralkit.requests.filter((request) => request.path === '/v2/systems/@me/switches');
    expect(read.map((request) => [request.method, request.query.limit])).toEqual([['GET', '20']]);
  });

  it('then offers the current front (in its order), recent fronters newest first, then the rest by name, without a request', async () => {
    const requests = await requestsDuring(async () => {
      expect(await offered('')).toEqual(byName('Eve', 'Carol', 'Alice', 'Dana', 'Bob'));
      expect(await offered('', 'member')).toEqual(byName('Eve', 'Carol', 'Alice', 'Dana', 'Bob'));
    });
    expect(requests).toEqual([]);
  });

  it('leaves out the members already listed in a several-member entry', async () => {
    const response = await h.discord.autocomplete({ name: 'switch', subcommand: 'new', options: { members: 'Eve, ' }, focused: 'members', user: OWNER, guildId: GUILD }).initialResponse();
    const values = (response.data!.choices as Array<{ value: string }>).map((choice) => choice.value);
    expect(values).toEqual(byName('Carol', 'Alice', 'Dana', 'Bob').map((id) => `${ids.Eve}, ${id}`));
  });

  it('a typed entry is ranked by match, not by front', async () => {
    // Eve and Carol front, but Alice starts with the letter typed.
    expect((await offered('a'))[0]).toBe(ids.Alice);
  });

  it('a switch registered here is offered first at once, with no re-read', async () => {
    const reply = await h.discord.slashCommand({ name: 'switch', subcommand: 'new', options: { members: 'Bob' }, user: OWNER, guildId: GUILD }).finalMessage();
    expect(messageText(reply)).toMatch(/Current fronter is now \*\*Bob\*\*/);
    const requests = await requestsDuring(async () => {
      expect(await offered('')).toEqual(byName('Bob', 'Eve', 'Carol', 'Alice', 'Dana'));
    });
    expect(requests).toEqual([]);
  });

  it('a deleted switch drops them: the next empty autocomplete answers by name and re-reads', async () => {
    const prompt = await h.discord.slashCommand({ name: 'switch', subcommand: 'delete', user: OWNER, guildId: GUILD }).finalMessage();
    const done = await h.discord.button({ customId: buttonId(prompt, 'Delete switch'), user: OWNER, guildId: GUILD }).finalMessage();
    expect(messageText(done)).toMatch(/Switch deleted/);
    const start = h.pluralkit.requests.length;
    expect(await offered('')).toEqual(byName('Alice', 'Bob', 'Carol', 'Dana', 'Eve'));
    await settled(/\/switches$/);
    expect(h.pluralkit.requests.slice(start).map((request) => `${request.method} ${request.path}`)).toContain('GET /v2/systems/@me/switches');
    expect(await offered('')).toEqual(byName('Eve', 'Carol', 'Alice', 'Dana', 'Bob'));
  });
});
