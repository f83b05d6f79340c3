import { beforeEach, describe, expect, it } from 'vitest';
import { WebhookUrlRefused, type ManualTimers, type PluralKitEmulator, type SeededSystem } from '../support/pluralkit-emulator/index.js';
import { DispatchReceiver, registerReceiver, useDispatchEnvironment } from './dispatch-receiver.js';
import { call } from './helpers.js';

const environment = useDispatchEnvironment();
let pk: PluralKitEmulator;
let timers: ManualTimers;
let receiver: DispatchReceiver;
let system: SeededSystem;

beforeEach(() => {
  ({ pk, timers, receiver } = environment());
  system = pk.seedSystem({ name: 'Hooked' });
});

/** What the user does in PluralKit's DMs: the receiver learns the token before PluralKit tests it. */
function register(): Promise<string> {
  return registerReceiver(environment(), system.id);
}

async function refusal(promise: Promise<unknown>): Promise<WebhookUrlRefused> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof WebhookUrlRefused)) throw new Error(`expected WebhookUrlRefused, got ${String(error)}`);
  return error;
}

describe('setting the URL (pk;system webhook)', () => {
  it('sends a PING with the new token, then one with a wrong token, and stores URL and token when they get 200 and 401', async () => {
    const token = await register();
    expect(token).toMatch(/^[A-Za-z0-9+/]{64}$/);
    expect(pk.dispatch.signingToken(system.id)).toBe(token);
    expect(receiver.posts.map((post) => post.envelope)).toEqual([
      { type: 'PING', signing_token: token, system_id: system.uuid },
      { type: 'PING', signing_token: expect.stringMatching(/^[A-Za-z0-9+/]{64}$/) as unknown, system_id: system.uuid },
    ]);
    expect(receiver.posts[1]?.envelope.signing_token).not.toBe(token);
    expect(Object.keys(receiver.posts[0]!.envelope)).toEqual(['type', 'signing_token', 'system_id']);
    expect(pk.dispatch.deliveries.map((delivery) => [delivery.purpose, delivery.type, delivery.status])).toEqual([
      ['url-test', 'PING', 200],
      ['url-test', 'PING', 401],
    ]);
    const own = (await call(pk, 'GET', '/systems/@me', { token: system.token })).json as Record<string, unknown>;
    expect(own.webhook_url).toBe(receiver.url);
    expect(JSON.stringify(own)).not.toContain(token);
  });

  it('shows webhook_url to the owner only: the key is absent for anyone else', async () => {
    await register();
    const other = pk.seedSystem();
    const asOther = (await call(pk, 'GET', `/systems/${system.id}`, { token: other.token })).json as Record<string, unknown>;
    const anonymous = (await call(pk, 'GET', `/systems/${system.id}`)).json as Record<string, unknown>;
    expect('webhook_url' in asOther).toBe(false);
    expect('webhook_url' in anonymous).toBe(false);
    const owner = (await call(pk, 'GET', `/systems/${system.id}`, { token: system.token })).json as Record<string, unknown>;
    expect(Object.keys(owner).slice(-2)).toEqual(['webhook_url', 'privacy']);
  });

  it('refuses a receiver that accepts any token (TestFailed) and stores nothing', async () => {
    receiver.answer = () => 200;
    const error = await refusal(register());
    expect(error.reason).toBe('TestFailed');
    expect(error.message).toBe('Failed to validate the webhook url: server failed to validate the signing token');
    expect(pk.dispatch.signingToken(system.id)).toBeNull();
    expect(((await call(pk, 'GET', '/systems/@me', { token: system.token })).json as Record<string, unknown>).webhook_url).toBeNull();
  });

  it('refuses a receiver that does not answer 200 to the genuine PING, without sending the second one', async () => {
    receiver.answer = () => 500;
    const error = await refusal(register());
    expect(error.reason).toBe('InvalidResponseCode(500)');
    expect(receiver.posts).toHaveLength(1);
    expect(pk.dispatch.signingToken(system.id)).toBeNull();
  });

  it('refuses a receiver that answers the genuine PING with 401 (it did not learn the token)', async () => {
    const error = await refusal(pk.dispatch.setWebhookUrl(system.id, receiver.url));
    expect(error.reason).toBe('InvalidResponseCode(401)');
  });

  it('refuses an unreachable URL (FetchFailed)', async () => {
    const closed = await DispatchReceiver.start();
    await closed.close();
    const error = await refusal(pk.dispatch.setWebhookUrl(system.id, closed.url));
    expect(error.reason).toBe('FetchFailed');
    expect(error.message).toBe('Failed to validate the webhook url: unable to reach server');
  });

  it('gives up on a receiver that does not answer within 10 s (FetchFailed)', async () => {
    receiver.answer = () => 'hang';
    const pending = refusal(register());
    await receiver.received(1);
    timers.advance(9_999);
    expect(pk.dispatch.deliveries[0]?.state).toBe('sending');
    timers.advance(1);
    expect((await pending).reason).toBe('FetchFailed');
    expect(pk.dispatch.deliveries[0]?.state).toBe('timed-out');
  });

  it.each([
    ['http to a public host', 'http://example.com/hook'],
    ['another scheme', 'ftp://127.0.0.1/hook'],
    ['a private address', 'https://10.1.2.3/hook'],
    ['not a URL', 'example.com/hook'],
  ])('refuses %s before any PING (InvalidUrl)', async (_what, url) => {
    const error = await refusal(pk.dispatch.setWebhookUrl(system.id, url));
    expect(error.reason).toBe('InvalidUrl');
    expect(error.message).toBe(`The URL \`${url}\` is invalid or I cannot access it. Are you sure this is a valid, publicly accessible URL?`);
    expect(pk.dispatch.deliveries).toEqual([]);
  });

  it('refuses a Discord webhook URL', async () => {
    const error = await refusal(pk.dispatch.setWebhookUrl(system.id, 'https://discord.com/api/webhooks/123/abc'));
    expect(error.reason).toBe('DiscordWebhookUrl');
    expect(pk.dispatch.deliveries).toEqual([]);
  });

  it('setting the URL is no system update: no UPDATE_SYSTEM follows the PINGs', async () => {
    await register();
    await call(pk, 'GET', '/systems/@me', { token: system.token });
    expect(receiver.types).toEqual(['PING', 'PING']);
  });

  it('a new URL gets a new token; the old token is no longer sent', async () => {
    const first = await register();
    const second = await register();
    expect(second).not.toBe(first);
    receiver.posts.length = 0;
    await call(pk, 'PATCH', '/systems/@me', { token: system.token, body: { name: 'Renamed' } });
    await pk.dispatch.waitForDeliveries(1, { type: 'UPDATE_SYSTEM' });
    expect(receiver.posts.map((post) => post.envelope.signing_token)).toEqual([second]);
  });
});

