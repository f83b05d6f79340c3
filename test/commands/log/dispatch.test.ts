import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonId, GUILD, messageText, OWNER, type World } from '../helpers.js';
import { channelOption, LOG_CHANNEL, passAggregation, postsIn, startDispatchWorld } from './helpers.js';

/*
 * Dispatch (PUBLIC_URL set): setup hands out the URL and a form for PluralKit's signing token;
 * the emulator runs PluralKit's URL test (PING with the token → 200, with another → 401) and then
 * delivers envelopes on every write; posts wait out the aggregation on the app's clock.
 */
describe('/log by dispatch', () => {
  let w: World;
  let url: string;
  let alice: { id: string };
  let bea: { id: string };

  beforeAll(async () => {
    ({ w, url, alice, bea } = await startDispatchWorld());
  });
  afterAll(() => w?.stop());

  const post = (body: string | Buffer) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  it('sets up: the URL, the command for PluralKit, and a form that takes the signing token PluralKit then tests', async () => {
    const reply = await w.run('log', 'setup', { channel: channelOption(LOG_CHANNEL), style: 'board' });
    expect(messageText(reply)).toContain(`pk;system webhook ${url}`);
    const signingToken = await w.h.pluralkit.dispatch.setWebhookUrl(w.system.id, url, {
      beforeTest: async (token) => {
        const opened = await w.h.discord.button({ customId: buttonId(reply, 'Enter signing token'), user: OWNER, guildId: GUILD }).initialResponse();
        const saved = await w.h.discord.modalSubmit({ customId: opened.data!.custom_id as string, fields: { signing_token: token }, user: OWNER, guildId: GUILD }).finalMessage();
        expect(messageText(saved)).toMatch(/Signing token saved/);
      },
    });
    const pings = w.h.pluralkit.dispatch.deliveries.filter((delivery) => delivery.purpose === 'url-test');
    expect(pings.map((ping) => ping.status)).toEqual([200, 401]);
    const [stored] = await w.h.app.services.stores.logSubscriptions.forSystem(w.system.uuid);
    expect(stored!.signingToken).not.toBeNull();
    expect(stored!.signingToken!.ciphertext.toString('utf8')).not.toContain(signingToken);
  });

  it('posts a switch made anywhere within the aggregation wait, re-read from PluralKit; quick changes make one edit of the board', async () => {
    const side = w.h.pluralkit.asPluralKit(w.system.id);
    side.request('POST', '/systems/@me/switches', { members: [alice.id] });
    side.request('POST', '/systems/@me/switches', { members: [alice.id, bea.id] });
    await w.h.pluralkit.dispatch.waitForDeliveries(2, { type: 'CREATE_SWITCH' });
    await passAggregation(w, LOG_CHANNEL);
    const posts = postsIn(w, LOG_CHANNEL);
    expect(posts).toHaveLength(1);
    expect(posts[0]).toContain('**Alice**, **Bea**');
  });

  it('keeps one board message: a later switch edits it, and a deleted board is posted anew', async () => {
    const side = w.h.pluralkit.asPluralKit(w.system.id);
    const [board] = w.h.discord.channelMessages(LOG_CHANNEL);
    side.request('POST', '/systems/@me/switches', { members: [bea.id] });
    await w.h.pluralkit.dispatch.waitForDeliveries(3, { type: 'CREATE_SWITCH' });
    await passAggregation(w, LOG_CHANNEL);
    expect(w.h.discord.channelMessages(LOG_CHANNEL).map((message) => message.id)).toEqual([board!.id]);
    expect(postsIn(w, LOG_CHANNEL)[0]).toMatch(/"Fronter","value":"\*\*Bea\*\*"/);

    await fetch(`${w.h.discord.apiUrl}/v10/channels/${LOG_CHANNEL}/messages/${board!.id}`, { method: 'DELETE', headers: { authorization: `Bot ${w.h.discord.botToken}` } });
    side.request('POST', '/systems/@me/switches', { members: [alice.id] });
    await w.h.pluralkit.dispatch.waitForDeliveries(4, { type: 'CREATE_SWITCH' });
    await passAggregation(w, LOG_CHANNEL);
    const now = w.h.discord.channelMessages(LOG_CHANNEL);
    expect(now).toHaveLength(1);
    expect(now[0]!.id).not.toBe(board!.id);
  });

  it('shows that the front is private on a public board once PluralKit hides it', async () => {
    w.h.pluralkit.asPluralKit(w.system.id).request('PATCH', '/systems/@me', { privacy: { front_privacy: 'private' } });
    await w.h.pluralkit.dispatch.waitForDeliveries(1, { type: 'UPDATE_SYSTEM' });
    await passAggregation(w, LOG_CHANNEL);
    const board = postsIn(w, LOG_CHANNEL);
    expect(board).toHaveLength(1);
    expect(board[0]).toContain("front is private");
    expect(board[0]).not.toContain('Alice');
    w.h.pluralkit.asPluralKit(w.system.id).request('PATCH', '/systems/@me', { privacy: { front_privacy: 'public' } });
    await w.h.pluralkit.dispatch.waitForDeliveries(2, { type: 'UPDATE_SYSTEM' });
    await passAggregation(w, LOG_CHANNEL);
  });

  it('ignores what it does not use (CREATE_MESSAGE) without asking PluralKit or posting', async () => {
    const requests = w.h.pluralkit.requests.length;
    const discordRequests = w.h.discord.requests.length;
    const sleeping = w.h.clock.sleeping;
    w.h.pluralkit.asPluralKit(w.system.id).proxyMessage({ member: alice.id, channel: '450000000000000001', guild: GUILD });
    const [delivery] = await w.h.pluralkit.dispatch.waitForDeliveries(1, { type: 'CREATE_MESSAGE' });
    expect(delivery!.status).toBe(200);
    expect(w.h.pluralkit.requests.length).toBe(requests);
    expect(w.h.discord.requests.length).toBe(discordRequests);
    expect(w.h.clock.sleeping).toBe(sleeping);
  });

  it('refuses bad input with 400, an unknown system or a wrong token with 401, never a 5xx', async () => {
    const signingToken = w.h.pluralkit.dispatch.signingToken(w.system.id)!;
    const sleeping = w.h.clock.sleeping;
    const envelope = (fields: Record<string, unknown>) => JSON.stringify({ type: 'CREATE_SWITCH', signing_token: signingToken, system_id: w.system.uuid, id: null, data: null, ...fields });
    expect((await post('{"type": "PING",')).status).toBe(400);
    expect((await post('"a string"')).status).toBe(400);
    expect((await post(JSON.stringify({ type: 'PING' }))).status).toBe(400);
    expect((await post(envelope({ type: 5 }))).status).toBe(400);
    expect((await post(envelope({ system_id: 'x'.repeat(500) }))).status).toBe(400);
    expect((await post(Buffer.alloc(200_000, 0x20))).status).toBe(400);
    expect((await post(envelope({ system_id: '00000000-0000-4000-8000-000000000000' }))).status).toBe(401);
    expect((await post(envelope({ signing_token: 'A'.repeat(64) }))).status).toBe(401);
    expect((await post(envelope({ signing_token: 'short' }))).status).toBe(401);
    expect((await post(envelope({ type: 'PING' }))).status).toBe(200);
    expect((await fetch(url)).status).toBe(405);
    // Nothing was queued: no aggregation wait began.
    expect(w.h.clock.sleeping).toBe(sleeping);
  });

  it('checks daily that the webhook URL still points here: the board and /log view say when it does not, and the mark goes when it does again', async () => {
    w.h.pluralkit.dispatch.clearWebhookUrl(w.system.id);
    await dailyCheck();
    expect(postsIn(w, LOG_CHANNEL)[0]).toMatch(/no longer points to Switchboard/);
    expect(messageText(await w.run('log', 'view'))).toMatch(/Health: PluralKit's webhook URL of this system no longer points to Switchboard/);
    await w.h.pluralkit.dispatch.setWebhookUrl(w.system.id, url, {
      beforeTest: (token) => w.h.app.services.stores.logSubscriptions.setSigningToken(w.system.uuid, w.h.app.services.tokens.sealSecret('dispatch-signing-token', w.system.uuid, token)).then(() => undefined),
    });
    await dailyCheck();
    expect(postsIn(w, LOG_CHANNEL)[0]).not.toMatch(/no longer points/);
    expect(messageText(await w.run('log', 'view'))).toMatch(/Health: working/);
  });

  /** Lets the rest of the day's wait pass (nothing else waits on the clock now) and the check finish. */
  async function dailyCheck(): Promise<void> {
    const moved = w.h.clock.wakeNext();
    expect(moved).toBeGreaterThan(23 * 60 * 60 * 1000);
    expect(moved).toBeLessThanOrEqual(24 * 60 * 60 * 1000);
    await w.h.clock.whenSleeping();
  }

  it('/log view says dispatch and the last change; /log stop reminds to clear the URL in PluralKit', async () => {
    expect(messageText(await w.run('log', 'view'))).toMatch(/Delivery: PluralKit's dispatch\nLast change seen: <t:/);
    const stopped = await w.run('log', 'stop');
    expect(messageText(stopped)).toMatch(/`pk;system webhook` with no URL/);
    expect((await post(JSON.stringify({ type: 'PING', signing_token: w.h.pluralkit.dispatch.signingToken(w.system.id), system_id: w.system.uuid }))).status).toBe(401);
  });
});
