import { ChannelType, DiscordAPIError, Events, type Client } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../support/fake-discord/index.js';
import { loggedInClient, nextEvent } from './discord-client.js';

const CAROL = { id: '200000000000000003', username: 'carol' };
const DAVE = { id: '200000000000000004', username: 'dave' };

describe('fake Discord direct messages', () => {
  let fake: FakeDiscord;
  let client: Client;

  beforeAll(async () => {
    fake = await startFakeDiscord();
    client = await loggedInClient(fake);
  });

  afterAll(async () => {
    await client?.destroy();
    await fake?.close();
  });

  it('delivers a DM from a user as messageCreate in an uncached DM channel', async () => {
    const created = nextEvent(client, Events.MessageCreate);
    const sent = await fake.directMessage({ user: CAROL, content: 'hello bot' });
    const [message] = await created;
    expect(message.id).toBe(sent.id);
    expect(message.content).toBe('hello bot');
    expect(message.author.id).toBe(CAROL.id);
    expect(message.author.username).toBe('carol');
    expect(message.channel.type).toBe(ChannelType.DM);
    expect(message.channelId).toBe(fake.dmChannelId(CAROL.id));
  });

  it('records what the bot sends in a DM, and the reply lands in the same channel the user wrote in', async () => {
    const created = nextEvent(client, Events.MessageCreate);
    await fake.directMessage({ user: CAROL, content: 'again' });
    const [incoming] = await created;
    const reply = await incoming.reply({ content: 'got it', allowedMentions: { parse: [] } });
    expect(reply.channelId).toBe(incoming.channelId);

    const sent = await client.users.send(CAROL.id, 'direct');
    expect(sent.channel.type).toBe(ChannelType.DM);
    const bodies = fake.dmMessagesTo(CAROL.id).map((r) => r.body as { content: string });
    expect(bodies.map((b) => b.content)).toEqual(['got it', 'direct']);
    expect(fake.dmMessagesTo(DAVE.id)).toEqual([]);
  });

  it('refuses messages to a user with closed DMs with 50007, and accepts them again once reopened', async () => {
    fake.setDmsClosed(DAVE.id, true);
    const error = await client.users.send(DAVE.id, 'are you there?').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ code: 50007, status: 403 });
    expect(fake.dmMessagesTo(DAVE.id)).toEqual([]);

    fake.setDmsClosed(DAVE.id, false);
    await client.users.send(DAVE.id, 'now?');
    expect(fake.dmMessagesTo(DAVE.id)).toHaveLength(1);
  });

  it('requires the bot token on bot routes but not on interaction webhooks', async () => {
    const response = await fetch(`${fake.apiUrl}/v10/users/@me`);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ code: 0, message: '401: Unauthorized' });
    const authorized = await fetch(`${fake.apiUrl}/v10/users/@me`, { headers: { authorization: `Bot ${fake.botToken}` } });
    expect(await authorized.json()).toMatchObject({ id: fake.botUserId, bot: true });
  });
});
