import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlashOptionValue } from '../support/fake-discord/index.js';
import { startBotProcess, type BotProcess } from '../support/bot-process.js';
import { startFakes, type Fakes } from '../support/fakes.js';
import { buttonId, connectToken, messageText, subcommandPath } from '../support/messages.js';
import { postgresAdminUrl, usePostgresDatabase } from '../support/postgres.js';
import { redisTestUrl, useRedisPrefix } from '../support/redis.js';
import { sharedByInstances } from './deployment.js';
import { RoundRobin } from './round-robin.js';

/*
 * Two real bot processes (the build, as `npm start` runs it) in http mode on one PostgreSQL
 * database and one Redis, behind a round-robin balancer: what issue 17 asks of a deployment at
 * scale, on the processes themselves. The processes are started once for the file; the cases run
 * in order and the last one kills instance A.
 */

const OWNER = { id: '263000000000000001', username: 'owner' };
const GUILD = '363000000000000001';
const KEY = Buffer.alloc(32, 17).toString('base64');
/** Both processes start, migrate and register on 2 loaded cores: generous, never waited out when things work. */
const START_MS = 60_000;
const ANSWER_MS = 30_000;
const A = 0;
const B = 1;

describe.skipIf(!postgresAdminUrl || !redisTestUrl)('two bot processes on one PostgreSQL and one Redis', () => {
  const database = usePostgresDatabase();
  const prefix = useRedisPrefix();
  const bots: BotProcess[] = [];
  let fakes: Fakes;
  let balancer: RoundRobin;
  let system: { id: string; token: string };

  /** Starts one instance; resolves with its port once it listens and has settled command registration. */
  async function startInstance(env: Record<string, string>): Promise<number> {
    const bot = startBotProcess(env);
    bots.push(bot);
    const listening = await bot.waitForLog((entry) => entry.msg === 'HTTP server listening', START_MS);
    await bot.waitForLog((entry) => typeof entry.msg === 'string' && /registered commands|not registering|registration failed/.test(entry.msg), START_MS);
    return Number(listening.port);
  }

  const run = (command: string, path: string, options: Record<string, SlashOptionValue> = {}) =>
    fakes.discord.slashCommand({ name: command, ...subcommandPath(path), options, user: OWNER, guildId: GUILD });
  const press = (prompt: Parameters<typeof buttonId>[0], label: string) => fakes.discord.button({ customId: buttonId(prompt, label), user: OWNER, guildId: GUILD });
  const pluralkitWrites = (method: string, path: RegExp, since = 0) =>
    fakes.pluralkit.requests.slice(since).filter((request) => request.method === method && path.test(request.path) && request.status < 300);
  const memberNames = async (): Promise<string[]> => {
    const response = await fetch(`${fakes.pluralkit.url}/systems/@me/members`, { headers: { authorization: system.token, 'user-agent': 'test' } });
    return ((await response.json()) as Array<{ name: string }>).map((member) => member.name).sort();
  };

  beforeAll(async () => {
    fakes = await startFakes({ transport: 'http', rateLimits: false });
    const env = {
      ...fakes.env,
      ...sharedByInstances(database.url(), prefix, KEY),
      LOG_LEVEL: 'info',
    };
    // Started together, as a deployment rolls out: both migrate the empty database and reach registration at once.
    const ports = await Promise.all([startInstance(env), startInstance(env)]);
    balancer = new RoundRobin(ports.map((port) => `http://127.0.0.1:${port}`));
    fakes.discord.setInteractionsEndpoint(`${await balancer.listen()}/interactions`);
    const seeded = fakes.pluralkit.seedSystem({ name: 'Two Processes', accounts: [OWNER.id] });
    system = { id: seeded.id, token: seeded.token! };
    const [alice] = ['Alice', 'Bob', 'Carol'].map((name) => fakes.pluralkit.seedMember(system.id, { name }));
    fakes.pluralkit.seedSwitch(system.id, { timestamp: new Date(Date.now() - 3_600_000), members: [alice!.id] });
    await connectToken(fakes.discord, OWNER, system.token);
  }, 2 * START_MS);

  afterAll(async () => {
    await Promise.all(bots.map((bot) => bot.stop('SIGTERM').catch(() => undefined)));
    for (const bot of bots) bot.cleanup();
    await balancer?.close();
    await fakes?.close();
  });

  it('both share through Redis, and the commands are registered once', () => {
    for (const bot of bots) expect(bot.logs().some((entry) => entry.msg === 'sharing rate limits, public views and list versions through Redis')).toBe(true);
    const registrations = fakes.discord.requests.filter((request) => request.method === 'PUT' && /\/applications\/\d+\/commands$/.test(request.path));
    expect(registrations).toHaveLength(1);
    const registered = bots.filter((bot) => bot.logs().some((entry) => entry.msg === 'registered commands'));
    expect(registered).toHaveLength(1);
  });

  it('a prompt opened through A and confirmed through A and B at once deletes once; the other press is told', async () => {
    balancer.plan(A);
    const prompt = await run('member', 'delete', { member: 'Bob' }).finalMessage(ANSWER_MS);
    expect(messageText(prompt)).toMatch(/cannot be undone/);
    expect(balancer.served.at(-1)).toBe(A);

    const since = fakes.pluralkit.requests.length;
    const from = balancer.served.length;
    balancer.plan(A, B);
    const presses = [press(prompt, 'Delete member'), press(prompt, 'Delete member')];
    const texts = await Promise.all(presses.map(async (handle) => messageText(await handle.finalMessage(ANSWER_MS))));
    expect([...balancer.served.slice(from)].sort()).toEqual([A, B]);
    expect(texts.filter((text) => /Deleted member \*\*Bob\*\*/.test(text))).toHaveLength(1);
    expect(texts.filter((text) => /already answered|Already on it/.test(text))).toHaveLength(1);
    expect(pluralkitWrites('DELETE', /\/members\/[^/]+$/, since)).toHaveLength(1);
    expect(await memberNames()).toEqual(['Alice', 'Carol']);
  });

  it('the same interaction delivered to both instances runs once: one answers, the other says 409', async () => {
    const since = fakes.pluralkit.requests.length;
    balancer.plan('both');
    const created = await run('member', 'create', { name: 'Mirror' }).finalMessage(ANSWER_MS);
    expect(messageText(created)).toMatch(/Created member \*\*Mirror\*\*/);
    expect([...balancer.mirrored.at(-1)!].sort()).toEqual([200, 409]);
    expect(pluralkitWrites('POST', /\/members$/, since)).toHaveLength(1);
    expect(await memberNames()).toEqual(['Alice', 'Carol', 'Mirror']);
  });

  it('an instance killed with SIGKILL in the middle of a command loses nothing: the survivor serves, and confirms its prompt', async () => {
    balancer.plan(A);
    const prompt = await run('member', 'delete', { member: 'Carol' }).finalMessage(ANSWER_MS);
    expect(messageText(prompt)).toMatch(/cannot be undone/);

    // A command under way on A: PluralKit holds its read, A has deferred, and then A dies.
    fakes.pluralkit.injectFault({ method: 'GET', path: /\/fronters$/, delayMs: ANSWER_MS });
    balancer.plan(A);
    const interrupted = run('fronters', '', { system: system.id });
    expect((await interrupted.initialResponse(ANSWER_MS)).type).toBe(5);
    bots[A]!.child.kill('SIGKILL');
    expect(await bots[A]!.waitForExit(ANSWER_MS)).toBeNull();
    // Had A died before its read left, the fault would still wait for the survivor's.
    fakes.pluralkit.clearFaults();

    // The next interactions go round: A refuses the connection, so B serves every one.
    const from = balancer.served.length;
    const card = await run('member', 'view', { member: 'Alice' }).finalMessage(ANSWER_MS);
    expect(messageText(card)).toContain('Alice');
    const fronters = await run('fronters', '', { system: system.id }).finalMessage(ANSWER_MS);
    expect(messageText(fronters)).toMatch(/Fronters[\s\S]*Current fronter[\s\S]*Alice/);
    const confirmed = await press(prompt, 'Delete member').finalMessage(ANSWER_MS);
    expect(messageText(confirmed)).toMatch(/Deleted member \*\*Carol\*\*/);
    expect(balancer.served.slice(from)).toEqual([B, B, B]);
    expect(await memberNames()).toEqual(['Alice', 'Mirror']);
  }, 2 * ANSWER_MS);
});
