import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../support/harness.js';
import { buttonId, connectToken, messageText, settledAnswer } from '../../support/messages.js';

const OWNER = { id: '235000000000000001', username: 'owner' };
const GUILD = '335000000000000001';
const HOUR = 3_600_000;
/** The harness's PluralKit budgets, shrunk so that "slower than the read budget" takes well under a second. */
const READ_BUDGET_MS = 400;
const SLOWER_THAN_READ_BUDGET_MS = 700;

async function seededHarness(options: Parameters<typeof startHarness>[0] = {}) {
  const h = await startHarness(options);
  const system = h.pluralkit.seedSystem({ name: 'Outcome System', accounts: [OWNER.id], created: new Date(Date.now() - 30 * 24 * HOUR).toISOString() });
  for (const name of ['Alice', 'Bob', 'Cleo', 'Dara', 'Eve']) h.pluralkit.seedMember(system.id, { name });
  await connectToken(h.discord, OWNER, system.token!);
  const switches = async () => {
    const response = await fetch(`${h.pluralkit.url}/systems/${system.id}/switches`, { headers: { authorization: system.token!, 'user-agent': 'test' } });
    return (await response.json()) as Array<{ id: string; timestamp: string; members: string[] }>;
  };
  return { h, system, switches };
}

/*
 * Writes whose answer is lost (issue 11 item 1): the bot must find out what is true instead of
 * inviting a retry that would store the switch twice. The looks at PluralKit happen as the test
 * moves the app's (manual) clock.
 */
describe('switch writes with an unknown outcome (in-process)', () => {
  let h: Harness;
  let system: { id: string; token: string | null };
  let switches: () => Promise<Array<{ id: string; timestamp: string; members: string[] }>>;

  /** `/switch new`, with the clock moved until its answer settles. */
  const newSwitch = (options: Record<string, string>) =>
    h.clock.runUntil(settledAnswer(h.discord.slashCommand({ name: 'switch', subcommand: 'new', options, user: OWNER, guildId: GUILD })));

  beforeAll(async () => {
    ({ h, system, switches } = await seededHarness());
  });

  beforeEach(() => h.pluralkit.clearFaults());

  afterAll(async () => {
    await h.stop();
  });

  it('PluralKit stores the switch, then answers 500: the reply says it was saved, and nothing is stored twice', async () => {
    const before = (await switches()).length;
    h.pluralkit.injectFault({ method: 'POST', path: '/systems/@me/switches', afterCommit: true, status: 500, body: { message: '500: Internal Server Error', code: 0 } });
    const reply = await newSwitch({ members: 'Bob' });
    expect(messageText(reply)).toMatch(/Switch registered/);
    expect(messageText(reply)).toMatch(/checked your front history and the switch is saved/);
    const after = await switches();
    expect(after.length).toBe(before + 1);
    expect(h.pluralkit.requests.filter((request) => request.method === 'POST').length).toBeGreaterThan(0);
  });

  it('the connection drops before PluralKit did anything: the reply says nothing was changed', async () => {
    const before = (await switches()).length;
    h.pluralkit.injectFault({ method: 'POST', path: '/systems/@me/switches', reset: true });
    const reply = await newSwitch({ members: 'Cleo' });
    expect(messageText(reply)).toMatch(/nothing was changed/);
    expect((await switches()).length).toBe(before);
  });

  it('when reading back fails too, the reply says so and where to look, never "try again"', async () => {
    const before = (await switches()).length;
    h.pluralkit.injectFault({ method: 'POST', path: '/systems/@me/switches', afterCommit: true, reset: true });
    // Answers that cannot be read, for as long as the bot looks.
    h.pluralkit.injectFault({ method: 'GET', path: '/systems/@me/switches', malformed: true, times: 1_000 });
    const reply = await newSwitch({ members: 'Dara' });
    expect(messageText(reply)).toMatch(/not known whether the change was saved/);
    expect(messageText(reply)).toMatch(/\/switch history/);
    expect(messageText(reply)).not.toMatch(/can try again/);
    h.pluralkit.clearFaults();
    expect((await switches()).length).toBe(before + 1);
  });

  it('when reading back fails for a while, the bot looks again and reports the switch it then finds', async () => {
    const before = (await switches()).length;
    h.pluralkit.injectFault({ method: 'POST', path: '/systems/@me/switches', afterCommit: true, reset: true });
    h.pluralkit.injectFault({ method: 'GET', path: '/systems/@me/switches', malformed: true, times: 2 });
    const reply = await newSwitch({ members: 'Eve' });
    expect(messageText(reply)).toMatch(/Switch registered/);
    expect(messageText(reply)).toMatch(/checked your front history and the switch is saved/);
    expect((await switches()).length).toBe(before + 1);
  });

  it('a DELETE whose answer is lost but which happened is reported as done', async () => {
    h.pluralkit.seedSwitch(system.id, { timestamp: new Date(Date.now() - 60_000), members: [] });
    const before = await switches();
    const prompt = await h.discord.slashCommand({ name: 'switch', subcommand: 'delete', user: OWNER, guildId: GUILD }).finalMessage();
    h.pluralkit.injectFault({ method: 'DELETE', path: /^\/systems\/@me\/switches\//, afterCommit: true, reset: true });
    const done = await h.clock.runUntil(settledAnswer(h.discord.button({ customId: buttonId(prompt, 'Delete switch'), user: OWNER, guildId: GUILD })));
    expect(messageText(done)).toMatch(/Switch deleted/);
    expect((await switches()).length).toBe(before.length - 1);
  });
});

describe('a slow write is not held to the read budget (in-process)', () => {
  let world: Awaited<ReturnType<typeof seededHarness>>;

  beforeAll(async () => {
    world = await seededHarness({ app: { pluralkitCallBudgetMs: READ_BUDGET_MS } });
  });

  afterAll(() => world.h.stop());

  it('PluralKit slower than the read budget: the write waits for the real answer, and the switch is stored once', async () => {
    const { h, switches } = world;
    const before = (await switches()).length;
    h.pluralkit.injectFault({ method: 'POST', path: '/systems/@me/switches', delayMs: SLOWER_THAN_READ_BUDGET_MS });
    const reply = await h.discord.slashCommand({ name: 'switch', subcommand: 'new', options: { members: 'Alice', at: '2h' }, user: OWNER, guildId: GUILD }).finalMessage();
    expect(messageText(reply)).toMatch(/Switch registered/);
    expect(messageText(reply)).not.toMatch(/try again/i);
    expect((await switches()).length).toBe(before + 1);
    // No read-back: the answer came.
    expect(h.clock.sleeping).toBe(0);
  });
});
