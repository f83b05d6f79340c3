import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../support/harness.js';
import { buttonId, connectToken, EPHEMERAL, messageText } from '../../support/messages.js';

const OWNER = { id: '233000000000000001', username: 'owner' };
const GUILD = '333000000000000001';
const DAY = 86_400_000;

describe('/switch new and out (in-process)', () => {
  let h: Harness;
  let system: { id: string; token: string | null };
  let alice: { id: string };
  let bob: { id: string };

  const newSwitch = (options: Record<string, string>) =>
    h.discord.slashCommand({ name: 'switch', subcommand: 'new', options, user: OWNER, guildId: GUILD }).finalMessage();
  const switches = async () => {
    const response = await fetch(`${h.pluralkit.url}/systems/${system.id}/switches`, { headers: { authorization: system.token!, 'user-agent': 'test' } });
    return (await response.json()) as Array<{ timestamp: string; members: string[] }>;
  };
  const press = (message: Parameters<typeof buttonId>[0], label: string) => h.discord.button({ customId: buttonId(message, label), user: OWNER, guildId: GUILD }).finalMessage();
  const writes = () => h.pluralkit.requests.filter((request) => request.method !== 'GET');

  beforeAll(async () => {
    h = await startHarness();
    system = h.pluralkit.seedSystem({ name: 'New Switch System', accounts: [OWNER.id], created: new Date(Date.now() - 400 * DAY).toISOString(), settings: { timezone: 'Europe/Berlin' } });
    alice = h.pluralkit.seedMember(system.id, { name: 'Alice' });
    bob = h.pluralkit.seedMember(system.id, { name: 'Bob' });
    await connectToken(h.discord, OWNER, system.token!);
    // Warm the member list, as autocomplete does while the user types.
    await h.discord.autocomplete({ name: 'switch', subcommand: 'new', options: { members: 'a' }, focused: 'members', user: OWNER, guildId: GUILD }).initialResponse();
  });

  beforeEach(() => h.pluralkit.clearRequests());

  afterAll(async () => {
    await h.stop();
  });

  it('registers a switch "now" with one PluralKit request', async () => {
    const reply = await newSwitch({ members: 'Alice' });
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageText(reply)).toMatch(/Current fronter is now \*\*Alice\*\*/);
    expect(h.pluralkit.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['POST /v2/systems/@me/switches']);
    expect((await switches())[0]!.members).toEqual([alice.id]);
  });

  it('an identical switch is refused in our own words, from PluralKit’s answer', async () => {
    const reply = await newSwitch({ members: 'alice' });
    expect(messageText(reply)).toMatch(/\*\*Alice\*\* is already fronting/);
    expect((await switches()).length).toBe(1);
  });

  it.each([
    [{ members: 'Alice, Alice' }, /listed more than once/],
    [{ members: 'Zed' }, /No member called "Zed"/],
    [{ members: 'Bob', at: '0001-01-01 10:00' }, /0001-01-01.*before your system was created/],
    [{ members: 'Bob', at: new Date(Date.now() - 500 * DAY).toISOString() }, /before your system was created/],
    [{ members: 'Bob', at: 'tomorrow-ish' }, /30m/],
    [{ members: 'Bob', at: '2099-01-01 10:00' }, /future/],
  ])('%o is refused with a specific message and nothing is written', async (options, message) => {
    const reply = await newSwitch(options);
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageText(reply)).toMatch(message);
    expect(writes()).toEqual([]);
  });

  it('a backdated switch asks first, naming where it lands, and then says what is true', async () => {
    const prompt = await newSwitch({ members: 'Bob', at: '3d' });
    expect(prompt.flags & EPHEMERAL).toBe(EPHEMERAL);
    const text = messageText(prompt);
    expect(text).toMatch(/earlier than your latest switch, so this does not change who is fronting now/);
    // The history holds only Alice's switch (now): Bob lands before it, as the first switch.
    expect(text).toMatch(/adds \*\*Bob\*\* to your front history before \*\*Alice\*\* \(<t:\d+:f>/);
    expect(text).not.toMatch(/Current fronter/);
    expect(writes()).toEqual([]);
    const done = await press(prompt, 'Add to front history');
    expect(messageText(done)).toMatch(/^✅ Added to your front history: \*\*Bob\*\* from <t:\d+:f>.*who is fronting now did not change/);
    expect(messageText(done)).not.toMatch(/Current fronter/);
    const all = await switches();
    expect(all[0]!.members).toEqual([alice.id]);
    expect(all[1]!.members).toEqual([bob.id]);
  });

  it('a backdated switch between two names both, and Cancel writes nothing', async () => {
    const prompt = await newSwitch({ members: 'Alice, Bob', at: '1d' });
    expect(messageText(prompt)).toMatch(/between \*\*Bob\*\* \(<t:\d+:f>.*\) and \*\*Alice\*\* \(<t:\d+:f>.*\), cutting the earlier one short/);
    await press(prompt, 'Cancel');
    expect(writes()).toEqual([]);
    expect((await switches()).length).toBe(2);
  });

  it('a backdated prompt whose place in the history changed meanwhile is refused at the press', async () => {
    const prompt = await newSwitch({ members: 'Alice, Bob', at: '1d' });
    h.pluralkit.seedSwitch(system.id, { timestamp: new Date(Date.now() - 2 * DAY), members: [alice.id] });
    const refused = await press(prompt, 'Add to front history');
    expect(messageText(refused)).toMatch(/changed since this prompt was shown/);
    expect(writes()).toEqual([]);
  });

  it('/switch out registers a switch-out', async () => {
    const reply = await h.discord.slashCommand({ name: 'switch', subcommand: 'out', user: OWNER, guildId: GUILD }).finalMessage();
    expect(messageText(reply)).toMatch(/Switch-out registered/);
    expect((await switches())[0]!.members).toEqual([]);
  });

  it('an imported history older than the system lets a switch go back that far too', async () => {
    h.pluralkit.seedSwitch(system.id, { timestamp: new Date(Date.now() - 450 * DAY), members: [alice.id] });
    const prompt = await newSwitch({ members: 'Bob', at: new Date(Date.now() - 420 * DAY).toISOString() });
    expect(messageText(await press(prompt, 'Add to front history'))).toMatch(/Added to your front history/);
  });
});