describe('clearing the URL and systems without one', () => {
  it('sends nothing for writes of a system without a URL', async () => {
    await call(pk, 'PATCH', '/systems/@me', { token: system.token, body: { name: 'Quiet' } });
    expect(pk.dispatch.deliveries).toEqual([]);
    expect(pk.dispatch.signingToken(system.id)).toBeNull();
  });

  it('clears URL and token together, after which writes send nothing', async () => {
    await register();
    pk.dispatch.clearWebhookUrl(system.id);
    pk.dispatch.clearDeliveries();
    expect(pk.dispatch.signingToken(system.id)).toBeNull();
    expect(((await call(pk, 'GET', '/systems/@me', { token: system.token })).json as Record<string, unknown>).webhook_url).toBeNull();
    await call(pk, 'PATCH', '/systems/@me', { token: system.token, body: { name: 'Cleared' } });
    expect(pk.dispatch.deliveries).toEqual([]);
  });

  it('a seeded webhook_url skips the URL test and gets a signing token on first use', async () => {
    const seeded = pk.seedSystem({ webhook_url: receiver.url });
    const token = pk.dispatch.signingToken(seeded.id);
    expect(token).toMatch(/^[A-Za-z0-9+/]{64}$/);
    receiver.token = token;
    await call(pk, 'PATCH', '/systems/@me', { token: seeded.token, body: { tag: '|x' } });
    const [delivery] = await pk.dispatch.waitForDeliveries(1);
    expect(delivery?.envelope).toMatchObject({ type: 'UPDATE_SYSTEM', signing_token: token, data: { tag: '|x' } });
    expect(delivery?.status).toBe(200);
  });
});
