import { Events, GatewayIntentBits, type Client } from 'discord.js';
import { WebSocket } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../support/fake-discord/index.js';
import { createClient, loggedInClient, nextEvent, nextInteraction } from './discord-client.js';

describe('fake Discord gateway', () => {
  const fakes: FakeDiscord[] = [];
  const clients: Client[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.destroy();
    for (const fake of fakes.splice(0)) await fake.close();
  });

  async function fakeDiscord(options?: Parameters<typeof startFakeDiscord>[0]): Promise<FakeDiscord> {
    const fake = await startFakeDiscord(options);
    fakes.push(fake);
    return fake;
  }

  it('lets a real discord.js client log in, and records its IDENTIFY and REST calls', async () => {
    const fake = await fakeDiscord();
    const client = await loggedInClient(fake);
    clients.push(client);

    await fake.waitForReady();
    const identify = await fake.waitForIdentify();
    expect(identify.intents).toBe(GatewayIntentBits.DirectMessages);
    expect(identify.token).toBe(fake.botToken);
    expect(client.user?.id).toBe(fake.botUserId);
    expect(client.application?.id).toBe(fake.applicationId);
    const gatewayRequest = fake.requests.find((r) => r.path === '/gateway/bot');
    expect(gatewayRequest?.headers.authorization).toBe(`Bot ${fake.botToken}`);
    expect(gatewayRequest?.status).toBe(200);
  });

  it('makes login fail for a wrong token', async () => {
    const fake = await fakeDiscord();
    const client = createClient(fake);
    clients.push(client);
    await expect(client.login('not-the-token')).rejects.toThrow(/token/i);
    expect(fake.requests.some((r) => r.path === '/gateway/bot' && r.status === 401)).toBe(true);
  });

  it('closes the socket with 4004 when IDENTIFY carries a wrong token', async () => {
    const fake = await fakeDiscord();
    const socket = new WebSocket(`${fake.gatewayUrl}?v=10&encoding=json`);
    const hello = await new Promise<{ op: number; d: { heartbeat_interval: number } }>((resolve) => socket.once('message', (raw) => resolve(JSON.parse(raw.toString()))));
    expect(hello).toMatchObject({ op: 10, d: { heartbeat_interval: 45_000 } });
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send(JSON.stringify({ op: 2, d: { token: 'wrong', intents: 0, properties: {} } }));
    expect(await closed).toBe(4004);
    expect(fake.identifies).toHaveLength(1);
  });

  it('answers heartbeats with an ACK', async () => {
    // Short enough to beat several times, long enough that a busy 2-core machine does not delay an ACK past the next beat.
    const fake = await fakeDiscord({ heartbeatIntervalMs: 250 });
    const client = await loggedInClient(fake);
    clients.push(client);
    let resumes = 0;
    client.on(Events.ShardResume, () => resumes++);
    // The client beats several times; a missing ACK would make it drop a "zombie" connection and resume.
    expect(await waitForPing(client)).toBeGreaterThanOrEqual(0);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(resumes).toBe(0);
    expect(fake.identifies).toHaveLength(1);
  });

  it('resumes after dropGateway and still delivers interactions dispatched while it was away', async () => {
    const fake = await fakeDiscord();
    const client = await loggedInClient(fake);
    clients.push(client);
    const resumed = nextEvent(client, Events.ShardResume);

    const drop = fake.dropGateway();
    const received = nextInteraction(client);
    const handle = fake.slashCommand({ name: 'ping' });
    expect(await drop.reconnected()).toBe('resumed');
    await resumed;
    const interaction = await received;
    expect(interaction.id).toBe(handle.id);
    expect(fake.identifies).toHaveLength(1);
  });
});

function waitForPing(client: Client): Promise<number> {
  return new Promise((resolve) => {
    const check = setInterval(() => {
      const ping = client.ws.shards.first()?.ping ?? -1;
      if (ping >= 0) {
        clearInterval(check);
        resolve(ping);
      }
    }, 10);
  });
}
