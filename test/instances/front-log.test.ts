import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { commandModules } from '../../commands/index.js';
import { startApp, type RunningApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import type { LogSubscription } from '../../src/stores/log-subscriptions/log-subscription-store.js';
import { startFakeDiscord, type FakeDiscord } from '../support/fake-discord/index.js';
import { Permission } from '../support/fake-discord/guilds.js';
import { ManualClock } from '../support/manual-clock.js';
import { startPluralKitEmulator, type PluralKitEmulator } from '../support/pluralkit-emulator/index.js';
import { postgresAdminUrl, usePostgresDatabase } from '../support/postgres.js';
import { botEnvironment } from '../support/fakes.js';
import { redisTestUrl, useRedisPrefix } from '../support/redis.js';
import { sharedByInstances } from './deployment.js';

/*
 * The live front log on two instances sharing one PostgreSQL and one Redis, on one manual clock:
 * the events of one change reach both (a load balancer spreads PluralKit's POSTs), yet the change
 * is posted once; polling rounds and the daily webhook check read each system once between them.
 */

const OWNER = { id: '263000000000000001', username: 'owner' };
const GUILD = '363000000000000001';
const DISPATCHED = '463000000000000001';
const POLLED = '463000000000000002';
const KEY = Buffer.alloc(32, 7).toString('base64');
const SIGNING_TOKEN = 'signing-token-of-two-instances';

describe.skipIf(!postgresAdminUrl || !redisTestUrl)('the front log on two instances', () => {
  const database = usePostgresDatabase();
  const prefix = useRedisPrefix();
  const clock = new ManualClock();
  let discord: FakeDiscord;
  let pluralkit: PluralKitEmulator;
  let dispatched: { id: string; uuid: string; token: string | null };
  let polled: { id: string; uuid: string; token: string | null };
  const instances: RunningApp[] = [];

  const subscription = (system: { id: string; uuid: string }, channelId: string, overrides: Partial<LogSubscription>): LogSubscription => ({
    systemUuid: system.uuid,
    channelId,
    guildId: GUILD,
    discordUserId: OWNER.id,
    systemId: system.id,
    style: 'log',
    privacy: 'full',
    delivery: 'dispatch',
    signingToken: null,
    boardMessageId: null,
    lastPosted: null,
    lastEventAt: null,
    lastPostAt: null,
    health: 'ok',
    createdAt: clock.now(),
    ...overrides,
  });

  beforeAll(async () => {
    discord = await startFakeDiscord({ delivery: 'http' });
    pluralkit = await startPluralKitEmulator();
    const config = loadConfig(
      {
        ...botEnvironment(discord, pluralkit, 'http'),
        ...sharedByInstances(database.url(), prefix, KEY),
        PUBLIC_URL: 'https://switchboard.example',
      },
      { requireDiscordToken: true, loadDotEnv: false },
    );
    instances.push(...(await Promise.all([0, 1].map(() => startApp(config, createLogger('silent'), commandModules, { clock })))));
    const everyone = Permission.ViewChannel | Permission.SendMessages | Permission.EmbedLinks;
    discord.defineGuild({ id: GUILD, everyone, members: { [OWNER.id]: [], [discord.botUserId]: [] }, channels: { [DISPATCHED]: {}, [POLLED]: {} } });

    // Two systems of one owner (a token names one system, so the second is another user's in all but name).
    dispatched = pluralkit.seedSystem({ name: 'Dispatched', accounts: [OWNER.id] });
    const alice = pluralkit.seedMember(dispatched.id, { name: 'Alice' });
    pluralkit.seedSwitch(dispatched.id, { timestamp: new Date(clock.now() - 60_000), members: [alice.id] });
    const services = instances[0]!.services;
    await services.tokens.set(OWNER.id, dispatched.token!, { id: dispatched.id, uuid: dispatched.uuid });
    const sealed = services.tokens.sealSecret('dispatch-signing-token', dispatched.uuid, SIGNING_TOKEN);
    await services.stores.logSubscriptions.put(subscription(dispatched, DISPATCHED, { signingToken: sealed }));

    const poller = { id: '263000000000000002' };
    polled = pluralkit.seedSystem({ name: 'Polled', accounts: [poller.id] });
    await services.tokens.set(poller.id, polled.token!, { id: polled.id, uuid: polled.uuid });
    await services.stores.logSubscriptions.put(subscription(polled, POLLED, { delivery: 'polling', discordUserId: poller.id }));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(instances.map((app) => app.stop()));
    await discord?.close();
    await pluralkit?.close();
  });

  const envelope = (type: string) => JSON.stringify({ type, signing_token: SIGNING_TOKEN, system_id: dispatched.uuid, id: null, data: {} });
  const deliver = async (app: RunningApp, type: string): Promise<number> =>
    (await fetch(`http://127.0.0.1:${app.httpAddress!.port}/pluralkit/dispatch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: envelope(type) })).status;
  const readsOf = (system: { uuid: string; token: string | null }, since: number) =>
    pluralkit.requests.slice(since).filter((request) => request.headers.authorization === system.token).length;

  it('a change whose events reach both instances is posted once, by the instance that heard first', async () => {
    const [a, b] = instances as [RunningApp, RunningApp];
    const waits = clock.sleeping;
    expect(await deliver(a, 'CREATE_SWITCH')).toBe(200);
    expect(await deliver(b, 'CREATE_SWITCH')).toBe(200);
    expect(await deliver(b, 'UPDATE_SWITCH')).toBe(200);
    // One instance waits out the aggregation; the other has dropped what it heard (its claim was refused).
    await vi.waitFor(() => {
      expect(a.frontLog.poster.waiting + b.frontLog.poster.waiting).toBe(1);
      expect(clock.sleeping).toBe(waits + 1);
    });
    expect(a.frontLog.poster.waiting).toBe(1);

    const since = discord.requests.length;
    clock.advance(3_000);
    await discord.waitForRequest((request) => request.path === `/channels/${DISPATCHED}/messages` && request.method === 'POST' && request.status === 200, { since });
    await vi.waitFor(() => expect(a.frontLog.poster.waiting + b.frontLog.poster.waiting).toBe(0));
    const posts = discord.channelMessages(DISPATCHED);
    expect(posts).toHaveLength(1);
    expect(JSON.stringify(posts[0]!.embeds)).toContain('Alice');
  });

  it('the next change, heard by the other instance first, is posted by that one', async () => {
    const [a, b] = instances as [RunningApp, RunningApp];
    const bea = pluralkit.seedMember(dispatched.id, { name: 'Bea' });
    pluralkit.seedSwitch(dispatched.id, { timestamp: new Date(clock.now()), members: [bea.id] });
    expect(await deliver(b, 'CREATE_SWITCH')).toBe(200);
    await vi.waitFor(() => expect(b.frontLog.poster.waiting).toBe(1));
    expect(await deliver(a, 'CREATE_SWITCH')).toBe(200);
    await vi.waitFor(() => expect(a.frontLog.poster.waiting).toBe(0));
    const since = discord.requests.length;
    clock.advance(3_000);
    await discord.waitForRequest((request) => request.path === `/channels/${DISPATCHED}/messages` && request.method === 'POST' && request.status === 200, { since });
    expect(discord.channelMessages(DISPATCHED)).toHaveLength(2);
    expect(JSON.stringify(discord.channelMessages(DISPATCHED)[1]!.embeds)).toContain('Bea');
  });

  it('a polling round on each instance reads a polled system once; the next interval, again once', async () => {
    const [a, b] = instances as [RunningApp, RunningApp];
    const since = pluralkit.requests.length;
    await a.frontLog.poller.pollOnce();
    const once = readsOf(polled, since);
    expect(once).toBeGreaterThan(0);
    await b.frontLog.poller.pollOnce();
    expect(readsOf(polled, since)).toBe(once);
    clock.advance(60_000);
    await b.frontLog.poller.pollOnce();
    await a.frontLog.poller.pollOnce();
    expect(readsOf(polled, since)).toBe(2 * once);
  });

  it('the daily webhook check reads each dispatched system once between both instances', async () => {
    const [a, b] = instances as [RunningApp, RunningApp];
    const since = pluralkit.requests.length;
    await a.frontLog.webhookHealth.checkOnce();
    await b.frontLog.webhookHealth.checkOnce();
    expect(readsOf(dispatched, since)).toBe(1);
  });
});
